"""Findings a verifier can act on: a blank quarter only where something was expected, one cause one
finding (its consequences under it), a Tujuan's columns, ranking, and the stable key."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.evaluation import evaluate
from domain.findings import Code, Finding, finding_key, rank, walk
from domain.inputs import Budget, IndicatorInput, ReportInput, RowInput, Stated
from domain.types import Aggregation as A
from domain.types import Level, Periodicity, Severity

D = Decimal
N = None
P, K, S = Level.PROGRAM, Level.ACTIVITY, Level.SUB_ACTIVITY


def ind(name="Jumlah X", unit="unit", aggregation=A.SUM, target=D(10), quarters=(D(1), D(2), D(3), D(4)), **kw):
    kw.setdefault("strategic_target", D(1000))  # a Renstra target, so that no note about it is in the way
    return IndicatorInput(
        key=name, name=name, unit=unit, aggregation=aggregation, target=target, quarters=quarters, **kw
    )


def row(name, level=S, indicators=(), children=(), budget=Budget(), **kw):
    return RowInput(
        key=name, level=level, name=name, indicators=tuple(indicators), children=tuple(children), budget=budget, **kw
    )


def run(*roots, quarter=4, **kw):
    return evaluate(ReportInput(year=2021, quarter=quarter, roots=tuple(roots), **kw))


def only(ev, code):
    matches = [f for f in ev.findings if f.code is code]
    assert len(matches) == 1, f"{code}: {[f.code.value for f in ev.findings]}"
    return matches[0]


def top_codes(ev):
    return [f.code for f in ev.findings]


# -- a blank quarter is a finding only where something was expected -----------------------------------
PLAN = (D(1), D(1), D(1), D(1))


@pytest.mark.parametrize(
    ("quarters", "action_plan", "spent", "periodicity", "upto", "blank", "without_output"),
    [
        # planned every quarter, TW II blank
        ((D(1), N, D(1), D(1)), PLAN, (N, N, N, N), Periodicity.QUARTERLY, 4, "II", N),
        # no Rencana Aksi: nothing was expected of TW II
        ((D(1), N, D(1), D(1)), (N, N, N, N), (N, N, N, N), Periodicity.QUARTERLY, 4, N, N),
        # the Rencana Aksi plans 0 ("-") for TW II: nothing expected
        ((D(1), N, D(1), D(1)), (D(1), D(0), D(1), D(1)), (N, N, N, N), Periodicity.QUARTERLY, 4, N, N),
        # realised once a year (TW IV), planned once a year: not late in TW I-III
        ((N, N, N, D(4)), (N, N, N, D(4)), (N, N, N, N), Periodicity.QUARTERLY, 4, N, N),
        # a later quarter is not late yet
        ((D(1), N, N, N), PLAN, (N, N, N, N), Periodicity.QUARTERLY, 1, N, N),
        ((D(1), N, N, N), PLAN, (N, N, N, N), Periodicity.QUARTERLY, 3, "II, III", N),
        # an annual indicator is never late in a quarter
        ((N, N, N, N), PLAN, (N, N, N, N), Periodicity.ANNUAL, 4, N, N),
        # money spent with no K at all: one finding, budget without output, not also a blank quarter
        ((N, D(1), D(1), D(1)), PLAN, (D(500), D(10), D(10), D(10)), Periodicity.QUARTERLY, 4, N, "I"),
        ((N, D(1), D(1), D(1)), (N, N, N, N), (D(500), D(10), D(10), D(10)), Periodicity.QUARTERLY, 4, N, "I"),
        # spent in TW I with K reported: nothing
        ((D(1), D(1), D(1), D(1)), (N, N, N, N), (D(500), D(10), D(10), D(10)), Periodicity.QUARTERLY, 4, N, N),
    ],
)
def test_blank_quarter(quarters, action_plan, spent, periodicity, upto, blank, without_output) -> None:
    i = ind(quarters=quarters, action_plan=action_plan, periodicity=periodicity, target=D(4))
    ev = run(row("R", indicators=[i], budget=Budget(annual=D(10000), quarters=spent)), quarter=upto)
    found = [f.values["quarters"] for f in ev.findings if f.code is Code.QUARTER_NOT_REPORTED]
    assert found == ([blank] if blank else [])
    spent_only = [f.values["quarter"] for f in ev.findings if f.code is Code.BUDGET_WITHOUT_OUTPUT]
    assert spent_only == ([without_output] if without_output else [])


def test_money_spent_on_one_of_two_indicators_is_no_blank_quarter() -> None:
    """Barang Cetak: Rp belongs to the row; a second indicator realised once is not late afterwards."""
    printed = ind("Jumlah jenis barang cetakan", quarters=(D(3), D(5), N, D(2)), action_plan=PLAN)
    copies = ind("Jumlah fasilitasi pergandaan dokumen", target=D(1), quarters=(D(1), N, N, N))
    ev = run(row("Cetak", indicators=[printed, copies], budget=Budget(annual=D(9), quarters=(D(1), D(6), N, D(2)))))
    assert [(f.indicator, f.values["quarters"]) for f in ev.findings if f.code is Code.QUARTER_NOT_REPORTED] == [
        ("Jumlah jenis barang cetakan", "III")
    ]
    assert Code.BUDGET_WITHOUT_OUTPUT not in top_codes(ev)


# -- one cause, one finding: a quarter entered twice ---------------------------------------------------
def _pengawasan(*, stated=True, pagu=D(27784250), k=(D(0), D(30), D(0), D(30)), rp4=D(24302250), levels=(P, K, S)):
    """The seed's Pengawasan: TW II's 30 kop / Rp 24,302,250 entered again under TW IV, on three rows."""
    rp = Budget(strategic=D(132300000), annual=pagu, quarters=(N, D(24302250), N, rp4))
    printed = (
        {
            Stated.ANNUAL_REALIZATION: D(24302250),
            Stated.CUMULATIVE_REALIZATION: D(24302250),
            Stated.CUMULATIVE_ACHIEVEMENT: D(18),
        }
        if stated
        else {}
    )
    node = None
    for depth, level in reversed(list(enumerate(levels))):
        node = row(
            f"Baris {depth}",
            level=level,
            indicators=[ind(f"Jumlah koperasi {depth}", unit="kop", aggregation=A.LAST, target=D(30), quarters=k)],
            children=[node] if node else [],
            budget=rp,
            stated_budget=printed,
        )
    return node


def test_a_repeated_quarter_is_one_finding_naming_its_rows_and_what_it_throws_off() -> None:
    ev = run(_pengawasan())
    assert top_codes(ev) == [Code.QUARTER_REPEATED]
    [cause] = ev.findings
    assert (cause.row, cause.column, cause.measure, cause.severity) == ("Baris 2", "11", "Rp", Severity.ERROR)
    assert cause.other_rows == ("Baris 0", "Baris 1")
    assert cause.values["quarter"] == "IV" and cause.values["source"] == "II"
    assert (cause.values["budget"], cause.values["value"], cause.values["unit"]) == (D(24302250), D(30), "kop")
    # its consequences, each once for the three rows: column 12 Rp (13 and 14 under it) and the overrun
    assert [(c.code, c.column, c.other_rows) for c in cause.consequences] == [
        (Code.ANNUAL_DIFFERS, "12", ("Baris 0", "Baris 1")),
        (Code.BUDGET_OVERRUN, "12", ("Baris 0", "Baris 1")),
    ]
    annual = cause.consequences[0]
    assert (annual.values["stated"], annual.values["computed"]) == (D(24302250), D(48604500))
    assert [(c.code, c.column) for c in annual.consequences] == [
        (Code.CUMULATIVE_DIFFERS, "13"),
        (Code.ACHIEVEMENT_DIFFERS, "14"),
    ]
    assert len(list(walk(ev.findings))) == 5  # were 12 findings, four per row
    assert cause.rows == ("Baris 2", "Baris 0", "Baris 1")


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        # nothing printed, but realisation above the pagu: the repeat, with the overrun under it
        (dict(stated=False), [Code.QUARTER_REPEATED]),
        # a repeat that contradicts nothing (a fixed quarterly payment within the pagu) is no finding
        (dict(stated=False, pagu=D(60000000)), []),
        # a different K in TW IV: not the same quarter entered twice; the contradictions stand alone
        (dict(stated=False, k=(D(0), D(30), D(0), D(31))), [Code.BUDGET_OVERRUN]),
        # a different Rp in TW IV: no repeat
        (dict(stated=False, rp4=D(24302251)), [Code.BUDGET_OVERRUN]),
        # one row only
        (dict(levels=(S,)), [Code.QUARTER_REPEATED]),
    ],
)
def test_repeated_quarter_cases(case, expected) -> None:
    ev = run(_pengawasan(**case))
    merged = [c for c in top_codes(ev) if c is not Code.BUDGET_OVERRUN or expected == [Code.BUDGET_OVERRUN]]
    assert merged == expected


def test_a_repeat_without_statements_lists_the_overrun_under_it() -> None:
    [cause] = run(_pengawasan(stated=False)).findings
    assert [c.code for c in cause.consequences] == [Code.BUDGET_OVERRUN]
    assert cause.consequences[0].other_rows == ("Baris 0", "Baris 1")


def test_a_repeated_summed_quarter_counts_its_k_too() -> None:
    """A SUM indicator's K of the repeated quarter is part of the repeat: its printed 12 K follows."""
    i = ind(target=D(30), quarters=(N, D(30), N, D(30)), stated={Stated.ANNUAL_REALIZATION: D(30)})
    sub = row("S", indicators=[i], budget=Budget(annual=D(30), quarters=(N, D(25), N, D(25))))
    [cause] = run(sub).findings
    assert cause.code is Code.QUARTER_REPEATED
    assert sorted((c.code.value, c.measure) for c in walk(cause.consequences)) == [
        ("annual_differs", "K"),
        ("budget_overrun", "Rp"),
    ]


