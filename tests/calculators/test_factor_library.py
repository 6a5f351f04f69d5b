"""Factor library: loading from the shipped CSVs, freezing and new versions (6.3.1 e, 6.3.2)."""

import io

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

import pandas as pd
import pytest

from calculators.models import Factor, FactorSet, GwpSet, GwpValue
from calculators.services.factors import DATA_DIR, factor_set_new_version, factor_sets_freeze
from cems_registers.roles import Role

from ..refusals import assert_denied_in_admin
from .factories import FactorFactory, FactorSetFactory


def shipped_factor_rows() -> int:
    return sum(len(pd.read_csv(p, dtype=str)) for p in DATA_DIR.glob("factors_*.csv"))


@pytest.mark.django_db
def test_migration_loaded_every_shipped_factor_and_gwp_set():
    assert Factor.objects.filter(factor_set__is_builtin=True).count() == shipped_factor_rows()
    assert set(GwpSet.objects.values_list("key", flat=True)) == {"SAR", "AR4", "AR5", "AR6"}
    ar6_r410a = GwpValue.objects.get(gwp_set__key="AR6", species="R-410A")
    hfc32 = GwpValue.objects.get(gwp_set__key="AR6", species="HFC-32").value
    hfc125 = GwpValue.objects.get(gwp_set__key="AR6", species="HFC-125").value
    assert ar6_r410a.value == pytest.approx(0.5 * hfc32 + 0.5 * hfc125)
    assert ar6_r410a.composition == {"HFC-32": 0.5, "HFC-125": 0.5}


@pytest.mark.django_db
def test_load_factors_command_is_idempotent():
    before = (FactorSet.objects.count(), Factor.objects.count(), GwpValue.objects.count())
    call_command("cems_load_factors")
    call_command("cems_load_factors")
    assert (FactorSet.objects.count(), Factor.objects.count(), GwpValue.objects.count()) == before


@pytest.mark.django_db
def test_frozen_factor_set_refuses_change_and_delete():
    factor = FactorFactory()
    factor_set = factor.factor_set
    factor_sets_freeze(factor_set_ids=[factor_set.pk])
    factor_set.refresh_from_db()
    factor_set.name = "changed"
    with pytest.raises(ValidationError):
        factor_set.save()
    with pytest.raises(ValidationError):
        factor_set.full_clean()
    with pytest.raises(ValidationError):
        factor_set.delete()
    factor.value = 1.0
    with pytest.raises(ValidationError):
        factor.save()
    with pytest.raises(ValidationError):
        factor.delete()
    with pytest.raises(ValidationError):
        Factor.objects.create(factor_set=factor_set, material="x", parameter="ncv", value=1)
    factor.refresh_from_db()
    assert factor.value == 389.31
    assert FactorSet.objects.get(pk=factor_set.pk).name != "changed"


@pytest.mark.django_db
def test_factor_cannot_move_out_of_a_frozen_set():
    factor = FactorFactory()
    frozen_set = factor.factor_set
    factor_sets_freeze(factor_set_ids=[frozen_set.pk])
    factor.factor_set = FactorSetFactory()
    with pytest.raises(ValidationError):
        factor.save()


@pytest.mark.django_db
def test_new_version_copies_factors_unfrozen(make_user):
    reviewer = make_user("fs_reviewer", Role.DATA_REVIEWERS)
    factor = FactorFactory()
    FactorFactory(factor_set=factor.factor_set, parameter="oxidation_rate", value=0.99, unit="")
    factor_sets_freeze(factor_set_ids=[factor.factor_set_id])
    new = factor_set_new_version(factor_set=factor.factor_set, user=reviewer)
    assert new.version == factor.factor_set.version + 1
    assert new.key == factor.factor_set.key
    assert not new.frozen
    assert sorted(new.factors.values_list("parameter", "value")) == [
        ("ncv", 389.31),
        ("oxidation_rate", 0.99),
    ]
    copied = new.factors.get(parameter="ncv")
    copied.value = 400.0
    copied.save()  # the copy is editable
    assert Factor.objects.get(pk=factor.pk).value == 389.31


@pytest.mark.django_db
def test_admin_refuses_to_edit_or_delete_a_frozen_set(client, make_user):
    reviewer = make_user("fs_admin", Role.DATA_REVIEWERS)
    factor = FactorFactory()
    factor_set = factor.factor_set
    factor_sets_freeze(factor_set_ids=[factor_set.pk])
    client.force_login(reviewer)
    edit_url = reverse("wagtailsnippets_calculators_factorset:edit", args=[factor_set.pk])
    response = client.post(edit_url, {"key": factor_set.key, "version": 1, "name": "hacked"})
    assert response.status_code == 302
    assert FactorSet.objects.get(pk=factor_set.pk).name != "hacked"
    delete_url = reverse("wagtailsnippets_calculators_factorset:delete", args=[factor_set.pk])
    client.post(delete_url)
    assert FactorSet.objects.filter(pk=factor_set.pk).exists()
    factor_edit = reverse("wagtailsnippets_calculators_factor:edit", args=[factor.pk])
    client.post(
        factor_edit,
        {
            "factor_set": factor_set.pk,
            "material": "natural_gas",
            "parameter": "ncv",
            "value": 1,
            "verification": "measured",
        },
    )
    assert Factor.objects.get(pk=factor.pk).value == 389.31
    factor_delete = reverse("wagtailsnippets_calculators_factor:delete", args=[factor.pk])
    client.post(factor_delete)
    assert Factor.objects.filter(pk=factor.pk).exists()


