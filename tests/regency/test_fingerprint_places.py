"""A pemda's prepared pages are renewed by its own writes only (issue 13, point 7): every audit event is
placed in the pemda it is about (``audit/places.py``), and the fingerprint reads that pemda's events and
those of no pemda (``reporting/regency/prepared.py``).  Two pemda of the same three PD here: the uji
pemda of ``factory.py`` and a copy of it, "lain"."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from audit.services import audit_record, audit_record_many
from planning.documents import AgencyDoc, RegionDoc
from planning.models import Agency, Indicator, PlanRow, Region
from reporting.regency import prepared
from tests.regency import factory

YEAR, Q = factory.YEAR, 4
OTHER = "lain-e79"


@pytest.fixture
def lain(uji: Region) -> Region:
    """A second pemda with the same three PD (slugs prefixed), loaded through the import's service."""
    from planning.roles import SYSTEM
    from planning.services.documents import document_load

    for doc in factory.documents():
        copy = dataclasses.replace(
            doc,
            region=RegionDoc(slug=OTHER, name="Kabupaten Lain E79", place="Lain"),
            agency=AgencyDoc(slug=f"lain-{doc.agency.slug}", name=f"{doc.agency.name} Lain"),
        )
        document_load(document=copy, actor=SYSTEM, reason="uji sidik data per pemda")
    return Region.objects.get(slug=OTHER)


@pytest.fixture
def root(django_user_model: Any) -> Any:
    return django_user_model.objects.create_superuser("root-sidik", password="x" * 12)


def _fp(region: Region) -> str:
    return prepared.fingerprint(Region.objects.get(pk=region.pk)).value


