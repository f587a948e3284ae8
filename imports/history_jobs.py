"""A history's dry run and its save as background jobs, with their progress per file for the page.

The page keeps the uploaded files as dry runs waiting (``imports.pending``, per user) and queues a job
(django-q2 on the ORM broker, as ``reporting.regency.jobs``; inline with ``KINERJA_JOBS_SYNC=1``).  The
job writes its state, "berkas 7 dari 40: <name>", to a small JSON file beside the dry runs after each
file, and at the end the summary the page shows: one line per file, the summary across files, and
the tokens to save each file.  The page polls that state (htmx) until the job is done.  A batch is its
user's: another user's id is not found.

The job itself is ``imports.history.import_history``: the dry run applies the files in (PD, year,
quarter) order in one transaction rolled back at the end, the save imports each file in its own.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import time
from dataclasses import asdict, dataclass, field
from pathlib import PurePath
from typing import Any

from django.contrib.auth import get_user_model

from imports.forms import regions_for_new_agencies
from imports.history import Defaults, HistoryLine, HistoryResult, import_history, unpack
from imports.pending import pending_claim, pending_folder, pending_save
from imports.services import import_report
from reporting.access import agencies_visible_to

log = logging.getLogger(__name__)

DRY_RUN_TASK = "imports.history_jobs.history_dry_run"
SAVE_TASK = "imports.history_jobs.history_save"
DRY_RUN, SAVE = "uji", "simpan"
_ID = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


@dataclass
class Batch:
    """A history job's state: what it was given, how far it is, and what it found."""

    id: str
    user_id: int
    kind: str  # DRY_RUN or SAVE
    inputs: dict[str, Any] = field(default_factory=dict)  # upload tokens and defaults, or the tokens to save
    created: float = 0.0
    index: int = 0  # files done
    total: int = 0
    file: str = ""  # the file being read or imported
    stage: str = "menunggu giliran"
    done: bool = False
    error: str = ""
    summary: dict[str, Any] | None = None

    @property
    def task_name(self) -> str:
        return f"impor-riwayat-{self.id}"

    @property
    def percent(self) -> int:
        return round(100 * self.index / self.total) if self.total else 0


def _path(batch_id: str) -> Any:
    return pending_folder() / f"riwayat-{batch_id}.json"


def batch_write(batch: Batch) -> None:
    path = _path(batch.id)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(asdict(batch)), encoding="utf-8")
    os.replace(temporary, path)  # the page reads the old state or the new one, never half of one


