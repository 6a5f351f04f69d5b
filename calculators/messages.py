"""Core issues as text in the reader's language (8.5: row, column and value, understood).

The pure core keeps message templates and parameters (:mod:`calculators.core.messages`); this
turns one into text: the template translated, and the column and factor parameter named as
the reader knows them (the template's column header in their language, "net calorific value"
rather than ``ncv``), the code kept beside the name so the file can still be searched.
"""

from django.utils import translation
from django.utils.translation import gettext

from calculators.core import template
from calculators.labels import parameter_label


def _english() -> bool:
    return (translation.get_language() or "").lower().startswith("en")


def column_name(key: str) -> str:
    """A template column's header in the reader's language, else the key as given."""
    column = template.COLUMN_BY_KEY.get(key)
    if column is None:
        return key
    return column.label_en if _english() else f"{column.label_zh}（{key}）"


def issue_text(message: str, params: dict) -> str:
    """``message`` (a core template) translated and filled with readable ``params``."""
    shown = dict(params)
    if shown.get("column"):
        shown["column"] = column_name(str(shown["column"]))
    if shown.get("parameter"):
        label = parameter_label(str(shown["parameter"]))
        if label != shown["parameter"]:
            shown["parameter"] = f"{label} ({shown['parameter']})"
    try:
        return gettext(message) % shown
    except (KeyError, TypeError, ValueError):
        return message % params
