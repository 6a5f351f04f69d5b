"""Demo loader of cems_pages: the demo enterprise's documents as pages, in zh-hans and en.

``load_demo(users=..., stdout=...)`` is called by the ``cems_demo`` management command after
``cems_registers.demo``. It maps the pure data of :mod:`cems_pages.demo_content` onto the page
models: a HomePage that roots the default Site, the public policy, scope and glossary, and
under the internal manual the procedures, management rules, work instructions and process
map. Every page is created in the default language, then copied for translation
(``copy_for_translation``) into English, so both are linked by ``translation_key``.

Idempotent: a document is found by its document number (or slug under its parent) and left
untouched when it exists; a missing translation is added. Documents listed in
``IN_WORKFLOW`` are left submitted in their approval workflow; those in ``WITHDRAWN`` are
published, then withdrawn.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from django.conf import settings

from wagtail.models import Locale, Page, Workflow

from cems_pages import demo_content as content
from cems_pages.demo_content.common import DEPARTMENTS, FACILITIES, PEOPLE, SOURCES
from cems_pages.models import (
    DocumentStatus,
    GlossaryPage,
    GlossaryTerm,
    ManagementRulePage,
    ManualPage,
    PolicyPage,
    ProcedurePage,
    ProcessMapPage,
    ScopeExclusion,
    ScopePage,
    ScopeSite,
    WorkInstructionPage,
)
from cems_pages.services import ensure_site_root

LANGUAGES = ("zh", "en")


# --- text helpers (no query) --------------------------------------------------------------


#: An e-mail address inside demo text (ASCII, as the demo's addresses are).
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def linked_text(text: str) -> str:
    """``text`` escaped, with every e-mail address a ``mailto:`` link (rich text's own link
    form, so editors see and keep it as a link)."""
    parts = []
    position = 0
    for match in EMAIL_RE.finditer(text):
        address = match.group(0)
        parts.append(escape(text[position : match.start()]))
        parts.append(f'<a href="mailto:{escape(address)}">{escape(address)}</a>')
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


def paragraphs_html(paragraphs: Iterable[str]) -> str:
    """``<p>`` per paragraph, escaped, e-mail addresses linked."""
    return "".join(f"<p>{linked_text(p)}</p>" for p in paragraphs if p)


def list_html(items: Iterable[str]) -> str:
    """An escaped ``<ul>`` of ``items``."""
    items = [i for i in items if i]
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>" if items else ""


def clause_label(clauses: list[str], limit: int = 32) -> str:
    """Clauses joined for a section's clause field, shortened to a range when too long."""
    text = ", ".join(clauses)
    if len(text) > limit and clauses:
        text = f"{clauses[0]}–{clauses[-1]}"
    return text[:limit]


def sections_stream(sections: Iterable[tuple[str, str, list[str]]]) -> list[dict]:
    """Raw StreamField data of section blocks from (heading, clause, paragraphs)."""
    return [
        {
            "type": "section",
            "value": {"heading": heading, "clause": clause, "text": paragraphs_html(paras)},
        }
        for heading, clause, paras in sections
    ]


def steps_stream(steps) -> list[dict]:
    return [
        {
            "type": "step",
            "value": {
                "title": title,
                "description": paragraphs_html([description]),
                "responsible": responsible,
            },
        }
        for title, description, responsible in steps
    ]


def kpis_stream(kpis) -> list[dict]:
    return [
        {"type": "kpi", "value": {"indicator": i, "target": t, "frequency": f}} for i, t, f in kpis
    ]


def records_stream(records) -> list[dict]:
    return [
        {"type": "record", "value": {"name": n, "retention_period": r, "location": w}}
        for n, r, w in records
    ]


def department(key: str, lang: str) -> str:
    zh, en = DEPARTMENTS[key]
    return zh if lang == "zh" else en


