"""The accounting report (6.3.2, GB/T 32150 structure) and the run summaries behind it.

``report_context(run, language)`` gathers everything in a fixed number of queries;
``report_pdf(ctx)`` and ``report_xlsx(ctx)`` render it without further queries.
"""

from .context import report_context, run_overview
from .pdf import report_pdf
from .xlsx import report_xlsx

__all__ = ["report_context", "report_pdf", "report_xlsx", "run_overview"]
