"""The shipped nomenclature: what a fresh installation has, loading a newer file (all or nothing, old
versions kept), and searching as the user types."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from audit.models import AuditEvent
from nomenclature.loader import SHIPPED, NomenclatureFileError, read_rows
from nomenclature.models import NomenclatureEntry, NomenclatureVersion
from nomenclature.search import lookup, penunjang_form, search
from nomenclature.text import search_key

pytestmark = pytest.mark.django_db

HEADER = "code,level,name,indicator,unit\n"


def test_the_shipped_list_is_loaded_with_its_counts(nomenclature) -> None:
    counts = dict(
        NomenclatureEntry.objects.filter(version=nomenclature).values_list("level").annotate(n=Count("id")).order_by()
    )
    assert counts == {"urusan": 10, "bidang": 45, "program": 185, "kegiatan": 510, "sub_kegiatan": 3394}
    assert nomenclature.label == "Kepmendagri 900.1.15.5-1317/2023"
    sub = NomenclatureEntry.objects.get(version=nomenclature, code="2.17.07.2.01.0004")
    assert sub.indicator == "Jumlah Unit Usaha yang Telah Menerima Pembinaan dan Pendampingan Terhadap Usaha Mikro"
    assert sub.unit == "Unit Usaha"
    # The provenance note ships beside the data.
    assert SHIPPED.with_suffix(".md").read_text(encoding="utf-8").startswith("# nomenclature.csv")


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_a_newer_file_becomes_the_active_version_and_the_old_one_stays(nomenclature, tmp_path) -> None:
    path = _write(
        tmp_path,
        "baru.csv",
        "2.17,bidang,BIDANG KOPERASI,,\n2.17.07,program,PROGRAM BARU,,\n"
        "2.17.07.2.01,kegiatan,Kegiatan Baru,,\n2.17.07.2.01.0099,sub_kegiatan,Sub Baru,Jumlah sesuatu,Unit\n",
    )
    out = io.StringIO()
    call_command("nomenclature", "load", str(path), "--label", "Kepmendagri 900.1.15.5-3406/2024", stdout=out)
    assert "4 kode" in out.getvalue()
    active = NomenclatureVersion.objects.get(is_active=True)
    assert active.label == "Kepmendagri 900.1.15.5-3406/2024" and active.entry_count == 4
    assert NomenclatureVersion.objects.filter(pk=nomenclature.pk, is_active=False).exists()
    assert NomenclatureEntry.objects.filter(version=nomenclature).count() == 4144
    assert [h.code for h in search("Sub Baru")] == ["2.17.07.2.01.0099"]
    event = AuditEvent.objects.get(action="nomenclature_load", object_id=str(active.pk))
    assert event.before == {"version": nomenclature.pk, "label": nomenclature.label}
    # The same file again changes nothing.
    again = io.StringIO()
    call_command("nomenclature", "load", str(path), stdout=again)
    assert "tidak ada yang berubah" in again.getvalue()
    assert NomenclatureVersion.objects.count() == 2
    listing = io.StringIO()
    call_command("nomenclature", "versions", stdout=listing)
    lines = listing.getvalue().splitlines()
    assert lines[0].startswith("*") and "3406/2024 (4 kode)" in lines[0]
    assert "1317/2023 (4144 kode)" in lines[1] and not lines[1].startswith("*")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("2.17.07,program,Program,,\n2.17.07,program,Lagi,,\n", "baris 4 kolom code: '2.17.07' sudah ada di baris 3"),
        ("2.17.7,program,Program,,\n", "baris 3 kolom code: '2.17.7' tidak sesuai format kode program"),
        ("2.17.07,programm,Program,,\n", "baris 3 kolom level: 'programm'"),
        ("2.17.07,program,,,\n", "baris 3 kolom name: nama kosong"),
        ("2.17.07,program,Program\n", "baris 3: 3 kolom, seharusnya 5"),
    ],
)
def test_a_bad_file_is_refused_whole_naming_the_line(nomenclature, tmp_path, body, message) -> None:
    path = _write(tmp_path, "salah.csv", "2.17,bidang,BIDANG,,\n" + body)
    with pytest.raises(CommandError) as error:
        call_command("nomenclature", "load", str(path), stdout=io.StringIO())
    assert message in str(error.value)
    assert NomenclatureVersion.objects.get(is_active=True).pk == nomenclature.pk
    assert NomenclatureVersion.objects.count() == 1


def test_a_wrong_header_or_encoding_is_refused() -> None:
    with pytest.raises(NomenclatureFileError, match="judul kolom"):
        read_rows(b"kode;tingkat;nama\n")
    with pytest.raises(NomenclatureFileError, match="UTF-8"):
        read_rows(HEADER.encode() + "2.17.07,program,Progr\xe4m,,\n".encode("latin-1"))


def test_search_by_code_prefix(nomenclature) -> None:
    codes = [h.code for h in search("2.17.07.2.01.000")]
    assert "2.17.07.2.01.0004" in codes and all(c.startswith("2.17.07.2.01.000") for c in codes)
    assert [h.code for h in search("2.17.07", level="program")] == ["2.17.07"]


@pytest.mark.parametrize("query", ["usaha mikro kelembagaan", "USAHA MIKRO KELEMBAGAAN", "úsaha míkro kelembagaan"])
def test_search_by_words_ignores_case_and_accents(nomenclature, query) -> None:
    hits = search(query, level="sub_activity")
    assert "2.17.07.2.01.0004" in [h.code for h in hits]
    hit = next(h for h in hits if h.code == "2.17.07.2.01.0004")
    assert hit.unit == "Unit Usaha"


def test_penunjang_applies_under_every_bidang(nomenclature) -> None:
    assert penunjang_form("2.17.01.2.01.0007") == "X.XX.01.2.01.0007"
    assert penunjang_form("2.17.07.2.01.0004") is None
    found = lookup(["2.17.01.2.01.0007", "2.17.01", "9.99.99"])
    assert found["2.17.01.2.01.0007"].name == "Evaluasi Kinerja Perangkat Daerah"
    assert found["2.17.01"].code == "X.XX.01"
    assert "9.99.99" not in found
    # Typed with the PD's bidang, shown with it.
    hits = search("2.17.01.2.01", level="sub_activity", bidang="2.17")
    assert "2.17.01.2.01.0007" in [h.code for h in hits]
    assert all(h.official_code.startswith("X.XX.01.2.01") for h in hits)


def test_matches_under_the_parent_row_come_first(nomenclature) -> None:
    plain = [h.code for h in search("kelembagaan potensi", level="sub_activity")]
    assert plain[0].startswith("1.")  # in code order otherwise
    under = [h.code for h in search("kelembagaan potensi", level="sub_activity", within="2.17.07.2.01")]
    assert under[0] == "2.17.07.2.01.0004" and sorted(under) == sorted(plain)
    penunjang = search("evaluasi kinerja", level="sub_activity", within="2.17.01.2.01", bidang="2.17")
    assert penunjang[0].code == "2.17.01.2.01.0007"


def test_search_is_one_query_and_fast(nomenclature, django_assert_num_queries) -> None:
    import time

    search("usaha")  # warm
    with django_assert_num_queries(2):  # the active version, the matches
        started = time.perf_counter()
        hits = search("pengembangan usaha")
        elapsed = time.perf_counter() - started
    assert hits and elapsed < 0.5


def test_search_key() -> None:
    assert search_key("  Perizinan,  Berusaha (OSS) ") == "perizinan berusaha oss"
    assert search_key("Café 2.17.07") == "cafe 2.17.07"


def test_search_page_lists_the_matches(client, people, nomenclature) -> None:
    client.force_login(people["reader"])
    response = client.get("/nomenklatur/cari/", {"q": "kelembagaan potensi", "level": "sub_activity"})
    assert response.status_code == 200
    assert b'data-code="2.17.07.2.01.0004"' in response.content
    assert b'data-unit="Unit Usaha"' in response.content
    empty = client.get("/nomenklatur/cari/", {"q": "tidak ada kata seperti ini"})
    assert "di luar nomenklatur" in empty.content.decode()
