"""What an import does only when the person confirms it (issue 8, points 4 and 6): deleting stored values
the file leaves blank, and importing a file whose title names another PD or pemda.  A cell that is not a
number is an error and never a deletion."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from imports.services import import_report
from planning.models import BudgetRealization, Indicator
from planning.roles import SYSTEM
from tests.imports import sheets
from tests.imports.sheets import Variant


def _import(table, *, dry_run: bool = False, **kwargs):
    options = {"agency_slug": "dinas-uji", "year": 2022, "actor": SYSTEM, "dry_run": dry_run}
    return import_report(data=sheets.as_csv(table), filename="uji.csv", **{**options, **kwargs})


def _sub1_with(value: str) -> list[list[str]]:
    """The test sheet with sub kegiatan 1's TW II Rp (30,000,000) written as ``value``."""
    table = sheets.rows(Variant())
    row = next(r for r in table if sheets.SUB_1 in r)
    row[row.index("30,000,000")] = value
    return table


def _stored_tw2() -> BudgetRealization | None:
    return BudgetRealization.objects.filter(row__name=sheets.SUB_1, year=2022, quarter=2).first()


@pytest.fixture
def imported(db) -> None:
    result = _import(sheets.rows(Variant()))
    assert result.ok and result.written, [str(p) for p in result.errors]
    assert _stored_tw2().amount == Decimal(30_000_000)


@pytest.mark.parametrize("value", ["NaN", "nan", "#N/A", "inf", "١٢٣"])
def test_a_cell_that_is_not_a_number_is_an_error_never_a_deletion(imported, value) -> None:
    aggregation = Indicator.objects.get(name="Jumlah UM yang didata").aggregation
    for dry_run in (True, False):
        result = _import(_sub1_with(value), dry_run=dry_run)
        [error] = result.errors
        assert error.field == "Realisasi TW II Rp" and value in error.message and "bukan angka" in error.message
        assert result.deletions == [] and not result.written
    assert _stored_tw2().amount == Decimal(30_000_000)
    assert Indicator.objects.get(name="Jumlah UM yang didata").aggregation == aggregation


def test_the_dry_run_lists_each_deletion_and_the_import_deletes_only_when_confirmed(imported) -> None:
    table = _sub1_with("")
    dry = _import(table, dry_run=True)
    assert dry.ok and [(c.model, c.before) for c in dry.deletions] == [("BudgetRealization", "30000000")]
    assert any("30000000 dihapus" in p.message and sheets.SUB_1[:40] in p.message for p in dry.warnings)

    refused = _import(table)
    assert not refused.ok and not refused.written and refused.changes == []
    [error] = refused.errors
    assert "menghapus 1 nilai tersimpan" in error.message and "--allow-delete" in error.message
    assert _stored_tw2().amount == Decimal(30_000_000)

    confirmed = _import(table, allow_delete=True)
    assert confirmed.ok and confirmed.written and _stored_tw2() is None


def test_the_command_deletes_only_with_allow_delete(imported, tmp_path) -> None:
    path = tmp_path / "kosong.csv"
    path.write_bytes(sheets.as_csv(_sub1_with("")))
    args = [str(path), "--agency", "dinas-uji", "--year", "2022"]
    out = io.StringIO()
    with pytest.raises(CommandError, match="ditolak"):
        call_command("import_report", *args, stdout=out)
    assert "menghapus 1 nilai tersimpan" in out.getvalue() and _stored_tw2() is not None
    call_command("import_report", *args, "--allow-delete", stdout=io.StringIO())
    assert _stored_tw2() is None


# -- the title names another PD or pemda ---------------------------------------------------------------
def test_a_file_titled_for_another_agency_needs_an_explicit_confirmation(agency) -> None:
    """The test sheet says "Dinas Uji Coba Kabupaten Contoh"; the destination is the demo's Diskopum of
    Kabupaten Lumajang."""
    table = sheets.rows(Variant())
    dry = _import(table, agency_slug=agency.slug, dry_run=True)
    assert dry.ok and dry.other_destination
    refused = _import(table, agency_slug=agency.slug)
    assert not refused.written
    [error] = refused.errors
    for name in ("Dinas Uji Coba", agency.name, "Kabupaten Contoh", "Kabupaten Lumajang", "--confirm-other-agency"):
        assert name in error.message, error.message
    confirmed = _import(table, agency_slug=agency.slug, confirm_other_agency=True)
    assert confirmed.ok and confirmed.written
    assert any("atas konfirmasi" in p.message for p in confirmed.warnings)


def test_the_command_needs_confirm_other_agency(agency, tmp_path) -> None:
    path = tmp_path / "lain.csv"
    path.write_bytes(sheets.as_csv(sheets.rows(Variant())))
    args = [str(path), "--agency", agency.slug, "--year", "2022"]
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_report", *args, stdout=out)
    assert "Kabupaten Contoh" in out.getvalue() and "Kabupaten Lumajang" in out.getvalue()
    call_command("import_report", *args, "--confirm-other-agency", stdout=io.StringIO())


def test_the_seed_titled_for_its_own_agency_needs_no_confirmation(agency, seed_bytes) -> None:
    result = import_report(data=seed_bytes, filename="seed.txt", agency_slug=agency.slug, year=2021, actor=SYSTEM)
    assert result.ok and not result.other_destination
