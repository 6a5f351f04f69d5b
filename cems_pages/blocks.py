"""StreamField blocks of the controlled documents (clauses 4.4, 7.3.2).

* :class:`SectionBlock`: a heading, an optional clause reference and rich text.
* :class:`StepBlock`: one step of a procedure or work instruction (title, description,
  responsible).
* :class:`KpiBlock`: a performance indicator of a process (4.4.3: indicator, target, frequency).
* :class:`RecordBlock`: a record a procedure keeps (7.3.2 e: name, retention, where kept).
* :class:`ProcessBlock`: one process of the process map (4.4: inputs, outputs, sequence,
  criteria, owner, procedure).
"""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail import blocks

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "h3", "h4"]


def clause_reference(clause: str, heading: str) -> str:
    """The clause reference to print beside ``heading``, or "" when the heading already
    starts with exactly that number; issues no query.

    A section's ``clause`` names clauses of T/CSES 146—2024, while its heading carries the
    document's own numbering ("0.2 目的和适用范围" answers clause 1). Printed as a prefix the two
    ran together ("1 0.2 目的和适用范围"), so the reference is printed apart, with its label.
    """
    clause = (clause or "").strip()
    if not clause:
        return ""
    number = (heading or "").strip().split(" ", 1)[0]
    return "" if number == clause else clause


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=255)
    clause = blocks.CharBlock(
        label=_("clause"),
        max_length=32,
        required=False,
        help_text=_("Clause of T/CSES 146—2024 this section answers, e.g. 7.3.2."),
    )
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        label = _("Section")
        template = "cems_pages/blocks/section_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["clause_reference"] = clause_reference(value.get("clause"), value.get("heading"))
        return context


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=255)
    description = blocks.RichTextBlock(label=_("description"), features=RICH_TEXT_FEATURES)
    responsible = blocks.CharBlock(
        label=_("responsible"),
        max_length=255,
        required=False,
        help_text=_("Department or role that carries out this step."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "cems_pages/blocks/step_block.html"


class KpiBlock(blocks.StructBlock):
    indicator = blocks.CharBlock(label=_("indicator"), max_length=255)
    target = blocks.CharBlock(label=_("target"), max_length=255, required=False)
    frequency = blocks.CharBlock(
        label=_("frequency"),
        max_length=128,
        required=False,
        help_text=_("How often the indicator is measured, e.g. monthly."),
    )

    class Meta:
        icon = "success"
        label = _("Key performance indicator")


class RecordBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("record"), max_length=255)
    retention_period = blocks.CharBlock(
        label=_("retention period"),
        max_length=128,
        required=False,
        help_text=_("How long the record is kept, e.g. 5 years."),
    )
    location = blocks.CharBlock(
        label=_("where kept"),
        max_length=255,
        required=False,
        help_text=_("System, register or archive that holds the record."),
    )

    class Meta:
        icon = "folder-open-inverse"
        label = _("Record")


class ProcessBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("process"), max_length=255)
    clause = blocks.CharBlock(label=_("clause"), max_length=32, required=False)
    owner = blocks.CharBlock(
        label=_("owner"),
        max_length=255,
        required=False,
        help_text=_("Department that owns the process."),
    )
    inputs = blocks.TextBlock(label=_("inputs"), required=False)
    outputs = blocks.TextBlock(label=_("outputs"), required=False)
    criteria = blocks.TextBlock(
        label=_("criteria and methods"),
        required=False,
        help_text=_("Criteria and methods that ensure the process operates effectively (4.4)."),
    )
    next_processes = blocks.CharBlock(
        label=_("followed by"),
        max_length=255,
        required=False,
        help_text=_("Processes that take this process's outputs (sequence and interaction)."),
    )
    procedure = blocks.PageChooserBlock(
        label=_("procedure"),
        required=False,
        page_type=["cems_pages.ProcedurePage", "cems_pages.ManagementRulePage"],
    )

    class Meta:
        icon = "cogs"
        label = _("Process")
        template = "cems_pages/blocks/process_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["clause_reference"] = clause_reference(value.get("clause"), value.get("name"))
        return context


class StepStreamBlock(blocks.StreamBlock):
    step = StepBlock()


class KpiStreamBlock(blocks.StreamBlock):
    kpi = KpiBlock()


class RecordStreamBlock(blocks.StreamBlock):
    record = RecordBlock()


class SectionStreamBlock(blocks.StreamBlock):
    section = SectionBlock()
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=RICH_TEXT_FEATURES)


class ProcessStreamBlock(blocks.StreamBlock):
    process = ProcessBlock()


def stream_text(value) -> str:
    """Plain text of a StreamValue (or list of raw blocks) for ORM search; issues no query.

    Page chooser values are skipped (they would need a query); rich text is stripped of tags.
    """

    parts: list[str] = []

    def walk(item):
        if item is None:
            return
        if isinstance(item, str):
            parts.append(strip_tags(item))
        elif isinstance(item, dict):
            for key, sub in item.items():
                if key in {"id", "type"}:
                    continue
                walk(sub)
        elif isinstance(item, list | tuple):
            for sub in item:
                walk(sub)

    raw = getattr(value, "raw_data", value)
    walk(list(raw) if raw is not None else None)
    return " ".join(p for p in parts if p.strip())
