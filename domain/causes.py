"""One cause, one finding (DOMAIN.md section 8): grouping the checks' raw findings by root cause.

The checks of ``domain.evaluation`` look at one row, one line or the whole report at a time, so one
mistake can show up many times.  Two rules put it back together:

- **A quarter entered twice.**  A row whose Rp (and K) of a later quarter repeats an earlier quarter's
  to the rupiah, where that repeat is what makes totals contradict each other: realisation above the
  pagu, a printed column 12 / 13 / 14 that no longer matches.  "What it throws off" is decided by
  evaluating the report once more without the repeated quarter: the contradictions that disappear are
  its consequences, listed under one ``QUARTER_REPEATED`` finding on the row where it was entered,
  naming the parents that carry it.  A repeat that contradicts nothing (a fixed quarterly payment) is
  no finding.
- **A figure carried up unchanged.**  The same finding with the same numbers on a row and its parent
  (a kegiatan with one sub kegiatan prints the sub kegiatan's figures) is one finding, on the lowest
  row, naming the rows above it.
- **A Renstra funding below the Renja's pagu.**  Column 5 Rp is the funding of the whole Renstra
  period; below a single year's pagu it cannot be right, and column 14 Rp (13 / 5) divides by it.  A
  printed column 14 Rp that contradicts the one computed from it on the same row is that figure's
  consequence, listed under the ``RENJA_EXCEEDS_RENSTRA`` finding (which then counts as an error, the
  gravest of what it throws off: ``Finding.severity``).

Pure functions over the core's frozen values; no wording here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from domain.findings import Code, Finding, finding_key, walk
from domain.inputs import Budget, ReportInput, RowInput
from domain.types import Aggregation

QUARTER_NAMES = ("I", "II", "III", "IV")

# What a repeated quarter can throw off: figures that then contradict each other.  A missing K or
# a blank quarter is not "thrown off" by a repeat, so it is never listed as its consequence.
_CONSEQUENCE_CODES = frozenset(
    {
        Code.ANNUAL_DIFFERS,
        Code.CUMULATIVE_DIFFERS,
        Code.ACHIEVEMENT_DIFFERS,
        Code.AVERAGE_DIFFERS,
        Code.RATING_DIFFERS,
        Code.PARENT_BUDGET_DIFFERS,
        Code.BUDGET_OVERRUN,
        Code.IMPLAUSIBLE_ACHIEVEMENT,
        Code.SHARE_ABOVE_100,
    }
)


@dataclass(frozen=True, slots=True)
class Placed:
    """A raw finding and the plan row it is about (``None``: the whole report)."""

    finding: Finding
    row: RowInput | None


@dataclass(frozen=True, slots=True)
class Tree:
    """The shape of the plan: each row's parent and depth, and each row's Rp after the roll-up."""

    parent: Mapping[int, RowInput]  # id(row) -> parent row
    depth: Mapping[int, int]
    budgets: Mapping[int, Budget]  # id(row) -> effective Rp (entered, or derived from the children)

    @classmethod
    def of(cls, roots: Sequence[RowInput], budgets: Mapping[int, Budget]) -> Tree:
        parent: dict[int, RowInput] = {}
        depth: dict[int, int] = {}

        def visit(row: RowInput, level: int) -> None:
            depth[id(row)] = level
            for child in row.children:
                parent[id(child)] = row
                visit(child, level + 1)

        for root in roots:
            visit(root, 0)
        return cls(parent=parent, depth=depth, budgets=budgets)

    def ancestors(self, row: RowInput) -> list[RowInput]:
        out = []
        node = self.parent.get(id(row))
        while node is not None:
            out.append(node)
            node = self.parent.get(id(node))
        return out


Rerun = Callable[[ReportInput], Sequence[Finding]]
"""The checks run again on a changed report: its findings, before grouping."""


def group(placed: Sequence[Placed], *, report: ReportInput, tree: Tree, rerun: Rerun) -> list[Finding]:
    """The raw findings grouped by root cause, in table order (``domain.findings.rank`` orders them)."""
    causes, rest = _repeated_quarters(placed, report=report, tree=tree, rerun=rerun)
    merged = _renstra_funding(_merge_carried_placed(rest, tree))
    return [finding for _position, finding in sorted([*causes, *merged], key=lambda item: item[0])]


# -- a quarter entered twice ------------------------------------------------------------------------
@dataclass
class _Repeat:
    quarter: int  # index of the repeated (later) quarter
    source: int  # index of the earlier quarter it repeats
    amount: Decimal
    rows: list[RowInput]  # top-down: the rows carrying the repeat


def _repeat_in(row: RowInput, budget: Budget, upto: int) -> tuple[int, int] | None:
    """(later, earlier) quarter indexes where ``row``'s Rp of a quarter repeats an earlier one's,
    every indicator's K repeating too (or blank in both)."""
    rp = budget.quarters
    for later in range(1, upto):
        amount = rp[later]
        if amount is None or amount <= 0:
            continue
        for earlier in range(later):
            if rp[earlier] == amount and all(i.quarters[earlier] == i.quarters[later] for i in row.indicators):
                return later, earlier
    return None


