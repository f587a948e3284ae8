"""Computed indicators (issue 13, point 5): an indicator's formula, its named base figures, and the
figures entered each quarter.  The realisation itself stays in ``planning.Realization``, written by
``planning.services.realizations.realization_set`` (locks, limits and history as for a typed value).

Tables only: writes go through ``computed.services``, the rules are in ``domain.computed``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from domain.computed import FigureKind
from planning.models import Indicator

KIND_LABELS = {FigureKind.STOCK: "stok (nilai akhir triwulan)", FigureKind.FLOW: "arus (dijumlah sejak TW I)"}


class ComputedIndicator(models.Model):
    """An indicator whose realisation is computed from base figures by ``formula``."""

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="computed", verbose_name="indikator"
    )
    formula = models.TextField("rumus", help_text="misalnya koperasi_aktif / koperasi_seluruh * 100")
    updated_at = models.DateTimeField("diubah pada", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="diubah oleh"
    )

    class Meta:
        verbose_name = "indikator terhitung"
        verbose_name_plural = "indikator terhitung"

    def __str__(self) -> str:
        return f"{self.indicator} = {self.formula}"


class BaseFigure(models.Model):
    """A named figure the formula uses (koperasi_aktif: "Jumlah koperasi aktif")."""

    computed = models.ForeignKey(
        ComputedIndicator, on_delete=models.CASCADE, related_name="figures", verbose_name="indikator terhitung"
    )
    position = models.PositiveSmallIntegerField("urutan", default=0)
    name = models.CharField("nama dalam rumus", max_length=40)
    label = models.CharField("keterangan", max_length=200)
    kind = models.CharField(
        "jenis", max_length=10, choices=[(k.value, KIND_LABELS[k]) for k in FigureKind], default=FigureKind.STOCK.value
    )

    class Meta:
        verbose_name = "angka dasar"
        verbose_name_plural = "angka dasar"
        ordering = ["computed", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["computed", "name"], name="base_figure_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.label})"


class BaseFigureValue(models.Model):
    """A base figure of one quarter.  No row: not reported (blank is never 0)."""

    figure = models.ForeignKey(BaseFigure, on_delete=models.CASCADE, related_name="values", verbose_name="angka dasar")
    year = models.PositiveSmallIntegerField("tahun")
    quarter = models.PositiveSmallIntegerField("triwulan")
    value = models.DecimalField("nilai", max_digits=20, decimal_places=6)
    updated_at = models.DateTimeField("diubah pada", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="diubah oleh"
    )
    source = models.CharField("sumber", max_length=300, blank=True)

    class Meta:
        verbose_name = "nilai angka dasar"
        verbose_name_plural = "nilai angka dasar"
        constraints = [
            models.UniqueConstraint(fields=["figure", "year", "quarter"], name="base_figure_value_unique"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="base_figure_value_q"),
        ]

    def __str__(self) -> str:
        return f"{self.figure.name} {self.year} TW {self.quarter}"
