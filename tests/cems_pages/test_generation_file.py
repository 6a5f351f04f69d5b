"""The public cache's generation shared by the processes of one machine (cems_pages.cache,
``CEMS_PUBLIC_GENERATION_FILE``): with the per-process locmem cache, a publish in another
process (the task worker publishing a scheduled page or approving a run, a shell) reaches the
web processes at once (4.2, 9.1: interested parties see what is published, not an old copy)."""

import multiprocessing

from django.core.cache import cache

from wagtail.models import Page

import pytest

from cems_pages.cache import public_cache_generation, public_cache_invalidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def marker(settings, tmp_path):
    settings.CEMS_PUBLIC_CACHE_SECONDS = 600
    settings.CEMS_PUBLIC_IDS_SECONDS = 600
    settings.CEMS_PUBLIC_GENERATION_FILE = str(tmp_path / "var" / "public-generation")
    cache.clear()
    yield tmp_path / "var" / "public-generation"
    cache.clear()


def invalidate_in_another_process() -> None:
    """What a task worker does after a publish: raise the generation, in its own process
    (its own locmem cache, which the web process never sees)."""
    child = multiprocessing.get_context("fork").Process(target=public_cache_invalidate)
    child.start()
    child.join(30)
    assert child.exitcode == 0


def test_the_generation_is_the_marker_file_and_rises(marker):
    first = public_cache_generation()
    assert marker.exists()
    assert public_cache_generation() == first
    public_cache_invalidate()
    second = public_cache_generation()
    assert second > first
    invalidate_in_another_process()
    assert public_cache_generation() > second


def test_a_change_made_in_another_process_reaches_the_anonymous_page(client, marker, tree):
    policy = tree["policy"]
    first = client.get(policy.url)
    assert first.status_code == 200
    assert client.get(policy.url).get("X-Cems-Cache") == "hit"
    # a change this process's signals never saw (made elsewhere), then that process's bump
    Page.objects.filter(pk=policy.pk).update(title="方针（另一进程发布）")
    assert "另一进程发布" not in client.get(policy.url).content.decode()  # still the kept copy
    invalidate_in_another_process()
    fresh = client.get(policy.url)
    assert fresh.get("X-Cems-Cache") != "hit"
    assert "另一进程发布" in fresh.content.decode()


def test_with_redis_style_settings_the_counter_stays_in_the_cache(settings, marker):
    settings.CEMS_PUBLIC_GENERATION_FILE = None
    cache.clear()
    first = public_cache_generation()
    public_cache_invalidate()
    assert public_cache_generation() == first + 1
    assert not marker.exists()
