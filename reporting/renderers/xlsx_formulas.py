"""The E.81 sheet's computed cells as spreadsheet formulas, so that a corrected quarter updates them.

Columns 12 (by the indicator's aggregation: sum, last reported, mean, highest), 12/7, 13 = 6 + 12 and
14 = 13/5, the Rp of a parent row that was derived from its children, the average and the predikat:
each cell gets the formula of the core's rule (``domain.aggregation``, ``domain.achievement``,
``domain.rating``) over the cells it comes from, with the core's own figure as its cached value, so
that the file opens with its numbers and the importer (which reads cached values) reads them.

Blank stays blank: a formula whose inputs are all blank gives "" (never 0), an achievement that
cannot be computed gives "-", as the core does.  Only ``ISNUMBER``, ``COUNT``, ``SUM``, ``AVERAGE``,
``MAX``, ``ROUND``, ``SUMIF``, ``COUNTIF`` and ``LOOKUP``: the same in Excel and LibreOffice.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from xlsxwriter.utility import xl_rowcol_to_cell

from domain.evaluation import ReportRow
from domain.types import Aggregation, AverageBasis, Direction, Level, NegativeFormula
from reporting.renderers.e81 import average_key
from reporting.renderers.layout import Table
from reporting.report import Report

MAX_ARGUMENTS = 255  # a spreadsheet function takes at most this many arguments
MAX_LENGTH = 8000  # characters of one formula (Excel's limit is 8192): a longer one stays a value
LOWEST = "-1E+307"  # the lower bound of the open lowest predikat band
_QUARTERS = ("8", "9", "10", "11")
_BUDGET_FIELDS = (("5", "strategic"), ("6", "prior"), ("7", "annual"))


@dataclass(frozen=True)
class Formula:
    row: int  # sheet row, 0-based
    col: int  # position in the table's columns
    text: str  # without the leading "="
    places: int | None = None  # the formula rounds its result (the average): the cached value too


def _is_number(ref: str) -> str:
    return f"ISNUMBER({ref})"


def _when_any(refs: Sequence[str], body: str) -> str:
    """``body`` when any of ``refs`` holds a number, else blank."""
    return f'IF(COUNT({",".join(refs)})=0,"",{body})'


def aggregate_formula(refs: Sequence[str], aggregation: Aggregation) -> str:
    """Column 12 K: the quarters combined by the indicator's rule (``domain.aggregation.aggregate``)."""
    joined = ",".join(refs)
    if aggregation is Aggregation.LAST:
        text = '""'
        for ref in refs:  # the last reported quarter: the latest that holds a number
            text = f"IF({_is_number(ref)},{ref},{text})"
        return text
    function = {Aggregation.SUM: "SUM", Aggregation.AVG: "AVERAGE", Aggregation.MAX: "MAX"}[aggregation]
    return _when_any(refs, f"{function}({joined})")


def cumulative_formula(prior: str, annual: str, aggregation: Aggregation) -> str:
    """Column 13 K (``domain.aggregation.cumulative``): 6 + 12, or for a level the latest level."""
    if aggregation.is_level:
        return f'IF({_is_number(annual)},{annual},IF({_is_number(prior)},{prior},""))'
    return _when_any((prior, annual), f"SUM({prior},{annual})")


def achievement_formula(target: str, real: str, direction: Direction, negative: NegativeFormula) -> str:
    """12/7 and 14 K (``domain.achievement.achievement``): "-" where no value can be computed."""
    missing = f"OR(NOT({_is_number(target)}),NOT({_is_number(real)}))"
    if direction is Direction.POSITIVE:
        body = f'IF({target}=0,"-",{real}/{target}*100)'
    elif negative is NegativeFormula.TWO_T_MINUS_R:
        body = f"IF({target}=0,IF({real}=0,100,0),MAX(0,(2*{target}-{real})/{target}*100))"
    else:
        body = f'IF({target}=0,IF({real}=0,100,0),IF({real}=0,"-",{target}/{real}*100))'
    return f'IF({missing},"-",{body})'


def absorption_formula(budget: str, real: str) -> str:
    """12/7 and 14 Rp (``domain.achievement.absorption``): realised / pagu x 100, "-" without a pagu."""
    return f'IF(OR(NOT({_is_number(budget)}),NOT({_is_number(real)})),"-",IF({budget}=0,"-",{real}/{budget}*100))'


def _chunks(refs: Sequence[str]) -> list[str]:
    return [",".join(refs[i : i + MAX_ARGUMENTS]) for i in range(0, len(refs), MAX_ARGUMENTS)]


