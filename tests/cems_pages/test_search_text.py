"""Search text from ``search_fields`` (one list), the children mixin, body partials."""

import importlib
import inspect
import pkgutil
import re

from django.template.loader import get_template
from django.utils.html import strip_tags

from wagtail.models import Page
from wagtail.search import index

import pytest

import cems_pages.models
from cems_pages.models import (
    DOCUMENT_MODELS,
    HomePage,
    ManagementRulePage,
    ManualPage,
    ProcedurePage,
)
from cems_pages.models.visibility import ReadableChildrenMixin
from cems_pages.selectors import search_pages

from .factories import (
    PAGE_KEYS,
    GlossaryPageFactory,
    ProcedurePageFactory,
    ScopePageFactory,
    WorkInstructionPageFactory,
)


def _snippets(obj, search_fields):
    """(field name, a piece of its raw text) for every non-empty ``SearchField`` value."""
    for search_field in search_fields:
        if isinstance(search_field, index.RelatedFields):
            for item in getattr(obj, search_field.field_name).all():
                yield from _snippets(item, search_field.fields)
        elif isinstance(search_field, index.SearchField):
            value = getattr(obj, search_field.field_name)
            raw = value.raw_data if hasattr(value, "raw_data") else value
            text = strip_tags(str(raw or "")).strip()
            # The first run of Han characters (or the text itself): a piece no markup splits.
            match = re.search(r"[\u4e00-\u9fff]{2,}", text)
            if match or text:
                yield search_field.field_name, match.group(0) if match else text


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_search_text_holds_every_search_field(tree, key):
    page = Page.objects.get(pk=tree[key].pk).specific
    snippets = list(_snippets(page, page.search_fields))
    assert snippets, key
    for name, snippet in snippets:
        assert snippet in page.search_text, (key, name, snippet)


@pytest.mark.parametrize(
    ("factory", "parent", "fields", "query"),
    [
        (ScopePageFactory, "home", {"reporting_period": "财务年度七月起"}, "财务年度"),
        (
            WorkInstructionPageFactory,
            "procedure",
            {"precautions": "<p>佩戴防尘口罩</p>"},
            "防尘口罩",
        ),
        (ProcedurePageFactory, "manual", {"outputs": "<p>季度能源平衡表</p>"}, "能源平衡"),
    ],
)
def test_fields_that_were_missing_from_search_fields_are_searched(
    auditor, tree, factory, parent, fields, query
):
    page = factory(parent=tree[parent], slug="extra", **fields)
    assert page.pk in {found.pk for found in search_pages(query=query, user=auditor)}


def test_inline_rows_of_related_fields_are_searched(auditor, home):
    glossary = GlossaryPageFactory(parent=home)
    term = glossary.terms.get()
    term.note = "注1：不含水蒸气。"
    term.save()
    glossary.save_revision().publish()
    assert [page.pk for page in search_pages(query="水蒸气", user=auditor)] == [glossary.pk]


def test_bookkeeping_saves_leave_the_search_text_and_content_saves_rebuild_it(tree):
    policy = tree["policy"]
    type(policy).objects.filter(pk=policy.pk).update(search_text="stale")
    policy.refresh_from_db()
    policy.save(update_fields=["latest_revision", "has_unpublished_changes", "draft_title"])
    policy.refresh_from_db()
    assert policy.search_text == "stale"

    policy.statement = "<p>绿色低碳新表述</p>"
    policy.save(update_fields=["statement"])
    policy.refresh_from_db()
    assert "绿色低碳新表述" in policy.search_text


def test_search_text_sources_follow_search_fields():
    for model in (*DOCUMENT_MODELS, HomePage):
        names = {
            field.field_name
            for field in model.search_fields
            if isinstance(field, index.SearchField | index.RelatedFields)
        }
        assert names | {"title", "search_description"} == model.search_text_sources(), model


def test_pages_with_children_share_one_mixin_and_define_no_get_context():
    for model in (HomePage, ManualPage, ProcedurePage, ManagementRulePage):
        assert issubclass(model, ReadableChildrenMixin), model
        assert "get_context" not in vars(model), model


def test_page_models_do_not_import_the_selectors():
    package = cems_pages.models
    imports_selectors = re.compile(r"^\s*(from|import) .*selectors", re.MULTILINE)
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        assert not imports_selectors.search(inspect.getsource(module)), module.__name__


@pytest.mark.parametrize("model", DOCUMENT_MODELS)
def test_body_partial_is_named_in_snake_case_and_exists(db, model):
    name = model().body_template
    assert re.fullmatch(r"cems_pages/includes/body/[a-z]+(_[a-z]+)*_page\.html", name), name
    assert get_template(name) is not None
