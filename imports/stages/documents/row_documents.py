"""The plan tree's nodes -> ``RowDoc`` and ``IndicatorDoc``, the shape ``document_load`` writes.

Each row takes its budget (columns 5, 6, 7 and the quarters' Rp), each indicator its unit, targets
and quarterly K; the printed computed figures (columns 12, 12/7, 13, 14) are kept as statements to
compare, not as data.  The result also lists every table line with its node and indicator in sheet
order (``Entry``): the side tables are matched against that list.
"""

from __future__ import annotations

from decimal import Decimal

from domain.inputs import Stated
from domain.types import Aggregation, Level, Periodicity
from imports.cells import Kind
from imports.stages.documents.cell_limits import check_line
from imports.stages.locate.layout import MEASURE_LABELS, norm
from imports.stages.place.main_table import Line
from imports.stages.place.placement import Group
from imports.stages.place.plan_tree import LEVEL_WORD, Node
from imports.stages.place.sheet_place import SheetPlace
from planning.documents import IndicatorDoc, RowDoc

Entry = tuple[Line, Node, IndicatorDoc | None]  # a table line, its node, its indicator (None: a row without one)


def build_documents(nodes: list[Node], *, place: SheetPlace, quarter: int) -> list[Entry]:
    """Give every node its ``doc`` (children linked as in the tree); the table's lines, by sheet row."""
    problems, sheet = place.problems, place.sheet
    entries: list[Entry] = []
    for node in nodes:
        line = node.line
        assert line is not None
        row = RowDoc(level=node.level, name=node.name, code=line.code, source=place.source(line.row))
        if node.level.carries_budget:
            row.strategic_budget = _rp(line, "5")
            row.prior_budget = _rp(line, "6")
            row.budget = _rp(line, "7")
            row.budget_quarters = tuple(_rp(line, q) for q in ("q1", "q2", "q3", "q4"))  # type: ignore[assignment]
            row.stated_budget = _stated(line, "Rp", budget_row=True)
            row.responsible_unit = line.extra.get("responsible", "")
            row.funding_source = line.extra.get("funding", "")
        elif line.has_rp:
            problems.warning(
                f"angka Rp pada baris {LEVEL_WORD[node.level]} diabaikan: pagu milik program/kegiatan",
                sheet=sheet,
                row=line.row,
            )
        node.doc = row
        check_line(line, place, k=False, rp=node.level.carries_budget)  # the row's own line has its budget
        for index, ind_line in enumerate(node.indicator_lines):
            check_line(ind_line, place, rp=False)
            indicator = _indicator(ind_line, node, place, quarter)
            row.indicators.append(indicator)
            entries.append((ind_line, node, indicator))
            if index > 0 and ind_line.has_rp:
                problems.warning(
                    "angka Rp pada indikator kedua diabaikan: satu baris punya satu pagu",
                    sheet=sheet,
                    row=ind_line.row,
                )
        if not node.indicator_lines:
            entries.append((line, node, None))
    _drop_leftover_zeros(entries, nodes, place=place, quarter=quarter)
    for node in nodes:
        for child in node.children:
            assert node.doc is not None and child.doc is not None
            node.doc.children.append(child.doc)
    entries.sort(key=lambda e: e[0].row)
    return entries


def _indicator(line: Line, node: Node, place: SheetPlace, quarter: int) -> IndicatorDoc:
    ind = IndicatorDoc(name=line.indicator or node.name, source=place.source(line.row))
    ind.unit = _unit(line, place)
    ind.strategic_target = _k(line, "5")
    ind.prior_realization = _k(line, "6")
    ind.target = _k(line, "7")
    ind.quarters = tuple(_k(line, q) for q in ("q1", "q2", "q3", "q4"))  # type: ignore[assignment]
    ind.stated = _stated(line, "K", budget_row=node.level.carries_budget)
    ind.drivers = line.extra.get("drivers", "")
    ind.obstacles = line.extra.get("obstacles", "")
    agg = line.extra.get("aggregation", "")
    if agg:
        ind.aggregation = _aggregation_word(agg)
    if node.level in (Level.GOAL, Level.OBJECTIVE):
        # an outcome measured once a year: nothing in quarters I-III, the year's value in IV or 12
        annual = _k(line, "12")
        if all(q is None for q in ind.quarters) and annual is not None:
            ind.periodicity = Periodicity.ANNUAL
            if quarter == 4:
                ind.quarters = (None, None, None, annual)
        elif all(q is None for q in ind.quarters[:3]) and ind.quarters[3] is not None:
            ind.periodicity = Periodicity.ANNUAL
    _check_numbers(line, place)
    return ind


