"""The plan and its realisation: pemda, Perangkat Daerah, Renstra, Renja and the quarters.

Tables only: no behaviour in ``save()`` or signals.  Writes go through ``planning.services``,
reads through ``reporting.selectors``.  Blank is ``NULL`` (or no row) everywhere, never 0.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from domain.types import Aggregation, AverageBasis, AverageSource, Direction, Level, NegativeFormula, Periodicity
from reporting import labels  # the Indonesian words only (no model): what the admin shows for each choice
from reporting.labels import QUARTER_ROMAN


def _choices(enum: type, words: dict[object, str]) -> list[tuple[str, str]]:
    return [(member.value, words[member]) for member in enum]  # type: ignore[attr-defined]


def value_field(**kwargs: object) -> models.DecimalField:
    """A K value (in the indicator's satuan): up to 14 integer digits and 6 decimals."""
    return models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True, **kwargs)  # type: ignore[arg-type]


def money_field(**kwargs: object) -> models.DecimalField:
    """Rupiah with sen: up to 16 integer digits."""
    return models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True, **kwargs)  # type: ignore[arg-type]


class Region(models.Model):
    """A pemda (kabupaten/kota/provinsi) and the choices printed in the legend of its reports."""

    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", "Kabupaten"
        KOTA = "kota", "Kota"
        PROVINSI = "provinsi", "Provinsi"

    slug = models.SlugField("kode alamat", unique=True)
    name = models.CharField("nama", max_length=200)
    kind = models.CharField("jenis", max_length=20, choices=Kind.choices, default=Kind.KABUPATEN)
    place = models.CharField("tempat penandatanganan", max_length=100, blank=True)
    negative_formula = models.CharField(
        "rumus capaian indikator negatif",
        max_length=20,
        choices=_choices(NegativeFormula, labels.NEGATIVE_FORMULA),
        default=NegativeFormula.TWO_T_MINUS_R.value,
    )
    average_basis = models.CharField(
        "dasar rata-rata capaian",
        max_length=20,
        choices=_choices(AverageBasis, labels.AVERAGE_BASIS),
        default=AverageBasis.PROGRAMS.value,
    )
    average_source = models.CharField(
        "sumber capaian rata-rata",
        max_length=20,
        choices=_choices(AverageSource, labels.AVERAGE_SOURCE),
        default=AverageSource.RENJA.value,
    )
    average_cap = value_field(
        verbose_name="batas capaian untuk rata-rata", help_text="batas capaian untuk rata-rata; kosong = tanpa batas"
    )
    bappeda_head_name = models.CharField("nama Kepala Bappeda", max_length=200, blank=True)
    bappeda_head_nip = models.CharField("NIP Kepala Bappeda", max_length=30, blank=True)
    bappeda_head_title = models.CharField(
        "jabatan Kepala Bappeda", max_length=200, blank=True, default="Kepala Bappeda"
    )

    class Meta:
        verbose_name = "pemda"
        verbose_name_plural = "pemda"

    def __str__(self) -> str:
        return self.name


class RatingBand(models.Model):
    """One band of the predikat scale of a pemda for a year: values >= ``lower`` (none: open)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="rating_bands", verbose_name="pemda")
    year = models.PositiveSmallIntegerField("tahun")
    lower = value_field(verbose_name="batas bawah (%)")
    label = models.CharField("predikat", max_length=50)

    class Meta:
        verbose_name = "rentang predikat"
        verbose_name_plural = "rentang predikat"
        ordering = ["region", "year", models.F("lower").desc(nulls_last=True)]
        constraints = [models.UniqueConstraint(fields=["region", "year", "label"], name="band_unique_label")]

    def __str__(self) -> str:
        if self.lower is None:
            return f"{self.label} (di bawah rentang lainnya)"
        return f"{self.label} >= {self.lower.normalize():f}"


class Agency(models.Model):
    """A Perangkat Daerah."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="agencies", verbose_name="pemda")
    slug = models.SlugField("kode alamat", unique=True)
    name = models.CharField("nama", max_length=200)
    short_name = models.CharField("nama singkat", max_length=100, blank=True)
    head_name = models.CharField("nama Kepala PD", max_length=200, blank=True)
    head_nip = models.CharField("NIP Kepala PD", max_length=30, blank=True)
    head_title = models.CharField("jabatan Kepala PD", max_length=200, blank=True, default="Kepala Dinas")

    class Meta:
        verbose_name = "perangkat daerah"
        verbose_name_plural = "perangkat daerah"
        ordering = ["region", "name"]

    def __str__(self) -> str:
        return self.name


