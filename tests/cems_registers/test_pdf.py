"""The shared PDF renderer embeds the CJK font: Chinese text is extractable."""

from io import BytesIO

from django.template import engines

from pypdf import PdfReader

from cems_registers.pdf import font_face_css, html_to_pdf


def test_chinese_text_is_extractable():
    html = (
        engines["django"]
        .from_string(
            "<html><head><style>{{ css|safe }} body { font-family: cjk; }</style></head>"
            "<body><h1>碳排放管理手册</h1><p>Carbon management manual</p></body></html>"
        )
        .render({"css": font_face_css()})
    )
    pdf = html_to_pdf(html)
    text = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    assert "碳排放管理手册" in text
    assert "Carbon management manual" in text


def _render_in(language: str, text: str) -> str:
    from django.utils import translation

    template = engines["django"].from_string(
        '{% extends "cems/pdf_base.html" %}{% block content %}<p>{{ text }}</p>{% endblock content %}'
    )
    with translation.override(language):
        html = template.render({"text": text, "pdf_font_css": font_face_css()})
    return PdfReader(BytesIO(html_to_pdf(html))).pages[0].extract_text()


def test_long_chinese_paragraph_wraps_inside_the_page():
    """Chinese has no spaces: without CJK wrapping the line would run off the page."""
    sentence = "企业应建立、实施、保持和持续改进碳排放管理体系，并确定所需的过程及其相互作用。" * 6
    text = _render_in("zh-hans", sentence)
    body_lines = [line for line in text.splitlines() if line and line[0] in sentence]
    assert len(body_lines) >= 4
    assert "".join(body_lines).startswith(sentence[:40])


def test_english_words_are_not_split_mid_word():
    sentence = "The enterprise establishes and maintains its carbon management system. " * 8
    text = _render_in("en", sentence)
    words = set(sentence.split())
    body_lines = [line for line in text.splitlines() if "/" not in line]  # not the footer
    assert len(body_lines) >= 3
    for line in body_lines:
        for word in line.split():
            if word.isalpha():
                assert word in words or f"{word}." in words, word


# --- line breaking in Chinese PDFs (-pdf-word-wrap: CJK, cems_registers.pdf.break_points) ------


def _lines(text: str, width: float, char_width: float = 1.0) -> list[str]:
    from cems_registers.pdf import break_points

    widths = [char_width] * len(text)
    return [text[a:b] for a, b in break_points(text, widths, [width])]


def test_break_points_cut_chinese_between_any_two_characters():
    assert _lines("碳排放管理体系", 3) == ["碳排放", "管理体", "系"]


def test_break_points_keep_latin_words_whole():
    assert _lines("地磅单 weighbridge ticket", 12) == ["地磅单 ", "weighbridge ", "ticket"]
    # the word moves to the next line rather than being cut after the Chinese text
    assert _lines("维保记录maintenance", 12) == ["维保记录", "maintenance"]


def test_break_points_keep_closing_punctuation_off_the_line_start():
    lines = _lines("排放量按活动数据计算，并换算", 10)
    assert not any(line.startswith("，") for line in lines)
    assert "".join(lines) == "排放量按活动数据计算，并换算"


def test_break_points_honour_forced_breaks():
    assert _lines("submitter\n2026-11-26 00:07", 40) == ["submitter\n", "2026-11-26 00:07"]


