"""The E.79, ranking and early-warning pages of a large pemda, prepared by a background job.

A 50-PD pemda's E.79 takes 20 s and more to build (loading and evaluating 15,000 rows) and as long again
to render as a page, too long for a page Bappeda opens every day.  Above ``BACKGROUND_MIN_PD`` PD the pages never build it in the request: a job
builds it once and stores what the three pages show (the E.79's and the early warning's rendered
fragments, the warning CSV, the ranking rows) in ``reporting.PreparedRegency``, with the
**fingerprint** of the data it read.  A page whose stored fingerprint is the current one shows it at
once; otherwise it starts (or joins) the job and shows "sedang disiapkan", or the previous figures
clearly marked "angka per <waktu>, sedang diperbarui", polling the job's progress until the new ones
are there.

The fingerprint changes whenever anything the E.79 reads may have changed: every write of a plan,
realisation, workflow step, approval or setting goes through a service that writes an audit event
(``audit/``), so the pemda's newest audit events are part of it, as are the pemda's own settings (its
row) and its PD (count and newest id).  Each event is placed in the pemda it is about
(``audit/places.py``): a write in another pemda of a province or hosted service leaves this
fingerprint alone; an event about no single pemda (a nomenclature version, an object already deleted,
a kind not listed) renews every pemda, and only a user's own affairs (password, API token) renew none.
"""

from __future__ import annotations

import hashlib
import time
import zlib
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import BigIntegerField, Count, Max, Q, Subquery, Value
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from audit.models import AuditEvent
from audit.places import UNPLACED
from planning.models import Agency, Region
from reporting.labels import period
from reporting.models import PreparedRegency
from reporting.regency.builder import RegencyReport, regency_report_build
from reporting.regency.ranking import RankRow, agency_ranking, program_ranking
from reporting.regency.render_csv import render_warning_csv
from reporting.regency.render_html import document_context
from reporting.regency.warnings import METHOD_TEXT, EarlyWarning, early_warning

VERSION = "2"
"""Part of every fingerprint: raise it when what is stored changes shape or meaning (a deploy that
changes a figure's computation then rebuilds every prepared pemda instead of showing old figures).
2: the audit events read per pemda (``audit/0003``; the events before it have no pemda, so count for
every pemda, and never change again)."""
AUDIT_WINDOW = 1000
"""The fingerprint counts the pemda's audit events among the ``AUDIT_WINDOW`` ids below its newest as
well as the newest id (and the same of the events of every pemda): on PostgreSQL a transaction may
commit an id lower than one already committed."""
JOB_TIMEOUT = timedelta(seconds=int(settings.Q_CLUSTER.get("timeout", 1800)))
"""A job queued or running longer than the worker's own timeout is taken as lost and started again."""
TASK = "reporting.regency.prepared.prepare_run"

PARTS = {
    "e79": ("e79_z",),
    "ranking": ("ranking",),
    "warning": ("warning_z",),
    "warning_csv": ("warning_csv_z",),
}
"""What each page reads of the stored result (the E.79's fragment is megabytes: read only where shown)."""
STATE_FIELDS = (
    "fingerprint",
    "built_at",
    "build_ms",
    "header",
    "job_fingerprint",
    "job_state",
    "job_stage",
    "job_started_at",
    "job_error",
)
STAGE_QUEUED = "Menunggu giliran di antrean"
STAGE_LOAD = "Membaca dan menghitung laporan E.81 setiap PD"
STAGE_E79 = "Menyusun tabel E.79"
STAGE_WARNING = "Menyusun peringatan dini"
STAGE_RANKING = "Menyusun peringkat PD dan program"
STAGE_SAVE = "Menyimpan"
State = PreparedRegency.JobState


# -- the fingerprint ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fingerprint:
    value: str
    agencies: int
    """The pemda's number of PD (the same query): above ``BACKGROUND_MIN_PD`` its pages are prepared."""


def _newest(events: Any) -> Subquery:
    return Subquery(events.order_by("-pk").values("pk")[:1], output_field=BigIntegerField())


