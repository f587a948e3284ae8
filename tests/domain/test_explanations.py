"""Every computed cell's explanation against the core's own figures (``domain.explanations``).

Each case evaluates a small plan and checks, for the cell: the rule, the inputs with their quarters,
that the formula worked out over the inputs is exactly the figure the evaluation holds and the figure
the core's own function gives (``aggregate``, ``cumulative``, ``achievement``, ``absorption``,
``average``, ``rating``), and the findings named.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.achievement import absorption, achievement
from domain.aggregation import aggregate, cumulative
from domain.evaluation import Evaluation, ReportRow, evaluate
from domain.explanations import Explanation, Missing, Op, Operator, Ref, Rule, explain, formula_value
from domain.findings import Code
from domain.inputs import Budget, IndicatorInput, ReportInput, RowInput, Settings
from domain.rating import average, rating
from domain.types import Aggregation as A
from domain.types import AverageSource, Direction, Level, NegativeFormula

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


def run(*roots, quarter=4, settings=Settings(), **kw) -> Evaluation:
    return evaluate(ReportInput(year=2021, quarter=quarter, roots=tuple(roots), settings=settings, **kw))


def cells(ev: Evaluation, i: int = 0) -> dict[str, Explanation]:
    assert ev.explanations is not None
    return dict(ev.explanations.rows[i])


def value_of(x: Explanation) -> Decimal | None:
    """The formula worked out over the explanation's own inputs (None where there is no formula)."""
    return None if x.formula is None else formula_value(x.formula, x.inputs)


def agrees_with_line(line: ReportRow, xs: dict[str, Explanation]) -> None:
    """Every explanation of the line holds the line's figure and its formula gives it."""
    figures = {
        "12K": line.annual_realization.value,
        "12Rp": line.annual_realization.budget,
        "12/7K": line.annual_achievement.value,
        "12/7Rp": line.annual_achievement.budget,
        "13K": line.cumulative_realization.value,
        "13Rp": line.cumulative_realization.budget,
        "14K": line.cumulative_achievement.value,
        "14Rp": line.cumulative_achievement.budget,
    }
    for key, x in xs.items():
        assert x.result == figures[key], key
        assert value_of(x) == figures[key], key
        assert x.agrees, key


# -- column 12 K: each aggregation, blanks, quarters after the report's --------------------------
@pytest.mark.parametrize(
    ("aggregation", "quarters", "upto", "rule", "used", "expected"),
    [
        (A.SUM, (D(3), D(4), D(1), D(6)), 4, Rule.SUM, [0, 1, 2, 3], D(14)),  # the seed's kendaraan
        (A.SUM, (D(3), N, D(1), D(6)), 4, Rule.SUM, [0, 2, 3], D(10)),  # a blank quarter is skipped
        (A.SUM, (D(3), D(0), N, N), 4, Rule.SUM, [0, 1], D(3)),  # 0 is reported ("-"), blank is not
        (A.LAST, (D(24), D(24), D(24), D(24)), 4, Rule.LAST, [3], D(24)),  # ASN terlayani: not 96
        (A.LAST, (D(20), D(22), N, N), 4, Rule.LAST, [1], D(22)),  # the latest reported quarter
        (A.AVG, (D(1), D(2), D(2), N), 4, Rule.AVG, [0, 1, 2], D(5) / D(3)),
        (A.MAX, (D(5), D(9), D(7), N), 4, Rule.MAX, [0, 1, 2], D(9)),
        (A.SUM, (D(1), D(2), D(3), D(4)), 2, Rule.SUM, [0, 1], D(3)),  # as of quarter II
        (A.LAST, (D(1), D(2), D(3), D(4)), 3, Rule.LAST, [2], D(3)),
        (A.AVG, (D(7), N, N, N), 4, Rule.AVG, [0], D(7)),  # one quarter: the quarter itself
    ],
)
def test_annual_realization_by_aggregation(aggregation, quarters, upto, rule, used, expected) -> None:
    ev = run(row("Sub", indicators=[ind(aggregation=aggregation, quarters=quarters)]), quarter=upto)
    x = cells(ev)["12K"]
    assert x.rule is rule
    assert [(i.column, i.quarter) for i in x.inputs] == [(str(8 + q), q + 1) for q in range(upto)]
    assert [i.value for i in x.inputs] == list(quarters[:upto])
    refs = sorted({r.index for r in _refs(x.formula)})
    assert refs == used
    assert x.result == expected == aggregate(quarters, aggregation, upto) == value_of(x)
    assert x.agrees and x.missing is None


def _refs(expr):
    if isinstance(expr, Ref):
        yield expr
    elif isinstance(expr, Op):
        for a in expr.args:
            yield from _refs(a)


