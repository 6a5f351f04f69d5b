"""Clause-readiness self-assessment against T/CSES 146—2024, chapters 4–10 (whole standard).

Sits in ``site/`` because its checks read ``cems_pages``, ``cems_registers`` and
``calculators``; only the site may import all three (DESIGN.md, "Which way imports go").
``rules`` is the clause → checks table (data), ``checks`` the registry of named selectors,
``selectors`` evaluates the table, ``services`` writes assessments and n/a reasons.
"""
