"""A pemda's history at once: several E.81 files (or a zip of them), each matched to its PD, year and
quarter, each imported all or nothing, and one summary of what the files say differently.

1. ``unpack``: the uploaded files, a zip opened through the same guards as a workbook's archive
   (``imports.stages.read.archive``: declared sizes, ratio, every member inflated under its declared size and CRC),
   refused whole when it holds another zip, too many members or a bomb;
2. ``match_file``: the PD, year and quarter from the file's title block (``imports.stages.locate.tables.read_title``),
   else from its name (``...-tw4-2021-...``), else from what the person gave for all files; a file
   that cannot be matched is listed with the reason, never guessed; two files for the same PD and
   quarter are both held back;
3. ``import_history``: each matched file through ``imports.services.import_report`` in (PD, year,
   quarter) order, whatever the order of the upload, each in its own savepoint (one file's error leaves
   the others alone and itself unwritten).  The dry run applies the files in that order inside one
   transaction rolled back at the end: each file's changes are counted against the files of the batch
   before it (TW II against TW I as the batch would save it), not against the database alone;
4. ``disagreements``: column 6 of year N+1 against year N's column 6 and quarters (its fourth quarter's
   file; the printed column 13 where the aggregation is unknown), the same PD's
   targets between quarters of a year, and a quarter's realisation between the files that print it.

New PD are created, as by one import, only for a pemda admin (in their pemda) or a superuser.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from domain.inputs import Stated
from domain.types import Aggregation
from imports.nomenclature import similarity
from imports.problems import Problems
from imports.services import ImportResult, import_report
from imports.stages.locate.tables import Title, read_title
from imports.stages.locate.workbook_sections import find_main_table
from imports.stages.read.archive import open_archive
from imports.stages.read.readers import EXTENSIONS, FileRefused, read_workbook
from planning.documents import PlanDocument, RowDoc
from planning.models import Agency, Region

log = logging.getLogger(__name__)

MAX_FILES = 200  # a pemda's history: some 40 PD x a few years x 4 quarters would be split in batches
NAME_SIMILARITY = 0.9  # as the title check of one import (imports.stages.load.confirmations)
QUARTER_WORDS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_NAME_QUARTER = re.compile(r"(?:^|[^a-z])(?:tw|triwulan|q)[\s_-]*(iv|iii|ii|i|[1-4])(?:[^a-z0-9]|$)", re.I)
_NAME_YEAR = re.compile(r"(?:^|\D)(20\d{2})(?:\D|$)")

HistoryProgress = Callable[[int, int, str, str], None]  # file index, file count, file name, stage


@dataclass(frozen=True)
class UploadedFile:
    name: str  # as shown: "arsip.zip/2021/tw4-diskop.xlsx" for a zip's member
    data: bytes


@dataclass(frozen=True)
class Match:
    agency_slug: str
    year: int
    quarter: int
    region_slug: str | None = None
    agency_name: str = ""  # as the title names it (a new PD) or as stored
    how: str = ""  # how it was matched, in words
    new_agency: bool = False


@dataclass
class HistoryLine:
    """One file: its match (or why not), and its import's outcome."""

    file: str
    match: Match | None = None
    reason: str = ""  # why it was not imported (unmatched, duplicate, refused file)
    result: ImportResult | None = None

    @property
    def status(self) -> str:
        if self.result is None:
            return "tidak dicocokkan" if self.match is None else "ditahan"
        if not self.result.ok:
            return "ditolak"
        if self.result.written:
            return "disimpan"
        return "siap" if self.result.dry_run else "tidak berubah"

    @property
    def ok(self) -> bool:
        return self.result is not None and self.result.ok


@dataclass(frozen=True)
class Disagreement:
    agency: str
    row: str
    indicator: str
    message: str

    def __str__(self) -> str:
        what = " / ".join(t[:60] for t in (self.row, self.indicator) if t)
        return f"{self.agency}: {what}: {self.message}" if what else f"{self.agency}: {self.message}"


@dataclass
class HistoryResult:
    dry_run: bool
    lines: list[HistoryLine] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # uploads refused whole (a bad or hostile zip)
    disagreements: list[Disagreement] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def imported(self) -> list[HistoryLine]:
        return [line for line in self.lines if line.ok]

    @property
    def unmatched(self) -> list[HistoryLine]:
        return [line for line in self.lines if line.match is None]

    @property
    def failed(self) -> list[HistoryLine]:
        return [line for line in self.lines if line.result is not None and not line.result.ok]


# -- 1. unpacking ------------------------------------------------------------------------------------


