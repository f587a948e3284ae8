"""An E.81 workbook -> a ``PlanDocument``, with every problem and decision named by its place.

Pure: no database.  What the database knows (the agency's names, its Renstra, the pemda's known
nomenclature) comes in as ``Destination`` and ``Nomenclature``.  Steps: find the sections by their
labels (``layout``), read the table's lines (``main_table``), tell sasaran / program / kegiatan / sub
kegiatan apart, settle shifted quarters by the budget (``placement.choose_family``), attach the
tables around it (``tables``), and decide how each indicator aggregates its quarters.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from domain.aggregation import default_aggregation, matching_aggregations
from domain.codes import code_problem
from domain.inputs import Stated
from domain.types import Aggregation, Level, Periodicity
from imports.cells import Convention, Kind, cell_text, detect_convention
from imports.layout import MEASURE_LABELS, Anchor, MainHeader, Section, main_header, norm, sections
from imports.main_table import Line, read_lines
from imports.nomenclature import Nomenclature, normalise, similar, similarity
from imports.placement import Group, choose_family
from imports.problems import Problems
from imports.readers import Workbook
from imports.tables import (
    AggregationNote,
    Narrative,
    PlanLine,
    SideFigure,
    SummaryIndicator,
    Title,
    first_number_text,
    first_text_after_label,
    read_aggregation_table,
    read_indicator_table,
    read_narratives,
    read_plan,
    read_report_drivers,
    read_text_block,
    read_title,
)
from planning.documents import AgencyDoc, IndicatorDoc, PlanDocument, RegionDoc, ReportDoc, RowDoc, Source

Progress = Callable[[str, int, int], None]
_LEVEL_BY_PARTS = {3: Level.PROGRAM, 5: Level.ACTIVITY, 6: Level.SUB_ACTIVITY}
LEVEL_WORD = {
    Level.GOAL: "tujuan",
    Level.OBJECTIVE: "sasaran",
    Level.PROGRAM: "program",
    Level.ACTIVITY: "kegiatan",
    Level.SUB_ACTIVITY: "sub kegiatan",
}


@dataclass
class Destination:
    """Where the import goes, as far as the database knows it (empty strings: not there yet)."""

    agency_slug: str
    agency_name: str = ""
    region_slug: str = ""
    region_name: str = ""
    region_kind: str = ""
    region_place: str = ""
    strategic: tuple[int, int] | None = None
    revision: int = 0
    work_plan_label: str = ""


@dataclass
class Decision:
    """How an indicator's quarters aggregate, and why (shown to the person importing)."""

    sheet: str
    row: int
    row_name: str
    indicator: str
    aggregation: Aggregation
    how: str  # "tercetak", "saudara", "bawaan", "tahunan"
    note: str = ""


@dataclass
class Parsed:
    document: PlanDocument | None
    problems: Problems
    decisions: list[Decision] = field(default_factory=list)
    line_count: int = 0


@dataclass
class Node:
    line: Line | None
    level: Level
    name: str
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    indicator_lines: list[Line] = field(default_factory=list)
    doc: RowDoc | None = None
    match_note: str = ""

    @property
    def pagu(self) -> Decimal | None:
        group = self.line.chosen.get("7") if self.line else None
        return group.rp_value if group else None


