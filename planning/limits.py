"""The limits of the fields that services write, read from the models themselves, checked before writing.

PostgreSQL refuses a value too long for ``varchar(60)`` or too big for ``numeric(18, 2)`` with an error
in the middle of a transaction; SQLite stores it anyway (a 20-digit Rp as a float, 100,000 characters in
a 60-character satuan).  Every service checks here first, so both databases keep exactly the same rule
and the person gets a message naming the place instead of a server error.

Fields are named ``"Model.field"`` (``"Realization.value"``, ``"Indicator.unit"``); their limits come
from the model field (``max_digits``/``decimal_places``, ``max_length``, the integer range), so a
migration that widens a column widens the check with it.

- ``value_check(value, field=..., where=...)``: the message, or None when ``value`` fits;
- ``value_ensure(...)``: the same, raising ``ServiceError``;
- ``document_problems(document)``: every value of a ``PlanDocument`` against the field it goes to.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal, InvalidOperation
from functools import cache
from typing import Any

from django.apps import apps
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

from planning.documents import IndicatorDoc, PlanDocument, RowDoc, Source
from planning.errors import ServiceError

_APPS = ("planning", "quarters")  # the quarter's tables moved from reporting to quarters


@dataclass(frozen=True)
class FieldLimit:
    """What a model field accepts: digits before/after the point, characters, or an integer range."""

    name: str  # "Realization.value"
    max_digits: int | None = None
    decimal_places: int | None = None
    max_length: int | None = None
    integer_range: tuple[int, int] | None = None

    @property
    def whole_digits(self) -> int | None:
        if self.max_digits is None:
            return None
        return self.max_digits - (self.decimal_places or 0)


@cache
def field_limit(field: str) -> FieldLimit:
    """The limits of ``"Model.field"`` of the planning or reporting app."""
    model_name, _, field_name = field.partition(".")
    model = next((m for app in _APPS for m in apps.get_app_config(app).get_models() if m.__name__ == model_name), None)
    if model is None:
        raise LookupError(f"no model {model_name!r} in {_APPS}")
    f: Any = model._meta.get_field(field_name)
    integer_range = None
    if isinstance(f, models.IntegerField) and not isinstance(f, models.AutoField):
        # the ranges Django itself declares for every backend, not the running database's
        integer_range = BaseDatabaseOperations.integer_field_ranges.get(f.get_internal_type())
    return FieldLimit(
        name=field,
        max_digits=getattr(f, "max_digits", None),
        decimal_places=getattr(f, "decimal_places", None),
        max_length=f.max_length if isinstance(f, (models.CharField, models.SlugField)) else None,
        integer_range=integer_range,
    )


def _number_text(value: Decimal) -> str:
    text = format(value, "f")
    return text if len(text) <= 30 else f"{text[:12]}...({len(text)} karakter)"


def _decimal_problem(value: Any, limit: FieldLimit) -> str | None:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return f"{str(value)[:40]!r} bukan angka"
    if not number.is_finite():
        return f"{str(value)[:40]!r} bukan angka"
    assert limit.whole_digits is not None
    # Almost every value is far from the limit: rounding to the column's places adds at most one whole
    # digit, so a value with fewer whole digits than allowed fits without being rounded (the import of a
    # 10,000-line workbook checks about a million values).
    if number.adjusted() + 1 < limit.whole_digits:
        return None
    places = limit.decimal_places or 0
    # Rounded to the column's decimals as the database will round it (which may add a digit: 9.9999999).
    digits = max(number.adjusted() + 1, 1) + places + 2
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN, context=Context(prec=digits))
    whole = max(rounded.adjusted() + 1, 0)
    assert limit.whole_digits is not None
    if whole > limit.whole_digits:
        biggest = "9" * limit.whole_digits
        return (
            f"angka {_number_text(number)} terlalu besar: paling banyak {limit.whole_digits} angka sebelum koma "
            f"(sampai {int(biggest):,})"
        )
    return None


def value_check(value: Any, *, field: str, where: str = "") -> str | None:
    """Why ``value`` does not fit the field ``"Model.field"``, prefixed with ``where``; None when it fits
    (None and "" always fit: blank is the absence of a value).  Decimals beyond the field's places are
    accepted and rounded by the database; only what would overflow or be cut is refused."""
    if value is None or value == "":
        return None
    limit = field_limit(field)
    problem: str | None = None
    if isinstance(value, str) and "\x00" in value:
        problem = "berisi karakter NUL, yang tidak dapat disimpan"
    elif limit.max_digits is not None:
        problem = _decimal_problem(value, limit)
    elif limit.max_length is not None and len(str(value)) > limit.max_length:
        problem = f"{len(str(value)):,} karakter, melebihi batas {limit.max_length} karakter"
    elif limit.integer_range is not None:
        low, high = limit.integer_range
        if not isinstance(value, int) or not low <= value <= high:
            problem = f"{str(value)[:20]!r} di luar rentang {low}-{high}"
    if problem is None:
        return None
    return f"{where}: {problem}" if where else problem


def value_ensure(value: Any, *, field: str, where: str = "") -> None:
    """``value_check``, raising ``ServiceError`` with its message."""
    problem = value_check(value, field=field, where=where)
    if problem is not None:
        raise ServiceError(problem)


@dataclass(frozen=True)
class LimitProblem:
    """A value of a document that does not fit its field, with the document's own place for it."""

    source: Source | None
    what: str  # "Baris Pendataan ... / Jumlah UM: Realisasi TW II"
    message: str

    def __str__(self) -> str:
        where = f" ({self.source.describe()})" if self.source is not None else ""
        return f"{self.what}{where}: {self.message}"


_QUARTERS = ("I", "II", "III", "IV")


