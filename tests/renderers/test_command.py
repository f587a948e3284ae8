"""``manage.py report --format ... --paper ...`` and the registry behind it."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reporting.renderers import RENDERERS
from tests.renderers.conftest import pdf_info, xlsx_xml

MAGIC = {
    "xlsx": b"PK\x03\x04",
    "pdf": b"%PDF",
    "html": b"<!doctype html>",
    "csv": b"Formulir,E.81 ",
    "csv-id": "\ufeffFormulir;E.81 ".encode(),
    "csv-temuan": "\ufeffFormulir;E.81 ".encode(),
    "json": b"{",
}


def test_registry_is_explicit_and_uniform() -> None:
    assert list(RENDERERS) == ["xlsx", "pdf", "html", "csv", "csv-id", "csv-temuan", "json"]
    for renderer in RENDERERS.values():
        parameters = inspect.signature(renderer.render).parameters
        paper, annex = parameters["paper"], parameters["annex"]
        assert paper.kind is inspect.Parameter.KEYWORD_ONLY and paper.default == "f4"
        assert annex.kind is inspect.Parameter.KEYWORD_ONLY and annex.default is True
    assert {r.name for r in RENDERERS.values() if r.paged} == {"xlsx", "pdf", "html"}
    assert {r.name for r in RENDERERS.values() if r.annexed} == {"xlsx", "pdf", "html"}


@pytest.mark.parametrize("fmt", list(RENDERERS))
def test_command_writes_each_format(agency: Any, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"laporan.{fmt}"
    call_command("report", agency=agency.slug, year=2021, quarter=4, format=fmt, output=out)
    assert out.read_bytes().startswith(MAGIC[fmt])


def test_command_paper(agency: Any, tmp_path: Path) -> None:
    out = tmp_path / "laporan.pdf"
    call_command("report", agency=agency.slug, year=2021, quarter=4, format="pdf", paper="a4", output=out)
    assert "(A4)" in pdf_info(out.read_bytes(), tmp_path)
    xlsx = tmp_path / "laporan.xlsx"
    call_command("report", agency=agency.slug, year=2021, quarter=4, format="xlsx", paper="a4", output=xlsx)
    assert '<pageSetup paperSize="9"' in xlsx_xml(xlsx.read_bytes(), "xl/worksheets/sheet1.xml")
    with pytest.raises(CommandError):
        call_command("report", agency=agency.slug, year=2021, quarter=4, format="pdf", paper="a3")


def test_command_no_annex(agency: Any, tmp_path: Path) -> None:
    from tests.renderers.conftest import pdf_pages

    whole, signed = tmp_path / "a.pdf", tmp_path / "b.pdf"
    call_command("report", agency=agency.slug, year=2021, quarter=4, format="pdf", output=whole)
    call_command("report", "--no-annex", agency=agency.slug, year=2021, quarter=4, format="pdf", output=signed)
    pages, short = pdf_pages(whole.read_bytes(), tmp_path), pdf_pages(signed.read_bytes(), tmp_path)
    assert any("Lampiran" in p for p in pages) and not any("Lampiran" in p for p in short)
    assert "Dievaluasi" in short[-1] and len(short) < len(pages)


def test_json_signature_uses_the_report_helpers(agency: Any, tmp_path: Path) -> None:
    out = tmp_path / "laporan.json"
    call_command("report", agency=agency.slug, year=2021, quarter=4, format="json", output=out)
    data = json.loads(out.read_text())
    assert data["signatures"]["prepared"]["title"] == "Kepala Dinas Koperasi dan Usaha Mikro Kabupaten Lumajang"
    assert data["signatures"]["evaluated"]["title"] == "Kepala Bappeda Kabupaten Lumajang"
    assert data["narratives"]["follow_up_renja"] == ""
    assert data["status"] == "draft"
