"""Writes of cems_pages: site root, workflow state sync, review reminders (7.3.3).

Every function is keyword-only and named ``<entity>_<action>`` except the
:func:`ensure_site_root` entry point the demo loader and tests call first.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale, Page, Site

from .models import HomePage
from .selectors import documents_due_for_review


def _default_language() -> str:
    return settings.LANGUAGE_CODE


@transaction.atomic
def ensure_site_root(
    *,
    title: str = "碳排放管理体系",
    locale_code: str | None = None,
    slug: str = "home",
    hostname: str = "localhost",
    port: int = 80,
    user=None,
) -> HomePage:
    """Return the live HomePage of ``locale_code`` that roots the default Site; idempotent.

    In the default language the home page is created under the tree root if missing,
    Wagtail's initial "Welcome" page is removed and the default Site points at the home page.
    In another language the default-language home page is copied for translation and
    published, titled ``title``. Running twice returns the same page.
    """
    default_code = _default_language()
    locale_code = locale_code or default_code
    locale, _created = Locale.objects.get_or_create(language_code=locale_code)

    if locale_code != default_code:
        source = ensure_site_root(locale_code=default_code, hostname=hostname, port=port)
        existing = HomePage.objects.filter(
            translation_key=source.translation_key, locale=locale
        ).first()
        if existing is not None:
            return existing
        home = source.copy_for_translation(locale)
        home.title = title
        home.draft_title = title
        # Translations of the home page are siblings under the tree root: the slug differs.
        home.slug = f"{slug}-{locale_code}"
        home.save()
        home.save_revision(user=user).publish(user=user)
        home.refresh_from_db()
        return home

    home = HomePage.objects.filter(depth=2, locale=locale).first()
    root = Page.get_first_root_node()
    if home is None:
        # Wagtail's initial migration creates a plain "Welcome" page with slug "home".
        welcome = Page.objects.filter(
            depth=2, content_type__app_label="wagtailcore", content_type__model="page"
        )
        sites_on_welcome = Site.objects.filter(root_page__in=welcome)
        for site in sites_on_welcome:
            site.root_page = root
            site.save()
        for page in welcome:
            if page.numchild == 0:
                page.delete()
        root.refresh_from_db()
        home = HomePage(title=title, slug=slug, locale=locale, live=True)
        root.add_child(instance=home)
        home.save_revision(user=user).publish(user=user)
        home.refresh_from_db()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


def _preferred_language(user) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    language = getattr(profile, "preferred_language", "") if profile else ""
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def review_reminders_send(*, today=None) -> int:
    """Send each document owner one email listing their documents due for review (7.3.3).

    A document and its translations appear once, in the owner's language where it exists.
    Owners without an email address are skipped. Returns the number of emails sent.
    """
    by_owner: dict[int, dict] = {}
    for item in documents_due_for_review(today=today):
        owner = item.page.document_owner
        if owner is None or not owner.email or not owner.is_active:
            continue
        entry = by_owner.setdefault(owner.pk, {"owner": owner, "items": {}})
        language = _preferred_language(owner)
        key = item.page.translation_key
        current = entry["items"].get(key)
        if current is None or (
            item.page.locale.language_code == language
            and current.page.locale.language_code != language
        ):
            entry["items"][key] = item

    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = 0
    for entry in by_owner.values():
        owner = entry["owner"]
        items = sorted(entry["items"].values(), key=lambda i: (i.next_review_date, i.page.pk))
        rows = [
            {
                "item": item,
                "edit_url": base_url + reverse("wagtailadmin_pages:edit", args=[item.page.pk]),
            }
            for item in items
        ]
        with translation.override(_preferred_language(owner)):
            context = {"owner": owner, "rows": rows, "today": today}
            subject = render_to_string("cems_pages/email/review_reminder_subject.txt", context)
            body = render_to_string("cems_pages/email/review_reminder.txt", context)
        send_mail(
            " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [owner.email],
        )
        sent += 1
    return sent