def _ranges(rows: Sequence[int], col: int) -> list[str]:
    """Absolute references of ``rows`` in ``col``, a run of consecutive rows as one range ($A$1:$A$9)."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    cell = [(xl_rowcol_to_cell(r[0], col, True, True), xl_rowcol_to_cell(r[-1], col, True, True)) for r in runs]
    return [a if a == b else f"{a}:{b}" for a, b in cell]


def _mean(refs: Sequence[str], cap: Decimal | None) -> tuple[str, str]:
    """(sum, count) expressions of the average (``domain.rating.average``): each value first capped."""
    count = "+".join(f"COUNT({c})" for c in _chunks(refs))
    if cap is None:
        total = "+".join(f"SUM({c})" for c in _chunks(refs))
    else:
        c = format(cap, "f")
        total = "+".join(f'SUMIF({r},"<={c}")+{c}*COUNTIF({r},">{c}")' for r in refs)
    return total, count


def _lookup(value: str, report: Report) -> str:
    bands = list(reversed(report.evaluation.settings.bands))
    lowers = ",".join(LOWEST if b.lower is None else format(b.lower, "f") for b in bands)
    labels = ",".join('"' + b.label.replace('"', '""') + '"' for b in bands)
    return f"LOOKUP({value},{{{lowers}}},{{{labels}}})"


def e81_formulas(report: Report, table: Table, first_row: int) -> Iterator[Formula]:
    """Every computed cell of the E.81 table written at data row ``first_row``, as a formula."""
    keys = {c.key: i for i, c in enumerate(table.columns)}
    lines = report.evaluation.rows
    settings = report.evaluation.settings
    row_of: dict[int, int] = {}  # id(RowInput) -> sheet row of its first line
    for i, line in enumerate(lines):
        if line.first_of_row:
            row_of[id(line.row)] = first_row + i

    def ref(row: int, key: str) -> str:
        return xl_rowcol_to_cell(row, keys[key])

    for i, line in enumerate(lines):
        row = first_row + i
        yield from _k_formulas(line, row, ref, keys, settings.negative_formula)
        if line.first_of_row and line.row.level.carries_budget:
            yield from _rp_formulas(line, row, ref, keys, row_of)
    yield from _footer_formulas(report, table, first_row, len(lines))


def _k_formulas(line: ReportRow, row: int, ref, keys, negative: NegativeFormula) -> Iterator[Formula]:  # type: ignore[no-untyped-def]
    ind = line.indicator
    if ind is None:
        return
    quarters = [ref(row, f"{q}K") for q in _QUARTERS]
    yield Formula(row, keys["12K"], aggregate_formula(quarters, ind.aggregation))
    yield Formula(row, keys["13K"], cumulative_formula(ref(row, "6K"), ref(row, "12K"), ind.aggregation))
    yield Formula(row, keys["12/7K"], achievement_formula(ref(row, "7K"), ref(row, "12K"), ind.direction, negative))
    yield Formula(row, keys["14K"], achievement_formula(ref(row, "5K"), ref(row, "13K"), ind.direction, negative))


def _rp_formulas(line: ReportRow, row: int, ref, keys, row_of: dict[int, int]) -> Iterator[Formula]:  # type: ignore[no-untyped-def]
    own = line.row.budget
    funded = [c for c in line.row.children if c.level.carries_budget and id(c) in row_of]
    if funded:  # a parent's Rp not entered is its children's sum (DOMAIN.md section 7)
        entered = {"5": own.strategic, "6": own.prior, "7": own.annual}
        entered.update({q: own.quarters[n] for n, q in enumerate(_QUARTERS)})
        for number, value in entered.items():
            if value is None:
                children = [ref(row_of[id(c)], f"{number}Rp") for c in funded]
                yield Formula(row, keys[f"{number}Rp"], _when_any(children, f"SUM({','.join(children)})"))
    quarters = [ref(row, f"{q}Rp") for q in _QUARTERS]
    yield Formula(row, keys["12Rp"], _when_any(quarters, f"SUM({','.join(quarters)})"))
    yield Formula(
        row, keys["13Rp"], _when_any((ref(row, "6Rp"), ref(row, "12Rp")), f"SUM({ref(row, '6Rp')},{ref(row, '12Rp')})")
    )
    yield Formula(row, keys["12/7Rp"], absorption_formula(ref(row, "7Rp"), ref(row, "12Rp")))
    yield Formula(row, keys["14Rp"], absorption_formula(ref(row, "5Rp"), ref(row, "13Rp")))


def basis_rows(report: Report) -> list[int]:
    """Positions of the lines the average is taken from (``domain.evaluation``: program lines, or every
    line with an indicator)."""
    every = report.evaluation.settings.average_basis is AverageBasis.ALL_ROWS
    return [
        i
        for i, r in enumerate(report.evaluation.rows)
        if r.indicator is not None and (every or r.level is Level.PROGRAM)
    ]


def _footer_formulas(report: Report, table: Table, first_row: int, count: int) -> Iterator[Formula]:
    keys = [c.key for c in table.columns]
    col = keys.index(average_key(report))
    refs = _ranges([first_row + i for i in basis_rows(report)], col)
    if not refs:
        return
    total, counted = _mean(refs, report.evaluation.settings.average_cap)
    mean = f"({total})/({counted})"
    average = f'IF(({counted})=0,"-",ROUND({mean},2))'
    rating = f'IF(({counted})=0,"-",{_lookup(mean, report)})'
    # The average is shown rounded, as printed; the predikat is taken from the unrounded mean.
    if len(average) <= MAX_LENGTH and len(rating) <= MAX_LENGTH:
        at = next(c for c, v in enumerate(table.rows[count].cells) if c and v is not None)
        yield Formula(first_row + count, at, average, places=2)
        yield Formula(first_row + count + 1, at, rating)
