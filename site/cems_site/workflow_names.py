"""Workflow and task names in the reader's language (7.3.3: review and approval of documents).

The approval workflows and their tasks are rows in the database, created in English by
``cems_pages`` migration ``0002_document_workflows`` and looked up by that name
(``ControlledDocument.get_workflow``). Wagtail prints ``workflow.name`` and ``task.name`` in
many places: the "Submit to …" button, the status side panel, the dashboard, workflow history,
lock messages and the notification e-mails, which it renders in each recipient's language.

So the stored name stays the English key and is read through :class:`DisplayName`: a ``str``
whose value (what the database, comparisons and JSON see) is the key, while ``str()``,
``%`` and ``format()`` (what templates and messages use) give its translation in the active
language. :func:`connect` wraps the names of workflows, tasks and the workflow entries of the
page and snippet history when they are loaded, and turns a translated name typed back into an
edit form into its key before it is saved, so a rename through the admin cannot break the
lookup by name.
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_init, pre_save
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.models import BaseLogEntry, Task, Workflow

#: stored (English) name → its translatable label. Keep in step with cems_pages 0002.
NAMES = {
    "Moderators approval": _("Moderators approval"),
    "Review by the carbon management body": _("Review by the carbon management body"),
    "Approval by top management": _("Approval by top management"),
    "Approval by the management representative": _("Approval by the management representative"),
    "Document approval (top management)": _("Document approval (top management)"),
    "Document approval (management representative)": _(
        "Document approval (management representative)"
    ),
}


class DisplayName(str):
    """A stored name whose text is the key and whose rendering is the translation."""

    def __str__(self) -> str:
        key = str.__str__(self)
        label = NAMES.get(key)
        return str(label) if label is not None else key

    def __format__(self, format_spec: str) -> str:
        return format(str(self), format_spec)

    def __reduce__(self):
        return (DisplayName, (str.__str__(self),))


def display_name(name: str) -> str:
    """The label of a stored workflow or task name in the active language (issues no query)."""
    return str(DisplayName(name)) if name else name


def canonical_name(name: str) -> str:
    """The stored key for ``name`` when it is a key or the translation of one in any language."""
    plain = str.__str__(name) if isinstance(name, str) else name
    if plain in NAMES:
        return plain
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            for key, label in NAMES.items():
                if str(label) == plain:
                    return key
    return plain


def wrap(name):
    """``name`` as a :class:`DisplayName` when it is a known key, else unchanged."""
    if isinstance(name, str) and not isinstance(name, DisplayName) and name in NAMES:
        return DisplayName(name)
    return name


def _wrap_name(sender, instance, **kwargs):
    if "name" in instance.__dict__:
        instance.__dict__["name"] = wrap(instance.__dict__["name"])


def _store_key(sender, instance, **kwargs):
    name = instance.__dict__.get("name")
    if isinstance(name, str):
        instance.name = wrap(canonical_name(name))


def _wrap_log_titles(sender, instance, **kwargs):
    """Workflow entries of a history keep the names as they were (JSON): wrap those titles."""
    data = instance.__dict__.get("data")
    action = instance.__dict__.get("action") or ""
    if not action.startswith("wagtail.workflow.") or not isinstance(data, dict):
        return
    workflow = data.get("workflow")
    if not isinstance(workflow, dict):
        return
    if "title" in workflow:
        workflow["title"] = wrap(workflow["title"])
    for part in ("task", "next"):
        if isinstance(workflow.get(part), dict) and "title" in workflow[part]:
            workflow[part]["title"] = wrap(workflow[part]["title"])


def connect() -> None:
    """Connect the receivers to Workflow, every Task type and the log entry models."""

    for model in apps.get_models():
        if issubclass(model, (Workflow, Task)):
            post_init.connect(_wrap_name, sender=model, dispatch_uid=f"cems_name_{model._meta}")
            pre_save.connect(_store_key, sender=model, dispatch_uid=f"cems_key_{model._meta}")
        elif issubclass(model, BaseLogEntry):
            post_init.connect(
                _wrap_log_titles, sender=model, dispatch_uid=f"cems_log_{model._meta}"
            )
