"""The demo enterprise's carbon management documents, in Chinese and English (pure data).

Nothing here imports Django: ``cems_pages.demo`` maps this data onto the page models.
Every document has its document-control facts (number, version, owner department key,
approver key, effective date, review interval, clauses) beside a ``zh`` and an ``en`` dict
of the same shape. Department and people keys resolve through :mod:`.common`.

Page tree (zh-hans, translated to en)::

    HomePage
    ├── PolicyPage          GP-CM-02  (public)
    ├── ScopePage           GP-CM-03  (public)
    ├── GlossaryPage        GP-CM-05  (public)
    └── ManualPage          GP-CM-01  (internal)
        ├── ProcessMapPage  GP-CM-04
        ├── ProcedurePage   GP-CP-01 … GP-CP-14
        │   └── WorkInstructionPage  (under GP-CP-07: GP-WI-04, GP-WI-06 withdrawn)
        └── ManagementRulePage GP-MR-01 … GP-MR-04
            └── WorkInstructionPage  (GP-WI-01, 02, 03, 05)
"""

from .common import DEPARTMENTS, EDITION_DATE, ENTERPRISE, PEOPLE, dept, person
from .glossary import GLOSSARY_PAGE, TERMS
from .home import HOME
from .instructions import INSTRUCTIONS
from .manual import MANUAL
from .policy import POLICY
from .procedures import PROCEDURES
from .process_map import PROCESS_MAP
from .rules import RULES
from .scope import SCOPE, site_rows

#: Documents the demo leaves submitted in their approval workflow (mid-workflow state).
#: A number with a ``pending_revision`` (GP-CP-07) is published first, then its revision is
#: submitted; the others are new documents that have never been published.
IN_WORKFLOW = ("GP-CP-07", "GP-MR-03", "GP-WI-05")

#: Documents the demo marks withdrawn (superseded); they stay readable to staff and auditors.
WITHDRAWN = ("GP-WI-06",)

#: Which demo user (key of the ``users`` dict) owns the documents of each department.
OWNER_USERS = {
    "cmo": "editor",
    "gmo": "rep",
    "energy": "keeper",
    "quality": "keeper",
    "procurement": "keeper",
    "production": "keeper",
    "legal": "rep",
    "hr": "keeper",
    "it": "keeper",
}


def all_documents() -> list[dict]:
    """Every controlled document in the order the loader creates them (parents first; the process map last, as it links procedures)."""
    return [
        POLICY,
        SCOPE,
        GLOSSARY_PAGE,
        MANUAL,
        *PROCEDURES,
        *RULES,
        *INSTRUCTIONS,
        PROCESS_MAP,
    ]


__all__ = [
    "DEPARTMENTS",
    "EDITION_DATE",
    "ENTERPRISE",
    "GLOSSARY_PAGE",
    "HOME",
    "INSTRUCTIONS",
    "IN_WORKFLOW",
    "MANUAL",
    "OWNER_USERS",
    "PEOPLE",
    "POLICY",
    "PROCEDURES",
    "PROCESS_MAP",
    "RULES",
    "SCOPE",
    "TERMS",
    "WITHDRAWN",
    "all_documents",
    "dept",
    "person",
    "site_rows",
]
