"""The fast paths of the evidence pack (6.3.3, 9.3; issue 12 §1): the large CSV parts escaped by
the database and written by the C CSV writer, and a part produced by a forked child, give the
same bytes as the plain Python rule and as this process."""

import os

from django.contrib.contenttypes.models import ContentType

import pytest

from cems_registers.models import Facility
from cems_site.evidence import sections, spool

from ..cems_registers.factories import FacilityFactory

NAMES = ["=SUM(A1)", "+1", "-2", "@cmd", "\tTab", "\rCR", "工厂,甲", 'say "hi"', "plain"]
FIELDS = ["code", "name", "name_en", "address"]


def _facilities():
    for i, name in enumerate(NAMES):
        FacilityFactory(code=f"F{i:02d}", name=name, name_en=name[::-1], address="-" * (i % 2))


def _python_rule() -> bytes:
    rows = Facility.objects.order_by("pk").values_list(*FIELDS)
    return b"".join(sections.csv_chunks(FIELDS, rows))


def test_the_database_escapes_text_as_the_python_rule_does(db):
    _facilities()
    body = b"".join(sections.csv_rows(FIELDS, Facility.objects.all(), FIELDS))
    assert body == _python_rule()
    text = body.decode("utf-8-sig")
    assert "'=SUM(A1)" in text and "'@cmd" in text and "'-2" in text
    assert '"工厂,甲"' in text and '"say ""hi"""' in text
    assert text.count("\r\nF") == len(NAMES)  # one record per facility


def test_no_child_inside_a_transaction(db):
    # the tests run in a transaction: a child's connection would not see their rows
    assert not spool.possible(10**9)


def _content_types():
    # committed by the migrations, so the child's own connection sees them although this test
    # runs in a transaction (no transactional test: its flush would empty the shared test
    # database of Wagtail's root page and the role groups)
    return sections.csv_rows(["app", "model"], ContentType.objects.all(), ["app_label", "model"])


def test_a_part_made_by_a_child_process_has_the_same_bytes(db):
    here = b"".join(_content_types())
    spooled = spool.Spool(_content_types, name="registers/x.csv")
    assert spooled.pid != os.getpid()
    assert b"".join(spooled.chunks()) == here
    assert here.count(b"\r\n") == 1 + ContentType.objects.count() > 10
    with pytest.raises(ChildProcessError):  # reaped: no zombie left
        os.waitpid(spooled.pid, os.WNOHANG)
    # this process's connection still works after the child's exit
    assert ContentType.objects.filter(app_label="cems_evidence").exists()


def test_a_failing_child_is_an_error_naming_the_part(db):
    def produce():
        yield b"half a file"
        raise ValueError("the database went away")

    chunks = spool.in_child(produce, name="trace/results.csv")
    with pytest.raises(RuntimeError) as error:
        b"".join(chunks())
    assert "trace/results.csv" in str(error.value)
    assert "ValueError: the database went away" in str(error.value)
