"""The quarter of a PD: its document (workflow state, narratives, signatures, printed figures), what the
PD writes beside its figures, Bappeda's review, the evidence, and the frozen copy of an approved report.

Tables only.  Writes go through ``quarters.workflow`` and the services of ``quarters.services``;
the lock they all honour is ``quarters.locks``.  The reports (``reporting``) read these.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from domain.inputs import Stated
from planning.models import Agency, Indicator, PlanRow
from quarters.evidence_content import KINDS
from reporting.labels import STATED

EVIDENCE_KINDS = [(kind.key, kind.label) for kind in KINDS.values()]


class QuarterReport(models.Model):
    """One PD's evaluation of one quarter (form E.81), and where it stands in the workflow."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        SUBMITTED = "submitted", "Diajukan"
        RETURNED = "returned", "Dikembalikan"
        APPROVED = "approved", "Disetujui"

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="quarter_reports", verbose_name="perangkat daerah"
    )
    year = models.PositiveSmallIntegerField("tahun")
    quarter = models.PositiveSmallIntegerField("triwulan")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAFT)
    deadline = models.DateField("batas waktu", null=True, blank=True)
    drivers = models.TextField("faktor pendorong keberhasilan", blank=True)
    obstacles = models.TextField("faktor penghambat", blank=True)
    follow_up_quarter = models.TextField("tindak lanjut triwulan berikutnya", blank=True)
    follow_up_renja = models.TextField("tindak lanjut Renja berikutnya", blank=True)
    prepared_place = models.CharField("tempat disusun", max_length=100, blank=True)
    prepared_on = models.DateField("tanggal disusun", null=True, blank=True)
    evaluated_place = models.CharField("tempat dievaluasi", max_length=100, blank=True)
    evaluated_on = models.DateField("tanggal dievaluasi", null=True, blank=True)
    stated_average = models.CharField("rata-rata tercetak", max_length=40, blank=True)
    stated_rating = models.CharField("predikat tercetak", max_length=40, blank=True)
    status_changed_at = models.DateTimeField("status diubah pada", null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="status diubah oleh",
    )
    return_note = models.TextField("catatan pengembalian", blank=True)

    version = models.PositiveIntegerField(
        "versi", default=0, help_text="naik setiap kali narasi disimpan (cek bentrok)"
    )

    class Meta:
        db_table = "reporting_quarterreport"  # the table predates this app
        verbose_name = "laporan triwulan"
        verbose_name_plural = "laporan triwulan"
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

    report = models.ForeignKey(
        QuarterReport, on_delete=models.CASCADE, related_name="stated_figures", verbose_name="laporan triwulan"
    )
    row = models.ForeignKey(
        PlanRow, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="baris rencana"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="indikator"
    )
    key = models.CharField("angka", max_length=40, choices=[(s.value, STATED[s]) for s in Stated])
    measure = models.CharField("ukuran", max_length=2, choices=[("K", "K (kinerja)"), ("Rp", "Rp (anggaran)")])
    value = models.CharField("nilai tercetak", max_length=40)

    class Meta:
        db_table = "reporting_statedfigure"
        verbose_name = "angka tercetak"
        verbose_name_plural = "angka tercetak"
        constraints = [
            models.UniqueConstraint(fields=["report", "row", "indicator", "key", "measure"], name="stated_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()} {self.measure}: {self.value}"


class ApprovedReport(models.Model):
    """The frozen copy of a quarter's evaluation, kept when Bappeda approves it (DOMAIN.md section 9).

    ``json`` is the report JSON exactly as served, ``sha256`` the hash of its UTF-8 bytes; ``snapshot``
    holds the evaluation's inputs and printed records, from which the other formats are drawn.  An
    unlock marks the copy superseded (it stays, as history); the next approval freezes a new one.
    """

    report = models.ForeignKey(
        QuarterReport, on_delete=models.PROTECT, related_name="approvals", verbose_name="laporan triwulan"
    )
    approved_at = models.DateTimeField("disetujui pada")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="disetujui oleh",
    )
    approved_by_name = models.CharField(
        "nama penyetuju", max_length=200, help_text="nama yang tercetak, tetap bila pengguna dihapus"
    )
    json = models.TextField("laporan (JSON)")
    sha256 = models.CharField("SHA-256", max_length=64)
    snapshot = models.JSONField("data beku")
    superseded_at = models.DateTimeField("digantikan pada", null=True, blank=True)
    superseded_reason = models.TextField("alasan digantikan", blank=True)

    class Meta:
        verbose_name = "salinan laporan disetujui"
        verbose_name_plural = "salinan laporan disetujui"
        ordering = ["report", "-approved_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report"], condition=models.Q(superseded_at__isnull=True), name="one_current_approval"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} disetujui {self.approved_at:%Y-%m-%d} ({self.sha256[:12]})"


