"""Finding the parts of an E.81 sheet by their labels, never by fixed positions.

A sheet is cut into sections at anchor rows: the main table's header, the Rencana Aksi header, the
Indikator Tujuan / Sasaran tables, the narrative table (Sumber Dana, Pendorong, Penghambat), the
average and predikat rows.  The main header's columns get roles (No, Kode, Sasaran, Program/Kegiatan,
Indikator, Satuan, ...) and measures (5, 6, 7, I-IV, 12, 12/7, 13, 14) with their K / Rp / satuan
sub-columns, from the label rows under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

from imports.cells import cell_text

QUARTERS = ("q1", "q2", "q3", "q4")
MEASURES = ("5", "6", "7", *QUARTERS, "12", "12/7", "13", "14")
ROLE_LABELS = {
    "no": "No",
    "code": "Kode",
    "objective": "Sasaran",
    "name": "Program/Kegiatan/Sub Kegiatan",
    "indicator": "Indikator",
    "unit": "Satuan",
    "funding": "Sumber Dana",
    "responsible": "PD penanggung jawab",
    "drivers": "Faktor pendorong",
    "obstacles": "Faktor penghambat",
    "note": "Keterangan",
    "aggregation": "Agregasi",
}
"""The words of a text column's role, as problems name the field (and the mapping page its meaning)."""
MEASURE_LABELS = {
    "5": "Target Renstra (5)",
    "6": "Realisasi Renstra s.d. tahun lalu (6)",
    "7": "Target Renja (7)",
    "q1": "Realisasi TW I",
    "q2": "Realisasi TW II",
    "q3": "Realisasi TW III",
    "q4": "Realisasi TW IV",
    "12": "Realisasi Renja (12)",
    "12/7": "Capaian Renja (12/7)",
    "13": "Realisasi Renstra (13)",
    "14": "Capaian Renstra (14)",
}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


class Anchor(StrEnum):
    MAIN = "main"  # the E.81 table's header
    PLAN = "plan"  # Rencana Aksi: targets per quarter
    PLAN_QUARTERS = "plan_quarters"  # "satuan | TW I | TW II | TW III" inside the Rencana Aksi table
    GOALS = "goals"  # "Indikator Tujuan" title
    OBJECTIVES = "objectives"  # "Indikator Sasaran" title
    INDICATOR_TABLE = "indicator_table"  # No | Indikator | Formulasi | Target | Realisasi | Capaian
    NARRATIVE = "narrative"  # Sumber Dana | PD penanggung jawab | Pendorong | Penghambat
    DRIVERS = "drivers"  # Pendorong | Penghambat of the whole report
    DRIVERS_TEXT = "drivers_text"  # "Faktor pendorong keberhasilan ...:" then the text
    OBSTACLES_TEXT = "obstacles_text"  # "Faktor penghambat ...:" then the text
    AGGREGATIONS = "aggregations"  # Baris | Indikator | Agregasi triwulan | Arah (this project's export)
    SIGNATURES = "signatures"  # Disusun | Dievaluasi
    AVERAGE = "average"  # Rata-rata capaian kinerja
    RATING = "rating"  # Predikat kinerja
    FOLLOW_UP = "follow_up"  # Tindak lanjut ...


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65_536)
def norm(text: str) -> str:
    return _SPACES.sub(" ", text.lower()).strip()


def texts(row: list[Any]) -> list[tuple[int, str]]:
    """(1-based column, text) of a row's non-blank cells."""
    out = []
    for index, cell in enumerate(row):
        text = cell_text(cell)
        if text:
            out.append((index + 1, text))
    return out


_KEYWORDS = re.compile(
    # "rata" and "sumber dana" narrowed to the anchors' own labels: many names and notes start so
    r"\s*(indikator|rata[-\s]+rata\s+capaian|predikat|tindak|faktor|disusun|rencana|tw |triwulan|sumber\s+dana\s*$"
    r"|penanggung|pendorong"
    r"|penghambat|perangkat daerah penanggung|unit pd|pd penanggung|opd penanggung)",
    re.I,
)


