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
from django.utils.safestring import SafeString

from domain.explanations import Explanation, Explanations, LineExplanations
from reporting import explanation_text as words
from reporting.finding_text import finding_column, finding_message
from reporting.labels import SEVERITY
from reporting.renderers.evidence_mark import with_evidence_marks
from reporting.renderers.html_rows import body_rows, foot_rows
from reporting.renderers.layout import DEFAULT_PAPER, Row, Table, cell_text, level_indent
from reporting.renderers.sections import Document, build_document
from reporting.report import Report

EM_PER_MM = 0.36  # a text column's width hint (mm on F4 paper) on screen


@dataclass(frozen=True, slots=True)
class HtmlCell:
    text: str
    css: str = ""
    colspan: int = 1
    rowspan: int = 1
    style: str = ""  # inline: where a row name column stays in view (sticky) on screen
    explain: int | None = None  # a computed cell: its explanation's position in the page's list


@dataclass(frozen=True, slots=True)
class HtmlTable:
    key: str
    title: str
    head: list[list[HtmlCell]]
    rows: list[tuple[str, list[HtmlCell]]]  # (row class, cells)
    foot: list[tuple[str, list[HtmlCell]]]  # the "total" rows (average, rating): a <tfoot>
    widths: list[str]  # per column: a CSS width for text columns, "" for figures (as wide as they are)

    def body_html(self) -> SafeString:
        """The ``<tbody>``'s rows, written in Python (``html_rows``): the template's loop was most of the time."""
        return body_rows(self.rows)

    def foot_html(self) -> SafeString:
        return foot_rows(self.foot)


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


def html_table(table: Table, explained: dict[tuple[int, int], int] | None = None) -> HtmlTable:
    """``table`` as cells to print; ``explained`` maps (row, column) of a computed cell to its explanation."""
    explained = explained or {}
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
    # What depends on the column only is looked up once: a regency's E.79 has 100,000 cells.
    columns = table.columns
    numeric = [c.kind.numeric for c in columns]
    indented = [c.indent for c in columns]
    rows = []
    for r, line in enumerate(table.rows):
        spans = dict(line.spans)
        level = level_indent(line.style)
        cells = []
        col = 0
        while col < len(columns):
            last = spans.get(col, col)
            value = line.cells[col]
            if last > col and isinstance(value, str):
                css = ""
            elif numeric[col]:
                css = "n"
            else:
                css = f"i{level}" if indented[col] and level else ""
            style = sticky.get(col, "") if last == col else ""
            if style:
                css = f"{css} sticky".strip()
            x = explained.get((r, col))
            if x is not None:
                css = f"{css} x".strip()
            cells.append(HtmlCell(cell_text(line, columns[col], value), css, last - col + 1, style=style, explain=x))
            col = last + 1
        rows.append((f"lvl-{line.style}" if line.style else "", cells))
    widths = ["" if c.kind.numeric else f"{c.width * EM_PER_MM:.1f}em" for c in table.columns]
    body = [r for r in rows if r[0] != "lvl-total"]
    foot = [r for r in rows if r[0] == "lvl-total"]
    return HtmlTable(table.key, table.title, head, body, foot, widths)


# -- explanations of the computed cells (a click on one opens it: static/js/explain.js) -----------
_E81_KEYS = ("12K", "12Rp", "12/7K", "12/7Rp", "13K", "13Rp", "14K", "14Rp")
_INDICATOR_TABLE_KEYS = {4: "12K", 5: "12/7K"}  # Indikator Tujuan / Sasaran: Realisasi, Capaian


