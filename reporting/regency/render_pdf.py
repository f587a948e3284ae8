"""The E.79 as PDF, landscape F4 or A4: the table drawn by the E.81's table drawer (narrow type, split
over further page widths when it does not fit one), the PD's averages and ratings, the legend, and on
every page the standing of the figures (how many PD approved) and the page number."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

from reporting.regency.builder import RegencyReport
from reporting.regency.table import agencies_table, computed_table, e79_table, legend
from reporting.renderers.layout import paper_for
from reporting.renderers.pdf import Styles, Type, main_tables, pdf_table
from reporting.renderers.pdf_fonts import register

MARGIN = 8 * mm


def _faces(fonts: dict[str, str], family: str, sizes: tuple[float, ...]) -> list[Type]:
    return [Type(fonts[family], fonts[f"{family}-Bold"], fonts[f"{family}-Italic"], s) for s in sizes]


def render_pdf(e79: RegencyReport, *, paper: str = "f4") -> bytes:
    fonts = register()
    size = paper_for(paper)
    page = (size.width_mm * mm, size.height_mm * mm)
    width = page[0] - 2 * MARGIN
    styles = Styles()
    sans, bold = fonts["Sans"], fonts["Sans-Bold"]
    least = size.min_size
    narrow = _faces(fonts, "Narrow", (least + 1.0, least + 0.5, least))
    normal = _faces(fonts, "Sans", (8.0, 7.5, 7.0))
    h1 = styles.get(bold, 12, TA_CENTER, leading=15)
    h2 = styles.get(bold, 10.5, TA_CENTER, leading=13)
    story: list[Any] = [
        Paragraph(escape(f"{e79.title} (Form {e79.form})"), h1),
        Paragraph(escape(e79.region.name), h2),
        Paragraph(escape(e79.period), h2),
        Paragraph(escape(e79.status_line), styles.get(sans, 7, TA_CENTER, leading=9)),
        Spacer(1, 3 * mm),
    ]
    parts, faces = main_tables(e79_table(e79), width, narrow)
    for n, part in enumerate(parts):
        if n:
            story += [PageBreak(), Paragraph(escape(part.title), styles.get(bold, 10, leading=13))]
        story.append(pdf_table(part, width, faces, styles))
    agencies = agencies_table(e79)
    story += [
        Spacer(1, 4 * mm),
        Paragraph(escape(agencies.title), styles.get(bold, 10, leading=13)),
        pdf_table(agencies, width, normal, styles, fill=False),
    ]
    computed = computed_table(e79)
    if computed is not None:
        story += [
            Spacer(1, 4 * mm),
            Paragraph(escape(computed.title), styles.get(bold, 10, leading=13)),
            pdf_table(computed, width, normal, styles, fill=False),
        ]
    story += [
        Spacer(1, 3 * mm),
        *(Paragraph(escape(f"• {note}"), styles.get(sans, 7.5, leading=9.5)) for note in legend(e79)),
    ]

    def decorate(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(sans, 7)
        canvas.drawRightString(page[0] - MARGIN, page[1] - 8 * mm, f"Formulir {e79.form}")
        canvas.drawString(MARGIN, page[1] - 8 * mm, f"{e79.region.name} · {e79.period}")
        canvas.drawString(MARGIN, 5.5 * mm, e79.status_line)
        canvas.drawRightString(page[0] - MARGIN, 5.5 * mm, f"Halaman {doc.page}")
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=page,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=13 * mm,
        bottomMargin=12 * mm,
        title=f"{e79.form} {e79.title}",
        subject=f"{e79.region.name} {e79.period}",
        invariant=1,
    )
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()