def _unit(line: Line, place: SheetPlace) -> str:
    if line.unit:
        return line.unit
    units = []
    for measure in ("7", "5", "q1", "q2", "q3", "q4", "12", "13", "6"):
        group = line.chosen.get(measure)
        if group is not None and group.k is not None and group.unit:
            units.append((measure, group))
    if not units:
        return ""
    first = units[0][1].unit
    for measure, group in units[1:]:
        if group.unit != first and group.k is not None:
            place.problems.warning(
                f"satuan {group.unit!r} berbeda dari {first!r}",
                sheet=place.sheet,
                row=line.row,
                column=group.k.column,
                field=MEASURE_LABELS[measure],
            )
    return first


def _check_numbers(line: Line, place: SheetPlace) -> None:
    for measure, group in line.chosen.items():
        for token in (group.k, group.rp):
            if token is not None and token.value is not None and token.value < 0:
                place.problems.error(
                    f"angka negatif {token.text!r}",
                    sheet=place.sheet,
                    row=line.row,
                    column=token.column,
                    field=MEASURE_LABELS[measure],
                )


def _stated(line: Line, measure: str, *, budget_row: bool) -> dict[Stated, str]:
    """Printed computed figures (columns 12, 12/7, 13, 14) as statements, kept as printed.

    A single figure in column 14 (or 12/7) of a shifted line is the budget's ratio on a row with
    a budget (what the seed prints) and the indicator's elsewhere."""
    out: dict[Stated, str] = {}
    keys = {
        "12": Stated.ANNUAL_REALIZATION,
        "12/7": Stated.ANNUAL_ACHIEVEMENT,
        "13": Stated.CUMULATIVE_REALIZATION,
        "14": Stated.CUMULATIVE_ACHIEVEMENT,
    }
    for column, key in keys.items():
        group = line.chosen.get(column)
        if group is None:
            continue
        token = group.k if measure == "K" else group.rp
        if column in ("14", "12/7") and not line.grid and group.rp is None and group.k is not None:
            token = group.k if (measure == "Rp") == budget_row else None
        if token is not None and token.value is not None and token.kind not in (Kind.UNIT, Kind.DASH):
            out[key] = token.number_text
    return out


def _rp(line: Line, measure: str) -> Decimal | None:
    group = line.chosen.get(measure)
    return group.rp_value if group is not None else None


def _k(line: Line, measure: str) -> Decimal | None:
    group: Group | None = line.chosen.get(measure)
    if group is None or (group.ratio_only and measure in ("14", "12/7")):
        return None
    return group.k_value


def _aggregation_word(text: str) -> Aggregation | None:
    t = norm(text)
    for agg, words in {
        Aggregation.SUM: ("sum", "jumlah"),
        Aggregation.LAST: ("last", "terakhir"),
        Aggregation.AVG: ("avg", "rata"),
        Aggregation.MAX: ("max", "tertinggi", "maks"),
    }.items():
        if any(w in t for w in words):
            return agg
    return None


def _drop_leftover_zeros(entries: list[Entry], nodes: list[Node], *, place: SheetPlace, quarter: int) -> None:
    """Zeros in the quarters after the report's are a template's formulas, not reports: read as blank."""
    if quarter >= 4:
        return
    count = 0
    for node in nodes:
        if node.doc is not None and any(v == 0 for v in node.doc.budget_quarters[quarter:]):
            budgets = list(node.doc.budget_quarters)
            for i in range(quarter, 4):
                if budgets[i] == 0:
                    budgets[i], count = None, count + 1
            node.doc.budget_quarters = tuple(budgets)  # type: ignore[assignment]
    for _line, _node, ind in entries:
        if ind is not None and any(v == 0 for v in ind.quarters[quarter:]):
            values = list(ind.quarters)
            for i in range(quarter, 4):
                if values[i] == 0:
                    values[i], count = None, count + 1
            ind.quarters = tuple(values)  # type: ignore[assignment]
    if count:
        later = ", ".join(("I", "II", "III", "IV")[quarter:])
        place.problems.warning(
            f"{count} angka nol di triwulan {later} (sesudah triwulan laporan) dibaca sebagai belum dilaporkan: "
            "sisa rumus templat, bukan laporan",
            sheet=place.sheet,
        )