class _Explained:
    """The page's explanations, and where each computed cell points.

    Written compactly, as a page of a large PD has thousands of them: every text but the formula is
    kept once in ``strings`` and named by its position, the findings once by their number
    (``explain.js`` reads it back).
    """

    def __init__(self, report: Report, explanations: Explanations, *, messages: bool = True) -> None:
        self.report = report
        self.explanations = explanations
        self.messages = messages  # False: the screen lists the findings itself; name them by place only
        self.items: list[list[Any]] = []
        self.strings: dict[str, int] = {}
        self.findings: dict[str, list[str]] = {}
        self.cells: dict[str, dict[tuple[int, int], int]] = {}

    def s(self, text: str) -> int:
        return self.strings.setdefault(text, len(self.strings))

    def add(self, x: Explanation, where: str, shown: str, goal: bool = False) -> int:
        ev = self.report.evaluation
        numbers = []
        for i in words.findings_of(x, dict(self.explanations.findings)):
            finding = ev.findings[i]
            if self.messages:
                text = finding_message(finding)
            else:
                place = " · ".join(p for p in (finding.row or "Seluruh laporan", finding_column(finding)) if p)
                text = f"{place}; uraiannya di daftar Temuan halaman ini"
            self.findings.setdefault(str(i + 1), [SEVERITY[finding.severity], text])
            numbers.append(i + 1)
        self.items.append(
            [
                self.s(words.title(x, goal)),
                self.s(where),
                self.s(words.rule_text(x, ev.settings)),
                [[self.s(label), self.s(value)] for label, value in words.inputs_text(x, goal)],
                words.formula_text(x),
                [self.s(note) for note in words.notes(x, shown)],
                numbers,
            ]
        )
        return len(self.items) - 1

    def payload(self) -> dict[str, Any]:
        """What the page carries: {"s": texts, "k": {number: [severity, message]}, "c": cells}, each cell
        [title, where, rule, [[input, value]...], formula, [notes], [finding numbers]] (texts by position)."""
        return {"s": list(self.strings), "k": self.findings, "c": self.items, "numbered": self.messages}

    def table(self, table: Table, lines: tuple[LineExplanations, ...], keys: dict[int, str], goal: bool) -> None:
        out: dict[tuple[int, int], int] = {}
        ev_lines = {
            "e81": self.report.evaluation.rows,
            "goals": self.report.evaluation.goal_indicators,
            "objectives": self.report.evaluation.objective_indicators,
        }[table.key]
        for r, (line, xs) in enumerate(zip(ev_lines, lines, strict=False)):
            row: Row = table.rows[r]
            where = " · ".join(p for p in (line.row.name, line.indicator.name if line.indicator else "") if p)
            for col, key in keys.items():
                x = xs.get(key)
                if x is not None:
                    out[(r, col)] = self.add(x, where, cell_text(row, table.columns[col], row.cells[col]), goal)
        self.cells[table.key] = out

    def footer(self, table: Table) -> None:
        """The average and the rating: the first figure of each total row after the label."""
        totals = [r for r, row in enumerate(table.rows) if row.style == "total"]
        for r, x in zip(totals, (self.explanations.average, self.explanations.rating), strict=False):
            row = table.rows[r]
            col = next((c for c in range(1, len(row.cells)) if row.cells[c] is not None), None)
            if col is not None:
                self.cells["e81"][(r, col)] = self.add(x, "", cell_text(row, table.columns[col], row.cells[col]))


def explained_cells(report: Report, doc: Document) -> tuple[dict[str, Any], dict[str, dict[tuple[int, int], int]]]:
    """Every computed cell's explanation in words (the list the page carries as JSON) and, per table, the
    (row, column) of each cell with its position in that list."""
    explanations = report.explanations
    out = _Explained(report, explanations)
    at = {c.key: i for i, c in enumerate(doc.main.columns)}
    out.table(doc.main, explanations.rows, {at[k]: k for k in _E81_KEYS if k in at}, goal=False)
    out.footer(doc.main)
    out.table(doc.goals, explanations.goal_indicators, dict(_INDICATOR_TABLE_KEYS), goal=True)
    out.table(doc.objectives, explanations.objective_indicators, dict(_INDICATOR_TABLE_KEYS), goal=False)
    return out.payload(), out.cells


@dataclass(frozen=True, slots=True)
class ExplainedLines:
    """Explanations for a screen that prints report lines its own way (Bappeda's verification): the
    payload ``explain.js`` reads and, per line (by identity) and column key, the explanation's position."""

    payload: dict[str, Any]
    positions: dict[int, dict[str, int]]

    def at(self, line: object, key: str) -> int | None:
        return self.positions.get(id(line), {}).get(key)


def explained_lines(report: Report, keys: frozenset[str] | None = None) -> ExplainedLines:
    """The computed cells of the report's lines (Tujuan and E.81 table; only the column ``keys`` when
    given, e.g. "12K"), and its average and rating.  The findings are named by their place only: the
    screen lists them itself."""
    ev = report.evaluation
    explanations = report.explanations
    out = _Explained(report, explanations, messages=False)
    positions: dict[int, dict[str, int]] = {}
    for lines, cells, goal in (
        (ev.goal_indicators, explanations.goal_indicators, True),
        (ev.rows, explanations.rows, False),
    ):
        for line, xs in zip(lines, cells, strict=True):
            where = " · ".join(p for p in (line.row.name, line.indicator.name if line.indicator else "") if p)
            positions[id(line)] = {
                key: out.add(x, where, "", goal) for key, x in xs.items() if keys is None or key in keys
            }
    positions[id(ev)] = {
        "average": out.add(explanations.average, "", ""),
        "rating": out.add(explanations.rating, "", ""),
    }
    return ExplainedLines(out.payload(), positions)


def document_context(
    report: Report, paper: str = DEFAULT_PAPER, *, annex: bool = True, explanations: bool = True
) -> dict[str, Any]:
    """The templates' context; ``explanations``: each computed cell opens how it was computed (the web
    page; the standalone file stays free of scripts)."""
    doc = with_evidence_marks(build_document(report, paper, annex=annex), report)
    items, cells = explained_cells(report, doc) if explanations else ({}, {})
    return {
        "doc": doc,
        "explanations": items,
        "t": {
            t.key: html_table(t, cells.get(t.key))
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
    """The standalone file: styles inline, no script, as it opens without the server."""
    context = document_context(report, paper, annex=annex, explanations=False)
    context["css"] = _stylesheet()
    return render_to_string("reporting/report_export.html", context).encode("utf-8")