def approver(key: str, lang: str) -> str:
    name_zh, name_en, title_zh, title_en = PEOPLE[key]
    return f"{name_zh}（{title_zh}）" if lang == "zh" else f"{name_en} ({title_en})"


# --- field builders per page type (no query) -----------------------------------------------


def control_fields(spec: dict, lang: str) -> dict:
    """Document-control fields (7.3.2) of ``spec`` in ``lang``."""
    return {
        "title": spec[lang]["title"],
        "draft_title": spec[lang]["title"],
        "document_number": spec["document_number"],
        "version": spec["version"],
        "owner_department": department(spec["owner"], lang),
        "approver": approver(spec["approver"], lang),
        "effective_date": spec["effective_date"],
        "review_interval_months": spec["review_interval_months"],
        "change_summary": spec[lang].get("change_summary", ""),
        "menu_title": spec[lang].get("menu_title", ""),
    }


def manual_fields(spec: dict, lang: str) -> dict:
    index = 2 if lang == "zh" else 4
    sections = [
        (section[index], clause_label(section[1]), section[index + 1])
        for section in spec["sections"]
    ]
    return {
        "introduction": paragraphs_html([spec[lang]["intro"]]),
        "body": sections_stream(sections),
    }


def policy_fields(spec: dict, lang: str) -> dict:
    text = spec[lang]
    statement = f"<p><b>{escape(text['statement'])}</b></p>" + paragraphs_html([text["intro"]])
    for heading, paras in text["body"][1:]:
        statement += f"<h3>{escape(heading)}</h3>" + paragraphs_html(paras)
    return {
        "statement": statement,
        "compliance_commitment": paragraphs_html([text["compliance_commitment"]]),
        "climate_action_commitment": paragraphs_html([text["climate_commitment"]]),
        "objectives_framework": paragraphs_html([text["objectives_framework"]]),
        "communication": paragraphs_html([text["communication"], text["review"]]),
    }


def scope_fields(spec: dict, lang: str) -> dict:
    text = spec[lang]
    boundary = paragraphs_html([text["intro"], text["consolidation"], text["emission_categories"]])
    boundary += paragraphs_html([text["reporting_period"]])
    for heading, paras in text["body"]:
        boundary += f"<h3>{escape(heading)}</h3>" + paragraphs_html(paras)
    return {
        "boundary_statement": boundary,
        "consolidation_approach": spec["consolidation_approach"],
        "activities": paragraphs_html([text["activities"], text["gases_text"]]),
        "gases": list(spec["gases"]),
        "reporting_period": text["reporting_period_short"],
        "base_year": spec["base_year"],
    }


def scope_sites(lang: str) -> list[ScopeSite]:
    """One ScopeSite per site of the shared enterprise data, with units and sources."""
    sources = {code: (zh, en) for code, _f, _k, zh, en, *_rest in SOURCES}
    sites = []
    for order, row in enumerate(content.site_rows()):
        units = [
            (zh, en)
            for code, parent, kind, zh, en, *_rest in FACILITIES
            if parent == row["code"] and kind == "workshop"
        ]
        names = [
            f"{code} {sources[code][0] if lang == 'zh' else sources[code][1]}"
            for code in row["source_codes"]
        ]
        unit_names = [zh if lang == "zh" else en for zh, en in units]
        text = row[lang]
        if lang == "zh":
            parts = [("纳入理由：" if row["included"] else "排除理由：") + text["reason"]]
            if unit_names:
                parts.append("单元：" + "、".join(unit_names))
            if names:
                parts.append("排放源：" + "、".join(names))
            separator = "。"
        else:
            parts = [("Included: " if row["included"] else "Excluded: ") + text["reason"]]
            if unit_names:
                parts.append("Units: " + ", ".join(unit_names))
            if names:
                parts.append("Sources: " + ", ".join(names))
            separator = ". "
        sites.append(
            ScopeSite(
                name=f"{row['code']} {text['name']}",
                address=text["address"],
                units_activities=separator.join(parts) + ("。" if lang == "zh" else "."),
                in_boundary=row["included"],
                sort_order=order,
            )
        )
    return sites


