"""A synthetic agency of a few hundred rows: every format holds up over many pages.

Times are measured by the benchmark, not here; this checks structure only.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from planning.models import Agency
from planning.roles import SYSTEM
from planning.services.documents import document_load
from reporting.renderers.csv_report import render_csv
from reporting.renderers.pdf import render_pdf
from reporting.renderers.xlsx import render_xlsx
from reporting.report import Report, report_build
from tests.renderers.conftest import pdf_pages
from tests.renderers.synthetic import synthetic_document

ROWS = 151


@pytest.fixture
def large(db: Any) -> Report:
    document_load(document=synthetic_document("besar", ROWS), actor=SYSTEM)
    agency = Agency.objects.select_related("region").get(slug="besar")
    return report_build(agency=agency, year=2021, quarter=4)


def test_synthetic_size(large: Report) -> None:
    assert len(large.evaluation.rows) == ROWS


def test_pdf_never_splits_a_row_and_repeats_the_header(large: Report, tmp_path: Path) -> None:
    pages = pdf_pages(render_pdf(large), tmp_path)
    main = [p for p in pages if "13 = 6 + 12" in p]
    assert len(main) > 5
    findings = False
    for number, page in enumerate(pages, 1):
        assert f"Halaman {number} dari {len(pages)}" in page
        assert "Evaluasi terhadap Hasil Renja Perangkat Daerah" in page
        findings = "A. Temuan (pemeriksaan konsistensi)" in page or (findings and "B. Rencana Aksi" not in page)
        if findings:
            continue  # the findings' pages name rows shortened ("Sub0x1 ..."): no table row there
        # every sub kegiatan name starts with "SubPxS" and ends with "AkhirPxS": both on the same page
        starts = set(re.findall(r"\bSub(\d+x\d+)\b", page))
        ends = set(re.findall(r"\bAkhir(\d+x\d+)\b", page))
        assert starts == ends, f"page {number}: a row split across pages ({starts ^ ends})"


def test_xlsx_and_csv_hold_every_row(large: Report) -> None:
    book = CalamineWorkbook.from_filelike(io.BytesIO(render_xlsx(large)))
    rows = book.get_sheet_by_name("E.81").to_python()
    names = [r[2] for r in rows if str(r[2]).startswith("Sub")]
    assert len(names) == (ROWS - 1) // 5 * 3
    # the preamble (6 lines and a blank one), the header, the rows, a blank line, average and predikat
    assert render_csv(large).decode("utf-8").count("\n") == 7 + 1 + ROWS + 3