class StrategicPlan(models.Model):
    """A Renstra PD: the five-year plan whose rows and indicators the Renja follows."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="strategic_plans", verbose_name="perangkat daerah"
    )
    start_year = models.PositiveSmallIntegerField("tahun awal")
    end_year = models.PositiveSmallIntegerField("tahun akhir")

    class Meta:
        verbose_name = "Renstra"
        verbose_name_plural = "Renstra"
        constraints = [
            models.UniqueConstraint(fields=["agency", "start_year"], name="renstra_unique_start"),
            models.CheckConstraint(condition=models.Q(end_year__gte=models.F("start_year")), name="renstra_years"),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.agency} {self.start_year}-{self.end_year}"


class PlanRow(models.Model):
    """A row of the plan tree: tujuan > sasaran > program > kegiatan > sub kegiatan."""

    strategic_plan = models.ForeignKey(
        StrategicPlan, on_delete=models.CASCADE, related_name="rows", verbose_name="Renstra"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name="induk"
    )
    level = models.CharField("tingkat", max_length=20, choices=_choices(Level, labels.LEVEL))
    position = models.PositiveIntegerField("urutan", help_text="urutan dalam dokumen rencana")
    code = models.CharField("kode (Permendagri 90)", max_length=40, blank=True)
    name = models.TextField("nama")
    strategic_budget = money_field(
        verbose_name="pendanaan Renstra (kolom 5 Rp)", help_text="kolom 5 Rp: pendanaan Renstra seluruh periode"
    )
    responsible_unit = models.CharField("PD penanggung jawab", max_length=200, blank=True)

    class Meta:
        verbose_name = "baris rencana"
        verbose_name_plural = "baris rencana"
        ordering = ["strategic_plan", "position"]
        indexes = [models.Index(fields=["strategic_plan", "position"])]

    def __str__(self) -> str:
        return self.name[:80]


class Indicator(models.Model):
    """An indicator of a plan row, with its satuan and how its quarters combine."""

    row = models.ForeignKey(PlanRow, on_delete=models.CASCADE, related_name="indicators", verbose_name="baris rencana")
    position = models.PositiveSmallIntegerField("urutan", default=0)
    name = models.TextField("nama indikator")
    unit = models.CharField("satuan", max_length=60, blank=True)
    direction = models.CharField(
        "arah", max_length=10, choices=_choices(Direction, labels.DIRECTION), default=Direction.POSITIVE.value
    )
    aggregation = models.CharField(
        "agregasi triwulan", max_length=10, choices=_choices(Aggregation, labels.AGGREGATION)
    )
    aggregation_is_default = models.BooleanField(
        "agregasi bawaan", default=False, help_text="dipilih otomatis dari satuan/nama; perlu dikonfirmasi"
    )
    periodicity = models.CharField(
        "periode pengukuran",
        max_length=10,
        choices=_choices(Periodicity, labels.PERIODICITY),
        default=Periodicity.QUARTERLY.value,
    )
    formula = models.TextField("formulasi", blank=True)
    refers_to_rkpd = models.BooleanField("mengacu sasaran RKPD", default=False)
    strategic_target = value_field(
        verbose_name="target Renstra (kolom 5 K)", help_text="kolom 5 K: target akhir periode Renstra"
    )

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["row", "position"]

    def __str__(self) -> str:
        return self.name[:80]


class WorkPlan(models.Model):
    """A Renja of one year.  An amendment (perubahan) is a new revision; the original stays."""

    strategic_plan = models.ForeignKey(
        StrategicPlan, on_delete=models.CASCADE, related_name="work_plans", verbose_name="Renstra"
    )
    year = models.PositiveSmallIntegerField("tahun")
    revision = models.PositiveSmallIntegerField("revisi", default=0, help_text="0 = murni, 1.. = perubahan")
    label = models.CharField("sebutan", max_length=100, blank=True)
    is_active = models.BooleanField("berlaku", default=True)
    based_on = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, verbose_name="perubahan dari")
    created_at = models.DateTimeField("dibuat pada", auto_now_add=True)

    class Meta:
        verbose_name = "Renja"
        verbose_name_plural = "Renja"
        ordering = ["strategic_plan", "year", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["strategic_plan", "year", "revision"], name="renja_unique_revision")
        ]

    def __str__(self) -> str:
        suffix = " (murni)" if self.revision == 0 else f" (perubahan {self.revision})"
        return f"Renja {self.year}{suffix}"


class WorkPlanRow(models.Model):
    """Rp of a plan row in a Renja: pagu (column 7 Rp) and Renstra realisation before the year (6 Rp)."""

    work_plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="row_budgets", verbose_name="Renja")
    row = models.ForeignKey(PlanRow, on_delete=models.CASCADE, related_name="+", verbose_name="baris rencana")
    budget = money_field(verbose_name="pagu", help_text="kolom 7 Rp: pagu")
    prior_budget = money_field(
        verbose_name="realisasi Renstra s.d. tahun lalu (Rp)", help_text="kolom 6 Rp: realisasi Renstra s.d. tahun lalu"
    )
    funding_source = models.CharField("sumber dana", max_length=100, blank=True)

    class Meta:
        verbose_name = "pagu Renja"
        verbose_name_plural = "pagu Renja"
        constraints = [models.UniqueConstraint(fields=["work_plan", "row"], name="renja_row_unique")]

    def __str__(self) -> str:
        return f"Pagu {self.row} ({self.work_plan})"


class WorkPlanIndicator(models.Model):
    """An indicator's annual target in a Renja (column 7 K) and its per-row narrative."""

    work_plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="indicator_targets", verbose_name="Renja"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+", verbose_name="indikator")
    target = value_field(verbose_name="target Renja", help_text="kolom 7 K")
    prior_realization = value_field(
        verbose_name="realisasi Renstra s.d. tahun lalu (K)", help_text="kolom 6 K: realisasi Renstra s.d. tahun lalu"
    )
    action_plan_unit = models.CharField(
        "satuan Rencana Aksi",
        max_length=60,
        blank=True,
        help_text="satuan Rencana Aksi bila berbeda dari satuan indikator",
    )
    drivers = models.TextField("faktor pendorong", blank=True)
    obstacles = models.TextField("faktor penghambat", blank=True)

    class Meta:
        verbose_name = "target Renja"
        verbose_name_plural = "target Renja"
        constraints = [models.UniqueConstraint(fields=["work_plan", "indicator"], name="renja_indicator_unique")]

    def __str__(self) -> str:
        return f"Target {self.indicator} ({self.work_plan})"


