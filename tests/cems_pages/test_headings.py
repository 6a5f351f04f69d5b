"""Section headings keep the document's own numbering apart from the clause reference, and
glossary notes keep their own labels (issue 8 items 10 and 18), on the page and in the PDF."""

import io
import re

from django.urls import reverse
from django.utils import translation

import pytest
from pypdf import PdfReader

from cems_pages.blocks import clause_reference
from cems_pages.demo_content.manual import MANUAL
from cems_pages.models import GlossaryTerm
from cems_pages.templatetags.cems_pages_tags import note_lines

from .factories import GlossaryPageFactory, ManualPageFactory


@pytest.mark.parametrize(
    ("clause", "heading", "expected"),
    [
        ("1", "0.2 目的和适用范围", "1"),
        ("4.1, 4.4", "4.1 企业所处的环境", "4.1, 4.4"),
        ("1", "1 目的和适用范围", ""),
        ("4.1", "4.1 Context of the enterprise", ""),
        ("", "5 管理职责", ""),
        ("7.3", "文件化信息控制", "7.3"),
    ],
)
def test_clause_reference_is_omitted_only_when_the_heading_says_it(clause, heading, expected):
    assert clause_reference(clause, heading) == expected


def test_demo_manual_headings_follow_the_standards_chapters():
    for _key, clauses, zh, _zh_text, en, _en_text in MANUAL["sections"]:
        for heading in (zh, en):
            number = heading.split(" ", 1)[0]
            assert not number.startswith("0."), heading
            if re.fullmatch(r"\d+(\.\d+)*", number) and clauses:
                # a numbered heading answers the clause it carries
                assert number.split(".")[0] == clauses[0].split(".")[0], heading


SECTIONS = [
    {
        "type": "section",
        "value": {"heading": "0.2 目的和适用范围", "clause": "1", "text": "<p>甲</p>"},
    },
    {
        "type": "section",
        "value": {"heading": "4.1 企业所处的环境", "clause": "4.1, 4.4", "text": "<p>乙</p>"},
    },
    {"type": "section", "value": {"heading": "5 管理职责", "clause": "5", "text": "<p>丙</p>"}},
]


@pytest.fixture
def manual(home):
    return ManualPageFactory(parent=home, body=SECTIONS)


@pytest.mark.django_db
def test_manual_page_prints_headings_and_clause_references_apart(client, auditor, manual):
    client.force_login(auditor)
    html = client.get(manual.url).content.decode()
    assert "<h2>0.2 目的和适用范围</h2>" in html
    assert "<h2>4.1 企业所处的环境</h2>" in html
    assert "<h2>5 管理职责</h2>" in html
    assert "T/CSES 146—2024 条款 4.1, 4.4" in re.sub(r"\s+", " ", html)
    assert "1 0.2" not in html and "4.4 4.1" not in html


@pytest.mark.django_db
def test_manual_pdf_prints_headings_and_clause_references_apart(client, auditor, manual):
    client.force_login(auditor)
    for language, label in (("zh-hans", "条款"), ("en", "clause")):
        with translation.override(language):
            url = reverse("cems_pages:document_pdf", args=[manual.pk])
        response = client.get(url)
        reader = PdfReader(io.BytesIO(response.content))
        text = "\n".join(page.extract_text() for page in reader.pages)
        lines = [line.strip() for line in text.splitlines()]
        assert "0.2 目的和适用范围" in lines
        assert "4.1 企业所处的环境" in lines
        assert any(label in line and "4.1, 4.4" in line for line in lines), lines
        assert not any(line.startswith(("1 0.2", "4.1, 4.4 4.1")) for line in lines)


def test_note_lines_know_their_own_labels():
    lines = note_lines(
        "注1：甲\n编者注：乙\n\n[来源：GB/T 32150]\n丙\nNote 2: four\nEditor's note: x"
    )
    assert [line["labelled"] for line in lines] == [True, True, True, False, True, True]
    assert lines[3]["text"] == "丙"


@pytest.mark.django_db
def test_glossary_notes_are_not_labelled_twice(client, home):
    page = GlossaryPageFactory(
        parent=home,
        terms=[
            GlossaryTerm(
                clause_number="3.1.1",
                term="温室气体",
                definition="定义",
                note="注1：标准自带编号的注。\n编者注：本公司的注。",
            ),
            GlossaryTerm(
                clause_number="3.1.2", term="碳排放", definition="定义", note="无标签的注。"
            ),
        ],
    )
    html = client.get(page.url).content.decode()
    assert "注1：标准自带编号的注。" in html
    assert "注: 注1" not in html and "注：注1" not in html
    assert "注：无标签的注。" in html
