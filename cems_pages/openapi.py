"""OpenAPI 3.1 description of a Wagtail API v2 router, generated from its endpoints (4.2, 7.4:
what interested parties and front-ends may read, described so that it cannot drift).

:func:`openapi_document` walks the router's endpoints. For an endpoint built on a model
(``pages``, ``images``, ``documents``) it builds the serializer Wagtail itself builds for
``?fields=*`` on every model the endpoint serves (every page type for ``pages``) and turns each
serializer field into a JSON Schema (2020-12, which OpenAPI 3.1 uses): model fields by their
DRF class and nullability, fields of this project by their ``openapi_schema`` attribute,
inline child relations recursively. Listing and detail items are ``oneOf`` the types, told
apart by ``meta.type``; every item object is closed (``additionalProperties: false``), so a
field that is not described fails the suite's check (``tests/site/test_openapi.py``) against
the running API.

An endpoint whose responses are not a model's serializer (the disclosed ``results``) describes
itself with a class method ``openapi_description(components)`` returning
``{"listing": schema, "detail": schema, "parameters": [...]}``; without one it is described as
an open object.

Issues no query.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist

from wagtail.api.v2 import serializers as wagtail_serializers
from wagtail.models import Page, get_page_models

from rest_framework import fields as drf

#: Query parameters and what they do, for every endpoint that knows them.
PARAMETER_DESCRIPTIONS = {
    "limit": ("integer", "Most items returned (default 20)."),
    "offset": ("integer", "Items skipped before the first returned."),
    "fields": (
        "string",
        "Comma-separated fields to add to each item; `*` all, `-name` removes one, "
        "`_` starts from none.",
    ),
    "order": ("string", "Field to order by; `-field` descending, `random` shuffled."),
    "search": (
        "string",
        "Substring search as the site's own (a Chinese query such as 碳排放 matches inside "
        "longer words).",
    ),
    "search_operator": ("string", "`and` or `or` (search backends only)."),
    "rich_text_format": ("string", "`html` (default) or another format Wagtail knows."),
    "type": ("string", "Page type as `app_label.ModelName`, e.g. `cems_pages.PolicyPage`."),
    "child_of": ("integer", "Only children of this page id (or `root`)."),
    "ancestor_of": ("integer", "Only ancestors of this page id."),
    "descendant_of": ("integer", "Only descendants of this page id (or `root`)."),
    "translation_of": ("integer", "Only translations of this page id."),
    "locale": ("string", "Language code: `zh-hans` or `en`."),
    "site": ("string", "Hostname of the site whose pages are listed."),
    "scope": ("integer", "Emission scope: 1, 2 or 3."),
    "category": ("string", "GB/T 32150 category key, e.g. `fuel_combustion`."),
    "gas": ("string", "Greenhouse gas, e.g. `CO2`."),
    "year": ("integer", "Reporting year."),
    "disclosure": ("integer", "Id of one results disclosure page."),
}
#: Query parameters that only serve tooling and are not described.
UNDESCRIBED_PARAMETERS = {"_", "format"}

NULLABLE_URI = {"type": ["string", "null"], "format": "uri"}
ERROR_SCHEMA = {
    "type": "object",
    "properties": {"message": {"type": "string"}},
    "required": ["message"],
}


def nullable(schema: dict) -> dict:
    kind = schema.get("type")
    if kind is None:
        return schema
    kinds = kind if isinstance(kind, list) else [kind]
    return {**schema, "type": [*kinds, "null"]} if "null" not in kinds else schema


def nested_page_schema() -> dict:
    """A parent or alias page as the pages endpoint nests it."""
    return {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "meta": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "detail_url": {"type": "string", "format": "uri"},
                    "html_url": NULLABLE_URI,
                },
                "required": ["type", "detail_url"],
            },
            "title": {"type": "string"},
        },
        "required": ["id", "meta", "title"],
    }


#: Schemas of the plain serializer fields, first match wins (subclasses before their bases).
PLAIN_FIELD_SCHEMAS = (
    (wagtail_serializers.TagsField, {"type": "array", "items": {"type": "string"}}),
    (wagtail_serializers.DetailUrlField | wagtail_serializers.PageHtmlUrlField, NULLABLE_URI),
    (wagtail_serializers.TypeField | wagtail_serializers.PageLocaleField, {"type": "string"}),
    (drf.BooleanField, {"type": "boolean"}),
    (drf.IntegerField, {"type": "integer"}),
    (drf.FloatField, {"type": "number"}),
    (drf.DecimalField, {"type": "string", "format": "decimal"}),
    (drf.DateTimeField, {"type": "string", "format": "date-time"}),
    (drf.DateField, {"type": "string", "format": "date"}),
)
STREAM_FIELD_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"type": {"type": "string"}, "id": {"type": "string"}},
        "required": ["type", "value"],
    },
}


def _base_schema(field) -> dict:
    """The schema of ``field`` by its kind, before nullability; issues no query."""
    if isinstance(
        field, wagtail_serializers.PageParentField | wagtail_serializers.PageAliasOfField
    ):
        return nullable(nested_page_schema())  # the home page has no public parent
    if isinstance(field, wagtail_serializers.ChildRelationField):
        return {"type": "array", "items": serializer_schema(field.serializer_class)}
    if isinstance(field, wagtail_serializers.StreamField):
        return dict(STREAM_FIELD_SCHEMA)
    if type(field).__name__ == "PageTypeField":
        return {"type": "string"}
    for kind, schema in PLAIN_FIELD_SCHEMAS:
        if isinstance(field, kind):
            return dict(schema)
    if isinstance(field, drf.ChoiceField):
        return {"type": "string", "enum": [str(key) for key in field.choices]}
    if isinstance(field, drf.CharField):
        return {"type": "string"}
    return {}  # JSON and list fields, and anything unknown: any value


def field_schema(field, model_field=None) -> dict:
    """JSON Schema of one serializer field; issues no query."""
    own = getattr(field, "openapi_schema", None)
    schema = dict(own) if own is not None else _base_schema(field)
    concrete = model_field is not None and getattr(model_field, "concrete", False)
    if getattr(field, "allow_null", False) or (
        own is None and concrete and getattr(model_field, "null", False)
    ):
        schema = nullable(schema)
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
    return schema


def serializer_schema(serializer_class, *, meta_fields=(), required=None, type_name=None):
    """A closed object schema of ``serializer_class``'s fields, meta fields under ``meta``."""
    meta_fields = meta_fields or getattr(serializer_class, "meta_fields", ())
    serializer = serializer_class()
    model = getattr(getattr(serializer_class, "Meta", None), "model", None)
    properties, meta = {}, {}
    for name, field in serializer.fields.items():
        try:
            model_field = model._meta.get_field(name) if model is not None else None
        except FieldDoesNotExist:
            model_field = None
        target = meta if name in meta_fields else properties
        target[name] = field_schema(field, model_field)
    if type_name is not None and "type" in meta:
        meta["type"] = {"const": type_name}
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if meta:
        schema["properties"]["meta"] = {
            "type": "object",
            "properties": meta,
            "additionalProperties": False,
        }
    if required is not None:
        body_required = sorted(name for name in required if name in properties)
        meta_required = sorted(name for name in required if name in meta)
        if meta_required:
            schema["properties"]["meta"]["required"] = meta_required
            body_required = sorted({*body_required, "meta"})
        schema["required"] = body_required
    elif "id" in properties:
        schema["required"] = ["id"]
    return schema


