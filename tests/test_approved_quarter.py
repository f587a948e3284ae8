"""An approved quarter's report never changes, by any path (issue 8, point 2; DOMAIN.md section 9).

The demo's quarter IV 2021 is submitted by the PD and approved by Bappeda; then every path that once
changed it (an import titled for quarter III, an amendment by the operator, the pemda's settings in the
admin, and plain table edits) is tried, and every download is compared byte for byte.
"""

from __future__ import annotations

import hashlib
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from audit.models import AuditEvent
from imports.services import import_report
from planning.errors import NotAllowed, QuarterLocked, ServiceError
from planning.models import Indicator, Membership, Region, WorkPlan, WorkPlanIndicator
from planning.roles import SYSTEM
from planning.services.realizations import realization_set
from planning.services.settings import rating_bands_set, region_update
from planning.services.work_plans import work_plan_amend
from quarters.models import ApprovedReport, QuarterReport
from quarters.workflow import quarter_approve, quarter_submit, quarter_unlock
from reporting.frozen import approved_report_of, frozen_verify
from reporting.renderers import RENDERERS
from reporting.report import report_build, report_for_quarter
from tests.conftest import explain_errors, submit_explained
from tests.imports.conftest import SEED, SEED_NAME

UMKM_INDICATOR = "Jumlah UM yang diberdayakan"
ASN = "Jumlah ASN terlayani gaji dan tunjangan"


@pytest.fixture
def people(agency: Any, django_user_model: Any) -> dict[str, Any]:
    """One user per role of the demo pemda, plus an operator of another PD of the same pemda."""
    from planning.models import Agency

    other = Agency.objects.create(region=agency.region, slug="dinas-lain-lmj", name="Dinas Lain")
    roles = {
        "operator": (Membership.Role.OPERATOR, agency),
        "kepala": (Membership.Role.HEAD, agency),
        "verifier": (Membership.Role.VERIFIER, None),
        "admin": (Membership.Role.ADMIN, None),
        "reader": (Membership.Role.READER, None),
        "other_operator": (Membership.Role.OPERATOR, other),
    }
    users = {}
    for name, (role, where) in roles.items():
        user = django_user_model.objects.create_user(f"t-{name}", password="x" * 12, first_name=name.title())
        Membership.objects.create(user=user, region=agency.region, agency=where, role=role)
        users[name] = user
    return users


def downloads(agency: Any) -> dict[str, bytes]:
    report = report_for_quarter(agency=agency, year=2021, quarter=4)
    return {name: r.render(report) for name, r in RENDERERS.items()}


@pytest.fixture
def approved(agency: Any, people: dict[str, Any]) -> ApprovedReport:
    submit_explained(agency=agency, year=2021, quarter=4, actor=people["operator"])
    quarter_approve(agency=agency, year=2021, quarter=4, actor=people["verifier"])
    frozen = approved_report_of(agency=agency, year=2021, quarter=4)
    assert frozen is not None
    return frozen


def test_approval_keeps_the_report_json_with_its_hash_approver_and_time(agency, people, approved) -> None:
    data = approved.json.encode("utf-8")
    assert approved.sha256 == hashlib.sha256(data).hexdigest()
    assert approved.approved_by == people["verifier"] and approved.approved_by_name == "Verifier"
    report = json.loads(data)
    assert report["status"] == "approved" and report["approval"]["approved_by"] == "Verifier"
    assert report["average_achievement"] == "99.45" and report["rating"] == "Sangat Tinggi"
    assert RENDERERS["json"].render(report_for_quarter(agency=agency, year=2021, quarter=4)) == data
    assert frozen_verify(approved)
    event = AuditEvent.objects.get(action="report_freeze")
    assert event.after["sha256"] == approved.sha256


def test_every_page_and_download_says_who_approved_when_and_the_hash(client, agency, people, approved) -> None:
    client.force_login(people["reader"])
    page = client.get(reverse("report", args=["diskopum-lumajang", 2021, 4])).content.decode()
    assert "Disetujui" in page and "oleh Verifier" in page and approved.sha256 in page
    for fmt in ("html", "csv"):
        body = client.get(reverse("report_download", args=["diskopum-lumajang", 2021, 4, fmt])).content
        assert approved.sha256.encode() in body and b"oleh Verifier" in body
    json_body = client.get(reverse("report_download", args=["diskopum-lumajang", 2021, 4, "json"])).content
    assert hashlib.sha256(json_body).hexdigest() == approved.sha256


