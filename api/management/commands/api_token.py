"""``manage.py api_token issue USER --name NAME`` prints a new token once; ``list USER``; ``revoke PREFIX``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from api.models import ApiToken
from api.tokens import token_issue, token_revoke
from planning.errors import ServiceError
from planning.roles import SYSTEM


class Command(BaseCommand):
    help = "Membuat, menampilkan atau mencabut token API (docs/api.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="buat token baru; token dicetak sekali dan tidak disimpan")
        issue.add_argument("username")
        issue.add_argument("--name", required=True, help="untuk apa token ini")
        listing = sub.add_parser("list", help="token milik pengguna (awalan saja)")
        listing.add_argument("username")
        revoke = sub.add_parser("revoke", help="cabut token menurut awalannya")
        revoke.add_argument("prefix")
        revoke.add_argument("--reason", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "revoke":
            tokens = list(ApiToken.objects.filter(prefix=options["prefix"], revoked_at__isnull=True))
            if len(tokens) != 1:
                raise CommandError(
                    f"Tidak ada satu token aktif berawalan {options['prefix']!r} ({len(tokens)} ditemukan)."
                )
            token_revoke(token=tokens[0], actor=SYSTEM, reason=options["reason"])
            self.stdout.write(f"Token {tokens[0].prefix}... dicabut.")
            return
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Pengguna {options['username']!r} tidak ada.")
        if action == "list":
            for t in ApiToken.objects.filter(user=user):
                state = f"dicabut {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "aktif"
                used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "belum dipakai"
                self.stdout.write(f"{t.prefix}...  {t.name}  {state}  {used}")
            return
        try:
            _row, token = token_issue(user=user, name=options["name"], actor=SYSTEM)
        except ServiceError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(token)
        self.stderr.write(
            "Simpan token ini sekarang: Kinerja hanya menyimpan hash-nya dan tidak dapat menampilkannya lagi."
        )
