"""Placing the figures of a row whose cells are shifted: groups of (K, satuan, Rp) to the E.81 columns.

Hand-made sheets (the seed among them) shift cells irregularly from row to row, so a figure's column
letter does not say which column of the form it belongs to.  A row is read instead as a sequence of
*groups*, each a K figure with its satuan and the Rp beside it.  The groups are placed, in order, on
the form's columns (5, 6, 7, I-IV, 12, 12/7, 13, 14) by

1. position: how far each group sits from where the same column sits in reference rows of the same
   block (rows whose every column is filled, and the header itself);
2. shape: a lone ratio ("26%", "51") belongs to column 14, column 13 repeats column 12 when the
   sheet has no column 6;
3. the budget: a parent's quarterly Rp must equal the sum of its children's, which settles which
   quarter a shifted group is (``choose_family``).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from imports.cells import Kind, Token

RATIO_SLOTS = ("14", "12/7")
TAIL_SLOTS = ("12", "13")
Assignment = dict[str, "Group"]


@dataclass(frozen=True)
class Group:
    """One form column's figures in a row: K (with satuan) and Rp, either possibly missing."""

    k: Token | None = None
    rp: Token | None = None

    @property
    def unit(self) -> str:
        return self.k.unit if self.k is not None else ""

    @property
    def k_value(self) -> Decimal | None:
        return self.k.value if self.k is not None and self.k.kind is not Kind.UNIT else None

    @property
    def rp_value(self) -> Decimal | None:
        return self.rp.value if self.rp is not None else None

    @property
    def first_column(self) -> int:
        return (self.k or self.rp).column  # type: ignore[union-attr]

    @property
    def ratio_only(self) -> bool:
        """A lone printed ratio: "26%", or a bare number with no satuan and no Rp."""
        if self.rp is not None or self.k is None:
            return False
        return self.k.kind is Kind.PERCENT or (self.k.kind is Kind.NUMBER and not self.k.grouped)

    def same_as(self, other: Group) -> bool:
        """Equal wherever both print a figure (column 13 repeating column 12)."""
        pairs = [(self.k_value, other.k_value), (self.rp_value, other.rp_value)]
        both = [(a, b) for a, b in pairs if a is not None and b is not None]
        return bool(both) and all(a == b for a, b in both)


@dataclass(frozen=True)
class Reference:
    """Where each form column sits in a reference row: slot -> (K column, Rp column)."""

    columns: dict[str, tuple[int | None, int | None]]


def rp_like(token: Token) -> bool:
    return token.kind is Kind.NUMBER and (token.grouped or abs(token.value or 0) >= 100_000)


def group_tokens(tokens: Sequence[Token], k_origin: int | None, stride: int = 2) -> tuple[list[Group], list[str]]:
    """Cut a row's value cells into groups; notes say what was dropped.

    ``k_origin`` is a column where a K figure sits in this row (from the header grid); a lone "-"
    on the K side of it is K = 0, on the Rp side Rp = 0.
    """
    merged: list[Token] = []
    notes: list[str] = []
    index = 0
    items = [t for t in tokens if t.kind is not Kind.BLANK]
    while index < len(items):
        token = items[index]
        nxt = items[index + 1] if index + 1 < len(items) else None
        if (
            token.kind in (Kind.NUMBER, Kind.DASH)
            and not (token.kind is Kind.NUMBER and token.grouped)
            and nxt is not None
            and nxt.kind is Kind.UNIT
            and nxt.column == token.column + 1
        ):  # "540 | UM": K and satuan in two cells
            merged.append(Token(token.column, Kind.NUMBER_UNIT, f"{token.text} {nxt.text}", token.value, nxt.unit))
            index += 2
            continue
        if (
            merged
            and token.kind is Kind.NUMBER_UNIT
            and merged[-1].kind is Kind.NUMBER_UNIT
            and merged[-1].column == token.column - 1
            and merged[-1].text == token.text
        ):
            notes.append(f"kolom {token.column}: {token.text!r} tercetak dua kali berdampingan; dibaca sekali")
            index += 1
            continue
        merged.append(token)
        index += 1

    groups: list[Group] = []
    k: Token | None = None
    rp: Token | None = None

    def close() -> None:
        nonlocal k, rp
        if k is not None or rp is not None:
            groups.append(Group(k, rp))
        k, rp = None, None

    for token in merged:
        open_k = k is not None and rp is None and token.column - k.column <= stride + 1
        if token.kind in (Kind.NUMBER_UNIT, Kind.UNIT, Kind.PERCENT):
            close()
            k = token
            if token.kind is Kind.PERCENT:
                close()
        elif token.kind is Kind.NUMBER:
            if open_k or (rp_like(token) and k is None and rp is None):
                rp = token
                close()
            elif rp_like(token):
                close()
                rp = token
                close()
            else:
                close()
                k = token
        elif token.kind is Kind.DASH:
            if open_k:
                rp = token
                close()
            else:
                close()
                on_k_side = k_origin is None or (token.column - k_origin) % stride == 0
                if on_k_side:
                    k = token
                else:
                    rp = token
                    close()
        else:  # text among the figures: the caller reports it
            close()
    close()
    return groups, notes


