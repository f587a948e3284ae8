"""The evaluation of one agency's quarter: form E.81's rows, average, rating and findings.

``evaluate`` is pure: a ``ReportInput`` of plain values in, an ``Evaluation`` out.  Every figure is
unrounded; renderers round half-up when they print.  ``figures`` gives the same figures without the
findings and explanations, for roll-ups that print none (``reporting.regency.province``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from domain.achievement import Achievement, Undefined, absorption, achievement
from domain.aggregation import add, aggregate, cumulative, sum_reported
from domain.causes import Placed, Tree, group
from domain.explanations import Explanations, with_explanations
from domain.findings import GOAL_COLUMNS, Code, Finding, rank, walk
from domain.inputs import Budget, IndicatorInput, ReportInput, RowInput, Settings, Stated
from domain.numbers import agrees_with_statement
from domain.rating import average, rating
from domain.types import AverageBasis, AverageSource, Level, Periodicity, Value

QUARTER_NAMES = ("I", "II", "III", "IV")
# % indicators that measure change rather than a share may pass 100.
_CHANGE_WORDS = re.compile(r"pertumbuhan|kenaikan|peningkatan|penurunan|perubahan|laju", re.I)


@dataclass(frozen=True, slots=True)
class Cell:
    """One numbered column of the form: K (the indicator's value) and Rp (the row's budget)."""

    value: Value = None
    budget: Value = None


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One line of the E.81 table: a plan row with one of its indicators (or none).

    A plan row with two indicators gives two lines; only the first carries the row's Rp.
    """

    row: RowInput
    indicator: IndicatorInput | None
    number: str
    first_of_row: bool
    strategic_target: Cell  # 5
    prior_realization: Cell  # 6
    annual_target: Cell  # 7
    quarters: tuple[Cell, Cell, Cell, Cell]  # 8-11
    annual_realization: Cell  # 12
    annual_achievement: Cell  # 12 / 7, %
    cumulative_realization: Cell  # 13 = 6 + 12
    cumulative_achievement: Cell  # 14 = 13 / 5, %

    @property
    def level(self) -> Level:
        return self.row.level


@dataclass(frozen=True, slots=True)
class Evaluation:
    input: ReportInput
    rows: tuple[ReportRow, ...]
    """Rows of the E.81 table, tree order; tujuan rows are only in ``goal_indicators``."""
    goal_indicators: tuple[ReportRow, ...]
    objective_indicators: tuple[ReportRow, ...]
    average: Value
    average_count: int
    rating: str | None
    findings: tuple[Finding, ...]
    explanations: Explanations | None = None
    """How each computed cell was worked out (``domain.explanations``); None from ``evaluate(...,
    explained=False)`` and for an approved copy frozen before explanations."""

    @property
    def settings(self) -> Settings:
        return self.input.settings


def evaluate(report: ReportInput, *, explained: bool = True) -> Evaluation:
    """Evaluate a quarter: aggregate, roll budgets up, compute achievements, average and findings.

    The findings are grouped by root cause (``domain.causes``) and ranked errors first
    (``domain.findings.rank``).  ``explained=False`` leaves ``explanations`` None: they are about half
    the cost, and only the JSON and the HTML print them (``reporting.report.Report.explanations`` works
    them out when a renderer asks, with ``domain.explanations.explain``, from these same figures).
    """
    if not 1 <= report.quarter <= 4:
        raise ValueError(f"quarter must be 1-4, not {report.quarter}")
    checked = _check(report)
    numbers = checked.figures
    tree = Tree.of(report.roots, numbers.budgets)
    findings = group(checked.placed, report=report, tree=tree, rerun=lambda r: [p.finding for p in _check(r).placed])
    evaluation = numbers.evaluation(report, rank(findings))
    return with_explanations(evaluation) if explained else evaluation


