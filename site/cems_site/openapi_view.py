"""``/api/v2/openapi.json``: the OpenAPI 3.1 description of the public API, generated from the
router's endpoints (:mod:`cems_pages.openapi`), so it follows every endpoint and field."""

from django.http import JsonResponse

from cems_pages.openapi import openapi_document

from .api import api_router

#: Version of the API's description: raised when a response changes shape.
API_VERSION = "2.1"


def openapi_view(request):
    """The description of every endpoint of :data:`cems_site.api.api_router`."""
    document = openapi_document(router=api_router, title="cems public API", version=API_VERSION)
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
