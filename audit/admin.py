from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import QuerySet

from audit.models import AuditEvent
from planning.admin import ReadOnlyAdmin
from reporting.labels import label


def readable(data: Any, keys: str = "field") -> str:
    """A before/after record in words: "tingkat: Program; agregasi triwulan: Jumlah triwulan".

    Keys are named by ``keys`` (field names; the kinds of data under "counts"), values of a choice field by
    that field's vocabulary; anything else as it is."""
    if data is None or data == {}:
        return "-"
    if isinstance(data, dict):
        parts = []
        for key, value in data.items():
            name = label(key, keys)
            if isinstance(value, dict):
                text = readable(value, "model" if key == "counts" else "field")
            elif isinstance(value, list):
                text = ", ".join(readable(v) if isinstance(v, dict) else label(v, key) for v in value) or "-"
            else:
                text = "-" if value is None else label(value, key)
            parts.append(f"{name}: {text}")
        return "; ".join(parts)
    if isinstance(data, list):
        return ", ".join(readable(v) for v in data)
    return str(data)


class _LabelledValues(admin.SimpleListFilter):
    """A filter over the values stored in the column, each shown in words."""

    vocabulary = ""

    def lookups(self, request: Any, model_admin: Any) -> list[tuple[str, str]]:
        values = model_admin.get_queryset(request).order_by().values_list(self.parameter_name, flat=True).distinct()
        return sorted(((v, label(v, self.vocabulary)) for v in values), key=lambda pair: pair[1])

    def queryset(self, request: Any, queryset: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        value = self.value()
        return queryset.filter(**{self.parameter_name: value}) if value else queryset


class ActionFilter(_LabelledValues):
    title = "tindakan"
    parameter_name = "action"
    vocabulary = "action"


class ModelFilter(_LabelledValues):
    title = "data"
    parameter_name = "model"
    vocabulary = "model"


NO_REGION = "tanpa pemda"


class RegionFilter(admin.SimpleListFilter):
    """The pemda of the events in the log, by name, and the events of no pemda (a nomenclature load, a
    user's account): only pemda the log names, read in one query whatever its length."""

    title = "pemda"
    parameter_name = "pemda"
    NONE = "tanpa"

    def lookups(self, request: Any, model_admin: Any) -> list[tuple[str, str]]:
        present = list(model_admin.get_queryset(request).order_by().values_list("region_id", "region__name").distinct())
        named = sorted(((str(pk), name) for pk, name in present if pk is not None), key=lambda pair: pair[1])
        if any(pk is None for pk, _name in present):
            named.append((self.NONE, NO_REGION))
        return named

    def queryset(self, request: Any, queryset: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        value = self.value()
        if not value:
            return queryset
        if value == self.NONE:
            return queryset.filter(region__isnull=True)
        if not value.isdigit():
            raise IncorrectLookupParameters(f"pemda tidak dikenal: {value}")
        return queryset.filter(region_id=int(value))


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "region_label", "action_label", "model_label", "summary", "source"]
    # actor and region are nullable: the default select_related() would follow neither (one query a row).
    list_select_related = ["actor", "region"]
    list_filter = [RegionFilter, ActionFilter, ModelFilter]
    search_fields = ["summary", "reason", "source"]
    fields = ["at", "actor", "region_label", "action_label", "model_label", "object_id", "summary"]
    fields += ["before_text", "after_text", "reason", "source"]
    readonly_fields = ["region_label", "action_label", "model_label", "before_text", "after_text"]

    @admin.display(description="pemda", ordering="region__name")
    def region_label(self, event: AuditEvent) -> str:
        return event.region.name if event.region is not None else NO_REGION

    @admin.display(description="tindakan", ordering="action")
    def action_label(self, event: AuditEvent) -> str:
        return label(event.action, "action")

    @admin.display(description="data", ordering="model")
    def model_label(self, event: AuditEvent) -> str:
        return label(event.model, "model")

    @admin.display(description="sebelum")
    def before_text(self, event: AuditEvent) -> str:
        return readable(event.before)

    @admin.display(description="sesudah")
    def after_text(self, event: AuditEvent) -> str:
        return readable(event.after)
