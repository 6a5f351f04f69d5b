"""Verification engagements (核查) of an approved run: the verifier, scope, materiality, the
rows the verifier recalculated (checked by cems against the run), findings linked to rows,
sources or documents, the enterprise's responses, the opinion and its statement
(T/CSES 146—2024 6.3.3, 9.3; findings become nonconformities, 10.2).

Lives in the project package like ``evidence`` and ``readiness``: it reads the runs
(``calculators``), the registers (``cems_registers``) and the pages (``cems_pages``' documents),
and only ``site/`` may import all three.
"""
