"""``manage.py restore FILE``: replace the database by a backup made with ``manage.py backup``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from ops.backup import BackupError, database_restore, media_restore


class Command(BaseCommand):
    help = (
        "Memulihkan basis data dari berkas cadangan: seluruh isi basis data diganti "
        "(SQLite: restore daring ke berkas basis data; PostgreSQL: pg_restore --clean)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="berkas cadangan dari manage.py backup")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="alias basis data (default: default)")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="tanpa pertanyaan konfirmasi"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        settings_dict = connections[options["database"]].settings_dict
        if options["interactive"]:
            answer = input(
                f"Seluruh isi basis data {settings_dict['NAME']} akan diganti dengan {options['file']}.\n"
                "Ketik 'ya' untuk melanjutkan: "
            )
            if answer.strip().lower() != "ya":
                raise CommandError("Pemulihan dibatalkan.")
        try:
            outcome = database_restore(path=Path(options["file"]), using=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Basis data {outcome.vendor} dipulihkan dari {outcome.path}.")
        archive = media_restore(path=outcome.path, media_root=Path(settings.MEDIA_ROOT))
        if archive is not None:
            self.stdout.write(f"Bukti dukung dipulihkan dari {archive}.")
        if outcome.unapplied_migrations:
            self.stdout.write(
                f"Cadangan ini lebih lama dari kode: jalankan manage.py migrate ({outcome.unapplied_migrations} migrasi)."
            )
