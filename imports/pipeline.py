"""An E.81 workbook -> a ``PlanDocument``: stages 2-4 and 6 of ``imports.stages``, in order.

Pure: no database.  What the database knows (the agency's names, its Renstra, the pemda's known
nomenclature) comes in as ``Destination`` and ``Nomenclature``.  This module only orders the stages:

2. locate (``stages.locate.workbook_sections.find_main_table``): the E.81 table and the sections around it;
3. map (``stages.map.detect.column_map_of``, or the ``ColumnMap`` given): a meaning per column;
4. place (``stages.place.main_table.read_lines``, ``plan_tree.build_tree``, ``settle_budgets``): the lines,
   their levels and tree, shifted quarters settled by the budget;
6. documents (``stages.documents``): the rows and indicators, the side tables, the aggregation
   decisions, then the pemda, the PD and the Renstra years checked against the title.

Stage 5 (reconcile) runs on what this returns (``Parsed.table``, ``.lines``), in ``imports.services``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from imports.nomenclature import Nomenclature
from imports.problems import Problems
from imports.stages.documents.action_plan import attach_action_plan, check_side_average
from imports.stages.documents.aggregation_decisions import Decision, decide_aggregations
from imports.stages.documents.document_frame import (
    Destination,
    agency_doc,
    check_period,
    region_doc,
    renstra_end_of,
    strategic_years,
)
from imports.stages.documents.row_documents import build_documents
from imports.stages.documents.side_tables import attach_aggregation_notes, attach_narratives, attach_summary_tables
from imports.stages.locate.layout import MainHeader
from imports.stages.locate.tables import Title, first_number_text, first_text_after_label, read_title
from imports.stages.locate.workbook_sections import MainTable, find_main_table, read_side_sections
from imports.stages.map.column_map import ColumnMap
from imports.stages.map.detect import column_map_of, header_of
from imports.stages.place.main_table import Line, read_lines
from imports.stages.place.plan_tree import Node, build_tree, settle_budgets
from imports.stages.place.sheet_place import SheetPlace
from imports.stages.read.readers import Workbook
from planning.documents import PlanDocument, ReportDoc, RowDoc, Source

__all__ = ["Decision", "Destination", "Located", "Parsed", "Progress", "parse_e81"]

Progress = Callable[[str, int, int], None]


@dataclass
class Parsed:
    """What ``parse_e81`` gives back: the document (None when it cannot be imported), every problem,
    the aggregation decisions and the number of table lines read."""

    document: PlanDocument | None
    problems: Problems
    decisions: list[Decision] = field(default_factory=list)
    line_count: int = 0
    title: Title | None = None  # the title block above the table, and the sheet it is on
    sheet: str = ""
    # provenance for the reconcile stage: the table found and its lines with the cells they placed
    table: MainTable | None = None
    lines: list[Line] = field(default_factory=list)
    column_map: ColumnMap | None = None  # the map stage's output (or the mapping given)


@dataclass
class Located:
    """The locate stage's result, run once already by the caller (``imports.services`` runs it to find
    the pemda's stored mapping): the table found (None: none) and the problems locating it raised."""

    table: MainTable | None
    problems: Problems


def parse_e81(
    workbook: Workbook,
    *,
    destination: Destination,
    year: int,
    quarter: int | None,
    nomenclature: Nomenclature | None = None,
    progress: Progress | None = None,
    mapping: ColumnMap | None = None,
    located: Located | None = None,
) -> Parsed:
    """``mapping`` (a ``ColumnMap`` a person confirmed, or a saved one) replaces the detected meaning of
    the columns; the stages after "map" run on it unchanged.  ``located``: this workbook's locate stage,
    already run (its table is used as is and its problems reported as if found here)."""
    parsed = _parse(workbook, destination, year, quarter, nomenclature, progress, mapping, located)
    join = parsed.table.join if parsed.table is not None else None
    if join is not None:
        # the stages read the two sheets as one grid: each problem names the sheet and cell it really is
        parsed.problems[:] = [join.problem(p) for p in parsed.problems]
    return parsed


