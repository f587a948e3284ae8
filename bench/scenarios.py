"""The scenarios of ``make bench``: an explicit list, in the order they run and print.

A scenario's ``prepare`` does the untimed set-up and returns the work to time; it raises ``Pending``
when the feature it measures is not built yet, ``Skipped`` when this run cannot measure it.  Its
``bounds`` name the lower bounds whose medians, added, are its bound: ``ratio = median / bound``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import transaction

from bench import bounds
from bench.context import Bench, Config
from demo.synthetic import REGION_SLUG

# Formats the issue names; any other format in RENDERERS is measured too.
FORMATS = ("json", "xlsx", "pdf", "html", "csv")
BUILD_TARGET = 3.0  # one agency's report builds within 3 times its SQL lower bound
# Excel and PDF within 1.3 times the library writing the same formatted document (bench.replay),
# reading included on both sides: the bound is the SQL bound + the replay.
DOCUMENT_TARGET = 1.3
DOCUMENT_BOUNDS = {"xlsx": "bound.xlsx-doc", "pdf": "bound.pdf-doc"}
# A whole regency or workbook written: too long to run three times, so once, memory from the RSS.
WRITES: dict[str, Any] = {"repeat": 1, "warm_up": False, "memory": "rss"}
# Absolute limits the issues set on these 2-core machines (seconds), checked besides the ratios.
LIMITS = {"xlsx": {500: 1.0}, "pdf": {500: 5.0}}
IMPORT_LIMIT = 10.0
# Load scenarios: one burst of every client's requests per timed run; the server's queries are not ours.
WEB: dict[str, Any] = {"repeat": 1, "warm_up": False, "memory": ""}
WEB_CLIENTS = 50


class Pending(Exception):
    """The feature this scenario measures does not exist yet; ``str()`` says which and why."""


class Skipped(Exception):
    """This run cannot measure the scenario (a format missing from the registry...)."""


@dataclass(frozen=True)
class Prepared:
    run: Callable[[], object]
    rows: int | None
    note: str = ""
    # Load scenarios: the last run's figures (p50, p95, errors); its p50 is the scenario's time.
    load: Callable[[], Any] | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    prepare: Callable[[Bench], Prepared]
    bounds: tuple[str, ...] = ()
    target: float | None = None
    limit_s: float | None = None  # an absolute limit on the median, where an issue names one
    family: str = ""  # the same scenario at several sizes: its query count must not change
    repeat: int | None = None  # timed runs; None: the run's ``--repeat``
    warm_up: bool = True
    memory: str = "tracemalloc"  # see bench.measure.MEMORY_METHODS
    required: bool = False  # runs even when ``--only`` leaves it out (the others need its data)


def scenario_list(config: Config) -> list[Scenario]:
    out = [
        Scenario(
            "synth.regency",
            f"Synthetic regency: {config.agencies} PD x {config.rows} rows through document_load",
            _synth,
            **WRITES,
            required=True,
        )
    ]
    for size in config.sizes:
        sql, xlsx = f"bound.sql.{size}", f"bound.xlsx.{size}"
        out += [
            Scenario(sql, "Lower bound: one plain SQL query", partial(_sql_bound, size=size)),
            Scenario(xlsx, "Lower bound: bare XlsxWriter, same cells", partial(_xlsx_bound, size=size)),
            Scenario(
                f"bound.xlsx-doc.{size}",
                "Lower bound: XlsxWriter alone, the same formatted workbook",
                partial(_document_bound, size=size, fmt="xlsx"),
            ),
            Scenario(
                f"bound.pdf-doc.{size}",
                "Lower bound: ReportLab alone, the same document",
                partial(_document_bound, size=size, fmt="pdf"),
            ),
            Scenario(
                f"e81.build.{size}",
                "E.81 build: load + evaluate",
                partial(_build, size=size),
                bounds=(sql,),
                target=BUILD_TARGET,
                family="e81.build",
            ),
        ]
        for fmt in formats():
            out.append(
                Scenario(
                    f"e81.{fmt}.{size}",
                    f"E.81 as {fmt.upper()}: build + render",
                    partial(_export, size=size, fmt=fmt),
                    bounds=(sql, f"{DOCUMENT_BOUNDS[fmt]}.{size}") if fmt in DOCUMENT_BOUNDS else (sql,),
                    target=DOCUMENT_TARGET if fmt in DOCUMENT_BOUNDS else None,
                    limit_s=LIMITS.get(fmt, {}).get(size),
                    family=f"e81.{fmt}",
                )
            )
    out += [
        *(
            Scenario(
                f"e79.{fmt}{suffix}", f"E.79 of {what} as {label}: build + render",
                partial(_e79, fmt=fmt, small=bool(suffix)), family=f"e79.{fmt}", **WRITES,
            )
            for fmt, label in (("json", "JSON"), ("xlsx", "Excel"))
            for suffix, what in (("", "the whole regency"), (".small", "a small regency (query count check)"))
        ),
        Scenario(
            "province.e79", "Province (BENCH_PROVINCE): the E.79 of one of its pemda as JSON",
            partial(_province, what="e79"), family="e79.json", **WRITES,
        ),
        Scenario(
            "province.rollup", "Province (BENCH_PROVINCE): the roll-up over every pemda",
            partial(_province, what="rollup"), **WRITES,
        ),
        Scenario(
            f"import.xlsx.{config.import_rows}",
            f"Import of a {config.import_rows:,}-row workbook",
            _import,
            limit_s=IMPORT_LIMIT if config.import_rows >= 10_000 else None,
            **WRITES,
        ),
        Scenario("bound.web.ping", "Lower bound: /sehat/ (one SELECT 1), same server and clients", _web_ping, **WEB),
        Scenario(
            "web.entry", "Entry screen, concurrent clients on loopback (p50; p95, errors in the note)",
            _web_entry, bounds=("bound.web.ping",), **WEB,
        ),
        Scenario(
            "web.save", "Realisation save, concurrent clients on loopback (p50; p95, errors in the note)",
            _web_save, bounds=("bound.web.ping",), **WEB,
        ),
    ]  # fmt: skip
    return out


def renderers() -> tuple[dict[str, Any], str]:
    """The registry, or nothing and why: a registry that fails to import skips formats, not the bench."""
    try:
        from reporting.renderers import RENDERERS
    except ImportError as exc:
        return {}, f"reporting.renderers does not import ({exc})"
    return dict(RENDERERS), ""


def formats() -> list[str]:
    return [*FORMATS, *sorted(set(renderers()[0]) - set(FORMATS))]


def _synth(bench: Bench) -> Prepared:
    c = bench.config
    return Prepared(bench.load_regency, c.agencies * c.rows)


def _sql_bound(bench: Bench, *, size: int) -> Prepared:
    agency = bench.agency(size)
    lines = bounds.read_lines(agency.pk, bench.config.year)
    return Prepared(partial(bounds.read_lines, agency.pk, bench.config.year), len(lines))


def _xlsx_bound(bench: Bench, *, size: int) -> Prepared:
    report = bench.report(size)
    registry, _why = renderers()
    if "xlsx" in registry:
        sheets = bounds.cells_of_workbook(registry["xlsx"].render(report))
        note = "cells read back from the project's Excel export"
    else:
        sheets = bounds.cells_of_report(report)
        note = "cells of the E.81 table (no Excel renderer yet)"
    cells = sum(len(c) for _name, c in sheets)
    return Prepared(partial(bounds.write_cells, sheets), len(report.evaluation.rows), f"{cells:,} cells; {note}")


def _document_bound(bench: Bench, *, size: int, fmt: str) -> Prepared:
    """The project's export recorded once, replayed by the library alone (``bench.replay``)."""
    from bench import replay

    report = bench.report(size)
    if fmt == "xlsx":
        recorded, note = bounds.xlsx_document(report)
        return Prepared(partial(replay.replay_xlsx, recorded), len(report.evaluation.rows), note)
    from reporting.renderers import pdf

    recorded_pdf, note = bounds.pdf_document(report)
    return Prepared(partial(replay.replay_pdf, recorded_pdf, pdf), len(report.evaluation.rows), note)