# the same keywords at the start of any cell of a row joined with NUL: one search a row instead of one
# match a cell (a NUL inside a cell could only let more rows through to the exact checks below)
_ANY_KEYWORD = re.compile(r"(?:^|\x00)" + _KEYWORDS.pattern.replace(r"\s*$", r"\s*(?:\x00|$)"), re.I)


def classify(row: list[Any]) -> Anchor | None:
    """The kind of anchor row ``row`` is, or ``None`` (most rows: checked cheaply first)."""
    if not _ANY_KEYWORD.search("\x00".join([c for c in row if isinstance(c, str)])):
        return None
    cells = [norm(t) for _c, t in texts(row)]
    if not cells:
        return None
    joined = " | ".join(cells)
    first = cells[0]
    if first.startswith("rata-rata capaian") or first.startswith("rata rata capaian"):
        return Anchor.AVERAGE
    if first.startswith("predikat"):
        return Anchor.RATING
    if first.startswith("tindak lanjut"):
        return Anchor.FOLLOW_UP
    if first.startswith("faktor pendorong"):
        return Anchor.DRIVERS_TEXT
    if first.startswith("faktor penghambat"):
        return Anchor.OBSTACLES_TEXT
    if first == "disusun" or cells[:2] == ["disusun", "dievaluasi"]:
        return Anchor.SIGNATURES
    has_indicator = any(c.startswith("indikator") for c in cells)
    if has_indicator and any(c.startswith("formulasi") for c in cells):
        return Anchor.INDICATOR_TABLE
    if has_indicator and any(c.startswith("agregasi") for c in cells):
        return Anchor.AGGREGATIONS
    if len(cells) == 1 and first.startswith("indikator tujuan"):
        return Anchor.GOALS
    if len(cells) == 1 and first.startswith("indikator sasaran"):
        return Anchor.OBJECTIVES
    if len(cells) == 1 and first.startswith("rencana aksi"):
        return Anchor.PLAN
    if has_indicator and "target" in joined and len(cells) >= 3:
        return Anchor.MAIN if "realisasi" in joined else Anchor.PLAN
    if any(re.fullmatch(r"(tw|triwulan) i", c) for c in cells) and any(
        re.fullmatch(r"(tw|triwulan) ii", c) for c in cells
    ):
        return Anchor.PLAN_QUARTERS
    if not has_indicator and any(_NARRATIVE_LABEL.match(c) for c in cells):
        return Anchor.NARRATIVE
    if cells == ["pendorong", "penghambat"]:
        return Anchor.DRIVERS
    return None


_NARRATIVE_LABEL = re.compile(r"^(sumber dana|((unit )?(perangkat daerah|pd|opd) )?penanggung jawab)$")


@dataclass
class Section:
    anchor: Anchor
    sheet: str
    header_row: int  # 1-based row of the anchor
    header_cells: list[Any] = field(default_factory=list)
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # (1-based row, cells) after the anchor


def sections(sheet_name: str, rows: list[list[Any]]) -> tuple[list[tuple[int, list[Any]]], list[Section]]:
    """The rows before the first anchor (the title block) and the sections of the sheet, in order."""
    found: list[Section] = []
    preamble: list[tuple[int, list[Any]]] = []
    current: Section | None = None
    for index, row in enumerate(rows):
        number = index + 1
        anchor = classify(row)
        if current is not None and current.anchor is Anchor.NARRATIVE and anchor is Anchor.DRIVERS:
            anchor = None  # the narrative table's own sub-header "Pendorong | Penghambat"
        if (
            current is not None
            and current.anchor is Anchor.MAIN
            and anchor is Anchor.PLAN_QUARTERS
            and len(current.rows) < 3
            and _is_label_row(row)
        ):
            anchor = None  # the main header's own "TW I | TW II ..." number row
        if current is not None and current.anchor is Anchor.PLAN and anchor is Anchor.PLAN_QUARTERS:
            current.rows.append((number, row))
            continue
        if anchor is not None:
            current = Section(anchor, sheet_name, number, row)
            found.append(current)
            if anchor in (Anchor.AVERAGE, Anchor.RATING):
                current = None
            continue
        if current is None:
            if not found:
                preamble.append((number, row))
            continue
        current.rows.append((number, row))
    return preamble, found


