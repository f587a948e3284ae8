"""How every computed figure of the E.81 table was worked out: the rule, the inputs, the formula.

An explanation is built from the figures its line prints (columns 5-11, and 12 and 13 for the later
columns) and the indicator's rule; its ``result`` is the figure the evaluation holds, so what a reader
is shown never disagrees with the table.  The formula is an expression over the inputs that
``formula_value`` evaluates with the core's own Decimal arithmetic, in the core's order of operations:
``agrees`` says the formula gives the result (it always does for a fresh evaluation; an approved copy
frozen under an earlier rule may not).  No words here: ``reporting.explanation_text`` writes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias

from domain.findings import GOAL_COLUMNS, Finding, finding_key, walk
from domain.numbers import HUNDRED
from domain.types import Aggregation, AverageSource, Direction, Level, NegativeFormula, Value

if TYPE_CHECKING:
    from domain.evaluation import Evaluation, ReportRow
    from domain.inputs import Settings


class Rule(StrEnum):
    """The rule a figure follows (DOMAIN.md sections 4-6)."""

    SUM = "sum"  # 12 K: the reported quarters added
    LAST = "last"  # 12 K: the latest reported quarter
    AVG = "avg"  # 12 K: the mean of the reported quarters
    MAX = "max"  # 12 K: the highest reported quarter
    BUDGET_SUM = "budget_sum"  # 12 Rp: Rp always sums
    CUMULATIVE_SUM = "cumulative_sum"  # 13 = 6 + 12
    CUMULATIVE_LEVEL = "cumulative_level"  # 13 = 12 (a level), else 6
    POSITIVE = "positive"  # R / T x 100
    NEGATIVE_TWO_T_MINUS_R = "negative_two_t_minus_r"  # (2T - R) / T x 100, at least 0
    NEGATIVE_T_OVER_R = "negative_t_over_r"  # T / R x 100
    NEGATIVE_ZERO_TARGET = "negative_zero_target"  # T = 0: 100 when R = 0, else 0
    ABSORPTION = "absorption"  # Rp realised / Rp planned x 100
    AVERAGE = "average"  # mean of the basis' achievements (each capped when a cap is set)
    RATING = "rating"  # the band holding the unrounded average


AGGREGATION_RULE: Mapping[Aggregation, Rule] = {
    Aggregation.SUM: Rule.SUM,
    Aggregation.LAST: Rule.LAST,
    Aggregation.AVG: Rule.AVG,
    Aggregation.MAX: Rule.MAX,
}


class Missing(StrEnum):
    """Why a computed cell holds no figure (blank, or "-" for an achievement)."""

    NOT_REPORTED = "not_reported"  # no input reported at all: blank, never 0
    NO_TARGET = "no_target"
    NO_REALIZATION = "no_realization"
    ZERO_TARGET = "zero_target"  # positive indicator with target 0: undefined
    ZERO_REALIZATION = "zero_realization"  # T / R with R = 0
    ZERO_BUDGET = "zero_budget"  # absorption of a pagu of 0
    NO_BASIS = "no_basis"  # no achievement to average


class Operator(StrEnum):
    ADD = "+"
    SUB = "-"
    MUL = "x"
    DIV = "/"
    MAX = "max"
    MIN = "min"


@dataclass(frozen=True, slots=True)
class Ref:
    """The ``index``-th input of the explanation."""

    index: int


@dataclass(frozen=True, slots=True)
class Const:
    value: Decimal


@dataclass(frozen=True, slots=True)
class Op:
    operator: Operator
    args: tuple[Expr, ...]


Expr: TypeAlias = Ref | Const | Op


@dataclass(frozen=True, slots=True)
class Input:
    """One figure a computed cell is worked out from, as its line (or the table) prints it.

    ``column`` is the printed column ("8", "6", "12", "12/7"...), ``quarter`` 1-4 for columns 8-11;
    an input of the average names its ``row`` and ``indicator``.  ``None``: not reported (blank).
    """

    column: str
    measure: str  # "K", "Rp" or "" (the average)
    value: Value
    quarter: int | None = None
    row: str | None = None
    indicator: str | None = None


@dataclass(frozen=True, slots=True)
class Explanation:
    """One computed cell: its rule, inputs, formula over the inputs, and the figure it holds.

    ``formula`` is ``None`` where no figure could be computed (``missing`` says why), and for the
    rating (``band`` says which band holds the average).  ``findings`` are the keys
    (``domain.findings.finding_key``) of the report's findings about the cell or its inputs.
    """

    column: str  # "12", "12/7", "13", "14", "average", "rating"
    measure: str  # "K", "Rp" or ""
    rule: Rule
    inputs: tuple[Input, ...]
    formula: Expr | None
    result: Value
    missing: Missing | None = None
    findings: tuple[str, ...] = ()
    cap: Value = None  # the average: each achievement above it counted as it
    band: Band | None = None  # the rating: the band holding the average
    label: str | None = None  # the rating: its label

    @property
    def agrees(self) -> bool:
        """Whether the formula, worked out with the inputs, gives the figure held (exactly)."""
        if self.rule is Rule.RATING:
            return self.band is None if self.result is None else self.band is not None and self.band.holds(self.result)
        if self.formula is None:
            return self.result is None
        return self.result is not None and formula_value(self.formula, self.inputs) == self.result


@dataclass(frozen=True, slots=True)
class Band:
    """A rating band as applied: ``lower`` <= average < ``upper`` (``None``: unbounded)."""

    lower: Decimal | None
    upper: Decimal | None
    label: str

    def holds(self, value: Decimal) -> bool:
        return (self.lower is None or value >= self.lower) and (self.upper is None or value < self.upper)


LineExplanations: TypeAlias = Mapping[str, Explanation]
"""A line's explanations by column key: "12K", "12Rp", "12/7K", "12/7Rp", "13K", "13Rp", "14K", "14Rp"."""