def writes(region: Region, actor: Any) -> dict[str, Callable[[], Any]]:
    """One write of each kind the E.79 reads, all in ``region`` (the services of the screens, the import
    and the admin's audit)."""
    from computed.services import computed_define
    from domain.computed import BaseFigureDef
    from overview.services import membership_add, membership_remove
    from planning.services.documents import document_load
    from planning.services.realizations import budget_realization_set, realization_set
    from planning.services.settings import agency_update, rating_bands_set, region_update
    from quarters.services.entry import finding_explain, line_note_set, narratives_set
    from quarters.workflow import quarter_approve, quarter_submit

    prefix = "" if region.slug == factory.REGION else "lain-"
    koperasi = Agency.objects.get(slug=f"{prefix}uji-koperasi")
    pendidikan = Agency.objects.get(slug=f"{prefix}uji-pendidikan")
    mine = {"row__strategic_plan__agency__region": region}
    indicator = Indicator.objects.get(name="UM yang dilatih", **mine)
    rows = PlanRow.objects.filter(name__endswith="Pengawasan Koperasi", strategic_plan__agency__region=region)
    program = rows.order_by("pk").first()
    ratio = Indicator.objects.get(name="Persentase UM naik kelas", **mine)
    document = next(d for d in factory.documents() if d.agency.slug == "uji-kesehatan")
    document = dataclasses.replace(
        document,
        region=RegionDoc(slug=region.slug, name=region.name),
        agency=AgencyDoc(slug=f"{prefix}uji-kesehatan", name="Dinas Kesehatan Uji Diimpor"),
    )

    def narratives() -> None:
        from quarters.models import QuarterReport

        report = QuarterReport.objects.filter(agency=koperasi, year=YEAR, quarter=3).first()
        narratives_set(
            agency=koperasi, year=YEAR, quarter=3, values={"drivers": "Pendamping aktif"},
            expected_version=report.version if report else 0, actor=actor,
        )  # fmt: skip

    # Made before the fingerprints are read: an indicator and a membership for the deletions below.
    from planning.models import WorkPlan
    from planning.services import plan_editor

    work_plan = WorkPlan.objects.get(strategic_plan__agency=koperasi, year=YEAR)
    spare = plan_editor.indicator_add(
        work_plan=work_plan, row=program, values=plan_editor.IndicatorValues(name="Indikator cadangan"), actor=actor
    )
    member = membership_add(region=region, user=actor, role="verifier", agency=None, actor=actor, reason="uji")

    def approve() -> None:  # submitted first when run alone
        from quarters.models import QuarterReport

        report = QuarterReport.objects.get(agency=pendidikan, year=YEAR, quarter=Q)
        if report.status != QuarterReport.Status.SUBMITTED:
            quarter_submit(agency=pendidikan, year=YEAR, quarter=Q, actor=actor)
        quarter_approve(agency=pendidikan, year=YEAR, quarter=Q, actor=actor)

    def admin_delete() -> None:  # the admin audits a deletion before it deletes
        audit_record(actor=actor, action="delete", model="Indicator", object_id=indicator.pk, summary="uji")

    return {
        "realisasi K": lambda: realization_set(
            indicator=indicator, year=YEAR, quarter=3, value=Decimal("4"), actor=actor
        ),
        "realisasi Rp": lambda: budget_realization_set(
            row=program, year=YEAR, quarter=3, amount=Decimal("49000000"), actor=actor
        ),
        "narasi": narratives,
        "catatan baris": lambda: line_note_set(
            year=YEAR,
            quarter=3,
            indicator=indicator,
            values={"note": "Cuaca"},
            expected_version=0,
            actor=actor,
        ),
        "penjelasan temuan": lambda: finding_explain(
            agency=koperasi, year=YEAR, quarter=3, key="uji", text="Sudah dijelaskan", actor=actor
        ),
        "indikator terhitung": lambda: computed_define(
            indicator=ratio,
            formula="naik / umkm * 100",
            figures=[BaseFigureDef("naik", "UM naik kelas"), BaseFigureDef("umkm", "Jumlah UM")],
            actor=actor,
        ),
        "pengajuan": lambda: quarter_submit(agency=pendidikan, year=YEAR, quarter=Q, actor=actor),
        "persetujuan": approve,
        "pengaturan pemda": lambda: region_update(
            region=region, actor=actor, values={"average_cap": Decimal("110")}, reason="uji sidik data"
        ),
        "predikat": lambda: rating_bands_set(
            region=region, year=YEAR, bands=[(Decimal("80"), "Baik"), (None, "Kurang")], actor=actor, reason="uji"
        ),
        "nama PD": lambda: agency_update(
            agency=pendidikan, actor=actor, values={"name": "Dinas Pendidikan Baru"}, reason="uji sidik data"
        ),
        "impor dokumen": lambda: document_load(document=document, actor=actor, reason="uji impor"),
        "anggota": lambda: membership_add(
            region=region, user=actor, role="reader", agency=None, actor=actor, reason="uji sidik data"
        ),
        "hapus di admin": admin_delete,
        "ubah indikator (editor)": lambda: plan_editor.indicator_update(
            work_plan=work_plan,
            indicator=spare,
            values=plan_editor.IndicatorValues(name="Indikator cadangan", target=Decimal("5")),
            actor=actor,
        ),
        "hapus indikator (editor)": lambda: plan_editor.indicator_delete(
            work_plan=work_plan, indicator=spare, actor=actor
        ),
        "hapus anggota": lambda: membership_remove(membership=member, actor=actor, reason="uji sidik data"),
    }


LABELS = [
    "realisasi K",
    "realisasi Rp",
    "narasi",
    "catatan baris",
    "penjelasan temuan",
    "indikator terhitung",
    "pengajuan",
    "persetujuan",
    "pengaturan pemda",
    "predikat",
    "nama PD",
    "impor dokumen",
    "anggota",
    "hapus di admin",
    "ubah indikator (editor)",
    "hapus indikator (editor)",
    "hapus anggota",
]


@pytest.mark.parametrize("label", LABELS)
def test_a_write_in_another_pemda_leaves_this_fingerprint_and_renews_its_own(uji, lain, root, label) -> None:
    write = writes(lain, root)[label]
    mine, theirs = _fp(uji), _fp(lain)
    count = AuditEvent.objects.count()
    write()
    assert AuditEvent.objects.count() > count, "the write records an event"
    assert not AuditEvent.objects.filter(pk__gt=_last(count), region__isnull=True).exists(), "every event placed"
    assert _fp(lain) != theirs, label
    assert _fp(uji) == mine, label


def _last(count: int) -> int:
    """The id of the newest event before the write (events are only added here)."""
    ids = list(AuditEvent.objects.order_by("pk").values_list("pk", flat=True))
    return ids[count - 1] if count else 0