def endpoint_models(endpoint) -> list:
    if issubclass(endpoint.model, Page):
        return [model for model in get_page_models() if model is not Page] or [Page]
    return [endpoint.model]


def type_name(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def model_schemas(router, endpoint, *, detail: bool) -> list[dict]:
    """One closed schema per model the endpoint serves, as ``?fields=*`` serialises it; the
    default fields of a listing (or a detail) required."""
    schemas = []
    for model in endpoint_models(endpoint):
        serializer_class = endpoint._get_serializer_class(
            router, model, [("*", False, None)], show_details=detail
        )
        if detail:
            required = set(endpoint.get_detail_default_fields(model))
            required -= {"alias_of"}
        else:
            required = set(endpoint.get_listing_default_fields(model))
        schemas.append(
            serializer_schema(
                serializer_class,
                meta_fields=endpoint.get_meta_fields_names(model),
                required=required,
                type_name=type_name(model) if issubclass(model, Page) else None,
            )
        )
    return schemas


def is_custom(endpoint) -> bool:
    """The endpoint writes its own listing (not a model serializer's): it describes itself."""
    return not endpoint.listing_view.__module__.startswith("wagtail.")


def parameters(endpoint) -> list[dict]:
    found = []
    for name in sorted(set(endpoint.known_query_parameters) - UNDESCRIBED_PARAMETERS):
        kind, description = PARAMETER_DESCRIPTIONS.get(name, ("string", ""))
        found.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "schema": {"type": kind},
                "description": description,
            }
        )
    return found


