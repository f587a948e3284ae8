"""Performance and budget on two sheets of one workbook (issue 9): joined by row when they are the same
rows, refused naming the sheet and row where they part, each cell named by its own sheet and address."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from imports.problems import Problems
from imports.stages.locate.workbook_sections import find_main_table
from imports.stages.map.detect import column_map_of
from imports.stages.read.readers import read_workbook
from planning.models import Agency, Realization
from tests.imports import real_variants as rv
from tests.imports import sheets
from tests.imports.conftest import comparable, report_of
from tests.imports.test_perturb import import_and_read
from tests.imports.test_variants import _check_figures, _import, _line
from tests.imports.test_views import _upload, personas  # noqa: F401  (fixture)

K_SHEET, RP_SHEET = rv.PERFORMANCE_SHEET, rv.BUDGET_SHEET


def _xlsx(tables: dict[str, list[list[str]]]) -> bytes:
    return rv.as_xlsx_sheets(tables)


def _ok(result) -> None:
    assert result.ok, [str(p) for p in result.errors]
    assert result.quarter == 2


def _refused(result) -> list[str]:
    assert not result.ok and not result.written
    assert not Realization.objects.exists() and not Agency.objects.filter(slug="dinas-uji").exists()
    return [str(p) for p in result.errors]


def _row_of(table: list[list[str]], text: str) -> int:
    """The 0-based row of the first body line holding ``text``."""
    return next(i for i in rv.body_rows(table) if text in table[i])


@pytest.mark.parametrize(
    "names",
    [("Isian Kinerja", "Isian Keuangan"), ("Kinerja", "Keuangan"), ("Realisasi Fisik", "Realisasi Keuangan")],
)
def test_the_two_sheets_are_read_as_one_table_whatever_their_names(empty_db, names) -> None:
    result = _import(_xlsx(rv.two_sheets(*names)), "dua-lembar.xlsx")
    _ok(result)
    joined = [p.message for p in result.problems if "dipasangkan" in p.message]
    assert joined and names[0] in joined[0] and names[1] in joined[0]
    _check_figures(report_of("dinas-uji", 2022, 2))


def test_the_budget_sheet_may_come_first(empty_db) -> None:
    tables = rv.two_sheets()
    _ok(_import(_xlsx({RP_SHEET: tables[RP_SHEET], K_SHEET: tables[K_SHEET]}), "anggaran-dulu.xlsx"))
    _check_figures(report_of("dinas-uji", 2022, 2))


def test_round_trip_gives_the_figures_of_the_one_sheet_variant(empty_db) -> None:
    _ok(_import(sheets.as_xlsx(rv.base(code=True)), "satu-lembar.xlsx"))
    one_sheet = comparable(report_of("dinas-uji", 2022, 2))
    Agency.objects.all().delete()
    from planning.models import Region

    Region.objects.all().delete()
    _ok(_import(_xlsx(rv.two_sheets(code=True)), "dua-lembar.xlsx"))
    two_sheets = comparable(report_of("dinas-uji", 2022, 2))
    assert two_sheets["rows"] == one_sheet["rows"]
    assert two_sheets["evaluation"] == one_sheet["evaluation"] if "evaluation" in one_sheet else True
    program = _line(report_of("dinas-uji", 2022, 2), "Pemberdayaan Usaha Menengah")
    assert program["code"] == "2.17.07" and program["annual_target"] == {"value": "100", "budget": "300000000"}


def test_a_budget_sheet_in_another_order_is_joined_by_kode(empty_db) -> None:
    tables = rv.two_sheets(code=True)
    budget = tables[RP_SHEET]
    body = list(rv.body_rows(budget))
    reordered = [budget[i] for i in reversed(body)]
    for i, row in zip(body, reordered, strict=True):
        budget[i] = row
    result = _import(_xlsx(tables), "urutan-lain.xlsx")
    _ok(result)
    assert any("berurutan lain" in p.message and "Kode" in p.message for p in result.problems)
    _check_figures(report_of("dinas-uji", 2022, 2))


def test_a_budget_sheet_in_another_order_without_kode_is_refused(empty_db) -> None:
    tables = rv.two_sheets()
    budget = tables[RP_SHEET]
    a, b = _row_of(budget, "Jumlah UM yang didata"), _row_of(budget, "Jumlah fasilitasi UM")
    budget[a], budget[b] = budget[b], budget[a]
    errors = _refused(_import(_xlsx(tables), "urutan-lain.xlsx"))
    first = min(a, b) + 1
    assert any(
        f"sheet '{RP_SHEET}', baris {first}" in e and "urutan baris berbeda" in e and "Kode" in e for e in errors
    ), errors


@pytest.mark.parametrize("code", [False, True])
def test_a_budget_sheet_with_a_missing_row_is_refused_not_shifted(empty_db, code) -> None:
    tables = rv.two_sheets(code=code)
    budget = tables[RP_SHEET]
    missing = _row_of(budget, "Pendataan Potensi dan Pengembangan Usaha Mikro")
    del budget[missing]
    errors = _refused(_import(_xlsx(tables), "baris-hilang.xlsx"))
    # named on the performance sheet, at the row the budget sheet lacks
    assert any(
        f"sheet '{K_SHEET}', baris {missing + 1}" in e and f"tidak ada di sheet '{RP_SHEET}'" in e for e in errors
    ), errors


def test_a_budget_row_with_another_name_is_refused_where_the_sheets_part(empty_db) -> None:
    tables = rv.two_sheets()
    budget = tables[RP_SHEET]
    at = _row_of(budget, "Pemberdayaan Kelembagaan Potensi dan Pengembangan Usaha Mikro")
    budget[at] = [t.replace("Kelembagaan", "Kemitraan") for t in budget[at]]
    errors = _refused(_import(_xlsx(tables), "nama-lain.xlsx"))
    assert any(f"sheet '{K_SHEET}', baris {at + 1}" in e and "berpisah di sini" in e for e in errors), errors


def test_a_bad_budget_cell_is_named_on_the_budget_sheet_on_its_own_row(empty_db) -> None:
    tables = rv.two_sheets()
    budget = tables[RP_SHEET]
    budget.insert(0, ["Isian realisasi keuangan"])  # one title line more: the budget rows are one lower
    at = _row_of(budget, "Jumlah UM yang didata")
    column = budget[at].index("30,000,000")  # quarter II Rp
    budget[at][column] = "tiga puluh juta"
    errors = _refused(_import(_xlsx(tables), "sel-salah.xlsx"))
    letter = chr(ord("A") + column)
    assert any(f"sheet '{RP_SHEET}', baris {at + 1}, kolom {letter} (Realisasi TW II Rp)" in e for e in errors), errors


def test_unplaced_numbers_on_the_budget_sheet_are_named_by_their_own_address(empty_db) -> None:
    tables = rv.two_sheets()
    letter = chr(ord("A") + _with_unknown_budget_column(tables) - 1)
    result = _import(_xlsx(tables), "kolom-asing.xlsx")
    errors = _refused(result)
    assert result.reconciliation is not None and result.reconciliation.unplaced
    assert {c.sheet for c in result.reconciliation.unplaced} == {RP_SHEET}
    assert any(
        e.startswith(f"sheet '{RP_SHEET}', kolom {letter}") and f"{RP_SHEET}!{letter}" in e and "Catatan" in e
        for e in errors
    ), errors


def test_thousands_on_the_budget_sheet_are_scaled_and_said_there(empty_db) -> None:
    tables = rv.two_sheets()
    budget = tables[RP_SHEET]
    subs = next(i for i, r in enumerate(budget) if "Rp" in r)
    budget[subs] = ["Rp (000)" if t == "Rp" else t for t in budget[subs]]
    for i in rv.body_rows(budget):
        budget[i] = [f"{int(t.replace(',', '')) // 1000:,}" if rv._GROUPED.match(t) else t for t in budget[i]]
    result = _import(_xlsx(tables), "ribuan.xlsx")
    _ok(result)
    assert any("ribuan" in p.message and p.sheet == RP_SHEET for p in result.problems)
    _check_figures(report_of("dinas-uji", 2022, 2))


def test_a_k_only_sheet_whose_other_half_is_not_rp_only_is_refused(empty_db) -> None:
    tables = rv.two_sheets()
    full = sheets.rows(sheets.Variant())
    errors = _refused(_import(_xlsx({K_SHEET: tables[K_SHEET], "E81": full}), "setengah.xlsx"))
    assert any(f"sheet '{K_SHEET}'" in e and "hanya memuat kinerja (K)" in e for e in errors), errors


def test_the_column_map_names_each_budget_column_by_its_sheet() -> None:
    book = read_workbook(_xlsx(rv.two_sheets()), "dua.xlsx", max_bytes=10**7, max_rows=10_000)
    main = find_main_table(book, Problems())
    assert main is not None and main.join is not None
    mapping = column_map_of(main.header, main.join)
    assert mapping.sheet == f"{K_SHEET} + {RP_SHEET}"
    by_meaning = {c.meaning: c.letter for c in mapping.columns}
    assert by_meaning["q2.K"] == "H" and by_meaning["q2.Rp"] == f"{RP_SHEET}!H"
    assert by_meaning["name"] == "C"
    # the same shape gives the same signature (a stored mapping is found again)
    again = find_main_table(
        read_workbook(_xlsx(rv.two_sheets()), "b.xlsx", max_bytes=10**7, max_rows=10_000), Problems()
    )
    assert again is not None and column_map_of(again.header, again.join).signature == mapping.signature


def test_a_confirmed_mapping_of_the_joined_table_reads_the_same_figures(empty_db) -> None:
    book = read_workbook(_xlsx(rv.two_sheets()), "dua.xlsx", max_bytes=10**7, max_rows=10_000)
    main = find_main_table(book, Problems())
    assert main is not None
    mapping = column_map_of(main.header, main.join)
    confirmed = mapping.with_meaning(mapping.column_of("q2.Rp") or 0, "q2.Rp")
    _ok(_import(_xlsx(rv.two_sheets()), "dua.xlsx", mapping=confirmed))
    _check_figures(report_of("dinas-uji", 2022, 2))


def _with_unknown_budget_column(tables: dict[str, list[list[str]]]) -> int:
    """A "Catatan Bendahara" column with numbers after the budget sheet's last; its 1-based column."""
    budget = tables[RP_SHEET]
    top = next(i for i, r in enumerate(budget) if r and r[0] == "No")
    budget[top].append("Catatan Bendahara")
    for i in rv.body_rows(budget):
        budget[i].append("7" if any(budget[i][4:]) else "")
    return len(budget[top])