def parse_e81(
    workbook: Workbook,
    *,
    destination: Destination,
    year: int,
    quarter: int | None,
    nomenclature: Nomenclature | None = None,
    progress: Progress | None = None,
) -> Parsed:
    problems = Problems()
    nomenclature = nomenclature or Nomenclature()
    found = _find_main(workbook, problems)
    if found is None:
        return Parsed(None, problems)
    sheet_index, header, main, all_sections, preamble, convention = found
    sheet = workbook.sheets[sheet_index]
    title = read_title(preamble, convention)
    if progress:
        progress("baca baris", 0, len(main.rows))
    lines = read_lines(sheet.name, main.rows, header, convention, problems)
    if progress:
        progress("baca baris", len(main.rows), len(main.rows))
    if not lines:
        problems.error("tabel E.81 tidak berisi baris data", sheet=sheet.name, row=header.last_row + 1)
        return Parsed(None, problems)

    builder = _Builder(workbook, sheet.name, header, convention, problems, nomenclature, year)
    builder.agency_name = destination.agency_name or title.agency or destination.agency_slug
    quarter = builder.check_period(title, year, quarter)
    builder.quarter = quarter or 4
    goals, objectives, drivers, narratives, plan, average_row, rating_row, follow_ups, notes = _collect(
        all_sections, convention, problems
    )
    builder.objective_names = [o.name for o in objectives]
    builder._objective_keys = {normalise(o.name) for o in objectives}
    roots = builder.tree(lines)
    builder.settle(roots)
    builder.docs(roots)
    builder.summary_tables(goals, objectives, title)
    builder.narratives(narratives)
    builder.plan(plan)
    builder.aggregation_notes(notes)
    decisions = builder.aggregations()
    stated_average = first_number_text(average_row[1], convention) if average_row else ""
    builder.side_average(stated_average)
    if problems.errors or quarter is None:
        if quarter is None:
            problems.error(
                "triwulan laporan tidak diketahui: judul tidak menyebut 'Triwulan I-IV'; berikan --quarter",
                sheet=sheet.name,
            )
        return Parsed(None, problems, decisions, len(lines))
    report = ReportDoc(
        quarter=quarter,
        drivers="\n".join(drivers[0]),
        obstacles="\n".join(drivers[1]),
        follow_up_quarter=follow_ups.get("quarter", ""),
        follow_up_renja=follow_ups.get("renja", ""),
        stated_average=stated_average,
        stated_rating=first_text_after_label(rating_row[1]) if rating_row else "",
    )
    document = PlanDocument(
        region=builder.region(destination, title),
        agency=builder.agency(destination, title),
        strategic_start=0,
        strategic_end=0,
        year=year,
        revision=destination.revision,
        work_plan_label=destination.work_plan_label or ("Renja murni" if destination.revision == 0 else ""),
        report=report,
        tree=builder.roots_docs(roots, title, destination),
        source=Source(file=workbook.filename, checksum=workbook.checksum, sheet=sheet.name),
    )
    document.strategic_start, document.strategic_end = builder.strategic_years(destination, year)
    return Parsed(document, problems, decisions, len(lines))


def _find_main(
    workbook: Workbook, problems: Problems
) -> tuple[int, MainHeader, Section, list[Section], list, Convention] | None:
    collected: list[Section] = []
    result = None
    for index, sheet in enumerate(workbook.sheets):
        convention = detect_convention([cell_text(c) for row in sheet.rows[:2000] for c in row])
        preamble, found = sections(sheet.name, sheet.rows)
        collected.extend(found)
        main = next((s for s in found if s.anchor is Anchor.MAIN), None)
        if main is not None and result is None:
            header = main_header(sheet.name, sheet.rows, main.header_row)
            if not header.measures:
                problems.error(
                    "baris judul tabel ditemukan tetapi kolom Target/Realisasi tidak dikenali",
                    sheet=sheet.name,
                    row=main.header_row,
                )
                continue
            result = (index, header, main, preamble, convention)
    if result is None:
        names = ", ".join(repr(s.name) for s in workbook.sheets)
        problems.error(
            "tidak ditemukan tabel E.81: tidak ada baris judul dengan 'Indikator', 'Target' dan 'Realisasi' "
            f"di sheet {names}"
        )
        return None
    index, header, main, preamble, convention = result
    return index, header, main, collected, preamble, convention


def _collect(all_sections: list[Section], convention: Convention, problems: Problems):  # type: ignore[no-untyped-def]
    goals: list[SummaryIndicator] = []
    objectives: list[SummaryIndicator] = []
    drivers: tuple[list[str], list[str]] = ([], [])
    narrative_sections: list[Section] = []
    plan: list[tuple[list[PlanLine], list[SideFigure]]] = []
    average_row = rating_row = None
    follow_ups: dict[str, str] = {}
    notes: list[AggregationNote] = []
    title_kind = ""
    for section in all_sections:
        anchor = section.anchor
        if anchor is Anchor.GOALS:
            title_kind = "goals"
        elif anchor is Anchor.OBJECTIVES:
            title_kind = "objectives"
        elif anchor is Anchor.INDICATOR_TABLE:
            table = read_indicator_table(section, convention, problems)
            (goals if title_kind == "goals" else objectives).extend(table)
            title_kind = ""
        elif anchor is Anchor.DRIVERS and not drivers[0] and not drivers[1]:
            drivers = read_report_drivers(section)
        elif anchor is Anchor.NARRATIVE:
            narrative_sections.append(section)
        elif anchor is Anchor.PLAN:
            from imports.layout import main_header as header_of

            rows = [section.header_cells] + [cells for _n, cells in section.rows]
            header = header_of(section.sheet, [[]] * (section.header_row - 1) + rows, section.header_row)
            plan.append(read_plan(section, header, convention, problems))
        elif anchor is Anchor.AVERAGE and average_row is None:
            average_row = (section.header_row, section.header_cells)
        elif anchor is Anchor.RATING and rating_row is None:
            rating_row = (section.header_row, section.header_cells)
        elif anchor is Anchor.FOLLOW_UP:
            label = norm(cell_text(next((c for c in section.header_cells if cell_text(c)), "")))
            key = "renja" if "renja" in label else "quarter"
            follow_ups[key] = read_text_block(section)
        elif anchor is Anchor.DRIVERS_TEXT and not drivers[0]:
            drivers = (read_text_block(section).splitlines(), drivers[1])
        elif anchor is Anchor.OBSTACLES_TEXT and not drivers[1]:
            drivers = (drivers[0], read_text_block(section).splitlines())
        elif anchor is Anchor.AGGREGATIONS:
            notes.extend(read_aggregation_table(section))
    narratives = read_narratives(narrative_sections) if narrative_sections else []
    return goals, objectives, drivers, narratives, plan, average_row, rating_row, follow_ups, notes


