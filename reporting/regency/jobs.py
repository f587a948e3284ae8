"""The E.79 of a large pemda (or a province's many PD) as a background job with a download link.

A download of a pemda with more than ``BACKGROUND_MIN_PD`` PD is queued (django-q2 on the ORM broker:
the jobs and their results live in the project's own database, SQLite or PostgreSQL, so the default
installation needs no extra server); a worker started with ``python manage.py qcluster`` builds and
renders it, and the result (the file's bytes) is kept with the task.  The page that queued it polls
and then links the file.  A job is tied to its pemda: its link works only for those who may read that
pemda's combined pages (the pemda's id is the job's first argument and is checked).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from planning.models import Region
from reporting.regency.builder import regency_report_build
from reporting.regency.renderers import REGENCY_RENDERERS

BACKGROUND_MIN_PD = getattr(settings, "KINERJA_E79_BACKGROUND_MIN_PD", 20)
"""Above this many PD a download is a background job (a 50-PD E.79 in Excel takes several seconds)."""
TASK = "reporting.regency.jobs.e79_render"


def e79_render(region_id: int, year: int, quarter: int, fmt: str, paper: str) -> bytes:
    """The job itself: the E.79's bytes in ``fmt`` (run by the worker)."""
    region = Region.objects.get(pk=region_id)
    return REGENCY_RENDERERS[fmt].render(regency_report_build(region=region, year=year, quarter=quarter), paper=paper)


def e79_job_start(*, region: Region, year: int, quarter: int, fmt: str, paper: str) -> str:
    """Queue the E.79 download; return the job's id."""
    from django_q.tasks import async_task

    if fmt not in REGENCY_RENDERERS:
        raise ValueError(f"format tidak dikenal: {fmt!r}")
    task_id: str = async_task(
        TASK, region.pk, year, quarter, fmt, paper, task_name=f"E79 {region.slug} {year} TW{quarter} {fmt} {paper}"
    )
    return task_id


@dataclass(frozen=True)
class JobState:
    done: bool
    success: bool = False
    data: bytes | None = None
    error: str = ""


def e79_job_state(*, region: Region, task_id: str) -> JobState | None:
    """The job's state; None when ``task_id`` is a finished job of another pemda or not an E.79 job."""
    from django_q.models import OrmQ, Task

    task = Task.objects.filter(id=task_id).first()
    if task is None:
        queued = any(q.task_id() == task_id for q in OrmQ.objects.all()[:500])
        return JobState(done=False) if queued else None
    if task.func != TASK or not task.args or task.args[0] != region.pk:
        return None
    if not task.success:
        return JobState(done=True, success=False, error=str(task.result)[:500])
    return JobState(done=True, success=True, data=task.result)


PROVINCE_TASK = "reporting.regency.jobs.province_render"


def province_render(region_ids: list[int], year: int, quarter: int) -> bytes:
    """The job of the province-wide roll-up over ``region_ids``: its CSV (run by the worker)."""
    from reporting.regency.province import province_rollup
    from reporting.regency.render_csv import render_province_csv

    regions = Region.objects.filter(pk__in=region_ids).order_by("name")
    return render_province_csv(province_rollup(regions=regions, year=year, quarter=quarter))


def province_job_start(*, regions: list[Region], year: int, quarter: int) -> str:
    from django_q.tasks import async_task

    ids = sorted(r.pk for r in regions)
    task_id: str = async_task(
        PROVINCE_TASK, ids, year, quarter, task_name=f"Provinsi {year} TW{quarter} ({len(ids)} pemda)"
    )
    return task_id


def province_job_state(*, readable: set[int], task_id: str) -> JobState | None:
    """The roll-up job's state; None when it is not one, or covers a pemda the user may not read."""
    from django_q.models import OrmQ, Task

    task = Task.objects.filter(id=task_id).first()
    if task is None:
        queued = any(q.task_id() == task_id for q in OrmQ.objects.all()[:500])
        return JobState(done=False) if queued else None
    if task.func != PROVINCE_TASK or not task.args or not set(task.args[0]) <= readable:
        return None
    if not task.success:
        return JobState(done=True, success=False, error=str(task.result)[:500])
    return JobState(done=True, success=True, data=task.result)