# -- the main header ---------------------------------------------------------------------------

# the K/Rp row's spellings of Rp: "Rp", "Rp.", "Rp (000)", "Rp. (000)", "Rp (ribuan)"; (000) is thousands
_RP_LABEL = re.compile(r"^rp\.?\s*(\((?P<scale>000|000\.000|ribu|ribuan|juta|jutaan)\))?$")
_SHORT_LABEL = re.compile(
    r"^(k|rp\.?(\s*\(.{1,10}\))?|satuan|uraian|\d{1,2}|\(\d{1,2}\)|i|ii|iii|iv|(tw|triwulan) (iv|iii|ii|i)"
    r"|\d{1,2}\s*[=/].{0,30}|\d{1,2}\s*\(.{1,5}\))$"
)
_SCALES = {"000": 1000, "ribu": 1000, "ribuan": 1000, "000.000": 1_000_000, "juta": 1_000_000, "jutaan": 1_000_000}


# columns some sheets add after the form's for their own checks ("Kinerja", "Keuangan" ratios); any
# other unknown label stays unknown (the reconcile stage refuses numbers under it: map it by hand)
_HELPER_LABEL = re.compile(r"^(kinerja|keuangan|fisik)( \(%\)| %)?$|^kolom bantu")


def sub_label(text: str) -> str | None:
    """``"k"``, ``"rp"`` or ``"satuan"`` for a K/Rp row's cell, None for anything else."""
    t = norm(text)
    if t in ("k", "satuan"):
        return t
    if _RP_LABEL.match(t):
        return "rp"
    return None


def rp_scale_of(text: str) -> int:
    """1, or 1000 for "Rp (000)": the budgets of that column are printed in thousands."""
    m = _RP_LABEL.match(norm(text))
    return _SCALES.get(m["scale"], 1) if m and m["scale"] else 1


def _is_label_row(row: list[Any]) -> bool:
    cells = [norm(t) for _c, t in texts(row)]
    return bool(cells) and all(_SHORT_LABEL.match(c) for c in cells)


def near_label_row(row: list[Any]) -> str | None:
    """For a row under the header that is almost a label row (most cells short labels): the first cell
    that is not one, so that the message names it rather than a symptom further on."""
    found = texts(row)
    cells = [(c, t) for c, t in found if not _SHORT_LABEL.match(norm(t))]
    distinct = {t for _c, t in cells}
    if len(found) >= 4 and cells and len(distinct) <= 2 and len(cells) <= len(found) // 2:
        if all(len(t) <= 20 for t in distinct):
            return cells[0][1]  # one spelling repeated under every pair: "K | Rp x 1.000 | K | ..."
    return None


def _text_role(label: str) -> str | None:
    t = norm(label)
    if t in ("no", "no.", "nomor", "no urut"):
        return "no"
    if t.startswith("kode"):
        return "code"
    if t.startswith("indikator"):
        return "indicator"
    if t.startswith("sasaran"):
        return "objective"
    if "program" in t or "kegiatan" in t:
        return "name"
    if t.startswith("satuan"):
        return "unit"
    if "sumber dana" in t:
        return "funding"
    if "penanggung jawab" in t:
        return "responsible"
    if t.startswith("pendorong"):
        return "drivers"
    if t.startswith("penghambat"):
        return "obstacles"
    if t.startswith("keterangan"):
        return "note"
    if t.startswith("agregasi") or t.startswith("cara agregasi"):
        return "aggregation"
    return None


def _measure_of_label(label: str) -> str | None:
    t = norm(label)
    if ("capaian" in t and "renstra" in t and "realisasi" not in t) or t.startswith("tingkat capaian"):
        return "14"
    if "capaian" in t and "renja" in t and "realisasi" not in t:
        return "12/7"
    if "target" in t and "renstra" in t:
        return "5"
    if "target" in t and "renja" in t:
        return "7"
    if "triwulan" in t and "realisasi" in t:
        m = re.search(r"triwulan\s+(iv|iii|ii|i)\b", t)
        return f"q{ROMAN[m.group(1)]}" if m else "quarters"
    if "realisasi" in t and "renstra" in t and re.search(r"sebelum|tahun lalu|n-1|s/?d\.? tahun \d{4} sebelum", t):
        return "6"
    if "realisasi" in t and "renja" in t:
        return "12"
    if "realisasi" in t and "renstra" in t:
        return "13"
    return None


