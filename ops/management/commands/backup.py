"""``manage.py backup FILE``: a consistent copy of the database, also while the server runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from ops.backup import BackupError, database_backup, media_backup


class Command(BaseCommand):
    help = (
        "Membuat cadangan basis data yang konsisten, juga saat server berjalan "
        "(SQLite: backup daring; PostgreSQL: pg_dump format custom)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="berkas cadangan yang dibuat (ditimpa bila sudah ada)")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="alias basis data (default: default)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            outcome = database_backup(path=Path(options["file"]), using=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Cadangan {outcome.vendor} dibuat: {outcome.path} ({outcome.size:,} bait)")
        archive = media_backup(path=outcome.path, media_root=Path(settings.MEDIA_ROOT))
        if archive is not None:
            self.stdout.write(f"Bukti dukung disalin: {archive} ({archive.stat().st_size:,} bait)")
