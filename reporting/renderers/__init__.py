"""Renderers of the report model: each takes a ``Report`` and returns bytes; none computes.

An explicit registry: the command, the download view and the benchmark look formats up here.
Every ``render`` takes ``(report, *, paper="f4", annex=True)``; formats without pages ignore the
paper, and those without an annex (``annex=False`` leaves out the Lampiran) ignore that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from reporting.report import Report


class RenderFunction(Protocol):
    def __call__(self, report: Report, *, paper: str = ..., annex: bool = ...) -> bytes: ...


@dataclass(frozen=True)
class Renderer:
    name: str
    content_type: str
    extension: str
    render: RenderFunction
    paged: bool = False  # takes the paper size into account (F4 or A4)
    annexed: bool = False  # carries the Lampiran, which ``annex=False`` leaves out
    label: str = ""


def _registry() -> dict[str, Renderer]:
    from reporting.renderers.csv_report import render_csv, render_csv_id, render_findings_csv
    from reporting.renderers.html import render_html
    from reporting.renderers.json_report import render_json
    from reporting.renderers.pdf import render_pdf
    from reporting.renderers.xlsx import render_xlsx

    renderers = (
        Renderer(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            render_xlsx,
            paged=True,
            annexed=True,
            label="Excel",
        ),
        Renderer("pdf", "application/pdf", "pdf", render_pdf, paged=True, annexed=True, label="PDF"),
        Renderer("html", "text/html; charset=utf-8", "html", render_html, paged=True, annexed=True, label="HTML"),
        Renderer("csv", "text/csv; charset=utf-8", "csv", render_csv, label="CSV"),
        Renderer("csv-id", "text/csv; charset=utf-8", "csv", render_csv_id, label="CSV (Excel Indonesia)"),
        Renderer("csv-temuan", "text/csv; charset=utf-8", "csv", render_findings_csv, label="Temuan (CSV)"),
        Renderer("json", "application/json; charset=utf-8", "json", render_json, label="JSON"),
    )
    return {r.name: r for r in renderers}


RENDERERS: dict[str, Renderer] = _registry()