class LineNote(models.Model):
    """What the PD writes beside one indicator line of the quarter: a note, drivers and obstacles."""

    report = models.ForeignKey(
        QuarterReport, on_delete=models.CASCADE, related_name="line_notes", verbose_name="laporan triwulan"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+", verbose_name="indikator")
    note = models.TextField("catatan", blank=True)
    drivers = models.TextField("faktor pendorong", blank=True)
    obstacles = models.TextField("faktor penghambat", blank=True)
    version = models.PositiveIntegerField("versi", default=0)
    updated_at = models.DateTimeField("diubah pada", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="diubah oleh",
    )

    class Meta:
        verbose_name = "catatan baris"
        verbose_name_plural = "catatan baris"
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="line_note_unique")]

    def __str__(self) -> str:
        return f"Catatan {self.indicator} ({self.report})"


class FindingExplanation(models.Model):
    """The PD's explanation of an error-level finding, required before the quarter can be submitted.

    ``key`` names the finding stably across recomputations (code, row, indicator, column, measure).
    """

    report = models.ForeignKey(
        QuarterReport, on_delete=models.CASCADE, related_name="explanations", verbose_name="laporan triwulan"
    )
    key = models.CharField("kunci temuan", max_length=500)
    text = models.TextField("penjelasan")
    at = models.DateTimeField("waktu", auto_now=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="oleh",
    )

    class Meta:
        verbose_name = "penjelasan temuan"
        verbose_name_plural = "penjelasan temuan"
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="explanation_unique")]

    def __str__(self) -> str:
        return f"Penjelasan temuan ({self.report})"


class RowReview(models.Model):
    """Bappeda's check of one line of a submitted quarter: checked, or needing correction with a note."""

    class State(models.TextChoices):
        CHECKED = "checked", "Sudah diperiksa"
        CORRECTION = "correction", "Perlu perbaikan"

    report = models.ForeignKey(
        QuarterReport, on_delete=models.CASCADE, related_name="reviews", verbose_name="laporan triwulan"
    )
    row = models.ForeignKey(PlanRow, on_delete=models.CASCADE, related_name="+", verbose_name="baris rencana")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="indikator"
    )
    state = models.CharField("status", max_length=20, choices=State.choices)
    note = models.TextField("catatan verifikator", blank=True)
    at = models.DateTimeField("waktu", auto_now=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="oleh",
    )

    class Meta:
        verbose_name = "pemeriksaan baris"
        verbose_name_plural = "pemeriksaan baris"
        constraints = [models.UniqueConstraint(fields=["report", "row", "indicator"], name="row_review_unique")]

    def __str__(self) -> str:
        return f"{self.get_state_display()}: {self.row} ({self.report})"


def evidence_path(instance: Evidence, filename: str) -> str:
    """Stored under a random name: the original name is kept in the row, never used as a path."""
    import uuid

    return f"bukti/{instance.report.agency_id}/{instance.report.year}/{instance.report.quarter}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    """Bukti dukung: a file backing a row's figures in one quarter (checked by content when uploaded)."""

    report = models.ForeignKey(
        QuarterReport, on_delete=models.PROTECT, related_name="evidence", verbose_name="laporan triwulan"
    )
    row = models.ForeignKey(PlanRow, on_delete=models.PROTECT, related_name="+", verbose_name="baris rencana")
    file = models.FileField("berkas", upload_to=evidence_path, max_length=300)
    original_name = models.CharField("nama berkas", max_length=255)
    kind = models.CharField("jenis", max_length=20, choices=EVIDENCE_KINDS)
    size = models.PositiveIntegerField("ukuran (byte)")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_at = models.DateTimeField("diunggah pada", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="diunggah oleh",
    )
    removed_at = models.DateTimeField(
        "dihapus pada", null=True, blank=True, help_text="dihapus dari daftar; berkas disimpan"
    )

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["report", "row", "uploaded_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.report})"


class Notice(models.Model):
    """A notice in the application: a quarter returned or approved, a deadline near, a submission waiting."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices", verbose_name="pengguna"
    )
    report = models.ForeignKey(
        QuarterReport,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="laporan triwulan",
    )
    kind = models.CharField("jenis", max_length=30)
    text = models.TextField("isi")
    url = models.CharField("tautan", max_length=300, blank=True)
    created_at = models.DateTimeField("dibuat pada", auto_now_add=True)
    read_at = models.DateTimeField("dibaca pada", null=True, blank=True)

    class Meta:
        verbose_name = "pemberitahuan"
        verbose_name_plural = "pemberitahuan"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text[:80]