@pytest.mark.parametrize("aggregation", list(A))
def test_nothing_reported_is_blank_not_zero(aggregation) -> None:
    ev = run(row("Sub", indicators=[ind(aggregation=aggregation, quarters=(N, N, N, N))]))
    x = cells(ev)["12K"]
    assert x.result is None and x.formula is None and x.missing is Missing.NOT_REPORTED
    assert x.agrees
    assert cells(ev)["12/7K"].missing is Missing.NO_REALIZATION


# -- column 13: SUM adds 6 + 12, levels carry the latest level ------------------------------------
@pytest.mark.parametrize(
    ("aggregation", "prior", "quarters", "rule", "expected"),
    [
        (A.SUM, D(120), (D(35), N, N, N), Rule.CUMULATIVE_SUM, D(155)),  # 13 = 6 + 12 = 120 + 35
        (A.SUM, N, (D(35), N, N, N), Rule.CUMULATIVE_SUM, D(35)),  # 6 blank: adds nothing
        (A.SUM, D(120), (N, N, N, N), Rule.CUMULATIVE_SUM, D(120)),
        (A.LAST, D(55), (D("60.72"), N, N, N), Rule.CUMULATIVE_LEVEL, D("60.72")),
        (A.LAST, D(55), (N, N, N, N), Rule.CUMULATIVE_LEVEL, D(55)),  # no level this year: the earlier one
        (A.AVG, D(10), (D(1), D(3), N, N), Rule.CUMULATIVE_LEVEL, D(2)),
        (A.MAX, N, (N, N, N, N), Rule.CUMULATIVE_LEVEL, N),
    ],
)
def test_cumulative_realization(aggregation, prior, quarters, rule, expected) -> None:
    ev = run(row("Sub", indicators=[ind(aggregation=aggregation, quarters=quarters, prior_realization=prior)]))
    line = ev.rows[0]
    x = cells(ev)["13K"]
    assert x.rule is rule
    assert [(i.column, i.value) for i in x.inputs] == [("6", prior), ("12", line.annual_realization.value)]
    assert x.result == expected == cumulative(prior, line.annual_realization.value, aggregation)
    assert value_of(x) == expected
    assert x.missing is (Missing.NOT_REPORTED if expected is None else None)


# -- 12/7 and 14 K: positive, negative under both formulas, missing and zero targets ---------------
@pytest.mark.parametrize(
    ("direction", "formula", "target", "realized", "rule", "expected", "missing"),
    [
        (Direction.POSITIVE, NegativeFormula.TWO_T_MINUS_R, D(40), D(35), Rule.POSITIVE, D("87.5"), N),
        (Direction.POSITIVE, NegativeFormula.TWO_T_MINUS_R, D("0.66"), D("44.83"), Rule.POSITIVE, None, N),
        (Direction.POSITIVE, NegativeFormula.TWO_T_MINUS_R, N, D(5), Rule.POSITIVE, N, Missing.NO_TARGET),
        (Direction.POSITIVE, NegativeFormula.TWO_T_MINUS_R, D(0), D(5), Rule.POSITIVE, N, Missing.ZERO_TARGET),
        (Direction.NEGATIVE, NegativeFormula.TWO_T_MINUS_R, D(10), D(8), Rule.NEGATIVE_TWO_T_MINUS_R, D(120), N),
        (Direction.NEGATIVE, NegativeFormula.TWO_T_MINUS_R, D(10), D(25), Rule.NEGATIVE_TWO_T_MINUS_R, D(0), N),
        (Direction.NEGATIVE, NegativeFormula.T_OVER_R, D(10), D(8), Rule.NEGATIVE_T_OVER_R, D(125), N),
        (
            Direction.NEGATIVE,
            NegativeFormula.T_OVER_R,
            D(10),
            D(0),
            Rule.NEGATIVE_T_OVER_R,
            N,
            Missing.ZERO_REALIZATION,
        ),
        (Direction.NEGATIVE, NegativeFormula.TWO_T_MINUS_R, D(0), D(0), Rule.NEGATIVE_ZERO_TARGET, D(100), N),
        (Direction.NEGATIVE, NegativeFormula.T_OVER_R, D(0), D(3), Rule.NEGATIVE_ZERO_TARGET, D(0), N),
        (Direction.NEGATIVE, NegativeFormula.T_OVER_R, N, D(3), Rule.NEGATIVE_T_OVER_R, N, Missing.NO_TARGET),
    ],
)
def test_achievement(direction, formula, target, realized, rule, expected, missing) -> None:
    indicator = ind(target=target, strategic_target=target, direction=direction, quarters=(realized, N, N, N))
    ev = run(row("Sub", indicators=[indicator]), settings=Settings(negative_formula=formula))
    core = achievement(target, realized, direction, formula).value
    for key, column, target_column, realization_column in (("12/7K", "12/7", "7", "12"), ("14K", "14", "5", "13")):
        x = cells(ev)[key]
        assert (x.column, x.rule, x.missing) == (column, rule, missing)
        assert [(i.column, i.value) for i in x.inputs] == [(realization_column, realized), (target_column, target)]
        assert x.result == core == value_of(x)
        if expected is not None:
            assert x.result == expected
        assert x.agrees