def fingerprint(region: Region) -> Fingerprint:
    """The fingerprint of everything ``region``'s E.79 reads, in two queries: its PD, and the audit
    events placed in it or in no pemda (each set by the index ``audit_region_id``)."""
    pd = Agency.objects.filter(region=region).aggregate(n=Count("pk"), last=Max("pk"))
    mine = AuditEvent.objects.filter(region=region)
    everyone = AuditEvent.objects.filter(region__isnull=True).exclude(model__in=UNPLACED)
    is_mine = Q(region=region)
    audit = AuditEvent.objects.filter(
        (is_mine & Q(pk__gt=_newest(mine) - Value(AUDIT_WINDOW)))
        | (Q(region__isnull=True) & ~Q(model__in=UNPLACED) & Q(pk__gt=_newest(everyone) - Value(AUDIT_WINDOW)))
    ).aggregate(
        n=Count("pk", filter=is_mine),
        last=Max("pk", filter=is_mine),
        all_n=Count("pk", filter=Q(region__isnull=True)),
        all_last=Max("pk", filter=Q(region__isnull=True)),
    )
    own = tuple(getattr(region, f.attname) for f in Region._meta.concrete_fields)
    raw = repr((VERSION, own, pd["n"], pd["last"], audit["n"], audit["last"], audit["all_n"], audit["all_last"]))
    return Fingerprint(hashlib.sha256(raw.encode("utf-8")).hexdigest()[:40], pd["n"])


# -- what the pages show ----------------------------------------------------------------------------


def header_of(e79: RegencyReport) -> dict[str, Any]:
    """The few facts every page's heading and links need (stored as JSON)."""
    return {
        "region": e79.region.name,
        "slug": e79.region.slug,
        "year": e79.year,
        "quarter": e79.quarter,
        "period": e79.period,
        "title": e79.title,
        "form": e79.form,
        "status_line": e79.status_line,
    }


def header_pending(region: Region, year: int, quarter: int) -> dict[str, Any]:
    return {
        "region": region.name,
        "slug": region.slug,
        "year": year,
        "quarter": quarter,
        "period": period(year, quarter),
        "status_line": "",
    }


def e79_fragment(e79: RegencyReport) -> str:
    """The E.79 page's body: the PD's standing and the document (independent of the paper size)."""
    return str(render_to_string("regency/_e79_body.html", document_context(e79)))


def warning_fragment(warning: EarlyWarning) -> str:
    """The pemda's early-warning body: the method and the programs and indicators at risk."""
    context = {"warning": warning, "methods": METHOD_TEXT, "thresholds": warning.thresholds, "whole_pemda": True}
    return str(render_to_string("regency/_warning_body.html", context))


def _pack(data: bytes) -> bytes:
    return zlib.compress(data, 6)


def _unpack(data: bytes | memoryview) -> bytes:
    return zlib.decompress(bytes(data)) if data else b""


_DECIMALS = ("achievement", "absorption", "efficiency", "budget", "realized")


def rows_dump(rows: list[RankRow]) -> list[dict[str, Any]]:
    """Ranking rows as JSON: Decimals as exact strings, blanks as null."""
    return [{k: (str(v) if k in _DECIMALS and v is not None else v) for k, v in asdict(r).items()} for r in rows]


def rows_load(items: list[dict[str, Any]]) -> list[RankRow]:
    return [
        RankRow(**{k: (Decimal(v) if k in _DECIMALS and v is not None else v) for k, v in i.items()}) for i in items
    ]


@dataclass(frozen=True)
class Preparation:
    """Where the prepared result of a large pemda stands, as its pages say it."""

    fresh: bool
    built_at: datetime | None
    state: str
    stage: str
    error: str
    elapsed: int | None
    """Seconds since the job was queued."""
    estimate: int | None
    """Seconds the previous build took (None: none yet)."""

    @property
    def stale(self) -> bool:
        return not self.fresh and self.built_at is not None

    @property
    def failed(self) -> bool:
        return not self.fresh and self.state == State.FAILED

    @property
    def percent(self) -> int | None:
        """An estimate from the previous build's time, at most 95 until it is done."""
        if self.fresh:
            return 100
        if not self.estimate or self.elapsed is None:
            return None
        return min(95, int(self.elapsed * 100 / max(self.estimate, 1)))


