"""Fixtures of cems_pages: the site tree in both languages, and role groups with workflows.

The home pages, the tree and its translations are fixture layers (tests/layers.py): built once
per module, rolled back to a savepoint when a test needs less.
"""

from ..layers import layer
from .factories import (
    GlossaryPageFactory,
    ManagementRulePageFactory,
    ManualPageFactory,
    PolicyPageFactory,
    ProcedurePageFactory,
    ProcessMapPageFactory,
    ScopePageFactory,
    WorkInstructionPageFactory,
    site_root,
)


def _fresh_page(page):
    return type(page).objects.get(pk=page.pk)


def _fresh_pages(pages: dict) -> dict:
    return {key: _fresh_page(page) for key, page in pages.items()}


@layer("home", fresh=_fresh_page)
def home(built):
    """The zh-hans home page rooting the default site."""
    return site_root()


@layer("tree", requires=("home",), fresh=_fresh_pages)
def tree(built):
    """One published page of every type under the zh-hans home; manual internal."""
    home = built["home"]
    manual = ManualPageFactory(parent=home)
    procedure = ProcedurePageFactory(parent=manual)
    rule = ManagementRulePageFactory(parent=manual)
    return {
        "home": home,
        "policy": PolicyPageFactory(parent=home),
        "scope": ScopePageFactory(parent=home),
        "glossary": GlossaryPageFactory(parent=home),
        "manual": manual,
        "procedure": procedure,
        "rule": rule,
        "instruction": WorkInstructionPageFactory(parent=procedure),
        "process_map": ProcessMapPageFactory(parent=manual),
    }


@layer("home_en", requires=("home",), fresh=_fresh_page)
def home_en(built):
    """The English home page (a translation of the zh-hans one)."""
    return site_root("en")


def publish_translation(page, locale_code="en", **changes):
    """Copy ``page`` (whose parent is already translated) to ``locale_code`` and publish it."""
    from wagtail.models import Locale

    copy = page.copy_for_translation(Locale.objects.get(language_code=locale_code)).specific
    for field, value in changes.items():
        setattr(copy, field, value)
    copy.save()
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


@layer("tree_en", requires=("tree", "home_en"), fresh=_fresh_pages)
def tree_en(built):
    """English translations of every page of ``tree``."""
    tree = built["tree"]
    names = {
        "policy": "Carbon policy",
        "scope": "Scope of the system",
        "glossary": "Terms and definitions",
        "manual": "Carbon management manual",
        "procedure": "Accounting procedure",
        "rule": "Metering rule",
        "process_map": "Process map",
        "instruction": "Boiler coal metering instruction",
    }
    result = {"home": built["home_en"]}
    for key in [
        "policy",
        "scope",
        "glossary",
        "manual",
        "procedure",
        "rule",
        "process_map",
        "instruction",
    ]:
        result[key] = publish_translation(tree[key], title=names[key], draft_title=names[key])
    return result
