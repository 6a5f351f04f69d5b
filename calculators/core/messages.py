"""Message templates of the pure accounting core (8.5: every error names row, column, value).

The core imports nothing from Django, so it cannot translate. Every user-facing string of
the core is a plain constant wrapped in :func:`gettext_noop`, a local identity function whose
*name* makemessages recognises, so the strings land in the ``calculators`` catalogue. The
Django layer translates at display time::

    from django.utils.translation import gettext
    text = gettext(issue.message) % issue.params

Templates use named placeholders only. Every intake issue carries ``row`` (the row number as
in the file, header = row 1), ``column`` (template key) and ``value`` in its params.
"""


def gettext_noop(message: str) -> str:
    """Mark ``message`` for extraction; return it unchanged (the Django layer translates)."""
    return message


# --- intake: file level ---------------------------------------------------------------------
FILE_UNREADABLE = gettext_noop(
    "%(value)s could not be read: it is damaged, or it is not the CSV or XLSX file its name says."
)
FILE_EMPTY = gettext_noop("The file holds no data rows.")
MISSING_COLUMN = gettext_noop("Required column %(column)s is missing from the header row.")
UNKNOWN_COLUMN = gettext_noop("Row %(row)s: column %(value)s is not a template column.")
DUPLICATE_COLUMN = gettext_noop("Row %(row)s: column %(column)s appears more than once.")

# --- intake: cell level ---------------------------------------------------------------------
REQUIRED_VALUE = gettext_noop("Row %(row)s: %(column)s is required.")
NOT_A_NUMBER = gettext_noop("Row %(row)s: %(column)s %(value)s is not a number.")
NEGATIVE_VALUE = gettext_noop("Row %(row)s: %(column)s %(value)s must not be negative.")
TOO_LARGE = gettext_noop(
    "Row %(row)s: %(column)s %(value)s is too large; no activity record reaches %(high)s."
)
OUT_OF_RANGE = gettext_noop(
    "Row %(row)s: %(column)s %(value)s must lie between %(low)s and %(high)s."
)
TOO_LONG = gettext_noop(
    "Row %(row)s: %(column)s “%(value)s” has %(length)s characters; at most %(most)s are stored."
)
UNKNOWN_UNIT = gettext_noop("Row %(row)s: %(column)s %(value)s is not a unit.")
WRONG_DIMENSION = gettext_noop(
    "Row %(row)s: %(column)s %(value)s cannot be used with method %(method)s (expected %(expected)s)."
)
UNKNOWN_METHOD = gettext_noop("Row %(row)s: %(column)s %(value)s is not an accounting method.")
UNKNOWN_SOURCE = gettext_noop(
    "Row %(row)s: %(column)s %(value)s is not in the emission-source register."
)
FACILITY_MISMATCH = gettext_noop(
    "Row %(row)s: %(column)s %(value)s is not the facility of source %(source)s "
    "(%(expected)s in the emission-source register)."
)
UNKNOWN_FACILITY = gettext_noop("Row %(row)s: %(column)s %(value)s is not a known facility.")
BAD_PERIOD = gettext_noop("Row %(row)s: %(column)s %(value)s is not a month written YYYY-MM.")
PERIOD_OUTSIDE = gettext_noop(
    "Row %(row)s: %(column)s %(value)s lies outside the accounting period %(start)s to %(end)s."
)
UNKNOWN_GAS = gettext_noop("Row %(row)s: %(column)s %(value)s is not a greenhouse gas or blend.")
UNKNOWN_DIRECTION = gettext_noop("Row %(row)s: %(column)s %(value)s must be input or output.")
MISSING_FACTOR = gettext_noop(
    "Row %(row)s: no factor %(parameter)s for %(column)s %(value)s in %(year)s; "
    "add it to the factor library or give it in the row."
)
NEGATIVE_RELEASE = gettext_noop(
    "Row %(row)s: the refrigerant mass balance gives a negative release %(value)s."
)
DUPLICATE_ROW = gettext_noop(
    "Row %(row)s repeats row %(first)s (same source, facility, month, method, material, "
    "quantity and unit): the amount would count twice. Delete the row, or say in %(column)s "
    "why it is a separate record."
)
MISSING_COMPONENT = gettext_noop(
    "Row %(row)s: %(column)s is required for the refrigerant mass balance."
)

# --- engine -----------------------------------------------------------------------------------
UNKNOWN_GWP_SET = gettext_noop("%(value)s is not a GWP set (choose SAR, AR4, AR5 or AR6).")
NO_PRODUCTION = gettext_noop("No production data for %(value)s: the intensity is undefined.")
UNKNOWN_OPTION = gettext_noop(
    "Option %(column)s %(value)s is not known; choose one of %(allowed)s."
)
UNKNOWN_CH4_ORIGIN = gettext_noop(
    "Row %(row)s: %(column)s %(value)s must be fossil or non_fossil (also 化石 / 非化石)."
)
