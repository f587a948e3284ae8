"""The document_load service: idempotent, audited, all or nothing, and respectful of the lock."""

from __future__ import annotations

from decimal import Decimal

import pytest

from audit.models import AuditEvent
from domain.types import Level
from planning.documents import AgencyDoc, IndicatorDoc, PlanDocument, RegionDoc, ReportDoc, RowDoc, Source
from planning.errors import QuarterLocked, ServiceError
from planning.models import Agency, Membership, PlanRow, Realization
from planning.roles import SYSTEM
from planning.services.documents import document_load
from quarters.models import QuarterReport

D = Decimal


def document(*, q4: Decimal | None = D(4), code: str = "", quarter: int = 4, slug: str = "dinas-uji") -> PlanDocument:
    sub = RowDoc(
        level=Level.SUB_ACTIVITY,
        name="Sub uji",
        code=code,
        budget=D(1000),
        budget_quarters=(D(100), None, None, D(50)),
        indicators=[IndicatorDoc(name="Jumlah dokumen", unit="dok", target=D(10), quarters=(D(1), D(2), D(3), q4))],
    )
    program = RowDoc(
        level=Level.PROGRAM,
        name="Program uji",
        code="2.17.07" if code else "",
        children=[
            RowDoc(level=Level.ACTIVITY, name="Kegiatan uji", code="2.17.07.2.01" if code else "", children=[sub])
        ],
    )
    return PlanDocument(
        region=RegionDoc(slug="uji", name="Kabupaten Uji"),
        agency=AgencyDoc(slug=slug, name="Dinas Uji"),
        strategic_start=2021,
        strategic_end=2026,
        year=2021,
        report=ReportDoc(quarter=quarter),
        tree=[program],
        source=Source(file="uji.xlsx", checksum="abc123", sheet="E81", row=7),
    )


def test_load_creates_then_changes_nothing(db) -> None:
    first = document_load(document=document(), actor=SYSTEM)
    assert first.counts["Realization tambah"] == 4
    events = AuditEvent.objects.count()
    second = document_load(document=document(), actor=SYSTEM)
    assert second.changes == []
    assert AuditEvent.objects.count() == events  # nothing written the second time


def test_a_change_is_listed_old_to_new_and_audited_with_its_source(db, django_user_model) -> None:
    user = django_user_model.objects.create_user("pengimpor", password="x" * 12)
    agency = document_load(document=document(), actor=SYSTEM).agency
    Membership.objects.create(user=user, region=agency.region, agency=agency, role=Membership.Role.OPERATOR)
    result = document_load(document=document(q4=D(7)), actor=user, reason="perbaikan")
    [change] = result.changes
    assert (change.action, change.model, change.before, change.after) == ("ubah", "Realization", "4", "7")
    value = Realization.objects.get(quarter=4, indicator__name="Jumlah dokumen")
    assert value.value == D(7) and value.updated_by == user and "uji.xlsx" in value.source
    event = AuditEvent.objects.filter(model="Realization", action="update").latest("id")
    assert (event.actor, event.reason, event.before, event.after) == (user, "perbaikan", {"value": "4"}, {"value": "7"})


def test_blank_in_the_document_removes_a_reported_value(db) -> None:
    document_load(document=document(), actor=SYSTEM)
    result = document_load(document=document(q4=None), actor=SYSTEM)
    assert [c.action for c in result.changes] == ["hapus"]
    assert not Realization.objects.filter(quarter=4, indicator__name="Jumlah dokumen").exists()


def test_future_quarters_are_not_cleared_by_an_earlier_report(db) -> None:
    document_load(document=document(), actor=SYSTEM)
    document_load(document=document(q4=None, quarter=2), actor=SYSTEM)
    assert Realization.objects.filter(quarter=4, indicator__name="Jumlah dokumen").exists()


def test_dry_run_writes_nothing(db) -> None:
    result = document_load(document=document(), actor=SYSTEM, dry_run=True)
    assert result.dry_run and result.changes
    assert not Agency.objects.filter(slug="dinas-uji").exists()
    assert not PlanRow.objects.filter(name="Sub uji").exists()


def test_approved_quarter_refuses_the_whole_load(db) -> None:
    document_load(document=document(), actor=SYSTEM)
    agency = Agency.objects.get(slug="dinas-uji")
    QuarterReport.objects.filter(agency=agency, year=2021, quarter=4).update(status=QuarterReport.Status.APPROVED)
    with pytest.raises(QuarterLocked, match="terkunci"):
        document_load(document=document(q4=D(9)), actor=SYSTEM)
    assert Realization.objects.get(quarter=4, indicator__name="Jumlah dokumen").value == D(4)


def test_changing_an_approved_earlier_quarter_is_refused(db) -> None:
    document_load(document=document(), actor=SYSTEM)
    agency = Agency.objects.get(slug="dinas-uji")
    QuarterReport.objects.create(agency=agency, year=2021, quarter=1, status=QuarterReport.Status.APPROVED)
    changed = document()
    changed.tree[0].children[0].children[0].indicators[0].quarters = (D(99), D(2), D(3), D(4))
    with pytest.raises(QuarterLocked, match="Triwulan I"):
        document_load(document=changed, actor=SYSTEM)
    assert Realization.objects.get(quarter=1, indicator__name="Jumlah dokumen").value == D(1)


def test_invalid_code_is_refused_naming_the_row_and_nothing_is_written(db) -> None:
    with pytest.raises(ServiceError, match="Sub uji"):
        document_load(document=document(code="2.17.07.2.01.0004"), actor=SYSTEM)  # four digits before 2022
    assert not Agency.objects.filter(slug="dinas-uji").exists()


def test_valid_codes_are_kept(db) -> None:
    document_load(document=document(code="2.17.07.2.01.04"), actor=SYSTEM)
    assert PlanRow.objects.get(name="Sub uji").code == "2.17.07.2.01.04"


def test_agency_of_another_pemda_is_refused(agency) -> None:
    # ``agency``: the demo reloaded when a transactional (browser) test flushed the database before
    other = document(slug=agency.slug)  # the demo agency belongs to Lumajang
    with pytest.raises(ServiceError, match="Lumajang"):
        document_load(document=other, actor=SYSTEM)


@pytest.mark.parametrize("limits_checked, passes", [(False, 1), (True, 0)])
def test_limits_are_checked_once_unless_the_caller_did(db, monkeypatch, limits_checked, passes) -> None:
    """``limits_checked`` (the import, which checked the same document to name each cell) skips the load's
    own pass over every value; by default the load checks them itself and refuses what does not fit."""
    import planning.limits

    calls: list[PlanDocument] = []
    real = planning.limits.document_problems

    def counted(doc: PlanDocument):  # type: ignore[no-untyped-def]
        calls.append(doc)
        return real(doc)

    monkeypatch.setattr(planning.limits, "document_problems", counted)
    document_load(document=document(), actor=SYSTEM, limits_checked=limits_checked)
    assert len(calls) == passes


def test_a_value_over_its_limit_is_refused_by_default(db) -> None:
    doc = document()
    doc.tree[0].children[0].children[0].indicators[0].unit = "x" * 100_000
    with pytest.raises(ServiceError, match="melebihi batas isian"):
        document_load(document=doc, actor=SYSTEM)
    assert not Agency.objects.filter(slug="dinas-uji").exists()