def json_response(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def endpoint_description(router, name: str, endpoint, components: dict) -> tuple[dict, dict]:
    """(listing item schema, detail schema, parameters) of one endpoint, as references."""
    own = getattr(endpoint, "openapi_description", None)
    if own is not None:
        description = own(components)
        return description, description.get("parameters", [])
    if endpoint.model is None or is_custom(endpoint):
        return {
            "listing": {
                "type": "object",
                "properties": {"meta": {"type": "object"}, "items": {"type": "array"}},
                "required": ["meta", "items"],
            },
            "detail": {"type": "object"},
        }, parameters(endpoint)
    for detail, key in ((False, "listing_item"), (True, "detail")):
        variants = model_schemas(router, endpoint, detail=detail)
        component = f"{name}.{key}"
        components[component] = variants[0] if len(variants) == 1 else {"oneOf": variants}
    listing = {
        "type": "object",
        "properties": {
            "meta": {
                "type": "object",
                "properties": {"total_count": {"type": "integer"}},
                "required": ["total_count"],
            },
            "items": {
                "type": "array",
                "items": {"$ref": f"#/components/schemas/{name}.listing_item"},
            },
        },
        "required": ["meta", "items"],
        "additionalProperties": False,
    }
    return (
        {"listing": listing, "detail": {"$ref": f"#/components/schemas/{name}.detail"}},
        parameters(endpoint),
    )


def openapi_document(*, router, prefix: str = "/api/v2/", title: str, version: str) -> dict:
    """The OpenAPI 3.1 document of every endpoint of ``router`` mounted at ``prefix``."""
    components: dict = {"Error": ERROR_SCHEMA}
    paths: dict = {}
    error = {"$ref": "#/components/schemas/Error"}
    for name, endpoint in router._endpoints.items():
        description, query = endpoint_description(router, name, endpoint, components)
        tag = [name]
        paths[f"{prefix}{name}/"] = {
            "get": {
                "operationId": f"{name}_listing",
                "tags": tag,
                "summary": f"List {name}",
                "parameters": query,
                "responses": {
                    "200": json_response("A page of items.", description["listing"]),
                    "400": json_response("An unknown parameter or a bad value.", error),
                },
            }
        }
        paths[f"{prefix}{name}/{{id}}/"] = {
            "get": {
                "operationId": f"{name}_detail",
                "tags": tag,
                "summary": f"One of {name} by id",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
                    *[p for p in query if p["name"] in ("fields", "rich_text_format")],
                ],
                "responses": {
                    "200": json_response("The item.", description["detail"]),
                    "404": json_response("No such item, or not public.", error),
                },
            }
        }
        if endpoint.model is not None and not is_custom(endpoint):
            find_parameters = [
                {
                    "name": parameter,
                    "in": "query",
                    "required": False,
                    "schema": {"type": "integer" if parameter == "id" else "string"},
                    "description": "Path of the page as the site shows it, language prefix "
                    "included (`/en/policy/`)."
                    if parameter == "html_path"
                    else "Id of the item.",
                }
                for parameter in sorted(endpoint.find_query_parameters)
            ]
            paths[f"{prefix}{name}/find/"] = {
                "get": {
                    "operationId": f"{name}_find",
                    "tags": tag,
                    "summary": f"Find one of {name}: a redirect to its detail URL",
                    "parameters": find_parameters,
                    "responses": {
                        "302": {
                            "description": "Found: `Location` is the item's detail URL.",
                            "headers": {"Location": {"schema": {"type": "string"}}},
                        },
                        "404": json_response("Not found, or not public.", error),
                    },
                }
            }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": title,
            "version": version,
            "description": "The public, read-only API of the carbon emission management "
            "system (T/CSES 146—2024): live public pages in both languages, their images "
            "and documents, and the disclosed results of approved accounting runs. "
            "Anonymous, GET only.",
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": paths,
        "components": {"schemas": components},
    }
