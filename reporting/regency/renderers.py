"""Formats of the E.79 (report in, bytes out), looked up by the command, the download view and the bench."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reporting.regency.builder import RegencyReport


@dataclass(frozen=True)
class RegencyRenderer:
    name: str
    content_type: str
    extension: str
    render: Callable[..., bytes]
    paged: bool = False
    label: str = ""


def _registry() -> dict[str, RegencyRenderer]:
    from reporting.regency.render_csv import render_csv
    from reporting.regency.render_html import render_html
    from reporting.regency.render_json import render_json
    from reporting.regency.render_pdf import render_pdf
    from reporting.regency.render_xlsx import render_xlsx

    renderers = (
        RegencyRenderer(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            render_xlsx,
            paged=True,
            label="Excel",
        ),
        RegencyRenderer("pdf", "application/pdf", "pdf", render_pdf, paged=True, label="PDF"),
        RegencyRenderer("html", "text/html; charset=utf-8", "html", render_html, paged=True, label="HTML"),
        RegencyRenderer("csv", "text/csv; charset=utf-8", "csv", render_csv, label="CSV"),
        RegencyRenderer("json", "application/json; charset=utf-8", "json", render_json, label="JSON"),
    )
    return {r.name: r for r in renderers}


REGENCY_RENDERERS: dict[str, RegencyRenderer] = _registry()


def render(e79: RegencyReport, fmt: str, *, paper: str = "f4") -> bytes:
    return REGENCY_RENDERERS[fmt].render(e79, paper=paper)
