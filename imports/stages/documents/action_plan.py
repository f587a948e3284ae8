"""The Rencana Aksi table attached to the main table's indicators, and the figures printed beside it.

Each Rencana Aksi line gives an indicator its quarterly targets, their satuan and the printed annual
target.  Its lines are matched by name and indicator: the same names first (the next one in sheet
order), else the most similar names near the expected place, since shifted and retyped rows are
common.  The little list beside the table (each program's achievement, and an average) is kept as
printed statements to compare with the report's own figures.
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal

from domain.inputs import Stated
from domain.types import Level
from imports.nomenclature import normalise, similar, similarity
from imports.stages.documents.cell_limits import check_plan_token
from imports.stages.documents.row_documents import Entry
from imports.stages.locate.tables import PlanLine, SideFigure
from imports.stages.place.main_table import Line
from imports.stages.place.plan_tree import Node
from imports.stages.place.sheet_place import SheetPlace
from planning.documents import IndicatorDoc

_Candidate = tuple[Line, Node, IndicatorDoc]  # an ``Entry`` that has an indicator


def attach_action_plan(
    entries: list[Entry],
    nodes: list[Node],
    plans: list[tuple[list[PlanLine], list[SideFigure]]],
    *,
    place: SheetPlace,
) -> list[SideFigure]:
    """Give the matched indicators their Rencana Aksi targets and the programs their printed
    achievement; every side figure, for ``check_side_average``."""
    problems, sheet = place.problems, place.sheet
    candidates: list[_Candidate] = [(line, node, ind) for line, node, ind in entries if ind is not None]
    finder = _IndicatorFinder(candidates)
    side: list[SideFigure] = []
    position = 0
    for lines, figures in plans:
        side.extend(figures)
        for item in lines:
            if item.target is None and not item.has_quarters:
                continue
            found = finder.find(item, position)
            if found is None:
                problems.warning(
                    f"baris Rencana Aksi {item.indicator[:50]!r} tidak cocok dengan indikator mana pun",
                    sheet=sheet,
                    row=item.row,
                )
                continue
            position, (_line, _node, ind) = found[0], found[1]
            for index, token in enumerate(item.quarters):
                if token is not None:
                    check_plan_token(
                        token, "QuarterlyTarget.value", f"Rencana Aksi TW {index + 1}", row=item.row, place=place
                    )
            if item.target is not None:
                check_plan_token(item.target, "StatedFigure.value", "Target Rencana Aksi", row=item.row, place=place)
                ind.stated[Stated.ACTION_PLAN_TARGET] = item.target.number_text
                ind.action_plan_unit = item.target.unit if item.target.kind.value == "number_unit" else ""
            ind.action_plan = tuple(t.value if t is not None else None for t in item.quarters)  # type: ignore[assignment]
    programs = [n for n in nodes if n.level is Level.PROGRAM and n.doc and n.doc.indicators]
    for figure in side:
        if not figure.name:
            continue
        best = max(programs, key=lambda n: similarity(n.name, figure.name), default=None)
        if best is None or similarity(best.name, figure.name) < 0.9:
            problems.warning(
                f"capaian {figure.value} untuk {figure.name[:50]!r} tidak cocok dengan program mana pun",
                sheet=sheet,
                row=figure.row,
            )
            continue
        assert best.doc is not None
        best.doc.indicators[0].stated[Stated.ANNUAL_ACHIEVEMENT] = figure.value
    return side


def check_side_average(side: list[SideFigure], stated: str, *, place: SheetPlace) -> None:
    """The average printed beside the Rencana Aksi table should be the report's stated average."""
    for figure in side:
        if not figure.name and stated and Decimal(figure.value) != Decimal(stated):
            place.problems.warning(
                f"rata-rata {figure.value} di samping tabel Rencana Aksi berbeda dari {stated}",
                sheet=place.sheet,
                row=figure.row,
            )


class _IndicatorFinder:
    """The indicator a Rencana Aksi line is about, among the main table's indicator lines."""

    def __init__(self, candidates: list[_Candidate]) -> None:
        self.candidates = candidates
        self._index: dict[tuple[str, str], list[int]] | None = None

    def _exact_index(self) -> dict[tuple[str, str], list[int]]:
        if self._index is None:
            index: dict[tuple[str, str], list[int]] = {}
            for i, (_line, node, ind) in enumerate(self.candidates):
                index.setdefault((normalise(ind.name), normalise(node.name)), []).append(i)
                index.setdefault((normalise(ind.name), ""), []).append(i)
            self._index = index
        return self._index

    def find(self, item: PlanLine, position: int) -> tuple[int, _Candidate] | None:
        """The same names first (the next one in order), then the most similar names near the
        expected place; with the position to look from next."""
        candidates = self.candidates
        if not candidates:
            return None
        exact = self._exact_index().get((normalise(item.indicator), normalise(item.name)), [])
        if exact:
            at = bisect_left(exact, position)
            chosen = exact[at] if at < len(exact) else exact[0]
            return chosen + 1, candidates[chosen]

        def score(entry: _Candidate) -> float:
            _line, node, ind = entry
            if not similar(ind.name, item.indicator, 0.7):
                return 0.0
            s = similarity(ind.name, item.indicator)
            return s + similarity(node.name, item.name) if item.name else 2 * s

        windows = [range(max(0, position - 20), min(len(candidates), position + 40))]
        if len(candidates) <= 200:
            windows.append(range(len(candidates)))
        for window in windows:
            best_index, best_score = None, 0.0
            for i in window:
                s = score(candidates[i])
                if s > best_score + 1e-9:
                    best_index, best_score = i, s
            if best_index is not None and best_score >= 1.6:
                return best_index + 1, candidates[best_index]
        return None