READY = Preparation(True, None, State.DONE, "Selesai", "", None, None)
"""A small pemda's pages: built in the request, never waited for."""


@dataclass
class Pages:
    """What the E.79, ranking and warning pages show: built in the request (``preparation`` None) or read
    from the prepared result."""

    header: dict[str, Any]
    e79_html: SafeString | None = None
    warning_html: SafeString | None = None
    warning_csv: bytes | None = None
    ranking: dict[str, list[RankRow]] = field(default_factory=dict)
    preparation: Preparation | None = None

    @property
    def ready(self) -> bool:
        """Figures to show (fresh, or marked stale)."""
        return self.preparation is None or self.preparation.built_at is not None


def pages_build(region: Region, year: int, quarter: int, part: str) -> Pages:
    """A small pemda: the E.79 built in the request, and only the ``part`` asked for."""
    e79 = regency_report_build(region=region, year=year, quarter=quarter)
    pages = Pages(header=header_of(e79))
    if part == "e79":
        pages.e79_html = mark_safe(e79_fragment(e79))  # our own template, autoescaped
    elif part == "ranking":
        pages.ranking = {"pd": agency_ranking(e79), "program": program_ranking(e79)}
    else:
        warning = early_warning(a.report for a in e79.agencies)
        if part == "warning":
            pages.warning_html = mark_safe(warning_fragment(warning))
        else:
            pages.warning_csv = render_warning_csv(warning)
    return pages


def _row(region: Region, year: int, quarter: int, part: str) -> PreparedRegency | None:
    fields = (*STATE_FIELDS, *PARTS[part])
    return PreparedRegency.objects.filter(region=region, year=year, quarter=quarter).only(*fields).first()


def _preparation(row: PreparedRegency | None, fp: str) -> Preparation:
    if row is None:
        return Preparation(False, None, State.QUEUED, STAGE_QUEUED, "", None, None)
    started = row.job_started_at
    elapsed = None if started is None else max(0, int((timezone.now() - started).total_seconds()))
    return Preparation(
        fresh=row.fingerprint == fp,
        built_at=row.built_at,
        state=row.job_state or State.QUEUED,
        stage=row.job_stage or STAGE_QUEUED,
        error=row.job_error,
        elapsed=elapsed,
        estimate=None if not row.build_ms else max(1, round(row.build_ms / 1000)),
    )


def pages_prepared(
    region: Region, year: int, quarter: int, part: str, fp: Fingerprint, *, retry: bool = False
) -> Pages:
    """A large pemda: the prepared result when fresh (one query); otherwise the job started or joined,
    and the previous result, if any, marked as such."""
    row = _row(region, year, quarter, part)
    if row is None or row.fingerprint != fp.value:
        prepare_ensure(region=region, year=year, quarter=quarter, fp=fp.value, retry=retry)
        row = _row(region, year, quarter, part)  # with KINERJA_JOBS_SYNC=1 the job has run
    preparation = _preparation(row, fp.value)
    if row is None or row.built_at is None:
        return Pages(header=header_pending(region, year, quarter), preparation=preparation)
    pages = Pages(header=row.header, preparation=preparation)
    if part == "e79":
        pages.e79_html = mark_safe(_unpack(row.e79_z).decode("utf-8"))  # rendered by the job from our own template
    elif part == "warning":
        pages.warning_html = mark_safe(_unpack(row.warning_z).decode("utf-8"))
    elif part == "warning_csv":
        pages.warning_csv = _unpack(row.warning_csv_z)
    else:
        pages.ranking = {kind: rows_load(items) for kind, items in row.ranking.items()}
    return pages


def preparation_of(region: Region, year: int, quarter: int, fp: Fingerprint, *, retry: bool = False) -> Preparation:
    """The state the polling fragment shows (the job joined, or started again when lost or retried)."""
    row = PreparedRegency.objects.filter(region=region, year=year, quarter=quarter).only(*STATE_FIELDS).first()
    if row is None or row.fingerprint != fp.value:
        prepare_ensure(region=region, year=year, quarter=quarter, fp=fp.value, retry=retry)
        row = PreparedRegency.objects.filter(region=region, year=year, quarter=quarter).only(*STATE_FIELDS).first()
    return _preparation(row, fp.value)


