"""Values too big or too long for their column (issue 8, points 3 and 4): an error naming the cell before
anything is written, the same on SQLite as on PostgreSQL, from the importer and from ``document_load``."""

from __future__ import annotations

from decimal import Decimal

import pytest

from imports.services import import_report
from planning.errors import ServiceError
from planning.limits import field_limit, value_check, value_ensure
from planning.models import Agency, BudgetRealization, Indicator, Realization
from planning.roles import SYSTEM
from planning.services.documents import document_load
from tests.imports import sheets
from tests.imports.sheets import Variant
from tests.test_document_load import document

D = Decimal


@pytest.mark.parametrize(
    ("value", "field", "fits"),
    [
        (D("9999999999999999.99"), "BudgetRealization.amount", True),  # 16 digits before the point: the most
        (D("12345678901234567890"), "BudgetRealization.amount", False),  # 20 digits: PostgreSQL overflow
        (D("9" * 40), "WorkPlanRow.budget", False),  # 40 digits: decimal.InvalidOperation before
        (D("9999999999999999.999"), "WorkPlanRow.budget", False),  # rounds up to 17 digits
        (D("1.23456789"), "BudgetRealization.amount", True),  # extra decimals are rounded, not refused
        (D("99999999999999.5"), "Realization.value", True),  # 14 digits before the point
        (D("1234567890123456"), "Realization.value", False),  # a 16-digit K
        (D("NaN"), "Realization.value", False),
        ("x" * 60, "Indicator.unit", True),
        ("x" * 61, "Indicator.unit", False),
        ("x" * 100_000, "Indicator.unit", False),
        ("nama\x00", "PlanRow.name", False),  # PostgreSQL cannot store NUL
        (2021, "WorkPlan.year", True),
        (99_999, "WorkPlan.year", False),  # smallint
        (None, "Realization.value", True),
        ("", "Indicator.unit", True),
    ],
)
def test_value_check_against_the_model_field(value, field, fits, db) -> None:
    problem = value_check(value, field=field, where="sel L11")
    assert (problem is None) is fits, problem
    if not fits:
        assert problem.startswith("sel L11: ")
        with pytest.raises(ServiceError, match="sel L11"):
            value_ensure(value, field=field, where="sel L11")


def test_limits_come_from_the_models(db) -> None:
    amount = BudgetRealization._meta.get_field("amount")
    limit = field_limit("BudgetRealization.amount")
    assert (limit.max_digits, limit.decimal_places) == (amount.max_digits, amount.decimal_places)
    assert field_limit("Indicator.unit").max_length == Indicator._meta.get_field("unit").max_length


def _with(figure: str, value: str, v: Variant | None = None) -> list[list[str]]:
    """The test sheet with sub kegiatan 1's ``figure`` (a printed cell) replaced by ``value``."""
    table = sheets.rows(v or Variant())
    row = next(r for r in table if sheets.SUB_1 in r)
    row[row.index(figure)] = value
    return table


def _import(table, name: str = "batas.csv", **kwargs):
    options = {"agency_slug": "dinas-uji", "year": 2022, "dry_run": False, "actor": SYSTEM}
    return import_report(data=sheets.as_csv(table), filename=name, **{**options, **kwargs})


@pytest.fixture
def nothing_written(db):
    before = Agency.objects.count(), Realization.objects.count(), BudgetRealization.objects.count()
    yield
    assert (Agency.objects.count(), Realization.objects.count(), BudgetRealization.objects.count()) == before


@pytest.mark.parametrize(
    ("figure", "value", "field"),
    [
        ("30,000,000", "1" + "0" * 39, "Realisasi TW II Rp"),  # 40 digits
        ("30,000,000", "12,345,678,901,234,567,890", "Realisasi TW II Rp"),  # 20 digits
        ("20 UM", "1234567890123456 UM", "Realisasi TW II K"),  # a 16-digit K
    ],
)
def test_a_figure_too_big_for_its_column_is_an_error_naming_the_cell(nothing_written, figure, value, field) -> None:
    table = _with(figure, value)
    result = _import(table)
    [error] = result.errors
    row = next(i for i, r in enumerate(table, start=1) if value in r)
    assert error.row == row and error.column == table[row - 1].index(value) + 1 and error.field == field
    assert "terlalu besar" in error.message and not result.written


def test_a_satuan_of_100000_characters_is_an_error_naming_the_cell(nothing_written) -> None:
    table = sheets.rows(Variant(unit_column=True))
    row = next(i for i, r in enumerate(table, start=1) if sheets.SUB_1 in r)
    header = next(r for r in table if "Satuan" in r)
    unit_column = header.index("Satuan")
    table[row - 1][unit_column] = "x" * 100_000
    result = _import(table)
    [error] = [e for e in result.errors if "karakter" in e.message]
    assert error.row == row and error.column == unit_column + 1 and error.field == "Satuan"
    assert "100,000 karakter, melebihi batas 60" in error.message


def test_document_load_refuses_the_same_on_every_database(db) -> None:
    """The service layer itself: what reaches it from any path (YAML, API, import) is checked there."""
    doc = document()
    doc.tree[0].children[0].children[0].budget_quarters = (D("12345678901234567890"), None, None, None)
    doc.tree[0].children[0].children[0].indicators[0].unit = "x" * 100_000
    with pytest.raises(ServiceError) as raised:
        document_load(document=doc, actor=SYSTEM)
    message = str(raised.value)
    assert "Rp Realisasi TW I" in message and "terlalu besar" in message
    assert "satuan" in message and "100,000 karakter" in message
    assert not Agency.objects.filter(slug="dinas-uji").exists()
