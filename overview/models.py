"""The pemda's reporting schedule: when each quarter's report is due.  Tables only; writes go through
``overview.services``, the deadline is read by ``overview.deadlines`` (and ``quarters.workflow``)."""

from __future__ import annotations

from django.db import models

from planning.models import Region


class ReportingSchedule(models.Model):
    """A pemda's deadlines for one year: ``working_days`` working days after each quarter (PP 39/2006:
    5), skipping weekends and the listed holidays, unless a quarter has its own date."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="reporting_schedules", verbose_name="pemda"
    )
    year = models.PositiveSmallIntegerField("tahun")
    working_days = models.PositiveSmallIntegerField("hari kerja setelah triwulan", default=5)
    holidays = models.JSONField("hari libur", default=list, blank=True, help_text="tanggal ISO (YYYY-MM-DD)")
    deadline_1 = models.DateField("batas waktu TW I", null=True, blank=True)
    deadline_2 = models.DateField("batas waktu TW II", null=True, blank=True)
    deadline_3 = models.DateField("batas waktu TW III", null=True, blank=True)
    deadline_4 = models.DateField("batas waktu TW IV", null=True, blank=True)

    class Meta:
        verbose_name = "jadwal pelaporan"
        verbose_name_plural = "jadwal pelaporan"
        ordering = ["region", "year"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="reporting_schedule_unique"),
            models.CheckConstraint(
                condition=models.Q(working_days__gte=1, working_days__lte=60), name="reporting_schedule_days"
            ),
        ]

    def __str__(self) -> str:
        return f"Jadwal pelaporan {self.region} {self.year}"
