"""Computed indicators in the admin: read-only (formulas and figures change through
``computed.services``, which check the role, the lock and write the history)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from computed.models import BaseFigure, BaseFigureValue, ComputedIndicator


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class FigureInline(admin.TabularInline):
    model = BaseFigure
    fields = ("position", "name", "label", "kind")
    extra = 0

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(ComputedIndicator)
class ComputedIndicatorAdmin(_ReadOnly):
    list_display = ("indicator", "formula", "updated_at", "updated_by")
    inlines = [FigureInline]


@admin.register(BaseFigureValue)
class BaseFigureValueAdmin(_ReadOnly):
    list_display = ("figure", "year", "quarter", "value", "updated_at", "updated_by", "source")
    list_filter = ("year", "quarter")
