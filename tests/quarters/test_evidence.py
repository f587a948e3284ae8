"""Evidence (bukti dukung): checked by content and size, stored out of reach, listed and downloaded by
those who may read the PD, added and removed only by its operator or Kepala in an open quarter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from planning.errors import NotAllowed, QuarterLocked, ServiceError
from planning.models import Agency, Membership, PlanRow, Region, StrategicPlan
from quarters.models import Evidence, QuarterReport
from quarters.services.evidence import EvidenceRefused, evidence_add, evidence_by_row, evidence_remove
from tests.quarters import evidence_files

YEAR, QUARTER = 2021, 4
PASSWORD = "rahasia-panjang"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    """Every stored file goes to the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def row(agency: Agency) -> PlanRow:
    return PlanRow.objects.filter(strategic_plan__agency=agency, level="program").order_by("position").first()


@pytest.fixture
def other_agency(agency: Agency) -> Agency:
    """Another PD of the same pemda, with a plan of its own."""
    other = Agency.objects.create(region=agency.region, slug="dinas-lain", name="Dinas Lain")
    plan = StrategicPlan.objects.create(agency=other, start_year=2019, end_year=2023)
    PlanRow.objects.create(strategic_plan=plan, level="program", position=1, name="Program lain")
    from planning.models import WorkPlan

    WorkPlan.objects.create(strategic_plan=plan, year=YEAR)
    return other


@pytest.fixture
def people(db: Any, django_user_model: Any, agency: Agency, other_agency: Agency) -> dict[str, Any]:
    """operator and head of the demo PD; verifier and reader of its pemda; the operator of another PD of
    the same pemda; an operator in another pemda."""
    far_region = Region.objects.create(slug="jauh", name="Kabupaten Jauh")
    far = Agency.objects.create(region=far_region, slug="dinas-jauh", name="Dinas Jauh")
    R = Membership.Role
    roles = {
        "operator": (agency.region, agency, R.OPERATOR),
        "head": (agency.region, agency, R.HEAD),
        "verifier": (agency.region, None, R.VERIFIER),
        "reader": (agency.region, None, R.READER),
        "neighbour": (agency.region, other_agency, R.OPERATOR),
        "stranger": (far_region, far, R.OPERATOR),
    }
    users = {}
    for name, (region, member_agency, role) in roles.items():
        users[name] = django_user_model.objects.create_user(f"uji-{name}", password=PASSWORD)
        Membership.objects.create(user=users[name], region=region, agency=member_agency, role=role)
    return users


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def add(
    agency: Agency, row: PlanRow, actor: Any, name: str = "berita-acara.pdf", data: bytes | None = None
) -> Evidence:
    return evidence_add(
        agency=agency,
        year=YEAR,
        quarter=QUARTER,
        row=row,
        upload=upload(name, evidence_files.pdf() if data is None else data),
        actor=actor,
    )


# -- size and content, through the service ----------------------------------------------------
def test_oversize_is_refused_before_anything_is_stored(
    settings: Any, agency: Agency, row: PlanRow, people, media
) -> None:
    settings.KINERJA_MAX_EVIDENCE_BYTES = 1024
    data = evidence_files.pdf() + b"\n%" + b"x" * 2048
    with pytest.raises(EvidenceRefused, match=r"'besar\.pdf' berukuran .* melebihi batas"):
        add(agency, row, people["operator"], "besar.pdf", data)
    assert not Evidence.objects.exists()
    assert not media.exists() or not any(media.rglob("*.*"))


def test_an_executable_renamed_pdf_is_refused_by_the_service(agency: Agency, row: PlanRow, people) -> None:
    with pytest.raises(EvidenceRefused, match=r"'program\.pdf' ditolak: isinya program Windows"):
        add(agency, row, people["operator"], "program.pdf", b"MZ" + b"\x00" * 500)
    assert not Evidence.objects.exists()


# -- the service -----------------------------------------------------------------------------------
def test_add_stores_the_file_under_a_random_name_and_audits(agency: Agency, row: PlanRow, people, media) -> None:
    evidence = add(agency, row, people["operator"], "Berita Acara.pdf")
    assert (evidence.original_name, evidence.kind, evidence.uploaded_by) == (
        "Berita Acara.pdf",
        "pdf",
        people["operator"],
    )
    stored = Path(evidence.file.path)
    assert stored.is_file() and stored.is_relative_to(media)
    assert "Berita" not in stored.name and stored.suffix == ""
    assert stored.read_bytes().startswith(b"%PDF-")
    event = AuditEvent.objects.get(action="evidence_add", object_id=str(evidence.pk))
    assert event.actor == people["operator"] and event.after["sha256"] == evidence.sha256
    assert "Berita Acara.pdf" in event.summary


