"""Admin: pemda settings, agencies and memberships are edited here, through the services that check the
role and audit before, after and the reason the form asks for; plan figures are read-only, because their
writes must go through the services that keep history and honour the quarter lock."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied

from audit.services import audit_record
from planning import models
from planning.errors import ServiceError
from planning.services.settings import AGENCY_FIELDS, REGION_FIELDS, agency_update, rating_bands_set, region_update

ADMIN_SOURCE = "admin"


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class ReasonForm(forms.ModelForm):
    """Every change made in the admin says why; the reason goes into the audit record."""

    reason = forms.CharField(
        label="Alasan perubahan", widget=forms.Textarea(attrs={"rows": 2}), help_text="dicatat di riwayat"
    )


def _refuse(request: Any, exc: ServiceError) -> None:
    messages.error(request, str(exc))
    raise PermissionDenied(str(exc)) from exc


class AuditedAdmin(admin.ModelAdmin):
    """Creation and deletion audited with the reason; changes go through ``_update``."""

    form = ReasonForm
    fields_of_service: tuple[str, ...] = ()

    def _update(self, request: Any, obj: Any, values: dict[str, Any], reason: str) -> None:
        raise NotImplementedError

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        reason = form.cleaned_data["reason"]
        if not change:
            obj.save()
            audit_record(
                actor=request.user, action="create", model=type(obj).__name__, object_id=obj.pk, summary=str(obj),
                after={f: str(form.cleaned_data.get(f)) for f in form.changed_data if f != "reason"},
                reason=reason, source=ADMIN_SOURCE,
            )  # fmt: skip
            return
        values = {f: form.cleaned_data[f] for f in form.changed_data if f in self.fields_of_service}
        try:
            self._update(request, obj, values, reason)
        except ServiceError as exc:
            _refuse(request, exc)

    def delete_model(self, request: Any, obj: Any) -> None:
        audit_record(
            actor=request.user, action="delete", model=type(obj).__name__, object_id=obj.pk, summary=str(obj),
            reason="dihapus di admin", source=ADMIN_SOURCE,
        )  # fmt: skip
        super().delete_model(request, obj)


class RatingBandInline(admin.TabularInline):
    model = models.RatingBand
    extra = 0


@admin.register(models.Region)
class RegionAdmin(AuditedAdmin):
    list_display = ["name", "slug", "kind", "negative_formula", "average_basis", "average_source", "average_cap"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RatingBandInline]
    fields_of_service = REGION_FIELDS

    def get_readonly_fields(self, request: Any, obj: Any = None) -> list[str]:
        return ["slug"] if obj else []

    def get_prepopulated_fields(self, request: Any, obj: Any = None) -> dict[str, Any]:
        return {} if obj else self.prepopulated_fields

    def _update(self, request: Any, obj: Any, values: dict[str, Any], reason: str) -> None:
        region_update(region=obj, actor=request.user, values=values, reason=reason, source=ADMIN_SOURCE)

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        """The bands of each year touched are replaced as a whole, through ``rating_bands_set``."""
        if formset.model is not models.RatingBand:
            super().save_formset(request, form, formset, change)
            return
        if not formset.has_changed():
            return
        region = form.instance
        touched: set[int] = set()
        for f in formset.forms:
            if f.has_changed() or (f.cleaned_data and f.cleaned_data.get("DELETE")):
                touched.update(y for y in (f.initial.get("year"), f.cleaned_data.get("year")) if y)
        bands: dict[int, list[Any]] = defaultdict(list)
        for f in formset.forms:
            data = f.cleaned_data
            if data and not data.get("DELETE") and data.get("year") in touched:
                bands[data["year"]].append((data.get("lower"), data.get("label", "")))
        try:
            for year in sorted(touched):
                rating_bands_set(
                    region=region, year=year, bands=bands.get(year, []), actor=request.user,
                    reason=form.cleaned_data["reason"], source=ADMIN_SOURCE,
                )  # fmt: skip
        except ServiceError as exc:
            _refuse(request, exc)


@admin.register(models.Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = ["name", "slug", "region"]
    list_filter = ["region"]
    search_fields = ["name", "slug"]
    fields_of_service = AGENCY_FIELDS

    def get_readonly_fields(self, request: Any, obj: Any = None) -> list[str]:
        return ["slug", "region"] if obj else []

    def _update(self, request: Any, obj: Any, values: dict[str, Any], reason: str) -> None:
        agency_update(agency=obj, actor=request.user, values=values, reason=reason, source=ADMIN_SOURCE)


@admin.register(models.Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "role", "region", "agency"]
    list_filter = ["role", "region"]

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        before = None
        if change:
            stored = models.Membership.objects.get(pk=obj.pk)
            before = {"user": str(stored.user), "role": stored.role, "region": str(stored.region),
                      "agency": str(stored.agency or "")}  # fmt: skip
        obj.save()
        audit_record(
            actor=request.user, action="membership_change" if change else "membership_create", model="Membership",
            object_id=obj.pk, summary=str(obj), before=before,
            after={"user": str(obj.user), "role": obj.role, "region": str(obj.region), "agency": str(obj.agency or "")},
            reason=form.cleaned_data["reason"], source=ADMIN_SOURCE,
        )  # fmt: skip


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