@dataclass(frozen=True, slots=True)
class Figures:
    """The figures of a quarter without its findings and explanations: what a roll-up over many PD needs.

    The same values ``evaluate`` puts in its ``Evaluation`` (it takes them from here), at a fraction of
    its cost: no check runs, no finding is grouped by cause and no cell is explained.
    """

    all_rows: tuple[ReportRow, ...]
    """Every line in tree order, tujuan lines included."""
    rows: tuple[ReportRow, ...]
    """The lines of the E.81 table (all but tujuan): ``Evaluation.rows``."""
    average: Value
    average_count: int
    """How many achievements the average is the mean of."""
    rating: str | None
    budgets: Mapping[int, Budget]
    """Rp of every plan row, keyed by ``id`` of its ``RowInput``; missing parent figures rolled up."""

    @property
    def goal_indicators(self) -> tuple[ReportRow, ...]:
        return tuple(r for r in self.all_rows if r.level is Level.GOAL and r.indicator)

    @property
    def objective_indicators(self) -> tuple[ReportRow, ...]:
        return tuple(r for r in self.all_rows if r.level is Level.OBJECTIVE and r.indicator)

    def evaluation(self, report: ReportInput, findings: tuple[Finding, ...] = ()) -> Evaluation:
        """These figures as the ``Evaluation`` of ``report``, with ``findings`` (none for a roll-up's
        figures, which are summed and never shown as a report)."""
        return Evaluation(
            input=report,
            rows=self.rows,
            goal_indicators=self.goal_indicators,
            objective_indicators=self.objective_indicators,
            average=self.average,
            average_count=self.average_count,
            rating=self.rating,
            findings=findings,
        )


def figures(report: ReportInput) -> Figures:
    """The figures of ``evaluate(report)`` (rows, achievements, budgets, average, rating), computed alone."""
    if not 1 <= report.quarter <= 4:
        raise ValueError(f"quarter must be 1-4, not {report.quarter}")
    return _figures(report, None)


@dataclass(frozen=True, slots=True)
class _Checked:
    figures: Figures
    placed: tuple[Placed, ...]
    """Every check's finding with its row, before grouping by cause."""


def _check(report: ReportInput) -> _Checked:
    placed: list[Placed] = []
    numbers = _figures(report, placed)
    return _Checked(figures=numbers, placed=tuple(placed))


def _figures(report: ReportInput, placed: list[Placed] | None) -> Figures:
    """The figures; with ``placed``, every check's finding appended to it (the budgets' roll-up, each row,
    then the report's own: average, rating, basis)."""
    budgets: dict[int, Budget] = {}
    for root in report.roots:
        _roll_budget(root, report.quarter, budgets, placed)

    all_rows: list[ReportRow] = []
    objective_number = 0
    for row in _walk(report.roots):
        if row.level is Level.OBJECTIVE:
            objective_number += 1
        number = str(objective_number) if row.level is Level.OBJECTIVE else ""
        lines = _report_rows(row, number, budgets[id(row)], report)
        all_rows.extend(lines)
        if placed is not None:
            placed.extend(Placed(f, row) for f in _row_findings(row, lines, report))

    table = tuple(r for r in all_rows if r.level is not Level.GOAL)
    basis = average_basis(table, report.settings)
    renja = report.settings.average_source is AverageSource.RENJA
    values = [(r.annual_achievement if renja else r.cumulative_achievement).value for r in basis]
    mean = average(values, report.settings.average_cap)
    label = rating(mean, report.settings.bands)
    if placed is not None:
        placed[:] = _report_findings(report, table, basis, mean, label, placed)
    return Figures(
        all_rows=tuple(all_rows),
        rows=table,
        average=mean,
        average_count=sum(1 for v in values if v is not None),
        rating=label,
        budgets=budgets,
    )


