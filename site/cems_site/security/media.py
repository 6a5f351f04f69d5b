"""Uploaded images behind a permission check, like documents (issue 13 §6).

Image files (``original_images/…``) and their renditions (``images/…``) are served by
:func:`serve_image_file`, never straight from ``MEDIA_ROOT`` (nor by the DEBUG static route):

* staff (anyone with admin access, :func:`cems_pages.access.can_read_internal`) get every
  image;
* everyone else gets an image only when it is public: in a collection without a view
  restriction, or used (Wagtail's reference index: a chooser, a rich-text embed, a
  StreamField block) by a live page anonymous visitors may read
  (:func:`cems_pages.selectors.public_pages`, without page view restrictions);
* anything else answers 404, exactly like a file that does not exist, so names cannot be
  probed.

With ``CEMS_MEDIA_ACCEL_REDIRECT`` set (e.g. ``/protected-media/``), the file itself is sent
by the web server (``X-Accel-Redirect``, an ``internal`` nginx location on ``MEDIA_ROOT``);
otherwise Django streams it.
"""

import mimetypes
import posixpath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, ReferenceIndex

from cems_pages.access import can_read_internal
from cems_pages.cache import hidden_ids_seconds, public_cache_generation
from cems_pages.selectors import public_pages

IMAGE_FOLDERS = ("original_images/", "images/")


def image_for_path(path: str):
    """The image whose original or rendition file is ``path``, or ``None``."""
    image_model = get_image_model()
    if path.startswith("original_images/"):
        return image_model.objects.filter(file=path).first()
    rendition = (
        image_model.get_rendition_model()
        .objects.filter(file=path)
        .select_related("image__collection")
        .first()
    )
    return rendition.image if rendition is not None else None


def in_restricted_collection(image) -> bool:
    """Whether the image's collection or one of its ancestors has a view restriction."""
    path = image.collection.path
    prefixes = [path[:end] for end in range(image.collection.steplen, len(path) + 1, 4)]
    return CollectionViewRestriction.objects.filter(collection__path__in=prefixes).exists()


def used_by_public_page(image) -> bool:
    """Whether a live page that anonymous visitors may read uses ``image``."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = ReferenceIndex.get_references_to(image).filter(base_content_type=page_type)
    ids = {int(pk) for pk in page_ids.values_list("object_id", flat=True) if pk.isdigit()}
    return bool(ids) and public_pages().public().filter(pk__in=ids).exists()


def is_public_image(image) -> bool:
    """Anonymous visitors may fetch ``image``'s files (see the module docstring).

    The answer is kept ``CEMS_PUBLIC_IMAGE_SECONDS`` (default 60; 0 = off, and off with the
    hidden page ids, ``CEMS_PUBLIC_IDS_SECONDS`` 0) under the public cache's generation,
    which publishing, unpublishing, moving a page, a view restriction or an image save
    raise (:mod:`cems_pages.cache`): a page made internal hides its images at once.
    """
    seconds = int(getattr(settings, "CEMS_PUBLIC_IMAGE_SECONDS", 60) or 0)
    if not seconds or not hidden_ids_seconds():
        return not in_restricted_collection(image) or used_by_public_page(image)
    key = f"cems:public:image:{public_cache_generation()}:{image.pk}"
    public = cache.get(key)
    if public is None:
        public = not in_restricted_collection(image) or used_by_public_page(image)
        cache.set(key, public, timeout=seconds)
    return public


def file_response(path: str) -> HttpResponse:
    """The file at ``path`` of the default storage: by the web server or streamed."""
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    accel = getattr(settings, "CEMS_MEDIA_ACCEL_REDIRECT", "")
    if accel:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + path
        return response
    try:
        handle = default_storage.open(path, "rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, content_type=content_type)


@require_safe
def serve_image_file(request, path: str):
    """``/media/original_images/<name>`` and ``/media/images/<name>``, with the check."""
    path = posixpath.normpath(path)
    if not path.startswith(IMAGE_FOLDERS) or ".." in path.split("/"):
        raise Http404
    image = image_for_path(path)
    if image is None:
        raise Http404
    staff = can_read_internal(request.user)
    public = is_public_image(image)
    if not (staff or public):
        raise Http404
    response = file_response(path)
    if public:
        patch_cache_control(response, public=True, max_age=settings.CEMS_PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
