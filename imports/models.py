"""What the imports app keeps: the column mappings a person confirmed, per pemda and header shape."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class StoredMapping(models.Model):
    """A confirmed ``ColumnMap`` (``imports.stages.map.column_map``) of one pemda for the header whose normalised
    labels give ``signature``: the next file of that shape is read with it, with no mapping step."""

    region = models.ForeignKey("planning.Region", on_delete=models.CASCADE, related_name="column_mappings")
    signature = models.CharField(max_length=32)
    mapping = models.JSONField()  # ColumnMap.to_dict()
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )  # None: a command on the server (planning.roles.SYSTEM)
    confirmed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "signature"], name="imports_mapping_unique")]
        verbose_name = "pemetaan kolom tersimpan"
        verbose_name_plural = "pemetaan kolom tersimpan"

    def __str__(self) -> str:
        return f"{self.region_id} {self.signature}"
