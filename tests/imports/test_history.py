"""A pemda's history at once: a zip of several PD and quarters imports with one summary."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import call_command

from imports.history import Defaults, import_history, unpack
from planning.models import Agency, Realization
from planning.roles import SYSTEM
from tests.imports import sheets
from tests.imports.conftest import report_of
from tests.imports.sheets import PROGRAM, Variant

UJI = "dinas-uji-coba-contoh"


@pytest.fixture(autouse=True)
def jobs_inline(monkeypatch):
    """The page's dry run and save are django-q2 jobs: run inline here (KINERJA_JOBS_SYNC=1)."""
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", True)


KOPERASI = "dinas-koperasi-contoh-contoh"


def sheet(*, year: int, quarter: int, agency: str = "Dinas Uji Coba", col6: bool = False, **changes: str) -> bytes:
    """The generated sheet for ``agency``'s ``year`` and ``quarter``; ``changes`` replace cells of the program row."""
    table = sheets.rows(Variant(year=year, col6=col6))
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}[quarter]
    table[0] = [f"Laporan Kinerja Triwulan {roman} Tahun {year}"]
    table[1] = [f"{agency} Kabupaten Contoh"]
    for row in table:
        if PROGRAM in row:
            for old, new in changes.items():
                row[row.index(old)] = new
    return sheets.as_csv(table)


def a_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def history_zip() -> bytes:
    """Two PD over two years: 2021 IV and 2022 II and IV of one (its 2022 target changed in IV, and its
    column 6 of 2022 not the 2021 column 13), 2022 II of the other, one file with a wrong cell, and one
    that says nothing of its PD, year or quarter."""
    untitled = sheets.rows(Variant())
    untitled[0], untitled[1], untitled[2] = [], [], []
    return a_zip(
        {
            "2021/uji-2021-tw4.csv": sheet(year=2021, quarter=4),
            "2022/uji-2022-tw2.csv": sheet(year=2022, quarter=2, col6=True),
            "2022/uji-2022-tw4.csv": sheet(year=2022, quarter=4, col6=True, **{"100 UM": "120 UM"}),
            "2022/koperasi-tw2.csv": sheet(year=2022, quarter=2, agency="Dinas Koperasi Contoh"),
            "2022/koperasi-tw4.csv": sheet(
                year=2022, quarter=4, agency="Dinas Koperasi Contoh", **{"40 UM": "empat puluh"}
            ),
            "lain/tanpa-judul.csv": sheets.as_csv(untitled),
        }
    )


def test_a_zip_of_several_pd_and_quarters_imports_with_one_summary(empty_db) -> None:
    seen: list[tuple[int, int, str]] = []
    result = import_history(
        [("riwayat.zip", history_zip())],
        actor=SYSTEM,
        dry_run=False,
        may_create={"*"},
        progress=lambda i, n, name, stage: seen.append((i, n, stage)),
    )
    by_file = {line.file.rpartition("/")[2]: line for line in result.lines}
    saved = {"uji-2021-tw4.csv", "uji-2022-tw2.csv", "uji-2022-tw4.csv", "koperasi-tw2.csv"}
    assert set(by_file) == saved | {"koperasi-tw4.csv", "tanpa-judul.csv"}
    assert {n for n, line in by_file.items() if line.status == "disimpan"} == saved
    # matched from the titles: PD, year and quarter
    two = by_file["uji-2022-tw2.csv"].match
    assert two is not None and (two.agency_slug, two.year, two.quarter, two.new_agency) == (UJI, 2022, 2, True)
    # the file that names nothing is listed with why, not guessed
    untitled = by_file["tanpa-judul.csv"]
    assert untitled.match is None and untitled.result is None and "tahun" in untitled.reason
    # one file's error: itself refused and unwritten, the others imported
    bad = by_file["koperasi-tw4.csv"]
    assert bad.status == "ditolak" and any("empat puluh" in str(p) for p in bad.result.errors)
    assert report_of(KOPERASI, 2022, 2)["quarter"] == 2
    assert not Realization.objects.filter(indicator__row__strategic_plan__agency__slug=KOPERASI, quarter=4).exists()
    assert report_of(UJI, 2021, 4)["year"] == 2021 and report_of(UJI, 2022, 4)["quarter"] == 4
    # the summary of what the files say differently
    messages = [str(d) for d in result.disagreements]
    assert any("target Renja (7) K 2022 berbeda antar triwulan (TW 2: 100, TW 4: 120)" in m for m in messages), messages
    assert any("kolom 6 K tahun 2022" in m and "berkas TW IV 2021) 40" in m for m in messages), messages
    assert any("kolom 6 Rp tahun 2022" in m and "150000000" in m for m in messages), messages
    # a progress report for every file, matched then imported
    assert {stage for *_i, stage in seen} >= {"mencocokkan", "mengimpor", "selesai"}


