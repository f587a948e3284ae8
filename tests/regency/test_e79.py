"""The E.79 of the three-PD pemda of ``tests.regency.factory``: every figure written out by hand."""

from __future__ import annotations

from decimal import Decimal

from planning.models import Agency, Membership, Realization
from reporting.regency.builder import LineKind, regency_report_build
from reporting.report import report_build
from tests.conftest import submit_explained
from tests.regency.factory import YEAR

M = Decimal(1_000_000)


def _lines(report, kind):
    return [line for line in report.lines if line.kind is kind]


def test_grouping_urusan_bidang_pd_program_kegiatan(uji) -> None:
    e79 = regency_report_build(region=uji, year=YEAR, quarter=4)
    outline = [(line.kind.value, line.code or line.name) for line in e79.lines]
    assert outline == [
        ("urusan", "1"),
        ("bidang", "1.01"),
        ("agency", "Dinas Pendidikan Uji"),
        ("program", "1.01.02"),
        ("activity", "1.01.02.2.01"),
        ("bidang", "1.02"),
        ("agency", "Dinas Kesehatan Uji"),
        ("program", "1.02.01"),
        ("activity", "1.02.01.2.01"),
        ("program", "1.02.02"),
        ("activity", "1.02.02.2.01"),
        ("urusan", "2"),
        ("bidang", "2.17"),
        ("agency", "Dinas Koperasi Uji"),
        ("program", "2.17.03"),
        ("activity", "2.17.03.2.01"),
        ("program", "2.17.07"),
        ("activity", "2.17.07.2.01"),
    ]
    names = {line.code: line.name for line in e79.lines if line.kind in (LineKind.URUSAN, LineKind.BIDANG)}
    assert names["1.01"] == "Pendidikan"
    assert names["2.17"] == "Koperasi, Usaha Kecil, dan Menengah"
    assert [line.number for line in _lines(e79, LineKind.PROGRAM)] == ["1", "2", "3", "4", "5"]
    assert _lines(e79, LineKind.PROGRAM)[0].objective == "Sasaran Dinas Pendidikan Uji"


def test_figures_worked_out_by_hand(uji) -> None:
    e79 = regency_report_build(region=uji, year=YEAR, quarter=4)
    programs = {line.code: line.line for line in _lines(e79, LineKind.PROGRAM)}
    # K: each program's own E.81 line.  10+10+5+15 = 40 of 40; LAST 16 of 20; LAST 95 of 95;
    # 2+2+2+0 = 6 of 10; negative (2 x 10 - 12) / 10.
    assert programs["2.17.03"].annual_realization.value == 40
    assert programs["2.17.03"].annual_achievement.value == 100
    assert programs["2.17.07"].annual_realization.value == 16
    assert programs["2.17.07"].annual_achievement.value == 80
    assert programs["1.01.02"].annual_achievement.value == 100
    assert programs["1.02.01"].annual_realization.value == 6
    assert programs["1.02.01"].annual_achievement.value == 60
    assert programs["1.02.02"].annual_achievement.value == 80
    # Rp of a program: its kegiatan's.  1.02.02: 60 + 60 + 60 juta, TW IV blank, of 300 juta.
    assert programs["1.02.02"].annual_target.budget == 300 * M
    assert programs["1.02.02"].annual_realization.budget == 180 * M
    assert programs["1.02.02"].annual_achievement.budget == 60
    assert programs["1.02.02"].quarters[3].budget is None

    groups = {(line.kind, line.code or line.name): line.budget for line in e79.lines if line.budget is not None}
    # urusan 1 = Pendidikan 200 juta + Kesehatan 100 + 300 juta; realised 200 + 100 + 180.
    urusan1 = groups[LineKind.URUSAN, "1"]
    assert (urusan1.annual, urusan1.realized, urusan1.absorption) == (600 * M, 480 * M, 80)
    assert urusan1.quarters == (135 * M, 135 * M, 135 * M, 75 * M)
    kesehatan = groups[LineKind.AGENCY, "Dinas Kesehatan Uji"]
    assert (kesehatan.annual, kesehatan.realized, kesehatan.absorption) == (400 * M, 280 * M, 70)
    koperasi = groups[LineKind.BIDANG, "2.17"]
    assert (koperasi.annual, koperasi.realized) == (150 * M, 130 * M)
    assert koperasi.strategic == 750 * M  # each kegiatan's Renstra funding is five times its pagu

    averages = {a.slug: (a.average, a.rating) for a in e79.agencies}
    assert averages == {
        "uji-koperasi": (Decimal(90), "Tinggi"),  # (100 + 80) / 2
        "uji-pendidikan": (Decimal(100), "Sangat Tinggi"),
        "uji-kesehatan": (Decimal(70), "Sedang"),  # (60 + 80) / 2
    }
    # The pemda: the mean of the five programs (not of the three averages, 86.67).
    assert e79.average == 84
    assert e79.average_count == 5
    assert e79.rating == "Tinggi"
    assert (e79.budget.annual, e79.budget.realized) == (750 * M, 610 * M)
    assert round(e79.budget.absorption, 4) == Decimal("81.3333")


