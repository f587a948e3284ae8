"""Issuing and revoking API tokens (``manage.py api_token``, the admin), and finding a token's user.

A token is 32 random bytes (``secrets.token_urlsafe``), so a plain SHA-256 of it is enough to keep it
unguessable at rest (a slow password hash protects low-entropy secrets, which a token is not).
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from api.models import ApiToken
from audit.services import audit_record
from planning.errors import ServiceError
from planning.roles import is_system

TOKEN_PREFIX = "knj_"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_issue(*, user: Any, name: str, actor: Any) -> tuple[ApiToken, str]:
    """A new token for ``user``: the stored row and the token itself, to show once.

    Issued by the installation's administrator (a superuser, or a command on the server) or by the user
    for themself.
    """
    name = name.strip()
    if not name:
        raise ServiceError("Nama token wajib diisi (untuk apa token ini).")
    if len(name) > 100:
        raise ServiceError("Nama token paling banyak 100 karakter.")
    if not (is_system(actor) or getattr(actor, "is_superuser", False) or getattr(actor, "pk", None) == user.pk):
        raise ServiceError("Hanya administrator atau pemilik akun yang dapat membuat token.")
    if not user.is_active:
        raise ServiceError(f"Akun {user.get_username()} tidak aktif.")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        row = ApiToken.objects.create(user=user, name=name, prefix=token[:12], digest=token_digest(token))
        audit_record(
            actor=actor, action="api_token_issue", model="ApiToken", object_id=row.pk,
            summary=f"token API {row.prefix}... untuk {user.get_username()} ({name})", after={"name": name},
            source="manage.py api_token" if is_system(actor) else "admin",
        )  # fmt: skip
    return row, token


def token_revoke(*, token: ApiToken, actor: Any, reason: str = "") -> None:
    with transaction.atomic():
        if token.revoked_at is not None:
            return
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor, action="api_token_revoke", model="ApiToken", object_id=token.pk,
            summary=f"token API {token.prefix}... dicabut", reason=reason,
            source="manage.py api_token" if is_system(actor) else "admin",
        )  # fmt: skip


def token_user(token: str) -> Any | None:
    """The active user of an unrevoked token, or None."""
    row = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)  # at most one write per 5 minutes
    return row.user