_FORMULA = re.compile(r"^(\d{1,2})\s*=\s*(.+)$")


def formula_measures(labels: list[str]) -> dict[str, str]:
    """The form columns that a numbering with formulas gives its numbers, read from the formulas, not
    from the numbers: E.55's ``12 = 8+9+10+11``, ``13 = 12/7 x 100%``, ``14 = 6 + 12``, ``15 = 14/5 x 100%``
    are 12, 12/7, 13 and 14 of the E.81 form.  A sum of the quarters is 12; a ratio over 7 is 12/7; a sum
    with 12 in it is 13; a ratio over 5 is 14.  Keyed by the number as printed."""
    known: dict[str, str] = {}
    for label in labels:
        t = norm(label).strip("()")
        if re.fullmatch(r"\d{1,2}", t) and (plain := _plain_number(t)) is not None:
            known[t] = plain
    for label in labels:
        m = _FORMULA.match(norm(label))
        if not m:
            continue
        number, formula = m.group(1), m.group(2)
        operands = [known.get(n, "") for n in re.findall(r"\d{1,2}", formula.replace("100", ""))]
        if "/" in formula and len(operands) >= 2:
            over = operands[1]
            measure = {"7": "12/7", "5": "14"}.get(over)
        elif operands and all(o.startswith("q") for o in operands):
            measure = "12"
        elif "12" in operands:
            measure = "13"
        else:
            measure = None
        if measure is not None:
            known[number] = measure
    return known


def _plain_number(t: str) -> str | None:
    n = int(t)
    if n in (5, 6, 7, 12, 13, 14):
        return str(n)
    if 8 <= n <= 11:
        return f"q{n - 7}"
    return None


def _measure_of_number(label: str, formulas: dict[str, str] | None = None) -> str | None:
    t = norm(label).strip("()")
    if t in ROMAN:
        return f"q{ROMAN[t]}"
    m = re.fullmatch(r"(?:tw|triwulan) (iv|iii|ii|i)", t)
    if m:
        return f"q{ROMAN[m.group(1)]}"
    if formulas and (m := _FORMULA.match(t)) and m.group(1) in formulas:
        return formulas[m.group(1)]  # "13 = 12/7 x 100%": what the formula says, not the number
    if re.fullmatch(r"12\s*/\s*7.*", t):
        return "12/7"
    m = re.match(r"^(\d{1,2})\b", t)
    if not m:
        return None
    n = int(m.group(1))
    if n in (5, 6, 7, 12, 13, 14):
        return str(n)
    if 8 <= n <= 11:
        return f"q{n - 7}"
    return None


@dataclass
class MainHeader:
    sheet: str
    row: int  # 1-based row of the top label row
    last_row: int  # 1-based row of the last label row
    roles: dict[int, str] = field(default_factory=dict)  # column -> text role
    measures: dict[str, dict[str, int]] = field(default_factory=dict)  # measure -> {"K"|"Rp"|"U": column}
    rp_scale: int = 1  # 1000 when the K/Rp row says "Rp (000)": budgets printed in thousands
    label_rows: list[list[str]] = field(default_factory=list)  # the header's rows as found (texts)
    notes: list[str] = field(default_factory=list)  # what the header's reading assumed, said to the user
    near_label: tuple[int, str] | None = None  # (row, cell) of an almost-label row right under the header
    near_texts: list[str] = field(default_factory=list)
    how: dict[int, tuple[float, str]] = field(default_factory=dict)  # column -> (confidence, reason)
    _index: dict[int, tuple[str, str]] | None = field(default=None, repr=False, compare=False)

    @property
    def first_value_column(self) -> int:
        return min((c for m in self.measures.values() for c in m.values()), default=0)

    @property
    def last_value_column(self) -> int:
        return max((c for m in self.measures.values() for c in m.values()), default=0)

    def column_of(self, role: str) -> int | None:
        return next((c for c, r in self.roles.items() if r == role), None)

    def measure_at(self, column: int) -> tuple[str, str] | None:
        # asked for every cell of every line: an index, dropped by ``_place`` when the measures change
        if self._index is None:
            self._index = {}
            for measure, subs in self.measures.items():
                for sub, col in subs.items():
                    self._index.setdefault(col, (measure, sub))
        return self._index.get(column)

    def field_name(self, column: int) -> str:
        found = self.measure_at(column)
        if found:
            return f"{MEASURE_LABELS[found[0]]} {found[1]}"
        return ROLE_LABELS.get(self.roles.get(column, ""), "")


