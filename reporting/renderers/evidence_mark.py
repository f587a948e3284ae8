"""The mark of a row with bukti dukung, printed by the HTML report and the PDF under the row's name.

The shared E.81 layout (``e81``) stays as it is: Excel and CSV carry the figures only, and the JSON
format (whose approved bytes are hashed) does not change.  The mark is added to the document's main
table just before drawing, from ``ReportContext.evidence_rows``.
"""

from __future__ import annotations

from dataclasses import replace

from reporting.renderers.sections import Document
from reporting.report import Report

EVIDENCE_MARK = "• bukti dukung"
EVIDENCE_NOTE = "• bukti dukung: baris yang dilampiri bukti dukung untuk triwulan ini."
_NAME_COLUMNS = ("objective", "name")  # Sasaran (objective rows) or Program/Kegiatan/Sub Kegiatan


def with_evidence_marks(doc: Document, report: Report) -> Document:
    """``doc`` with the mark under the name of every plan row that has evidence, and its legend note."""
    marked = report.context.evidence_rows
    if not marked:
        return doc
    lines = report.evaluation.rows
    rows = list(doc.main.rows)
    names = [c for c, column in enumerate(doc.main.columns) if getattr(column, "key", "") in _NAME_COLUMNS] or [1, 2]
    assert len(rows) >= len(lines), "the E.81 table has one line per report row, then its footer"
    for i, line in enumerate(lines):
        if not (line.first_of_row and line.row.key in marked):
            continue
        cells = list(rows[i].cells)
        for col in names:
            if isinstance(cells[col], str) and cells[col]:
                cells[col] = f"{cells[col]}\n{EVIDENCE_MARK}"
                break
        rows[i] = replace(rows[i], cells=tuple(cells))
    return replace(doc, main=replace(doc.main, rows=tuple(rows)), notes=(*doc.notes, EVIDENCE_NOTE))
