"""The early warning of the three-PD pemda, on cases whose answer is worked out by hand."""

from __future__ import annotations

from decimal import Decimal

from domain.early_warning import Method, Reason
from reporting.regency.builder import regency_report_build
from reporting.regency.warnings import early_warning
from tests.regency.factory import YEAR


def _warning(region, quarter):
    return early_warning(a.report for a in regency_report_build(region=region, year=YEAR, quarter=quarter).agencies)


def test_quarter_two(uji) -> None:
    w = _warning(uji, 2)
    # Only the three program indicators with a Rencana Aksi are assessed.
    assert sorted(i.line.indicator.name for i in w.indicators) == [
        "Dokumen perencanaan",
        "Koperasi yang diawasi",
        "Persentase UM naik kelas",
    ]
    by_name = {i.line.indicator.name: i.warning for i in w.indicators}
    # SUM, plan 10/10/10/10: 20 of 20 so far; 20 x 40 / 20 = 40 of 40.
    coop = by_name["Koperasi yang diawasi"]
    assert (coop.plan_so_far, coop.realized_so_far, coop.progress) == (20, 20, 100)
    assert (coop.projection, coop.method, coop.projected_achievement, coop.reasons) == (40, Method.PLAN_RATIO, 100, ())
    # SUM, plan 1/3/3/3: 4 of 4 so far; 4 x 10 / 4 = 10 of 10.
    docs = by_name["Dokumen perencanaan"]
    assert (docs.plan_so_far, docs.realized_so_far, docs.projection, docs.reasons) == (4, 4, 10, ())
    # LAST %, plan 5/10/15/20: 10 where 10 planned, but the last value 10 of the target 20 is 50 %.
    um = by_name["Persentase UM naik kelas"]
    assert (um.plan_so_far, um.realized_so_far, um.progress) == (10, 10, 100)
    assert (um.projection, um.method, um.projected_achievement) == (10, Method.LAST, 50)
    assert um.reasons == (Reason.PROJECTED_SHORT,)
    [risk] = w.programs_at_risk
    assert risk.line.row.code == "2.17.07"
    assert risk.reasons == ("1 indikator program berisiko",)
    # Its budget: 10 + 10 juta of 50 juta, against 25 juta planned by TW II: 80 %, not behind.
    assert (risk.budget.realized_so_far, risk.budget.progress) == (20_000_000, 80)
    assert len(w.programs) == 5


def test_quarter_four(uji) -> None:
    w = _warning(uji, 4)
    at_risk = {p.line.row.code: p.reasons for p in w.programs_at_risk}
    assert at_risk == {
        # 2 + 2 + 2 + 0 = 6 of the 10 planned: 60 %; meanwhile 25 juta x 4 = the whole pagu spent.
        "1.02.01": ("1 indikator program berisiko", "anggaran terserap sesuai rencana tetapi kinerja tertinggal"),
        # 60 + 60 + 60 juta, TW IV blank, of 300 juta: 60 % of the plan, below 75 %.
        "1.02.02": ("serapan anggaran tertinggal dari rencana",),
        # LAST 16 where 20 planned: 80 %.
        "2.17.07": ("1 indikator program berisiko",),
    }
    docs = next(i for i in w.indicators if i.line.indicator.name == "Dokumen perencanaan")
    assert docs.warning.progress == 60
    assert docs.warning.deviation == -4
    assert docs.reasons == (
        "realisasi s.d. triwulan ini di bawah Rencana Aksi",
        "proyeksi akhir tahun di bawah target",
    )
    budget = next(p for p in w.programs if p.line.row.code == "1.02.02").budget
    assert (budget.planned_so_far, budget.realized_so_far, budget.progress) == (
        300_000_000,
        180_000_000,
        Decimal(60),
    )


def test_of_agency_keeps_its_own(uji) -> None:
    w = _warning(uji, 4).of_agency("uji-kesehatan")
    assert {p.agency.slug for p in w.programs} == {"uji-kesehatan"}
    assert len(w.programs_at_risk) == 2
