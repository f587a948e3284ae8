"""``python manage.py demo``: load the seed report as Kabupaten Lumajang / Diskopum, and demo users.

Idempotent: the second run finds nothing to change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.yaml_document import DocumentError, read_yaml_document
from planning.errors import ServiceError
from planning.models import Agency, Membership, Region
from planning.roles import SYSTEM
from planning.services.documents import document_load

DATA = Path(__file__).resolve().parents[2] / "data" / "lumajang-diskopum-2021.yaml"
DEMO_PASSWORD = "kinerja-demo"
DEMO_USERS = (
    # username, role, superuser
    ("admin", Membership.Role.ADMIN, True),
    ("operator", Membership.Role.OPERATOR, False),
    ("kepala", Membership.Role.HEAD, False),
    ("verifikator", Membership.Role.VERIFIER, False),
    ("pembaca", Membership.Role.READER, False),
)
_PD_ROLES = (Membership.Role.OPERATOR, Membership.Role.HEAD)


class Command(BaseCommand):
    help = "Muat data demo (laporan TW IV 2021 Diskopum Lumajang) dan pengguna demo."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--file", type=Path, default=DATA, help="berkas YAML dokumen rencana")
        parser.add_argument("--no-users", action="store_true", help="jangan buat pengguna demo")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            document = read_yaml_document(options["file"])
            with transaction.atomic():
                result = document_load(document=document, actor=SYSTEM, reason="data demo")
                if not options["no_users"]:
                    created = _demo_users(result.agency)
                else:
                    created = []
        except (DocumentError, ServiceError) as exc:
            raise CommandError(str(exc)) from exc
        if result.changes:
            counts = ", ".join(f"{k}: {v}" for k, v in sorted(result.counts.items()))
            self.stdout.write(f"Data demo dimuat: {len(result.changes)} perubahan ({counts}).")
        else:
            self.stdout.write("Data demo sudah lengkap: tidak ada yang berubah.")
        for username in created:
            self.stdout.write(f"Pengguna demo dibuat: {username} / {DEMO_PASSWORD}")


def _demo_users(agency: Agency | None) -> list[str]:
    if agency is None:
        return []
    region: Region = agency.region
    User = get_user_model()
    created = []
    for username, role, superuser in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, is_staff=superuser, is_superuser=superuser)
            user.set_password(DEMO_PASSWORD)
            user.save()
            created.append(username)
        Membership.objects.get_or_create(
            user=user,
            region=region,
            role=role,
            agency=agency if role in _PD_ROLES else None,
        )
    return created