def test_the_same_writes_in_this_pemda_renew_it(uji, lain, root) -> None:
    for label, write in writes(uji, root).items():
        before, theirs = _fp(uji), _fp(lain)
        write()
        assert _fp(uji) != before, label
        assert _fp(lain) == theirs, label


def test_a_nomenclature_version_renews_every_pemda(uji, lain, root) -> None:
    from nomenclature.services import nomenclature_load

    before = (_fp(uji), _fp(lain))
    body = "code,level,name,indicator,unit\n2.17,bidang,BIDANG KOPERASI BARU,,\n"
    nomenclature_load(data=body.encode(), source="baru.csv", label="versi uji", actor=root)
    event = AuditEvent.objects.get(action="nomenclature_load")
    assert event.region_id is None
    after = (_fp(uji), _fp(lain))
    assert after[0] != before[0] and after[1] != before[1]


def test_events_of_no_known_pemda_renew_every_one_and_a_users_own_renew_none(uji, lain, root) -> None:
    before = (_fp(uji), _fp(lain))
    audit_record(actor=root, action="password_change", model="User", object_id=root.pk)
    audit_record(actor=root, action="api_token_issue", model="ApiToken", object_id=1)
    assert (_fp(uji), _fp(lain)) == before
    # An object already gone when its event is written, a kind nobody listed: every pemda renewed.
    for model, object_id in (("Indicator", 999999), ("SesuatuBaru", 1), ("ImportFile", "abc123")):
        current = (_fp(uji), _fp(lain))
        audit_record(actor=root, action="x", model=model, object_id=object_id)
        after = (_fp(uji), _fp(lain))
        assert after[0] != current[0] and after[1] != current[1], model


def test_a_late_commit_of_a_lower_id_in_this_pemda_still_renews_it(uji, lain) -> None:
    AuditEvent.objects.create(action="x", model="Realization", region=uji)
    late = AuditEvent.objects.create(action="x", model="Realization", region=uji)
    AuditEvent.objects.create(action="x", model="Realization", region=uji)
    late_id = late.pk
    late.delete()
    before, theirs = _fp(uji), _fp(lain)
    AuditEvent.objects.create(id=late_id, action="x", model="Realization", region=uji)
    assert _fp(uji) != before and _fp(lain) == theirs


def test_events_are_placed_by_caller_then_by_model_in_one_query_per_model(uji, lain, root) -> None:
    agency = Agency.objects.filter(region=lain).first()
    indicator = Indicator.objects.filter(row__strategic_plan__agency__region=uji).first()
    assert audit_record(actor=root, action="x", model="Agency", object_id=agency.pk).region_id == lain.pk
    assert audit_record(actor=root, action="x", model="Agency", object_id=agency.pk, region=uji).region_id == uji.pk
    assert audit_record(actor=root, action="x", model="RatingBand", object_id=f"{lain.pk}/2021").region_id == lain.pk
    events = [
        AuditEvent(action="x", model="Agency", object_id=str(agency.pk)),
        AuditEvent(action="x", model="Indicator", object_id=str(indicator.pk)),
        AuditEvent(action="x", model="Indicator", object_id=str(indicator.pk)),
        AuditEvent(action="x", model="User", object_id=str(root.pk)),
        AuditEvent(action="x", model="Region", object_id=str(uji.pk), region=lain),  # the caller's kept
    ]
    with CaptureQueriesContext(connection) as ctx:
        audit_record_many(events)
    assert len([q for q in ctx if q["sql"].startswith("SELECT")]) == 2  # Agency, Indicator
    placed = list(AuditEvent.objects.order_by("-pk").values_list("region_id", flat=True)[:5])
    assert placed[::-1] == [lain.pk, uji.pk, uji.pk, None, lain.pk]


def test_the_fingerprint_runs_two_queries_whatever_the_number_of_events_and_pemda(uji, lain) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            prepared.fingerprint(uji)
        return len(ctx)

    few = queries()
    AuditEvent.objects.bulk_create(
        [AuditEvent(action="x", model="Realization", region=r) for r in (uji, lain) * 1500]
        + [AuditEvent(action="x", model="SesuatuBaru") for _ in range(50)]
    )
    for n in range(5):
        Region.objects.create(slug=f"pemda-{n}", name=f"Pemda {n}")
    assert few == queries() == 2
