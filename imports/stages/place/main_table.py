"""Reading the lines of the E.81 table: texts (No, Kode, names, indicator) and figures per form column.

A line whose cells sit under the header's own columns is read by position (*grid*); any other line
is read as a sequence of groups placed by ``imports.stages.place.placement`` (*sequence*).  Either way a line
ends up with ``chosen``: form column -> ``Group``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from imports.cells import Convention, Kind, Token, cell_text, not_a_number, tokenize
from imports.problems import Problems
from imports.stages.locate.layout import MainHeader
from imports.stages.place.placement import (
    Assignment,
    Group,
    Reference,
    candidates,
    group_tokens,
    near_best,
    reference_of,
)

_PART_WIDTHS = (1, 2, 2, 1, 2, 4)  # urusan, bidang, program, level, kegiatan, sub kegiatan (2022 on)
CODE = re.compile(r"^(\d|X)\.(\d{2}|XX)(\.\d{2}(\.\d(\.\d{2}(\.\d{2,4})?)?)?)?$")
NEAREST = 8  # reference rows consulted per line: the nearest ones in the same block
_NO = re.compile(r"^(\d{1,3}|[ivxIVX]{1,5}|[a-zA-Z])\.?$")


@dataclass
class Line:
    sheet: str
    row: int
    block: int
    no: str = ""
    code: str = ""
    objective: str = ""
    name: str = ""
    indicator: str = ""
    unit: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    groups: list[Group] = field(default_factory=list)
    options: list[tuple[float, Assignment]] = field(default_factory=list)
    chosen: Assignment = field(default_factory=dict)
    grid: bool = False
    text_columns: dict[str, int] = field(default_factory=dict)

    @property
    def has_rp(self) -> bool:
        return any(g.rp is not None for g in self.chosen.values()) or any(g.rp is not None for g in self.groups)

    @property
    def is_lone_indicator(self) -> bool:
        return bool(self.indicator) and not self.name and not self.objective

    def column_of(self, measure: str, sub: str) -> int | None:
        group = self.chosen.get(measure)
        if group is None:
            return None
        token = group.k if sub == "K" else group.rp
        return token.column if token is not None else None


def _slots(header: MainHeader) -> list[str]:
    from imports.stages.locate.layout import MEASURES

    return [m for m in MEASURES if m in header.measures]


def header_reference(header: MainHeader, offset: int = 0) -> Reference:
    return Reference(
        {
            m: (
                subs["K"] + offset if "K" in subs else None,
                subs["Rp"] + offset if "Rp" in subs else None,
            )
            for m, subs in header.measures.items()
        }
    )


def _fits_grid(tokens: list[Token], header: MainHeader) -> bool:
    """Every figure sits in a column of the header of a kind that column can hold."""
    for token in tokens:
        role = header.roles.get(token.column)
        if role in ("helper", "ignore"):
            continue  # the sheet's own ratios ("Kinerja", "Keuangan"): known, not read
        if role in (None, "value"):
            found = header.measure_at(token.column)
            if found is None:
                return False
            _measure, sub = found
            if sub == "U" and token.kind is not Kind.UNIT:
                return False
            if sub == "Rp" and token.kind not in (Kind.NUMBER, Kind.DASH, Kind.PERCENT):
                return False
        elif role in ("name", "indicator", "objective") and token.kind not in (Kind.TEXT, Kind.UNIT):
            return False
        elif role in ("no", "code", "code_part") and token.kind is Kind.TEXT and len(token.text) > 20:
            return False
    return True


def _scaled(tokens: list[Token], header: MainHeader) -> list[Token]:
    """Budgets printed in thousands ("Rp (000)"): every Rp figure times the scale."""
    rp_columns = {subs["Rp"] for subs in header.measures.values() if "Rp" in subs}
    out = []
    for t in tokens:
        if t.column in rp_columns and t.value is not None and t.kind is not Kind.PERCENT:
            t = Token(t.column, t.kind, t.text, t.value * header.rp_scale, t.unit, t.grouped, t.problem)
        out.append(t)
    return out


def read_lines(
    sheet: str,
    rows: list[tuple[int, list[Any]]],
    header: MainHeader,
    convention: Convention,
    problems: Problems,
    *,
    grid_only: bool = False,
) -> list[Line]:
    """The table's lines in order, with their figures placed (families not yet settled).

    ``grid_only``: every line is read by position, never as a shifted sequence (two sheets joined side by
    side: a K and its Rp are a sheet apart, so cells cannot be regrouped by adjacency; a figure under no
    header column is left for the reconcile stage to name)."""
    lines: list[Line] = []
    block = 0
    blank_before = False
    first_value = header.first_value_column
    # the header's text columns, in the header's order (a grid line looks at these cells only)
    text_roles = [(col, role) for col, role in header.roles.items() if role not in ("value", "helper", "ignore")]
    for number, cells in rows:
        if number <= header.last_row:
            continue
        tokens = [tokenize(c, i + 1, convention) for i, c in enumerate(cells) if c is not None and c != ""]
        tokens = [t for t in tokens if t.kind is not Kind.BLANK]
        if not tokens:
            blank_before = True
            continue
        if header.rp_scale != 1:
            tokens = _scaled(tokens, header)
        if blank_before:
            block += 1
            blank_before = False
        line = Line(sheet=sheet, row=number, block=block)
        if grid_only or _fits_grid(tokens, header):
            _read_grid(line, cells, tokens, header, problems, text_roles)
        else:
            _read_sequence(line, tokens, header, problems, first_value)
        if not (line.name or line.indicator or line.objective or line.groups or line.chosen):
            continue
        lines.append(line)
    _place(lines, header)
    return lines


def _read_grid(
    line: Line,
    cells: list[Any],
    tokens: list[Token],
    header: MainHeader,
    problems: Problems,
    text_roles: list[tuple[int, str]],
) -> None:
    line.grid = True
    width = len(cells)
    for col, role in text_roles:
        if col > width or (cell := cells[col - 1]) is None:
            continue
        text = cell_text(cell)
        if not text:
            continue
        if role == "code_part" or (role == "code" and header.roles.get(col + 1) == "code_part"):
            if isinstance(cell, (int, float)) and text.isdigit():
                # a number cell lost the part's leading zeros: the part's width by its place in the code
                part = line.code.count(".") + 1 if line.code else 0
                text = text.zfill(_PART_WIDTHS[min(part, len(_PART_WIDTHS) - 1)])
            line.code = f"{line.code}.{text}" if line.code else text
            line.text_columns.setdefault("code", col)
            continue
        line.text_columns[role] = col
        if role == "no":
            line.no = text
        elif role == "code":
            line.code = text
        elif role == "objective":
            line.objective = text
        elif role == "name":
            line.name = text
        elif role == "indicator":
            line.indicator = text
        elif role == "unit":
            line.unit = text
        else:
            line.extra[role] = text
    _split_note(line)
    by_column = {}
    for token in tokens:
        if token.kind is Kind.TEXT and header.measure_at(token.column) is not None:
            problems.error(
                not_a_number(token),
                sheet=line.sheet,
                row=line.row,
                column=token.column,
                field=header.field_name(token.column),
            )
            continue
        by_column[token.column] = token
    chosen: Assignment = {}
    for measure, subs in header.measures.items():
        k = by_column.get(subs["K"]) if "K" in subs else None
        rp = by_column.get(subs["Rp"]) if "Rp" in subs else None
        unit = by_column.get(subs["U"]) if "U" in subs else None
        if k is not None and unit is not None and k.kind is Kind.NUMBER:
            k = Token(k.column, Kind.NUMBER_UNIT, f"{k.text} {unit.text}", k.value, unit.text)
        elif k is None and unit is not None:
            k = unit
        if k is not None and k.kind is Kind.NUMBER and line.unit:
            k = Token(k.column, Kind.NUMBER_UNIT, k.text, k.value, line.unit)
        if k is not None or rp is not None:
            chosen[measure] = Group(k, rp)
    units = {g.k.unit for g in chosen.values() if g.k is not None and g.k.kind is Kind.NUMBER_UNIT}
    for measure, group in list(chosen.items()):
        k = group.k
        if k is not None and k.kind is Kind.UNIT and k.text not in units and units:
            # a word where a figure belongs (a satuan alone would repeat the row's satuan)
            problems.error(
                f"{k.text[:40]!r} bukan angka",
                sheet=line.sheet,
                row=line.row,
                column=k.column,
                field=header.field_name(k.column),
            )
            chosen[measure] = Group(None, group.rp)
    line.chosen = chosen
    line.groups = list(chosen.values())


def _read_sequence(line: Line, tokens: list[Token], header: MainHeader, problems: Problems, first_value: int) -> None:
    texts: list[Token] = []
    values: list[Token] = []
    for token in tokens:
        if values or (texts and (token.is_value or token.problem)):
            values.append(token)  # a figure-like text that is no number ("NaN") is a bad figure, not a name
            continue
        if not texts and CODE.match(token.text) and token.text.count(".") >= 2:
            line.code = token.text
        elif not texts and not line.no and _NO.match(token.text) and token.column < first_value:
            line.no = token.text
        elif token.kind in (Kind.TEXT, Kind.UNIT) or token.column < first_value - 1:
            texts.append(token)
        else:
            values.append(token)
    names = [t.text for t in texts]
    if len(names) >= 2:
        line.indicator, line.name = names[-1], names[-2]
        line.text_columns = {"name": texts[-2].column, "indicator": texts[-1].column}
        if len(names) >= 3:
            line.objective = names[-3]
    elif names:
        line.indicator = names[0]
        line.text_columns = {"indicator": texts[0].column}
    for token in values:
        if token.kind is Kind.TEXT:
            message = token.problem or f"teks {token.text[:40]!r} di tempat angka"
            field = header.field_name(token.column) if header.measure_at(token.column) else ""
            problems.error(message, sheet=line.sheet, row=line.row, column=token.column, field=field)
    first = next((t for t in values if t.kind is not Kind.TEXT), None)
    origin = None
    if first is not None:
        from imports.stages.place.placement import rp_like

        origin = first.column - 1 if rp_like(first) else first.column
    groups, notes = group_tokens([t for t in values if t.kind is not Kind.TEXT], origin)
    for note in notes:
        problems.warning(note, sheet=line.sheet, row=line.row)
    line.groups = groups


def _place(lines: list[Line], header: MainHeader) -> None:
    """Choose each sequence line's placements: reference rows are those of the same block whose every
    column is filled, plus the header grid shifted to the line's first figure."""
    slots = _slots(header)
    repeats = "6" not in header.measures
    references: dict[int, list[tuple[int, Reference]]] = {}
    for line in lines:
        if line.grid or not line.groups:
            continue
        full = len(line.groups) == len(slots) or (
            len(line.groups) == len(slots) - 1 and "14" in slots and not line.groups[-1].ratio_only
        )
        exact = _header_exact(line, header)
        if full or exact is not None:
            assignment = exact or dict(
                zip([s for s in slots if s != "14" or len(line.groups) == len(slots)], line.groups, strict=False)
            )
            references.setdefault(line.block, []).append((line.row, reference_of(assignment)))
    for line in lines:
        if line.grid:
            continue
        if not line.groups:
            line.options = [(0.0, {})]
            continue
        first = line.groups[0]
        offset = 0
        if "5" in header.measures:
            at = header.measures["5"]
            if first.k is not None and "K" in at:
                offset = first.k.column - at["K"]
            elif first.rp is not None and "Rp" in at:
                offset = first.rp.column - at["Rp"]
        nearby = sorted(references.get(line.block, []), key=lambda r: abs(r[0] - line.row))[:NEAREST]
        refs = [*(r for _row, r in nearby), header_reference(header, offset)]
        line.options = near_best(candidates(line.groups, slots, refs, thirteen_repeats=repeats))
        line.chosen = line.options[0][1] if line.options else {}


def _header_exact(line: Line, header: MainHeader) -> Assignment | None:
    """The placement when every group sits exactly under a header column (in order)."""
    out: Assignment = {}
    for group in line.groups:
        found = None
        if group.k is not None:
            found = header.measure_at(group.k.column)
            if found and found[1] != "K":
                found = None
        elif group.rp is not None:
            found = header.measure_at(group.rp.column)
            if found and found[1] != "Rp":
                found = None
        if found is None or found[0] in out:
            return None
        out[found[0]] = group
    return out


_NOTE_KEYS = {"pendorong": "drivers", "penghambat": "obstacles", "sumber dana": "funding"}


def _split_note(line: Line) -> None:
    """A Keterangan cell written as "Pendorong: ...", "Penghambat: ...", "Sumber dana: ..." lines (this
    project's export) fills those fields; anything else stays a note."""
    note = line.extra.get("note", "")
    if not note:
        return
    rest = []
    for part in note.splitlines():
        key, sep, value = part.partition(":")
        role = _NOTE_KEYS.get(key.strip().lower())
        if sep and role and value.strip():
            line.extra.setdefault(role, value.strip())
        elif part.strip():
            rest.append(part)
    line.extra["note"] = "\n".join(rest)