def _spans(row: list[Any], width: int, breaks: set[int] | frozenset[int] = frozenset()) -> dict[int, str]:
    """Each column's label in a merged-looking header row: a label covers the columns up to the next
    one, and never past a column where the row above starts a new label (``breaks``)."""
    out: dict[int, str] = {}
    current = ""
    for col in range(1, width + 1):
        text = cell_text(row[col - 1]) if col - 1 < len(row) else ""
        if text:
            current = text
        elif col in breaks:
            current = ""
        out[col] = current
    return out


def main_header(sheet: str, rows: list[list[Any]], top: int) -> MainHeader:
    """Read the header starting at 1-based row ``top`` (a ``Anchor.MAIN`` or ``Anchor.PLAN`` row)."""
    label_rows = []
    index = top  # 0-based index of the row after the top one
    while index < len(rows) and len(label_rows) < 3 and _is_label_row(rows[index]):
        label_rows.append(rows[index])
        index += 1
    top_row = rows[top - 1]
    width = max(len(r) for r in [top_row, *label_rows])
    header = MainHeader(sheet=sheet, row=top, last_row=top + len(label_rows))
    header.label_rows = [[cell_text(c) for c in r] for r in [top_row, *label_rows]]
    if len(label_rows) < 3 and index < len(rows) and (odd := near_label_row(rows[index])) is not None:
        header.near_label = (index + 1, odd)
        header.near_texts = [t for _c, t in texts(rows[index])]
    own = {c: t for c, t in texts(top_row)}
    top_spans = _spans(top_row, width)
    breaks = set(own)
    sub_row = next((r for r in label_rows if any(sub_label(t) in ("k", "rp") for _c, t in texts(r))), None)
    subs = {c: sub_label(t) or norm(t) for c, t in texts(sub_row)} if sub_row is not None else {}
    if sub_row is not None:
        header.rp_scale = max((rp_scale_of(t) for _c, t in texts(sub_row)), default=1)
    number_rows = [r for r in label_rows if r is not sub_row]
    formulas = formula_measures([t for r in number_rows for _c, t in texts(r)])
    number_spans = [_spans(r, width, breaks) for r in number_rows]
    if _plain_count(number_rows) and _numbers_disagree(number_spans, top_spans, own, width, formulas):
        # a plain count (1 .. 16) whose numbers are not the form's: the labels decide
        header.notes.append(
            "nomor kolom di bawah judul bukan penomoran formulir E.81 (label dan nomor tidak cocok): "
            "arti kolom diambil dari labelnya"
        )
        number_spans = []
    quarter_columns: list[tuple[int, str | None]] = []
    code_at: int | None = None
    for col in range(1, width + 1):
        if col in own and _text_role(own[col]) and _measure_of_label(own[col]) is None:
            header.roles[col] = _text_role(own[col]) or ""
            header.how[col] = (0.9, f"label {own[col][:40]!r}")
            code_at = col if header.roles[col] == "code" else None
            continue
        if (
            code_at is not None
            and col not in own
            and not any(_measure_of_number(spans.get(col, ""), formulas) for spans in number_spans)
        ):
            header.roles[col] = "code_part"  # the Kode split over the cells of its merged label
            header.how[col] = (0.7, "di bawah label Kode yang digabung: bagian kode")
            continue
        code_at = None
        number = next((t for spans in number_spans if _measure_of_number(t := spans.get(col, ""), formulas)), "")
        measure = _measure_of_number(number, formulas) if number else None
        if measure is not None:
            how = "rumus" if _FORMULA.match(norm(number)) else "nomor kolom"
            header.how[col] = (0.95 if how == "nomor kolom" else 0.9, f"{how} {number[:30]!r}")
        else:
            measure = _measure_of_label(top_spans.get(col, ""))
            if measure is not None:
                header.how[col] = (0.8, f"label {top_spans.get(col, '')[:40]!r}")
        if measure is None:
            if col in own and header.measures and _HELPER_LABEL.match(norm(own[col])):
                header.roles[col] = "helper"  # the sheet's own ratios after the figures: known, not read
                header.how[col] = (0.5, f"label {own[col][:40]!r} tidak ada di formulir: kolom bantu")
            continue
        header.roles[col] = "value"
        sub = subs.get(col)
        if sub is None and subs and measure != "quarters":
            slot = header.measures.get(measure, {})
            if "K" in slot and "Rp" not in slot and "U" not in slot:
                sub = "satuan"  # K | (blank) | Rp: the cell after K holds its satuan ("95 | %")
                header.how[col] = (0.7, "sel sesudah K tanpa label K/Rp: satuan angka itu")
        if measure == "quarters":
            quarter_columns.append((col, subs.get(col)))
        else:
            _place(header, measure, col, sub)
    _split_quarters(header, quarter_columns)
    for col, sub in subs.items():
        if sub == "satuan" and col not in header.roles:
            header.roles[col] = "unit"
    if any(col not in header.roles for col in own):
        # a label not understood: the whole header goes to the mapping step, helpers included
        for col in [c for c, r in header.roles.items() if r == "helper"]:
            del header.roles[col], header.how[col]
    return header