def test_the_mapping_page_shows_both_sheets_and_maps_a_budget_column(client, personas) -> None:  # noqa: F811
    import re

    from django.urls import reverse

    from imports.models import StoredMapping

    tables = rv.two_sheets()
    own_column = _with_unknown_budget_column(tables)
    letter = chr(ord("A") + own_column - 1)
    client.force_login(personas["erin"])
    fields = {"new_agency": "dinas-uji", "region": "lumajang", "year": 2022}
    preview = _upload(client, _xlsx(tables), "dua-lembar.xlsx", **fields).content.decode()
    assert 'id="mapping-offer"' in preview and f"{RP_SHEET}!{letter}" in preview
    token = re.search(r"/impor/peta/([A-Za-z0-9_-]+)/", preview).group(1)  # type: ignore[union-attr]
    url = reverse("imports:mapping", args=[token])
    page = client.get(url).content.decode()
    assert f"sheet {K_SHEET} + {RP_SHEET}" in page
    assert f'data-column="{RP_SHEET}!H"' in page and 'data-column="H"' in page  # quarter II Rp and K
    unknown = re.search(
        rf'<tr class="mapping-unsure" data-column="{RP_SHEET}!{letter}">.*?name="col-(\d+)"', page, re.S
    )
    assert unknown, page
    fragment = client.post(url, {f"col-{unknown.group(1)}": "helper"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Terbaca benar" in fragment, fragment
    stored = client.post(reverse("imports:mapping_confirm", args=[token]), {f"col-{unknown.group(1)}": "helper"})
    assert stored.status_code == 200 and StoredMapping.objects.filter(region__slug="lumajang").count() == 1
    # the next workbook of the same two-sheet shape is read with the stored mapping at once
    again = _upload(client, _xlsx(tables), "dua-lembar-2.xlsx", **fields).content.decode()
    assert "pemetaan kolom tersimpan dipakai" in again and 'id="mapping-offer"' not in again


def test_a_k_only_table_beside_an_unrecognised_budget_sheet_is_said(empty_db) -> None:
    tables = rv.two_sheets()
    budget = tables[RP_SHEET]
    top = next(i for i, r in enumerate(budget) if r and r[0] == "No")
    budget[top] = [t if not t.startswith(("Target", "Realisasi", "Tingkat")) else "" for t in budget[top]]
    result = _import(_xlsx(tables), "tanpa-anggaran.xlsx", dry_run=True)
    warned = [str(p) for p in result.warnings if "hanya memuat kinerja (K)" in p.message]
    assert warned and f"sheet '{K_SHEET}'" in warned[0] and repr(RP_SHEET) in warned[0], warned


def test_an_unknown_budget_column_before_the_figures_is_accounted_too(empty_db) -> None:
    tables = rv.two_sheets()
    budget = tables[RP_SHEET]
    top = next(i for i, r in enumerate(budget) if r and r[0] == "No")
    for i, row in enumerate(budget):
        if i >= top and len(row) > 4:
            value = "Pagu Awal" if i == top else ("5,000,000" if i in rv.body_rows(budget) and row[5] else "")
            row.insert(4, value)
    result = _import(_xlsx(tables), "pagu-awal.xlsx")
    errors = _refused(result)
    assert result.reconciliation is not None
    assert {(c.sheet, c.column) for c in result.reconciliation.unplaced} == {(RP_SHEET, 5)}
    assert any(e.startswith(f"sheet '{RP_SHEET}', kolom E") and "Pagu Awal" in e for e in errors), errors


# -- never joined wrongly: the budget sheet's rows edited at random ---------------------------------
EDITS = st.lists(
    st.tuples(st.sampled_from(["swap", "delete", "duplicate", "rename"]), st.integers(0, 5), st.integers(0, 5)),
    max_size=2,
)


def _edited(code: bool, edits: list[tuple[str, int, int]]) -> dict[str, list[list[str]]]:
    tables = rv.two_sheets(code=code)
    budget = tables[RP_SHEET]
    for op, i, j in edits:
        body = list(rv.body_rows(budget))
        a, b = body[i % len(body)], body[j % len(body)]
        if op == "swap":
            budget[a], budget[b] = budget[b], budget[a]
        elif op == "delete" and len(body) > 1:
            del budget[a]
        elif op == "duplicate":
            budget.insert(a, list(budget[a]))
        elif op == "rename":
            budget[a] = [t + " Baru" if k == 2 and t else t for k, t in enumerate(budget[a])]
    return tables


_TWO_SHEET_BASELINE: dict[str, object] = {}


@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(code=st.booleans(), edits=EDITS)
def test_an_edited_budget_sheet_gives_the_same_figures_or_is_refused(empty_db, code, edits) -> None:
    def run(tables: dict[str, list[list[str]]]):
        return import_and_read(_xlsx(tables), "acak.xlsx")

    if code not in _TWO_SHEET_BASELINE:
        result, got, _leftover = run(rv.two_sheets(code=code))
        assert result.ok and got, [str(p) for p in result.errors]
        _TWO_SHEET_BASELINE[code] = got
    result, got, leftover = run(_edited(code, edits))
    event("imported" if result.ok else "refused")
    if result.ok:
        assert got == _TWO_SHEET_BASELINE[code], edits
    else:
        assert not result.written and not leftover
        assert any("sheet" in p.message or p.sheet for p in result.errors)