class _Builder:
    def __init__(
        self,
        workbook: Workbook,
        sheet: str,
        header: MainHeader,
        convention: Convention,
        problems: Problems,
        nomenclature: Nomenclature,
        year: int,
    ) -> None:
        self.workbook = workbook
        self.sheet = sheet
        self.header = header
        self.convention = convention
        self.problems = problems
        self.nomenclature = nomenclature
        self.year = year
        self.quarter = 4
        self.nodes: list[Node] = []
        self.objective_names: list[str] = []
        self._objective_keys: set[str] = set()
        self.line_entries: list[tuple[Line, Node, IndicatorDoc | None]] = []
        self.goal: Node | None = None
        self.side: list[SideFigure] = []
        self.renstra_end: int | None = None
        self.agency_name = ""
        self.confirmed_default: set[int] = set()
        self._plan_index: tuple[list, dict[tuple[str, str], list[int]]] | None = None
        for label in (cell_text(c) for c in self._header_cells()):
            m = re.search(r"target renstra.*?(\d{4})", label.lower())
            if m:
                self.renstra_end = int(m.group(1))

    def _header_cells(self) -> list[object]:
        sheet = next(s for s in self.workbook.sheets if s.name == self.sheet)
        return list(sheet.rows[self.header.row - 1])

    def source(self, row: int | None) -> Source:
        return Source(file=self.workbook.filename, checksum=self.workbook.checksum, sheet=self.sheet, row=row)

    # -- period ----------------------------------------------------------------------------
    def check_period(self, title: Title, year: int, quarter: int | None) -> int | None:
        if title.year is not None and title.year != year:
            self.problems.error(f"berkas melaporkan tahun {title.year}, bukan {year}", sheet=self.sheet, row=title.row)
        if title.quarter is not None:
            if quarter is not None and quarter != title.quarter:
                self.problems.error(
                    f"judul menyebut triwulan {title.quarter} ({title.quarter_text!r}), bukan {quarter}",
                    sheet=self.sheet,
                    row=title.row,
                )
            elif not re.search(r"triwulan", title.quarter_text, re.I):
                self.problems.info(
                    f"judul {title.quarter_text!r} dibaca sebagai Triwulan {title.quarter}",
                    sheet=self.sheet,
                    row=title.row,
                )
            return quarter or title.quarter
        return quarter

    # -- levels and tree -------------------------------------------------------------------
    def tree(self, lines: list[Line]) -> list[Node]:
        roots: list[Node] = []
        objective: Node | None = None
        program: Node | None = None
        activity: Node | None = None
        previous: Node | None = None
        for line in lines:
            if line.is_lone_indicator and not (line.code or (line.has_rp and not line.groups)):
                target = previous
                if target is None:
                    self.problems.error(
                        "indikator tanpa baris program/kegiatan di atasnya", sheet=self.sheet, row=line.row
                    )
                    continue
                if objective is not None and target is not objective and self._is_objective_indicator(line):
                    target = objective
                    self.problems.info(
                        f"indikator {line.indicator[:50]!r} tercatat di tabel Indikator Sasaran: dipasang pada "
                        f"sasaran {objective.name[:50]!r}",
                        sheet=self.sheet,
                        row=line.row,
                    )
                target.indicator_lines.append(line)
                continue
            level, note = self.level_of(line, previous, program, activity)
            name = line.name or line.objective or line.indicator
            node = Node(line=line, level=level, name=name, match_note=note)
            if line.indicator and (line.name or line.objective):
                node.indicator_lines.append(line)
            elif not line.name and not line.objective:
                node.indicator_lines.append(line)
            parent = {
                Level.OBJECTIVE: None,
                Level.PROGRAM: objective,
                Level.ACTIVITY: program,
                Level.SUB_ACTIVITY: activity,
            }[level]
            if level is Level.OBJECTIVE:
                objective, program, activity = node, None, None
            elif level is Level.PROGRAM:
                program, activity = node, None
            elif level is Level.ACTIVITY:
                activity = node
                if program is None:
                    self.problems.warning("kegiatan tanpa program di atasnya", sheet=self.sheet, row=line.row)
            elif activity is None:
                self.problems.warning("sub kegiatan tanpa kegiatan di atasnya", sheet=self.sheet, row=line.row)
                parent = program
            node.parent = parent
            (parent.children if parent else roots).append(node)
            self.nodes.append(node)
            previous = node
        return roots

    def _is_objective_indicator(self, line: Line) -> bool:
        return any(similar(line.indicator, n, 0.9) for n in self.objective_names) or (
            not line.has_rp
            and line.chosen.get("7") is not None
            and line.chosen["7"].unit == "%"
            and not any(q in line.chosen for q in ("q1", "q2", "q3", "q4"))
        )

    def level_of(
        self, line: Line, previous: Node | None, program: Node | None, activity: Node | None
    ) -> tuple[Level, str]:
        if line.code:
            parts = line.code.split(".")
            level = _LEVEL_BY_PARTS.get(len(parts))
            if level is not None:
                problem = code_problem(line.code, level, year=self.year)
                if problem:
                    self.problems.error(problem, sheet=self.sheet, row=line.row, field="Kode")
                return level, ""
            self.problems.error(
                f"kode {line.code!r} bukan kode program/kegiatan/sub kegiatan",
                sheet=self.sheet,
                row=line.row,
                field="Kode",
            )
        if line.objective and not line.name:
            return Level.OBJECTIVE, ""
        if line.no and not line.grid and not line.has_rp:
            return Level.OBJECTIVE, ""
        name = line.name or line.indicator
        if norm(name).startswith("program"):
            return Level.PROGRAM, self._typo_note(name, Level.PROGRAM)
        match = self.nomenclature.match(name)
        if match is not None and match.known.level in (Level.ACTIVITY, Level.SUB_ACTIVITY):
            note = ""
            if not match.exact:
                note = f"nama {name[:60]!r} dibaca sebagai nomenklatur {match.known.name!r}"
                if match.known.code and not match.known.code.endswith("?"):
                    note += f" ({match.known.code})"
                self.problems.info(note + "; nama dari berkas dipakai", sheet=self.sheet, row=line.row)
            return match.known.level, note
        return self._structural_level(line, previous, activity), ""

    def _typo_note(self, name: str, level: Level) -> str:
        match = self.nomenclature.match(name, level)
        if match is not None and not match.exact:
            self.problems.info(f"nama {name[:60]!r} mirip nomenklatur {match.known.name!r}", sheet=self.sheet)
        return ""

    def _structural_level(self, line: Line, previous: Node | None, activity: Node | None) -> Level:
        """No code and no known name: the first row under a program is a kegiatan; then sub kegiatan
        until their pagu adds up to the kegiatan's, after which the next row is a kegiatan again."""
        if previous is None or previous.level in (Level.OBJECTIVE, Level.PROGRAM):
            return Level.ACTIVITY
        if activity is None:
            return Level.ACTIVITY
        subs = [c for c in activity.children if c.level is Level.SUB_ACTIVITY]
        if activity.pagu is not None and subs and all(s.pagu is not None for s in subs):
            if sum((s.pagu for s in subs if s.pagu is not None), Decimal(0)) >= activity.pagu:
                return Level.ACTIVITY
        return Level.SUB_ACTIVITY

    # -- budget consistency ----------------------------------------------------------------
    def settle(self, roots: list[Node]) -> None:
        """Choose shifted quarters so that parents' Rp agree with their children's sums, top-down."""

        def options(node: Node) -> list:
            line = node.line
            if line is None or line.grid or not line.options:
                return [(0.0, line.chosen if line else {})]
            return line.options

        def visit(node: Node, fixed: bool) -> None:
            kids = [c for c in node.children if c.line is not None and c.level.carries_budget]
            if node.line is not None and node.level.carries_budget and kids:
                own = [(0.0, node.line.chosen)] if fixed else options(node)
                p_index, picks = choose_family(own, [options(k) for k in kids])
                node.line.chosen = own[p_index][1]
                for kid, pick in zip(kids, picks, strict=True):
                    if kid.line is not None:
                        kid.line.chosen = options(kid)[pick][1]
                for kid in kids:
                    visit(kid, True)
            else:
                for kid in node.children:
                    visit(kid, False)

        for root in roots:
            visit(root, False)

    # -- documents -------------------------------------------------------------------------
    def docs(self, roots: list[Node]) -> None:
        for node in self.nodes:
            line = node.line
            assert line is not None
            row = RowDoc(level=node.level, name=node.name, code=line.code, source=self.source(line.row))
            if node.level.carries_budget:
                row.strategic_budget = _rp(line, "5")
                row.prior_budget = _rp(line, "6")
                row.budget = _rp(line, "7")
                row.budget_quarters = tuple(_rp(line, q) for q in ("q1", "q2", "q3", "q4"))  # type: ignore[assignment]
                row.stated_budget = self._stated(line, "Rp", budget_row=True)
                row.responsible_unit = line.extra.get("responsible", "")
                row.funding_source = line.extra.get("funding", "")
            elif line.has_rp:
                self.problems.warning(
                    f"angka Rp pada baris {LEVEL_WORD[node.level]} diabaikan: pagu milik program/kegiatan",
                    sheet=self.sheet,
                    row=line.row,
                )
            node.doc = row
            for index, ind_line in enumerate(node.indicator_lines):
                indicator = self._indicator(ind_line, node)
                row.indicators.append(indicator)
                self.line_entries.append((ind_line, node, indicator))
                if index > 0 and ind_line.has_rp:
                    self.problems.warning(
                        "angka Rp pada indikator kedua diabaikan: satu baris punya satu pagu",
                        sheet=self.sheet,
                        row=ind_line.row,
                    )
            if not node.indicator_lines:
                self.line_entries.append((line, node, None))
        for node in self.nodes:
            for child in node.children:
                assert node.doc is not None and child.doc is not None
                node.doc.children.append(child.doc)
        self.line_entries.sort(key=lambda e: e[0].row)

    def _indicator(self, line: Line, node: Node) -> IndicatorDoc:
        ind = IndicatorDoc(name=line.indicator or node.name, source=self.source(line.row))
        ind.unit = self._unit(line)
        ind.strategic_target = _k(line, "5")
        ind.prior_realization = _k(line, "6")
        ind.target = _k(line, "7")
        ind.quarters = tuple(_k(line, q) for q in ("q1", "q2", "q3", "q4"))  # type: ignore[assignment]
        ind.stated = self._stated(line, "K", budget_row=node.level.carries_budget)
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
                if self.quarter == 4:
                    ind.quarters = (None, None, None, annual)
            elif all(q is None for q in ind.quarters[:3]) and ind.quarters[3] is not None:
                ind.periodicity = Periodicity.ANNUAL
        self._check_numbers(line)
        return ind

    def _unit(self, line: Line) -> str:
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
                self.problems.warning(
                    f"satuan {group.unit!r} berbeda dari {first!r}",
                    sheet=self.sheet,
                    row=line.row,
                    column=group.k.column,
                    field=MEASURE_LABELS[measure],
                )
        return first

    def _check_numbers(self, line: Line) -> None:
        for measure, group in line.chosen.items():
            for token in (group.k, group.rp):
                if token is not None and token.value is not None and token.value < 0:
                    self.problems.error(
                        f"angka negatif {token.text!r}",
                        sheet=self.sheet,
                        row=line.row,
                        column=token.column,
                        field=MEASURE_LABELS[measure],
                    )

    def _stated(self, line: Line, measure: str, *, budget_row: bool) -> dict[Stated, str]:
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

    # -- the tables around ----------------------------------------------------------------
    def summary_tables(self, goals: list[SummaryIndicator], objectives: list[SummaryIndicator], title: Title) -> None:
        rkpd = title.rkpd_indicators
        objective_indicators = [
            (node, ind) for line, node, ind in self.line_entries if node.level is Level.OBJECTIVE and ind is not None
        ]
        by_name = {normalise(ind.name): (node, ind) for node, ind in objective_indicators}
        for item in objectives:
            best = by_name.get(normalise(item.name))
            if best is None:
                near = [p for p in objective_indicators if similar(p[1].name, item.name, 0.85)]
                best = max(near, key=lambda p: similarity(p[1].name, item.name), default=None)
            if best is None:
                self.problems.warning(
                    f"indikator sasaran {item.name[:60]!r} tidak ditemukan di tabel utama: tidak diimpor",
                    sheet=self.sheet,
                    row=item.row,
                )
                continue
            _node, ind = best
            ind.formula = ind.formula or item.formula
            self._summary_figures(ind, item)
            if any(similar(item.name, r, 0.9) for r in rkpd):
                ind.refers_to_rkpd = True
        if goals:
            name = f"Tujuan Renstra {self.agency_name}"
            self.goal = Node(line=None, level=Level.GOAL, name=name)
            self.goal.doc = RowDoc(level=Level.GOAL, name=name, source=self.source(goals[0].row))
            for item in goals:
                unit = "%" if norm(item.name).startswith("persentase") else ""
                for name, target in zip(title.rkpd_indicators, title.rkpd_targets, strict=False):
                    if similar(name, item.name, 0.9) and target.strip().endswith("%"):
                        unit = "%"
                ind = IndicatorDoc(
                    name=item.name,
                    unit=unit,
                    formula=item.formula,
                    periodicity=Periodicity.ANNUAL,
                    refers_to_rkpd=any(similar(item.name, r, 0.9) for r in rkpd),
                    source=self.source(item.row),
                )
                ind.target = item.target.value if item.target else None
                if item.realization is not None:
                    ind.quarters = (None, None, None, item.realization.value) if self.quarter == 4 else ind.quarters
                if item.achievement is not None:
                    ind.stated[Stated.ANNUAL_ACHIEVEMENT] = item.achievement.number_text
                self.goal.doc.indicators.append(ind)
        known = [i.name for _l, _n, i in self.line_entries if i is not None]
        if self.goal and self.goal.doc:
            known += [i.name for i in self.goal.doc.indicators]
        exact = {normalise(k) for k in known}
        for name in rkpd:
            if normalise(name) not in exact and not any(similar(name, k, 0.9) for k in known):
                self.problems.warning(
                    f"indikator RKPD {name[:60]!r} tidak ditemukan di tabel mana pun", sheet=self.sheet
                )

    def _summary_figures(self, ind: IndicatorDoc, item: SummaryIndicator) -> None:
        if item.achievement is not None:
            ind.stated[Stated.ANNUAL_ACHIEVEMENT] = item.achievement.number_text
        if item.target is not None:
            if ind.target is None:
                ind.target = item.target.value
            elif ind.target != item.target.value:
                self.problems.warning(
                    f"target {item.target.text} berbeda dari target di tabel utama ({ind.target})",
                    sheet=self.sheet,
                    row=item.row,
                    column=item.target.column,
                    field="Target",
                )
        if item.realization is not None:
            annual = ind.quarters[3] if ind.periodicity is Periodicity.ANNUAL else None
            if annual is None and all(q is None for q in ind.quarters) and self.quarter == 4:
                ind.periodicity = Periodicity.ANNUAL
                ind.quarters = (None, None, None, item.realization.value)
            elif annual is not None and annual != item.realization.value:
                self.problems.warning(
                    f"realisasi {item.realization.text} berbeda dari tabel utama ({annual})",
                    sheet=self.sheet,
                    row=item.row,
                    column=item.realization.column,
                    field="Realisasi",
                )

    def narratives(self, narratives: list[Narrative]) -> None:
        """Match the narrative table printed below the main one to the main table's lines, in order:
        Sumber Dana lines go to sub kegiatan, Pendorong / Penghambat lines to sasaran and programs."""
        if not narratives:
            return
        entries = self.line_entries
        cursor = 0
        last_program_funding: dict[int, str] = {}
        for item in narratives:
            index = cursor
            while index < len(entries):
                line, node, ind = entries[index]
                is_main = node.line is line or ind is None
                if item.only_funding:
                    if node.level is Level.SUB_ACTIVITY and is_main:
                        break
                elif node.level not in (Level.ACTIVITY, Level.SUB_ACTIVITY):
                    break
                index += 1
            if index >= len(entries):
                self.problems.warning(
                    "baris tabel sumber dana/faktor tidak dapat dipasangkan dengan baris tabel utama",
                    sheet=self.sheet,
                    row=item.row,
                )
                continue
            line, node, ind = entries[index]
            cursor = index + 1
            assert node.doc is not None
            if item.funding:
                node.doc.funding_source = item.funding
                program = _ancestor(node, Level.PROGRAM)
                if program is not None:
                    last_program_funding[id(program)] = item.funding
            if item.responsible:
                node.doc.responsible_unit = item.responsible
            target = ind or (node.doc.indicators[0] if node.doc.indicators else None)
            if target is not None:
                target.drivers = item.drivers or target.drivers
                target.obstacles = item.obstacles or target.obstacles
        filled = []
        for _line, node, _ind in entries[cursor:]:
            program = _ancestor(node, Level.PROGRAM)
            if node.level is Level.SUB_ACTIVITY and node.doc and not node.doc.funding_source and program:
                funding = last_program_funding.get(id(program))
                if funding:
                    node.doc.funding_source = funding
                    filled.append(node)
        if filled:
            self.problems.warning(
                f"sumber dana tidak tertulis untuk {len(filled)} sub kegiatan terakhir; diisi "
                f"{filled[0].doc.funding_source!r} dari baris di atasnya (sel gabungan): "  # type: ignore[union-attr]
                + ", ".join(n.name[:40] for n in filled),
                sheet=self.sheet,
            )

    def plan(self, plans: list[tuple[list[PlanLine], list[SideFigure]]]) -> None:
        candidates = [(line, node, ind) for line, node, ind in self.line_entries if ind is not None]
        position = 0
        for lines, side in plans:
            self.side.extend(side)
            for item in lines:
                if item.target is None and not item.has_quarters:
                    continue
                found = self._plan_match(item, candidates, position)
                if found is None:
                    self.problems.warning(
                        f"baris Rencana Aksi {item.indicator[:50]!r} tidak cocok dengan indikator mana pun",
                        sheet=self.sheet,
                        row=item.row,
                    )
                    continue
                position, (_line, _node, ind) = found[0], found[1]
                assert ind is not None
                if item.target is not None:
                    ind.stated[Stated.ACTION_PLAN_TARGET] = item.target.number_text
                    ind.action_plan_unit = item.target.unit if item.target.kind.value == "number_unit" else ""
                ind.action_plan = tuple(t.value if t is not None else None for t in item.quarters)  # type: ignore[assignment]
        programs = [n for n in self.nodes if n.level is Level.PROGRAM and n.doc and n.doc.indicators]
        for figure in self.side:
            if not figure.name:
                continue
            best = max(programs, key=lambda n: similarity(n.name, figure.name), default=None)
            if best is None or similarity(best.name, figure.name) < 0.9:
                self.problems.warning(
                    f"capaian {figure.value} untuk {figure.name[:50]!r} tidak cocok dengan program mana pun",
                    sheet=self.sheet,
                    row=figure.row,
                )
                continue
            assert best.doc is not None
            best.doc.indicators[0].stated[Stated.ANNUAL_ACHIEVEMENT] = figure.value

    def _plan_match(self, item: PlanLine, candidates: list, position: int):  # type: ignore[no-untyped-def]
        """The indicator a Rencana Aksi line is about: the same names first (the next one in order),
        then the most similar names near the expected place."""
        if not candidates:
            return None
        if self._plan_index is None or self._plan_index[0] is not candidates:
            index: dict[tuple[str, str], list[int]] = {}
            for i, (_line, node, ind) in enumerate(candidates):
                index.setdefault((normalise(ind.name), normalise(node.name)), []).append(i)
                index.setdefault((normalise(ind.name), ""), []).append(i)
            self._plan_index = (candidates, index)
        exact = self._plan_index[1].get((normalise(item.indicator), normalise(item.name)), [])
        if exact:
            at = bisect_left(exact, position)
            chosen = exact[at] if at < len(exact) else exact[0]
            return chosen + 1, candidates[chosen]

        def score(entry: tuple[Line, Node, IndicatorDoc | None]) -> float:
            _line, node, ind = entry
            assert ind is not None
            if not similar(ind.name, item.indicator, 0.7):
                return 0.0
            s = similarity(ind.name, item.indicator)
            return s + similarity(node.name, item.name) if item.name else 2 * s

        windows = [range(max(0, position - 20), min(len(candidates), position + 40))]
        if len(candidates) <= 200:
            windows.append(range(len(candidates)))
        for window in windows:
            best_index, best_score = None, 0.0
            for i in window:
                s = score(candidates[i])
                if s > best_score + 1e-9:
                    best_index, best_score = i, s
            if best_index is not None and best_score >= 1.6:
                return best_index + 1, candidates[best_index]
        return None

    def side_average(self, stated: str) -> None:
        for figure in self.side:
            if not figure.name and stated and Decimal(figure.value) != Decimal(stated):
                self.problems.warning(
                    f"rata-rata {figure.value} di samping tabel Rencana Aksi berbeda dari {stated}",
                    sheet=self.sheet,
                    row=figure.row,
                )

    def aggregation_notes(self, notes: list[AggregationNote]) -> None:
        """This project's export lists each indicator's aggregation and direction: take them as given
        (a "(bawaan)" one stays the default)."""
        if not notes:
            return
        from reporting.labels import AGGREGATION, DIRECTION

        by_label = {norm(label): agg for agg, label in AGGREGATION.items()}
        entries = [(n, i) for _l, n, i in self.line_entries if i is not None]
        if self.goal is not None and self.goal.doc is not None:
            entries += [(self.goal, i) for i in self.goal.doc.indicators]
        index: dict[tuple[str, str], list[tuple[Node, IndicatorDoc]]] = {}
        for node, ind in entries:
            row_name = normalise(node.doc.name if node.doc else node.name)
            index.setdefault((normalise(ind.name), row_name), []).append((node, ind))
            index.setdefault((normalise(ind.name), ""), []).append((node, ind))
        used: set[int] = set()
        for note in notes:
            candidates = index.get((normalise(note.indicator), normalise(note.row_name)), [])
            found = [(node, ind) for node, ind in candidates if id(ind) not in used][:1]
            if not found:
                self.problems.warning(
                    f"agregasi untuk {note.indicator[:50]!r} tidak cocok dengan indikator mana pun", row=note.row
                )
                continue
            _node, ind = found[0]
            used.add(id(ind))
            label = norm(note.aggregation)
            agg = next((a for text, a in by_label.items() if label.startswith(text)), None)
            if agg is not None and "bawaan" not in label:
                ind.aggregation = agg
            elif agg is not None:
                self.confirmed_default.add(id(ind))
            if note.direction:
                for direction, text in DIRECTION.items():
                    if norm(text).split()[0] == norm(note.direction).split()[0]:
                        ind.direction = direction

    # -- aggregation -----------------------------------------------------------------------
    def aggregations(self) -> list[Decision]:
        """Take the aggregation that reproduces the printed annual value; where none does, the one all
        its sibling rows share; otherwise the default of DOMAIN.md section 4."""
        decisions: list[Decision] = []
        if self.goal is not None and self.goal.doc is not None:
            for ind in self.goal.doc.indicators:
                agg = ind.aggregation or default_aggregation(ind.name, ind.unit)
                row = ind.source.row if ind.source and ind.source.row else 0
                decisions.append(Decision(self.sheet, row, self.goal.name, ind.name, agg, "tahunan"))
        pending: list[tuple[Line, Node, IndicatorDoc]] = []
        inferred: dict[int, Aggregation] = {}
        for line, node, ind in self.line_entries:
            if ind is None:
                continue
            if ind.aggregation is not None:
                decisions.append(Decision(self.sheet, line.row, node.name, ind.name, ind.aggregation, "kolom agregasi"))
                continue
            if ind.periodicity is Periodicity.ANNUAL or id(ind) in self.confirmed_default:
                agg = default_aggregation(ind.name, ind.unit)
                how = "tahunan" if ind.periodicity is Periodicity.ANNUAL else "kolom agregasi"
                decisions.append(Decision(self.sheet, line.row, node.name, ind.name, agg, how))
                continue
            stated = ind.stated.get(Stated.ANNUAL_REALIZATION)
            if stated is None:
                agg = default_aggregation(ind.name, ind.unit)
                decisions.append(Decision(self.sheet, line.row, node.name, ind.name, agg, "bawaan"))
                continue
            matches = matching_aggregations(ind.quarters, Decimal(stated))
            if matches:
                ind.aggregation = matches[0]
                inferred[id(ind)] = matches[0]
                others = ", ".join(m.value for m in matches[1:])
                decisions.append(
                    Decision(
                        self.sheet,
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
                        self.sheet,
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
                        self.sheet,
                        line.row,
                        node.name,
                        ind.name,
                        agg,
                        "bawaan",
                        f"tidak ada agregasi yang menghasilkan {ind.stated[Stated.ANNUAL_REALIZATION]}",
                    )
                )
        return decisions

    # -- the document's frame --------------------------------------------------------------
    def region(self, destination: Destination, title: Title) -> RegionDoc:
        if destination.region_slug:
            return RegionDoc(
                slug=destination.region_slug,
                name=destination.region_name,
                kind=destination.region_kind or "kabupaten",
                place=destination.region_place,
            )
        if not title.region:
            self.problems.error(
                "pemda belum ada dan judul berkas tidak menyebut Kabupaten/Kota/Provinsi; berikan --region",
                sheet=self.sheet,
            )
            return RegionDoc(slug="", name="")
        return RegionDoc(slug=slugify(title.place)[:50], name=title.region, kind=title.region_kind, place=title.place)

    def agency(self, destination: Destination, title: Title) -> AgencyDoc:
        name = destination.agency_name or title.agency
        if not name:
            name = destination.agency_slug.replace("-", " ").title()
            self.problems.warning(
                f"judul berkas tidak menyebut nama perangkat daerah; dinamai {name!r}", sheet=self.sheet
            )
        return AgencyDoc(slug=destination.agency_slug, name=name)

    def strategic_years(self, destination: Destination, year: int) -> tuple[int, int]:
        if destination.strategic is not None:
            start, end = destination.strategic
            if self.renstra_end is not None and self.renstra_end != end:
                self.problems.warning(
                    f"judul kolom 5 menyebut Renstra sampai {self.renstra_end}, Renstra tersimpan {start}-{end}",
                    sheet=self.sheet,
                    row=self.header.row,
                )
            return destination.strategic
        if self.renstra_end is not None and self.renstra_end - 4 <= year <= self.renstra_end:
            return self.renstra_end - 4, self.renstra_end
        self.problems.info(
            f"periode Renstra tidak tertulis; dianggap {year}-{year + 4}", sheet=self.sheet, row=self.header.row
        )
        return year, year + 4

    def roots_docs(self, roots: list[Node], title: Title, destination: Destination) -> list[RowDoc]:
        docs = [n.doc for n in roots if n.doc is not None]
        if self.goal is not None and self.goal.doc is not None:
            self.goal.doc.children = docs
            return [self.goal.doc]
        return docs


def _ancestor(node: Node, level: Level) -> Node | None:
    current: Node | None = node
    while current is not None and current.level is not level:
        current = current.parent
    return current


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