def test_every_pd_line_is_its_e81_line(uji) -> None:
    e79 = regency_report_build(region=uji, year=YEAR, quarter=4)
    for entry in e79.agencies:
        agency = Agency.objects.select_related("region").get(slug=entry.slug)
        single = report_build(agency=agency, year=YEAR, quarter=4)
        assert entry.report.evaluation == single.evaluation
        assert entry.average == single.evaluation.average
        mine = [line.line for line in e79.lines if line.agency is entry and line.line is not None]
        assert mine == [r for r in single.evaluation.rows if r.level.value in ("program", "activity")]


def test_an_approved_pd_is_shown_from_its_frozen_copy(uji, django_user_model) -> None:
    from quarters.workflow import quarter_approve

    agency = Agency.objects.select_related("region").get(slug="uji-pendidikan")
    operator = django_user_model.objects.create_user("op-e79", password="x" * 12)
    verifier = django_user_model.objects.create_user("ver-e79", password="x" * 12)
    Membership.objects.create(user=operator, region=uji, agency=agency, role=Membership.Role.OPERATOR)
    Membership.objects.create(user=verifier, region=uji, role=Membership.Role.VERIFIER)
    submit_explained(agency=agency, year=YEAR, quarter=4, actor=operator)
    quarter_approve(agency=agency, year=YEAR, quarter=4, actor=verifier)
    # A change behind the application's back after approval (95 -> 50) changes nothing approved.
    Realization.objects.filter(
        indicator__row__strategic_plan__agency=agency, indicator__name="Angka partisipasi sekolah", quarter=4
    ).update(value=Decimal(50))
    e79 = regency_report_build(region=uji, year=YEAR, quarter=4)
    assert [a.slug for a in e79.approved] == ["uji-pendidikan"]
    assert {a.slug for a in e79.drafts} == {"uji-koperasi", "uji-kesehatan"}
    assert "1 dari 3 PD disetujui" in e79.status_line
    program = next(line.line for line in e79.lines if line.code == "1.01.02")
    assert program.annual_realization.value == 95
    assert e79.average == 84


def test_a_pd_without_renja_is_named_not_counted(uji) -> None:
    Agency.objects.create(region=uji, slug="uji-baru", name="Badan Baru Uji")
    e79 = regency_report_build(region=uji, year=YEAR, quarter=4)
    assert [a.name for a in e79.without_work_plan] == ["Badan Baru Uji"]
    assert len(e79.agencies) == 3
    assert e79.average == 84


def test_quarter_two_counts_only_the_first_two_quarters(uji) -> None:
    e79 = regency_report_build(region=uji, year=YEAR, quarter=2)
    # Rp: 50+50 (Pendidikan) + 25+25 + 60+60 (Kesehatan) + 20+30 + 10+10 (Koperasi) juta
    assert e79.budget.realized == 340 * M
    programs = {line.code: line.line for line in e79.lines if line.kind is LineKind.PROGRAM}
    assert programs["2.17.03"].annual_realization.value == 20  # 10 + 10
    assert programs["2.17.03"].annual_achievement.value == 50  # of the annual 40