def test_pdf_and_excel_of_an_approved_quarter_print_the_approval(agency, approved, tmp_path) -> None:
    import subprocess
    import zipfile

    files = downloads(agency)
    pdf = tmp_path / "e81.pdf"
    pdf.write_bytes(files["pdf"])
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    assert pages and all(approved.sha256 in " ".join(p.split()) for p in pages)  # on every page
    with zipfile.ZipFile(io.BytesIO(files["xlsx"])) as z:
        sheet = z.read("xl/sharedStrings.xml").decode() + z.read("xl/worksheets/sheet1.xml").decode()
    assert approved.sha256 in sheet and "oleh Verifier" in sheet


def test_an_import_titled_for_quarter_three_cannot_change_the_approved_year(agency, people, approved) -> None:
    before = downloads(agency)
    text = SEED.read_text(encoding="utf-8").replace("Tribunal IV", "Triwulan III", 1)
    text = text.replace("\t400\tUM\t11,491,259,904", "\t450\tUM\t11,491,259,904", 1)  # the UMKM program's target
    for actor in (SYSTEM, people["operator"]):
        result = import_report(
            data=text.encode("utf-8"), filename=SEED_NAME, agency_slug=agency.slug, year=2021, dry_run=False,
            actor=actor,
        )  # fmt: skip
        assert not result.ok
        assert any("Triwulan III tahun 2021" in str(p) and "terkunci" in str(p) for p in result.errors)
    umkm = Indicator.objects.get(name=UMKM_INDICATOR, row__level="program")
    assert WorkPlanIndicator.objects.get(indicator=umkm, work_plan__revision=0).target == Decimal(400)
    assert downloads(agency) == before


def test_plan_data_of_an_approved_year_changes_only_by_bappeda_with_a_reason(agency, people, approved) -> None:
    from demo.management.commands.demo import DATA as DEMO_YAML
    from demo.yaml_document import read_yaml_document
    from planning.services.documents import document_load

    before = downloads(agency)
    document = read_yaml_document(DEMO_YAML)
    document.report = None  # plan data only: no quarter's values
    [umkm] = [
        i for _p, r in document.walk() for i in r.indicators if i.name == UMKM_INDICATOR and r.level.value == "program"
    ]
    umkm.target = Decimal(450)
    for actor in (SYSTEM, people["operator"]):
        with pytest.raises(QuarterLocked, match="hanya dapat diubah melalui perubahan yang dicatat Bappeda"):
            document_load(document=document, actor=actor, reason="koreksi")
    with pytest.raises(QuarterLocked):  # Bappeda, but without saying why
        document_load(document=document, actor=people["verifier"], reason="koreksi")
    with pytest.raises(QuarterLocked):  # a reason, but not Bappeda
        document_load(document=document, actor=people["operator"], amendment_reason="salah ketik target")
    result = document_load(document=document, actor=people["verifier"], amendment_reason="salah ketik target")
    assert [(c.model, c.before, c.after) for c in result.changes] == [("Target", "400", "450")]
    event = AuditEvent.objects.get(action="plan_amend_locked_year")
    assert event.reason == "salah ketik target" and event.actor == people["verifier"]
    assert downloads(agency) == before


def test_bappeda_records_an_amendment_of_an_approved_year_and_the_approved_copy_stays(agency, people, approved) -> None:
    before = downloads(agency)
    original = WorkPlan.objects.get(strategic_plan__agency=agency, year=2021, revision=0)
    with pytest.raises(NotAllowed, match="hanya dapat dicatat oleh Bappeda"):
        work_plan_amend(work_plan=original, actor=people["operator"], reason="APBD perubahan")
    assert not WorkPlan.objects.filter(strategic_plan__agency=agency, year=2021, revision=1).exists()
    amended = work_plan_amend(work_plan=original, actor=people["verifier"], reason="APBD perubahan")
    WorkPlanIndicator.objects.filter(work_plan=amended, indicator__name=UMKM_INDICATOR).update(target=Decimal(450))
    assert downloads(agency) == before
    assert json.loads(before["json"])["work_plan"]["label"] == "Renja murni"
    live = report_build(agency=agency, year=2021, quarter=4)
    assert live.context.work_plan.revision == 1 and live.evaluation.average != Decimal("99.45")


