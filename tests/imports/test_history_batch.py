"""A history's dry run is the batch as it would be saved: each file applied in (PD, year, quarter) order
inside one transaction rolled back at the end, so each file's changes are counted against the files of
the batch before it; and a new PD named only by its title finds its pemda's stored column mapping."""

from __future__ import annotations

from collections import Counter

from imports.history import import_history
from imports.mappings import mapping_save
from imports.services import import_report
from planning.models import Agency, Membership, Region
from planning.roles import SYSTEM
from tests.imports import sheets
from tests.imports.sheets import PROGRAM, Variant
from tests.imports.test_mappings import _by_hand, uraian_sheet

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_sheet(quarter: int, *, agency: str = "Dinas Uji Coba", program: dict[str, str] | None = None) -> bytes:
    """The generated 2022 sheet titled for ``quarter``; ``program`` replaces cells of the program row."""
    table = sheets.rows(Variant(year=2022))
    table[0] = [f"Laporan Kinerja Triwulan {ROMAN[quarter]} Tahun 2022"]
    table[1] = [f"{agency} Kabupaten Contoh"]
    for row in table:
        if PROGRAM in row:
            row[:] = [(program or {}).get(cell, cell) for cell in row]
    return sheets.as_csv(table)


# The TW II file of a new PD, counted by hand from tests/imports/sheets.py: the pemda, the PD, its Renstra
# and Renja; 5 rows (sasaran, program, kegiatan, 2 sub kegiatan) with 6 indicators, 4 pagu and 6 targets;
# 9 realisations (TW I and II of 4 indicators, the second indicator's TW II) and 8 budget realisations
# (TW I and II of 4 rows); the TW II report; 23 printed figures (12, 13, 14 K of the sasaran; 12, 13, 14 K
# and Rp of the program; 12, 13 K and Rp of the kegiatan and of each sub kegiatan; 12, 13 K of the second
# indicator).
TW2_ALONE = Counter(
    {
        "Pemda tambah": 1,
        "Perangkat Daerah tambah": 1,
        "Renstra tambah": 1,
        "Renja tambah": 1,
        "Baris tambah": 5,
        "Indikator tambah": 6,
        "Pagu tambah": 4,
        "Target tambah": 6,
        "Realization tambah": 9,
        "BudgetRealization tambah": 8,
        "Laporan tambah": 1,
        "Angka tercetak tambah": 23,
    }
)
# The TW IV file with the program's TW II K 45 instead of 40 (its 12 and 13 printed 45, its 14 printed 9),
# after the TW II file as the batch would save it: that one realisation changed, the sasaran's year-end
# realisation (its column 12 in a TW IV file), the TW IV report and its own 23 printed figures.
TW4_AFTER_TW2 = Counter(
    {"Realization ubah": 1, "Realization tambah": 1, "Laporan tambah": 1, "Angka tercetak tambah": 23}
)
# The same TW IV file against the database alone (the TW II file refused): everything TW II's adds, the
# program's TW II realisation 45, plus the sasaran's year-end realisation.
TW4_ALONE = TW2_ALONE + Counter({"Realization tambah": 1})

TW4_PROGRAM = {"40 UM": "45 UM", "8 UM": "9 UM"}


def _counts(line) -> Counter[str]:
    assert line.result is not None and line.result.ok, line.reason or [str(p) for p in line.result.errors]
    return Counter(f"{c.model} {c.action}" for c in line.result.changes)


def test_the_dry_run_counts_each_file_against_the_earlier_files_of_the_batch(empty_db) -> None:
    files = [("b-tw4.csv", quarter_sheet(4, program=TW4_PROGRAM)), ("a-tw2.csv", quarter_sheet(2))]
    result = import_history(files, actor=SYSTEM, dry_run=True, may_create={"*"})
    assert [line.file for line in result.lines] == ["a-tw2.csv", "b-tw4.csv"]  # applied and shown TW II first
    two, four = result.lines
    assert _counts(two) == TW2_ALONE
    assert _counts(four) == TW4_AFTER_TW2
    changed = next(c for c in four.result.changes if c.action == "ubah")
    assert (changed.before, changed.after) == ("40", "45") and changed.label.endswith("TW II")
    assert [line.status for line in result.lines] == ["siap", "siap"]
    assert not Agency.objects.exists() and not Region.objects.exists()  # the whole batch rolled back
    messages = [str(d) for d in result.disagreements]
    assert any("realisasi TW 2 K 2022 berbeda antar berkas (berkas TW 2: 40, berkas TW 4: 45)" in m for m in messages)