def test_break_points_cut_an_overlong_word_where_it_must():
    # after "_" when nothing better fits, anywhere as a last resort
    assert _lines("refrigerant_mass_balance", 20) == ["refrigerant_mass_", "balance"]
    assert _lines("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def _pdf_lines(language: str, body: str, *, footer: str = "") -> list[list[str]]:
    from django.utils import translation

    template = engines["django"].from_string(
        '{% extends "cems/pdf_base.html" %}'
        "{% block content %}" + body + "{% endblock content %}"
        "{% block footer %}" + footer + "{% endblock footer %}"
    )
    with translation.override(language):
        html = template.render({"pdf_font_css": font_face_css()})
    reader = PdfReader(BytesIO(html_to_pdf(html)))
    return [page.extract_text().splitlines() for page in reader.pages]


def test_chinese_table_cell_keeps_its_line_break_and_the_time_whole():
    """A <br> between a user and a date stays a line break; "00:07" is not cut (zh review)."""
    cell = "submitter<br/><small>2026-11-26 00:07</small>"
    body = (
        '<table><tr><th width="70%">数据集</th><th width="15%">提交人</th><th width="15%">批准人</th>'
        f"</tr><tr><td>demo-activity-2025.csv</td><td>{cell}</td><td>{cell}</td></tr></table>"
    )
    lines = [line.strip() for line in _pdf_lines("zh-hans", body)[0]]
    assert "submitter" in lines
    assert "2026-11-26 00:07" in lines or ("2026-11-26" in lines and "00:07" in lines)
    assert not any("submitter2026" in line for line in lines)


def test_latin_words_in_narrow_chinese_cells_are_not_cut():
    words = (
        "地磅单 / weighbridge ticket (ACCOUNTING.md 4, Set A) 燃料燃烧，国内核算指南法 natural_gas"
    )
    body = (
        '<table><tr><th width="25%">数据来源</th><th width="75%">说明</th></tr>'
        f"<tr><td>{words}</td><td>—</td></tr></table>"
    )
    lines = _pdf_lines("zh-hans", body)[0]
    latin = {w.strip("()/,") for w in words.split() if w.isascii()}
    seen = {w.strip("()/,") for line in lines for w in line.split() if w.isascii()}
    assert {"weighbridge", "ticket", "ACCOUNTING.md", "natural_gas"} <= seen
    assert seen - {"Page", "1", "—"} <= latin | {""}


def test_tables_stay_clear_of_the_footer():
    """The last row of a page ends well above the footer (it used to touch it, en p. 8)."""
    rows = "".join(f"<tr><td>S{i:03d} 燃气锅炉</td><td>{i}.000</td></tr>" for i in range(120))
    body = f'<table repeat="1"><tr><th>排放源</th><th>tCO2e</th></tr>{rows}</table>'
    for language in ("zh-hans", "en"):
        template = engines["django"].from_string(
            '{% extends "cems/pdf_base.html" %}{% block content %}'
            + body
            + "{% endblock content %}{% block footer %}FOOTERMARK{% endblock footer %}"
        )
        from django.utils import translation

        with translation.override(language):
            html = template.render({"pdf_font_css": font_face_css()})
        page = PdfReader(BytesIO(html_to_pdf(html))).pages[0]
        found: list[tuple[float, str]] = []

        def visit(text, cm, tm, _font, _size, found=found):
            if text.strip():
                found.append((tm[5] * cm[3] + cm[5], text))

        page.extract_text(visitor_text=visit)
        footer = max(y for y, text in found if "FOOTERMARK" in text)
        lowest_row = min(y for y, text in found if text.strip().startswith(("S0", "S1")))
        # baselines 24pt apart: the row's descent and cell padding, then white, then the footer
        assert lowest_row - footer >= 24, (language, lowest_row, footer)


def test_no_blank_last_page_when_the_text_ends_at_the_foot_of_a_page():
    """The page-count marker after the last paragraph used to open an empty page."""
    from django.utils import translation

    for height in range(664, 700, 3):
        template = engines["django"].from_string(
            '{% extends "cems/pdf_base.html" %}{% block content %}'
            f'<div style="height: {height}pt"></div><p>Last paragraph.</p>'
            "{% endblock content %}{% block footer %}F{% endblock footer %}"
        )
        with translation.override("en"):
            html = template.render({"pdf_font_css": font_face_css()})
        pages = PdfReader(BytesIO(html_to_pdf(html))).pages
        assert "Last paragraph." in pages[-1].extract_text(), height


# --- strict PDF templates (settings.CEMS_STRICT_PDF_TEMPLATES, on in the test settings) -------


def test_a_pdf_template_variable_that_cannot_be_resolved_raises():
    from django.template import Context, TemplateSyntaxError

    import pytest

    from cems_registers.pdf import strict_engine

    template = strict_engine().from_string("{{ row.name }} {{ row.missing|default:'—' }}")
    with pytest.raises(TemplateSyntaxError, match="row.missing"):
        template.render(Context({"row": {"name": "x"}}))
    assert (
        strict_engine().from_string("{{ row.name }}").render(Context({"row": {"name": "x"}})) == "x"
    )


def test_render_pdf_is_strict_under_the_test_settings(settings):
    from django.template import TemplateSyntaxError

    import pytest

    from cems_registers.pdf import render_pdf

    assert settings.CEMS_STRICT_PDF_TEMPLATES
    with pytest.raises(TemplateSyntaxError):
        render_pdf("cems_registers/pdf/management_review_pack.html", {}, language="en")
