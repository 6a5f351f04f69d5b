"""The stored snapshot in the reader's language: msgids translated, parameters filled."""

from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from .checks import Status

STATUS_LABELS = {
    Status.MET: _("Met"),
    Status.PARTLY: _("Partly met"),
    Status.NOT_MET: _("Not met"),
    Status.NOT_APPLICABLE: _("Not applicable"),
}


def status_label(status: str | None) -> str:
    return str(STATUS_LABELS.get(status, "—"))


def _value(value):
    if isinstance(value, list):
        separator = "、" if (get_language() or "").startswith("zh") else ", "
        return separator.join(gettext(v) for v in value)
    return gettext(value) if isinstance(value, str) and value else value


def _text(msgid: str, params: dict) -> str:
    # string parameters (a model's plural, a group name) are msgids too; plain data passes
    # through gettext unchanged
    filled = {k: _value(v) for k, v in params.items()}
    return gettext(msgid) % filled if filled else gettext(msgid)


def present(results: dict) -> dict:
    """Translate a snapshot for display (issues no query)."""
    clauses = []
    for clause in results.get("clauses", []):
        clauses.append(
            {
                **clause,
                "title": gettext(clause["title"]),
                "asks": gettext(clause["asks"]),
                "status_label": status_label(clause["status"]),
                "checks": [
                    {
                        **check,
                        "text": _text(check["evidence"], check.get("params") or {}),
                        "status_label": status_label(check["status"]),
                    }
                    for check in clause["checks"]
                ],
            }
        )
    chapters = [
        {**chapter, "title": gettext(chapter["title"]), "percent": percent(chapter["score"])}
        for chapter in results.get("chapters", [])
    ]
    return {
        "as_of": results.get("as_of"),
        "clauses": clauses,
        "chapters": chapters,
        "percent": percent(results.get("score")),
    }


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f} %"
