"""Daily: tell each PD whose quarter's deadline is near (``--days``, default 3) and who has not submitted.

Run by cron once a day, e.g. ``15 7 * * * cd /srv/kinerja && .venv/bin/python manage.py notices_deadline``.
Idempotent: a person is told once per quarter, however often it runs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from quarters.services.notices import deadline_notices_send


class Command(BaseCommand):
    help = "Pemberitahuan batas waktu pengisian triwulan kepada PD yang belum mengajukan laporan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=getattr(settings, "KINERJA_DEADLINE_NOTICE_DAYS", 3),
            help="beri tahu bila batas waktu tinggal sekian hari atau kurang (bawaan 3)",
        )
        parser.add_argument("--today", help="tanggal hari ini, TTTT-BB-HH (untuk uji coba)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] < 0:
            raise CommandError("--days tidak boleh negatif")
        try:
            today = dt.date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--today {options['today']!r}: tulis TTTT-BB-HH") from exc
        quarters, notices = deadline_notices_send(today=today, days=options["days"])
        self.stdout.write(f"{notices} pemberitahuan batas waktu untuk {quarters} laporan triwulan ({today:%d-%m-%Y}).")