@dataclass(frozen=True, slots=True)
class Explanations:
    """Every computed cell of an evaluation, aligned with its ``rows``, ``goal_indicators`` and
    ``objective_indicators``; a line without an indicator or without Rp has fewer keys."""

    rows: tuple[LineExplanations, ...]
    goal_indicators: tuple[LineExplanations, ...]
    objective_indicators: tuple[LineExplanations, ...]
    average: Explanation
    rating: Explanation
    findings: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    """Each finding key's positions in the evaluation's ``findings`` (the numbers a report prints)."""


# -- arithmetic ----------------------------------------------------------------------------------
def formula_value(expr: Expr, inputs: Sequence[Input]) -> Decimal:
    """``expr`` worked out over ``inputs`` the way the core computes: sums start from 0, left to right."""
    if isinstance(expr, Ref):
        value = inputs[expr.index].value
        if value is None:
            raise ValueError(f"input {expr.index} of a formula is blank")
        return value
    if isinstance(expr, Const):
        return expr.value
    args = [formula_value(a, inputs) for a in expr.args]
    op = expr.operator
    if op is Operator.ADD:
        return sum(args, Decimal(0))
    if op is Operator.MAX:
        return max(args)
    if op is Operator.MIN:
        return min(args)
    first, *rest = args
    for arg in rest:
        if op is Operator.SUB:
            first = first - arg
        elif op is Operator.MUL:
            first = first * arg
        else:
            first = first / arg
    return first


def _refs(indexes: Sequence[int]) -> Expr:
    return Ref(indexes[0]) if len(indexes) == 1 else Op(Operator.ADD, tuple(Ref(i) for i in indexes))


_ZERO, _TWO = Decimal(0), Decimal(2)


# -- one line ------------------------------------------------------------------------------------
def explain_annual(quarters: Sequence[Value], aggregation: Aggregation, upto: int, result: Value) -> Explanation:
    """Column 12 K: the quarters up to ``upto`` combined by the indicator's aggregation."""
    inputs = tuple(Input(str(8 + i), "K", quarters[i], quarter=i + 1) for i in range(upto))
    present = [i for i, inp in enumerate(inputs) if inp.value is not None]
    rule = AGGREGATION_RULE[aggregation]
    if not present:
        return Explanation("12", "K", rule, inputs, None, result, Missing.NOT_REPORTED)
    formula: Expr
    if aggregation is Aggregation.LAST or len(present) == 1:
        formula = Ref(present[-1])
    elif aggregation is Aggregation.SUM:
        formula = _refs(present)
    elif aggregation is Aggregation.MAX:
        formula = Op(Operator.MAX, tuple(Ref(i) for i in present))
    else:
        formula = Op(Operator.DIV, (_refs(present), Const(Decimal(len(present)))))
    return Explanation("12", "K", rule, inputs, formula, result)