def _parse(
    workbook: Workbook,
    destination: Destination,
    year: int,
    quarter: int | None,
    nomenclature: Nomenclature | None,
    progress: Progress | None,
    mapping: ColumnMap | None,
    located: Located | None,
) -> Parsed:
    problems = Problems()
    for note in workbook.notes:
        problems.info(note)
    nomenclature = nomenclature or Nomenclature()
    if located is not None:
        main = located.table
        problems.extend(located.problems)
    else:
        main = find_main_table(workbook, problems)
    if main is None:
        return Parsed(None, problems)
    sheet = workbook.sheets[main.sheet_index]
    sheet_rows = main.rows(sheet.rows)
    if mapping is not None:
        main.header = header_of(mapping, main.header)
        column_map = mapping
        problems.info(f"pemetaan kolom dipakai (tanda {mapping.signature})", sheet=sheet.name)
    else:
        column_map = column_map_of(main.header, main.join)
        _near_label(main.header, problems)
    header, convention = main.header, main.convention
    rp_sheet, rp_row, _column = (
        main.join.where(header.last_row, main.join.width + 1) if main.join else (header.sheet, header.last_row, None)
    )
    _header_notes(header, problems, rp_place=(rp_sheet, rp_row or header.last_row))
    title = read_title(main.preamble, convention)
    if progress:
        progress("baca baris", 0, len(main.section.rows))
    lines = read_lines(sheet.name, main.section.rows, header, convention, problems, grid_only=main.join is not None)
    if progress:
        progress("baca baris", len(main.section.rows), len(main.section.rows))
    if not lines:
        problems.error("tabel E.81 tidak berisi baris data", sheet=sheet.name, row=header.last_row + 1)
        return Parsed(None, problems, table=main, column_map=column_map)

    place = SheetPlace(workbook.filename, workbook.checksum, sheet.name, problems)
    renstra_end = renstra_end_of(list(sheet_rows[header.row - 1]))
    agency_name = destination.agency_name or title.agency or destination.agency_slug
    quarter = check_period(title, year, quarter, place=place)
    figures_quarter = quarter or 4  # unknown: read as IV (the document is refused anyway)
    around = read_side_sections(main.all_sections, convention, problems)
    roots, nodes = build_tree(
        lines,
        place=place,
        year=year,
        nomenclature=nomenclature,
        objective_names=[o.name for o in around.objectives],
    )
    settle_budgets(roots)
    entries = build_documents(nodes, place=place, quarter=figures_quarter)
    goal = attach_summary_tables(
        entries, around.goals, around.objectives, title, place=place, quarter=figures_quarter, agency_name=agency_name
    )
    attach_narratives(entries, around.narratives, place=place)
    side_figures = attach_action_plan(entries, nodes, around.plans, place=place)
    confirmed_default = attach_aggregation_notes(entries, goal, around.notes, place=place)
    decisions = decide_aggregations(entries, goal, confirmed_default, sheet=sheet.name)
    stated_average = first_number_text(around.average_row[1], convention) if around.average_row else ""
    check_side_average(side_figures, stated_average, place=place)
    if problems.errors or quarter is None:
        if quarter is None:
            problems.error(
                "triwulan laporan tidak diketahui: judul tidak menyebut 'Triwulan I-IV'; berikan --quarter",
                sheet=sheet.name,
            )
        return Parsed(None, problems, decisions, len(lines), title, sheet.name, main, lines, column_map)
    report = ReportDoc(
        quarter=quarter,
        drivers="\n".join(around.drivers[0]),
        obstacles="\n".join(around.drivers[1]),
        follow_up_quarter=around.follow_ups.get("quarter", ""),
        follow_up_renja=around.follow_ups.get("renja", ""),
        stated_average=stated_average,
        stated_rating=first_text_after_label(around.rating_row[1]) if around.rating_row else "",
    )
    document = PlanDocument(
        region=region_doc(destination, title, place=place),
        agency=agency_doc(destination, title, place=place),
        strategic_start=0,
        strategic_end=0,
        year=year,
        revision=destination.revision,
        work_plan_label=destination.work_plan_label or ("Renja murni" if destination.revision == 0 else ""),
        report=report,
        tree=_tree_docs(roots, goal),
        source=Source(file=workbook.filename, checksum=workbook.checksum, sheet=sheet.name),
    )
    document.strategic_start, document.strategic_end = strategic_years(
        destination, year, renstra_end, header_row=header.row, place=place
    )
    return Parsed(document, problems, decisions, len(lines), title, sheet.name, main, lines, column_map)


def _tree_docs(roots: list[Node], goal: Node | None) -> list[RowDoc]:
    """The rows' documents, under the tujuan row when the sheet has an Indikator Tujuan table."""
    docs = [n.doc for n in roots if n.doc is not None]
    if goal is not None and goal.doc is not None:
        goal.doc.children = docs
        return [goal.doc]
    return docs


def _header_notes(header: MainHeader, problems: Problems, *, rp_place: tuple[str, int]) -> None:
    """What reading the header assumed, said once: helper columns, the Rp scale, the numbering."""
    for note in header.notes:
        problems.info(note, sheet=header.sheet, row=header.row)
    for col, role in header.roles.items():
        if role == "helper":
            label = next((r[col - 1] for r in header.label_rows if col - 1 < len(r) and r[col - 1]), "")
            problems.info(f"kolom {label[:40]!r} adalah kolom bantu: tidak diimpor", sheet=header.sheet, column=col)
    if header.rp_scale != 1:
        problems.info(
            f"anggaran tertulis dalam {'ribuan' if header.rp_scale == 1000 else 'jutaan'} rupiah: setiap Rp "
            f"dikalikan {header.rp_scale:,}",
            sheet=rp_place[0],
            row=rp_place[1],
        )


def _near_label(header: MainHeader, problems: Problems) -> None:
    """A row right under the header that looks like one of its label rows but has a cell the importer
    does not know: named as the cause (else its cells read as data give errors further on)."""
    if header.near_label is None:
        return
    row, odd = header.near_label
    found = [t.strip().lower() for t in header.near_texts]
    kind = "baris label K/Rp" if any(t in ("k", "rp") for t in found) else "baris nomor kolom"
    problems.error(
        f"baris {row} tampaknya {kind}, tetapi {odd!r} tidak dikenali; tulis label yang dikenal (K, Rp, Rp (000), "
        "Satuan, nomor kolom) atau petakan kolomnya",
        sheet=header.sheet,
        row=row,
    )
