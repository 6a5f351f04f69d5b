"""Uploaded images behind a permission check (issue 13 §6; cems_site.security.media).

The probe fetched ``/media/original_images/…`` of an image used only in an internal document
(200) although the image API hid it. Now image files answer only when the image is public
(used by a page anonymous visitors may read, or in an unrestricted collection); staff get
every image; everything else is a 404 like a file that does not exist.
"""

import importlib

from django.core.cache import cache
from django.test import override_settings
from django.urls import clear_url_caches, resolve

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

import pytest

from cems_registers.roles import Role
from cems_site.security.media import serve_image_file

from ..cems_pages.factories import ManualPageFactory, PolicyPageFactory, site_root

pytestmark = pytest.mark.django_db


def embed(image) -> str:
    return f'<p>图示</p><embed embedtype="image" id="{image.pk}" format="fullwidth" alt="图"/>'


@pytest.fixture
def images():
    """One image in the internal manual only, one in the public policy, one used nowhere."""
    cache.clear()  # Wagtail caches renditions there; ids repeat after a rollback on SQLite
    Image = get_image_model()
    made = {
        key: Image.objects.create(title=key, file=get_test_image_file(filename=f"{key}.png"))
        for key in ("internal", "public", "unused")
    }
    home = site_root()
    ManualPageFactory(parent=home, introduction=embed(made["internal"]))
    PolicyPageFactory(parent=home, statement=embed(made["public"]))
    return made


def urls(image) -> list[str]:
    return [image.file.url, image.get_rendition("width-50").url]


def test_the_root_collection_is_restricted_here(images):
    """The premise: the deployment's root collection is private (cems_registers 0005), so
    only page usage makes an image public."""
    root = Collection.get_first_root_node()
    assert CollectionViewRestriction.objects.filter(collection=root).exists()


@pytest.mark.parametrize("key", ["internal", "unused"])
def test_anonymous_gets_404_for_images_not_on_public_pages(client, images, key):
    for url in urls(images[key]):
        assert url.startswith("/media/")
        assert client.get(url).status_code == 404, url
    assert client.get("/media/original_images/nothing-here.png").status_code == 404


def test_anonymous_gets_images_of_public_pages(client, images):
    for url in urls(images["public"]):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
        assert "public" in response["Cache-Control"]


def test_staff_get_every_image_never_cached_publicly(client, images, make_user):
    client.force_login(make_user("auditor", Role.AUDITORS))
    for key in ("internal", "unused", "public"):
        for url in urls(images[key]):
            response = client.get(url)
            assert response.status_code == 200, (key, url)
    private = client.get(images["internal"].file.url)
    assert "private" in private["Cache-Control"] and "no-store" in private["Cache-Control"]


def test_a_logged_in_user_without_admin_access_is_anonymous_here(client, images, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitor", password="pw"))
    assert client.get(images["internal"].file.url).status_code == 404
    assert client.get(images["public"].file.url).status_code == 200


def test_an_image_in_an_unrestricted_collection_is_public(client, images):
    CollectionViewRestriction.objects.all().delete()
    assert client.get(images["unused"].file.url).status_code == 200


def test_a_page_made_internal_hides_its_images(client, images):
    from cems_pages.models import PolicyPage

    policy = PolicyPage.objects.get()
    policy.is_public = False
    policy.save_revision().publish()
    assert client.get(images["public"].file.url).status_code == 404


def test_path_tricks_are_404(client, images):
    for path in (
        "/media/original_images/../images/x.png",
        "/media/images/%2e%2e/original_images/internal.png",
        "/media/original_images/",
    ):
        assert client.get(path).status_code == 404, path


@override_settings(CEMS_MEDIA_ACCEL_REDIRECT="/protected-media/")
def test_the_web_server_sends_the_file_after_the_check(client, images):
    response = client.get(images["public"].file.url)
    assert response["X-Accel-Redirect"] == f"/protected-media/{images['public'].file.name}"
    assert client.get(images["internal"].file.url).status_code == 404


def test_debug_has_no_route_around_the_check(settings):
    """With DEBUG on, the URLconf adds static files only: image files still resolve to the
    checking view."""
    import cems_site.urls

    settings.DEBUG = True
    try:
        importlib.reload(cems_site.urls)
        clear_url_caches()
        for path in ("/media/original_images/a.png", "/media/images/a.width-50.png"):
            assert resolve(path).func is serve_image_file
        patterns = [str(p.pattern) for p in cems_site.urls.urlpatterns]
        assert not any(p.startswith("^media/(?P<path>") and "serve" in p for p in patterns[1:])
    finally:
        settings.DEBUG = False
        importlib.reload(cems_site.urls)
        clear_url_caches()


@override_settings(CEMS_PUBLIC_IDS_SECONDS=600, CEMS_PUBLIC_IMAGE_SECONDS=60)
def test_the_kept_answer_follows_a_page_made_internal(client, images, django_assert_num_queries):
    from cems_pages.models import PolicyPage

    url = images["public"].file.url
    assert client.get(url).status_code == 200
    with django_assert_num_queries(1):  # the image by its file; the answer is kept
        assert client.get(url).status_code == 200
    policy = PolicyPage.objects.get()
    policy.is_public = False
    policy.save_revision().publish()  # raises the public cache's generation
    assert client.get(url).status_code == 404
