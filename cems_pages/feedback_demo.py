"""Demo loader of the feedback form (4.2, 8.1 b, 10.2): the page in both languages and three
handled submissions, each stored as the form stores it (form submission + log entry).

Called by ``cems_demo`` after ``cems_pages.demo`` (the home pages) and before the management
review's inputs are gathered again, so the review sees the communications. The question is
answered, the complaint is answered and raised as a nonconformity, the data request is
answered and its sender linked to an interested party. Sends no e-mail. Idempotent: the page
is found by its slug, a submission by its sender's address.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from django.utils import timezone

from wagtail.models import Locale

from cems_pages.demo_content.feedback import FEEDBACK_PAGE, SUBMISSIONS
from cems_pages.feedback_services import feedback_submit
from cems_pages.models import FeedbackPage, HomePage
from cems_registers.models import PartyCategory
from cems_registers.models.communications import Communication, CommunicationChannel
from cems_registers.services.communications import (
    communication_answer,
    communication_link_party,
    communication_raise_nonconformity,
)
from cems_registers.working_days import add_working_days


def _html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _fields(language: str) -> dict:
    text = FEEDBACK_PAGE[language]
    return {
        "title": text["title"],
        "draft_title": text["title"],
        "intro": _html(text["intro"]),
        "privacy_notice": _html(text["privacy_notice"]),
        "thank_you_text": _html(text["thank_you"]),
    }


def feedback_pages(*, users: dict) -> dict[str, FeedbackPage] | None:
    """The feedback page under each language's home page, created and published if missing."""
    homes = {
        code: HomePage.objects.filter(locale__language_code=code).first()
        for code in ("zh-hans", "en")
    }
    if homes["zh-hans"] is None:
        return None
    editor = users.get("editor") or users.get("admin")
    handler = users.get(FEEDBACK_PAGE["handler"])
    page = FeedbackPage.objects.filter(
        locale=homes["zh-hans"].locale, slug=FEEDBACK_PAGE["slug"]
    ).first()
    if page is None:
        page = FeedbackPage(slug=FEEDBACK_PAGE["slug"], handler=handler, **_fields("zh"))
        homes["zh-hans"].add_child(instance=page)
        page.save_revision(user=editor, log_action=True).publish(
            user=editor, skip_permission_checks=True
        )
    pages = {"zh-hans": page}
    if homes["en"] is not None:
        en = Locale.objects.get(language_code="en")
        translation = page.get_translation_or_none(en)
        if translation is None:
            translation = page.copy_for_translation(en).specific
            for name, value in _fields("en").items():
                setattr(translation, name, value)
            translation.handler = handler
            translation.save()
            translation.save_revision(user=editor, log_action=True).publish(
                user=editor, skip_permission_checks=True
            )
        pages["en"] = translation.specific
    return pages


def load_demo(*, users: dict, stdout=None) -> str:
    pages = feedback_pages(users=users)
    if pages is None:
        return "no home page: feedback form not loaded"
    keeper = users.get("keeper")
    today = timezone.localdate()
    handled = 0
    for item in SUBMISSIONS:
        if Communication.objects.filter(
            channel=CommunicationChannel.WEB_FORM, email=item["email"]
        ).exists():
            continue
        page = pages.get(item["language"]) or pages["zh-hans"]
        received = timezone.make_aware(
            dt.datetime.combine(today - dt.timedelta(days=item["days_ago"]), dt.time(9, 30))
        )
        submission = feedback_submit(
            page=page,
            data={key: item[key] for key in ("name", "organisation", "email", "kind", "message")}
            | {"consent": True},
            language=item["language"],
            received_at=received,
            notify=False,
        )
        entry = Communication.objects.get(reference=submission.form_data["reference"])
        if item.get("nonconformity"):
            communication_raise_nonconformity(communication=entry, user=keeper)
            entry.refresh_from_db()
        if item.get("party"):
            communication_link_party(
                communication=entry,
                user=keeper,
                party_name=item["party"]["name"],
                category=PartyCategory(item["party"]["category"]),
            )
            entry.refresh_from_db()
        answer = item["answer"]
        if entry.nonconformity_id:
            answer = answer.replace("不符合项", f"不符合项 {entry.nonconformity.code} ", 1)
        communication_answer(
            communication=entry,
            user=users.get(FEEDBACK_PAGE["handler"]) or keeper,
            response=answer,
            responded_on=add_working_days(received.date(), item["answered_after"]),
            check_permission=False,
        )
        handled += 1
    return f"feedback page in {len(pages)} languages, {handled} submissions handled"
