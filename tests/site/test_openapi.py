"""The OpenAPI description (/api/v2/openapi.json) against the running API: every documented
path is requested and every response validated against the documented schema."""

import io
import re

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from tests.cems_pages.conftest import home, home_en, tree, tree_en  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_media(db):
    """An image and a document in a collection without a view restriction."""
    from django.core.files.base import ContentFile
    from django.core.files.images import ImageFile

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection, CollectionViewRestriction

    from PIL import Image as PILImage

    root = Collection.get_first_root_node()
    CollectionViewRestriction.objects.filter(collection=root).delete()
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 1000), (30, 110, 60)).save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="一号厂区光伏屋顶",
        file=ImageFile(io.BytesIO(buffer.getvalue()), name="roof.png"),
        collection=root,
    )
    document = get_document_model().objects.create(
        title="2025 年碳排放报告", file=ContentFile(b"%PDF-1.4", name="report.pdf"), collection=root
    )
    return {"image": image, "document": document}


def validator(document, schema):
    return Draft202012Validator({**schema, "components": document["components"]})


def check(document, operation, status, response):
    assert response.status_code == int(status), (operation["operationId"], response.content[:300])
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    error = best_match(validator(document, schema).iter_errors(response.json()))
    assert error is None, (operation["operationId"], list(error.absolute_path), error.message)


def test_the_description_is_generated_and_valid(client, db):
    response = client.get("/api/v2/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    from cems_site.api import api_router

    for name in api_router._endpoints:
        assert f"/api/v2/{name}/" in document["paths"]
        assert f"/api/v2/{name}/{{id}}/" in document["paths"]
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    # every page type's structured fields are described, e.g. the policy's commitments
    policy = next(
        variant
        for variant in document["components"]["schemas"]["pages.detail"]["oneOf"]
        if variant["properties"]["meta"]["properties"]["type"] == {"const": "cems_pages.PolicyPage"}
    )
    for field in ("compliance_commitment", "climate_action_commitment", "objectives_framework"):
        assert policy["properties"][field]["type"] == "string"
    assert "search_text" not in policy["properties"]
    assert "document_owner" not in policy["properties"]


def test_every_documented_path_answers_as_described(client, tree_en, tree, public_media):  # noqa: F811
    document = client.get("/api/v2/openapi.json").json()
    requested = set()

    def operation(path):
        requested.add(path)
        return document["paths"][path]["get"]

    for name in ("pages", "images", "documents", "results"):
        listing_path = f"/api/v2/{name}/"
        if listing_path not in document["paths"]:
            continue
        listing = operation(listing_path)
        known = {parameter["name"] for parameter in listing["parameters"]}
        queries = [{}, {"limit": 1, "offset": 1}]
        if "fields" in known:
            queries.append({"fields": "*"})
        if "scope" in known:
            queries += [{"scope": 1}, {"locale": "en", "year": 2025}]
        if name == "pages":
            queries += [
                {"locale": "en", "fields": "*"},
                {"locale": "zh-hans", "search": "碳排放"},
                {"type": "cems_pages.PolicyPage", "fields": "*"},
                {"type": "cems_pages.ScopePage", "fields": "*"},
            ]
        ids = set()
        for query in queries:
            response = client.get(listing_path, query)
            check(document, listing, 200, response)
            ids |= {item["id"] for item in response.json()["items"] if "id" in item}
        check(document, listing, 400, client.get(listing_path, {"no_such_parameter": 1}))
        if name != "results":
            assert ids, name

        detail = operation(f"/api/v2/{name}/{{id}}/")
        for pk in sorted(ids):
            check(document, detail, 200, client.get(f"/api/v2/{name}/{pk}/"))
        check(document, detail, 404, client.get(f"/api/v2/{name}/999999/"))

        find_path = f"/api/v2/{name}/find/"
        if find_path in document["paths"]:
            find = operation(find_path)
            found = client.get(find_path, {"id": min(ids)})
            assert found.status_code == 302
            assert re.search(rf"/api/v2/{name}/{min(ids)}/", found["Location"])
            check(document, detail, 200, client.get(found["Location"]))
            check(document, find, 404, client.get(find_path, {"id": 999999}))
    for path in ("/zh-hans/policy/", "/en/policy/"):
        found = client.get("/api/v2/pages/find/", {"html_path": path})
        assert found.status_code == 302, path
    assert requested == set(document["paths"])


def test_images_carry_their_renditions(client, public_media):
    image = public_media["image"]
    item = client.get(f"/api/v2/images/{image.pk}/").json()
    wide = item["renditions"]["width-1200"]
    card = item["renditions"]["fill-800x450"]
    assert (wide["width"], wide["height"]) == (1200, 750)
    assert (card["width"], card["height"]) == (800, 450)
    assert card["full_url"].startswith("http://testserver/")
    assert card["alt"] == "一号厂区光伏屋顶"
    listing = client.get("/api/v2/images/", {"fields": "renditions"}).json()
    assert listing["items"][0]["renditions"]["fill-800x450"]["url"] == card["url"]


def test_an_undescribed_field_fails_the_check(client, tree):  # noqa: F811
    """The item schemas are closed: a field the description lacks would be reported."""
    document = client.get("/api/v2/openapi.json").json()
    item = client.get(f"/api/v2/pages/{tree['policy'].pk}/").json()
    item["search_text"] = "internal"
    schema = {"$ref": "#/components/schemas/pages.detail"}
    assert not validator(document, schema).is_valid(item)
    del item["search_text"]
    assert validator(document, schema).is_valid(item)