def test_a_refused_file_leaves_the_next_compared_with_the_database(empty_db) -> None:
    """TW II refused (a word where a figure belongs): its savepoint is rolled back, TW IV counts as alone."""
    bad = quarter_sheet(2, program={"40 UM": "empat puluh"})
    files = [("b-tw4.csv", quarter_sheet(4, program=TW4_PROGRAM)), ("a-tw2.csv", bad)]
    result = import_history(files, actor=SYSTEM, dry_run=True, may_create={"*"})
    two, four = result.lines
    assert two.file == "a-tw2.csv" and two.status == "ditolak"
    assert _counts(four) == TW4_ALONE
    assert not Agency.objects.exists()


def test_files_are_applied_in_pd_year_quarter_order_whatever_the_upload_order(empty_db) -> None:
    files = [
        ("uji-tw4.csv", quarter_sheet(4)),
        ("koperasi-tw4.csv", quarter_sheet(4, agency="Dinas Koperasi Contoh")),
        ("uji-tw2.csv", quarter_sheet(2)),
        ("koperasi-tw2.csv", quarter_sheet(2, agency="Dinas Koperasi Contoh")),
    ]
    seen: list[str] = []
    result = import_history(
        files, actor=SYSTEM, dry_run=False, may_create={"*"}, progress=lambda i, n, name, stage: seen.append(name)
    )
    order = ["koperasi-tw2.csv", "koperasi-tw4.csv", "uji-tw2.csv", "uji-tw4.csv"]  # dinas-koperasi-... < dinas-uji-...
    assert [line.file for line in result.lines] == order
    assert [line.status for line in result.lines] == ["disimpan"] * 4
    assert [name for name in seen if name][-4:] == order  # the import itself went in that order
    # TW IV after TW II on save as in the dry run: only the TW IV report and what it adds
    assert _counts(result.lines[3]) == TW4_AFTER_TW2 - Counter({"Realization ubah": 1})


def test_a_new_pd_named_by_its_title_uses_its_pemdas_stored_mapping(empty_db, django_user_model) -> None:
    refused = import_report(data=uraian_sheet(), filename="u.csv", agency_slug="dinas-uji", year=2022, actor=SYSTEM)
    mapping = _by_hand(refused)
    first = import_report(
        data=uraian_sheet(), filename="u.csv", agency_slug="dinas-uji", year=2022, actor=SYSTEM, dry_run=False,
        mapping=mapping,
    )  # fmt: skip
    assert first.written
    region = Agency.objects.get(slug="dinas-uji").region
    assert region.place == "Contoh"
    mapping_save(region, mapping, SYSTEM)
    # a new PD: no pemda given, the title "Dinas Uji Coba Kabupaten Contoh" names it
    admin = django_user_model.objects.create_user("admin-contoh")
    Membership.objects.create(user=admin, region=region, role=Membership.Role.ADMIN)
    new = import_report(data=uraian_sheet(shift=3), filename="u.csv", agency_slug="pd-baru", year=2022, actor=admin)
    assert new.stored_mapping and new.ok, [str(p) for p in new.errors]
    # someone who may not import for that pemda does not get its mapping
    stranger = django_user_model.objects.create_user("asing")
    other = Region.objects.create(slug="lain", name="Kabupaten Lain", kind="kabupaten", place="Lain")
    Membership.objects.create(user=stranger, region=other, role=Membership.Role.ADMIN)
    refused = import_report(
        data=uraian_sheet(shift=3), filename="u.csv", agency_slug="pd-baru", year=2022, actor=stranger
    )
    assert not refused.stored_mapping and refused.needs_mapping
    # and through a history, the new PD matched from the title
    titled = uraian_sheet(shift=4).replace(b"Dinas Uji Coba Kabupaten", b"Dinas Pangan Kabupaten")
    result = import_history([("baru-tw2.csv", titled)], actor=admin, dry_run=True, may_create={region.slug})
    [line] = result.lines
    assert line.match is not None and line.match.new_agency
    assert line.result is not None and line.result.stored_mapping and line.ok, line.reason
