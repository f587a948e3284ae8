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

from reporting.renderers.layout import DEFAULT_PAPER, Kind, Table, display, level_indent
from reporting.renderers.sections import build_document
from reporting.report import Report

EM_PER_MM = 0.36  # a text column's width hint (mm on F4 paper) on screen


@dataclass(frozen=True, slots=True)
class HtmlCell:
    text: str
    css: str = ""
    colspan: int = 1
    rowspan: int = 1


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


def html_table(table: Table) -> HtmlTable:
    head = [[HtmlCell(h.text, "", h.colspan, h.rowspan) for h in row] for row in table.head_by_row()]
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
            cells.append(HtmlCell(display(line.cells[col], column.kind), css, last - col + 1))
            col = last + 1
        rows.append((f"lvl-{line.style}" if line.style else "", cells))
    widths = ["" if c.kind.numeric else f"{c.width * EM_PER_MM:.1f}em" for c in table.columns]
    body = [r for r in rows if r[0] != "lvl-total"]
    foot = [r for r in rows if r[0] == "lvl-total"]
    return HtmlTable(table.key, table.title, head, body, foot, widths)


def document_context(report: Report, paper: str = DEFAULT_PAPER) -> dict[str, Any]:
    doc = build_document(report, paper)
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


def render_html(report: Report, *, paper: str = DEFAULT_PAPER) -> bytes:
    context = document_context(report, paper)
    context["css"] = _stylesheet()
    return render_to_string("reporting/report_export.html", context).encode("utf-8")
