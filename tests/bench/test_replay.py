"""The bounds of the Excel and PDF scenarios: the library alone writes the same document (bench.replay)."""

from __future__ import annotations

from pathlib import Path

from bench import bounds, replay
from reporting.renderers import pdf
from reporting.renderers.xlsx import render_xlsx
from reporting.report import report_build
from tests.renderers.conftest import pdf_pages, xlsx_xml


def test_the_workbook_replayed_by_xlsxwriter_is_the_export(agency) -> None:
    report = report_build(agency=agency, year=2021, quarter=4)
    recorded, note = bounds.xlsx_document(report)
    again, data = replay.replay_xlsx(recorded), render_xlsx(report)
    assert bounds.cells_of_workbook(again) == bounds.cells_of_workbook(data)
    for part in ("xl/worksheets/sheet1.xml", "xl/styles.xml"):  # formulas, merges, widths, panes; formats
        assert xlsx_xml(again, part) == xlsx_xml(data, part), part
    # no project code in the replay: only XlsxWriter's own methods, each cell written once
    assert {call.name for call in recorded.calls} >= {"add_format", "write_formula", "merge_range", "set_column"}
    cells = [
        (c.target, c.args[:2]) for c in recorded.calls if c.name.startswith("write") and c.name != "write_rich_string"
    ]
    assert len(cells) == len(set(cells))
    assert "XlsxWriter calls replayed" in note


def test_the_pdf_replayed_by_reportlab_is_the_export(agency, tmp_path: Path) -> None:
    report = report_build(agency=agency, year=2021, quarter=4)
    recorded, data = replay.record_pdf(lambda: pdf.render_pdf(report), pdf)
    again = replay.replay_pdf(recorded, pdf)
    assert pdf_pages(again, tmp_path) == pdf_pages(data, tmp_path)  # every page, its text (and print time)
    _recorded, note = bounds.pdf_document(report)
    assert "tables" in note and f"{len(recorded.pages)} pages" in note