def _repeats(report: ReportInput, tree: Tree) -> list[_Repeat]:
    found: dict[int, tuple[RowInput, tuple[int, int, Decimal]]] = {}
    order: list[RowInput] = []

    def visit(row: RowInput) -> None:
        if row.level.carries_budget:
            budget = tree.budgets.get(id(row), Budget())
            hit = _repeat_in(row, budget, report.quarter)
            if hit is not None:
                later, earlier = hit
                amount = budget.quarters[later]
                assert amount is not None
                found[id(row)] = (row, (later, earlier, amount))
                order.append(row)
        for child in row.children:
            visit(child)

    for root in report.roots:
        visit(root)
    # One repeat carried by a chain of rows (a sub kegiatan and the parents summing it) is one group,
    # named after its lowest row.
    groups: list[_Repeat] = []
    top_of: dict[int, _Repeat] = {}
    for row in order:  # tree order: a parent comes before its children
        later, earlier, amount = found[id(row)][1]
        parent = tree.parent.get(id(row))
        if parent is not None and id(parent) in top_of and found[id(parent)][1] == (later, earlier, amount):
            repeat = top_of[id(parent)]
            repeat.rows.append(row)
        else:
            repeat = _Repeat(later, earlier, amount, [row])
            groups.append(repeat)
        top_of[id(row)] = repeat
    return groups


def _without_quarter(row: RowInput, quarter: int) -> RowInput:
    """``row`` with its entered Rp of ``quarter`` removed, and the K of its summed indicators."""
    indicators = tuple(
        replace(i, quarters=_blank(i.quarters, quarter)) if i.aggregation is Aggregation.SUM else i
        for i in row.indicators
    )
    return replace(
        row, budget=replace(row.budget, quarters=_blank(row.budget.quarters, quarter)), indicators=indicators
    )


def _blank(
    values: tuple[Decimal | None, ...], quarter: int
) -> tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]:
    out = list(values)
    out[quarter] = None
    return (out[0], out[1], out[2], out[3])


def _rebuilt(rows: tuple[RowInput, ...], changed: Mapping[int, RowInput]) -> tuple[RowInput, ...]:
    out = []
    for row in rows:
        children = _rebuilt(row.children, changed)
        base = changed.get(id(row), row)
        out.append(base if base is row and children == row.children else replace(base, children=children))
    return tuple(out)


def _repeated_quarters(
    placed: Sequence[Placed], *, report: ReportInput, tree: Tree, rerun: Rerun
) -> tuple[list[tuple[int, Finding]], list[tuple[int, Placed]]]:
    numbered = list(enumerate(placed))
    repeats = _repeats(report, tree)
    if not repeats:
        return [], numbered
    # One evaluation without every repeated quarter: what disappears was thrown off by a repeat.
    changed = {id(r): _without_quarter(r, rep.quarter) for rep in repeats for r in rep.rows}
    without = rerun(replace(report, roots=_rebuilt(report.roots, changed)))
    still = {finding_key(f) for f in walk(without)}
    owner: dict[int, _Repeat] = {}
    for rep in repeats:
        for r in rep.rows:
            owner[id(r)] = rep
    taken: dict[int, list[tuple[int, Placed]]] = {id(rep): [] for rep in repeats}
    rest: list[tuple[int, Placed]] = []
    for position, item in numbered:
        found = _owner(item, owner, tree, repeats)
        if found is not None and item.finding.code in _CONSEQUENCE_CODES and finding_key(item.finding) not in still:
            taken[id(found)].append((position, item))
        else:
            rest.append((position, item))
    causes = []
    for repeat in repeats:
        consequences = taken[id(repeat)]
        if not consequences:  # a repeat that throws nothing off (a fixed quarterly payment) is no finding
            continue
        lowest = repeat.rows[-1]
        indicator = lowest.indicators[0] if lowest.indicators else None
        value = indicator.quarters[repeat.quarter] if indicator else None
        cause = Finding(
            Code.QUARTER_REPEATED,
            row=lowest.name,
            indicator=indicator.name if indicator else None,
            column=str(8 + repeat.quarter),
            measure="Rp",
            values={
                "quarter": QUARTER_NAMES[repeat.quarter],
                "source": QUARTER_NAMES[repeat.source],
                "budget": repeat.amount,
                "value": value,
                "unit": indicator.unit if indicator and value is not None else None,
                "rows": len(repeat.rows),
            },
            other_rows=tuple(r.name for r in repeat.rows[:-1]),
            consequences=tuple(f for _p, f in _merge_carried(sorted(consequences, key=lambda c: c[0]), tree)),
        )
        causes.append((min(p for p, _i in consequences), cause))
    rest.sort(key=lambda item: item[0])
    return causes, rest


