"""``manage.py report --region``: the E.79 from the command line, each format read back."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from python_calamine import CalamineWorkbook


def test_json_and_xlsx_to_files(uji, tmp_path) -> None:
    target = tmp_path / "e79.json"
    call_command("report", region="uji-e79", year=2021, quarter=4, format="json", output=target, stderr=io.StringIO())
    data = json.loads(target.read_bytes())
    assert (data["form"], data["average"], data["rating"]) == ("E.79", "84.00", "Tinggi")
    book = tmp_path / "e79.xlsx"
    call_command("report", region="uji-e79", year=2021, quarter=2, format="xlsx", output=book, stderr=io.StringIO())
    rows = CalamineWorkbook.from_filelike(io.BytesIO(book.read_bytes())).get_sheet_by_name("E.79").to_python()
    assert rows[2][0] == "Triwulan II Tahun 2021"


@pytest.mark.parametrize("fmt", ["pdf", "html", "csv"])
def test_other_formats(uji, tmp_path, fmt) -> None:
    target = tmp_path / f"e79.{fmt}"
    call_command("report", region="uji-e79", year=2021, quarter=4, format=fmt, output=target, stderr=io.StringIO())
    assert target.stat().st_size > 1000


def test_unknown_region_or_format(uji) -> None:
    with pytest.raises(CommandError, match="Pemda 'tidak-ada' tidak ditemukan"):
        call_command("report", region="tidak-ada", year=2021, quarter=4, format="json")
    with pytest.raises(CommandError, match=r"tidak tersedia untuk E\.79"):
        call_command("report", region="uji-e79", year=2021, quarter=4, format="csv-id")
    with pytest.raises(CommandError, match="Belum ada Renja tahun 2030"):
        call_command("report", region="uji-e79", year=2030, quarter=4, format="json")


def test_the_e81_still_works(agency, tmp_path) -> None:
    target = tmp_path / "e81.json"
    call_command(
        "report", agency="diskopum-lumajang", year=2021, quarter=4, format="json", output=target, stderr=io.StringIO()
    )
    assert json.loads(target.read_bytes())["form"] == "E.81"