# -- Rp: sums and absorption -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("budget", "annual", "share", "cumulated", "share_strategic"),
    [
        (Budget(D(1000), D(300), D(200), (D(50), D(50), D(50), D(40))), D(190), D(95), D(490), D(49)),
        (Budget(D(1000), N, D(200), (D(50), N, N, D(40))), D(90), D(45), D(90), D(9)),
        (Budget(N, N, D(0), (D(5), N, N, N)), D(5), N, D(5), N),  # pagu 0, Renstra Rp blank
        (Budget(N, N, D(200), (N, N, N, N)), N, N, N, N),
    ],
)
def test_budget_columns(budget, annual, share, cumulated, share_strategic) -> None:
    ev = run(row("Sub", indicators=[ind()], budget=budget))
    xs = cells(ev)
    assert xs["12Rp"].rule is Rule.BUDGET_SUM and xs["12Rp"].result == annual == value_of(xs["12Rp"])
    assert xs["12/7Rp"].rule is Rule.ABSORPTION and xs["12/7Rp"].result == share == absorption(annual, budget.annual)
    assert xs["13Rp"].rule is Rule.CUMULATIVE_SUM and xs["13Rp"].result == cumulated
    assert xs["14Rp"].result == share_strategic == absorption(cumulated, budget.strategic)
    if budget.annual == 0:
        assert xs["12/7Rp"].missing is Missing.ZERO_BUDGET
    agrees_with_line(ev.rows[0], xs)


def test_a_second_indicator_and_a_row_without_budget_have_no_rp_explanations() -> None:
    sub = row("Sub", indicators=[ind("A"), ind("B")], budget=Budget(annual=D(10), quarters=(D(1), N, N, N)))
    objective = row("Sasaran", level=Level.OBJECTIVE, indicators=[ind("Persentase S", unit="%")], children=[sub])
    ev = run(objective)
    assert set(cells(ev, 0)) == {"12K", "12/7K", "13K", "14K"}  # sasaran: no Rp
    assert set(cells(ev, 1)) == {"12K", "12/7K", "13K", "14K", "12Rp", "12/7Rp", "13Rp", "14Rp"}
    assert set(cells(ev, 2)) == {"12K", "12/7K", "13K", "14K"}  # second indicator: no Rp of its own


# -- the average and the rating ------------------------------------------------------------------
def _programs(*targets_and_realized):
    return [
        row(f"P{i}", level=Level.PROGRAM, indicators=[ind(f"I{i}", target=t, quarters=(r, N, N, N))])
        for i, (t, r) in enumerate(targets_and_realized)
    ]


@pytest.mark.parametrize(
    ("pairs", "cap", "expected"),
    [
        (((D(400), D(397)), (D(100), D(98))), N, (D("99.25") + D(98)) / 2),
        (((D(100), D(150)), (D(100), D(80))), D(100), D(90)),  # capped: 150 counts as 100
        (((D(100), D(150)), (D(100), D(80))), N, D(115)),
        (((N, D(5)), (D(100), D(80))), N, D(80)),  # no target: left out, not 0
        (((N, D(5)), (N, D(6))), N, N),
    ],
)
def test_average(pairs, cap, expected) -> None:
    ev = run(*_programs(*pairs), settings=Settings(average_cap=cap))
    assert ev.explanations is not None
    x = ev.explanations.average
    assert x.rule is Rule.AVERAGE and x.cap == cap
    assert [(i.row, i.column) for i in x.inputs] == [(f"P{i}", "12/7") for i in range(len(pairs))]
    assert [i.value for i in x.inputs] == [r.annual_achievement.value for r in ev.rows]
    assert x.result == ev.average == expected == average([i.value for i in x.inputs], cap)
    assert value_of(x) == expected
    if cap is not None:
        assert any(isinstance(a, Op) and a.operator is Operator.MIN for a in x.formula.args[0].args)
    if expected is None:
        assert x.missing is Missing.NO_BASIS
    assert x.agrees


def test_average_from_renstra_achievement() -> None:
    programs = [row("P", level=Level.PROGRAM, indicators=[ind("I", strategic_target=D(50), quarters=(D(10), N, N, N))])]
    ev = run(*programs, settings=Settings(average_source=AverageSource.RENSTRA))
    x = ev.explanations.average
    assert [i.column for i in x.inputs] == ["14"] and x.result == D(20) == ev.average