def average_basis(table: tuple[ReportRow, ...], settings: Settings) -> list[ReportRow]:
    """The lines the average is taken from: those with an indicator, of Program rows or of every row."""
    return [
        r
        for r in table
        if r.indicator is not None and (settings.average_basis is AverageBasis.ALL_ROWS or r.level is Level.PROGRAM)
    ]


def _walk(rows: tuple[RowInput, ...]) -> Iterator[RowInput]:
    for row in rows:
        yield row
        yield from _walk(row.children)


def _roll_budget(row: RowInput, upto: int, out: dict[int, Budget], findings: list[Placed] | None) -> Budget:
    """Rp of ``row`` with missing parent figures derived from its children (DOMAIN.md section 7).

    An entered parent figure that differs from its children's sum is kept, and is a finding (appended to
    ``findings`` unless it is ``None``).
    """
    children = [_roll_budget(child, upto, out, findings) for child in row.children]
    own = row.budget.cut(upto)
    if not row.level.carries_budget:
        out[id(row)] = Budget()
        return Budget()
    funded = [b for b, child in zip(children, row.children, strict=True) if child.level.carries_budget]
    if not funded:
        out[id(row)] = own
        return own

    def pick(entered: Value, parts: list[Value], column: str) -> Value:
        present = [p for p in parts if p is not None]
        summed = sum(present, Decimal(0)) if present else None
        if findings is not None and entered is not None and summed is not None and entered != summed:
            finding = Finding(
                Code.PARENT_BUDGET_DIFFERS,
                row=row.name,
                column=column,
                measure="Rp",
                values={"entered": entered, "children": summed, "difference": entered - summed},
            )
            findings.append(Placed(finding, row))
        return entered if entered is not None else summed

    effective = Budget(
        strategic=pick(own.strategic, [b.strategic for b in funded], "5"),
        prior=pick(own.prior, [b.prior for b in funded], "6"),
        annual=pick(own.annual, [b.annual for b in funded], "7"),
        quarters=tuple(  # type: ignore[arg-type]
            pick(own.quarters[i], [b.quarters[i] for b in funded], str(8 + i)) for i in range(4)
        ),
    )
    out[id(row)] = effective
    return effective


def _report_rows(row: RowInput, number: str, budget: Budget, report: ReportInput) -> list[ReportRow]:
    upto = report.quarter
    settings = report.settings
    has_budget = row.level.carries_budget
    # Rp columns, printed on the row's first line only (a second indicator has no budget of its own).
    rp: tuple[Value, ...] = (None,) * 11
    if has_budget:
        annual_rp = sum_reported(budget.quarters, upto)
        cumulative_rp = add(budget.prior, annual_rp)
        rp = (
            budget.strategic, budget.prior, budget.annual, *budget.quarters, annual_rp,
            absorption(annual_rp, budget.annual), cumulative_rp, absorption(cumulative_rp, budget.strategic),
        )  # fmt: skip
    indicators: list[IndicatorInput | None] = list(row.indicators) or [None]
    lines = []
    for position, indicator in enumerate(indicators):
        first = position == 0
        strategic, prior, pagu, q1, q2, q3, q4, realized, absorbed, cumulated, cumulated_share = (
            rp if first else (None,) * 11
        )
        k_target = k_prior = k_strategic = k_annual = k_cumulative = None
        k_quarters: tuple[Value, ...] = (None, None, None, None)
        k_achievement = k_cumulative_achievement = None
        if indicator is not None:
            k_quarters = (
                indicator.quarters
                if upto == 4
                else tuple(v if i < upto else None for i, v in enumerate(indicator.quarters))
            )
            k_annual = aggregate(indicator.quarters, indicator.aggregation, upto)
            k_prior = indicator.prior_realization
            k_cumulative = cumulative(k_prior, k_annual, indicator.aggregation)
            k_target = indicator.target
            k_strategic = indicator.strategic_target
            k_achievement = _achieve(k_target, k_annual, indicator, settings).value
            k_cumulative_achievement = _achieve(k_strategic, k_cumulative, indicator, settings).value
        lines.append(
            ReportRow(
                row=row,
                indicator=indicator,
                number=number if first else "",
                first_of_row=first,
                strategic_target=Cell(k_strategic, strategic),
                prior_realization=Cell(k_prior, prior),
                annual_target=Cell(k_target, pagu),
                quarters=(
                    Cell(k_quarters[0], q1),
                    Cell(k_quarters[1], q2),
                    Cell(k_quarters[2], q3),
                    Cell(k_quarters[3], q4),
                ),
                annual_realization=Cell(k_annual, realized),
                annual_achievement=Cell(k_achievement, absorbed),
                cumulative_realization=Cell(k_cumulative, cumulated),
                cumulative_achievement=Cell(k_cumulative_achievement, cumulated_share),
            )
        )
    return lines