# -- one cause, one finding: a figure carried up unchanged --------------------------------------------
def test_a_figure_its_parents_carry_is_one_finding_on_the_lowest_row() -> None:
    rp = Budget(strategic=D(100), annual=D(150), quarters=(D(10), N, N, N))
    sub = row("Sub", indicators=[ind()], budget=rp)
    keg = row("Keg", level=K, indicators=[ind("Jumlah K")], children=[sub], budget=rp)
    prog = row("Prog", level=P, indicators=[ind("Jumlah P")], children=[keg], budget=rp)
    [finding] = [f for f in run(prog).findings if f.code is Code.RENJA_EXCEEDS_RENSTRA]
    assert (finding.row, finding.other_rows) == ("Sub", ("Prog", "Keg"))


def test_a_parent_of_two_children_keeps_its_own_finding() -> None:
    a = row("A", indicators=[ind()], budget=Budget(strategic=D(100), annual=D(150)))
    b = row("B", indicators=[ind()], budget=Budget(strategic=D(100), annual=D(150)))
    prog = row("Prog", level=P, indicators=[ind("Jumlah P")], children=[a, b])
    found = [(f.row, f.values["budget"]) for f in run(prog).findings if f.code is Code.RENJA_EXCEEDS_RENSTRA]
    assert found == [("Prog", D(300)), ("A", D(150)), ("B", D(150))]