def test_the_dry_run_of_a_history_writes_nothing(empty_db) -> None:
    result = import_history([("riwayat.zip", history_zip())], actor=SYSTEM, dry_run=True, may_create={"*"})
    lines = [line for line in result.lines if line.ok]
    assert len(lines) == 4 and all(line.status == "siap" and line.result.changes for line in lines)
    assert not Agency.objects.exists()


def test_without_the_right_to_create_a_pd_the_file_is_listed_not_imported(empty_db) -> None:
    result = import_history([("uji-tw2.csv", sheet(year=2022, quarter=2))], actor=SYSTEM, dry_run=False)
    [line] = result.lines
    assert line.match is None and "admin pemda" in line.reason
    assert not Agency.objects.exists()


def test_two_files_for_one_quarter_are_both_held_back(empty_db) -> None:
    files = [("a-tw2.csv", sheet(year=2022, quarter=2)), ("b-tw2.csv", sheet(year=2022, quarter=2))]
    result = import_history(files, actor=SYSTEM, dry_run=False, may_create={"*"})
    assert [line.status for line in result.lines] == ["ditahan", "ditahan"]
    assert "b-tw2.csv" in result.lines[0].reason
    assert not Agency.objects.exists()


def test_the_given_pd_and_year_fill_what_the_title_does_not_say(empty_db) -> None:
    table = sheets.rows(Variant())
    table[0] = []  # no "Laporan Kinerja Triwulan II Tahun 2022" line: the quarter from the file's name
    result = import_history(
        [("laporan-tw2-2022.csv", sheets.as_csv(table))],
        actor=SYSTEM,
        dry_run=False,
        defaults=Defaults(agency_slug="dinas-uji"),
        may_create={"*"},
    )
    [line] = result.lines
    assert line.status == "disimpan", line.reason or [str(p) for p in line.result.errors]
    assert line.match is not None and (line.match.year, line.match.quarter) == (2022, 2)
    assert report_of("dinas-uji", 2022, 2)["quarter"] == 2


@pytest.mark.parametrize(
    ("members", "said"),
    [
        ({"dalam.zip": a_zip({"a.csv": b"x"}), "b.csv": b"y"}, "arsip lain"),
        ({f"f{i}.csv": b"x" for i in range(201)}, "paling banyak 200"),
        ({"bom.csv": b"0" * (30 * 1024 * 1024)}, "bom zip"),
        ({"gambar.png": b"\x89PNG"}, "bukan berkas laporan"),
    ],
)
def test_hostile_zips_are_refused_whole(members, said) -> None:
    files, refused = unpack([("riwayat.zip", a_zip(members))])
    assert files == [] and len(refused) == 1 and said in refused[0], refused


def test_a_truncated_zip_is_refused_and_the_other_uploads_kept() -> None:
    good = ("uji-tw2.csv", b"a,b\n")
    files, refused = unpack([("rusak.zip", history_zip()[:300]), good])
    assert [f.name for f in files] == ["uji-tw2.csv"] and "rusak" in refused[0]


