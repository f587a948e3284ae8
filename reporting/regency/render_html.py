"""The E.79 as one self-contained HTML file (the page's document with the stylesheet inlined)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from reporting.regency.builder import RegencyReport
from reporting.regency.table import agencies_table, computed_table, e79_table, legend
from reporting.renderers.html import _stylesheet, html_table
from reporting.renderers.layout import paper_for


def document_context(e79: RegencyReport, paper: str = "f4") -> dict[str, Any]:
    computed = computed_table(e79)
    return {
        "e79": e79,
        "paper": paper_for(paper),
        "table": html_table(e79_table(e79)),
        "agencies": html_table(agencies_table(e79)),
        "computed": html_table(computed) if computed is not None else None,
        "computed_title": computed.title if computed is not None else "",
        "legend": legend(e79),
    }


def render_html(e79: RegencyReport, *, paper: str = "f4") -> bytes:
    context = document_context(e79, paper)
    context["css"] = _stylesheet()
    return render_to_string("regency/report_export.html", context).encode("utf-8")
