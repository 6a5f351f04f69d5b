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