def scope_exclusions(spec: dict, lang: str) -> list[ScopeExclusion]:
    return [
        ScopeExclusion(item=item, reason=reason, sort_order=order)
        for order, (item, reason) in enumerate(spec[lang]["exclusions"])
    ]


def glossary_terms(lang: str) -> list[GlossaryTerm]:
    terms = []
    for order, (clause, zh, en, source) in enumerate(content.TERMS):
        text = zh if lang == "zh" else en
        names = [text["term"], *text["synonyms"]]
        notes = list(text["notes"])
        if source:
            notes.append(f"[来源：{source}]" if lang == "zh" else f"[Source: {source}]")
        terms.append(
            GlossaryTerm(
                clause_number=clause,
                term=("；" if lang == "zh" else "; ").join(names),
                definition=text["definition"],
                note="\n".join(notes),
                sort_order=order,
            )
        )
    return terms


def procedure_fields(spec: dict, lang: str) -> dict:
    text = spec[lang]
    return {
        "purpose": paragraphs_html([text["purpose"]]),
        "scope_of_application": paragraphs_html([text["scope"]]),
        "responsible_department": text["responsible"],
        "inputs": list_html(text["inputs"]),
        "outputs": list_html(text["outputs"]),
        "steps": steps_stream(text["steps"]),
        "kpis": kpis_stream(text["kpis"]),
        "records_kept": records_stream(text["records"]),
        "related_clauses": ", ".join(spec["clauses"]),
    }


def rule_fields(spec: dict, lang: str) -> dict:
    text = spec[lang]
    index = 1 if lang == "zh" else 3
    sections = [(a[index], a[0], a[index + 1]) for a in spec["articles"]]
    return {
        "purpose": paragraphs_html([text["purpose"]]),
        "scope_of_application": paragraphs_html([text["scope"]]),
        "responsible_department": text["responsible"],
        "body": sections_stream(sections),
        "related_clauses": ", ".join(spec["clauses"]),
    }


def instruction_fields(spec: dict, lang: str) -> dict:
    text = spec[lang]
    return {
        "purpose": paragraphs_html([text["purpose"]]),
        "applies_to": text["applies_to"],
        "responsible_department": text["responsible"],
        "steps": steps_stream(text["steps"]),
        "precautions": list_html(text["precautions"]),
        "records_kept": records_stream(text["records"]),
        "related_clauses": ", ".join(spec["clauses"]),
    }


def glossary_fields(spec: dict, lang: str) -> dict:
    return {"introduction": paragraphs_html([spec[lang]["intro"]])}


def process_map_fields(spec: dict, lang: str, pages: dict[tuple[str, str], Page]) -> dict:
    processes = []
    for process in spec["processes"]:
        text = process[lang]
        linked = pages.get((process["procedure"], lang))
        processes.append(
            {
                "type": "process",
                "value": {
                    "name": text["name"],
                    "clause": process["clause"],
                    "owner": department(process["owner"], lang),
                    "inputs": text["inputs"],
                    "outputs": text["outputs"],
                    "criteria": text["criteria"],
                    "next_processes": text["next"],
                    "procedure": linked.pk if linked is not None else None,
                },
            }
        )
    return {"introduction": paragraphs_html([spec[lang]["intro"]]), "processes": processes}


# --- the loader ------------------------------------------------------------------------------


