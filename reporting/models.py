"""The quarterly document of a PD: its workflow state, narratives, signatures and printed figures."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from domain.inputs import Stated
from planning.models import Agency, Indicator, PlanRow


class QuarterReport(models.Model):
    """One PD's evaluation of one quarter (form E.81), and where it stands in the workflow."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        SUBMITTED = "submitted", "Diajukan"
        RETURNED = "returned", "Dikembalikan"
        APPROVED = "approved", "Disetujui"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="quarter_reports")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    deadline = models.DateField(null=True, blank=True)
    drivers = models.TextField("faktor pendorong keberhasilan", blank=True)
    obstacles = models.TextField("faktor penghambat", blank=True)
    follow_up_quarter = models.TextField("tindak lanjut triwulan berikutnya", blank=True)
    follow_up_renja = models.TextField("tindak lanjut Renja berikutnya", blank=True)
    prepared_place = models.CharField(max_length=100, blank=True)
    prepared_on = models.DateField(null=True, blank=True)
    evaluated_place = models.CharField(max_length=100, blank=True)
    evaluated_on = models.DateField(null=True, blank=True)
    stated_average = models.CharField("rata-rata tercetak", max_length=40, blank=True)
    stated_rating = models.CharField("predikat tercetak", max_length=40, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_note = models.TextField("catatan pengembalian", blank=True)

    class Meta:
        ordering = ["agency", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "quarter"], name="quarter_report_unique"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="quarter_report_q"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} TW {self.quarter}"

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED


class StatedFigure(models.Model):
    """A figure the document printed where the system computes one, kept verbatim as a check.

    ``value`` is text so that the printed precision survives ("90.703", "51").
    """

    report = models.ForeignKey(QuarterReport, on_delete=models.CASCADE, related_name="stated_figures")
    row = models.ForeignKey(PlanRow, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    key = models.CharField(max_length=40, choices=[(s.value, s.value) for s in Stated])
    measure = models.CharField(max_length=2, choices=[("K", "K"), ("Rp", "Rp")])
    value = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "row", "indicator", "key", "measure"], name="stated_unique")
        ]


class ApprovedReport(models.Model):
    """The frozen copy of a quarter's evaluation, kept when Bappeda approves it (DOMAIN.md section 9).

    ``json`` is the report JSON exactly as served, ``sha256`` the hash of its UTF-8 bytes; ``snapshot``
    holds the evaluation's inputs and printed records, from which the other formats are drawn.  An
    unlock marks the copy superseded (it stays, as history); the next approval freezes a new one.
    """

    report = models.ForeignKey(QuarterReport, on_delete=models.PROTECT, related_name="approvals")
    approved_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by_name = models.CharField(max_length=200, help_text="nama yang tercetak, tetap bila pengguna dihapus")
    json = models.TextField()
    sha256 = models.CharField(max_length=64)
    snapshot = models.JSONField()
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["report", "-approved_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report"], condition=models.Q(superseded_at__isnull=True), name="one_current_approval"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} disetujui {self.approved_at:%Y-%m-%d} ({self.sha256[:12]})"
