"""Page models of the controlled documents (clauses 3, 4.3, 4.4, 5.2, 7.3).

One module per page type, re-exported here by name. ``base`` holds the shared abstract parts
(:class:`ControlledDocument`, :class:`SearchTextMixin`: the search text built from a type's
``search_fields``) and imports no page type; ``visibility`` holds which pages a visitor may
read and :class:`~.visibility.ReadableChildrenMixin` (the ``children`` of a page's context),
importing ``base`` only. Page modules import ``base``, ``visibility`` and ``cems_pages.blocks``,
never ``cems_pages.selectors`` (which imports this package). Nothing in ``cems_registers`` or
``calculators`` imports this package.

Page tree (``parent_page_types`` / ``subpage_types``)::

    HomePage (site root, one per locale)
    ├── ManualPage                     internal (login), top-management approval
    │   ├── ProcedurePage              internal
    │   │   └── WorkInstructionPage
    │   ├── ManagementRulePage
    │   │   └── WorkInstructionPage
    │   └── ProcessMapPage
    ├── PolicyPage                     public, top-management approval
    ├── ScopePage                      public
    ├── GlossaryPage                   public
    └── ResultsDisclosurePage          public, top-management approval

Building a tree (demo loaders, tests): call
``cems_pages.services.ensure_site_root(title=..., locale_code="zh-hans")`` first; it returns the
HomePage that is the default Site's root (replacing Wagtail's "Welcome" page), creating it
under the tree root if needed. Then ``home.add_child(instance=PolicyPage(...))`` and publish
with ``page.save_revision(user=...).publish(user=...)`` (or rely on ``live=True`` on create).
Translations: ``page.copy_for_translation(Locale.objects.get(language_code="en"))`` then edit
and publish the copy; ``ensure_site_root`` with ``locale_code="en"`` returns the English home.
Publishing sets ``document_status`` to effective (and ``effective_date`` to today if blank), or
to withdrawn when the published revision has ``withdraw_on_approval`` ticked; the status is
never set by hand (the edit form shows it read-only).
"""

from .base import (
    WORKFLOW_MANAGEMENT_REPRESENTATIVE,
    WORKFLOW_TOP_MANAGEMENT,
    ControlledDocument,
    DocumentStatus,
    SearchTextMixin,
    add_months,
)
from .disclosure import ResultsDisclosurePage
from .feedback import FeedbackPage  # noqa: F401  (public feedback form, 4.2, 8.1 b)
from .glossary import GlossaryPage, GlossaryTerm
from .home import HomePage
from .manual import ManualPage
from .policy import PolicyPage
from .procedure import ProcedurePage
from .process_map import ProcessMapPage
from .rules import ManagementRulePage, WorkInstructionPage
from .scope import ConsolidationApproach, GreenhouseGas, ScopeExclusion, ScopePage, ScopeSite

#: Every controlled-document page type, in the order the manual lists them.
DOCUMENT_MODELS = (
    ManualPage,
    PolicyPage,
    ScopePage,
    ProcessMapPage,
    ProcedurePage,
    ManagementRulePage,
    WorkInstructionPage,
    GlossaryPage,
    ResultsDisclosurePage,
)

__all__ = [
    "DOCUMENT_MODELS",
    "WORKFLOW_MANAGEMENT_REPRESENTATIVE",
    "WORKFLOW_TOP_MANAGEMENT",
    "ConsolidationApproach",
    "ControlledDocument",
    "DocumentStatus",
    "GlossaryPage",
    "GlossaryTerm",
    "GreenhouseGas",
    "HomePage",
    "ManagementRulePage",
    "ManualPage",
    "PolicyPage",
    "ProcedurePage",
    "ProcessMapPage",
    "ResultsDisclosurePage",
    "ScopeExclusion",
    "ScopePage",
    "ScopeSite",
    "SearchTextMixin",
    "WorkInstructionPage",
    "add_months",
]
