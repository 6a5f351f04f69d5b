"""The project's one PDF renderer: template → HTML → xhtml2pdf with the shipped CJK font.

Every PDF (controlled documents, audit reports, management review packs, accounting
reports) goes through :func:`render_pdf`, so Chinese renders identically everywhere.
WenQuanYi Micro Hei is a TrueType-outline font that xhtml2pdf embeds with extractable
text; it has no bold face, so bold maps to the same file (STACK_NOTES.md).

Chinese has no spaces between words, so Chinese PDFs are laid out with
``-pdf-word-wrap: CJK`` (``cems/pdf_base.html``). xhtml2pdf 0.2's line breaker for that mode
drops ``<br>`` inside a paragraph and cuts Latin words and numbers anywhere ("tic|ket",
"0|0:07"); :func:`break_cjk_lines` replaces it. :func:`install_layout_fixes` installs it, and
a fix for a blank last page, when this module is imported.
"""

import functools
import os
import unicodedata
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.template import Engine, TemplateSyntaxError, engines
from django.template.loader import render_to_string
from django.utils import translation

from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.rl_config import _FUZZ
from xhtml2pdf import context as xhtml2pdf_context
from xhtml2pdf import pisa
from xhtml2pdf import reportlab_paragraph as xhtml2pdf_paragraph
from xhtml2pdf.config.resources import ResourceAccessPolicy
from xhtml2pdf.xhtml2pdf_reportlab import PmlPageCount

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
CJK_FONT = FONTS_DIR / "wqy-microhei.ttc"


class PdfRenderError(RuntimeError):
    """xhtml2pdf reported errors while rendering."""


# --- line breaking of CJK paragraphs -----------------------------------------------------------

#: Characters a line may not start with: closing brackets and punctuation (kinsoku).
NO_LINE_START = frozenset(ALL_CANNOT_START + "，。、；：！？）》〉」』】”’…%)]},.;:!?")
#: Characters a line may not end with: opening brackets, currency and similar prefixes.
NO_LINE_END = frozenset(ALL_CANNOT_END + "（《〈「『【“‘([{")
#: Where a Latin word or a number may be cut when nothing better fits (GB/T, 2026-11-26, a_b).
SOFT_BREAK_AFTER = frozenset("-_/.")
#: Spaces that must not break a line.
NO_BREAK_SPACES = frozenset("\xa0\u2007\u202f")


def is_cjk(char: str) -> bool:
    """Whether ``char`` is a CJK ideograph, kana, hangul or CJK/full-width punctuation."""
    code = ord(char) if len(char) == 1 else 0
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or code >= 0x20000
    )


def is_break_space(char: str) -> bool:
    return (
        len(char) == 1
        and char not in NO_BREAK_SPACES
        and (char.isspace() or char == "\u200b" or unicodedata.category(char) == "Zs")
    )


def break_allowed(before: str, after: str) -> bool:
    """Whether a line may end after ``before`` and go on with ``after``.

    Between two CJK characters, between CJK and Latin text and after a space; never inside a
    run of Latin letters and digits, before closing or after opening punctuation.
    """
    if not before or not after:
        return False
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if is_break_space(before):
        return True
    if is_break_space(after):
        return False  # the space ends the line, the next word starts the next one
    return is_cjk(before) or is_cjk(after)


def soft_break_allowed(before: str, after: str) -> bool:
    """A last resort inside a Latin word: after ``-``, ``_``, ``/`` or ``.`` between letters."""
    return before in SOFT_BREAK_AFTER and after.isalnum()


def break_points(text: str, widths: list[float], max_widths: list[float]) -> list[tuple[int, int]]:
    """Lines of ``text`` as (start, stop) index pairs, each no wider than its width if possible.

    ``widths`` holds the width of each character, ``max_widths`` the width of each line (the
    last repeats). A newline in ``text`` is a forced break (a ``<br>``): the line ends after it.
    Greedy: a line ends at the last break allowed by :func:`break_allowed`; failing that after
    a :func:`soft_break_allowed` character; failing that at the character that overflows, as
    overflow-wrap: anywhere does. Spaces at the start of a line that follows an automatic break
    are skipped. Pure; used by :func:`break_cjk_lines`, testable without a PDF.
    """
    lines: list[tuple[int, int]] = []
    n = len(text)
    start = i = 0
    used = 0.0
    good = soft = None
    while i < n:
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        char = text[i]
        if char == "\n":
            lines.append((start, i + 1))
            start = i = i + 1
            used, good, soft = 0.0, None, None
            continue
        if i > start:
            if break_allowed(text[i - 1], char):
                good = i
            elif soft_break_allowed(text[i - 1], char):
                soft = i
        used += widths[i]
        if used > max_width + _FUZZ and i > start:
            stop = good or soft or i
            lines.append((start, stop))
            start = stop
            while start < n and text[start] != "\n" and is_break_space(text[start]):
                start += 1
            i = start
            used, good, soft = 0.0, None, None
            continue
        i += 1
    if start < n:
        lines.append((start, n))
    return lines