def _plain_count(number_rows: list[list[Any]]) -> bool:
    """A number row that only counts its columns: 1, 2, 3, ... with no formula, no 12/7 and no gap."""
    for row in number_rows:
        found = [norm(t).strip("()") for _c, t in texts(row)]
        if len(found) >= 8 and all(t.isdigit() for t in found):
            start = int(found[0])
            if found == [str(start + i) for i in range(len(found))]:
                return True
    return False


def _numbers_disagree(
    number_spans: list[dict[int, str]],
    top_spans: dict[int, str],
    own: dict[int, str],
    width: int,
    formulas: dict[str, str],
) -> bool:
    """True when, in two columns or more, the number says another form column than the label above it
    (a "6" under "Target ... Renja"): the numbering is a count, not the form's."""
    conflicts = 0
    seen: set[str] = set()
    for col in range(1, width + 1):
        if col in own and _text_role(own[col]) and _measure_of_label(own[col]) is None:
            continue
        number = next((t for spans in number_spans if (t := spans.get(col, ""))), "")
        by_number = _measure_of_number(number, formulas) if number else None
        by_label = _measure_of_label(top_spans.get(col, ""))
        if by_number is None or by_label is None or number in seen:
            continue
        seen.add(number)
        if by_label == "quarters" and by_number.startswith("q"):
            continue
        if by_label != by_number:
            conflicts += 1
    return conflicts >= 2


def _place(header: MainHeader, measure: str, col: int, sub: str | None) -> None:
    header._index = None
    slot = header.measures.setdefault(measure, {})
    if sub == "satuan":
        slot.setdefault("U", col)
        return
    if sub in ("k", "rp"):
        slot.setdefault("K" if sub == "k" else "Rp", col)
        return
    if "K" not in slot:
        slot["K"] = col
    elif "Rp" not in slot:
        slot["Rp"] = col


def _split_quarters(header: MainHeader, columns: list[tuple[int, str | None]]) -> None:
    """One "Realisasi ... Pada Triwulan" span without I-IV under it: each "K" (or every second
    column when there is no K/Rp row) starts the next quarter."""
    quarter = -1
    for index, (col, sub) in enumerate(columns):
        starts = sub == "k" if any(s for _c, s in columns) else index % 2 == 0
        if starts or quarter < 0:
            quarter += 1
        if quarter >= 4:
            break
        _place(header, QUARTERS[quarter], col, sub)
