"""Admin: pemda settings, agencies and memberships are edited here; plan figures are read-only,
because their writes must go through the services that keep history and honour the quarter lock."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from planning import models


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class RatingBandInline(admin.TabularInline):
    model = models.RatingBand
    extra = 0


@admin.register(models.Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "negative_formula", "average_basis", "average_source", "average_cap"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RatingBandInline]


@admin.register(models.Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "region"]
    list_filter = ["region"]
    search_fields = ["name", "slug"]


@admin.register(models.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "region", "agency"]
    list_filter = ["role", "region"]


@admin.register(models.StrategicPlan)
class StrategicPlanAdmin(ReadOnlyAdmin):
    list_display = ["agency", "start_year", "end_year"]


@admin.register(models.WorkPlan)
class WorkPlanAdmin(ReadOnlyAdmin):
    list_display = ["strategic_plan", "year", "revision", "label", "is_active"]


@admin.register(models.PlanRow)
class PlanRowAdmin(ReadOnlyAdmin):
    list_display = ["name", "level", "code", "strategic_plan"]
    list_filter = ["level"]
    search_fields = ["name", "code"]


@admin.register(models.Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["name", "unit", "aggregation", "aggregation_is_default", "direction"]
    search_fields = ["name"]


@admin.register(models.Realization)
class RealizationAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "year", "quarter", "value", "updated_by", "updated_at", "source"]
    list_filter = ["year", "quarter"]
