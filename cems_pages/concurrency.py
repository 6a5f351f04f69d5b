"""A page saved from an editor opened before someone else's save is refused (7.3.2 control of
changes; issue 13 §4).

Wagtail 8 puts the revision an editor loaded into its form (``loaded_revision_id``,
``loaded_revision_created_at``) and refuses a stale save only for autosave requests (JSON,
"Saving will overwrite a newer version"); a plain form submission from a stale editor (any
action: save draft, submit, publish, a workflow action) writes a new revision over the newer
draft. :func:`stale_page_response`, run by the ``before_edit_page`` hook, applies Wagtail's
own test to every POST: the save is refused, nothing is written, and the editor is sent back
to the newest version with a message naming the fields changed since, who saved and when.

Limit: this is a check before the save, not a lock held through it; two submissions of the
same page within the same instant can still both pass.
"""

from __future__ import annotations

import contextlib
import json

from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin import messages
from wagtail.models import Page, Revision

from cems_registers.concurrency import when_text
from cems_registers.people import person_name

#: Keys of a revision's content that Wagtail keeps for itself (tree, publishing, locks).
BOOKKEEPING = frozenset(
    {
        "pk",
        "id",
        "path",
        "depth",
        "numchild",
        "url_path",
        "draft_title",
        "live",
        "has_unsaved_changes",
        "latest_revision",
        "latest_revision_created_at",
        "live_revision",
        "first_published_at",
        "last_published_at",
        "go_live_at",
        "expire_at",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "owner",
        "content_type",
        "page_ptr",
        "translation_key",
        "locale",
        "alias_of",
        "comments",
        "wagtail_admin_comments",
    }
)

STALE_PAGE_MESSAGE = _(
    "Not saved: this page was changed by someone else after you opened it. The editor now "
    "shows the newest version; make your change again and save."
)


def is_stale(post, latest: Revision | None) -> bool:
    """Wagtail's own test (``EditView.is_out_of_date``) on a posted page form; no query."""
    if latest is None:
        return False
    latest_id = str(latest.pk)
    if overwrite := post.get("overwrite_revision_id"):  # this editor's autosaved revision
        return overwrite != latest_id
    loaded = post.get("loaded_revision_id")
    if not loaded:
        return False  # a form that did not say what it loaded (a script)
    if loaded != latest_id:
        return True
    return post.get("loaded_revision_created_at", "") != latest.created_at.isoformat()


def _normal(value):
    """A revision value as read, not as stored: rich text as its text (the editor rewrites
    the markup of text saved by code on its first save), stream blocks without their ids."""
    if isinstance(value, str) and value[:1] in "[{":
        with contextlib.suppress(ValueError):  # text that only starts like JSON
            value = json.loads(value)
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_normal(item) for item in value]
    if isinstance(value, str) and "<" in value:
        return " ".join(strip_tags(value).split())
    return value


def changed_fields(page_model, before: Revision | None, after: Revision) -> list[str]:
    """Labels of the page fields whose value reads differently in two revisions; no query."""
    old = before.content if before is not None else {}
    fields = {f.name: f for f in page_model._meta.concrete_fields if f.editable}
    labels = []
    for key, value in after.content.items():
        if key in BOOKKEEPING or _normal(old.get(key)) == _normal(value):
            continue
        field = fields.get(key)
        if field is not None:  # other keys are not the page's fields
            labels.append(capfirst(field.verbose_name))
    return labels


def stale_page_response(request, page):
    """Refuse a POST to the page editor from a form loaded before the newest revision.

    Returns a redirect to the editor (which shows the newest version) with the refusal, or
    ``None`` to let Wagtail go on. JSON requests (autosave) are left to Wagtail, which refuses
    them itself. Three queries on a stale POST, one otherwise.
    """
    if request.method != "POST" or not request.accepts("text/html"):
        return None
    record = Page.objects.select_related("latest_revision__user").get(pk=page.pk)
    latest = record.latest_revision
    if not is_stale(request.POST, latest):
        return None
    loaded_id = request.POST.get("overwrite_revision_id") or request.POST.get("loaded_revision_id")
    revisions = record.revisions.select_related("user").order_by("created_at", "pk")
    loaded = revisions.filter(pk=loaded_id).first() if str(loaded_id).isdigit() else None
    since = list(revisions.filter(created_at__gt=loaded.created_at)) if loaded else [latest]
    model = page.specific_class or type(page)
    message = render_to_string(
        "cems_pages/includes/stale_page.html",
        {
            "lead": STALE_PAGE_MESSAGE,
            "fields": changed_fields(model, loaded, latest),
            "saves": [(person_name(r.user) or "—", when_text(r.created_at)) for r in since],
        },
        request=request,
    )
    messages.error(request, mark_safe(message))  # rendered by a template: escaped
    return redirect("wagtailadmin_pages:edit", page.pk)
