"""API authentication: ``Authorization: Token <token>`` (hashed tokens, ``api.tokens``), or the
browser's session (the docs page), which keeps Django's CSRF check for writes."""

from __future__ import annotations

from typing import Any

from rest_framework import authentication, exceptions


class HashedTokenAuthentication(authentication.TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key: str) -> tuple[Any, None]:
        from api.tokens import token_user

        user = token_user(key)
        if user is None:
            raise exceptions.AuthenticationFailed("Token tidak sah, sudah dicabut, atau akunnya tidak aktif.")
        return user, None