def reference_of(assignment: Assignment) -> Reference:
    return Reference(
        {slot: (g.k.column if g.k else None, g.rp.column if g.rp else None) for slot, g in assignment.items()}
    )


def _distance(group: Group, at: tuple[int | None, int | None]) -> float | None:
    k_col, rp_col = at
    if group.k is not None and k_col is not None:
        return abs(group.k.column - k_col)
    if group.rp is not None and rp_col is not None:
        return abs(group.rp.column - rp_col)
    if group.k is not None and rp_col is not None:
        return abs(group.k.column - (rp_col - 1))
    if group.rp is not None and k_col is not None:
        return abs(group.rp.column - (k_col + 1))
    return None


def _cost(group: Group, slot: str, references: Sequence[Reference]) -> float:
    distances = [d for r in references if slot in r.columns and (d := _distance(group, r.columns[slot])) is not None]
    cost = min(distances) if distances else 6.0
    if slot in RATIO_SLOTS:
        if (group.rp is not None and rp_like(group.rp)) or group.unit not in ("", "%"):
            cost += 100
    elif group.ratio_only:
        cost += 3
    return cost


def candidates(
    groups: Sequence[Group], slots: Sequence[str], references: Sequence[Reference], *, thirteen_repeats: bool
) -> list[tuple[float, Assignment]]:
    """Every order-keeping placement of ``groups`` on ``slots``, best first (cost, then earliest)."""
    if not groups:
        return [(0.0, {})]
    if len(groups) > len(slots):
        return []
    costs = [[_cost(g, s, references) for s in slots] for g in groups]
    out: list[tuple[float, tuple[int, ...]]] = []
    for combo in itertools.combinations(range(len(slots)), len(groups)):
        total = sum(costs[i][j] for i, j in enumerate(combo))
        used = {slots[j] for j in combo}
        last = max(combo)
        for tail in TAIL_SLOTS:
            if tail in slots and tail not in used and slots.index(tail) < last:
                total += 0.5
        if thirteen_repeats and "12" in used and "13" in used:
            twelve = groups[combo.index(slots.index("12"))]
            thirteen = groups[combo.index(slots.index("13"))]
            total += -1 if twelve.same_as(thirteen) else 0.5
        out.append((total, combo))
    out.sort(key=lambda item: (item[0], item[1]))
    return [(cost, {slots[j]: groups[i] for i, j in enumerate(combo)}) for cost, combo in out]


def near_best(
    options: list[tuple[float, Assignment]], slack: float = 1.5, limit: int = 12
) -> list[tuple[float, Assignment]]:
    if not options:
        return []
    best = options[0][0]
    return [o for o in options if o[0] <= best + slack][:limit]


QUARTER_SLOTS = ("q1", "q2", "q3", "q4")
# One quarter whose Rp agrees with the family outweighs a group sitting one column further from its
# reference position, but not a misplaced column 12 / 13 (which costs 1.5).
AGREEMENT_WEIGHT = 1.2


def quarter_rp(assignment: Assignment) -> list[Decimal | None]:
    return [assignment[q].rp_value if q in assignment else None for q in QUARTER_SLOTS]


def consistency(parent: Assignment, children: Sequence[Assignment]) -> int:
    """+1 for each quarter where the parent's Rp equals its children's sum, -1 where it differs."""
    score = 0
    own = quarter_rp(parent)
    parts = [quarter_rp(c) for c in children]
    for q in range(4):
        present = [p[q] for p in parts if p[q] is not None]
        if own[q] is None or not present:
            continue
        score += 1 if sum(present, Decimal(0)) == own[q] else -1
    return score


def choose_family(
    parent_options: list[tuple[float, Assignment]], children_options: list[list[tuple[float, Assignment]]]
) -> tuple[int, list[int]]:
    """Indices of the parent's and each child's chosen placement: the budget agreeing best, then the
    nearest positions, then the earliest quarters."""
    best_key: tuple[float, float, tuple[int, ...]] | None = None
    # key: position cost less the weighted budget agreement, then the cost alone, then the order
    best: tuple[int, list[int]] = (0, [0] * len(children_options))
    ambiguous = [i for i, opts in enumerate(children_options) if len(opts) > 1]
    size = 1
    for i in ambiguous:
        size *= len(children_options[i])
    if size > 5_000:  # too many to try together: each child on its own position, the parent alone
        ambiguous = []
    combos = itertools.product(*[range(len(children_options[i])) for i in ambiguous])
    choices = list(combos)
    for p_index, (p_cost, parent) in enumerate(parent_options[:6]):
        for combo in choices:
            picked = [0] * len(children_options)
            for i, c in zip(ambiguous, combo, strict=True):
                picked[i] = c
            chosen = [children_options[i][picked[i]] for i in range(len(children_options))]
            score = consistency(parent, [a for _c, a in chosen])
            cost = p_cost + sum(c for c, _a in chosen)
            key = (cost - AGREEMENT_WEIGHT * score, cost, (p_index, *picked))
            if best_key is None or key < best_key:
                best_key, best = key, (p_index, picked)
    return best