def test_findings_without_numbers_are_each_rows_own() -> None:
    """A missing Renstra target on a program and on its kegiatan are two omissions, not one."""
    keg = row("Keg", level=K, indicators=[ind(strategic_target=None)])
    prog = row("Prog", level=P, indicators=[ind(strategic_target=None)], children=[keg])
    missing = [f.row for f in run(prog).findings if f.code is Code.TARGET_MISSING and f.column == "5"]
    assert missing == ["Prog", "Keg"]


# -- one cause, one finding: a printed figure worked out from a wrong printed figure -------------------
@pytest.mark.parametrize(
    ("prior", "stated", "expected"),
    [
        # 13 printed as 6 + the wrong 12: under the 12
        (N, {"12": 75, "13": 75}, {"12": ["13"]}),
        (D(10), {"12": 75, "13": 85}, {"12": ["13"]}),
        # 13 wrong on its own account (column 6 not added): a finding of its own
        (D(10), {"12": 75, "13": 75}, {"12": [], "13": []}),
        # 12/7 worked out from the wrong 12 (75 / 100): under it
        (N, {"12": 75, "12/7": 75}, {"12": ["12/7"]}),
        # 14 from the wrong 13 from the wrong 12 (75 / 200 = 37.5): all under the 12
        (N, {"12": 75, "13": 75, "14": "37.5"}, {"12": ["13", "14"]}),
        # 14 from an unprinted 13 worked out from the wrong 12
        (N, {"12": 75, "14": "37.5"}, {"12": ["14"]}),
        # 12 right, 13 wrong, 14 from the wrong 13: under the 13
        (N, {"12": 76, "13": 70, "14": 35}, {"13": ["14"]}),
    ],
)
def test_a_printed_figure_that_follows_a_wrong_one_is_listed_under_it(prior, stated, expected) -> None:
    keys = {
        "12": Stated.ANNUAL_REALIZATION,
        "12/7": Stated.ANNUAL_ACHIEVEMENT,
        "13": Stated.CUMULATIVE_REALIZATION,
        "14": Stated.CUMULATIVE_ACHIEVEMENT,
    }
    i = ind(
        unit="%",
        target=D(100),
        strategic_target=D(200),
        prior_realization=prior,
        quarters=(D(25), D(25), D(13), D(13)),
        stated={keys[k]: D(str(v)) for k, v in stated.items()},
    )
    ev = run(row("Administrasi Keuangan", indicators=[i]))
    printed = [
        f for f in ev.findings if f.code in (Code.ANNUAL_DIFFERS, Code.CUMULATIVE_DIFFERS, Code.ACHIEVEMENT_DIFFERS)
    ]
    assert {f.column: [c.column for c in f.consequences] for f in printed} == expected