def explain_budget_sum(quarters: Sequence[Value], upto: int, result: Value) -> Explanation:
    """Column 12 Rp: the quarters' Rp up to ``upto`` added (Rp always sums)."""
    inputs = tuple(Input(str(8 + i), "Rp", quarters[i], quarter=i + 1) for i in range(upto))
    present = [i for i, inp in enumerate(inputs) if inp.value is not None]
    if not present:
        return Explanation("12", "Rp", Rule.BUDGET_SUM, inputs, None, result, Missing.NOT_REPORTED)
    return Explanation("12", "Rp", Rule.BUDGET_SUM, inputs, _refs(present), result)


def explain_cumulative(prior: Value, annual: Value, measure: str, level: bool, result: Value) -> Explanation:
    """Column 13: 6 + 12; for a level indicator (K of LAST/AVG/MAX) the latest level, 12 else 6."""
    inputs = (Input("6", measure, prior), Input("12", measure, annual))
    if level:
        formula: Expr | None = Ref(1) if annual is not None else Ref(0) if prior is not None else None
        rule = Rule.CUMULATIVE_LEVEL
    else:
        present = [i for i, inp in enumerate(inputs) if inp.value is not None]
        formula = _refs(present) if present else None
        rule = Rule.CUMULATIVE_SUM
    missing = Missing.NOT_REPORTED if formula is None else None
    return Explanation("13", measure, rule, inputs, formula, result, missing)


def explain_achievement(
    column: str,
    target_column: str,
    target: Value,
    realization_column: str,
    realization: Value,
    direction: Direction,
    negative_formula: NegativeFormula,
    result: Value,
) -> Explanation:
    """12/7 K (12 against 7) or 14 K (13 against 5): ``domain.achievement.achievement``'s rule."""
    inputs = (Input(realization_column, "K", realization), Input(target_column, "K", target))
    R, T = Ref(0), Ref(1)
    if direction is Direction.POSITIVE:
        rule = Rule.POSITIVE
    elif target == 0:
        rule = Rule.NEGATIVE_ZERO_TARGET
    elif negative_formula is NegativeFormula.TWO_T_MINUS_R:
        rule = Rule.NEGATIVE_TWO_T_MINUS_R
    else:
        rule = Rule.NEGATIVE_T_OVER_R

    def without(missing: Missing) -> Explanation:
        return Explanation(column, "K", rule, inputs, None, result, missing)

    if target is None:
        return without(Missing.NO_TARGET)
    if realization is None:
        return without(Missing.NO_REALIZATION)
    hundred = Const(HUNDRED)
    formula: Expr
    if rule is Rule.POSITIVE:
        if target == 0:
            return without(Missing.ZERO_TARGET)
        formula = Op(Operator.MUL, (Op(Operator.DIV, (R, T)), hundred))
    elif rule is Rule.NEGATIVE_ZERO_TARGET:
        formula = Const(HUNDRED if realization == 0 else _ZERO)
    elif rule is Rule.NEGATIVE_TWO_T_MINUS_R:
        twice = Op(Operator.SUB, (Op(Operator.MUL, (Const(_TWO), T)), R))
        formula = Op(Operator.MAX, (Const(_ZERO), Op(Operator.MUL, (Op(Operator.DIV, (twice, T)), hundred))))
    else:
        if realization == 0:
            return without(Missing.ZERO_REALIZATION)
        formula = Op(Operator.MUL, (Op(Operator.DIV, (T, R)), hundred))
    return Explanation(column, "K", rule, inputs, formula, result)


def explain_absorption(
    column: str, budget_column: str, budget: Value, realized_column: str, realized: Value, result: Value
) -> Explanation:
    """12/7 Rp (12 against 7) or 14 Rp (13 against 5): Rp realised over Rp planned x 100."""
    inputs = (Input(realized_column, "Rp", realized), Input(budget_column, "Rp", budget))
    if budget is None:
        return Explanation(column, "Rp", Rule.ABSORPTION, inputs, None, result, Missing.NO_TARGET)
    if realized is None:
        return Explanation(column, "Rp", Rule.ABSORPTION, inputs, None, result, Missing.NO_REALIZATION)
    if budget == 0:
        return Explanation(column, "Rp", Rule.ABSORPTION, inputs, None, result, Missing.ZERO_BUDGET)
    formula = Op(Operator.MUL, (Op(Operator.DIV, (Ref(0), Ref(1))), Const(HUNDRED)))
    return Explanation(column, "Rp", Rule.ABSORPTION, inputs, formula, result)