# -- the job ----------------------------------------------------------------------------------------


def prepare_ensure(*, region: Region, year: int, quarter: int, fp: str, retry: bool = False) -> bool:
    """Queue the job that prepares ``region``'s pages for the data of fingerprint ``fp``, unless one is
    already queued or running for the pemda's quarter (joined, whatever data it read: at most one job per
    pemda and quarter, however often the data change; the next visit after it queues the next), or one
    failed for ``fp`` (not retried unless ``retry``).  The claim is one conditional UPDATE, so two
    requests at once queue one job.  Returns whether it queued."""
    from django_q.conf import Conf
    from django_q.tasks import async_task

    row, _created = PreparedRegency.objects.only("pk").get_or_create(region=region, year=year, quarter=quarter)
    now = timezone.now()
    busy = Q(job_state__in=[State.QUEUED, State.RUNNING], job_started_at__gt=now - JOB_TIMEOUT)
    if not retry:
        busy |= Q(job_fingerprint=fp, job_state=State.FAILED)
    claimed = (
        PreparedRegency.objects.filter(pk=row.pk)
        .exclude(busy)
        .update(
            job_fingerprint=fp,
            job_state=State.QUEUED,
            job_stage=STAGE_QUEUED,
            job_started_at=now,
            job_error="",
            job_task="",
        )
    )
    if not claimed:
        return False
    try:
        task_id = async_task(
            TASK, region.pk, year, quarter, fp, task_name=f"Siapkan E.79 {region.slug} {year} TW{quarter}"
        )
    except Exception:
        if not Conf.SYNC:
            raise
        return True  # run inline (KINERJA_JOBS_SYNC=1) and failed: its row says why, as a worker's would
    PreparedRegency.objects.filter(pk=row.pk, job_fingerprint=fp).update(job_task=str(task_id)[:64])
    return True


def prepare_run(region_id: int, year: int, quarter: int, claimed: str) -> str:
    """The job (run by the worker): build the E.79 once, render what the three pages show, store it with
    the fingerprint read *before* the figures (a write during the build leaves it stale, so rebuilt).
    Returns the stored fingerprint."""
    rows = PreparedRegency.objects.filter(region_id=region_id, year=year, quarter=quarter)
    mine = rows.filter(job_fingerprint=claimed)

    def stage(text: str) -> None:
        mine.update(job_state=State.RUNNING, job_stage=text)

    started, clock = timezone.now(), time.monotonic()
    try:
        stage(STAGE_LOAD)
        region = Region.objects.get(pk=region_id)
        fp = fingerprint(region).value
        e79 = regency_report_build(region=region, year=year, quarter=quarter)
        stage(STAGE_E79)
        e79_html = e79_fragment(e79)
        stage(STAGE_WARNING)
        warning = early_warning(a.report for a in e79.agencies)
        warning_html, warning_csv = warning_fragment(warning), render_warning_csv(warning)
        stage(STAGE_RANKING)
        ranking = {"pd": rows_dump(agency_ranking(e79)), "program": rows_dump(program_ranking(e79))}
        stage(STAGE_SAVE)
        # A job that read the data earlier than the stored result's never overwrites it.
        rows.filter(Q(built_at__isnull=True) | Q(built_at__lte=started)).update(
            fingerprint=fp,
            built_at=started,
            build_ms=int((time.monotonic() - clock) * 1000),
            header=header_of(e79),
            e79_z=_pack(e79_html.encode("utf-8")),
            warning_z=_pack(warning_html.encode("utf-8")),
            warning_csv_z=_pack(warning_csv),
            ranking=ranking,
        )
        mine.update(job_state=State.DONE, job_stage="Selesai")
    except Exception as exc:
        mine.update(job_state=State.FAILED, job_stage="Gagal", job_error=(str(exc) or type(exc).__name__)[:500])
        raise
    return fp