def _achieve(target: Value, realization: Value, indicator: IndicatorInput, settings: Settings) -> Achievement:
    return achievement(target, realization, indicator.direction, settings.negative_formula)


_STATED_COLUMNS: tuple[tuple[Stated, Code, str, str], ...] = (
    # statement, finding code, column label, ReportRow attribute
    (Stated.ANNUAL_REALIZATION, Code.ANNUAL_DIFFERS, "12", "annual_realization"),
    (Stated.ANNUAL_ACHIEVEMENT, Code.ACHIEVEMENT_DIFFERS, "12/7", "annual_achievement"),
    (Stated.CUMULATIVE_REALIZATION, Code.CUMULATIVE_DIFFERS, "13", "cumulative_realization"),
    (Stated.CUMULATIVE_ACHIEVEMENT, Code.ACHIEVEMENT_DIFFERS, "14", "cumulative_achievement"),
)


_UPSTREAM: Mapping[Stated, Stated] = {
    # the printed figure each printed figure is worked out from, on the same line
    Stated.ANNUAL_ACHIEVEMENT: Stated.ANNUAL_REALIZATION,  # 12/7 from 12
    Stated.CUMULATIVE_REALIZATION: Stated.ANNUAL_REALIZATION,  # 13 = 6 + 12
    Stated.CUMULATIVE_ACHIEVEMENT: Stated.CUMULATIVE_REALIZATION,  # 14 = 13 / 5
}


def _carried(
    line: ReportRow, stated: Mapping[Stated, Decimal], measure: str, settings: Settings
) -> dict[Stated, Value]:
    """Each later column as worked out from the printed figures it comes from: 13 = 6 + printed 12,
    12/7 = printed 12 / 7, 14 = printed 13 / 5 (or, where 13 is not printed, 6 + printed 12, over 5)."""
    k = measure == "K"
    indicator = line.indicator

    def cell(c: Cell) -> Value:
        return c.value if k else c.budget

    def ratio(target: Value, realization: Value) -> Value:
        if not k:
            return absorption(realization, target)
        assert indicator is not None
        return _achieve(target, realization, indicator, settings).value

    annual: Value = stated.get(Stated.ANNUAL_REALIZATION, cell(line.annual_realization))
    cumulated: Value
    if k and indicator is not None:
        cumulated = cumulative(line.prior_realization.value, annual, indicator.aggregation)
    else:
        cumulated = add(cell(line.prior_realization), annual)
    return {
        Stated.ANNUAL_ACHIEVEMENT: ratio(cell(line.annual_target), annual),
        Stated.CUMULATIVE_REALIZATION: cumulated,
        Stated.CUMULATIVE_ACHIEVEMENT: ratio(
            cell(line.strategic_target), stated.get(Stated.CUMULATIVE_REALIZATION, cumulated)
        ),
    }