@cache
def _quick_bounds(field: str) -> tuple[int | None, int | None, bool]:
    """(whole digits, characters, an integer field) of ``field``, for ``surely_fits``."""
    limit = field_limit(field)
    return limit.whole_digits, limit.max_length, limit.integer_range is not None


def surely_fits(value: Any, field: str) -> bool:
    """True for the values ``value_check`` would pass without a word, decided without calling it: a
    finite ``Decimal`` with fewer whole digits than the field's (its own first test), a text without
    NUL for a text field it is not too long for.  False means only "ask ``value_check``"."""
    whole, length, integer = _quick_bounds(field)
    kind = type(value)
    if kind is Decimal:
        return whole is not None and value.is_finite() and value.adjusted() + 1 < whole
    if kind is str:
        return whole is None and not integer and (length is None or len(value) <= length) and "\x00" not in value
    return False


def document_problems(document: PlanDocument) -> list[LimitProblem]:
    """Every value of ``document`` checked against the field ``document_load`` writes it to."""
    out: list[LimitProblem] = []

    def check(value: Any, field: str, what: str | tuple[str, ...], source: Source | None = None) -> None:
        # ``what`` may come in parts, joined only for a problem: a large import checks a million values
        if value is None or value == "":
            return
        if surely_fits(value, field):
            return
        problem = value_check(value, field=field)
        if problem is not None:
            out.append(LimitProblem(source, what if isinstance(what, str) else "".join(what), problem))

    region, agency = document.region, document.agency
    for key, value in (("slug", region.slug), ("name", region.name), ("kind", region.kind), ("place", region.place)):
        check(value, f"Region.{key}", "Pemda")
    for key, value in region.settings.items():
        check(value, f"Region.{key}", f"Pemda ({key})")
    for year, bands in region.rating_bands.items():
        check(year, "RatingBand.year", "Predikat")
        for lower, label in bands:
            check(lower, "RatingBand.lower", f"Predikat {label[:40]}")
            check(label, "RatingBand.label", "Predikat")
    for key in ("slug", "name", "short_name", "head_name", "head_nip", "head_title"):
        check(getattr(agency, key), f"Agency.{key}", "Perangkat daerah")
    check(document.year, "WorkPlan.year", "Tahun")
    check(document.revision, "WorkPlan.revision", "Revisi Renja")
    check(document.work_plan_label, "WorkPlan.label", "Renja")
    check(document.strategic_start, "StrategicPlan.start_year", "Renstra")
    check(document.strategic_end, "StrategicPlan.end_year", "Renstra")
    if document.report is not None:
        for key in ("drivers", "obstacles", "follow_up_quarter", "follow_up_renja"):
            check(getattr(document.report, key), f"QuarterReport.{key}", "Laporan")
        check(document.report.quarter, "QuarterReport.quarter", "Triwulan")
        check(document.report.stated_average, "QuarterReport.stated_average", "Rata-rata tercetak")
        check(document.report.stated_rating, "QuarterReport.stated_rating", "Predikat tercetak")
    for _parent, row in document.walk():
        _row_problems(row, check)
    return out


def _row_problems(row: RowDoc, check: Any) -> None:
    what, source = f"Baris {row.name[:60]}", row.source
    check(row.name, "PlanRow.name", (what, ": nama"), source)
    check(row.code, "PlanRow.code", (what, ": kode"), source)
    check(row.responsible_unit, "PlanRow.responsible_unit", (what, ": PD penanggung jawab"), source)
    check(row.funding_source, "WorkPlanRow.funding_source", (what, ": sumber dana"), source)
    check(row.strategic_budget, "PlanRow.strategic_budget", (what, ": Rp Target Renstra (5)"), source)
    check(row.prior_budget, "WorkPlanRow.prior_budget", (what, ": Rp Realisasi Renstra s.d. tahun lalu (6)"), source)
    check(row.budget, "WorkPlanRow.budget", (what, ": pagu (7)"), source)
    for index, amount in enumerate(row.budget_quarters):
        check(amount, "BudgetRealization.amount", (what, ": Rp Realisasi TW ", _QUARTERS[index]), source)
    for key, text in row.stated_budget.items():
        check(text, "StatedFigure.value", (what, ": Rp tercetak ", key), source)
    for indicator in row.indicators:
        _indicator_problems(indicator, f"{what} / {indicator.name[:60]}", check)


def _indicator_problems(ind: IndicatorDoc, what: str, check: Any) -> None:
    source = ind.source
    for key, text in (("name", ind.name), ("formula", ind.formula)):
        check(text, f"Indicator.{key}", (what, ": ", key), source)
    for key, text in (("drivers", ind.drivers), ("obstacles", ind.obstacles)):
        check(text, f"WorkPlanIndicator.{key}", (what, ": ", key), source)
    check(ind.unit, "Indicator.unit", (what, ": satuan"), source)
    check(ind.action_plan_unit, "WorkPlanIndicator.action_plan_unit", (what, ": satuan Rencana Aksi"), source)
    check(ind.strategic_target, "Indicator.strategic_target", (what, ": Target Renstra (5) K"), source)
    check(
        ind.prior_realization,
        "WorkPlanIndicator.prior_realization",
        (what, ": Realisasi s.d. tahun lalu (6) K"),
        source,
    )
    check(ind.target, "WorkPlanIndicator.target", (what, ": Target Renja (7) K"), source)
    for index, value in enumerate(ind.quarters):
        check(value, "Realization.value", (what, ": Realisasi TW ", _QUARTERS[index], " K"), source)
    for index, value in enumerate(ind.action_plan):
        check(value, "QuarterlyTarget.value", (what, ": Rencana Aksi TW ", _QUARTERS[index]), source)
    for key, text in ind.stated.items():
        check(text, "StatedFigure.value", (what, ": K tercetak ", key), source)