def unpack(files: Iterable[tuple[str, bytes]], *, max_files: int = MAX_FILES) -> tuple[list[UploadedFile], list[str]]:
    """The workbooks among ``files`` (a zip's members in its place); the uploads refused, with why."""
    out: list[UploadedFile] = []
    refused: list[str] = []
    limit = settings.KINERJA_MAX_UPLOAD_BYTES
    for name, data in files:
        if PurePath(name).suffix.lower() != ".zip":
            out.append(UploadedFile(PurePath(name).name, data))
            continue
        try:
            out.extend(_members(name, data, limit))
        except FileRefused as exc:
            refused.append(str(exc))
    if len(out) > max_files:
        refused.append(f"{len(out)} berkas sekaligus; paling banyak {max_files}: bagi menjadi beberapa unggahan.")
        return [], refused
    return out, refused


def _members(name: str, data: bytes, limit: int) -> Iterator[UploadedFile]:
    """A zip's workbooks, each inflated under the guards of ``imports.stages.read.archive``; a zip inside is refused."""
    shown = PurePath(name).name
    if len(data) > limit * 8:
        raise FileRefused(f"{shown}: arsip {len(data) / 1024 / 1024:.1f} MB, melebihi batas unggahan riwayat.")
    # the archive of a history may hold many workbooks: its total is bounded like a workbook's members
    archive = open_archive(data, shown, ".zip", max_bytes=limit)
    members = [m for m in archive.members if not m.is_dir()]
    if len(members) > MAX_FILES:
        raise FileRefused(f"{shown}: arsip berisi {len(members)} berkas; paling banyak {MAX_FILES}.")
    nested = [m.filename for m in members if PurePosixPath(m.filename).suffix.lower() == ".zip"]
    if nested:
        raise FileRefused(
            f"{shown}: arsip berisi arsip lain ({nested[0]}); kirim berkasnya langsung, tanpa zip di dalam zip."
        )
    for member in members:
        path = PurePosixPath(member.filename)
        if path.name.startswith(".") or "__MACOSX" in path.parts:
            continue  # a file manager's leftovers
        if path.suffix.lower() not in EXTENSIONS:
            raise FileRefused(f"{shown}: {member.filename} bukan berkas laporan ({', '.join(EXTENSIONS)}).")
        if member.file_size > limit:
            raise FileRefused(
                f"{shown}: {member.filename} berukuran {member.file_size / 1024 / 1024:.1f} MB, melebihi batas "
                f"{limit / 1024 / 1024:.1f} MB per berkas."
            )
        yield UploadedFile(f"{shown}/{member.filename}", archive.read(member))


# -- 2. matching ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Defaults:
    """What the person gave for every file (used where a file's title and name say nothing)."""

    agency_slug: str | None = None
    year: int | None = None
    quarter: int | None = None
    region_slug: str | None = None


def file_title(file: UploadedFile) -> Title | None:
    """The title block above the file's E.81 table; None when the file cannot be read or has no table."""
    workbook = read_workbook(
        file.data,
        PurePath(file.name).name,
        max_bytes=settings.KINERJA_MAX_UPLOAD_BYTES,
        max_rows=settings.KINERJA_MAX_IMPORT_ROWS,
    )
    main = find_main_table(workbook, Problems())
    if main is None:
        return None
    return read_title(main.preamble, main.convention)


def _from_name(name: str) -> tuple[int | None, int | None]:
    stem = PurePath(name).name.lower()
    quarter = _NAME_QUARTER.search(stem)
    year = _NAME_YEAR.search(stem)
    return (int(year.group(1)) if year else None, QUARTER_WORDS[quarter.group(1).lower()] if quarter else None)