# -- the printed average follows the printed achievement that throws it off ----------------------------
def _programs(*printed):
    return [
        row(
            f"Program {n}",
            level=P,
            indicators=[
                ind(target=D(400), quarters=(N, N, N, D(397)), stated={Stated.ANNUAL_ACHIEVEMENT: D(p)} if p else {})
            ],
        )
        for n, p in enumerate(printed)
    ]


def test_the_printed_average_is_listed_under_the_one_printed_achievement_it_follows() -> None:
    # two programs at 99.25 %; the first printed 100: the printed average 99.625 -> "99.63"
    ev = run(*_programs(100, None), stated_average=D("99.63"), stated_rating="Sangat Tinggi")
    [cause] = ev.findings
    assert (cause.code, cause.row, cause.column) == (Code.ACHIEVEMENT_DIFFERS, "Program 0", "12/7")
    [average] = cause.consequences
    assert (average.code, average.values["stated"], average.values["computed"]) == (
        Code.AVERAGE_DIFFERS,
        D("99.63"),
        D("99.25"),
    )


@pytest.mark.parametrize(
    ("printed", "average", "expected"),
    [
        # two printed achievements throw it off: the average stands on its own
        ((100, 100), "100", [Code.AVERAGE_DIFFERS, Code.ACHIEVEMENT_DIFFERS, Code.ACHIEVEMENT_DIFFERS]),
        # the printed average follows no printed achievement: on its own
        ((100, None), "98", [Code.AVERAGE_DIFFERS, Code.ACHIEVEMENT_DIFFERS]),
    ],
)
def test_a_printed_average_that_follows_no_single_row_stands_alone(printed, average, expected) -> None:
    assert top_codes(run(*_programs(*printed), stated_average=D(average))) == expected


def test_a_printed_rating_that_follows_the_printed_average_is_under_it() -> None:
    # computed 99.25 -> Sangat Tinggi; printed 90 -> "Tinggi", the band of 90
    ev = run(*_programs(None, None), stated_average=D(90), stated_rating="Tinggi")
    [average] = ev.findings
    assert average.code is Code.AVERAGE_DIFFERS and [c.code for c in average.consequences] == [Code.RATING_DIFFERS]
    assert top_codes(run(*_programs(None, None), stated_average=D(90), stated_rating="Rendah")) == [
        Code.AVERAGE_DIFFERS,
        Code.RATING_DIFFERS,
    ]