def break_cjk_lines(frags, max_widths, calc_bounds, encoding="utf8"):
    """Drop-in for xhtml2pdf's ``cjkFragSplit``: the fragments broken into lines.

    Unlike the original it honours ``<br>`` (a fragment with ``lineBreak``), keeps Latin words,
    numbers and dates whole where a line allows it (:func:`break_points`) and drops the spaces
    at the end of a wrapped line (they pushed right-aligned numbers off the edge).
    """
    glyphs = []
    for frag in frags:
        text = frag.text
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if hasattr(frag, "lineBreak"):
            glyphs.append(xhtml2pdf_paragraph.cjkU("", frag, encoding))
        elif text:
            glyphs.extend(xhtml2pdf_paragraph.cjkU(ch, frag, encoding) for ch in text)
        else:
            glyphs.append(xhtml2pdf_paragraph.cjkU("", frag, encoding))
    # one character per glyph: "\n" stands for a <br>, U+FFFC for an inline object
    text = "".join(
        "\n" if hasattr(g.frag, "lineBreak") else (str(g) if len(g) == 1 else "\ufffc")
        for g in glyphs
    )
    widths = [g.width for g in glyphs]
    max_widths = list(max_widths) if isinstance(max_widths, list | tuple) else [max_widths]
    lines = []
    for start, stop in break_points(text, widths, max_widths):
        end = stop
        while end > start and is_break_space(text[end - 1]):
            end -= 1
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        line_glyphs = glyphs[start:end] or glyphs[start:stop]
        extra = max_width - sum(widths[start:end])
        line = xhtml2pdf_paragraph.makeCJKParaLine(line_glyphs, extra, calc_bounds)
        if text[stop - 1] == "\n":
            line.lineBreak = True
        lines.append(line)
    return xhtml2pdf_paragraph.ParaLines(kind=1, lines=lines)


_original_break_lines_cjk = xhtml2pdf_paragraph.Paragraph.breakLinesCJK


def _paragraph_break_lines_cjk(self, width):
    """``Paragraph.breakLinesCJK`` sending one-fragment paragraphs through the same breaker.

    xhtml2pdf cuts a paragraph of one fragment with ReportLab's ``wordSplit``, which splits
    Latin words as soon as a line runs full; every paragraph goes through
    :func:`break_cjk_lines` instead.
    """
    if not self.frags:
        return _original_break_lines_cjk(self, width)
    max_widths = list(width) if isinstance(width, list | tuple) else [width]
    style = self.style
    xhtml2pdf_paragraph._handleBulletWidth(
        self.bulletText, style, max_widths, rtl=self.dir == "rtl"
    )
    auto_leading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
    self.height = 0
    return break_cjk_lines(self.frags, max_widths, auto_leading not in {"", "off"}, self.encoding)


def _page_count_takes_no_room(self, frame) -> None:
    """``PmlPageCount.frameAction``: placed without asking the frame for room.

    xhtml2pdf ends the story of a document with a ``<pdf:pagecount/>`` (every footer here) with
    a zero-height marker that only makes ReportLab lay the document out twice. Placed like a
    flowable it needs the frame's cursor above the bottom edge, which the last paragraph's
    bottom margin may already have passed: the document then ended on a blank page.
    """


_original_file_digest = getattr(xhtml2pdf_context, "_file_digest", None)


@functools.lru_cache(maxsize=32)
def _file_digest_of(name: str, size: int, mtime_ns: int) -> str | None:
    return _original_file_digest(name)