def test_add_creates_the_quarter_document_when_missing(agency: Agency, row: PlanRow, people) -> None:
    assert not QuarterReport.objects.filter(agency=agency, year=YEAR, quarter=1).exists()
    evidence_add(
        agency=agency, year=YEAR, quarter=1, row=row, upload=upload("a.pdf", evidence_files.pdf()), actor=people["head"]
    )
    assert QuarterReport.objects.get(agency=agency, year=YEAR, quarter=1).evidence.count() == 1


def test_the_same_file_twice_on_one_row_is_refused(agency: Agency, row: PlanRow, people) -> None:
    data = evidence_files.pdf()
    add(agency, row, people["operator"], "satu.pdf", data)
    with pytest.raises(EvidenceRefused, match=r"'dua\.pdf' sudah dilampirkan .*'satu\.pdf'"):
        add(agency, row, people["operator"], "dua.pdf", data)


def test_remove_keeps_the_file_and_audits(agency: Agency, row: PlanRow, people) -> None:
    evidence = add(agency, row, people["operator"])
    removed = evidence_remove(
        agency=agency, year=YEAR, quarter=QUARTER, evidence=evidence, actor=people["head"], reason="salah berkas"
    )
    assert removed.removed_at is not None and Path(removed.file.path).is_file()
    event = AuditEvent.objects.get(action="evidence_remove", object_id=str(evidence.pk))
    assert event.reason == "salah berkas" and event.actor == people["head"]
    assert evidence_by_row(removed.report) == {}


@pytest.mark.parametrize("persona", ["verifier", "reader", "neighbour", "stranger"])
def test_only_the_pd_may_add_or_remove(agency: Agency, row: PlanRow, people, persona: str) -> None:
    with pytest.raises(NotAllowed):
        add(agency, row, people[persona])
    evidence = add(agency, row, people["operator"])
    with pytest.raises(NotAllowed):
        evidence_remove(agency=agency, year=YEAR, quarter=QUARTER, evidence=evidence, actor=people[persona])


def test_a_row_of_another_pd_is_refused(agency: Agency, other_agency: Agency, people) -> None:
    foreign = PlanRow.objects.get(strategic_plan__agency=other_agency)
    with pytest.raises(ServiceError, match="bukan bagian dari rencana"):
        add(agency, foreign, people["operator"])


@pytest.mark.parametrize("status", ["approved", "submitted"])
def test_a_locked_or_submitted_quarter_refuses(agency: Agency, row: PlanRow, people, status: str) -> None:
    evidence = add(agency, row, people["operator"])
    QuarterReport.objects.filter(agency=agency, year=YEAR, quarter=QUARTER).update(status=status)
    with pytest.raises(QuarterLocked):
        add(agency, row, people["operator"], "lain.pdf", evidence_files.pdf() + b"%lain")
    with pytest.raises(QuarterLocked):
        evidence_remove(agency=agency, year=YEAR, quarter=QUARTER, evidence=evidence, actor=people["operator"])
    assert Evidence.objects.filter(removed_at__isnull=True).count() == 1


def test_an_earlier_quarter_is_locked_by_a_later_approval(agency: Agency, row: PlanRow, people) -> None:
    QuarterReport.objects.filter(agency=agency, year=YEAR, quarter=QUARTER).update(status="approved")
    with pytest.raises(QuarterLocked):
        evidence_add(
            agency=agency,
            year=YEAR,
            quarter=2,
            row=row,
            upload=upload("a.pdf", evidence_files.pdf()),
            actor=people["operator"],
        )


def test_evidence_by_row_is_one_query(agency: Agency, people) -> None:
    rows = list(PlanRow.objects.filter(strategic_plan__agency=agency).order_by("position")[:3])
    for i, r in enumerate(rows):
        for j in range(i + 1):
            add(agency, r, people["operator"], f"b{i}{j}.pdf", evidence_files.pdf() + f"%{i}{j}".encode())
    report = QuarterReport.objects.get(agency=agency, year=YEAR, quarter=QUARTER)
    with CaptureQueriesContext(connection) as ctx:
        by_row = evidence_by_row(report)
        names = [e.uploaded_by.username for items in by_row.values() for e in items]
    assert len(ctx.captured_queries) == 1
    assert {r.pk: len(by_row[r.pk]) for r in rows} == {rows[0].pk: 1, rows[1].pk: 2, rows[2].pk: 3}
    assert set(names) == {"uji-operator"}
    assert evidence_by_row(QuarterReport(agency=agency, year=YEAR, quarter=3)) == {}


# -- the views: every role, own PD and another -----------------------------------------------------
def url(name: str, *args: Any, slug: str = "diskopum-lumajang", quarter: int = QUARTER) -> str:
    return reverse(f"quarters:{name}", args=[slug, YEAR, quarter, *args])


