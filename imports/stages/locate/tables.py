"""The smaller tables around the E.81 table: title block, RKPD indicators, Indikator Tujuan / Sasaran,
the narrative table (Sumber Dana, PD penanggung jawab, Pendorong, Penghambat), report-level drivers,
the average and predikat rows, and the Rencana Aksi table.

Each reader returns plain records with the sheet row they came from; ``side_tables`` and
``action_plan`` attach them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from imports.cells import Convention, Kind, Token, cell_text, not_a_number, tokenize
from imports.problems import Problems
from imports.stages.locate.layout import Section, norm, texts

ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


# -- the title block --------------------------------------------------------------------------------
@dataclass
class Title:
    quarter: int | None = None
    quarter_text: str = ""
    year: int | None = None
    agency: str = ""
    region: str = ""
    region_kind: str = ""
    place: str = ""
    rkpd_indicators: list[str] = field(default_factory=list)
    rkpd_targets: list[str] = field(default_factory=list)
    row: int | None = None  # of the quarter's line
    agency_row: int | None = None  # of the "Dinas ... Kabupaten ..." line


_REGION = re.compile(r"^(?P<agency>.+?)\s+(?P<kind>Kabupaten|Kab\.|Kota|Provinsi)\s+(?P<place>[A-Z][\w .'-]+)$", re.I)
# one title line naming the report, the PD and the pemda: "LAPORAN ... TRIWULAN II TAHUN 2022 DINAS UJI
# COBA KABUPATEN CONTOH" (a CSV's first line), the PD found by its first word
_AGENCY_IN_LINE = re.compile(
    r"\b(?P<agency>(?:dinas|badan|kantor|sekretariat|inspektorat|satuan|rumah sakit|rsud|kecamatan)\b.+?)\s+"
    r"(?P<kind>Kabupaten|Kab\.|Kota|Provinsi)\s+(?P<place>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*?)"
    r"(?:\s+(?:triwulan|tw|tahun|periode)\b.*)?$",
    re.I,
)
_ITEM = re.compile(
    r"^\s*(?:-\s*)?(?:(?P<label>indikator|target(?: kinerja)?)\s*:\s*)?(?P<n>\d+)\.\s*(?P<text>.+)$", re.I
)


def read_title(rows: list[tuple[int, list[Any]]], convention: Convention = Convention.COMMA) -> Title:
    """Quarter, year, agency and pemda from the lines above the table ("Laporan Kinerja Triwulan IV",
    "Dinas ... Kabupaten Lumajang", "Periode Pelaksanaan: Tahun 2021") and the RKPD indicator block,
    either as "Indikator : 1. ..." lines or as a small table (No | Indikator | Target | Satuan)."""
    title = Title()
    mode = ""
    in_rkpd = False
    for number, cells in rows:
        found = texts(cells)
        if in_rkpd and len(found) >= 3 and re.fullmatch(r"\d{1,2}\.?", found[0][1]):
            tokens = [tokenize(c, i + 1, convention) for i, c in enumerate(cells)]
            names = [t for t in tokens if t.kind is Kind.TEXT]
            values = [t for t in tokens if t.value is not None and t.column > found[0][0]]
            units = [t for t in tokens if t.kind is Kind.UNIT and values and t.column > values[0].column]
            if names and values:
                title.rkpd_indicators.append(names[0].text)
                unit = values[0].unit or (units[0].text if units else "")
                title.rkpd_targets.append(f"{values[0].number_text}{unit}")
                continue
        if any("rkpd" in norm(t) for _c, t in found):
            in_rkpd = True
        for _col, text in texts(cells):
            low = norm(text)
            if title.quarter is None:
                for word, roman in re.findall(r"\b([a-z]+)\s+(iv|iii|ii|i|[1-4])\b", low):
                    # "Tribunal IV" (the seed's typo) is a triwulan; "Ruang 3" in a PD's name is not:
                    # typos keep the initial letter, so only words starting with "t" are compared.
                    if word == "tw" or (word[0] == "t" and SequenceMatcher(None, word, "triwulan").ratio() >= 0.6):
                        title.quarter, title.quarter_text, title.row = ROMAN_QUARTER[roman], text, number
                        break
            if title.year is None and (m := re.search(r"\btahun\s+(\d{4})\b", low)):
                title.year = int(m.group(1))
            m = _REGION.match(text.strip()) if not low.startswith("laporan") else None
            if m is None and low.startswith("laporan"):
                m = _AGENCY_IN_LINE.search(text.strip())
                if m is not None and text.isupper():
                    text = text.title()  # "DINAS UJI COBA" named as "Dinas Uji Coba"
                    m = _AGENCY_IN_LINE.search(text.strip())
            if not title.agency and m:
                kind = m["kind"].lower().rstrip(".")
                title.agency, title.agency_row = m["agency"].strip(), number
                title.region_kind = {"kab": "kabupaten"}.get(kind, kind)
                title.place = m["place"].strip()
                title.region = f"{title.region_kind.title()} {title.place}"
            item = _ITEM.match(text)
            if item:
                label = (item["label"] or "").lower()
                if label.startswith("indikator"):
                    mode = "indicator"
                elif label.startswith("target"):
                    mode = "target"
                if mode == "indicator":
                    title.rkpd_indicators.append(item["text"].strip())
                elif mode == "target":
                    title.rkpd_targets.append(item["text"].strip())
    return title


# -- Indikator Tujuan / Sasaran ---------------------------------------------------------------------
@dataclass
class SummaryIndicator:
    row: int
    name: str
    formula: str = ""
    target: Token | None = None
    realization: Token | None = None
    achievement: Token | None = None


def read_text_block(section: Section) -> str:
    """A label row ("Faktor pendorong ...:") followed by its text, on the same row or the next ones."""
    after = [t for _c, t in texts(section.header_cells)[1:]]
    for _number, cells in section.rows:
        found = [t for _c, t in texts(cells)]
        if not found:
            if after:
                break
            continue
        after.extend(found)
    text = "\n".join(after).strip()
    return "" if text in ("-", "–") else text


@dataclass
class AggregationNote:
    row: int
    row_name: str
    indicator: str
    aggregation: str
    direction: str


def read_aggregation_table(section: Section) -> list[AggregationNote]:
    columns: dict[str, int] = {}
    for col, text in texts(section.header_cells):
        t = norm(text)
        for key, prefix in (
            ("row", "baris"),
            ("indicator", "indikator"),
            ("aggregation", "agregasi"),
            ("direction", "arah"),
        ):
            if t.startswith(prefix):
                columns.setdefault(key, col)
    out: list[AggregationNote] = []
    row_name = ""
    for number, cells in section.rows:
        indicator = _cell(cells, columns.get("indicator"))
        if not indicator:
            if out:
                break
            continue
        row_name = _cell(cells, columns.get("row")) or row_name
        out.append(
            AggregationNote(
                number,
                row_name,
                indicator,
                _cell(cells, columns.get("aggregation")),
                _cell(cells, columns.get("direction")),
            )
        )
    return out


def read_indicator_table(section: Section, convention: Convention, problems: Problems) -> list[SummaryIndicator]:
    columns: dict[str, int] = {}
    out: list[SummaryIndicator] = []
    for col, text in texts(section.header_cells):
        t = norm(text)
        for key, prefix in (
            ("name", "indikator"),
            ("formula", "formula"),
            ("target", "target"),
            ("realization", "realisasi"),
            ("achievement", "capaian"),
        ):
            if t.startswith(prefix):
                columns.setdefault(key, col)
    for number, cells in section.rows:
        name = _cell(cells, columns.get("name"))
        if not name:
            if not any(cell_text(c) for c in cells):
                if out:
                    break
                continue
            break
        item = SummaryIndicator(row=number, name=name, formula=_cell(cells, columns.get("formula")))
        for key in ("target", "realization", "achievement"):
            col = columns.get(key)
            if col is None:
                continue
            token = tokenize(cells[col - 1] if col - 1 < len(cells) else None, col, convention)
            if token.kind is Kind.BLANK:
                continue
            if token.value is None:
                problems.error(not_a_number(token), sheet=section.sheet, row=number, column=col, field=key)
                continue
            setattr(item, key, token)
        out.append(item)
    return out


def _cell(cells: list[Any], col: int | None) -> str:
    if col is None or col - 1 >= len(cells):
        return ""
    return cell_text(cells[col - 1])


# -- Pendorong / Penghambat of the whole report -----------------------------------------------------
def read_report_drivers(section: Section) -> tuple[list[str], list[str]]:
    columns = {norm(t): c for c, t in texts(section.header_cells)}
    d_col, o_col = columns.get("pendorong"), columns.get("penghambat")
    drivers: list[str] = []
    obstacles: list[str] = []
    for _number, cells in section.rows:
        if not any(cell_text(c) for c in cells):
            if drivers or obstacles:
                break
            continue
        if d_col and (t := _cell(cells, d_col)):
            drivers.append(t)
        if o_col and (t := _cell(cells, o_col)):
            obstacles.append(t)
    return drivers, obstacles


# -- the narrative table printed below the main one -------------------------------------------------
@dataclass
class Narrative:
    row: int
    funding: str = ""
    responsible: str = ""
    drivers: str = ""
    obstacles: str = ""

    @property
    def only_funding(self) -> bool:
        return bool(self.funding) and not (self.responsible or self.drivers or self.obstacles)


def read_narratives(sections: list[Section]) -> list[Narrative]:
    """Rows of one narrative table, possibly cut into several sections by rows that merely look like
    anchors; its header may be two rows (Faktor-Faktor Keberhasilan / Pendorong | Penghambat)."""
    out: list[Narrative] = []
    roles: dict[int, str] = {}
    for section in sections:
        if not roles:
            for col, text in texts(section.header_cells):
                _narrative_role(roles, col, text)
        for number, cells in section.rows:
            cells_text = texts(cells)
            labels = [norm(t) for _c, t in cells_text]
            if labels and all(lbl in ("pendorong", "penghambat") or re.fullmatch(r"\d{1,2}", lbl) for lbl in labels):
                for col, text in cells_text:
                    _narrative_role(roles, col, text)
                continue
            if not cells_text:
                continue
            item = Narrative(row=number)
            for col, text in cells_text:
                role = roles.get(col)
                if role:
                    setattr(item, role, text)
            out.append(item)
    return out


def _narrative_role(roles: dict[int, str], col: int, text: str) -> None:
    t = norm(text)
    if t.startswith("sumber dana"):
        roles[col] = "funding"
    elif "penanggung jawab" in t:
        roles[col] = "responsible"
    elif t.startswith("pendorong"):
        roles[col] = "drivers"
    elif t.startswith("penghambat"):
        roles[col] = "obstacles"


# -- average, predikat, tindak lanjut ---------------------------------------------------------------
def first_number_text(cells: list[Any], convention: Convention) -> str:
    for index, cell in enumerate(cells[1:], start=2):
        token = tokenize(cell, index, convention)
        if token.value is not None and token.kind is not Kind.DASH:
            return token.number_text
    return ""


def first_text_after_label(cells: list[Any]) -> str:
    found = texts(cells)
    return found[1][1] if len(found) > 1 else ""


# -- Rencana Aksi -----------------------------------------------------------------------------------
@dataclass
class PlanLine:
    row: int
    name: str = ""
    indicator: str = ""
    target: Token | None = None
    quarters: list[Token | None] = field(default_factory=lambda: [None, None, None, None])
    has_quarters: bool = False


@dataclass
class SideFigure:
    """The little list beside the Rencana Aksi table: a program's printed achievement, or the average."""

    row: int
    name: str
    value: str


