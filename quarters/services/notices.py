"""Notices in the application (and by e-mail when the server has SMTP): a quarter submitted (to Bappeda),
returned, approved or unlocked (to the PD's operators and Kepala), a deadline near (to the PD).

``notify`` writes the ``Notice`` rows in the caller's transaction; the e-mails leave only after it commits
(``transaction.on_commit``), so a refused transition sends nothing.  The workflow's transitions call
``quarter_notify``; the daily ``manage.py notices_deadline`` calls ``deadline_notify``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from planning.models import Agency, Membership
from planning.roles import person_name
from quarters.locks import QUARTER_NAMES
from quarters.models import Notice, QuarterReport

log = logging.getLogger(__name__)

KINDS = {
    "submitted": "Laporan diajukan",
    "returned": "Laporan dikembalikan",
    "approved": "Laporan disetujui",
    "unlocked": "Kunci dibuka",
    "deadline": "Batas waktu",
}
S = QuarterReport.Status
_PD_ROLES = (Membership.Role.OPERATOR, Membership.Role.HEAD)
_BAPPEDA_ROLES = (Membership.Role.VERIFIER, Membership.Role.ADMIN)


def pd_users(agency: Agency) -> list[Any]:
    """The PD's operators and Kepala PD (active accounts)."""
    User = get_user_model()
    return list(
        User.objects.filter(is_active=True, memberships__agency=agency, memberships__role__in=_PD_ROLES)
        .distinct()
        .order_by("pk")
    )


def bappeda_users(region_id: int) -> list[Any]:
    """The pemda's Bappeda verifiers and administrators (active accounts)."""
    User = get_user_model()
    return list(
        User.objects.filter(is_active=True, memberships__region_id=region_id, memberships__role__in=_BAPPEDA_ROLES)
        .distinct()
        .order_by("pk")
    )


def email_enabled() -> bool:
    return bool(getattr(settings, "KINERJA_NOTICE_EMAIL", False))


def notify(
    *, users: Iterable[Any], kind: str, text: str, report: QuarterReport | None = None, url: str = ""
) -> list[Notice]:
    """One notice per user (each user once); e-mailed too, after commit, when e-mail is on."""
    if kind not in KINDS:
        raise ValueError(f"unknown notice kind {kind!r}")
    recipients = list({u.pk: u for u in users if getattr(u, "pk", None)}.values())
    if not recipients:
        return []
    notices = Notice.objects.bulk_create(
        [Notice(user=u, report=report, kind=kind, text=text, url=url) for u in recipients]
    )
    if email_enabled():
        addresses = sorted({u.email for u in recipients if u.email})
        if addresses:
            transaction.on_commit(lambda: _send(kind=kind, text=text, url=url, addresses=addresses))
    return notices


def _send(*, kind: str, text: str, url: str, addresses: list[str]) -> None:
    """One e-mail per address (no address sees the others); a failing server is logged, never raised:
    the notice in the application is already there."""
    site = getattr(settings, "KINERJA_SITE_URL", "").rstrip("/")
    link = f"{site}{url}" if url else site
    body = f"{text}\n\n{link}\n\n-- \nKinerja: Evaluasi Renja Perangkat Daerah\n" if link else f"{text}\n"
    subject = f"[Kinerja] {KINDS[kind]}"
    try:
        connection = get_connection()
        messages = [EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses]
        connection.send_messages(messages)
    except Exception:  # an SMTP server down must not break the screen that made the notice
        log.exception("notice e-mail not sent (%s, %d addresses)", kind, len(addresses))


def _quarter(report: QuarterReport) -> str:
    return f"Triwulan {QUARTER_NAMES[report.quarter - 1]} {report.year}"


def _url(name: str, report: QuarterReport) -> str:
    return reverse(name, args=[report.agency.slug, report.year, report.quarter])


