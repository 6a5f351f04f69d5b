"""Image files through the permission check (cems_site.security.media) beside Django serving
the same file without any check, in one process (not run by the tests):
``DATABASE_URL=sqlite:////tmp/copy-of-demo.sqlite3 python bench/private_images.py [--n 300]``.

Uses a demo database (``cems_demo``; give a copy: the script adds one image to the public
policy page and one used nowhere). Requests go through Django's test client (the full
middleware stack), interleaved round by round:

* **floor**: ``django.views.static.serve`` of the same file (what the DEBUG media route did,
  no check), through the same middleware stack;
* **public image, anonymous**: the check finds the image, its collection restriction, its use
  by a live public page, then streams the file;
* **private image, anonymous**: the check ends in a 404;
* **any image, staff**: the user's admin permission, then the file.

Prints the median time per request of each, beside the floor, and the ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cems_site.settings.dev")
os.environ.setdefault("CEMS_PUBLIC_CACHE_SECONDS", "0")


def setup_images():
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from cems_pages.models import PolicyPage

    image_model = get_image_model()
    public = image_model.objects.create(
        title="bench public", file=get_test_image_file(filename="bench-public.png")
    )
    private = image_model.objects.create(
        title="bench private", file=get_test_image_file(filename="bench-private.png")
    )
    policy = PolicyPage.objects.live().filter(locale__language_code="zh-hans").first()
    policy.statement += f'<embed embedtype="image" id="{public.pk}" format="fullwidth" alt=""/>'
    policy.save_revision().publish()
    return public, private


def timed(client, url: str, status: int) -> float:
    start = time.perf_counter()
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    elapsed = time.perf_counter() - start
    assert response.status_code == status, (url, response.status_code)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import path

    from cems_site import urls

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    from django.views.static import serve

    urls.urlpatterns.insert(
        0, path("floor/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})
    )
    public, private = setup_images()
    anonymous, staff = Client(), Client()
    staff.force_login(get_user_model().objects.get(username="auditor"))
    cases = {
        "floor: static serve, no check": (anonymous, f"/floor/{public.file.name}", 200),
        "public image, anonymous": (anonymous, public.file.url, 200),
        "private image, anonymous (404)": (anonymous, private.file.url, 404),
        "private image, staff": (staff, private.file.url, 200),
    }
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.n):
        for name, (client, url, status) in cases.items():
            samples[name].append(timed(client, url, status))
    floor = statistics.median(samples["floor: static serve, no check"])
    print(f"load average: {os.getloadavg()[0]:.1f}; {args.n} interleaved rounds; medians")
    for name, values in samples.items():
        median = statistics.median(values)
        print(
            f"{name:34s} {median * 1000:7.2f} ms   floor {floor * 1000:6.2f} ms   ×{median / floor:.2f}"
        )
    public.delete()
    private.delete()


if __name__ == "__main__":
    main()