def test_pemda_settings_change_in_the_admin_is_audited_and_leaves_the_approved_report(
    client, agency, people, approved
) -> None:
    before = downloads(agency)
    region = agency.region
    admin = people["admin"]
    admin.is_staff = True
    admin.save()
    from django.contrib.auth.models import Permission

    admin.user_permissions.add(*Permission.objects.filter(codename__in=["change_region", "view_region"]))
    client.force_login(admin)
    url = reverse("admin:planning_region_change", args=[region.pk])
    bands = list(region.rating_bands.order_by("pk"))
    form = {
        "name": region.name, "kind": region.kind, "place": region.place,
        "negative_formula": region.negative_formula, "average_basis": "all_rows",
        "average_source": region.average_source, "average_cap": "", "bappeda_head_name": region.bappeda_head_name,
        "bappeda_head_nip": region.bappeda_head_nip, "bappeda_head_title": region.bappeda_head_title,
        "rating_bands-TOTAL_FORMS": str(len(bands)), "rating_bands-INITIAL_FORMS": str(len(bands)),
        "rating_bands-MIN_NUM_FORMS": "0", "rating_bands-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for i, band in enumerate(bands):
        form |= {
            f"rating_bands-{i}-id": str(band.pk), f"rating_bands-{i}-region": str(region.pk),
            f"rating_bands-{i}-year": str(band.year), f"rating_bands-{i}-lower": "" if band.lower is None else str(band.lower),
            f"rating_bands-{i}-label": band.label,
        }  # fmt: skip
    refused = client.post(url, form)  # no reason: the form asks for one
    assert refused.status_code == 200 and Region.objects.get(pk=region.pk).average_basis == "programs"
    response = client.post(url, {**form, "reason": "Perbup 12/2022: rata-rata seluruh indikator"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Region.objects.get(pk=region.pk).average_basis == "all_rows"
    event = AuditEvent.objects.get(action="region_update")
    assert (event.actor, event.before, event.after) == (
        admin,
        {"average_basis": "programs"},
        {"average_basis": "all_rows"},
    )
    assert event.reason.startswith("Perbup 12/2022") and event.source == "admin"
    assert downloads(agency) == before
    fresh = type(agency).objects.select_related("region").get(pk=agency.pk)
    assert report_build(agency=fresh, year=2021, quarter=4).evaluation.settings.average_basis.value == "all_rows"


def test_settings_services_check_the_role_and_ask_for_a_reason(agency, people) -> None:
    region = agency.region
    for who in ("verifier", "operator", "reader"):
        with pytest.raises(NotAllowed):
            region_update(region=region, actor=people[who], values={"average_basis": "all_rows"}, reason="x")
    with pytest.raises(ServiceError, match="Alasan"):
        region_update(region=region, actor=people["admin"], values={"average_basis": "all_rows"}, reason=" ")
    with pytest.raises(ServiceError, match="tidak sah"):
        region_update(region=region, actor=people["admin"], values={"average_basis": "semua"}, reason="uji")
    bands = [(Decimal(90), "Baik"), (None, "Kurang")]
    assert rating_bands_set(region=region, year=2022, bands=bands, actor=people["admin"], reason="Perbup")
    assert not rating_bands_set(region=region, year=2022, bands=bands, actor=people["admin"], reason="Perbup")
    with pytest.raises(ServiceError, match="batas bawah"):
        rating_bands_set(region=region, year=2022, bands=[(Decimal(90), "Baik")], actor=people["admin"], reason="x")
    assert AuditEvent.objects.filter(action="rating_bands_set").count() == 1


def test_table_edits_after_approval_change_no_download(agency, approved) -> None:
    before = downloads(agency)
    WorkPlanIndicator.objects.filter(indicator__name=UMKM_INDICATOR).update(target=Decimal(450))
    Region.objects.filter(pk=agency.region_id).update(average_basis="all_rows", negative_formula="t_over_r")
    type(agency).objects.filter(pk=agency.pk).update(name="Dinas Berganti Nama", head_name="Orang Lain")
    QuarterReport.objects.filter(agency=agency, quarter=4).update(drivers="ditulis ulang")
    assert downloads(agency) == before
    assert frozen_verify(approved)


def test_a_tampered_copy_fails_verification(approved) -> None:
    ApprovedReport.objects.filter(pk=approved.pk).update(json=approved.json.replace("99.45", "99.99"))
    approved.refresh_from_db()
    assert not frozen_verify(approved)


def test_unlock_supersedes_the_copy_and_the_next_approval_freezes_a_new_one(agency, people, approved) -> None:
    with pytest.raises(ServiceError, match="Alasan"):
        quarter_unlock(agency=agency, year=2021, quarter=4, actor=people["verifier"], reason="")
    quarter_unlock(agency=agency, year=2021, quarter=4, actor=people["verifier"], reason="koreksi TW II")
    approved.refresh_from_db()
    assert approved.superseded_at is not None and approved.superseded_reason == "koreksi TW II"
    assert approved_report_of(agency=agency, year=2021, quarter=4) is None
    assert report_for_quarter(agency=agency, year=2021, quarter=4).frozen_json is None  # live again
    asn = Indicator.objects.get(name=ASN)
    realization_set(indicator=asn, year=2021, quarter=2, value=Decimal(23), actor=people["operator"])
    submit_explained(agency=agency, year=2021, quarter=4, actor=people["kepala"])
    quarter_approve(agency=agency, year=2021, quarter=4, actor=people["admin"])
    assert ApprovedReport.objects.filter(report__agency=agency).count() == 2
    assert approved_report_of(agency=agency, year=2021, quarter=4).sha256 != approved.sha256


def test_a_later_approved_quarter_locks_the_earlier_ones(agency, people, approved) -> None:
    asn = Indicator.objects.get(name=ASN)
    for quarter in (1, 2, 3, 4):
        with pytest.raises(QuarterLocked, match="terkunci"):
            realization_set(indicator=asn, year=2021, quarter=quarter, value=Decimal(1), actor=people["operator"])


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("operator", True), ("kepala", True), ("verifier", False), ("reader", False), ("other_operator", False)],
)
def test_only_the_pd_enters_its_realisations(agency, people, persona, allowed) -> None:
    asn = Indicator.objects.get(name=ASN)
    if allowed:
        assert realization_set(indicator=asn, year=2021, quarter=3, value=Decimal(23), actor=people[persona])
    else:
        with pytest.raises(NotAllowed):
            realization_set(indicator=asn, year=2021, quarter=3, value=Decimal(23), actor=people[persona])


@pytest.mark.parametrize(
    ("persona", "can_submit", "can_approve"),
    [
        ("operator", True, False),
        ("kepala", True, False),
        ("verifier", False, True),
        ("admin", False, True),
        ("reader", False, False),
        ("other_operator", False, False),
    ],
)
def test_workflow_roles(agency, people, persona, can_submit, can_approve) -> None:
    where = {"agency": agency, "year": 2021, "quarter": 3}
    if can_submit:
        submit_explained(**where, actor=people[persona])
    else:
        with pytest.raises(NotAllowed):
            submit_explained(**where, actor=people[persona])
        submit_explained(**where, actor=people["operator"])
    if can_approve:
        quarter_approve(**where, actor=people[persona])
    else:
        with pytest.raises(NotAllowed):
            quarter_approve(**where, actor=people[persona])


def test_quarter_command_runs_the_workflow_through_the_services(agency, people) -> None:
    def quarter(*args: str) -> str:
        out = io.StringIO()
        call_command("quarter", *args, "--agency", agency.slug, "--year", "2021", "--quarter", "4", stdout=out)
        return out.getvalue()

    with pytest.raises(CommandError, match="Hanya operator atau Kepala PD"):
        quarter("submit", "--user", "t-reader")
    with pytest.raises(CommandError, match="temuan kesalahan perlu penjelasan PD"):
        quarter("submit", "--user", "t-kepala")
    assert explain_errors(agency=agency, year=2021, quarter=4, actor=people["kepala"]) > 0
    assert "Diajukan" in quarter("submit", "--user", "t-kepala")
    with pytest.raises(CommandError, match="Hanya Bappeda"):
        quarter("approve", "--user", "t-operator")
    approved_line = quarter("approve", "--user", "t-verifier")
    frozen = approved_report_of(agency=agency, year=2021, quarter=4)
    assert "Disetujui" in approved_line and frozen.sha256 in approved_line
    with pytest.raises(CommandError, match="Alasan"):
        quarter("unlock", "--user", "t-verifier")
    assert "Draf" in quarter("unlock", "--user", "t-verifier", "--reason", "salah ketik")
    with pytest.raises(CommandError, match="tidak ditemukan"):
        quarter("submit", "--user", "tidak-ada")
    assert AuditEvent.objects.filter(action__in=["quarter_submit", "quarter_approve", "quarter_unlock"]).count() == 3


def test_submitting_asks_for_an_explanation_of_every_error_finding(agency, people) -> None:
    from domain.findings import finding_key
    from quarters.services.entry import finding_explain

    errors = [
        f for f in report_build(agency=agency, year=2021, quarter=4).evaluation.findings if f.severity.value == "error"
    ]
    assert errors
    for finding in errors[1:]:
        finding_explain(
            agency=agency, year=2021, quarter=4, key=finding_key(finding), text="dicek", actor=people["operator"]
        )
    with pytest.raises(ServiceError, match="1 temuan kesalahan perlu penjelasan"):
        quarter_submit(agency=agency, year=2021, quarter=4, actor=people["operator"])
    finding_explain(
        agency=agency,
        year=2021,
        quarter=4,
        key=finding_key(errors[0]),
        text="salah ketik di SIPD",
        actor=people["kepala"],
    )
    assert quarter_submit(agency=agency, year=2021, quarter=4, actor=people["kepala"]).status == "submitted"
    with pytest.raises(QuarterLocked, match="sedang diverifikasi"):  # waiting at Bappeda: nothing changes
        realization_set(
            indicator=Indicator.objects.get(name=ASN), year=2021, quarter=4, value=Decimal(1), actor=people["operator"]
        )


def test_the_page_says_the_copy_is_verified_or_not(client, people, approved) -> None:
    client.force_login(people["verifier"])
    url = reverse("report", args=["diskopum-lumajang", 2021, 4])
    assert "terverifikasi" in client.get(url).content.decode()
    ApprovedReport.objects.filter(pk=approved.pk).update(json=approved.json.replace("99.45", "99.99"))
    assert "tidak cocok" in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Decimal("1" * 40), "terlalu besar"),  # 40 digits: decimal.InvalidOperation in the database before
        (Decimal("1" * 16), "terlalu besar"),  # a 16-digit K overflows numeric(20, 6)
    ],
)
def test_a_value_beyond_its_column_is_refused_naming_it_on_every_database(agency, people, value, message) -> None:
    asn = Indicator.objects.get(name=ASN)
    with pytest.raises(ServiceError, match=message):
        realization_set(indicator=asn, year=2021, quarter=3, value=value, actor=people["operator"])
    from planning.models import BudgetRealization, PlanRow
    from planning.services.realizations import budget_realization_set

    row = PlanRow.objects.get(name="Penyediaan Gaji dan Tunjangan ASN")
    with pytest.raises(ServiceError, match="terlalu besar"):
        budget_realization_set(row=row, year=2021, quarter=3, amount=Decimal("1" * 20), actor=people["operator"])
    assert BudgetRealization.objects.get(row=row, year=2021, quarter=3).amount < 10**16


def test_a_change_of_the_cores_rules_after_approval_changes_no_approved_report(agency, approved, monkeypatch) -> None:
    """The copy keeps the evaluation's results, not only its inputs: a later version of a rule (here: every
    achievement computed as 0) leaves the approved report, its every format and its hash as they were."""
    import domain.evaluation

    before = downloads(agency)
    monkeypatch.setattr(domain.evaluation, "achievement", lambda *a, **k: domain.evaluation.Achievement(Decimal(0)))
    assert report_build(agency=agency, year=2021, quarter=4).evaluation.average == 0  # the live report did change
    assert downloads(agency) == before
    assert frozen_verify(approved)


def test_the_snapshot_survives_a_database_that_reorders_json_objects(approved) -> None:
    """PostgreSQL's jsonb keeps no key order; the copy must give the approved bytes whatever the order."""
    import json as _json

    def shuffled(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: shuffled(value[k]) for k in reversed(list(value))}
        if isinstance(value, list):
            return [shuffled(v) for v in value]
        return value

    approved.snapshot = _json.loads(_json.dumps(shuffled(approved.snapshot)))
    assert frozen_verify(approved)