def _statement_findings(
    line: ReportRow, stated: Mapping[Stated, Decimal], measure: str, settings: Settings
) -> Iterator[Finding]:
    """Printed figures that differ from the computed ones.  A printed figure that is right *given* a
    wrong printed figure it is worked out from (13 printed as 6 + the wrong 12) is not a cause of its
    own: it is listed under that one's finding."""
    if not stated:
        return
    indicator = line.indicator.name if line.indicator else None
    own: dict[Stated, Finding] = {}
    for key, code, column, attribute in _STATED_COLUMNS:
        printed = stated.get(key)
        if printed is None:
            continue
        cell: Cell = getattr(line, attribute)
        computed = cell.value if measure == "K" else cell.budget
        if computed is not None and agrees_with_statement(computed, printed):
            continue
        values: dict[str, Decimal | str | int | None] = {"stated": printed, "computed": computed}
        if key is Stated.ANNUAL_REALIZATION:
            source = line.quarters
            for i, q in enumerate(source):
                values[f"q{i + 1}"] = q.value if measure == "K" else q.budget
            if measure == "K" and line.indicator is not None:
                values["aggregation"] = line.indicator.aggregation.value
        own[key] = Finding(code, row=line.row.name, indicator=indicator, column=column, measure=measure, values=values)
    if not own:
        return
    carried = _carried(line, stated, measure, settings) if len(own) > 1 else {}

    def differs(key: Stated) -> bool:  # the printed chain up to ``key`` is off
        if key in stated:
            return key in own
        up = _UPSTREAM.get(key)
        return up is not None and differs(up)

    def origin(key: Stated) -> Stated:
        up = _UPSTREAM.get(key)
        value = carried.get(key)
        if up is None or not differs(up) or value is None or not agrees_with_statement(value, stated[key]):
            return key
        while up not in own:
            up = _UPSTREAM[up]
        return origin(up)

    causes = {key: origin(key) for key in own}
    for key, finding in own.items():
        if causes[key] is key:
            following = tuple(own[k] for k in own if k is not key and causes[k] is key)
            yield replace(finding, consequences=following) if following else finding


def _row_findings(row: RowInput, lines: list[ReportRow], report: ReportInput) -> Iterator[Finding]:
    findings = _line_findings(row, lines, report)
    if row.level is not Level.GOAL:
        yield from findings
        return
    # A Tujuan indicator is printed only in the Indikator Tujuan table: name that table's columns.
    for f in findings:
        if f.column is not None and f.column in GOAL_COLUMNS:
            yield replace(f, column=GOAL_COLUMNS[f.column], measure=None)
        elif f.column != "14":  # column 14 of a Tujuan is printed nowhere
            yield f


def _planned(value: Value) -> bool:
    return value is not None and value != 0


