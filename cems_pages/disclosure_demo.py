"""Demo loader of the 2025 results disclosure page (5.2.1 g, 9.1), zh-hans and en.

Called by ``cems_demo`` after ``calculators.demo`` (it needs the approved 2025 run). The
Chinese page is created by the editor from the approved 2025 run of the whole boundary and
goes through its approval workflow: reviewed by ``reviewer``, approved (and so published) by
``ceo``; the English translation follows the same way. The home page of each language gets
a link to it. Idempotent: a page with the demo's document number is left as it is.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from django.conf import settings

from wagtail.models import Locale, Workflow

from calculators.models import AccountingRun, RunStatus
from cems_pages.demo import department, paragraphs_html
from cems_pages.demo_content.common import PEOPLE
from cems_pages.demo_content.disclosure import DISCLOSURE
from cems_pages.demo_content.home import HOME
from cems_pages.models import DocumentStatus, ResultsDisclosurePage
from cems_pages.services import ensure_site_root

LANGUAGES = ("zh", "en")


def demo_run(year: int):
    """The approved, current run of ``year`` over the whole boundary, or None; two queries."""

    runs = AccountingRun.objects.filter(
        status=RunStatus.APPROVED,
        period_start=dt.date(year, 1, 1),
        period_end__year=year,
        period_end__month=12,  # runs keep months as their first day
        facilities__isnull=True,
        series_entry__superseded_by__isnull=True,
    ).order_by("-approved_at", "-pk")
    return runs.first()


def approve_through_workflow(page, users: dict) -> None:
    """Submit ``page``'s latest revision and approve each task as the group's demo user."""
    workflow = Workflow.objects.filter(name=page.approval_workflow, active=True).first()
    editor = users.get("editor") or users.get("admin")
    if workflow is None:  # no workflows: publish as top management would
        page.get_latest_revision().publish(user=users.get("ceo") or editor)
        return
    state = workflow.start(page, editor)
    approvers = (users.get("reviewer"), users.get("ceo"))
    for approver in approvers:
        state.refresh_from_db()
        task_state = state.current_task_state
        if task_state is None:
            break
        task_state.task.specific.on_action(task_state, approver or editor, "approve")


def approver_text(lang: str) -> str:
    name_zh, name_en, title_zh, title_en = PEOPLE[DISCLOSURE["approver"]]
    return f"{name_zh}（{title_zh}）" if lang == "zh" else f"{name_en} ({title_en})"


def fields(lang: str, run) -> dict:
    text = DISCLOSURE[lang]
    return {
        "title": text["title"],
        "draft_title": text["title"],
        "menu_title": text["menu_title"],
        "search_description": text["search_description"],
        "introduction": paragraphs_html([text["intro"]]),
        "change_summary": text["change_summary"],
        "document_number": DISCLOSURE["document_number"],
        "version": DISCLOSURE["version"],
        "owner_department": department(DISCLOSURE["owner"], lang),
        "approver": approver_text(lang),
        "review_interval_months": DISCLOSURE["review_interval_months"],
        "run": run,
    }


def link_from_home(home, page, lang: str, editor) -> bool:
    """Add a link to ``page`` at the end of ``home``'s body once; publish the home page."""
    home.refresh_from_db()
    home = home.specific
    marker = f'id="{page.pk}"'
    if any(marker in str(block.value) for block in home.body):
        return False
    label = HOME[lang].get("results_link", "{title}").format(title=escape(page.title))
    home.body.append(("paragraph", f'<p><a linktype="page" id="{page.pk}">{label}</a></p>'))
    home.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)
    return True


def load_demo(*, users: dict, stdout=None) -> str:
    """Create, approve and link the 2025 results disclosure in both languages; idempotent."""
    zh, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    en, _created = Locale.objects.get_or_create(language_code="en")
    run = demo_run(DISCLOSURE["year"])
    if run is None:
        return "no approved 2025 run: results disclosure not created"
    editor = users.get("editor") or users.get("admin")
    homes = {
        lang: ensure_site_root(
            title=HOME[lang]["title"], locale_code=locale.language_code, user=users.get("admin")
        )
        for lang, locale in (("zh", zh), ("en", en))
    }
    page = ResultsDisclosurePage.objects.filter(
        locale=zh, document_number=DISCLOSURE["document_number"]
    ).first()
    created = []
    if page is None:
        page = ResultsDisclosurePage(
            slug=DISCLOSURE["slug"], locale=zh, live=False, owner=editor, document_owner=editor
        )
        for name, value in fields("zh", run).items():
            setattr(page, name, value)
        homes["zh"].add_child(instance=page)
        page.save_revision(user=editor)
        approve_through_workflow(page, users)
        created.append("zh")
    translation = page.get_translation_or_none(en)
    if translation is None:
        translation = page.copy_for_translation(en).specific
        translation.owner = translation.document_owner = editor
        translation.document_status = DocumentStatus.DRAFT
        for name, value in fields("en", run).items():
            setattr(translation, name, value)
        translation.save()
        translation.save_revision(user=editor)
        approve_through_workflow(translation, users)
        created.append("en")
    page.refresh_from_db()
    translation.refresh_from_db()
    linked = [
        lang
        for lang, target in (("zh", page), ("en", translation))
        if target.live and link_from_home(homes[lang], target, lang, users.get("admin") or editor)
    ]
    return (
        f"results disclosure {DISCLOSURE['document_number']} (run #{run.pk}): "
        f"created {', '.join(created) or 'none new'}; "
        f"live zh={page.live} en={translation.live}; home links added: {', '.join(linked) or 'none'}"
    )