def _build(bench: Bench, *, size: int) -> Prepared:
    return Prepared(partial(bench.build, size), len(bench.report(size).evaluation.rows))


def _export(bench: Bench, *, size: int, fmt: str) -> Prepared:
    registry, why = renderers()
    renderer = registry.get(fmt)
    if renderer is None:
        raise Skipped(why or f"no {fmt!r} renderer in reporting.renderers.RENDERERS yet")
    render = renderer.render

    def run() -> bytes:
        data: bytes = render(bench.build(size))
        return data

    return Prepared(run, len(bench.report(size).evaluation.rows))


SMALL_REGION = "sintetis-kecil"


def _small_regency(bench: Bench) -> str:
    """A second pemda with a tenth of the regency's PD (at least one), the same rows each: the E.79's
    queries there must equal the whole regency's."""
    from demo.synthetic import synthetic_document, synthetic_region
    from planning.models import Region
    from planning.roles import SYSTEM
    from planning.services.documents import document_load

    c = bench.config
    if not Region.objects.filter(slug=SMALL_REGION).exists():
        region = synthetic_region(year=c.year, slug=SMALL_REGION)
        for index in range(max(1, c.agencies // 10)):
            document = synthetic_document(
                seed=c.seed, index=index, rows=c.rows, year=c.year, region=region, slug=f"kecil-{index + 1:02d}"
            )
            document_load(document=document, actor=SYSTEM, reason="bench")
    return SMALL_REGION


def _e79(bench: Bench, *, fmt: str, small: bool = False) -> Prepared:
    from planning.models import Region
    from reporting.regency.builder import regency_report_build
    from reporting.regency.renderers import REGENCY_RENDERERS

    c = bench.config
    region = Region.objects.get(slug=_small_regency(bench) if small else REGION_SLUG)
    render = REGENCY_RENDERERS[fmt].render

    def run() -> bytes:
        data: bytes = render(regency_report_build(region=region, year=c.year, quarter=c.quarter))
        return data

    e79 = regency_report_build(region=region, year=c.year, quarter=c.quarter)
    rows = sum(len(a.report.evaluation.rows) for a in e79.agencies)
    note = f"{len(e79.agencies)} PD, {rows:,} E.81 lines, {len(e79.lines):,} E.79 lines"
    return Prepared(run, rows, note)


def _province_load(bench: Bench, pemdas: int, agencies: int, rows: int) -> list[str]:
    """``pemdas`` synthetic pemda of ``agencies`` PD of ``rows`` lines each (loaded once per database).

    One ``document_load`` (one transaction) per PD, so a run stopped half-way keeps every PD it wrote;
    with ``--reuse-db`` the next run loads only the PD not there yet (a PD is all there or absent)."""
    from demo.synthetic import synthetic_document, synthetic_region
    from planning.models import Agency
    from planning.roles import SYSTEM
    from planning.services.documents import document_load

    c = bench.config
    slugs = [f"provinsi-{p + 1:02d}" for p in range(pemdas)]
    for p, slug in enumerate(slugs):
        present = set(Agency.objects.filter(region__slug=slug).values_list("slug", flat=True))
        if len(present) >= agencies:
            continue
        region = synthetic_region(year=c.year, slug=slug)
        for index in range(agencies):
            if f"p{p + 1:02d}-pd-{index + 1:02d}" in present:
                continue
            document = synthetic_document(
                seed=c.seed + p,
                index=index,
                rows=rows,
                year=c.year,
                region=region,
                slug=f"p{p + 1:02d}-pd-{index + 1:02d}",
            )
            document_load(document=document, actor=SYSTEM, reason="bench")
    return slugs


def _province(bench: Bench, *, what: str) -> Prepared:
    import os
    import time

    from django.db import connection

    from planning.models import Agency, Region
    from reporting.regency.builder import regency_report_build
    from reporting.regency.province import province_rollup
    from reporting.regency.renderers import REGENCY_RENDERERS

    spec = os.environ.get("BENCH_PROVINCE", "")
    if not spec:
        raise Skipped("set BENCH_PROVINCE=30x50x300 (pemda x PD x rows), with BENCH_DATABASE_URL=postgres://...")
    pemdas, agencies, rows = (int(part) for part in spec.lower().split("x"))
    c = bench.config
    started, before = time.perf_counter(), Agency.objects.count()
    regions = list(Region.objects.filter(slug__in=_province_load(bench, pemdas, agencies, rows)).order_by("slug"))
    loaded = Agency.objects.count() - before
    note = f"{pemdas} pemda x {agencies} PD x {rows} rows = {pemdas * agencies * rows:,} rows"
    if loaded:
        note += f"; {loaded:,} PD loaded first in {time.perf_counter() - started:,.0f} s (untimed)"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            note += f"; database {cursor.fetchone()[0] / 1_048_576:,.0f} MB"
    if what == "e79":
        render = REGENCY_RENDERERS["json"].render

        def one() -> bytes:
            data: bytes = render(regency_report_build(region=regions[0], year=c.year, quarter=c.quarter))
            return data

        return Prepared(one, agencies * rows, f"one pemda of the province; {note}")

    def rollup() -> object:
        return province_rollup(regions=regions, year=c.year, quarter=c.quarter)

    return Prepared(rollup, pemdas * agencies * rows, note)


def _import(bench: Bench) -> Prepared:
    if importlib.util.find_spec("imports") is None or importlib.util.find_spec("imports.services") is None:
        raise Pending("not built yet: no imports app with its service (the import issue)")
    from imports.services import import_report
    from planning.roles import SYSTEM

    registry, why = renderers()
    if "xlsx" not in registry:
        raise Skipped(why or "no Excel renderer to write the workbook with")
    c = bench.config
    data = bench.workbook(c.import_rows, registry["xlsx"].render)
    filename = f"E81-sintetis-{c.import_rows}.xlsx"

    def run() -> None:
        with transaction.atomic():  # rolled back: every run imports the whole workbook into a new PD
            result = import_report(
                data=data, filename=filename, agency_slug="impor-bench", year=c.year, quarter=c.quarter,
                dry_run=False, region_slug=REGION_SLUG, actor=SYSTEM,
            )  # fmt: skip
            if not result.ok:
                raise RuntimeError("; ".join(str(p) for p in result.errors[:3]))
            transaction.set_rollback(True)

    note = f"{len(data):,}-byte workbook from the project's Excel renderer, imported into a new PD, rolled back"
    return Prepared(run, c.import_rows, note)


def _load(bench: Bench, request: Any, per_client: int) -> Prepared:
    """A burst of ``bench.web_clients()`` clients, each sending ``per_client`` requests, after a warm-up."""
    from bench import web

    port, cookies = bench.web_server(), bench.web_clients()
    web.load(port, cookies=cookies[:3], per_client=2, send=request)  # workers import, compile, connect
    last: list[web.LoadStats] = []

    def run() -> None:
        last.append(web.load(port, cookies=cookies, per_client=per_client, send=request))

    def stats() -> web.LoadStats:
        return last[-1]

    return Prepared(run, bench.config.rows, load=stats)


def _web_ping(bench: Bench) -> Prepared:
    from bench import web

    return _load(bench, web.get("/sehat/"), per_client=bench.web_requests())


def _web_entry(bench: Bench) -> Prepared:
    from bench import web

    c = bench.config
    path = f"/pd/{bench.agency(c.rows).slug}/triwulan/{c.year}/{c.quarter}/"
    return _load(bench, web.get(path), per_client=max(1, bench.web_requests() // 5))


def _web_save(bench: Bench) -> Prepared:
    from bench import web
    from planning.models import Indicator, Realization
    from planning.services.realizations import value_version

    c = bench.config
    agency = bench.agency(c.rows)
    indicators = list(
        Indicator.objects.filter(row__strategic_plan__agency=agency).order_by("pk")[: len(bench.web_clients())]
    )
    stored = {
        r.indicator_id: r for r in Realization.objects.filter(indicator__in=indicators, year=c.year, quarter=c.quarter)
    }
    targets = [("k", i.pk, value_version(stored.get(i.pk))) for i in indicators]
    path = f"/pd/{agency.slug}/triwulan/{c.year}/{c.quarter}/nilai/"
    return _load(bench, web.saves(path, targets), per_client=max(1, bench.web_requests() // 5))
