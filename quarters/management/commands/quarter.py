"""``python manage.py quarter --agency SLUG --year Y --quarter Q submit|approve|return|unlock --user NAME
[--reason TEXT]``: the quarter's workflow for administrators and scripts, through the same services
(and so the same role, state and lock checks, and the same audit) as the screens."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from planning.errors import ServiceError
from planning.models import Agency
from quarters.workflow import quarter_approve, quarter_return, quarter_submit, quarter_unlock

ACTIONS = ("submit", "approve", "return", "unlock")


class Command(BaseCommand):
    help = "Ajukan, setujui, kembalikan atau buka kunci laporan triwulan satu perangkat daerah."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=ACTIONS)
        parser.add_argument("--agency", required=True, help="slug perangkat daerah")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--quarter", type=int, required=True, choices=[1, 2, 3, 4])
        parser.add_argument("--user", required=True, help="nama pengguna yang bertindak (perannya diperiksa)")
        parser.add_argument("--reason", default="", help="alasan (wajib untuk return dan unlock)")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.select_related("region").filter(slug=options["agency"]).first()
        if agency is None:
            raise CommandError(f"Perangkat daerah {options['agency']!r} tidak ditemukan.")
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"Pengguna {options['user']!r} tidak ditemukan atau tidak aktif.")
        where = {"agency": agency, "year": options["year"], "quarter": options["quarter"], "actor": user}
        action, reason = options["action"], options["reason"]
        try:
            if action == "submit":
                report = quarter_submit(**where)
            elif action == "approve":
                report = quarter_approve(**where)
            elif action == "return":
                report = quarter_return(**where, note=reason)
            else:
                report = quarter_unlock(**where, reason=reason)
        except ServiceError as exc:
            raise CommandError(str(exc)) from exc
        line = f"{report}: {report.get_status_display()}"
        approval = report.approvals.filter(superseded_at__isnull=True).first() if action == "approve" else None
        if approval is not None:
            when = timezone.localtime(approval.approved_at)
            line += f" ({when:%d-%m-%Y %H:%M} oleh {approval.approved_by_name}; SHA-256 {approval.sha256})"
        self.stdout.write(line)