def _owner(item: Placed, owner: Mapping[int, _Repeat], tree: Tree, repeats: Sequence[_Repeat]) -> _Repeat | None:
    """The repeat a finding can be a consequence of: the one on its row or on a row below it; a
    report-level finding belongs to the first repeat."""
    if item.row is None:
        return repeats[0]
    if id(item.row) in owner:
        return owner[id(item.row)]
    for rep in repeats:  # a parent above the repeat's rows (its Rp sums them)
        if any(a is item.row for a in tree.ancestors(rep.rows[0])):
            return rep
    return None


# -- a figure carried up unchanged ------------------------------------------------------------------
def _signature(finding: Finding) -> tuple[object, ...] | None:
    """What must be equal for two findings to be one carried figure; ``None``: never merged (a finding
    without numbers, such as a missing target, is each row's own)."""
    if not finding.values:
        return None
    values = tuple(sorted((k, str(v)) for k, v in finding.values.items()))
    return (finding.code, finding.column, finding.measure, values)


def _merge_carried(numbered: Iterable[tuple[int, Placed]], tree: Tree) -> list[tuple[int, Finding]]:
    """Findings equal to their parent row's merged into one, on the lowest row, naming the others."""
    return [(position, item.finding) for position, item in _merge_carried_placed(numbered, tree)]


def _merge_carried_placed(numbered: Iterable[tuple[int, Placed]], tree: Tree) -> list[tuple[int, Placed]]:
    """``_merge_carried``, each merged finding kept with its (lowest) row."""
    items = list(numbered)
    by_row: dict[tuple[int, tuple[object, ...]], int] = {}
    for index, (_position, item) in enumerate(items):
        signature = _signature(item.finding)
        if item.row is not None and signature is not None:
            by_row.setdefault((id(item.row), signature), index)
    # Union each finding with the same finding on its parent row.
    head = list(range(len(items)))

    def find(i: int) -> int:
        while head[i] != i:
            head[i] = head[head[i]]
            i = head[i]
        return i

    for index, (_position, item) in enumerate(items):
        signature = _signature(item.finding)
        if item.row is None or signature is None:
            continue
        parent = tree.parent.get(id(item.row))
        if parent is not None and (id(parent), signature) in by_row:
            head[find(index)] = find(by_row[(id(parent), signature)])
    members: dict[int, list[int]] = {}
    for index in range(len(items)):
        members.setdefault(find(index), []).append(index)
    out = []
    for group_indexes in members.values():
        if len(group_indexes) == 1:
            out.append(items[group_indexes[0]])
            continue
        rows = [items[i][1] for i in group_indexes]  # tree order, top-down
        lowest = max(rows, key=lambda p: tree.depth.get(id(p.row), 0))
        others = tuple(p.row.name for p in rows if p is not lowest and p.row is not None)
        finding = replace(lowest.finding, other_rows=(*others, *lowest.finding.other_rows))
        out.append((min(items[i][0] for i in group_indexes), Placed(finding, lowest.row)))
    out.sort(key=lambda item: item[0])
    return out


# -- a Renstra funding below the Renja's pagu -------------------------------------------------------
def _divides_by_renstra_funding(finding: Finding) -> bool:
    return finding.code is Code.ACHIEVEMENT_DIFFERS and finding.column == "14" and finding.measure == "Rp"


def _renstra_funding(numbered: Sequence[tuple[int, Placed]]) -> list[tuple[int, Finding]]:
    """A printed column 14 Rp contradicting the one computed from a Renstra funding below the pagu, on
    the same row (after carried figures are merged: the same rows), listed under that funding's finding."""
    funding = {
        id(item.row): index
        for index, (_position, item) in enumerate(numbered)
        if item.row is not None and item.finding.code is Code.RENJA_EXCEEDS_RENSTRA
    }
    taken: dict[int, list[Finding]] = {}
    for _position, item in numbered:
        if item.row is not None and id(item.row) in funding and _divides_by_renstra_funding(item.finding):
            taken.setdefault(funding[id(item.row)], []).append(item.finding)
    out = []
    for index, (position, item) in enumerate(numbered):
        finding = item.finding
        if item.row is not None and id(item.row) in funding and _divides_by_renstra_funding(finding):
            continue
        if index in taken:
            finding = replace(finding, consequences=(*finding.consequences, *taken[index]))
        out.append((position, finding))
    return out