def _line_findings(row: RowInput, lines: list[ReportRow], report: ReportInput) -> Iterator[Finding]:
    upto = report.quarter
    settings = report.settings
    first = lines[0]
    spent_without_output: set[int] = set()
    if row.level.carries_budget:
        yield from _statement_findings(first, row.stated_budget, "Rp", settings)
        pagu = first.annual_target.budget
        realized = first.annual_realization.budget
        if pagu is not None and realized is not None and realized > pagu:
            yield Finding(
                Code.BUDGET_OVERRUN,
                row=row.name,
                column="12",
                measure="Rp",
                values={"realized": realized, "budget": pagu, "difference": realized - pagu},
            )
        strategic = first.strategic_target.budget
        if pagu is not None and strategic is not None and pagu > strategic:
            yield Finding(
                Code.RENJA_EXCEEDS_RENSTRA,
                row=row.name,
                column="7",
                measure="Rp",
                values={"budget": pagu, "strategic": strategic},
            )
        if row.indicators:
            for i in range(upto):
                spent = first.quarters[i].budget
                if spent and spent > 0 and all(ind.quarters[i] is None for ind in row.indicators):
                    spent_without_output.add(i)
                    yield Finding(
                        Code.BUDGET_WITHOUT_OUTPUT,
                        row=row.name,
                        column=str(8 + i),
                        measure="Rp",
                        values={"quarter": QUARTER_NAMES[i], "budget": spent},
                    )
    for line in lines:
        indicator = line.indicator
        if indicator is None:
            continue
        where: dict[str, Any] = {"row": row.name, "indicator": indicator.name}
        yield from _statement_findings(line, indicator.stated, "K", settings)
        if indicator.target is None:
            yield Finding(Code.TARGET_MISSING, column="7", measure="K", **where)
        elif line.annual_achievement.value is None and line.annual_realization.value is not None:
            result = _achieve(indicator.target, line.annual_realization.value, indicator, settings)
            if result.undefined is Undefined.ZERO_TARGET:
                yield Finding(Code.ZERO_TARGET, column="7", measure="K", **where)
        if indicator.strategic_target is None and row.level is not Level.GOAL:
            yield Finding(Code.TARGET_MISSING, column="5", measure="K", **where)
        for column, cell in (("12/7", line.annual_achievement), ("14", line.cumulative_achievement)):
            value = cell.value
            if value is not None and not settings.implausible_below <= value <= settings.implausible_above:
                yield Finding(
                    Code.IMPLAUSIBLE_ACHIEVEMENT,
                    column=column,
                    measure="K",
                    values={
                        "achievement": value,
                        "above": settings.implausible_above,
                        "below": settings.implausible_below,
                    },
                    **where,
                )
        realized = line.annual_realization.value
        if (
            indicator.unit.strip() == "%"
            and realized is not None
            and realized > 100
            and not _CHANGE_WORDS.search(indicator.name)
        ):
            yield Finding(Code.SHARE_ABOVE_100, column="12", measure="K", values={"realized": realized}, **where)
        if indicator.periodicity is Periodicity.QUARTERLY:
            # Blank is a finding only where something was expected: the Rencana Aksi planned the quarter
            # (money spent with no K at all is "budget without output" above, said once).  An indicator
            # realised once a year is not late in the other quarters.
            missing = [
                QUARTER_NAMES[i]
                for i in range(upto)
                if indicator.quarters[i] is None
                and _planned(indicator.action_plan[i])
                and i not in spent_without_output
            ]
            if missing:
                yield Finding(
                    Code.QUARTER_NOT_REPORTED,
                    column="8-11",
                    measure="K",
                    values={"quarters": ", ".join(missing), "count": len(missing)},
                    **where,
                )
        yield from _action_plan_findings(indicator, where)


