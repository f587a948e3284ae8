"""Fixtures of the renderer tests: the demo report, and readers that open each output again."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from reporting.report import Report, report_build

UMKM = "Program pemberdayaan usaha menengah, usaha kecil, dan usaha mikro (UMKM)"


@pytest.fixture
def report(agency: Any) -> Report:
    """The demo's E.81 of the fourth quarter of 2021."""
    return report_build(agency=agency, year=2021, quarter=4)


def pdf_pages(data: bytes, tmp_path: Path, *, layout: bool = False) -> list[str]:
    """The text of each page, as pdftotext (poppler-utils) reads it."""
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    text = subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_info(data: bytes, tmp_path: Path, tool: str = "pdfinfo") -> str:
    path = tmp_path / "info.pdf"
    path.write_bytes(data)
    return subprocess.run([tool, str(path)], check=True, capture_output=True).stdout.decode("utf-8")


def xlsx_xml(data: bytes, name: str) -> str:
    """One part of the workbook, e.g. "xl/worksheets/sheet1.xml": what calamine does not read."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def squash(text: str) -> str:
    """Whitespace folded, so that wrapped lines compare as one."""
    return re.sub(r"\s+", " ", text).strip()
