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
