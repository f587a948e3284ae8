"""The Excel workbook still calculates: its computed cells are formulas with the core's figures cached,
and LibreOffice, recalculating them, gets the core's figures, also after a quarter is corrected."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from planning.models import BudgetRealization, Realization
from reporting.renderers.e81 import column_index, e81_table, workbook_choice
from reporting.renderers.xlsx import render_xlsx
from reporting.report import Report, report_build
from tests.renderers.conftest import UMKM, xlsx_xml

PENDATAAN = "Pendataan Potensi dan Pengembangan Usaha Mikro"
RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def _rows(data: bytes) -> list[list[Any]]:
    rows: list[list[Any]] = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("E.81").to_python()
    return rows


def recalculated(data: bytes, tmp_path: Path) -> bytes:
    """The workbook opened in LibreOffice (headless), every formula recalculated, saved again."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    profile = tmp_path / "lo-profile" / "user"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "registrymodifications.xcu").write_text(RECALCULATE)  # recalculate on loading, always
    source = tmp_path / "in" / "e81.xlsx"
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(data)
    out = tmp_path / "out"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile.parent}", "--headless", "--convert-to",
         "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return (out / "e81.xlsx").read_bytes()


def _same(a: list[list[Any]], b: list[list[Any]]) -> list[tuple[int, int, Any, Any]]:
    diffs = []
    for r, (x, y) in enumerate(zip(a, b, strict=True)):
        for c, (u, v) in enumerate(zip(x, y, strict=True)):
            if isinstance(u, float) and isinstance(v, float):
                if abs(u - v) > 1e-9 * max(1.0, abs(u)):
                    diffs.append((r, c, u, v))
            elif u != v:
                diffs.append((r, c, u, v))
    return diffs


def test_computed_cells_are_formulas_with_cached_values(report: Report) -> None:
    data = render_xlsx(report)
    sheet = xlsx_xml(data, "xl/worksheets/sheet1.xml")
    table = e81_table(report, workbook_choice(report))
    rows = _rows(data)
    [line] = [i for i, r in enumerate(rows) if r[column_index(table, "name")] == UMKM]
    row = line + 1
    letter = {key: re.sub(r"\d", "", _ref(0, column_index(table, key))) for key in ("12K", "12Rp", "13K", "14Rp")}
    formula = {k: re.search(rf'<c r="{v}{row}"[^>]*><f>([^<]*)</f><v>([^<]*)</v>', sheet) for k, v in letter.items()}
    assert all(formula.values()), formula
    assert formula["12K"].group(1).startswith("IF(COUNT(") and "SUM(" in formula["12K"].group(1)  # type: ignore[union-attr]
    assert float(formula["12K"].group(2)) == 397  # type: ignore[union-attr]
    assert float(formula["12Rp"].group(2)) == 11238069445  # type: ignore[union-attr]
    assert formula["14Rp"].group(1).startswith("IF(OR(NOT(ISNUMBER(")  # type: ignore[union-attr]
    # the average and the predikat are formulas too
    assert "ROUND(" in sheet and "LOOKUP(" in sheet and '"Sangat Tinggi"' in sheet
    # blank stays blank: no quarter reported, column 12 is empty (not 0)
    keu = [r for r in rows if r[column_index(table, "name")] == "Administrasi Keuangan Perangkat Daerah"][0]
    assert keu[column_index(table, "5K")] == "" and keu[column_index(table, "14K")] == "-"


def _ref(row: int, col: int) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return str(xl_rowcol_to_cell(row, col))


def test_libreoffice_recalculates_the_cached_figures(report: Report, tmp_path: Path) -> None:
    data = render_xlsx(report)
    assert _same(_rows(data), _rows(recalculated(data, tmp_path))) == []


def test_a_corrected_quarter_updates_every_dependent_cell(agency: Any, report: Report, tmp_path: Path) -> None:
    data = render_xlsx(report)
    table = e81_table(report, workbook_choice(report))
    rows = _rows(data)
    [line] = [i for i, r in enumerate(rows) if r[column_index(table, "name")] == PENDATAAN]
    k, rp = _ref(line, column_index(table, "11K")), _ref(line, column_index(table, "11Rp"))
    # Correct TW IV in the workbook, as a person would, and the same in the database.
    sheet = xlsx_xml(data, "xl/worksheets/sheet1.xml")
    for ref, value in ((k, "150"), (rp, "150000000")):
        sheet, n = re.subn(rf'(<c r="{ref}"[^>]*>)<v>[^<]*</v>', rf"\g<1><v>{value}</v>", sheet)
        assert n == 1, ref
    edited = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(edited, "w") as target:
        for item in source.infolist():
            body = sheet.encode() if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            target.writestr(item, body)
    row = next(r for r in report.evaluation.rows if r.row.name == PENDATAAN)
    assert row.indicator is not None
    Realization.objects.filter(indicator_id=row.indicator.key, year=2021, quarter=4).update(value=Decimal(150))
    BudgetRealization.objects.filter(row_id=row.row.key, year=2021, quarter=4).update(amount=Decimal(150000000))
    expected = _rows(render_xlsx(report_build(agency=agency, year=2021, quarter=4)))
    got = _rows(recalculated(edited.getvalue(), tmp_path))
    # every dependent cell moved: the sub kegiatan's 12, 12/7, 13, 14, its kegiatan's and program's Rp,
    # the average and the predikat, exactly as the core computes them after the correction
    assert _same(got, expected) == []
    assert _same(got, rows) != []
