"""The report as HTML: the same document on the agency's web page and as a standalone file.

``document_context`` turns the shared layout into rows of cells the templates only print
(``templates/reporting/_document.html``); ``render_html`` wraps it in a page that opens without the
server (styles inline) and prints from the browser on the chosen paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from reporting.renderers.evidence_mark import with_evidence_marks
from reporting.renderers.layout import DEFAULT_PAPER, Kind, Table, cell_text, level_indent
from reporting.renderers.sections import build_document
from reporting.report import Report

EM_PER_MM = 0.36  # a text column's width hint (mm on F4 paper) on screen


@dataclass(frozen=True, slots=True)
class HtmlCell:
    text: str
    css: str = ""
    colspan: int = 1
    rowspan: int = 1
    style: str = ""  # inline: where a row name column stays in view (sticky) on screen


@dataclass(frozen=True, slots=True)
class HtmlTable:
    key: str
    title: str
    head: list[list[HtmlCell]]
    rows: list[tuple[str, list[HtmlCell]]]  # (row class, cells)
    foot: list[tuple[str, list[HtmlCell]]]  # the "total" rows (average, rating): a <tfoot>
    widths: list[str]  # per column: a CSS width for text columns, "" for figures (as wide as they are)


def _css(kind: Kind, indent: int) -> str:
    if kind.numeric:
        return "n"
    return f"i{indent}" if indent else ""


# Screen widths (em) of the columns that stay in view while the E.81 table scrolls sideways.
STICKY_EM = {"no": 2.6, "objective": 8.0, "code": 7.5, "name": 15.0}


def _sticky(table: Table) -> dict[int, str]:
    """Inline style of each column kept in view: its fixed width and its offset from the left."""
    out: dict[int, str] = {}
    left = 0.0
    for c in range(table.frozen_cols):
        width = STICKY_EM.get(table.columns[c].key, 8.0)
        out[c] = f"left: {left:.1f}em; min-width: {width:.1f}em; max-width: {width:.1f}em"
        left += width
    return out


def html_table(table: Table) -> HtmlTable:
    sticky = _sticky(table)
    head = [
        [
            HtmlCell(
                h.text,
                "sticky" if h.col in sticky else "",
                h.colspan,
                h.rowspan,
                sticky.get(h.col, "") if h.colspan == 1 else "",
            )
            for h in row
        ]
        for row in table.head_by_row()
    ]
    rows = []
    for line in table.rows:
        spans = {first: last for first, last in line.spans}
        cells = []
        col = 0
        while col < len(table.columns):
            column = table.columns[col]
            last = spans.get(col, col)
            indent = level_indent(line.style) if column.indent else 0
            css = "" if last > col and isinstance(line.cells[col], str) else _css(column.kind, indent)
            style = sticky.get(col, "") if last == col else ""
            if style:
                css = f"{css} sticky".strip()
            cells.append(HtmlCell(cell_text(line, column, line.cells[col]), css, last - col + 1, style=style))
            col = last + 1
        rows.append((f"lvl-{line.style}" if line.style else "", cells))
    widths = ["" if c.kind.numeric else f"{c.width * EM_PER_MM:.1f}em" for c in table.columns]
    body = [r for r in rows if r[0] != "lvl-total"]
    foot = [r for r in rows if r[0] == "lvl-total"]
    return HtmlTable(table.key, table.title, head, body, foot, widths)


def document_context(report: Report, paper: str = DEFAULT_PAPER, *, annex: bool = True) -> dict[str, Any]:
    doc = with_evidence_marks(build_document(report, paper, annex=annex), report)
    return {
        "doc": doc,
        "t": {
            t.key: html_table(t)
            for t in (
                doc.rkpd,
                doc.main,
                doc.goals,
                doc.objectives,
                doc.action_plan,
                doc.findings,
                doc.bands,
                doc.aggregations,
            )
        },
    }


@cache
def _stylesheet() -> str:
    path = finders.find("css/kinerja.css")
    if not path:
        return ""
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def render_html(report: Report, *, paper: str = DEFAULT_PAPER, annex: bool = True) -> bytes:
    context = document_context(report, paper, annex=annex)
    context["css"] = _stylesheet()
    return render_to_string("reporting/report_export.html", context).encode("utf-8")
