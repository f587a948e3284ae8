"""A workbook's sections: the E.81 table found among its sheets, and every other section read into
plain records (``SideSections``) for the later steps to attach.

The main table is the first section, on any sheet, whose header row has Indikator / Target /
Realisasi labels (``layout``); the sections of every sheet count, since a workbook may print the
Rencana Aksi or the indicator tables on a sheet of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from imports.cells import Convention, cell_text, sheet_convention
from imports.problems import Problems
from imports.stages.locate.layout import Anchor, MainHeader, Section, main_header, norm, sections
from imports.stages.locate.sheet_join import JoinedSheets, Part, complementary, join_sheets, subs_of
from imports.stages.locate.tables import (
    AggregationNote,
    Narrative,
    PlanLine,
    SideFigure,
    SummaryIndicator,
    read_aggregation_table,
    read_indicator_table,
    read_narratives,
    read_plan,
    read_report_drivers,
    read_text_block,
)
from imports.stages.read.readers import Workbook


@dataclass
class MainTable:
    """The E.81 table found, with what reading it needs."""

    sheet_index: int
    header: MainHeader
    section: Section
    all_sections: list[Section]  # of every sheet, the main table's included
    preamble: list[tuple[int, list[Any]]]  # the rows above the first section: the title block
    convention: Convention
    # performance and budget on two sheets: where each column of the joined grid really is (None: one sheet)
    join: JoinedSheets | None = None

    def rows(self, sheet_rows: list[list[Any]]) -> list[list[Any]]:
        """The rows the table's cells are in: the joined grid, else the sheet's own ``sheet_rows``."""
        return self.join.grid if self.join is not None else sheet_rows


@dataclass
class SideSections:
    """Every section around the main table, read into records."""

    goals: list[SummaryIndicator] = field(default_factory=list)  # Indikator Tujuan
    objectives: list[SummaryIndicator] = field(default_factory=list)  # Indikator Sasaran
    # the report's Pendorong and Penghambat lines
    drivers: tuple[list[str], list[str]] = field(default_factory=lambda: ([], []))
    narratives: list[Narrative] = field(default_factory=list)
    plans: list[tuple[list[PlanLine], list[SideFigure]]] = field(default_factory=list)  # Rencana Aksi
    average_row: tuple[int, list[Any]] | None = None
    rating_row: tuple[int, list[Any]] | None = None
    follow_ups: dict[str, str] = field(default_factory=dict)  # "quarter" / "renja" -> text
    notes: list[AggregationNote] = field(default_factory=list)


def find_main_table(workbook: Workbook, problems: Problems) -> MainTable | None:
    """The first sheet's E.81 table whose header names its Target / Realisasi columns; None (and an
    error) when there is none.  A table with only K (or only Rp) is joined with the first other sheet's
    table with only Rp (only K), row by row (``sheet_join``); None when their rows do not match."""
    collected: list[Section] = []
    found_tables: list[tuple[int, MainHeader, Section, list[tuple[int, list[Any]]], Convention]] = []
    for index, sheet in enumerate(workbook.sheets):
        convention = sheet_convention(sheet.rows)
        preamble, found = sections(sheet.name, sheet.rows)
        collected.extend(found)
        main = next((s for s in found if s.anchor is Anchor.MAIN), None)
        if main is not None:
            header = main_header(sheet.name, sheet.rows, main.header_row)
            if not header.measures:
                if not found_tables:
                    problems.error(
                        "baris judul tabel ditemukan tetapi kolom Target/Realisasi tidak dikenali",
                        sheet=sheet.name,
                        row=main.header_row,
                    )
                continue
            found_tables.append((index, header, main, preamble, convention))
    if not found_tables:
        names = ", ".join(repr(s.name) for s in workbook.sheets)
        problems.error(
            "tidak ditemukan tabel E.81: tidak ada baris judul dengan 'Indikator', 'Target' dan 'Realisasi' "
            f"di sheet {names}"
        )
        return None
    index, header, main, preamble, convention = found_tables[0]
    if subs_of(header) in ({"K"}, {"Rp"}) and len(found_tables) > 1:
        return _joined(workbook, found_tables, collected, problems)
    if subs_of(header) == {"K"} and len(workbook.sheets) > 1:
        # a K-only table alone is a report without budgets; said, since its budget sheet may be one whose
        # header the importer did not recognise (no Target / Realisasi labels above its Rp columns)
        others = ", ".join(repr(s.name) for i, s in enumerate(workbook.sheets) if i != index)
        problems.warning(
            f"tabel E.81 hanya memuat kinerja (K): tidak ada anggaran (Rp) yang diimpor; sheet {others} tidak "
            "dikenali sebagai tabel anggaran (kepala tabel dengan label Target/Realisasi dan baris Rp)",
            sheet=header.sheet,
            row=header.last_row,
        )
    return MainTable(index, header, main, collected, preamble, convention)


def _joined(
    workbook: Workbook,
    found_tables: list[tuple[int, MainHeader, Section, list[tuple[int, list[Any]]], Convention]],
    collected: list[Section],
    problems: Problems,
) -> MainTable | None:
    """The first table (only K or only Rp) joined with its other half on another sheet."""
    first = found_tables[0]
    other = next((t for t in found_tables[1:] if complementary(first[1], t[1])), None)
    if other is None:
        kind = "kinerja (K)" if subs_of(first[1]) == {"K"} else "anggaran (Rp)"
        missing = "anggaran (Rp)" if kind.startswith("kinerja") else "kinerja (K)"
        names = ", ".join(repr(t[1].sheet) for t in found_tables[1:])
        problems.error(
            f"tabel E.81 di sheet ini hanya memuat {kind}; tabel di sheet {names} tidak memuat hanya {missing}, "
            "jadi kedua bagian tidak dapat dipasangkan: tulis K dan Rp di satu sheet, atau label K/Rp yang jelas "
            "di kedua sheet",
            sheet=first[1].sheet,
            row=first[1].last_row,
        )
        return None
    parts = [Part(t[1].sheet, t[1], t[2], workbook.sheets[t[0]].rows) for t in (first, other)]
    joined = join_sheets(parts[0], parts[1], problems)
    if joined is None:
        return None
    header, section, join = joined
    performance = first if first[1].sheet == join.performance else other
    index, _header, _main, preamble, convention = performance
    return MainTable(index, header, section, collected, preamble, convention, join)


def read_side_sections(all_sections: list[Section], convention: Convention, problems: Problems) -> SideSections:
    """Every section but the main table, read in sheet order.  An indicator table belongs to the
    Tujuan or Sasaran title above it; the first drivers table or text wins."""
    out = SideSections()
    drivers: tuple[list[str], list[str]] = ([], [])
    narrative_sections: list[Section] = []
    title_kind = ""
    for section in all_sections:
        anchor = section.anchor
        if anchor is Anchor.GOALS:
            title_kind = "goals"
        elif anchor is Anchor.OBJECTIVES:
            title_kind = "objectives"
        elif anchor is Anchor.INDICATOR_TABLE:
            table = read_indicator_table(section, convention, problems)
            (out.goals if title_kind == "goals" else out.objectives).extend(table)
            title_kind = ""
        elif anchor is Anchor.DRIVERS and not drivers[0] and not drivers[1]:
            drivers = read_report_drivers(section)
        elif anchor is Anchor.NARRATIVE:
            narrative_sections.append(section)
        elif anchor is Anchor.PLAN:
            rows = [section.header_cells] + [cells for _n, cells in section.rows]
            header = main_header(section.sheet, [[]] * (section.header_row - 1) + rows, section.header_row)
            out.plans.append(read_plan(section, header, convention, problems))
        elif anchor is Anchor.AVERAGE and out.average_row is None:
            out.average_row = (section.header_row, section.header_cells)
        elif anchor is Anchor.RATING and out.rating_row is None:
            out.rating_row = (section.header_row, section.header_cells)
        elif anchor is Anchor.FOLLOW_UP:
            label = norm(cell_text(next((c for c in section.header_cells if cell_text(c)), "")))
            key = "renja" if "renja" in label else "quarter"
            out.follow_ups[key] = read_text_block(section)
        elif anchor is Anchor.DRIVERS_TEXT and not drivers[0]:
            drivers = (read_text_block(section).splitlines(), drivers[1])
        elif anchor is Anchor.OBSTACLES_TEXT and not drivers[1]:
            drivers = (drivers[0], read_text_block(section).splitlines())
        elif anchor is Anchor.AGGREGATIONS:
            out.notes.extend(read_aggregation_table(section))
    out.drivers = drivers
    out.narratives = read_narratives(narrative_sections) if narrative_sections else []
    return out