@pytest.mark.django_db
def test_admin_edits_an_unfrozen_user_set(client, make_user):
    reviewer = make_user("fs_editor", Role.DATA_REVIEWERS)
    factor = FactorFactory()
    client.force_login(reviewer)
    url = reverse("wagtailsnippets_calculators_factor:edit", args=[factor.pk])
    response = client.post(
        url,
        {
            "factor_set": factor.factor_set_id,
            "material": "natural_gas",
            "parameter": "ncv",
            "gas": "",
            "value": "390.5",
            "unit": "GJ/万Nm3",
            "verification": "measured",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert Factor.objects.get(pk=factor.pk).value == 390.5


@pytest.mark.django_db
def test_admin_new_version_action(client, make_user):
    reviewer = make_user("fs_versioner", Role.DATA_REVIEWERS)
    factor = FactorFactory()
    client.force_login(reviewer)
    url = reverse("calculators_factorset_new_version", args=[factor.factor_set_id])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    assert FactorSet.objects.filter(key=factor.factor_set.key, version=2).exists()


@pytest.mark.django_db
def test_submitter_cannot_create_versions(client, make_user):
    submitter = make_user("fs_submitter", Role.DATA_SUBMITTERS)
    factor = FactorFactory()
    client.force_login(submitter)
    url = reverse("calculators_factorset_new_version", args=[factor.factor_set_id])
    assert_denied_in_admin(client.post(url))
    assert not FactorSet.objects.filter(key=factor.factor_set.key, version=2).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["factor", "factorset"])
def test_bulk_delete_of_frozen_factors_is_refused(client, make_user, model):
    reviewer = make_user("bulk_admin", Role.DATA_REVIEWERS)
    factor = FactorFactory()
    factor_sets_freeze(factor_set_ids=[factor.factor_set_id])
    target = factor if model == "factor" else factor.factor_set
    client.force_login(reviewer)
    url = reverse("wagtail_bulk_action", args=["calculators", model, "delete"])
    response = client.post(f"{url}?id={target.pk}", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert Factor.objects.filter(pk=factor.pk).exists()
    assert FactorSet.objects.filter(pk=factor.factor_set_id).exists()
    assert b"frozen" in response.content


@pytest.mark.django_db
def test_queryset_delete_of_frozen_factors_is_refused():
    factor = FactorFactory()
    other = FactorFactory(material="coke")
    factor_sets_freeze(factor_set_ids=[factor.factor_set_id])
    # each delete in its own savepoint, as a request in autocommit would be
    with pytest.raises(ValidationError), transaction.atomic():
        Factor.objects.filter(pk__in=[factor.pk, other.pk]).delete()
    assert Factor.objects.filter(pk__in=[factor.pk, other.pk]).count() == 2
    with pytest.raises(ValidationError), transaction.atomic():
        FactorSet.objects.filter(pk=factor.factor_set_id).delete()
    assert Factor.objects.filter(pk=factor.pk).exists()


@pytest.mark.django_db
def test_bulk_delete_of_an_unfrozen_factor_still_works(client, make_user):
    reviewer = make_user("bulk_admin2", Role.DATA_REVIEWERS)
    factor = FactorFactory()
    client.force_login(reviewer)
    url = reverse("wagtail_bulk_action", args=["calculators", "factor", "delete"])
    client.post(f"{url}?id={factor.pk}")
    assert not Factor.objects.filter(pk=factor.pk).exists()


# Official citations, in the reader's language; where the text was read kept apart (issue 8, 12)

#: Second-hand addresses and development notes that the old provenance texts cited.
NOT_A_CITATION = ("ACCOUNTING.md", "163.com", "reportify", "manhosting", "via ", "scribd")


def _shipped_sets() -> dict:
    meta = pd.read_csv(DATA_DIR / "factor_sets.csv", dtype=str, keep_default_na=False)
    return {(m["set_key"], int(m["set_version"])): m for m in meta.to_dict("records")}


@pytest.mark.django_db
def test_every_builtin_set_and_factor_carries_the_shipped_citations():
    shipped = _shipped_sets()
    sets = FactorSet.objects.filter(is_builtin=True)
    assert sets.count() == len([k for k in shipped if not k[0].startswith("GWP_")])
    for factor_set in sets:
        meta = shipped[(factor_set.key, factor_set.version)]
        assert factor_set.citation == meta["citation_zh"]
        assert factor_set.citation_en == meta["citation_en"]
        assert factor_set.retrieved_from == meta["retrieved_from"]
    factors = Factor.objects.filter(factor_set__is_builtin=True)
    assert not factors.filter(citation="").exists()
    assert not factors.filter(citation_en="").exists()
    for gwp_set in GwpSet.objects.all():
        assert gwp_set.citation.startswith("政府间气候变化专门委员会（IPCC）")
        assert gwp_set.citation_en.startswith("IPCC")


@pytest.mark.django_db
def test_loading_fills_the_citations_of_a_frozen_set_and_changes_nothing_it_froze():
    factor_set = FactorSet.objects.get(key="CN_elec_stat_2023", is_builtin=True)
    old_source = "MEE/NBS 2023 electricity CO2 emission factors (光明日报 via 163.com)"
    # a database from before the citations: old provenance text, no citation, frozen by a run
    Factor.objects.filter(factor_set=factor_set).update(
        source=old_source, citation="", citation_en="", retrieved_from=""
    )
    FactorSet.objects.filter(pk=factor_set.pk).update(citation="", citation_en="")
    factor_sets_freeze(factor_set_ids=[factor_set.pk])
    before = list(factor_set.factors.order_by("pk").values_list("pk", "value", "source"))
    call_command("cems_load_factors", stdout=io.StringIO())
    after = list(factor_set.factors.order_by("pk").values_list("pk", "value", "source"))
    assert after == before  # what a run hashed is untouched
    factor_set.refresh_from_db()
    assert "生态环境部、国家统计局" in factor_set.citation
    assert factor_set.citation_en.startswith("MEE and NBS")
    factor = factor_set.factors.get(material="electricity_cn_east")
    assert "《关于发布2023年电力二氧化碳排放因子的公告》" in factor.citation
    assert "163.com" in factor.retrieved_from and "163.com" not in factor.citation


@pytest.mark.django_db
def test_a_new_version_keeps_the_citations(make_user):
    factor_set = FactorSet.objects.get(key="CN_heat", is_builtin=True)
    new = factor_set_new_version(factor_set=factor_set, user=make_user("v", superuser=True))
    assert (new.citation, new.citation_en) == (factor_set.citation, factor_set.citation_en)
    heat = new.factors.get(material="heat")
    assert "发改办气候〔2015〕1722号" in heat.citation
    assert "No. 1722" in heat.citation_en


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.django_db
def test_reports_cite_the_official_publication_in_their_language(done_run):
    from openpyxl import load_workbook

    from calculators.reports import report_context, report_pdf, report_xlsx

    zh_ctx, en_ctx = report_context(done_run, "zh-hans"), report_context(done_run, "en")
    zh = {fs["key"]: fs["citation"] for fs in zh_ctx["factor_sets"]}
    en = {fs["key"]: fs["citation"] for fs in en_ctx["factor_sets"]}
    assert "公告2024年第12号" in zh["CN_elec_stat_2021"]
    assert "Announcement No. 12 of 2024" in en["CN_elec_stat_2021"]
    assert all(zh.values()) and all(en.values())
    assert {f["citation"] for f in zh_ctx["factors"]} and all(
        f["citation"] for f in zh_ctx["factors"]
    )
    zh_pdf, en_pdf = _text(report_pdf(zh_ctx)), _text(report_pdf(en_ctx))
    assert "生态环境部、国家统计局《关于发布2021年电力二氧化碳排放因子的公告》" in zh_pdf
    assert "AnnouncementNo.12of2024" in en_pdf
    for marker in NOT_A_CITATION:
        squeezed = "".join(marker.split())
        assert squeezed not in zh_pdf and squeezed not in en_pdf, marker
    for language, ctx in (("zh-hans", zh_ctx), ("en", en_ctx)):
        wb = load_workbook(io.BytesIO(report_xlsx(ctx)))
        cells = [
            str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row
        ]
        text = "\n".join(cells)
        assert not [m for m in NOT_A_CITATION if m in text], language
        wanted = "《关于发布" if language == "zh-hans" else "Announcement on Publishing"
        assert wanted in text, language


@pytest.mark.django_db
def test_results_page_and_factor_admin_show_the_citation_in_the_readers_language(
    client, done_run, make_user
):
    auditor = make_user("cite_auditor", Role.AUDITORS)
    client.force_login(auditor)
    url = reverse("calculators_run_results", args=[done_run.pk])
    zh = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    en = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "《关于发布2021年电力二氧化碳排放因子的公告》" in zh
    assert "Announcement on Publishing the 2021 Electricity" in en
    assert "Table 8.A.1" in en  # the run's GWP set, AR5
    for marker in NOT_A_CITATION:
        assert marker not in zh and marker not in en
    factors = reverse("wagtailsnippets_calculators_factor:list")
    listing = client.get(factors, {"q": "electricity_cn_east"}, HTTP_ACCEPT_LANGUAGE="en")
    assert listing.status_code == 200
    assert "Announcement on Publishing the 2022 Electricity" in listing.content.decode()
