"""The admin lists tokens (never the token itself) and can revoke them; tokens are issued by
``manage.py api_token issue``, which prints the token once."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from api.models import ApiToken, OpenDataPublication
from api.tokens import token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "name", "user", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "prefix", "digest", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    @admin.action(description="Cabut token terpilih")
    def revoke(self, request: Any, queryset: Any) -> None:
        for token in queryset:
            token_revoke(token=token, actor=request.user, reason="dicabut di admin")


@admin.register(OpenDataPublication)
class OpenDataPublicationAdmin(admin.ModelAdmin):
    """Read-only here: the pemda's administrator changes it through the API (audited service)."""

    list_display = ("region", "published", "changed_at", "changed_by")
    readonly_fields = ("region", "published", "changed_at", "changed_by")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
