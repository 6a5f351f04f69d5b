"""Fixtures of cems_pages: the site tree in both languages, and role groups with workflows."""

import pytest

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


@pytest.fixture
def home(db):
    return site_root()


@pytest.fixture
def home_en(home):
    return site_root("en")


@pytest.fixture
def tree(home):
    """One published page of every type under the zh-hans home; manual internal."""
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


@pytest.fixture
def tree_en(tree, home_en):
    """English translations of every page of ``tree``."""
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
    result = {"home": home_en}
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