@pytest.mark.parametrize(
    ("realized", "label", "lower", "upper"),
    [
        (D(9945), "Sangat Tinggi", D(91), N),
        (D(9100), "Sangat Tinggi", D(91), N),
        (D(9099), "Tinggi", D(76), D(91)),  # 90.99 is below 91: half-open bands
        (D(5000), "Sangat Rendah", N, D(51)),
        (D(20000), "Sangat Tinggi", D(91), N),  # above 100
    ],
)
def test_rating(realized, label, lower, upper) -> None:
    ev = run(*_programs((D(10000), realized)))
    x = ev.explanations.rating
    assert x.rule is Rule.RATING and x.result == ev.average and x.label == ev.rating == label
    assert x.label == rating(ev.average, Settings().bands)
    assert x.band is not None and (x.band.lower, x.band.upper, x.band.label) == (lower, upper, label)
    assert x.agrees


def test_no_average_no_rating() -> None:
    ev = run(*_programs((N, D(5))))
    x = ev.explanations.rating
    assert x.result is None and x.band is None and x.label is None and x.missing is Missing.NO_BASIS and x.agrees


# -- findings about a cell -------------------------------------------------------------------------
def test_findings_named_by_the_cells_they_concern() -> None:
    late = ind("Jumlah L", quarters=(D(1), N, D(1), N), action_plan=(D(2), D(3), D(2), D(3)))
    untargeted = ind("Jumlah T", target=N)
    ev = run(row("Sub", indicators=[late, untargeted]))
    late_x, untargeted_x = cells(ev, 0), cells(ev, 1)
    [not_reported] = [f for f in ev.findings if f.code is Code.QUARTER_NOT_REPORTED]
    assert any(k.startswith("quarter_not_reported|Sub|Jumlah L|8-11") for k in late_x["12K"].findings)
    assert not late_x["12/7K"].findings
    assert any(k.startswith("target_missing|Sub|Jumlah T|7") for k in untargeted_x["12/7K"].findings)
    assert not untargeted_x["12K"].findings
    positions = ev.explanations.findings
    assert [ev.findings[p] for p in positions[late_x["12K"].findings[0]]] == [not_reported]


def test_a_printed_average_that_differs_is_a_finding_of_the_average() -> None:
    ev = run(*_programs((D(100), D(90))), stated_average=D("95.00"), stated_rating="Sangat Tinggi")
    keys = ev.explanations.average.findings
    assert keys and keys[0].startswith("average_differs")
    assert ev.explanations.rating.findings  # the printed rating follows the printed average


def test_budget_findings_reach_the_rp_cells() -> None:
    sub = row("Sub", indicators=[ind()], budget=Budget(annual=D(100), quarters=(D(80), D(40), N, N)))
    xs = cells(run(sub))
    assert any(k.startswith("budget_overrun|Sub") for k in xs["12Rp"].findings)
    assert not xs["12K"].findings


# -- an approved copy: explanations read the frozen figures ---------------------------------------
def test_explanations_read_figures_never_recompute_them() -> None:
    """An evaluation rebuilt with a figure the current rule would not give (a copy frozen under an
    earlier rule) is explained with that figure; the formula says it does not follow."""
    from dataclasses import replace

    from domain.evaluation import Cell

    ev = run(row("Sub", indicators=[ind()]))
    line = ev.rows[0]
    frozen = replace(ev, rows=(replace(line, annual_realization=Cell(D(99), line.annual_realization.budget)),))
    x = explain(frozen).rows[0]["12K"]
    assert x.result == D(99) and value_of(x) == D(10) and not x.agrees


# -- every cell of any plan ---------------------------------------------------------------------
values = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False))


@settings(max_examples=60, deadline=None)
@given(
    quarters=st.tuples(values, values, values, values),
    target=values,
    strategic=values,
    prior=values,
    budget=st.tuples(values, values, values, values),
    pagu=values,
    aggregation=st.sampled_from(list(A)),
    direction=st.sampled_from(list(Direction)),
    formula=st.sampled_from(list(NegativeFormula)),
    upto=st.integers(1, 4),
    cap=st.one_of(st.none(), st.just(D(100))),
)
def test_property_every_explanation_gives_its_cell(
    quarters, target, strategic, prior, budget, pagu, aggregation, direction, formula, upto, cap
) -> None:
    indicator = ind(
        aggregation=aggregation, quarters=quarters, target=target, strategic_target=strategic,
        prior_realization=prior, direction=direction,
    )  # fmt: skip
    program = row("P", level=Level.PROGRAM, indicators=[indicator], budget=Budget(strategic, prior, pagu, budget))
    ev = run(program, quarter=upto, settings=Settings(negative_formula=formula, average_cap=cap))
    agrees_with_line(ev.rows[0], cells(ev))
    assert ev.explanations.average.agrees and ev.explanations.average.result == ev.average
    assert ev.explanations.rating.agrees and ev.explanations.rating.label == ev.rating