@dataclass
class _Loader:
    users: dict
    stdout: object
    zh: Locale
    en: Locale
    created: int = 0
    translated: int = 0
    in_workflow: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    #: (document number, "zh"/"en") → page
    pages: dict = field(default_factory=dict)

    def user(self, *keys):
        for key in keys:
            if self.users.get(key) is not None:
                return self.users[key]
        return None

    @property
    def editor(self):
        return self.user("editor", "admin")

    def publisher_for(self, spec: dict):
        """Documents are issued by their approver's role (7.3.2), else the admin."""
        role = "ceo" if spec.get("approver") == "gm" else "rep"
        return self.user(role, "admin", "editor")

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)

    # pages ---------------------------------------------------------------------------------

    def find(self, model, parent: Page, spec: dict):
        found = model.objects.filter(
            locale=self.zh, document_number=spec["document_number"]
        ).first()
        if found is None:
            found = model.objects.child_of(parent).filter(locale=self.zh, slug=spec["slug"]).first()
        return found

    def publish(self, page: Page, spec: dict) -> None:
        revision = page.save_revision(user=self.editor, log_action=True)
        revision.publish(user=self.publisher_for(spec), skip_permission_checks=True)

    def apply(self, page: Page, fields: dict, inlines: dict) -> None:
        for name, value in fields.items():
            setattr(page, name, value)
        for name, objects in inlines.items():
            setattr(page, name, objects)

    def ensure(self, model, parent: Page, spec: dict, build, inlines=None):
        """Create (zh) and translate (en) one document; return ``{"zh": page, "en": page}``."""
        number = spec["document_number"]
        inlines = inlines or (lambda lang: {})
        pending = number in content.IN_WORKFLOW and "pending_revision" not in spec
        owner = self.user(content.OWNER_USERS.get(spec["owner"], "editor"), "editor", "admin")

        page = self.find(model, parent, spec)
        is_new = page is None
        if is_new:
            page = model(slug=spec["slug"], locale=self.zh, live=False, owner=owner)
            page.document_owner = owner
            self.apply(page, {**control_fields(spec, "zh"), **build(spec, "zh")}, inlines("zh"))
            parent.add_child(instance=page)
            self.finish(page, spec, pending)
            self.created += 1

        translation = page.get_translation_or_none(self.en)
        if translation is None:
            translation = page.copy_for_translation(self.en)
            translation.owner = owner
            translation.document_owner = owner
            # The copy carries the source's current status; the translation is issued afresh.
            translation.document_status = DocumentStatus.DRAFT
            translation.withdraw_on_approval = False
            self.apply(
                translation, {**control_fields(spec, "en"), **build(spec, "en")}, inlines("en")
            )
            translation.save()
            self.finish(translation, spec, pending)
            self.translated += 1

        if is_new and "pending_revision" in spec and number in content.IN_WORKFLOW:
            for lang, target in (("zh", page), ("en", translation)):
                self.submit_revision(target, spec, lang)
        if is_new and number in content.IN_WORKFLOW:
            self.in_workflow.append(number)
        if is_new and number in content.WITHDRAWN:
            self.withdrawn.append(number)

        self.pages[(number, "zh")] = page
        self.pages[(number, "en")] = translation
        return {"zh": page, "en": translation}

    def finish(self, page: Page, spec: dict, pending: bool) -> None:
        """Publish, withdraw or submit a freshly created page."""
        number = spec["document_number"]
        if pending:
            page.save_revision(user=self.editor)
            self.start_workflow(page)
            return
        self.publish(page, spec)
        if number in content.WITHDRAWN:
            page.refresh_from_db()
            page.withdraw_on_approval = True
            page.is_public = False
            self.publish(page, spec)

    def submit_revision(self, page: Page, spec: dict, lang: str) -> None:
        """Save the spec's pending revision as a draft over the live page and submit it."""
        page.refresh_from_db()
        page = page.specific
        revision = spec["pending_revision"]
        page.version = revision["version"]
        page.change_summary = revision[lang]["change_summary"]
        if revision[lang].get("steps"):
            steps = list(spec[lang]["steps"])
            for index, title, description, responsible in revision[lang]["steps"]:
                step = (title, description, responsible)
                if index < len(steps):
                    steps[index] = step
                else:
                    steps.insert(index, step)
            page.steps = steps_stream(steps)
        page.save_revision(user=self.editor)
        self.start_workflow(page)

    def start_workflow(self, page: Page) -> None:
        name = getattr(page, "approval_workflow", None)
        workflow = Workflow.objects.filter(name=name, active=True).first() or page.get_workflow()
        if workflow is None:
            self.log(f"No approval workflow found for {page.title}; left as draft.")
            return
        workflow.start(page, self.editor)

    # the tree ------------------------------------------------------------------------------

    def homes(self) -> dict:
        """The home page of each language (the default one roots the default Site)."""
        publisher = self.user("admin", "editor")
        return {
            lang: ensure_site_root(
                title=content.HOME[lang]["title"], locale_code=locale.language_code, user=publisher
            )
            for lang, locale in (("zh", self.zh), ("en", self.en))
        }

    def fill_home(self, home: Page, lang: str) -> None:
        """Write the home page text once, with links to the public documents."""
        # Publishing saves tree fields too: a copy held since before its children were added
        # would reset numchild and hide them.
        home.refresh_from_db()
        if home.intro:
            return
        text = content.HOME[lang]
        links = [
            self.pages.get((number, lang))
            for number in (
                content.POLICY["document_number"],
                content.SCOPE["document_number"],
                content.GLOSSARY_PAGE["document_number"],
            )
        ]
        items = "".join(
            f'<li><a linktype="page" id="{page.pk}">{escape(page.title)}</a></li>'
            for page in links
            if page is not None
        )
        home.title = home.draft_title = text["title"]
        home.intro = paragraphs_html([text["intro"]])
        home.body = [
            *sections_stream((h, "", paras) for h, paras in text["body"]),
            {"type": "paragraph", "value": f"<ul>{items}</ul>"},
        ]
        home.save_revision(user=self.editor).publish(
            user=self.user("admin", "editor"), skip_permission_checks=True
        )

    def run(self) -> str:
        homes = self.homes()
        home = homes["zh"]
        site_rows_inlines = lambda lang: {  # noqa: E731
            "sites": scope_sites(lang),
            "exclusions": scope_exclusions(content.SCOPE, lang),
        }
        self.ensure(PolicyPage, home, content.POLICY, policy_fields)
        self.ensure(ScopePage, home, content.SCOPE, scope_fields, site_rows_inlines)
        self.ensure(
            GlossaryPage,
            home,
            content.GLOSSARY_PAGE,
            glossary_fields,
            lambda lang: {"terms": glossary_terms(lang)},
        )
        manual = self.ensure(ManualPage, home, content.MANUAL, manual_fields)["zh"]
        for spec in content.PROCEDURES:
            self.ensure(ProcedurePage, manual, spec, procedure_fields)
        for spec in content.RULES:
            self.ensure(ManagementRulePage, manual, spec, rule_fields)
        for spec in content.INSTRUCTIONS:
            parent = self.pages[(spec["parent"], "zh")]
            self.ensure(WorkInstructionPage, parent, spec, instruction_fields)
        self.ensure(
            ProcessMapPage,
            manual,
            content.PROCESS_MAP,
            lambda spec, lang: process_map_fields(spec, lang, self.pages),
        )
        for lang, page in homes.items():
            self.fill_home(page, lang)
        summary = (
            f"{self.created} documents created, {self.translated} translations added; "
            f"in workflow: {', '.join(self.in_workflow) or 'none new'}; "
            f"withdrawn: {', '.join(self.withdrawn) or 'none new'}"
        )
        return summary


def load_demo(*, users: dict, stdout=None) -> str:
    """Create the demo enterprise's pages in both languages; idempotent. Returns a summary."""
    default_code = settings.LANGUAGE_CODE
    zh, _created = Locale.objects.get_or_create(language_code=default_code)
    en, _created = Locale.objects.get_or_create(language_code="en")
    return _Loader(users=users, stdout=stdout, zh=zh, en=en).run()