def _file_digest(name: str | None) -> str | None:
    """xhtml2pdf's digest of an embedded font file, computed once per file version.

    xhtml2pdf hashes the whole font file on every ``@font-face`` of every render to tell two
    files of the same family apart: 2 × 5 MB of MD5 for the CJK font, about a third of the
    time of a one-page PDF. The file's size and modification time key the cached digest, so
    a replaced font is hashed again. Output unchanged.
    """
    if name is None:
        return None
    try:
        stat = os.stat(name)
    except OSError:
        return _original_file_digest(name)
    return _file_digest_of(name, stat.st_size, stat.st_mtime_ns)


def install_layout_fixes() -> None:
    """Make xhtml2pdf break ``-pdf-word-wrap: CJK`` paragraphs with :func:`break_cjk_lines`.

    Also stops the page-count marker from opening a blank last page
    (:func:`_page_count_takes_no_room`), and hashes an embedded font file once per process
    (:func:`_file_digest`). Idempotent; called when this module is imported, so every PDF
    rendered through :func:`render_pdf` gets them.
    """
    xhtml2pdf_paragraph.cjkFragSplit = break_cjk_lines
    xhtml2pdf_paragraph.Paragraph.breakLinesCJK = _paragraph_break_lines_cjk
    PmlPageCount.frameAction = _page_count_takes_no_room
    if _original_file_digest is not None:
        xhtml2pdf_context._file_digest = _file_digest


install_layout_fixes()


def font_face_css() -> str:
    """@font-face rules registering the CJK font for normal and bold text."""
    url = CJK_FONT.as_posix()
    return (
        f'@font-face {{ font-family: "cjk"; src: url("{url}"); }}\n'
        f'@font-face {{ font-family: "cjk"; font-weight: bold; src: url("{url}"); }}\n'
    )


def html_to_pdf(html: str) -> bytes:
    """Render an HTML string to PDF bytes; raise :class:`PdfRenderError` on failure."""
    out = BytesIO()
    policy = ResourceAccessPolicy(allow_remote=False, extra_roots=(FONTS_DIR,))
    status = pisa.CreatePDF(html, dest=out, encoding="utf-8", resource_policy=policy)
    if status.err:
        raise PdfRenderError(f"xhtml2pdf reported {status.err} error(s)")
    return out.getvalue()


class UndefinedTemplateVariable(str):
    """``string_if_invalid`` that raises: a variable a PDF template cannot resolve is an error.

    Django renders an unresolvable ``{{ row.key }}`` as "" and lets the same lookup in a
    filter argument raise (a report that fails only for some data). With this value every
    unresolvable lookup raises, whatever the data, so a test with any record finds it.
    """

    def __new__(cls):
        # Non-empty and holding "%s": Django then calls ``%`` with the variable.
        return super().__new__(cls, "%s")

    def __mod__(self, variable):
        raise TemplateSyntaxError(f"PDF template variable {variable!r} cannot be resolved")


@functools.cache
def strict_engine() -> Engine:
    """The project's Django template engine with :class:`UndefinedTemplateVariable`."""
    base = engines["django"].engine
    return Engine(
        dirs=base.dirs,
        app_dirs=False,
        context_processors=base.context_processors,
        debug=base.debug,
        loaders=base.loaders,
        string_if_invalid=UndefinedTemplateVariable(),
        file_charset=base.file_charset,
        libraries=base.libraries,
        builtins=base.builtins[len(Engine.default_builtins) :],
        autoescape=base.autoescape,
    )


def render_html(template_name: str, context: dict) -> str:
    """The PDF's HTML; strict (:func:`strict_engine`) when ``CEMS_STRICT_PDF_TEMPLATES`` is on.

    The test settings turn it on, so that every PDF test fails on a variable its template
    cannot resolve instead of printing a blank (or failing only for some records).
    """
    if getattr(settings, "CEMS_STRICT_PDF_TEMPLATES", False):
        return strict_engine().render_to_string(template_name, context)
    return render_to_string(template_name, context)


def render_pdf(template_name: str, context: dict, *, language: str | None = None) -> bytes:
    """Render ``template_name`` with ``context`` in ``language`` and return PDF bytes.

    The template should extend ``cems/pdf_base.html``, which includes the font rules.
    """
    context = {**context, "pdf_font_css": font_face_css()}
    if language:
        with translation.override(language):
            html = render_html(template_name, context)
    else:
        html = render_html(template_name, context)
    return html_to_pdf(html)
