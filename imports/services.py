"""``import_report``: a spreadsheet file -> (dry run) the changes and problems, or the data written.

parse -> validate -> reconcile (``imports.stages.reconcile``: every figure placed, the printed totals recomputed;
a sheet not read right is refused) -> ``PlanDocument`` -> ``document_load``, all in one transaction: a
file with an error writes nothing, a dry run rolls back after computing the changes and the report's findings, and
a second import of the same file changes nothing.  The printed totals, achievements and average are
not imported as data: they are kept as statements and the report compares them with its own figures.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction

from audit.services import audit_record
from domain.types import Level
from imports.nomenclature import Name, Nomenclature
from imports.pipeline import Decision, Destination, Located, Parsed, parse_e81
from imports.problems import Problem, Problems, Severity
from imports.stages.documents.cell_limits import document_limits
from imports.stages.load.confirmations import deletion_problems, destination_problem, removed_values
from imports.stages.map.column_map import ColumnMap
from imports.stages.read.readers import FileRefused, Workbook, read_workbook
from imports.stages.reconcile import Reconciliation, reconcile
from planning.documents import PlanDocument
from planning.errors import ServiceError
from planning.models import Agency, PlanRow, StrategicPlan, WorkPlan
from planning.services.documents import Change, document_load

Progress = Callable[[str, int, int], None]


@dataclass
class ImportResult:
    filename: str
    checksum: str = ""
    agency_slug: str = ""
    year: int = 0
    quarter: int | None = None
    dry_run: bool = True
    written: bool = False
    problems: list[Problem] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    deletions: list[Change] = field(default_factory=list)  # stored values the file would remove
    other_destination: bool = False  # the title names another PD or pemda
    line_count: int = 0
    seconds: float = 0.0
    reconciliation: Reconciliation | None = None  # what was placed, checked against the sheet
    document: PlanDocument | None = field(default=None, repr=False)  # what was read (for a history's summary)
    column_map: ColumnMap | None = field(default=None, repr=False)  # the map stage's output (or the mapping used)
    stored_mapping: bool = False  # the pemda's stored mapping for this header shape was used

    @property
    def needs_mapping(self) -> bool:
        """Refused because the sheet was not read right: the mapping step is the way on."""
        return self.reconciliation is not None and self.reconciliation.refused

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors


def destination_for(agency_slug: str, year: int, region_slug: str | None = None) -> Destination:
    agency = Agency.objects.select_related("region").filter(slug=agency_slug).first()
    if agency is None:
        from planning.models import Region

        region = Region.objects.filter(slug=region_slug).first() if region_slug else None
        if region is not None:
            return Destination(
                agency_slug=agency_slug,
                region_slug=region.slug,
                region_name=region.name,
                region_kind=region.kind,
                region_place=region.place,
            )
        return Destination(agency_slug=agency_slug)
    destination = Destination(
        agency_slug=agency.slug,
        agency_name=agency.name,
        agency_short_name=agency.short_name,
        region_slug=agency.region.slug,
        region_name=agency.region.name,
        region_kind=agency.region.kind,
        region_place=agency.region.place,
    )
    plan = (
        StrategicPlan.objects.filter(agency=agency, start_year__lte=year, end_year__gte=year)
        .order_by("-start_year")
        .first()
    )
    if plan is not None:
        destination.strategic = (plan.start_year, plan.end_year)
        work_plan = (
            WorkPlan.objects.filter(strategic_plan=plan, year=year, is_active=True).order_by("-revision").first()
        )
        if work_plan is not None:
            destination.revision, destination.work_plan_label = work_plan.revision, work_plan.label
    return destination


def nomenclature_for(destination: Destination) -> Nomenclature:
    """The built-in names plus the coded rows the pemda already has."""
    names: list[Name] = []
    if destination.region_slug:
        rows = (
            PlanRow.objects.filter(strategic_plan__agency__region__slug=destination.region_slug)
            .exclude(code="")
            .values_list("code", "level", "name")
            .distinct()[:5000]
        )
        names = [Name(code, Level(level), name) for code, level, name in rows]
    return Nomenclature(names)


def import_report(
    *,
    data: bytes,
    filename: str,
    agency_slug: str,
    year: int,
    quarter: int | None = None,
    actor: Any = None,
    dry_run: bool = True,
    region_slug: str | None = None,
    progress: Progress | None = None,
    allow_delete: bool = False,
    confirm_other_agency: bool = False,
    mapping: ColumnMap | None = None,  # a confirmed column map replacing the detection (imports.stages.map.column_map)
    in_batch: bool = False,
) -> ImportResult:
    """Read ``data`` as an E.81 workbook for ``agency_slug``'s ``year`` and, unless ``dry_run``, write it.

    Never raises for a bad file: every problem is in ``result.problems`` with its place, and nothing is
    written when any of them is an error.  Deleting stored values (cells left blank) needs
    ``allow_delete``, and a title naming another PD or pemda ``confirm_other_agency``; the dry run lists
    what each would confirm.

    ``in_batch`` (with ``dry_run``): the dry run of one file of a history, inside the history's own
    transaction; its writes are left in place (in this file's savepoint) for the caller to roll back at
    the end, so that the next file of the batch is compared with this one as the batch would save it.
    """
    with _collector_paused():
        return _import_report(
            data=data,
            filename=filename,
            agency_slug=agency_slug,
            year=year,
            quarter=quarter,
            actor=actor,
            dry_run=dry_run,
            region_slug=region_slug,
            progress=progress,
            allow_delete=allow_delete,
            confirm_other_agency=confirm_other_agency,
            mapping=mapping,
            in_batch=in_batch,
        )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the length of one import, and on again after it.

    A 10,000-line import keeps about a million objects alive at once (tokens, lines, documents, model
    rows, change records) and contains almost no reference cycles; every full collection walks all of
    them, which cost 3-5 s of CPU of a 12-13 s import (measured: ``docs/import.md``, "Measured").  The
    objects are freed by reference counting as usual; whatever cycles the import left are collected
    by the first collection after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import_report(
    *,
    data: bytes,
    filename: str,
    agency_slug: str,
    year: int,
    quarter: int | None,
    actor: Any,
    dry_run: bool,
    region_slug: str | None,
    progress: Progress | None,
    allow_delete: bool,
    confirm_other_agency: bool,
    mapping: ColumnMap | None,
    in_batch: bool,
) -> ImportResult:
    started = time.perf_counter()
    result = ImportResult(filename=filename, agency_slug=agency_slug, year=year, quarter=quarter, dry_run=dry_run)

    def step(name: str, done: int, total: int) -> None:
        if progress:
            progress(name, done, total)

    try:
        step("membaca berkas", 0, 1)
        workbook = read_workbook(
            data,
            filename,
            max_bytes=settings.KINERJA_MAX_UPLOAD_BYTES,
            max_rows=settings.KINERJA_MAX_IMPORT_ROWS,
        )
        step("membaca berkas", 1, 1)
    except FileRefused as exc:
        result.problems = [Problem(str(exc))]
        return _done(result, started)
    result.checksum = workbook.checksum
    destination = destination_for(agency_slug, year, region_slug)
    nomenclature = nomenclature_for(destination)
    located: Located | None = None
    if mapping is None:
        mapping, located = _stored_mapping(workbook, destination, actor)
        result.stored_mapping = mapping is not None
    parsed = parse_e81(
        workbook,
        destination=destination,
        year=year,
        quarter=quarter,
        nomenclature=nomenclature,
        progress=progress,
        mapping=mapping,
        located=located,
    )
    result.problems = list(parsed.problems)
    result.decisions = parsed.decisions
    result.column_map = parsed.column_map
    result.line_count = parsed.line_count
    if parsed.document is not None and not parsed.problems.errors:
        document_limits(parsed.document, parsed.problems)  # names, codes and the rest, before any write
        result.problems = list(parsed.problems)
    if result.stored_mapping:
        result.problems.insert(0, Problem("pemetaan kolom tersimpan dipakai", severity=Severity.INFO))
    locked = _locked_quarter(parsed, agency_slug)
    if locked is not None:  # named first: whatever else is wrong with the file, this quarter cannot change
        result.problems.append(Problem(locked))
    if parsed.document is not None and not result.errors:
        step("mencocokkan angka", 0, 1)
        result.reconciliation = _reconcile(parsed, workbook, nomenclature)
        result.problems.extend(result.reconciliation.problems())
        step("mencocokkan angka", 1, 1)
    other = destination_problem(
        parsed.title, parsed.sheet, destination, dry_run=dry_run, confirmed=confirm_other_agency
    )
    if other is not None:
        result.problems.append(other)
        result.other_destination = True
    result.document = parsed.document
    if parsed.document is None or result.errors:
        return _done(result, started)
    document = parsed.document
    result.quarter = document.report.quarter if document.report else quarter
    try:
        step("menyimpan", 0, 1)
        with transaction.atomic():
            load = document_load(
                document=document,
                actor=actor,
                reason=f"impor {workbook.filename}",
                dry_run=False,
                limits_checked=True,  # document_limits above checked this document, naming each cell
            )
            result.changes = load.changes
            result.problems.extend(Problem(note, severity=Severity.WARNING) for note in load.notes)
            result.deletions = removed_values(load.changes)
            refusal = deletion_problems(result.deletions, dry_run=dry_run, allowed=allow_delete)
            result.problems.extend(refusal)
            if any(p.severity is Severity.ERROR for p in refusal):
                transaction.set_rollback(True)
                result.changes = []
                return _done(result, started)
            step("menyimpan", 1, 1)
            if dry_run:  # after a real import the report itself shows them
                step("menghitung laporan", 0, 1)
                result.findings = _findings(load.agency, year, result.quarter or 4)
                step("menghitung laporan", 1, 1)
            if load.changes and not dry_run:
                audit_record(
                    actor=actor,
                    action="import",
                    model="ImportFile",
                    object_id=workbook.checksum[:60],
                    region=load.agency.region_id,
                    summary=f"{workbook.filename} -> {agency_slug} {year} TW {result.quarter}",
                    after={
                        "file": workbook.filename,
                        "checksum": workbook.checksum,
                        "changes": len(load.changes),
                        "aggregations": [
                            {"row": d.row, "indicator": d.indicator, "aggregation": d.aggregation.value, "how": d.how}
                            for d in parsed.decisions
                        ],
                        "warnings": [str(p) for p in parsed.problems.warnings],
                    },
                    reason=f"impor {workbook.filename}",
                    source=document.source.describe(),
                )
            if dry_run and not in_batch:
                transaction.set_rollback(True)
    except ServiceError as exc:
        result.problems.append(Problem(str(exc)))
        result.changes = []
        return _done(result, started)
    result.written = not dry_run
    return _done(result, started)


def _stored_mapping(
    workbook: Workbook, destination: Destination, actor: Any = None
) -> tuple[ColumnMap | None, Located | None]:
    """The pemda's confirmed mapping for the header shape of this file (locate and map stages only),
    and the table located on the way (None when locate did not run), for ``parse_e81`` to reuse: the
    locate stage is a large part of a big import's parse and gives the same table and problems again.

    The pemda is the destination's; for a new PD (no pemda given) the one the file's title names, when
    it exists and ``actor`` may import for it (``imports.mappings.region_for_title``)."""
    from imports.mappings import mapping_for, region_for_title
    from imports.stages.locate.tables import read_title
    from imports.stages.locate.workbook_sections import find_main_table
    from imports.stages.map.detect import column_map_of
    from planning.models import Region

    region = Region.objects.filter(slug=destination.region_slug).first() if destination.region_slug else None
    located: Located | None = None

    def locate() -> Located:
        problems = Problems()
        return Located(find_main_table(workbook, problems), problems)

    if region is None:
        located = locate()
        if located.table is None:
            return None, located
        region = region_for_title(read_title(located.table.preamble, located.table.convention), actor)
    if region is None or not region.column_mappings.exists():
        return None, located
    located = located or locate()
    main = located.table
    return (mapping_for(region, column_map_of(main.header).signature) if main is not None else None), located


def _locked_quarter(parsed: Parsed, agency_slug: str) -> str | None:
    """The lock message when the file's quarter was approved (document_load refuses it too, but only
    after reconcile, which may refuse the same file for a symptom of it, e.g. figures past the quarter)."""
    from quarters.locks import lock_message, locked_quarters

    document = parsed.document
    if document is None or document.report is None:
        return None
    agency = Agency.objects.filter(slug=agency_slug).first()
    if agency is None or document.report.quarter not in locked_quarters(agency=agency, year=document.year):
        return None
    return lock_message(agency=agency, year=document.year, quarters=[document.report.quarter])


def _reconcile(parsed: Parsed, workbook: Workbook, nomenclature: Nomenclature) -> Reconciliation:
    assert parsed.table is not None and parsed.document is not None
    report = parsed.document.report
    # the map stage's "helper" columns, and those a person chose to ignore, are known: their numbers
    # are not placed on purpose
    column_map = parsed.column_map
    helpers: list[int] = []
    if column_map is not None:
        helpers = [
            c.column
            for c in column_map.columns
            if c.meaning == "helper" or (c.meaning == "ignore" and (column_map.confirmed or c.confidence >= 1))
        ]
    return reconcile(
        parsed.table,
        workbook.sheets[parsed.table.sheet_index].rows,
        parsed.lines,
        quarter=report.quarter if report else None,
        nomenclature=nomenclature,
        helper_columns=helpers,
    )


def _findings(agency: Agency | None, year: int, quarter: int) -> list[dict[str, Any]]:
    if agency is None:
        return []
    from reporting.renderers.json_report import finding_to_dict
    from reporting.report import report_build

    report = report_build(agency=agency, year=year, quarter=quarter)
    return [finding_to_dict(f) for f in report.evaluation.findings]


def _done(result: ImportResult, started: float) -> ImportResult:
    result.seconds = time.perf_counter() - started
    return result
