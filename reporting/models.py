"""Reporting reads the plan (``planning``) and the quarters (``quarters``); its one table of its own keeps
the prepared pages of a large pemda's E.79 (``reporting/regency/prepared.py``), a cache that is rebuilt
whenever the pemda's data change, never the source of a figure."""

from __future__ import annotations

from django.db import models


class PreparedRegency(models.Model):
    """The E.79, ranking and early warning of one pemda and quarter, built by a background job, with the
    fingerprint of the data they were built from and the state of the job that (re)builds them."""

    class JobState(models.TextChoices):
        QUEUED = "queued", "antre"
        RUNNING = "running", "berjalan"
        DONE = "done", "selesai"
        FAILED = "failed", "gagal"

    region = models.ForeignKey("planning.Region", on_delete=models.CASCADE, related_name="+", verbose_name="pemda")
    year = models.PositiveSmallIntegerField("tahun")
    quarter = models.PositiveSmallIntegerField("triwulan")
    # The prepared result (empty until the first job finished).
    fingerprint = models.CharField("sidik data", max_length=64, blank=True)
    built_at = models.DateTimeField("data dibaca pada", null=True, blank=True)
    build_ms = models.PositiveIntegerField("lama penyusunan (ms)", null=True, blank=True)
    header = models.JSONField("kepala halaman", default=dict, blank=True)
    # Compressed (zlib): a 50-PD pemda's fragments are 13 MB as text, about a tenth of it stored.
    e79_z = models.BinaryField("isi E.79 (zlib)", default=b"", blank=True)
    warning_z = models.BinaryField("isi peringatan dini (zlib)", default=b"", blank=True)
    warning_csv_z = models.BinaryField("CSV peringatan dini (zlib)", default=b"", blank=True)
    ranking = models.JSONField("baris peringkat", default=dict, blank=True)
    # The job that builds it.
    job_fingerprint = models.CharField("sidik data pekerjaan", max_length=64, blank=True)
    job_state = models.CharField("status pekerjaan", max_length=10, choices=JobState.choices, blank=True)
    job_stage = models.CharField("tahap", max_length=120, blank=True)
    job_started_at = models.DateTimeField("pekerjaan dimulai", null=True, blank=True)
    job_error = models.TextField("kesalahan pekerjaan", blank=True)
    job_task = models.CharField("nomor pekerjaan", max_length=64, blank=True)

    class Meta:
        verbose_name = "E.79 yang disiapkan"
        verbose_name_plural = "E.79 yang disiapkan"
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "quarter"], name="prepared_regency_unique"),
        ]

    def __str__(self) -> str:
        return f"E.79 {self.region_id} {self.year} TW{self.quarter}"