_PLAN_QUARTER = re.compile(r"(tw|triwulan) (iv|iii|ii|i)")


def read_plan(
    section: Section, header: Any, convention: Convention, problems: Problems
) -> tuple[list[PlanLine], list[SideFigure]]:
    indicator_col = header.column_of("indicator")
    target_col = header.measures.get("7", {}).get("K")
    unit_col: int | None = None
    quarter_cols: dict[int, int] = {}
    lines: list[PlanLine] = []
    side: list[SideFigure] = []
    label_rows = [(n, c) for n, c in section.rows if n <= header.last_row]
    for number, cells in [*label_rows, *((n, c) for n, c in section.rows if n > header.last_row)]:
        found = texts(cells)
        if not found:
            continue
        quarter_labels = {
            ROMAN_QUARTER[m.group(2)]: c for c, t in found if t[:1] in "tT" and (m := _PLAN_QUARTER.fullmatch(norm(t)))
        }
        if quarter_labels:
            quarter_cols = quarter_labels
            first_quarter = min(quarter_labels.values())
            satuan = [c for c, t in found if norm(t) == "satuan" and c < first_quarter]
            if target_col is None or (satuan and max(satuan) <= target_col):
                target_col = max(satuan) if satuan else target_col
            elif satuan:
                unit_col = max(satuan)
            continue
        if number <= header.last_row:
            continue
        tokens = [tokenize(c, i + 1, convention) for i, c in enumerate(cells) if c is not None and c != ""]
        text_tokens = [t for t in tokens if t.kind in (Kind.TEXT,) or (t.kind is Kind.UNIT and len(t.text) > 15)]
        limit = (target_col or 0) + 0
        own_texts = [t for t in text_tokens if indicator_col is None or t.column <= indicator_col]
        if not own_texts and text_tokens and target_col is not None:
            own_texts = [t for t in text_tokens if t.column < target_col]
        shift = 0
        line = PlanLine(row=number)
        if own_texts:
            if len(own_texts) >= 2:
                line.name, line.indicator = own_texts[-2].text, own_texts[-1].text
            else:
                line.indicator = own_texts[-1].text
            if indicator_col is not None:
                shift = own_texts[-1].column - indicator_col
        by_col = {t.column: t for t in tokens}
        if target_col is not None:
            token = by_col.get(target_col + shift)
            unit = by_col.get(unit_col + shift) if unit_col is not None else None
            if token is not None and token.value is not None and unit is not None and unit.kind is Kind.UNIT:
                token = Token(token.column, Kind.NUMBER_UNIT, f"{token.text} {unit.text}", token.value, unit.text)
            if token is not None and token.value is not None:
                line.target = token
            elif token is not None and (token.problem or token.kind not in (Kind.BLANK, Kind.TEXT)):
                problems.error(
                    not_a_number(token),
                    sheet=section.sheet,
                    row=number,
                    column=token.column,
                    field="Target Rencana Aksi",
                )
        if quarter_cols:
            for quarter, col in quarter_cols.items():
                token = by_col.get(col + shift)
                if token is not None and token.value is not None:
                    line.quarters[quarter - 1] = token
                    line.has_quarters = True
                elif token is not None and token.problem:
                    problems.error(
                        not_a_number(token),
                        sheet=section.sheet,
                        row=number,
                        column=token.column,
                        field=f"Rencana Aksi TW {quarter}",
                    )
        else:
            limit = (target_col or 0) + shift
            after = [t for t in tokens if t.column > limit and t.kind is not Kind.BLANK]
            for index, token in enumerate(after):
                if token.kind is Kind.TEXT:
                    value = next((a for a in after[index + 1 :] if a.value is not None), None)
                    if value is not None:
                        side.append(SideFigure(number, token.text, value.number_text))
                elif token.value is not None and (index == 0 or after[index - 1].kind is not Kind.TEXT):
                    side.append(SideFigure(number, "", token.number_text))
        if not own_texts:
            if line.target is not None or line.has_quarters:
                problems.warning(
                    "baris Rencana Aksi tanpa nama program/kegiatan/indikator: tidak diimpor",
                    sheet=section.sheet,
                    row=number,
                )
            continue
        lines.append(line)
    return lines, side