def explain_line(line: ReportRow, settings: Settings, upto: int) -> dict[str, Explanation]:
    """Every computed cell of one E.81 line, from the figures the line prints (its cells 5-11)."""
    out: dict[str, Explanation] = {}
    ind = line.indicator
    if ind is not None:
        annual = line.annual_realization.value
        cumulated = line.cumulative_realization.value
        out["12K"] = explain_annual([q.value for q in line.quarters], ind.aggregation, upto, annual)
        out["12/7K"] = explain_achievement(
            "12/7", "7", line.annual_target.value, "12", annual, ind.direction, settings.negative_formula,
            line.annual_achievement.value,
        )  # fmt: skip
        out["13K"] = explain_cumulative(line.prior_realization.value, annual, "K", ind.aggregation.is_level, cumulated)
        out["14K"] = explain_achievement(
            "14", "5", line.strategic_target.value, "13", cumulated, ind.direction, settings.negative_formula,
            line.cumulative_achievement.value,
        )  # fmt: skip
    if line.first_of_row and line.row.level.carries_budget:
        annual_rp = line.annual_realization.budget
        cumulated_rp = line.cumulative_realization.budget
        out["12Rp"] = explain_budget_sum([q.budget for q in line.quarters], upto, annual_rp)
        out["12/7Rp"] = explain_absorption(
            "12/7", "7", line.annual_target.budget, "12", annual_rp, line.annual_achievement.budget
        )
        out["13Rp"] = explain_cumulative(line.prior_realization.budget, annual_rp, "Rp", False, cumulated_rp)
        out["14Rp"] = explain_absorption(
            "14", "5", line.strategic_target.budget, "13", cumulated_rp, line.cumulative_achievement.budget
        )
    return out


# -- the average and the rating --------------------------------------------------------------------
def explain_average(basis: Sequence[ReportRow], settings: Settings, result: Value) -> Explanation:
    """The average of the basis' achievements (12/7 or 14 K), each capped first when a cap is set."""
    renja = settings.average_source is AverageSource.RENJA
    column = "12/7" if renja else "14"
    inputs = tuple(
        Input(
            column,
            "K",
            (r.annual_achievement if renja else r.cumulative_achievement).value,
            row=r.row.name,
            indicator=r.indicator.name if r.indicator else None,
        )
        for r in basis
    )
    present = [i for i, inp in enumerate(inputs) if inp.value is not None]
    cap = settings.average_cap
    if not present:
        return Explanation("average", "", Rule.AVERAGE, inputs, None, result, Missing.NO_BASIS, cap=cap)
    terms = tuple(Ref(i) if cap is None else Op(Operator.MIN, (Ref(i), Const(cap))) for i in present)
    total: Expr = terms[0] if len(terms) == 1 else Op(Operator.ADD, terms)
    formula = Op(Operator.DIV, (total, Const(Decimal(len(present)))))
    return Explanation("average", "", Rule.AVERAGE, inputs, formula, result, cap=cap)


def explain_rating(average: Value, settings: Settings, label: str | None) -> Explanation:
    """The predikat: the band of ``settings.bands`` (highest first, half-open) holding the unrounded average."""
    band = None
    upper: Decimal | None = None
    if average is not None:
        for b in settings.bands:
            if b.lower is None or average >= b.lower:
                band = Band(b.lower, upper, b.label)
                break
            upper = b.lower
    inputs = (Input("average", "", average),)
    missing = Missing.NO_BASIS if average is None else None
    return Explanation("rating", "", Rule.RATING, inputs, None, average, missing, band=band, label=label)


# -- findings about a cell -------------------------------------------------------------------------
# The printed columns whose findings concern a computed column: its own and those of its inputs.
RELATED_COLUMNS: Mapping[str, frozenset[str]] = {
    "12": frozenset({"12", "8", "9", "10", "11", "8-11"}),
    "12/7": frozenset({"12/7", "7"}),
    "13": frozenset({"13", "6"}),
    "14": frozenset({"14", "5"}),
}
_REPORT_CODES = {"average": ("average_differs",), "rating": ("rating_differs", "rating_not_stated")}

_Place: TypeAlias = tuple[str | None, str | None, str | None]  # indicator, column, measure, within a row