def quarter_notify(*, report: QuarterReport, actor: Any) -> list[Notice]:
    """The notices of a workflow transition that just happened (``report.status`` is the new state):
    submitted -> Bappeda of the pemda; returned (with the note), approved, unlocked (with the reason) ->
    the PD's operators and Kepala.  The actor is not told what they did themselves."""
    agency = report.agency
    when = _quarter(report)
    if report.status == S.SUBMITTED:
        users = bappeda_users(agency.region_id)
        kind, url = "submitted", _url("quarters:verify", report)
        text = f"{agency.name} mengajukan laporan {when} ({person_name(actor)}); menunggu verifikasi."
    elif report.status == S.RETURNED:
        users = pd_users(agency)
        kind, url = "returned", _url("quarters:entry", report)
        text = f"Laporan {when} dikembalikan Bappeda ({person_name(actor)}): {report.return_note}"
    elif report.status == S.APPROVED:
        users = pd_users(agency)
        kind, url = "approved", _url("report", report)
        text = f"Laporan {when} disetujui Bappeda ({person_name(actor)}) dan dikunci."
    else:  # back to draft: only an unlock leads there
        users = pd_users(agency)
        kind, url = "unlocked", _url("quarters:entry", report)
        approval = report.approvals.filter(superseded_at__isnull=False).order_by("-superseded_at").first()
        reason = approval.superseded_reason if approval else ""
        text = f"Kunci laporan {when} dibuka Bappeda ({person_name(actor)})" + (f": {reason}" if reason else ".")
    actor_pk = getattr(actor, "pk", None)
    return notify(users=[u for u in users if u.pk != actor_pk], kind=kind, text=text, report=report, url=url)


def deadline_notify(*, report: QuarterReport, today: dt.date | None = None) -> list[Notice]:
    """ "Deadline near" to the PD's operators and Kepala who were not told yet about this quarter:
    idempotent per quarter and user, so a daily run tells each person once."""
    from quarters.review_selectors import deadline_of

    deadline = deadline_of(report)
    today = today or timezone.localdate()
    days = (deadline - today).days
    told = set(Notice.objects.filter(report=report, kind="deadline").values_list("user_id", flat=True))
    users = [u for u in pd_users(report.agency) if u.pk not in told]
    when = "hari ini" if days == 0 else f"{days} hari lagi" if days > 0 else f"lewat {-days} hari"
    text = (
        f"Batas pengisian laporan {_quarter(report)} {report.agency.name}: "
        f"{deadline:%d-%m-%Y} ({when}). Isi realisasi dan ajukan ke Bappeda."
    )
    return notify(users=users, kind="deadline", text=text, report=report, url=_url("quarters:entry", report))


def notice_read(*, user: Any, notice_id: int) -> Notice | None:
    """Mark one of ``user``'s notices read; another user's notice is ``None`` (not found)."""
    notice = Notice.objects.filter(pk=notice_id, user=user).first()
    if notice is not None and notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


def notices_read_all(*, user: Any) -> int:
    """Mark every unread notice of ``user`` read; how many."""
    return Notice.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def deadline_notices_send(*, today: dt.date, days: int) -> tuple[int, int]:
    """The daily run: every open quarter (draft or returned, or not started) whose deadline is ``days``
    days away or fewer, and not past, gets its "deadline near" notices.  Returns (quarters, notices).

    A quarter nobody has touched yet has no document; it is made here (a draft with its deadline) so
    that the notices name it.  Run twice the same day, it tells nobody twice.
    """
    from planning.models import WorkPlan
    from quarters.workflow import quarter_deadline

    window = (today, today + dt.timedelta(days=days))
    open_states = (S.DRAFT, S.RETURNED)
    due: dict[tuple[int, int, int], QuarterReport | None] = {}
    # quarters whose default deadline falls in the window, for every PD with a Renja of that year
    for year in (today.year - 1, today.year):
        quarters = [q for q in (1, 2, 3, 4) if window[0] <= quarter_deadline(year, q) <= window[1]]
        if not quarters:
            continue
        agency_ids = WorkPlan.objects.filter(year=year, is_active=True).values_list(
            "strategic_plan__agency_id", flat=True
        )
        for agency_id in set(agency_ids):
            for q in quarters:
                due[(agency_id, year, q)] = None
    # and the documents already there, whatever their own deadline
    existing = QuarterReport.objects.select_related("agency").filter(
        Q(deadline__range=window) | Q(agency_id__in={k[0] for k in due}, year__in={k[1] for k in due})
    )
    for report in existing:
        due[(report.agency_id, report.year, report.quarter)] = report
    quarters_told = notices = 0
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in={k[0] for k in due})}
    for (agency_id, year, q), report in sorted(due.items()):
        if report is None:
            report, _ = QuarterReport.objects.get_or_create(
                agency=agencies[agency_id], year=year, quarter=q, defaults={"deadline": quarter_deadline(year, q)}
            )
        if report.status not in open_states:
            continue
        if not window[0] <= (report.deadline or quarter_deadline(year, q)) <= window[1]:
            continue
        with transaction.atomic():
            made = deadline_notify(report=report, today=today)
        quarters_told += bool(made)
        notices += len(made)
    return quarters_told, notices
