"""How each indicator aggregates its quarters into the year, decided from what the sheet prints.

Where the sheet prints the annual value (column 12 K), the indicator takes the first aggregation that
reproduces it (SUM, LAST, MAX, AVG); where none does, the one its sibling rows were given, if they all
agree; otherwise the default of DOMAIN.md section 4.  Tujuan and sasaran indicators with only a
year's value are annual, and an aggregation already given (an Agregasi column or table) is kept.
Every decision is returned with its reason, to be shown in the dry run and kept in the audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.aggregation import default_aggregation, matching_aggregations
from domain.inputs import Stated
from domain.types import Aggregation, Periodicity
from imports.stages.documents.row_documents import Entry
from imports.stages.place.main_table import Line
from imports.stages.place.plan_tree import Node
from planning.documents import IndicatorDoc
from reporting.labels import AGGREGATION


@dataclass
class Decision:
    """How an indicator's quarters aggregate, and why (shown to the person importing)."""

    sheet: str
    row: int
    row_name: str
    indicator: str
    aggregation: Aggregation
    how: str  # "tercetak", "saudara", "bawaan", "tahunan", "kolom agregasi"
    note: str = ""


def decide_aggregations(
    entries: list[Entry], goal: Node | None, confirmed_default: set[int], *, sheet: str
) -> list[Decision]:
    """Take the aggregation that reproduces the printed annual value; where none does, the one all
    its sibling rows share; otherwise the default of DOMAIN.md section 4.

    Sets ``aggregation`` on the indicators it infers; ``confirmed_default`` holds the ``id`` of the
    indicators whose default an aggregation table confirmed."""
    decisions: list[Decision] = []
    if goal is not None and goal.doc is not None:
        for annual in goal.doc.indicators:
            agg = annual.aggregation or default_aggregation(annual.name, annual.unit)
            row = annual.source.row if annual.source and annual.source.row else 0
            decisions.append(Decision(sheet, row, goal.name, annual.name, agg, "tahunan"))
    pending: list[tuple[Line, Node, IndicatorDoc]] = []
    inferred: dict[int, Aggregation] = {}
    for line, node, ind in entries:
        if ind is None:
            continue
        if ind.aggregation is not None:
            decisions.append(Decision(sheet, line.row, node.name, ind.name, ind.aggregation, "kolom agregasi"))
            continue
        if ind.periodicity is Periodicity.ANNUAL or id(ind) in confirmed_default:
            agg = default_aggregation(ind.name, ind.unit)
            how = "tahunan" if ind.periodicity is Periodicity.ANNUAL else "kolom agregasi"
            decisions.append(Decision(sheet, line.row, node.name, ind.name, agg, how))
            continue
        stated = ind.stated.get(Stated.ANNUAL_REALIZATION)
        if stated is None:
            agg = default_aggregation(ind.name, ind.unit)
            decisions.append(Decision(sheet, line.row, node.name, ind.name, agg, "bawaan"))
            continue
        matches = matching_aggregations(ind.quarters, Decimal(stated))
        if matches:
            ind.aggregation = matches[0]
            inferred[id(ind)] = matches[0]
            others = ", ".join(AGGREGATION[m].lower() for m in matches[1:])
            decisions.append(
                Decision(
                    sheet,
                    line.row,
                    node.name,
                    ind.name,
                    matches[0],
                    "tercetak",
                    f"juga cocok: {others}" if others else "",
                )
            )
        else:
            pending.append((line, node, ind))
    for line, node, ind in pending:
        siblings = node.parent.children if node.parent else [node]
        found = {
            inferred[id(i)]
            for s in siblings
            if s is not node and s.doc is not None
            for i in s.doc.indicators
            if id(i) in inferred
        }
        if len(found) == 1:
            ind.aggregation = found.pop()
            decisions.append(
                Decision(
                    sheet,
                    line.row,
                    node.name,
                    ind.name,
                    ind.aggregation,
                    "saudara",
                    f"tidak ada agregasi yang menghasilkan {ind.stated[Stated.ANNUAL_REALIZATION]}; "
                    "mengikuti baris saudaranya",
                )
            )
        else:
            agg = default_aggregation(ind.name, ind.unit)
            decisions.append(
                Decision(
                    sheet,
                    line.row,
                    node.name,
                    ind.name,
                    agg,
                    "bawaan",
                    f"tidak ada agregasi yang menghasilkan {ind.stated[Stated.ANNUAL_REALIZATION]}",
                )
            )
    return decisions