def batch_read(batch_id: str, user_id: int) -> Batch | None:
    """The batch ``batch_id`` of ``user_id``; None when unknown or another user's."""
    if not _ID.match(batch_id or ""):
        return None
    try:
        batch = Batch(**json.loads(_path(batch_id).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    return batch if batch.user_id == user_id else None


def batch_failed(batch: Batch) -> str:
    """Why a batch not done will not be (its job failed in the worker), else ''."""
    from django_q.models import Task

    task = Task.objects.filter(name=batch.task_name).order_by("-started").first()
    if task is not None and not task.success:
        return "pekerjaan latar belakang gagal; tidak ada yang disimpan oleh pekerjaan ini. Unggah ulang."
    return ""


def _start(kind: str, user_id: int, inputs: dict[str, Any]) -> Batch:
    from django_q.tasks import async_task

    batch = Batch(secrets.token_urlsafe(24), user_id, kind, inputs, created=time.time())
    batch_write(batch)
    task = DRY_RUN_TASK if kind == DRY_RUN else SAVE_TASK
    async_task(task, batch.id, task_name=batch.task_name)  # with KINERJA_JOBS_SYNC=1 it has run here
    return batch


def dry_run_start(*, user: Any, files: list[tuple[str, bytes]], defaults: Defaults) -> Batch:
    """Keep ``files`` for ``user`` and queue their dry run."""
    uploads = [pending_save(data=data, user_id=user.pk, filename=name, checksum="", params={}) for name, data in files]
    inputs = {"uploads": uploads, "defaults": asdict(defaults)}
    return _start(DRY_RUN, user.pk, inputs)


def save_start(*, user: Any, tokens: list[str], allow_delete: bool, confirm_other_agency: bool) -> Batch:
    inputs = {"tokens": tokens, "allow_delete": allow_delete, "confirm_other_agency": confirm_other_agency}
    return _start(SAVE, user.pk, inputs)


def may_create(user: Any) -> set[str]:
    """The pemda slugs where ``user`` may create a PD through an import ("*": any)."""
    if user.is_superuser:
        return {"*"}
    return {r.slug for r in regions_for_new_agencies(user)}


def _progress(batch: Batch, stages: dict[str, str]) -> Any:
    def report(index: int, total: int, name: str, stage: str) -> None:
        batch.index, batch.total, batch.file = index, total, name
        batch.stage = stages.get(stage, stage)
        batch_write(batch)

    return report


def _run(batch_id: str, work: Any) -> None:
    path = _path(batch_id)
    batch = Batch(**json.loads(path.read_text(encoding="utf-8")))
    user = get_user_model().objects.get(pk=batch.user_id)
    try:
        batch.summary = work(batch, user)
    except Exception:  # the page must say the job failed rather than wait for ever
        log.exception("impor riwayat %s", batch_id)
        batch.error = "galat tak terduga saat mengimpor riwayat; tidak ada yang disimpan oleh pekerjaan ini."
    batch.done, batch.file = True, ""
    batch_write(batch)


# -- the dry run ------------------------------------------------------------------------------------------


def history_dry_run(batch_id: str) -> None:
    """The job: the uploaded files' dry run, each importable file kept under a token to save it, each
    file that could not be matched under a token to ask for its PD, year and quarter."""
    _run(batch_id, _dry_run)


def _dry_run(batch: Batch, user: Any) -> dict[str, Any]:
    files: list[tuple[str, bytes]] = []
    for token in batch.inputs["uploads"]:
        with pending_claim(token=token, user_id=user.pk) as pending:
            data = pending.data() if pending is not None else None
            if pending is not None and data is not None:
                files.append((pending.filename, data))
                pending.mark_saved({"read": True})  # the upload's bytes are not kept twice on disk
    result = import_history(
        files,
        actor=user,
        dry_run=True,
        defaults=Defaults(**batch.inputs["defaults"]),
        agencies=list(agencies_visible_to(user).select_related("region")),
        may_create=may_create(user),
        progress=_progress(batch, {"mencocokkan": "mencocokkan", "uji coba": "uji coba", "selesai": "selesai"}),
    )
    return preview_summary(result, files, user.pk)


def preview_summary(result: HistoryResult, files: list[tuple[str, bytes]], user_id: int) -> dict[str, Any]:
    data_of = {f.name: f.data for f in unpack(files)[0]}
    lines = []
    for line in result.lines:
        token = ask = ""
        data, outcome = data_of.get(line.file), line.result
        name = PurePath(line.file).name
        if data is not None and line.match is None:  # not guessed: the person says which PD, year and quarter
            ask = pending_save(data=data, user_id=user_id, filename=name, checksum="", params={})
        elif data is not None and line.match is not None and outcome is not None and outcome.ok and outcome.changes:
            params = {
                "agency_slug": line.match.agency_slug,
                "year": line.match.year,
                "quarter": line.match.quarter,
                "region_slug": line.match.region_slug,
            }
            token = pending_save(data=data, user_id=user_id, filename=name, checksum=outcome.checksum, params=params)
        lines.append(_line(line, token, ask))
    return {
        "lines": lines,
        "refused": result.refused,
        "disagreements": [str(d) for d in result.disagreements],
        "seconds": round(result.seconds, 1),
        "tokens": [line["token"] for line in lines if line["token"]],
        "needs_delete": any(line.result and line.result.deletions for line in result.lines),
        "needs_other": any(line.result and line.result.other_destination for line in result.lines),
    }


def _line(line: HistoryLine, token: str = "", ask: str = "") -> dict[str, Any]:
    match, outcome = line.match, line.result
    return {
        "file": line.file,
        "status": line.status,
        "reason": line.reason,
        "agency": (match.agency_name or match.agency_slug) if match else "",
        "new_agency": bool(match and match.new_agency),
        "year": match.year if match else None,
        "quarter": match.quarter if match else None,
        "rows": outcome.line_count if outcome else None,
        "changes": len(outcome.changes) if outcome else None,
        "errors": len(outcome.errors) if outcome else None,
        "findings": len(outcome.findings) if outcome else None,
        "error_texts": [str(p) for p in outcome.errors[:10]] if outcome else [],
        "needs_mapping": bool(outcome and outcome.needs_mapping),
        "token": token,
        "ask": ask,
    }


# -- the save ----------------------------------------------------------------------------------------------


def history_save(batch_id: str) -> None:
    """The job: each dry run's file imported in (PD, year, quarter) order, each in its own transaction."""
    _run(batch_id, _save)


def _save(batch: Batch, user: Any) -> dict[str, Any]:
    order: list[tuple[tuple[str, int, int], str]] = []
    for token in batch.inputs["tokens"]:
        with pending_claim(token=token, user_id=user.pk) as pending:
            params = pending.params if pending is not None else {}
        order.append(((params.get("agency_slug", ""), params.get("year", 0), params.get("quarter") or 0), token))
    order.sort()
    lines: list[dict[str, Any]] = []
    report = _progress(batch, {})
    for index, (_key, token) in enumerate(order):
        try:
            lines.append(_save_one(token, user, batch, index, len(order), report))
        except TimeoutError:
            lines.append({"file": "?", "reason": "berkas ini sedang disimpan oleh permintaan lain"})
    report(len(order), len(order), "", "selesai")
    return {
        "lines": lines,
        "saved": sum(1 for line in lines if line.get("written")),
        "failed": sum(1 for line in lines if line.get("errors")),
    }


def _save_one(token: str, user: Any, batch: Batch, index: int, total: int, report: Any) -> dict[str, Any]:
    with pending_claim(token=token, user_id=user.pk) as pending:
        if pending is not None and pending.saved is not None:  # a second click: nothing more to do
            changes = pending.saved.get("changes", 0)
            return {"file": pending.filename, "reason": f"sudah disimpan sebelumnya ({changes} perubahan)"}
        if pending is None or (data := pending.data()) is None:
            return {"file": "?", "reason": "berkas uji coba sudah tidak tersedia; unggah ulang"}
        report(index, total, pending.filename, "menyimpan")
        result = import_report(
            data=data,
            filename=pending.filename,
            actor=user,
            dry_run=False,
            allow_delete=batch.inputs["allow_delete"],
            confirm_other_agency=batch.inputs["confirm_other_agency"],
            **pending.params,
        )
        if result.ok:
            pending.mark_saved({"changes": len(result.changes), "quarter": result.quarter})
        return {
            "file": pending.filename,
            "agency": result.agency_slug,
            "year": result.year,
            "quarter": result.quarter,
            "changes": len(result.changes),
            "written": result.written,
            "errors": [str(p) for p in result.errors[:10]],
            "reason": "",
        }