def _same_unit(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _action_plan_findings(indicator: IndicatorInput, where: dict[str, Any]) -> Iterator[Finding]:
    unit = indicator.action_plan_unit
    stated = indicator.stated.get(Stated.ACTION_PLAN_TARGET)
    planned = any(q is not None for q in indicator.action_plan)
    if not planned and stated is None:
        return
    if unit and not _same_unit(unit, indicator.unit):
        # Never add or compare values of different satuan (DOMAIN.md section 4).
        yield Finding(
            Code.ACTION_PLAN_UNIT_DIFFERS,
            column="7",
            measure="K",
            values={"unit": indicator.unit, "action_plan_unit": unit},
            **where,
        )
        return
    target = indicator.target
    if target is None:
        return
    combined = aggregate(indicator.action_plan, indicator.aggregation) if planned else None
    quarters_differ = combined is not None and combined != target
    values: dict[str, Decimal | str | int | None] = {}
    if quarters_differ:
        values = {"combined": combined, "target": target, "aggregation": indicator.aggregation.value}
        for i, q in enumerate(indicator.action_plan):
            values[f"q{i + 1}"] = q
    if stated is not None and stated != target:
        # One finding for the Rencana Aksi of the indicator: its own annual figure and, when they are
        # off too, what its quarters combine to.
        yield Finding(
            Code.ACTION_PLAN_STATED_DIFFERS,
            column="7",
            measure="K",
            values={"action_plan": stated, "target": target, **values},
            **where,
        )
    elif quarters_differ:
        yield Finding(Code.ACTION_PLAN_DIFFERS, column="7", measure="K", values=values, **where)


def _report_findings(
    report: ReportInput,
    table: tuple[ReportRow, ...],
    basis: list[ReportRow],
    mean: Value,
    label: str | None,
    placed: list[Placed],
) -> list[Placed]:
    """The row findings with the report's own added.  A printed average that is the mean of the printed
    achievements is listed under the one printed achievement that throws it off (and a printed rating
    that follows the printed average, under the average)."""
    settings = report.settings
    out = list(placed)
    average_finding: Finding | None = None
    stated_average = report.stated_average
    if stated_average is not None and (mean is None or not agrees_with_statement(mean, stated_average)):
        average_finding = Finding(Code.AVERAGE_DIFFERS, values={"stated": stated_average, "computed": mean})
    rating_finding: Finding | None = None
    if report.stated_rating and report.stated_rating.strip().lower() != (label or "").lower():
        rating_finding = Finding(Code.RATING_DIFFERS, values={"stated": report.stated_rating, "computed": label})
        printed_label = rating(stated_average, settings.bands) if stated_average is not None else None
        if average_finding is not None and (printed_label or "").lower() == report.stated_rating.strip().lower():
            average_finding = replace(average_finding, consequences=(rating_finding,))
            rating_finding = None
    elif report.has_statements and not report.stated_rating and label:
        out.append(Placed(Finding(Code.RATING_NOT_STATED, values={"computed": label}), None))
    if average_finding is not None:
        cause = _average_cause(basis, settings, stated_average, out)
        if cause is None:
            out.insert(0, Placed(average_finding, None))
        else:
            index, item = cause
            grown = replace(item.finding, consequences=(*item.finding.consequences, average_finding))
            out[index] = Placed(grown, item.row)
    if rating_finding is not None:
        out.append(Placed(rating_finding, None))
    first_year = report.first_strategic_year
    if first_year is not None and report.year > first_year:
        missing = sum(
            1
            for r in table
            if (r.indicator is not None and not r.indicator.aggregation.is_level and r.prior_realization.value is None)
            or (r.first_of_row and r.row.level.carries_budget and r.prior_realization.budget is None)
        )
        if missing:
            finding = Finding(
                Code.PRIOR_MISSING,
                column="6",
                values={"rows": missing, "first_year": first_year, "year": report.year},
            )
            out.append(Placed(finding, None))
    return out


def _average_cause(
    basis: list[ReportRow], settings: Settings, stated_average: Value, placed: list[Placed]
) -> tuple[int, Placed] | None:
    """The one finding about a printed achievement of the average's basis that explains the printed
    average: the mean of the printed achievements (computed where none is printed) is the printed
    average.  ``None`` when the printed average does not follow, or when several rows share the blame."""
    if stated_average is None:
        return None
    renja = settings.average_source is AverageSource.RENJA
    key, column = (Stated.ANNUAL_ACHIEVEMENT, "12/7") if renja else (Stated.CUMULATIVE_ACHIEVEMENT, "14")
    printed = []
    for r in basis:
        assert r.indicator is not None
        cell = r.annual_achievement if renja else r.cumulative_achievement
        printed.append(r.indicator.stated.get(key, cell.value))
    printed_mean = average(printed, settings.average_cap)
    if printed_mean is None or not agrees_with_statement(printed_mean, stated_average):
        return None
    lines = {(id(r.row), r.indicator.name) for r in basis if r.indicator is not None}
    causes = [
        (index, item)
        for index, item in enumerate(placed)
        if item.row is not None
        and any(
            f.code is Code.ACHIEVEMENT_DIFFERS
            and f.column == column
            and f.measure == "K"
            and (id(item.row), f.indicator) in lines
            for f in walk([item.finding])
        )
    ]
    return causes[0] if len(causes) == 1 else None