def test_the_command_imports_a_folder(empty_db, tmp_path) -> None:
    with zipfile.ZipFile(io.BytesIO(history_zip())) as archive:
        archive.extractall(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(Exception) as refused:  # one file refused: the command says so at the end
        call_command("import_report", str(tmp_path), stdout=out, stderr=err)
    text = out.getvalue()
    assert "1 berkas ditolak" in str(refused.value)
    for name in ("uji-2021-tw4.csv", "uji-2022-tw2.csv", "koperasi-tw2.csv", "koperasi-tw4.csv", "tanpa-judul.csv"):
        assert name in text
    assert "disimpan" in text and "ditolak" in text and "tidak dicocokkan" in text
    assert "Perbedaan antar berkas" in text and "berkas TW IV 2021) 40" in text
    assert Agency.objects.filter(slug=UJI).exists()


def test_the_command_dry_run_of_several_files(empty_db, tmp_path) -> None:
    one, two = tmp_path / "uji-tw2.csv", tmp_path / "koperasi-tw2.csv"
    one.write_bytes(sheet(year=2022, quarter=2))
    two.write_bytes(sheet(year=2022, quarter=2, agency="Dinas Koperasi Contoh"))
    out = io.StringIO()
    call_command("import_report", str(one), str(two), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "siap" in out.getvalue() and "Uji coba (--dry-run)" in out.getvalue()
    assert not Agency.objects.exists()


# -- the page ---------------------------------------------------------------------------------------


def _post_history(client, *uploads: tuple[str, bytes], **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    files = [SimpleUploadedFile(name, data) for name, data in uploads]
    return client.post(reverse("imports:history"), {"files": files, **fields}, follow=True)


def test_the_page_dry_runs_a_zip_then_saves_each_file(client, empty_db, django_user_model) -> None:
    import re

    from django.urls import reverse

    admin = django_user_model.objects.create_user("pusat", password="x" * 12, is_superuser=True)
    client.force_login(admin)
    assert client.get(reverse("imports:history")).status_code == 200
    page = _post_history(client, ("riwayat.zip", history_zip()))
    html = page.content.decode()
    assert page.status_code == 200 and 'id="history-files"' in html
    for name in ("uji-2021-tw4.csv", "koperasi-tw4.csv", "tanpa-judul.csv"):
        assert name in html
    assert "tidak dicocokkan" in html and "ditolak" in html and "empat puluh" in html
    assert "berkas TW IV 2021) 40" in html  # the summary across files
    assert not Agency.objects.exists()  # a dry run
    tokens = re.findall(r'name="token" value="([^"]+)"', html)
    assert len(tokens) == 4
    saved = client.post(reverse("imports:history_confirm"), {"token": tokens}, follow=True)
    assert saved.status_code == 200 and "4 berkas disimpan" in saved.content.decode()
    assert report_of(UJI, 2022, 4)["quarter"] == 4 and report_of(KOPERASI, 2022, 2)["quarter"] == 2
    value = Realization.objects.filter(indicator__row__strategic_plan__agency__slug=UJI).first()
    assert value is not None and value.updated_by == admin
    # a second confirmation (a double click) writes nothing more
    again = client.post(reverse("imports:history_confirm"), {"token": tokens}, follow=True)
    assert "sudah disimpan sebelumnya" in again.content.decode()


def test_the_page_creates_no_pd_for_whom_may_not(client, empty_db, django_user_model) -> None:
    from django.urls import reverse

    plain = django_user_model.objects.create_user("biasa", password="x" * 12)
    client.force_login(plain)
    page = _post_history(client, ("uji-tw2.csv", sheet(year=2022, quarter=2)))
    html = page.content.decode()
    assert "hanya admin pemda atau superuser" in html and 'name="token"' not in html
    assert (
        "sudah tidak tersedia"
        in client.post(reverse("imports:history_confirm"), {"token": ["x" * 40]}, follow=True).content.decode()
    )
    assert not Agency.objects.exists()


def test_someone_elses_tokens_save_nothing(client, empty_db, django_user_model) -> None:
    import re

    from django.urls import reverse

    admin = django_user_model.objects.create_user("pusat", password="x" * 12, is_superuser=True)
    other = django_user_model.objects.create_user("lain", password="x" * 12, is_superuser=True)
    client.force_login(admin)
    html = _post_history(client, ("uji-tw2.csv", sheet(year=2022, quarter=2))).content.decode()
    tokens = re.findall(r'name="token" value="([^"]+)"', html)
    assert len(tokens) == 1
    client.force_login(other)
    response = client.post(reverse("imports:history_confirm"), {"token": tokens}, follow=True)
    assert "sudah tidak tersedia" in response.content.decode()
    assert not Agency.objects.exists()


def test_the_page_refuses_a_file_of_another_kind(client, db, django_user_model) -> None:
    user = django_user_model.objects.create_user("biasa", password="x" * 12)
    client.force_login(user)
    response = _post_history(client, ("foto.png", b"\x89PNG"))
    assert response.status_code == 400 and "jenis berkas tidak didukung" in response.content.decode()


def test_an_unmatched_file_is_asked_for_on_the_page(client, db, agency, django_user_model) -> None:
    """A file whose title names nothing: the preview asks for its PD, year and quarter, and the dry run of
    that file alone then follows, ready to save."""
    import re

    from django.urls import reverse

    from planning.models import Membership

    user = django_user_model.objects.create_user("operator-uji", password="x" * 12)
    Membership.objects.create(user=user, region=agency.region, agency=agency, role=Membership.Role.OPERATOR)
    client.force_login(user)
    untitled = sheets.rows(Variant())
    untitled[0], untitled[1], untitled[2] = [], [], []
    html = _post_history(client, ("laporan.csv", sheets.as_csv(untitled))).content.decode()
    assert "tahun tidak diketahui" in html and 'class="history-ask"' in html
    [ask] = re.findall(r'name="token" value="([^"]+)"', html)
    other = django_user_model.objects.create_user("lain", password="x" * 12)
    client.force_login(other)  # someone else cannot use it
    assert client.post(reverse("imports:history_ask"), {"token": ask, "year": 2022, "quarter": 2}).status_code == 400
    client.force_login(user)
    page = client.post(
        reverse("imports:history_ask"), {"token": ask, "agency": agency.slug, "year": 2022, "quarter": 2}, follow=True
    ).content.decode()
    assert agency.name in page and ">siap<" in page
    tokens = re.findall(r'name="token" value="([^"]+)"', page)
    assert len(tokens) == 1 and tokens[0] != ask, page[:2000]
