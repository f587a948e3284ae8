"""``manage.py nomenclature load FILE [--label TEXT]`` and ``manage.py nomenclature versions``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from nomenclature.loader import NomenclatureFileError
from nomenclature.models import NomenclatureVersion
from nomenclature.services import nomenclature_load
from planning.errors import ServiceError
from planning.roles import SYSTEM


class Command(BaseCommand):
    help = "Muat berkas nomenklatur (code,level,name,indicator,unit) sebagai versi baru, atau daftar versinya."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="muat berkas CSV sebagai versi yang berlaku; versi lama disimpan")
        load.add_argument("file", type=Path)
        load.add_argument("--label", default="", help="sebutan versi, mis. Kepmendagri 900.1.15.5-3406/2024")
        sub.add_parser("versions", help="daftar versi yang pernah dimuat")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "versions":
            for v in NomenclatureVersion.objects.all():
                mark = "*" if v.is_active else " "
                self.stdout.write(f"{mark} {v.pk:>3} {v.loaded_at:%Y-%m-%d %H:%M} {v.label} ({v.entry_count} kode)")
            return
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas {path} tidak dapat dibaca: {exc.strerror}") from exc
        try:
            version, new = nomenclature_load(
                data=data, source=path.name, label=options["label"] or path.stem, actor=SYSTEM
            )
        except (NomenclatureFileError, ServiceError) as exc:
            raise CommandError(str(exc)) from exc
        if new:
            self.stdout.write(f"Nomenklatur {version.label} dimuat: {version.entry_count} kode (versi {version.pk}).")
        else:
            self.stdout.write(f"Berkas ini sudah versi yang berlaku ({version.label}): tidak ada yang berubah.")
