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


def words_with_sizes(data: bytes, tmp_path: Path) -> list[tuple[str, float]]:
    """Every word of the PDF with its type size in points, from the PDF's own text positions
    (``pdftotext -bbox-layout``): a word's box is (ascent - descent) x size high, and the fonts the
    renderer embeds (Liberation Sans and Sans Narrow, or DejaVu) state their ascent and descent."""
    from reportlab.pdfbase import pdfmetrics

    from reporting.renderers.pdf_fonts import register

    path = tmp_path / "sizes.pdf"
    path.write_bytes(data)
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], check=True, capture_output=True).stdout.decode(
        "utf-8"
    )
    heights = set()
    for name in register().values():
        face = pdfmetrics.getFont(name).face
        heights.add(round((face.ascent - face.descent) / 1000, 4))
    # The faces differ by a fraction of a percent (Sans 0.9385 em, Sans Narrow 0.9355 em): taking the
    # tallest reads every size as at most that much smaller than it is, never larger.
    assert max(heights) - min(heights) < 0.01, heights
    height = max(heights)
    words = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', xml)
    return [(text, (float(y1) - float(y0)) / height) for y0, y1, text in words]


def text_sizes(data: bytes, tmp_path: Path) -> list[float]:
    """The type size of every word but the watermark's."""
    return [size for text, size in words_with_sizes(data, tmp_path) if text != "DRAF"]