def match_file(
    file: UploadedFile, title: Title | None, agencies: list[Agency], defaults: Defaults, *, may_create: set[str]
) -> Match | str:
    """The file's PD, year and quarter, or the reason (Indonesian) it cannot be matched.

    ``agencies`` are those the person may see; ``may_create`` the pemda slugs where they may create a PD
    ("*": any)."""
    name_year, name_quarter = _from_name(file.name)
    year = (title.year if title else None) or name_year or defaults.year
    quarter = (title.quarter if title else None) or name_quarter or defaults.quarter
    if year is None:
        return "tahun tidak diketahui: judul dan nama berkas tidak menyebutnya"
    if quarter is None:
        return "triwulan tidak diketahui: judul dan nama berkas tidak menyebut 'Triwulan I-IV' atau 'TW1-4'"
    if defaults.agency_slug:
        chosen = next((a for a in agencies if a.slug == defaults.agency_slug), None)
        region = chosen.region.slug if chosen is not None else defaults.region_slug
        name = chosen.name if chosen is not None else ""
        return Match(defaults.agency_slug, year, quarter, region, name, "perangkat daerah yang dipilih")
    if title is None or not title.agency:
        by_slug = [a for a in agencies if a.slug in PurePath(file.name).name.lower()]
        if len(by_slug) == 1:
            return Match(by_slug[0].slug, year, quarter, by_slug[0].region.slug, by_slug[0].name, "dari nama berkas")
        return "perangkat daerah tidak diketahui: judul berkas tidak menyebut perangkat daerah dan pemdanya"
    found = _agency_of(title, agencies)
    if isinstance(found, Agency):
        return Match(found.slug, year, quarter, found.region.slug, found.name, "dari judul berkas")
    if found:
        return found
    region = _region_slug(title, agencies, defaults)
    if not title.place or region is None:
        return f"perangkat daerah {title.agency!r} tidak dikenal dan judul tidak menyebut pemdanya"
    if "*" not in may_create and region not in may_create:
        return (
            f"perangkat daerah {title.agency!r} ({title.region}) belum ada; hanya admin pemda atau superuser yang "
            "dapat membuatnya lewat impor"
        )
    slug = slugify(f"{title.agency} {title.place}")[:50]
    return Match(slug, year, quarter, region, title.agency, "perangkat daerah baru dari judul berkas", new_agency=True)


def _agency_of(title: Title, agencies: list[Agency]) -> Agency | str | None:
    """The one stored PD the title names (in the pemda it names), a reason when several fit, else None."""
    place = title.place.lower()
    fits = [
        a
        for a in agencies
        if (not place or a.region.place.lower() == place or similarity(a.region.name, title.region) >= NAME_SIMILARITY)
        and max(similarity(a.name, title.agency), similarity(a.short_name or "", title.agency)) >= NAME_SIMILARITY
    ]
    if len(fits) > 1:
        names = ", ".join(a.slug for a in fits[:4])
        return f"judul {title.agency!r} cocok dengan beberapa perangkat daerah ({names}); pilih satu"
    return fits[0] if fits else None


def _region_slug(title: Title, agencies: list[Agency], defaults: Defaults) -> str | None:
    for agency in agencies:
        if agency.region.place.lower() == title.place.lower():
            return str(agency.region.slug)
    region = Region.objects.filter(place__iexact=title.place).first()
    if region is not None:
        return str(region.slug)
    return defaults.region_slug or slugify(title.place)[:50] or None


# -- 3. importing ----------------------------------------------------------------------------------------


def import_history(
    files: Iterable[tuple[str, bytes]],
    *,
    actor: Any,
    dry_run: bool = True,
    defaults: Defaults = Defaults(),
    agencies: list[Agency] | None = None,
    may_create: set[str] | None = None,
    progress: HistoryProgress | None = None,
    allow_delete: bool = False,
    confirm_other_agency: bool = False,
) -> HistoryResult:
    """Match and import every file; a file that fails is listed and leaves the others alone.

    ``agencies`` (default: all) are the PD a file may be matched to, ``may_create`` the pemda slugs where
    a PD named by a title may be created ("*" any; default: none)."""
    import time

    started = time.perf_counter()
    result = HistoryResult(dry_run=dry_run)
    uploaded, result.refused = unpack(files)
    if agencies is None:
        agencies = list(Agency.objects.select_related("region"))
    may_create = may_create or set()
    total = len(uploaded)
    matched: list[tuple[HistoryLine, UploadedFile]] = []
    for index, file in enumerate(uploaded):
        if progress:
            progress(index, total, file.name, "mencocokkan")
        line = HistoryLine(file=file.name)
        result.lines.append(line)
        try:
            title = file_title(file)
        except FileRefused as exc:
            line.reason = str(exc)
            continue
        found = match_file(file, title, agencies, defaults, may_create=may_create)
        if isinstance(found, str):
            line.reason = found
        else:
            line.match = found
            matched.append((line, file))
    _hold_duplicates(matched)
    ordered = sorted((m for m in matched if not m[0].reason), key=lambda m: _order(m[0]))
    # the table in the order the files are applied: (PD, year, quarter), then those held back or unmatched
    first = {id(line): n for n, (line, _file) in enumerate(ordered)}
    result.lines.sort(key=lambda line: first.get(id(line), len(first)))
    with transaction.atomic() if dry_run else nullcontext():  # a save: each file committed on its own
        figures = _apply(ordered, actor, dry_run, progress, allow_delete, confirm_other_agency)
        if dry_run:  # the batch as it would be saved, each file against those before it; nothing kept
            transaction.set_rollback(True)
    result.disagreements = disagreements(figures)
    result.seconds = time.perf_counter() - started
    return result