def _finding_index(findings: Sequence[Finding]) -> tuple[dict[str, dict[_Place, list[str]]], dict[str, list[str]]]:
    """Each row any finding or consequence names -> its places (indicator, column, measure) -> the keys of
    the findings (as listed: the causes) that concern them; and each report-level code -> those keys."""
    rows: dict[str, dict[_Place, list[str]]] = {}
    codes: dict[str, list[str]] = {}
    for top in findings:
        key = finding_key(top)
        for f in walk([top]):
            for row in (f.row, *f.other_rows):
                if row is not None:
                    keys = rows.setdefault(row, {}).setdefault((f.indicator, f.column, f.measure), [])
                    if key not in keys:
                        keys.append(key)
            if f.row is None:
                keys = codes.setdefault(f.code.value, [])
                if key not in keys:
                    keys.append(key)
    return rows, codes


_CELL_OF: Mapping[str, str] = {column: cell for cell, columns in RELATED_COLUMNS.items() for column in columns}
_GOAL_COLUMN_NUMBER: Mapping[str, str] = {name: number for number, name in GOAL_COLUMNS.items()}  # "Realisasi" -> "12"


def _with_findings(
    line: ReportRow,
    cells: dict[str, Explanation],
    rows: Mapping[str, Mapping[_Place, list[str]]],
    order: Mapping[str, int],
) -> dict[str, Explanation]:
    """``cells`` with the keys of the findings about each cell or its inputs, in the findings' order.

    A finding's place (indicator, column, measure) concerns the computed cell of ``RELATED_COLUMNS``:
    K places of the line's indicator (a Tujuan's named by its table's columns, with no K/Rp), Rp places
    of the row (the line's first indicator or none)."""
    places = rows.get(line.row.name)
    if not places:
        return cells
    goal = line.level is Level.GOAL
    indicator = line.indicator.name if line.indicator else None
    found: dict[str, set[str]] = {}
    for (ind, column, measure), keys in places.items():
        if column is None:
            continue
        if measure == "Rp" and ind in (None, indicator):
            cell = _CELL_OF.get(column)
        elif measure == "K" and ind == indicator:
            cell = _CELL_OF.get(column)
        elif goal and measure is None and ind == indicator:
            cell = _CELL_OF.get(_GOAL_COLUMN_NUMBER.get(column, column))
        else:
            continue
        if cell is not None and cell + measure_of(measure) in cells:
            found.setdefault(cell + measure_of(measure), set()).update(keys)
    if not found:
        return cells
    return {
        key: replace(x, findings=tuple(sorted(found[key], key=order.__getitem__))) if key in found else x
        for key, x in cells.items()
    }


def measure_of(measure: str | None) -> str:
    """A finding's measure as a cell key's suffix: a Tujuan's (no measure) is K."""
    return measure or "K"


# -- the whole evaluation -------------------------------------------------------------------------
def explain(evaluation: Evaluation) -> Explanations:
    """Every computed cell of ``evaluation`` explained from its own figures (pure; no recomputation of
    the results: each explanation's ``result`` is the figure the evaluation holds)."""
    from domain.evaluation import average_basis

    settings = evaluation.settings
    upto = evaluation.input.quarter
    places, codes = _finding_index(evaluation.findings)
    positions: dict[str, list[int]] = {}
    for i, f in enumerate(evaluation.findings):
        positions.setdefault(finding_key(f), []).append(i)
    order = {k: v[0] for k, v in positions.items()}

    def lines(rows: tuple[ReportRow, ...]) -> tuple[LineExplanations, ...]:
        return tuple(_with_findings(r, explain_line(r, settings, upto), places, order) for r in rows)

    def report_level(x: Explanation) -> Explanation:
        keys = tuple(dict.fromkeys(k for code in _REPORT_CODES[x.column] for k in codes.get(code, ())))
        return replace(x, findings=keys) if keys else x

    return Explanations(
        rows=lines(evaluation.rows),
        goal_indicators=lines(evaluation.goal_indicators),
        objective_indicators=lines(evaluation.objective_indicators),
        average=report_level(explain_average(average_basis(evaluation.rows, settings), settings, evaluation.average)),
        rating=report_level(explain_rating(evaluation.average, settings, evaluation.rating)),
        findings={k: tuple(v) for k, v in positions.items()},
    )


def with_explanations(evaluation: Evaluation) -> Evaluation:
    """``evaluation`` carrying its explanations (``Evaluation.explanations``)."""
    return replace(evaluation, explanations=explain(evaluation))