def login(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client


HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize(
    ("persona", "status"),
    [("operator", 200), ("head", 200), ("verifier", 403), ("reader", 403), ("neighbour", 404), ("stranger", 404)],
)
def test_upload_matrix(client, agency, row, people, persona: str, status: int) -> None:
    login(client, people[persona])
    response = client.post(url("evidence_upload", row.pk), {"file": upload("bukti.pdf", evidence_files.pdf())}, **HTMX)
    assert response.status_code == status
    assert Evidence.objects.count() == (1 if status == 200 else 0)
    if status == 200:
        body = response.content.decode()
        assert f'id="bukti-{row.pk}"' in body and "bukti.pdf" in body and "1 berkas dilampirkan" in body


def test_upload_refusals_are_shown_in_the_fragment_per_file(client, agency, row, people) -> None:
    login(client, people["operator"])
    files = [upload("bagus.pdf", evidence_files.pdf()), upload("jahat.pdf", b"MZ" + b"\0" * 90)]
    response = client.post(url("evidence_upload", row.pk), {"file": files}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "bagus.pdf" in body and "&#x27;jahat.pdf&#x27; ditolak: isinya program Windows" in body
    assert list(Evidence.objects.values_list("original_name", flat=True)) == ["bagus.pdf"]


def test_without_htmx_the_upload_answers_with_a_whole_page(client, agency, row, people) -> None:
    login(client, people["operator"])
    response = client.post(url("evidence_upload", row.pk), {"file": upload("bukti.pdf", evidence_files.pdf())})
    body = response.content.decode()
    assert response.status_code == 200 and "<html" in body and "bukti.pdf" in body and row.name in body


def test_an_anonymous_upload_is_sent_to_login(client, agency, row) -> None:
    response = client.post(url("evidence_upload", row.pk), {"file": upload("bukti.pdf", evidence_files.pdf())})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("persona", "status"),
    [("operator", 200), ("head", 200), ("verifier", 200), ("reader", 200), ("neighbour", 404), ("stranger", 404)],
)
def test_list_and_download_matrix(client, agency, row, people, persona: str, status: int) -> None:
    evidence = add(agency, row, people["operator"], "Berita acara (final).pdf")
    login(client, people[persona])
    listing = client.get(url("evidence_list", row.pk), **HTMX)
    assert listing.status_code == status
    download = client.get(url("evidence_download", evidence.pk))
    assert download.status_code == status
    if status == 200:
        assert "Berita acara (final).pdf" in listing.content.decode()
        assert b"".join(download.streaming_content).startswith(b"%PDF-")
        assert download["Content-Type"] == "application/pdf"
        assert download["Content-Disposition"].startswith("attachment;")
        assert "Berita acara (final).pdf" in download["Content-Disposition"]
        assert download["X-Content-Type-Options"] == "nosniff"


def test_only_the_pd_sees_the_upload_and_remove_forms(client, agency, row, people) -> None:
    add(agency, row, people["operator"])
    body = login(client, people["operator"]).get(url("evidence_list", row.pk), **HTMX).content.decode()
    assert 'name="file"' in body and "/hapus/" in body
    body = login(client, people["verifier"]).get(url("evidence_list", row.pk), **HTMX).content.decode()
    assert 'name="file"' not in body and "/hapus/" not in body and "berita-acara.pdf" in body


@pytest.mark.parametrize(
    ("persona", "status"),
    [("operator", 200), ("head", 200), ("verifier", 403), ("reader", 403), ("neighbour", 404), ("stranger", 404)],
)
def test_remove_matrix(client, agency, row, people, persona: str, status: int) -> None:
    evidence = add(agency, row, people["operator"])
    login(client, people[persona])
    response = client.post(url("evidence_remove", evidence.pk), **HTMX)
    assert response.status_code == status
    evidence.refresh_from_db()
    assert (evidence.removed_at is not None) == (status == 200)
    if status == 200:
        assert "Belum ada bukti dukung" in response.content.decode()
        assert client.get(url("evidence_download", evidence.pk)).status_code == 404  # off the list, not served


def test_another_pds_file_is_a_404_whatever_the_url(client, agency, other_agency, row, people) -> None:
    evidence = add(agency, row, people["operator"])
    neighbour = login(client, people["neighbour"])
    # its own PD's address with the other PD's id: not found either
    assert neighbour.get(url("evidence_download", evidence.pk, slug="dinas-lain")).status_code == 404
    assert neighbour.post(url("evidence_remove", evidence.pk, slug="dinas-lain"), **HTMX).status_code == 404
    assert neighbour.get(url("evidence_list", row.pk, slug="dinas-lain"), **HTMX).status_code == 404
    operator = login(client, people["operator"])
    assert operator.get(url("evidence_download", evidence.pk, quarter=3)).status_code == 404  # another quarter
    assert operator.get(url("evidence_download", evidence.pk + 1000)).status_code == 404
    foreign_row = PlanRow.objects.get(strategic_plan__agency=other_agency)
    assert operator.get(url("evidence_list", foreign_row.pk), **HTMX).status_code == 404
    response = operator.post(url("evidence_upload", foreign_row.pk), {"file": upload("a.pdf", evidence_files.pdf())})
    assert response.status_code == 404
    assert Evidence.objects.count() == 1


def test_a_locked_quarter_offers_no_upload_and_refuses_one(client, agency, row, people) -> None:
    add(agency, row, people["operator"])
    QuarterReport.objects.filter(agency=agency, year=YEAR, quarter=QUARTER).update(status="approved")
    operator = login(client, people["operator"])
    body = operator.get(url("evidence_list", row.pk), **HTMX).content.decode()
    assert 'name="file"' not in body and "berita-acara.pdf" in body
    response = operator.post(url("evidence_upload", row.pk), {"file": upload("b.pdf", evidence_files.pdf() + b"%b")})
    assert response.status_code == 403
    assert Evidence.objects.count() == 1


def test_files_are_not_served_by_the_static_or_media_urls(client, agency, row, people, media) -> None:
    evidence = add(agency, row, people["operator"])
    login(client, people["operator"])
    relative = evidence.file.name
    for address in (f"/media/{relative}", f"/static/{relative}", f"/{relative}"):
        assert client.get(address).status_code == 404, address


# -- the report marks the rows with evidence -------------------------------------------------------
def test_the_report_marks_rows_with_evidence_in_html_and_pdf(client, agency, row, people, tmp_path) -> None:
    from reporting.renderers.evidence_mark import EVIDENCE_MARK
    from reporting.renderers.pdf import render_pdf
    from reporting.report import report_build
    from tests.renderers.conftest import pdf_pages, squash

    before = report_build(agency=agency, year=YEAR, quarter=QUARTER)
    assert before.context.evidence_rows == frozenset()
    add(agency, row, people["operator"])
    report = report_build(agency=agency, year=YEAR, quarter=QUARTER)
    assert report.context.evidence_rows == frozenset({row.pk})
    assert report_build(agency=agency, year=YEAR, quarter=3).context.evidence_rows == frozenset()  # per quarter

    body = login(client, people["reader"]).get(reverse("report", args=[agency.slug, YEAR, QUARTER])).content.decode()
    assert body.count(EVIDENCE_MARK) == 2  # under the row's name, and in the legend
    assert f"{row.name}<br>{EVIDENCE_MARK}" in body
    text = " ".join(squash(p) for p in pdf_pages(render_pdf(report), tmp_path))
    assert EVIDENCE_MARK in text


def test_a_removed_file_no_longer_marks_its_row(agency, row, people) -> None:
    from reporting.report import report_build

    evidence = add(agency, row, people["operator"])
    evidence_remove(agency=agency, year=YEAR, quarter=QUARTER, evidence=evidence, actor=people["operator"])
    assert report_build(agency=agency, year=YEAR, quarter=QUARTER).context.evidence_rows == frozenset()


def test_the_frozen_copy_keeps_the_marked_rows(agency, row, people) -> None:
    from reporting.frozen import context_from_dict, context_to_dict, frozen_verify, report_freeze, report_from_frozen

    add(agency, row, people["operator"])
    quarter_report = QuarterReport.objects.get(agency=agency, year=YEAR, quarter=QUARTER)
    quarter_report.status = QuarterReport.Status.APPROVED
    quarter_report.save(update_fields=["status"])
    frozen = report_freeze(quarter_report=quarter_report, actor=people["verifier"])
    assert frozen.snapshot["context"]["evidence_rows"] == [row.pk]
    Evidence.objects.update(removed_at="2022-01-01T00:00:00Z")  # whatever happens to the table afterwards
    assert report_from_frozen(frozen).context.evidence_rows == frozenset({row.pk})
    assert frozen_verify(frozen)
    # a copy frozen before evidence existed reads back with none
    old = context_to_dict(report_from_frozen(frozen).context)
    del old["evidence_rows"]
    assert context_from_dict(old, None).evidence_rows == frozenset()


# -- in English, the second language -----------------------------------------------------------
def test_the_fragment_in_english(client, settings, tmp_path, django_user_model, agency) -> None:
    from tests.test_language import use_english

    english = use_english(settings, tmp_path, client)
    operator = django_user_model.objects.create_user("ena", password="rahasia-panjang")
    Membership.objects.create(user=operator, region=agency.region, agency=agency, role=Membership.Role.OPERATOR)
    english.force_login(operator)
    row = PlanRow.objects.filter(strategic_plan__agency=agency).first()
    url = reverse("quarters:evidence_list", args=[agency.slug, 2021, 4, row.pk])
    body = english.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "No supporting evidence yet." in body and "Attach supporting evidence" in body and "at most 10 MB" in body