class QuarterlyTarget(models.Model):
    """Rencana Aksi: an indicator's target for one quarter of a Renja."""

    work_plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="quarterly_targets", verbose_name="Renja"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+", verbose_name="indikator")
    quarter = models.PositiveSmallIntegerField("triwulan")
    value = models.DecimalField("target triwulan", max_digits=20, decimal_places=6)

    class Meta:
        verbose_name = "target Rencana Aksi"
        verbose_name_plural = "target Rencana Aksi"
        constraints = [
            models.UniqueConstraint(fields=["work_plan", "indicator", "quarter"], name="quarterly_target_unique"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="quarterly_target_q"),
        ]

    def __str__(self) -> str:
        return f"Rencana Aksi {self.indicator} TW {QUARTER_ROMAN[self.quarter - 1]}"


class Realization(models.Model):
    """K realised in one quarter.  No row: not reported; value 0: reported as nothing ("-")."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="realizations", verbose_name="indikator"
    )
    year = models.PositiveSmallIntegerField("tahun")
    quarter = models.PositiveSmallIntegerField("triwulan")
    value = models.DecimalField("realisasi", max_digits=20, decimal_places=6)
    updated_at = models.DateTimeField("diubah pada", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="diubah oleh"
    )
    source = models.CharField("sumber", max_length=300, blank=True, help_text="berkas, sheet dan baris asalnya")

    class Meta:
        verbose_name = "realisasi K"
        verbose_name_plural = "realisasi K"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "quarter"], name="realization_unique"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="realization_q"),
        ]

    def __str__(self) -> str:
        return f"Realisasi {self.indicator} {self.year} TW {QUARTER_ROMAN[self.quarter - 1]}"


class BudgetRealization(models.Model):
    """Rp realised by a plan row in one quarter (entered at any level; parents may be derived)."""

    row = models.ForeignKey(
        PlanRow, on_delete=models.CASCADE, related_name="budget_realizations", verbose_name="baris rencana"
    )
    year = models.PositiveSmallIntegerField("tahun")
    quarter = models.PositiveSmallIntegerField("triwulan")
    amount = models.DecimalField("realisasi (Rp)", max_digits=18, decimal_places=2)
    updated_at = models.DateTimeField("diubah pada", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="diubah oleh"
    )
    source = models.CharField("sumber", max_length=300, blank=True)

    class Meta:
        verbose_name = "realisasi Rp"
        verbose_name_plural = "realisasi Rp"
        constraints = [
            models.UniqueConstraint(fields=["row", "year", "quarter"], name="budget_realization_unique"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="budget_realization_q"),
        ]

    def __str__(self) -> str:
        return f"Realisasi Rp {self.row} {self.year} TW {QUARTER_ROMAN[self.quarter - 1]}"


class Membership(models.Model):
    """A user's role (DOMAIN.md section 9).  Operator and Kepala PD belong to one PD; verifier,
    administrator and reader to the whole pemda.  What each may do is decided in ``planning.roles``."""

    class Role(models.TextChoices):
        OPERATOR = "operator", "Operator PD"
        HEAD = "head", "Kepala PD"
        VERIFIER = "verifier", "Verifikator Bappeda"
        ADMIN = "admin", "Administrator pemda"
        READER = "reader", "Pembaca (Inspektorat, pimpinan)"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name="pengguna"
    )
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="memberships", verbose_name="pemda")
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name="perangkat daerah",
    )
    role = models.CharField("peran", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "peran pengguna"
        verbose_name_plural = "peran pengguna"
        constraints = [
            models.UniqueConstraint(fields=["user", "region", "agency", "role"], name="membership_unique"),
            models.CheckConstraint(
                condition=models.Q(role="operator", agency__isnull=False) | ~models.Q(role="operator"),
                name="operator_has_agency",
            ),
            models.CheckConstraint(
                condition=models.Q(role="head", agency__isnull=False) | ~models.Q(role="head"),
                name="head_has_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.get_role_display()} {self.agency or self.region}"