def _apply(
    ordered: list[tuple[HistoryLine, UploadedFile]],
    actor: Any,
    dry_run: bool,
    progress: HistoryProgress | None,
    allow_delete: bool,
    confirm_other_agency: bool,
) -> list[FileFigures]:
    """Import each file in turn, each in its own savepoint (one file's error leaves the others); in a
    dry run the files' writes stay in the caller's transaction, so each file counts its changes against
    the files of the batch before it, and the caller rolls them all back."""
    figures: list[FileFigures] = []
    for index, (line, file) in enumerate(ordered):
        match = line.match
        assert match is not None
        if progress:
            progress(index, len(ordered), file.name, "uji coba" if dry_run else "mengimpor")
        try:
            with transaction.atomic():
                outcome = import_report(
                    data=file.data,
                    filename=PurePath(file.name).name,
                    agency_slug=match.agency_slug,
                    year=match.year,
                    quarter=match.quarter,
                    actor=actor,
                    dry_run=dry_run,
                    region_slug=match.region_slug,
                    allow_delete=allow_delete,
                    confirm_other_agency=confirm_other_agency,
                    in_batch=dry_run,
                )
        except Exception:  # a bug in one file's import must not stop a whole history; its savepoint rolled back
            log.exception("impor riwayat: %s", file.name)
            line.reason = "galat tak terduga saat mengimpor berkas ini; tidak ada yang disimpan dari berkas ini"
            continue
        line.result = outcome
        if outcome.document is not None and outcome.ok:
            figures.append(file_figures(match, file.name, outcome.document))
        outcome.document = None  # a history may be long: keep only the figures the summary compares
    if progress:
        progress(len(ordered), len(ordered), "", "selesai")
    return figures


def _order(line: HistoryLine) -> tuple[str, int, int, str]:
    """Files are applied by PD, year and quarter, whatever their order in the upload."""
    assert line.match is not None
    return (line.match.agency_slug, line.match.year, line.match.quarter, line.file)


def _hold_duplicates(matched: list[tuple[HistoryLine, UploadedFile]]) -> None:
    """Two files for one PD, year and quarter: neither is imported (which one is right is not guessed)."""
    by_key: dict[tuple[str, int, int], list[HistoryLine]] = defaultdict(list)
    for line, _file in matched:
        assert line.match is not None
        by_key[(line.match.agency_slug, line.match.year, line.match.quarter)].append(line)
    for (slug, year, quarter), lines in by_key.items():
        if len(lines) > 1:
            for line in lines:
                others = ", ".join(other.file for other in lines if other is not line)
                line.reason = (
                    f"berkas lain untuk {slug} tahun {year} triwulan {quarter} juga ada ({others}); pilih satu"
                )


# -- 4. what the files say differently -------------------------------------------------------------------


Key = tuple[str, str]  # (row name, indicator name), normalised


