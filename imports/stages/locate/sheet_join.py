"""Performance and budget on two sheets of one workbook (issue 9): one E.81 table, joined row by row.

Some pemda split the form in two: one sheet with the K of every measure ("Isian Kinerja", "Kinerja",
"Realisasi Fisik", ...), another with the Rp ("Isian Keuangan", "Keuangan", "Realisasi Keuangan", ...),
both repeating the Kode and/or the names.  The sheets are told apart by their header, never by their
names: one K/Rp row says only ``K``, the other only ``Rp``.

The join is a *grid*: the performance sheet's rows, each followed (to the right of its last column) by
the value columns of the same row of the budget sheet.  The later stages read it as one sheet; every
place they name is translated back through ``JoinedSheets.where`` (a column right of ``width`` is the
budget sheet's, on its own row), so a problem, an unplaced cell or a mapping column names the sheet
and the cell it really is.

The rows are joined only when they are the same rows: the same Kode and/or names (the text columns
both sheets have) on each joined pair, in the same order.  With a Kode column on both sheets and every
row's Kode and names distinct, a budget sheet in another order is joined by them (and said); anything
else that does not match -- a row missing from one sheet, an extra row, names that differ -- is refused
naming the sheet and the row where the two part.  Never joined wrongly, never shifted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from imports.cells import cell_text
from imports.problems import Problem, Problems
from imports.stages.locate.layout import MainHeader, Section, norm

KEY_ROLES = ("code", "objective", "name", "indicator")  # the texts that say which row a row is
_ROLE_WORDS = {"code": "Kode", "objective": "Sasaran", "name": "nama", "indicator": "indikator"}


@dataclass(frozen=True)
class Part:
    """One of the two sheets: its name, its header, its table section and its rows."""

    sheet: str
    header: MainHeader
    section: Section
    rows: list[list[Any]]


@dataclass
class JoinedSheets:
    """Where each column and row of the joined grid really is."""

    performance: str  # the K sheet: columns 1 .. width, rows as they are
    budget: str  # the Rp sheet: columns right of width, on the row ``rows`` gives
    width: int  # the last column of the performance sheet in the grid
    offset: int  # grid column - offset = the budget sheet's column
    rows: dict[int, int] = field(default_factory=dict)  # performance row -> the budget sheet's row
    grid: list[list[Any]] = field(default_factory=list)  # the joined rows (0-based, as ``Sheet.rows``)
    reordered: bool = False  # the budget rows were paired by Kode and names, not by order

    def is_budget(self, column: int | None) -> bool:
        return column is not None and column > self.width

    def where(self, row: int | None, column: int | None) -> tuple[str, int | None, int | None]:
        """(sheet, row, column) of a grid place; a place with no column stays on the performance sheet."""
        if column is None or column <= self.width:
            return self.performance, row, column
        return self.budget, self.rows.get(row, row) if row is not None else None, column - self.offset

    def problem(self, problem: Problem) -> Problem:
        """``problem`` naming the sheet, row and column its grid place really is."""
        if problem.sheet != self.performance or not self.is_budget(problem.column):
            return problem
        sheet, row, column = self.where(problem.row, problem.column)
        return Problem(problem.message, sheet, row, column, problem.field, problem.severity)

    def letter(self, column: int) -> str:
        """``"Isian Keuangan!E"`` for a budget column, ``"E"`` for a performance one."""
        from imports.problems import column_letter

        sheet, _row, own = self.where(None, column)
        return f"{sheet}!{column_letter(own or column)}" if self.is_budget(column) else column_letter(column)


def subs_of(header: MainHeader) -> set[str]:
    """The figure kinds the header has: {"K"}, {"Rp"}, {"K", "Rp"} (a satuan column counts as K)."""
    return {"K" if sub == "U" else sub for subs in header.measures.values() for sub in subs}


def complementary(first: MainHeader, second: MainHeader) -> bool:
    """One header has only K, the other only Rp."""
    return {frozenset(subs_of(first)), frozenset(subs_of(second))} == {frozenset({"K"}), frozenset({"Rp"})}


def join_sheets(first: Part, second: Part, problems: Problems) -> tuple[MainHeader, Section, JoinedSheets] | None:
    """The two partial tables as one: the joined header, section and grid; None (and an error naming the
    sheet and row) when their rows are not the same rows."""
    performance, budget = (first, second) if subs_of(first.header) == {"K"} else (second, first)
    shared = [r for r in KEY_ROLES if performance.header.column_of(r) and budget.header.column_of(r)]
    if not shared:
        problems.error(
            f"sheet {performance.sheet!r} (K) dan sheet {budget.sheet!r} (Rp) tidak punya kolom Kode atau nama "
            "yang sama: barisnya tidak dapat dicocokkan; ulangi kolom Kode atau Program/Kegiatan di kedua sheet",
            sheet=budget.sheet,
            row=budget.header.row,
        )
        return None
    shown: dict[tuple[str, int], tuple[str, ...]] = {}  # (sheet, row) -> its Kode and names as written
    p_rows = _keyed(performance, shared, shown)
    b_rows = _keyed(budget, shared, shown)
    pairs = _pairs(performance, budget, p_rows, b_rows, shared, shown, problems)
    if pairs is None:
        return None
    pairs_by_row, reordered = pairs
    width = max((len(r) for r in performance.rows[performance.header.row - 1 : _last_row(performance)]), default=0)
    width = max(width, performance.header.last_value_column)
    first_budget = _first_budget_column(budget.header)
    offset = width - (first_budget - 1)
    join = JoinedSheets(performance.sheet, budget.sheet, width, offset, reordered=reordered)
    header_rows = _header_rows(performance.header, budget.header)
    join.rows = {**header_rows, **pairs_by_row}
    for index, row in enumerate(performance.rows):
        number = index + 1
        cells = list(row) + [None] * (width - len(row))
        other = join.rows.get(number)
        if other is not None and other - 1 < len(budget.rows):
            cells += list(budget.rows[other - 1][first_budget - 1 :])
        join.grid.append(cells)
    header = _joined_header(performance.header, budget.header, offset, first_budget, join)
    section = Section(
        performance.section.anchor,
        performance.sheet,
        performance.section.header_row,
        join.grid[performance.section.header_row - 1],
        [(n, join.grid[n - 1]) for n, _cells in performance.section.rows],
    )
    if reordered:
        problems.info(
            f"baris sheet {budget.sheet!r} berurutan lain dari sheet {performance.sheet!r}: dipasangkan menurut "
            f"Kode dan nama ({len(pairs_by_row)} baris)",
            sheet=budget.sheet,
        )
    problems.info(
        f"kinerja (K) dari sheet {performance.sheet!r}, anggaran (Rp) dari sheet {budget.sheet!r}: "
        f"{len(pairs_by_row)} baris dipasangkan ({_roles_text(shared)} sama)",
        sheet=performance.sheet,
    )
    return header, section, join


# -- the rows' keys -----------------------------------------------------------------------------


def _last_row(part: Part) -> int:
    return max((n for n, _c in part.section.rows), default=part.header.last_row)


def _keyed(
    part: Part, roles: list[str], shown: dict[tuple[str, int], tuple[str, ...]]
) -> list[tuple[int, tuple[str, ...]]]:
    """(row, key) of every non-blank row under the header: the rows to be joined.  The key is the row's
    Kode (its parts joined) and names folded (case and spaces), so "Program  UMKM" and "program UMKM" are
    one row; ``shown`` gets them as written, for the messages."""
    header = part.header
    columns = [
        sorted(c for c, r in header.roles.items() if r == role or (role == "code" and r == "code_part"))
        for role in roles
    ]
    out = []
    for number, cells in part.section.rows:
        if number <= header.last_row or all(c is None or c == "" for c in cells):
            continue
        texts = tuple(
            ".".join(t for c in cols if c - 1 < len(cells) and (t := cell_text(cells[c - 1]))) for cols in columns
        )
        if not any(texts) and not any(cell_text(c) for c in cells):
            continue  # only spaces
        shown[(part.sheet, number)] = texts
        out.append((number, tuple(norm(t) for t in texts)))
    return out


def _roles_text(roles: list[str]) -> str:
    """ "Kode, nama dan indikator"."""
    words = [_ROLE_WORDS[r] for r in roles]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} dan {words[-1]}"


def _describe(key: tuple[str, ...], roles: list[str]) -> str:
    shown = [f"{_ROLE_WORDS[r]} {k[:50]!r}" for r, k in zip(roles, key, strict=True) if k]
    return ", ".join(shown) or "tanpa Kode dan nama"


def _pairs(
    performance: Part,
    budget: Part,
    p_rows: list[tuple[int, tuple[str, ...]]],
    b_rows: list[tuple[int, tuple[str, ...]]],
    roles: list[str],
    shown: dict[tuple[str, int], tuple[str, ...]],
    problems: Problems,
) -> tuple[dict[int, int], bool] | None:
    """performance row -> budget row, and whether they were paired by key rather than by order."""
    p_keys, b_keys = [k for _r, k in p_rows], [k for _r, k in b_rows]
    if p_keys == b_keys:
        return {p: b for (p, _k), (b, _l) in zip(p_rows, b_rows, strict=True)}, False
    unique = len(set(p_keys)) == len(p_keys) and len(set(b_keys)) == len(b_keys)
    if "code" in roles and unique and Counter(p_keys) == Counter(b_keys):
        by_key = {k: r for r, k in b_rows}
        return {p: by_key[k] for p, k in p_rows}, True

    def describe(sheet: str, row: int) -> str:
        return _describe(shown[(sheet, row)], roles)

    index = next(i for i, (a, b) in enumerate(zip([*p_keys, None], [*b_keys, None], strict=False)) if a != b)
    tail = (
        f"kedua sheet harus memuat baris yang sama ({_roles_text(roles)} sama) dalam urutan "
        "yang sama; berkas tidak disimpan"
    )
    p_at = p_rows[index] if index < len(p_rows) else None
    b_at = b_rows[index] if index < len(b_rows) else None
    b_set, p_set = set(b_keys), set(p_keys)
    if p_at is not None and p_at[1] not in b_set:
        where = f"; di sana baris {b_at[0]} berisi {describe(budget.sheet, b_at[0])}" if b_at else ""
        message = (
            f"baris ini ({describe(performance.sheet, p_at[0])}) tidak ada di sheet {budget.sheet!r}{where}: baris di kedua "
            f"sheet berpisah di sini; {tail}"
        )
        problems.error(message, sheet=performance.sheet, row=p_at[0])
    elif b_at is not None and b_at[1] not in p_set:
        where = f"; di sana baris {p_at[0]} berisi {describe(performance.sheet, p_at[0])}" if p_at else ""
        message = (
            f"baris ini ({describe(budget.sheet, b_at[0])}) tidak ada di sheet {performance.sheet!r}{where}: baris di "
            f"kedua sheet berpisah di sini; {tail}"
        )
        problems.error(message, sheet=budget.sheet, row=b_at[0])
    else:
        assert p_at is not None and b_at is not None  # the same keys, counted differently or in another order
        why = (
            "urutan baris berbeda"
            if Counter(p_keys) == Counter(b_keys)
            else "jumlah baris dengan Kode dan nama yang sama berbeda"
        )
        hint = "" if "code" in roles else "; dengan kolom Kode di kedua sheet baris dapat dipasangkan menurut Kode"
        problems.error(
            f"{why}: baris ini ({describe(budget.sheet, b_at[0])}) berhadapan dengan baris {p_at[0]} sheet "
            f"{performance.sheet!r} ({describe(performance.sheet, p_at[0])}){hint}; {tail}",
            sheet=budget.sheet,
            row=b_at[0],
        )
    return None


def _first_budget_column(header: MainHeader) -> int:
    """The budget sheet's first column after its text columns (No, Kode, names, ...): from there on every
    column goes into the grid, an unknown one too, so that the reconcile stage accounts for its numbers."""
    first_value = header.first_value_column
    texts = [c for c, role in header.roles.items() if role != "value" and c < first_value]
    return max(texts) + 1 if texts else first_value


# -- the joined header ----------------------------------------------------------------------------


def _header_rows(performance: MainHeader, budget: MainHeader) -> dict[int, int]:
    """The header rows side by side: the top rows, then the label rows under them in order."""
    count = min(performance.last_row - performance.row, budget.last_row - budget.row) + 1
    return {performance.row + i: budget.row + i for i in range(count)}


def _joined_header(
    performance: MainHeader, budget: MainHeader, offset: int, first_budget: int, join: JoinedSheets
) -> MainHeader:
    header = MainHeader(sheet=performance.sheet, row=performance.row, last_row=performance.last_row)
    header.roles = dict(performance.roles)
    header.how = dict(performance.how)
    header.measures = {m: dict(s) for m, s in performance.measures.items()}
    for col, role in budget.roles.items():
        if col >= first_budget:
            header.roles[col + offset] = role
            if col in budget.how:
                header.how[col + offset] = budget.how[col]
    for measure, subs in budget.measures.items():
        for sub, col in subs.items():
            header.measures.setdefault(measure, {}).setdefault(sub, col + offset)
    header.rp_scale = budget.rp_scale
    header.notes = [*performance.notes, *(f"sheet {budget.sheet!r}: {n}" for n in budget.notes)]
    header.near_label = performance.near_label
    header.near_texts = performance.near_texts
    header.label_rows = [
        [cell_text(c) for c in join.grid[performance.row - 1 + i]]
        for i in range(performance.last_row - performance.row + 1)
    ]
    header._index = None
    return header
