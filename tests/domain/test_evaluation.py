"""The evaluation of small hand-made plans: roll-ups, columns, average, and one case per finding."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from domain.evaluation import evaluate
from domain.findings import Code
from domain.inputs import Budget, IndicatorInput, ReportInput, RowInput, Settings, Stated
from domain.types import Aggregation as A
from domain.types import AverageBasis, AverageSource, Direction, Level, Periodicity

D = Decimal
N = None


def ind(name="Jumlah X", unit="unit", aggregation=A.SUM, target=D(10), quarters=(D(1), D(2), D(3), D(4)), **kw):
    return IndicatorInput(
        key=name, name=name, unit=unit, aggregation=aggregation, target=target, quarters=quarters, **kw
    )


def row(name, level=Level.SUB_ACTIVITY, indicators=(), children=(), budget=Budget(), **kw):
    return RowInput(
        key=name, level=level, name=name, indicators=tuple(indicators), children=tuple(children), budget=budget, **kw
    )


def run(*roots, quarter=4, settings=Settings(), **kw):
    return evaluate(ReportInput(year=2021, quarter=quarter, roots=tuple(roots), settings=settings, **kw))


def codes(evaluation):
    return [f.code for f in evaluation.findings]


def test_columns_of_a_sum_indicator_with_prior_years() -> None:
    sub = row(
        "Sub",
        indicators=[ind(strategic_target=D(50), prior_realization=D(20))],
        budget=Budget(strategic=D(1000), prior=D(300), annual=D(200), quarters=(D(50), D(50), D(50), D(40))),
    )
    line = run(sub).rows[0]
    assert line.annual_realization.value == D(10) and line.annual_realization.budget == D(190)
    assert line.annual_achievement.value == D(100) and line.annual_achievement.budget == D(95)
    assert line.cumulative_realization.value == D(30)  # 13 = 6 + 12
    assert line.cumulative_realization.budget == D(490)
    assert line.cumulative_achievement.value == D(60)  # 14 = 13 / 5
    assert line.cumulative_achievement.budget == D(49)


def test_as_of_quarter_later_quarters_are_not_counted() -> None:
    sub = row("Sub", indicators=[ind()], budget=Budget(annual=D(100), quarters=(D(10), D(20), D(30), D(40))))
    line = run(sub, quarter=2).rows[0]
    assert line.annual_realization.value == D(3)
    assert line.annual_realization.budget == D(30)
    assert [q.value for q in line.quarters] == [D(1), D(2), None, None]


def test_parent_budget_is_derived_from_children_when_not_entered() -> None:
    a = row("A", budget=Budget(annual=D(100), quarters=(D(10), N, N, N)))
    b = row("B", budget=Budget(annual=D(50), quarters=(D(5), D(7), N, N)))
    parent = row("K", level=Level.ACTIVITY, children=[a, b])
    line = run(parent).rows[0]
    assert line.annual_target.budget == D(150)
    assert [q.budget for q in line.quarters] == [D(15), D(7), None, None]
    assert Code.PARENT_BUDGET_DIFFERS not in codes(run(parent))


def test_entered_parent_budget_that_differs_is_kept_and_is_a_finding() -> None:
    a = row("A", budget=Budget(annual=D(100)))
    b = row("B", budget=Budget(annual=D(50)))
    parent = row("K", level=Level.ACTIVITY, children=[a, b], budget=Budget(annual=D(160)))
    ev = run(parent)
    assert ev.rows[0].annual_target.budget == D(160)
    [finding] = [f for f in ev.findings if f.code is Code.PARENT_BUDGET_DIFFERS]
    assert (finding.row, finding.column, finding.values["entered"], finding.values["children"]) == (
        "K",
        "7",
        D(160),
        D(150),
    )


money = st.one_of(
    st.none(), st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)
)


@st.composite
def budgets(draw):
    return Budget(strategic=draw(money), annual=draw(money), quarters=tuple(draw(money) for _ in range(4)))


@given(st.lists(st.lists(budgets(), min_size=1, max_size=4), min_size=1, max_size=4))
def test_property_parent_rp_is_the_sum_of_its_children(groups) -> None:
    activities = [
        row(f"K{i}", level=Level.ACTIVITY, children=[row(f"S{i}.{j}", budget=b) for j, b in enumerate(subs)])
        for i, subs in enumerate(groups)
    ]
    program = row("P", level=Level.PROGRAM, children=activities)
    ev = run(program)
    by_name = {line.row.name: line for line in ev.rows}

    def total(values):
        present = [v for v in values if v is not None]
        return sum(present, D(0)) if present else None

    leaves = [b for subs in groups for b in subs]
    assert by_name["P"].annual_target.budget == total(b.annual for b in leaves)
    assert by_name["P"].strategic_target.budget == total(b.strategic for b in leaves)
    for i in range(4):
        assert by_name["P"].quarters[i].budget == total(b.quarters[i] for b in leaves)
    assert Code.PARENT_BUDGET_DIFFERS not in codes(ev)


def test_two_indicators_one_budget() -> None:
    sub = row("Barang Cetak", indicators=[ind("A"), ind("B")], budget=Budget(annual=D(100), quarters=(D(10), N, N, N)))
    first, second = run(sub).rows
    assert first.first_of_row and first.annual_target.budget == D(100)
    assert not second.first_of_row
    assert second.annual_target.budget is None and second.annual_realization.budget is None


def test_average_over_programs_and_rating() -> None:
    p1 = row("P1", level=Level.PROGRAM, indicators=[ind(target=D(400), quarters=(N, D(105), D(0), D(292)))])
    p2 = row("P2", level=Level.PROGRAM, indicators=[ind(target=D(100), quarters=(D(59), D(17), D(9), D(13)))])
    sub = row("S", indicators=[ind(target=D(100), quarters=(D(1), N, N, N))])  # 1 %: not a program, not averaged
    ev = run(p1, p2, sub)
    assert ev.average == (D("99.25") + D(98)) / 2
    assert ev.average_count == 2
    assert ev.rating == "Sangat Tinggi"


def test_average_settings_all_rows_renstra_and_cap() -> None:
    p = row("P", level=Level.PROGRAM, indicators=[ind(target=D(10), strategic_target=D(40))])
    s = row("S", indicators=[ind(target=D(1), strategic_target=D(2), quarters=(D(5), N, N, N))])
    assert run(p, s).average == D(100)
    all_rows = Settings(average_basis=AverageBasis.ALL_ROWS)
    assert run(p, s, settings=all_rows).average == D(300)  # (100 + 500) / 2
    capped = Settings(average_basis=AverageBasis.ALL_ROWS, average_cap=D(120))
    assert run(p, s, settings=capped).average == D(110)
    renstra = Settings(average_basis=AverageBasis.ALL_ROWS, average_source=AverageSource.RENSTRA)
    assert run(p, s, settings=renstra).average == (D(25) + D(250)) / 2


def test_no_target_gives_no_achievement_and_no_average() -> None:
    p = row("P", level=Level.PROGRAM, indicators=[ind(target=None)])
    ev = run(p)
    assert ev.rows[0].annual_achievement.value is None
    assert ev.average is None and ev.rating is None
    assert Code.TARGET_MISSING in codes(ev)


def test_objective_numbering_and_goal_rows_kept_apart() -> None:
    goal_ind = ind("Tujuan %", unit="%", aggregation=A.LAST, periodicity=Periodicity.ANNUAL, quarters=(N, N, N, D(5)))
    obj = row("Sasaran 1", level=Level.OBJECTIVE, indicators=[ind("S1", unit="%", aggregation=A.LAST)])
    obj2 = row("Sasaran 2", level=Level.OBJECTIVE, indicators=[ind("S2a"), ind("S2b")])
    goal = row("Tujuan", level=Level.GOAL, indicators=[goal_ind], children=[obj, obj2])
    ev = run(goal)
    assert [r.row.name for r in ev.goal_indicators] == ["Tujuan"]
    assert [r.number for r in ev.rows] == ["1", "2", ""]
    assert len(ev.objective_indicators) == 3
    assert Code.QUARTER_NOT_REPORTED not in [f.code for f in ev.findings if f.indicator == "Tujuan %"]


def _finding(ev, code):
    matches = [f for f in ev.findings if f.code is code]
    assert matches, f"{code} not in {codes(ev)}"
    return matches[0]


def test_finding_annual_differs_names_row_column_and_numbers() -> None:
    i = ind(
        "Persentase fasilitasi",
        unit="%",
        target=D(100),
        quarters=(D(25), D(25), D(13), D(13)),
        stated={Stated.ANNUAL_REALIZATION: D(75)},
    )
    f = _finding(run(row("Administrasi Keuangan", indicators=[i])), Code.ANNUAL_DIFFERS)
    assert (f.row, f.column, f.measure, f.values["stated"], f.values["computed"]) == (
        "Administrasi Keuangan",
        "12",
        "K",
        D(75),
        D(76),
    )


def test_statement_at_printed_precision_is_not_a_finding() -> None:
    i = ind(
        target=D("88.2"),
        strategic_target=D("88.2"),
        unit="%",
        aggregation=A.LAST,
        quarters=(N, N, N, D(80)),
        periodicity=Periodicity.ANNUAL,
        stated={Stated.CUMULATIVE_ACHIEVEMENT: D("90.703"), Stated.ANNUAL_REALIZATION: D("80.00")},
    )
    assert codes(run(row("S", level=Level.OBJECTIVE, indicators=[i]))) == []


def test_finding_printed_ratio_instead_of_percent() -> None:
    sub = row(
        "UMKM",
        indicators=[ind(target=D(400), quarters=(N, D(105), N, D(292)))],
        budget=Budget(strategic=D(220500000), annual=D(200), quarters=(N, D(6313270100), N, D(4924799345))),
        stated_budget={Stated.CUMULATIVE_ACHIEVEMENT: D(51)},
    )
    f = _finding(run(sub), Code.ACHIEVEMENT_DIFFERS)
    assert (f.column, f.measure, f.values["stated"]) == ("14", "Rp", D(51))
    assert round(f.values["computed"], 1) == D("5096.6")


def test_finding_budget_overrun_and_renja_above_renstra() -> None:
    sub = row("S", indicators=[ind()], budget=Budget(strategic=D(100), annual=D(150), quarters=(D(100), D(60), N, N)))
    ev = run(sub)
    assert _finding(ev, Code.BUDGET_OVERRUN).values["difference"] == D(10)
    assert _finding(ev, Code.RENJA_EXCEEDS_RENSTRA).values == {"budget": D(150), "strategic": D(100)}


def test_finding_implausible_achievement_both_sides() -> None:
    high = row("H", indicators=[ind(target=D("0.66"), quarters=(D("44.83"), N, N, N), aggregation=A.LAST)])
    low = row("L", indicators=[ind(target=D(10), quarters=(D(-5), N, N, N), aggregation=A.LAST)])
    edge = row("E", indicators=[ind(target=D(10), quarters=(D(20), N, N, N), aggregation=A.LAST)])  # exactly 200
    ev = run(high, low, edge)
    assert sorted(f.row for f in ev.findings if f.code is Code.IMPLAUSIBLE_ACHIEVEMENT) == ["H", "L"]


def test_finding_share_above_100_but_not_for_growth() -> None:
    share = row(
        "A",
        indicators=[
            ind("Persentase koperasi aktif", unit="%", aggregation=A.SUM, target=D(100), quarters=(D(60), D(50), N, N))
        ],
    )
    growth = row(
        "B",
        indicators=[
            ind("Persentase pertumbuhan UM", unit="%", aggregation=A.LAST, target=D(1), quarters=(D(150), N, N, N))
        ],
    )
    ev = run(share, growth)
    assert [f.row for f in ev.findings if f.code is Code.SHARE_ABOVE_100] == ["A"]


def test_finding_budget_without_output_and_quarter_not_reported() -> None:
    sub = row(
        "Diklat",
        indicators=[ind(quarters=(N, D(40), D(20), D(40)), action_plan=(D(10), D(40), D(20), D(30)))],
        budget=Budget(annual=D(500), quarters=(D(4000000), D(1), D(1), D(1))),
    )
    ev = run(sub)
    f = _finding(ev, Code.BUDGET_WITHOUT_OUTPUT)
    assert (f.column, f.values["quarter"], f.values["budget"]) == ("8", "I", D(4000000))
    # money spent with no K is said once: not also as a blank quarter
    assert Code.QUARTER_NOT_REPORTED not in codes(ev)
    planned = row("P", indicators=[ind(quarters=(N, D(2), D(3), D(4)), action_plan=(D(1), D(2), D(3), D(4)))])
    assert _finding(run(planned), Code.QUARTER_NOT_REPORTED).values["quarters"] == "I"
    # As of quarter I nothing later is expected; a blank in a future quarter is no finding.
    assert _finding(run(planned, quarter=1), Code.QUARTER_NOT_REPORTED).values["quarters"] == "I"
    later = row("L", indicators=[ind(quarters=(D(1), N, N, N), action_plan=(D(1), D(1), D(1), D(1)))])
    assert Code.QUARTER_NOT_REPORTED not in codes(run(later, quarter=1))


def test_finding_action_plan() -> None:
    differs = ind("A", target=D(200), action_plan=(D(50), D(50), D(50), D(20)))
    stated = ind("B", target=D(200), unit="UM", action_plan_unit="UM", stated={Stated.ACTION_PLAN_TARGET: D(300)})
    unit = ind("C", unit="ASN", target=D(24), action_plan_unit="bulan", action_plan=(D(3), D(3), D(3), D(3)))
    fine = ind("D", unit="unit", aggregation=A.LAST, target=D(24), action_plan=(D(24), D(24), D(24), D(24)))
    ev = run(row("R", indicators=[differs, stated, unit, fine]))
    assert _finding(ev, Code.ACTION_PLAN_DIFFERS).values["combined"] == D(170)
    assert _finding(ev, Code.ACTION_PLAN_STATED_DIFFERS).values == {"action_plan": D(300), "target": D(200)}
    assert _finding(ev, Code.ACTION_PLAN_UNIT_DIFFERS).indicator == "C"
    assert not [f for f in ev.findings if f.indicator == "D" and f.code.value.startswith("action_plan")]


def test_finding_zero_target() -> None:
    ev = run(row("Z", indicators=[ind(target=D(0))]))
    assert _finding(ev, Code.ZERO_TARGET).indicator == "Jumlah X"


def test_negative_indicator_uses_the_pemdas_formula() -> None:
    i = ind("Angka kesalahan", direction=Direction.NEGATIVE, aggregation=A.LAST, target=D(10), quarters=(N, N, N, D(8)))
    from domain.types import NegativeFormula

    assert run(row("N", indicators=[i])).rows[0].annual_achievement.value == D(120)
    alt = Settings(negative_formula=NegativeFormula.T_OVER_R)
    assert run(row("N", indicators=[i]), settings=alt).rows[0].annual_achievement.value == D(125)


def test_report_level_findings() -> None:
    p = row("P", level=Level.PROGRAM, indicators=[ind(target=D(10))])
    ev = run(p, stated_average=D("99.60"), stated_rating="Tinggi", has_statements=True)
    assert _finding(ev, Code.AVERAGE_DIFFERS).values == {"stated": D("99.60"), "computed": D(100)}
    assert _finding(ev, Code.RATING_DIFFERS).values == {"stated": "Tinggi", "computed": "Sangat Tinggi"}
    assert Code.RATING_NOT_STATED in codes(run(p, has_statements=True))
    assert Code.RATING_NOT_STATED not in codes(run(p))
    assert _finding(run(p, first_strategic_year=2019), Code.PRIOR_MISSING).values["rows"] == 1
    assert Code.PRIOR_MISSING not in codes(run(p, first_strategic_year=2021))