@dataclass
class FileFigures:
    """The figures of one file that another file of the same PD also prints."""

    agency: str
    year: int
    quarter: int
    file: str
    names: dict[Key, tuple[str, str]] = field(default_factory=dict)  # key -> (row, indicator) as printed
    targets: dict[Key, tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)  # 7 K, 7 Rp
    quarters: dict[Key, tuple[tuple[Decimal | None, Decimal | None], ...]] = field(default_factory=dict)
    prior: dict[Key, tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)  # column 6
    # realised up to the year's end: column 6 + the quarters (their aggregate), else the printed column 13
    cumulative: dict[Key, tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def _rows(rows: list[RowDoc]) -> Iterator[RowDoc]:
    for row in rows:
        yield row
        yield from _rows(row.children)


def _stated(value: str) -> Decimal | None:
    try:
        return Decimal(value) if value else None
    except ArithmeticError:
        return None


def file_figures(match: Match, file: str, document: PlanDocument) -> FileFigures:
    out = FileFigures(match.agency_slug, match.year, match.quarter, file)
    for row in _rows(document.tree):
        for index, ind in enumerate(row.indicators):
            key = (_key(row.name), _key(ind.name))
            rp_here = index == 0  # a row's budget goes with its first indicator
            out.names[key] = (row.name, ind.name)
            out.targets[key] = (ind.target, row.budget if rp_here else None)
            out.quarters[key] = tuple((ind.quarters[q], row.budget_quarters[q] if rp_here else None) for q in range(4))
            out.prior[key] = (ind.prior_realization, row.prior_budget if rp_here else None)
            out.cumulative[key] = (
                _through_year(ind.prior_realization, ind.quarters, ind.aggregation)
                or _stated(ind.stated.get(Stated.CUMULATIVE_REALIZATION, "")),
                _through_year(row.prior_budget, row.budget_quarters, Aggregation.SUM) if rp_here else None,
            )
    return out


def _through_year(
    prior: Decimal | None, quarters: tuple[Decimal | None, ...], aggregation: Aggregation | None
) -> Decimal | None:
    """Realised up to the end of this year from the quarters (column 6 + the year's aggregate), as
    next year's column 6 should print it; None when the quarters or the aggregation are not known."""
    values = [q for q in quarters if q is not None]
    if not values or aggregation is None:
        return None
    year = {
        Aggregation.SUM: sum(values, Decimal(0)),
        Aggregation.LAST: values[-1],
        Aggregation.MAX: max(values),
        Aggregation.AVG: sum(values, Decimal(0)) / len(values),
    }[aggregation]
    if aggregation is Aggregation.SUM:
        return (prior or Decimal(0)) + year
    return max(prior, year) if prior is not None else year


def _text(value: Decimal | None) -> str:
    return "kosong" if value is None else format(value.normalize(), "f")


def disagreements(files: list[FileFigures]) -> list[Disagreement]:
    out: list[Disagreement] = []
    by_agency: dict[str, list[FileFigures]] = defaultdict(list)
    for f in files:
        by_agency[f.agency].append(f)
    for agency, mine in by_agency.items():
        mine.sort(key=lambda f: (f.year, f.quarter))
        by_year: dict[int, list[FileFigures]] = defaultdict(list)
        for f in mine:
            by_year[f.year].append(f)
        for year, quarters in by_year.items():
            out.extend(_targets_between_quarters(agency, year, quarters))
            out.extend(_quarters_between_files(agency, year, quarters))
            fourth = next((f for f in quarters if f.quarter == 4), None)
            if fourth is not None and year + 1 in by_year:
                out.extend(_next_year_prior(agency, fourth, by_year[year + 1]))
    return out


def _targets_between_quarters(agency: str, year: int, files: list[FileFigures]) -> Iterator[Disagreement]:
    for key in {k for f in files for k in f.targets}:
        for sub, label in ((0, "K"), (1, "Rp")):
            seen = [
                (f.quarter, f.targets[key][sub]) for f in files if key in f.targets and f.targets[key][sub] is not None
            ]
            if len({v for _q, v in seen}) > 1:
                row, indicator = next(f.names[key] for f in files if key in f.names)
                values = ", ".join(f"TW {q}: {_text(v)}" for q, v in seen)
                yield Disagreement(
                    agency,
                    row,
                    indicator,
                    f"target Renja (7) {label} {year} berbeda antar triwulan ({values}); perubahan Renja?",
                )


def _quarters_between_files(agency: str, year: int, files: list[FileFigures]) -> Iterator[Disagreement]:
    """A quarter's realisation printed again in a later quarter's file, differently."""
    for key in {k for f in files for k in f.quarters}:
        for q in range(4):
            for sub, label in ((0, "K"), (1, "Rp")):
                seen = [
                    (f.quarter, f.quarters[key][q][sub])
                    for f in files
                    if key in f.quarters and f.quarter > q and f.quarters[key][q][sub] is not None
                ]
                if len({v for _q, v in seen}) > 1:
                    row, indicator = next(f.names[key] for f in files if key in f.names)
                    values = ", ".join(f"berkas TW {fq}: {_text(v)}" for fq, v in seen)
                    yield Disagreement(
                        agency,
                        row,
                        indicator,
                        f"realisasi TW {q + 1} {label} {year} berbeda antar berkas ({values}); yang terakhir diimpor berlaku",
                    )


def _next_year_prior(agency: str, fourth: FileFigures, next_files: list[FileFigures]) -> Iterator[Disagreement]:
    """Column 6 of year N+1 (realisation up to last year) against column 13 of year N's fourth quarter."""
    for f in next_files:
        for key, prior in f.prior.items():
            cumulative = fourth.cumulative.get(key)
            if cumulative is None:
                continue
            for sub, label in ((0, "K"), (1, "Rp")):
                if prior[sub] is not None and cumulative[sub] is not None and prior[sub] != cumulative[sub]:
                    row, indicator = f.names[key]
                    yield Disagreement(
                        agency,
                        row,
                        indicator,
                        f"kolom 6 {label} tahun {f.year} (TW {f.quarter}) {_text(prior[sub])}, sedangkan sampai "
                        f"akhir {fourth.year} (kolom 6 dan triwulan berkas TW IV {fourth.year}) {_text(cumulative[sub])}",
                    )