# -- a Tujuan indicator names the Indikator Tujuan table's columns --------------------------------------
def test_a_tujuan_finding_names_the_indikator_tujuan_columns() -> None:
    growth = ind(
        "Persentase Pertumbuhan Usaha Mikro",
        unit="%",
        aggregation=A.LAST,
        target=D("0.66"),
        strategic_target=D("0.66"),
        quarters=(N, N, N, D("44.83")),
        periodicity=Periodicity.ANNUAL,
    )
    nothing = ind("Persentase Koperasi Aktif", unit="%", aggregation=A.LAST, target=None, quarters=(N, N, N, D(70)))
    ev = run(row("Tujuan", level=Level.GOAL, indicators=[growth, nothing]))
    found = sorted((f.code.value, f.indicator, f.column, f.measure) for f in ev.findings)
    assert found == [
        ("implausible_achievement", "Persentase Pertumbuhan Usaha Mikro", "Capaian", None),  # not "12/7 K"
        ("target_missing", "Persentase Koperasi Aktif", "Target", None),
    ]  # column 14 of a Tujuan is printed nowhere: no finding about it


# -- the Rencana Aksi of one indicator is one finding ---------------------------------------------------
def test_rencana_aksi_annual_and_quarters_off_is_one_finding() -> None:
    i = ind(target=D(100), action_plan=(D(111), D(32), D(16), N), stated={Stated.ACTION_PLAN_TARGET: D(188)})
    [finding] = [f for f in run(row("Penunjang", indicators=[i])).findings if f.code.value.startswith("action_plan")]
    assert finding.code is Code.ACTION_PLAN_STATED_DIFFERS
    assert (finding.values["action_plan"], finding.values["target"], finding.values["combined"]) == (
        D(188),
        D(100),
        D(159),
    )


# -- ranked: errors, warnings, notes; causes that throw off other figures first -------------------------
def test_rank() -> None:
    note = Finding(Code.TARGET_MISSING, row="A")
    warning = Finding(Code.RENJA_EXCEEDS_RENSTRA, row="A")
    error = Finding(Code.ANNUAL_DIFFERS, row="A")
    report_error = Finding(Code.AVERAGE_DIFFERS)
    cause = Finding(Code.QUARTER_REPEATED, row="Z", consequences=(Finding(Code.BUDGET_OVERRUN, row="Z"),))
    later_error = Finding(Code.BUDGET_OVERRUN, row="B")
    ranked = rank([note, warning, error, report_error, later_error, cause])
    assert ranked == (cause, report_error, error, later_error, warning, note)


def test_an_evaluation_is_ranked() -> None:
    sub = row(
        "S",
        indicators=[ind(target=None, quarters=(D(1), N, N, N), action_plan=PLAN)],
        budget=Budget(strategic=D(1), annual=D(2), quarters=(D(3), N, N, N)),
    )
    severities = [f.severity for f in run(sub).findings]
    assert severities == [Severity.ERROR, Severity.WARNING, Severity.WARNING, Severity.INFO]


# -- the stable key -----------------------------------------------------------------------------------
def test_finding_key_names_the_place_not_the_numbers() -> None:
    a = Finding(Code.ANNUAL_DIFFERS, row="R", indicator="I", column="12", measure="K", values={"stated": D(75)})
    b = Finding(Code.ANNUAL_DIFFERS, row="R", indicator="I", column="12", measure="K", values={"stated": D(80)})
    assert finding_key(a) == finding_key(b) == "annual_differs|R|I|12|K"
    assert finding_key(Finding(Code.AVERAGE_DIFFERS)) == "average_differs||||"
    assert len(finding_key(Finding(Code.ANNUAL_DIFFERS, row="x" * 600))) == 500


def test_keys_are_unique_within_a_report() -> None:
    ev = run(_pengawasan(), *_programs(100, None), stated_average=D("99.63"))
    keys = [finding_key(f) for f in walk(ev.findings)]
    assert len(keys) == len(set(keys))
