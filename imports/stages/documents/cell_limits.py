"""Each figure of the table checked, with its cell, against the column it will be stored in.

``planning.limits`` knows the columns' limits; here each form column of a line is mapped to the
field ``document_load`` writes it to, so that a 40-digit Rp or a 100,000-character satuan is an error
naming its sheet, row, column and field, found before anything is written.  What the table does not
place in a cell (the title's names, codes) is checked on the finished document by ``document_limits``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from imports.cells import Token
from imports.problems import Problems
from imports.stages.locate.layout import MEASURE_LABELS, QUARTERS
from imports.stages.place.main_table import Line
from imports.stages.place.sheet_place import SheetPlace
from planning.documents import PlanDocument
from planning.limits import document_problems, field_limit, surely_fits, value_check

_RP_FIELDS = {
    "5": "PlanRow.strategic_budget",
    "6": "WorkPlanRow.prior_budget",
    "7": "WorkPlanRow.budget",
    **dict.fromkeys(QUARTERS, "BudgetRealization.amount"),
}
_K_FIELDS = {
    "5": "Indicator.strategic_target",
    "6": "WorkPlanIndicator.prior_realization",
    "7": "WorkPlanIndicator.target",
    **dict.fromkeys(QUARTERS, "Realization.value"),
}
_STATED = "StatedFigure.value"  # columns 12, 12/7, 13, 14 are kept as printed text


def check_line(line: Line, place: SheetPlace, *, k: bool = True, rp: bool = True) -> None:
    """The line's K figures (``k``), Rp figures (``rp``: only where the row keeps its budget) and satuan."""
    units: dict[str, int | None] = {line.unit: line.text_columns.get("unit")} if k and line.unit else {}
    safe = _safe_whole_digits()
    for measure, group in line.chosen.items():
        if k and (token := group.k) is not None:
            field = _K_FIELDS.get(measure, _STATED)
            # nearly every figure is far from any limit (the test of ``_check``, inlined: 200,000 figures)
            if token.value is not None and (field == _STATED or token.value.adjusted() + 1 >= safe):
                _check(token, field, f"{MEASURE_LABELS[measure]} K", line, place)
            if token.unit:
                units.setdefault(token.unit, token.column)  # a Satuan column's unit rides on every K
        if rp and (token := group.rp) is not None:
            field = _RP_FIELDS.get(measure, _STATED)
            if token.value is not None and (field == _STATED or token.value.adjusted() + 1 >= safe):
                _check(token, field, f"{MEASURE_LABELS[measure]} Rp", line, place)
    for unit, column in units.items():
        _check_text(unit, "Indicator.unit", "Satuan", column, line, place)


def check_plan_token(token: Token, field: str, label: str, *, row: int, place: SheetPlace) -> None:
    """One figure of the Rencana Aksi table."""
    if token.value is None:
        return
    value: Any = token.number_text if field == _STATED else token.value
    if (problem := value_check(value, field=field)) is not None:
        place.problems.error(problem, sheet=place.sheet, row=row, column=token.column, field=label)


@cache
def _safe_whole_digits() -> int:
    """Fewer whole digits than this fit every numeric field a table figure goes to (rounding to the
    field's places adds at most one digit)."""
    return min(field_limit(f).whole_digits or 0 for f in {*_RP_FIELDS.values(), *_K_FIELDS.values()}) - 1


def _check(token: Token, field: str, label: str, line: Line, place: SheetPlace) -> None:
    if token.value is None:
        return
    if field != _STATED and token.value.adjusted() + 1 < _safe_whole_digits():
        return  # nearly every figure: no need to ask planning.limits (a large import has 200,000)
    value: Any = token.number_text if field == _STATED else token.value
    if surely_fits(value, field):
        return
    if (problem := value_check(value, field=field)) is not None:
        place.problems.error(problem, sheet=place.sheet, row=line.row, column=token.column, field=label)


def _check_text(text: str, field: str, label: str, column: int | None, line: Line, place: SheetPlace) -> None:
    if surely_fits(text, field):
        return
    if (problem := value_check(text, field=field)) is not None:
        place.problems.error(problem, sheet=place.sheet, row=line.row, column=column, field=label)


def document_limits(document: PlanDocument, problems: Problems) -> None:
    """Every value of the finished document against its field, as errors naming the sheet and row."""
    for found in document_problems(document):
        source = found.source
        problems.error(
            found.message,
            sheet=source.sheet if source is not None else "",
            row=source.row if source is not None else None,
            field=found.what,
        )
