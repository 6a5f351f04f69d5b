"""The verifier's evidence pack of an approved accounting run (T/CSES 146—2024 6.3.3, 9.3, 7.5).

One ZIP per approved run: the issued reports, the approved datasets (original files and
validated rows), the factor and GWP sets with their citations, the run's trace, the source,
facility and instrument registers as they stood at approval, calibrations of the period, the
controlled documents in force then (as PDFs of the revision then published), and the change
log since the previous approved run of the same boundary; ``manifest.json`` lists every file
with its SHA-256.

It lives in ``site/`` because it composes all three apps (the documents are ``cems_pages``
pages, which ``calculators`` may not import). The ZIP is deterministic: a second build of
the same run is byte-identical.
"""
