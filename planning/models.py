"""The plan and its realisation: pemda, Perangkat Daerah, Renstra, Renja and the quarters.

Tables only: no behaviour in ``save()`` or signals.  Writes go through ``planning.services``,
reads through ``reporting.selectors``.  Blank is ``NULL`` (or no row) everywhere, never 0.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from domain.types import Aggregation, AverageBasis, AverageSource, Direction, Level, NegativeFormula, Periodicity


def _choices(enum: type) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]  # type: ignore[attr-defined]


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

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.KABUPATEN)
    place = models.CharField("tempat penandatanganan", max_length=100, blank=True)
    negative_formula = models.CharField(
        max_length=20, choices=_choices(NegativeFormula), default=NegativeFormula.TWO_T_MINUS_R.value
    )
    average_basis = models.CharField(max_length=20, choices=_choices(AverageBasis), default=AverageBasis.PROGRAMS.value)
    average_source = models.CharField(max_length=20, choices=_choices(AverageSource), default=AverageSource.RENJA.value)
    average_cap = value_field(help_text="batas capaian untuk rata-rata; kosong = tanpa batas")
    bappeda_head_name = models.CharField(max_length=200, blank=True)
    bappeda_head_nip = models.CharField(max_length=30, blank=True)
    bappeda_head_title = models.CharField(max_length=200, blank=True, default="Kepala Bappeda")

    class Meta:
        verbose_name = "pemda"
        verbose_name_plural = "pemda"

    def __str__(self) -> str:
        return self.name


class RatingBand(models.Model):
    """One band of the predikat scale of a pemda for a year: values >= ``lower`` (none: open)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="rating_bands")
    year = models.PositiveSmallIntegerField()
    lower = value_field()
    label = models.CharField(max_length=50)

    class Meta:
        ordering = ["region", "year", models.F("lower").desc(nulls_last=True)]
        constraints = [models.UniqueConstraint(fields=["region", "year", "label"], name="band_unique_label")]

    def __str__(self) -> str:
        return f"{self.label} >= {self.lower}"


class Agency(models.Model):
    """A Perangkat Daerah."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="agencies")
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=100, blank=True)
    head_name = models.CharField("nama Kepala PD", max_length=200, blank=True)
    head_nip = models.CharField("NIP Kepala PD", max_length=30, blank=True)
    head_title = models.CharField(max_length=200, blank=True, default="Kepala Dinas")

    class Meta:
        verbose_name = "perangkat daerah"
        verbose_name_plural = "perangkat daerah"
        ordering = ["region", "name"]

    def __str__(self) -> str:
        return self.name


class StrategicPlan(models.Model):
    """A Renstra PD: the five-year plan whose rows and indicators the Renja follows."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="strategic_plans")
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField()

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

    strategic_plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="rows")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    level = models.CharField(max_length=20, choices=_choices(Level))
    position = models.PositiveIntegerField(help_text="document order within the plan")
    code = models.CharField("kode (Permendagri 90)", max_length=40, blank=True)
    name = models.TextField()
    strategic_budget = money_field(help_text="kolom 5 Rp: pendanaan Renstra seluruh periode")
    responsible_unit = models.CharField("PD penanggung jawab", max_length=200, blank=True)

    class Meta:
        ordering = ["strategic_plan", "position"]
        indexes = [models.Index(fields=["strategic_plan", "position"])]

    def __str__(self) -> str:
        return self.name[:80]


class Indicator(models.Model):
    """An indicator of a plan row, with its satuan and how its quarters combine."""

    row = models.ForeignKey(PlanRow, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.TextField()
    unit = models.CharField("satuan", max_length=60, blank=True)
    direction = models.CharField(max_length=10, choices=_choices(Direction), default=Direction.POSITIVE.value)
    aggregation = models.CharField(max_length=10, choices=_choices(Aggregation))
    aggregation_is_default = models.BooleanField(
        default=False, help_text="dipilih otomatis dari satuan/nama; perlu dikonfirmasi"
    )
    periodicity = models.CharField(max_length=10, choices=_choices(Periodicity), default=Periodicity.QUARTERLY.value)
    formula = models.TextField("formulasi", blank=True)
    refers_to_rkpd = models.BooleanField(default=False)
    strategic_target = value_field(help_text="kolom 5 K: target akhir periode Renstra")

    class Meta:
        ordering = ["row", "position"]

    def __str__(self) -> str:
        return self.name[:80]


class WorkPlan(models.Model):
    """A Renja of one year.  An amendment (perubahan) is a new revision; the original stays."""

    strategic_plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="work_plans")
    year = models.PositiveSmallIntegerField()
    revision = models.PositiveSmallIntegerField(default=0, help_text="0 = murni, 1.. = perubahan")
    label = models.CharField(max_length=100, blank=True)
    is_active = models.BooleanField(default=True)
    based_on = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

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

    work_plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="row_budgets")
    row = models.ForeignKey(PlanRow, on_delete=models.CASCADE, related_name="+")
    budget = money_field(help_text="kolom 7 Rp: pagu")
    prior_budget = money_field(help_text="kolom 6 Rp: realisasi Renstra s.d. tahun lalu")
    funding_source = models.CharField("sumber dana", max_length=100, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work_plan", "row"], name="renja_row_unique")]


class WorkPlanIndicator(models.Model):
    """An indicator's annual target in a Renja (column 7 K) and its per-row narrative."""

    work_plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="indicator_targets")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    target = value_field(help_text="kolom 7 K")
    prior_realization = value_field(help_text="kolom 6 K: realisasi Renstra s.d. tahun lalu")
    action_plan_unit = models.CharField(
        max_length=60, blank=True, help_text="satuan Rencana Aksi bila berbeda dari satuan indikator"
    )
    drivers = models.TextField("faktor pendorong", blank=True)
    obstacles = models.TextField("faktor penghambat", blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work_plan", "indicator"], name="renja_indicator_unique")]


class QuarterlyTarget(models.Model):
    """Rencana Aksi: an indicator's target for one quarter of a Renja."""

    work_plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="quarterly_targets")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    quarter = models.PositiveSmallIntegerField()
    value = models.DecimalField(max_digits=20, decimal_places=6)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["work_plan", "indicator", "quarter"], name="quarterly_target_unique"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="quarterly_target_q"),
        ]


class Realization(models.Model):
    """K realised in one quarter.  No row: not reported; value 0: reported as nothing ("-")."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="realizations")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    value = models.DecimalField(max_digits=20, decimal_places=6)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    source = models.CharField(max_length=300, blank=True, help_text="file, sheet and row it came from")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "quarter"], name="realization_unique"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="realization_q"),
        ]


class BudgetRealization(models.Model):
    """Rp realised by a plan row in one quarter (entered at any level; parents may be derived)."""

    row = models.ForeignKey(PlanRow, on_delete=models.CASCADE, related_name="budget_realizations")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=18, decimal_places=2)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["row", "year", "quarter"], name="budget_realization_unique"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="budget_realization_q"),
        ]


class Membership(models.Model):
    """A user's role (DOMAIN.md section 9).  Operator and Kepala PD belong to one PD; verifier,
    administrator and reader to the whole pemda.  What each may do is decided in ``planning.roles``."""

    class Role(models.TextChoices):
        OPERATOR = "operator", "Operator PD"
        HEAD = "head", "Kepala PD"
        VERIFIER = "verifier", "Verifikator Bappeda"
        ADMIN = "admin", "Administrator pemda"
        READER = "reader", "Pembaca (Inspektorat, pimpinan)"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
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
        return f"{self.user} {self.role} {self.agency or self.region}"
