"""The report as a PDF (ReportLab platypus): landscape F4 or A4, ready to sign.

The table header repeats on every page, a row never splits across pages, every page after the
first carries the report's title line, and every page "Halaman X dari Y".  Fonts are embedded
(``pdf_fonts``).  Column widths follow the printed numbers: numeric columns are as wide as their
widest figure, text columns share the rest; when the paper is too narrow the type gets smaller.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus import Table as PdfTable

from reporting.renderers.layout import DEFAULT_PAPER, SEVERITY_COLUMN, Kind, Table, display, level_indent
from reporting.renderers.pdf_fonts import register
from reporting.renderers.sections import Document, SignatureBlock, build_document
from reporting.renderers.widths import BOLD_STYLES, measure_columns, share
from reporting.report import Report

MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 8 * mm, 13 * mm, 12 * mm
INDENT = 5.0  # points per level step (kegiatan, sub kegiatan)
HEAD_BG = colors.HexColor("#DCE3EC")
OBJECTIVE_BG = colors.HexColor("#EEF2F6")
TOTAL_BG = colors.HexColor("#F2F2F2")
GRID = colors.HexColor("#555555")
ERROR_RED = colors.HexColor("#9C0006")
ROOM_FOR_TEXT = 0.7  # below this share of their hints, text columns are too squeezed: smaller type
ITALIC_STYLES = {"sub_activity"}


@dataclass(frozen=True)
class Type:
    """Faces and size of one table's text."""

    regular: str
    bold: str
    italic: str
    size: float

    @property
    def head_size(self) -> float:
        return self.size - 0.5

    @property
    def pad(self) -> float:
        """Cell padding, points: a little more around larger type."""
        return self.size * 0.3

    def face(self, style: str) -> str:
        if style in BOLD_STYLES:
            return self.bold
        return self.italic if style in ITALIC_STYLES else self.regular


class Styles:
    """Paragraph styles, created once per (face, size, alignment, indent)."""

    def __init__(self) -> None:
        self.cache: dict[tuple[Any, ...], ParagraphStyle] = {}

    def get(
        self, font: str, size: float, align: int = TA_LEFT, indent: float = 0, leading: float = 0
    ) -> ParagraphStyle:
        key = (font, size, align, indent, leading)
        style = self.cache.get(key)
        if style is None:
            style = ParagraphStyle(
                f"s{len(self.cache)}",
                fontName=font,
                fontSize=size,
                leading=leading or size * 1.18,
                alignment=align,
                leftIndent=indent,
            )
            self.cache[key] = style
        return style


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(first, last) of each run of True in ``flags``."""
    runs: list[tuple[int, int]] = []
    for i, flag in enumerate(flags):
        if flag and runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        elif flag:
            runs.append((i, i))
    return runs


def _markup(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def _spanned(row_spans: tuple[tuple[int, int], ...], col: int) -> bool:
    return any(a <= col <= b and a != b for a, b in row_spans)


def _widths(
    table: Table, texts: list[list[str]], face: Type, head_size: float, width: float, fill: bool, force: bool = False
) -> list[float] | None:
    """Column widths in points, or None when the figures leave the text columns too little room.

    Numeric columns are measured (``widths``); text columns share the rest by their hints.
    """
    measured = measure_columns(
        table,
        texts,
        lambda text, bold: stringWidth(text, face.bold if bold else face.regular, face.size),
        lambda text, bold: stringWidth(text, face.bold, head_size),
        face.pad + 0.3,
        INDENT,
    )
    widths, minimum = measured.widths, measured.minimum
    text_cols = [c for c, column in enumerate(table.columns) if not column.kind.numeric]
    hints = sum(table.columns[c].width * mm for c in text_cols)
    room = width - sum(widths)
    floor = sum(minimum)
    if not force and text_cols and (room < floor or (fill and room < ROOM_FOR_TEXT * hints)):
        return None
    if fill or hints + floor > room:
        for c, w in share(room, {c: table.columns[c].width * mm for c in text_cols}, minimum).items():
            widths[c] = w
    else:
        for c in text_cols:
            widths[c] = max(minimum[c], table.columns[c].width * mm)
    return widths


def pdf_table(table: Table, width: float, faces: list[Type], styles: Styles, *, fill: bool = True) -> PdfTable:
    """Draw ``table``: the first face in ``faces`` whose figures leave room for the text wins.

    ``fill``: text columns share all the width left (else they keep their hinted widths).
    """
    texts = [[display(v, c.kind) for v, c in zip(line.cells, table.columns, strict=True)] for line in table.rows]
    widths = None
    for face in faces:
        widths = _widths(table, texts, face, face.head_size, width, fill)
        if widths is not None:
            break
    if widths is None:  # the smallest type, text columns squeezed
        widths = _widths(table, texts, face, face.head_size, width, fill, force=True)
        assert widths is not None
    head_style = styles.get(face.bold, face.head_size, TA_CENTER)
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), face.regular, face.size),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), face.pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), face.pad),
        ("TOPPADDING", (0, 0), (-1, -1), face.pad * 0.7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), face.pad),
        ("BACKGROUND", (0, 0), (-1, table.head_rows - 1), HEAD_BG),
        ("VALIGN", (0, 0), (-1, table.head_rows - 1), "MIDDLE"),
    ]
    data: list[list[Any]] = [[""] * len(table.columns) for _ in range(table.head_rows)]
    for h in table.head:
        data[h.row][h.col] = Paragraph(_markup(h.text), head_style)
        if h.rowspan > 1 or h.colspan > 1:
            cmds.append(("SPAN", (h.col, h.row), (h.col + h.colspan - 1, h.row + h.rowspan - 1)))
    for c, column in enumerate(table.columns):
        if column.kind.numeric:
            align = "CENTER" if column.kind is Kind.SEQ else "RIGHT"
            cmds.append(("ALIGN", (c, table.head_rows), (c, -1), align))
    text_runs = _runs([not c.kind.numeric for c in table.columns])
    for r, (line, row_texts) in enumerate(zip(table.rows, texts, strict=True), start=table.head_rows):
        font = face.face(line.style)
        if line.style in ITALIC_STYLES:  # names in italics, figures upright
            cmds.extend(("FONT", (a, r), (b, r), font, face.size) for a, b in text_runs)
        elif font != face.regular:
            cmds.append(("FONT", (0, r), (-1, r), font, face.size))
        if line.style == "objective":
            cmds.append(("BACKGROUND", (0, r), (-1, r), OBJECTIVE_BG))
        elif line.style == "total":
            cmds.append(("BACKGROUND", (0, r), (-1, r), TOTAL_BG))
        elif line.style == "severity-error":
            cmds.append(("TEXTCOLOR", (SEVERITY_COLUMN, r), (SEVERITY_COLUMN, r), ERROR_RED))
        for first, last in line.spans:
            if first != last:
                cmds.append(("SPAN", (first, r), (last, r)))
                if isinstance(line.cells[first], str):  # a label leads to the figure beside it
                    cmds.append(("ALIGN", (first, r), (first, r), "RIGHT"))
        cells: list[Any] = []
        for c, (text, column) in enumerate(zip(row_texts, table.columns, strict=True)):
            indent = level_indent(line.style) * INDENT if column.indent else 0.0
            if not text or column.kind.numeric or _spanned(line.spans, c):
                cells.append(text)
                continue
            room = widths[c] - 2 * face.pad - indent
            if "\n" not in text and stringWidth(text, font, face.size) <= room:
                cells.append(text)  # a plain string is far cheaper than a Paragraph
                if indent:
                    cmds.append(("LEFTPADDING", (c, r), (c, r), face.pad + indent))
            else:
                cells.append(Paragraph(_markup(text), styles.get(font, face.size, TA_LEFT, indent)))
        data.append(cells)
    result = PdfTable(data, colWidths=widths, repeatRows=table.head_rows, hAlign="LEFT")
    result.setStyle(cmds)
    return result


def _signature(block: SignatureBlock, styles: Styles, fonts: dict[str, str]) -> list[Flowable]:
    center = styles.get(fonts["Sans"], 9, TA_CENTER, leading=11.5)
    name = block.name and f"<u><b>{escape(block.name)}</b></u>"
    return [
        *(Paragraph(escape(line), center) for line in block.lines),
        Spacer(1, 17 * mm),
        Paragraph(name or "(" + "." * 45 + ")", center),
        Paragraph(escape(block.nip), center),
    ]


def _decorate(canvas: Canvas, doc: Document, fonts: dict[str, str], page: int, total: int) -> None:
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFont(fonts["Sans"], 7)
    canvas.setFillColor(colors.HexColor("#333333"))
    canvas.drawRightString(width - MARGIN_X, height - 8 * mm, f"Formulir {doc.form}")
    if page > 1:
        title = doc.running_title
        while stringWidth(title, fonts["Sans"], 7) > width - 2 * MARGIN_X - 30 * mm:
            title = title[:-4] + "..."
        canvas.drawString(MARGIN_X, height - 8 * mm, title)
    canvas.drawString(MARGIN_X, 6 * mm, f"{doc.form} · {doc.agency} · {doc.status}")
    canvas.drawRightString(width - MARGIN_X, 6 * mm, f"Halaman {page} dari {total}")
    canvas.restoreState()


def _canvas_maker(doc: Document, fonts: dict[str, str]) -> Callable[..., Canvas]:
    class PagedCanvas(Canvas):
        """Holds the pages back until the end, so that each can print the total ("dari Y")."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []
            if doc.issued_at is not None:
                stamp = f"D:{doc.issued_at.astimezone(dt.UTC):%Y%m%d%H%M%S}+00'00'"
                self.setDateFormatter(lambda *_parts: stamp)

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, 1):
                self.__dict__.update(state)
                _decorate(self, doc, fonts, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return PagedCanvas


def _story(doc: Document, width: float, fonts: dict[str, str]) -> list[Flowable]:
    styles = Styles()
    sans, bold = fonts["Sans"], fonts["Sans-Bold"]
    narrow = [Type(fonts["Narrow"], fonts["Narrow-Bold"], fonts["Narrow-Italic"], s) for s in (6.5, 6.0, 5.5, 5.0)]
    normal = [Type(sans, bold, fonts["Sans-Italic"], s) for s in (8.0, 7.5, 7.0)]
    h1 = styles.get(bold, 12, TA_CENTER, leading=15)
    h2 = styles.get(bold, 10.5, TA_CENTER, leading=13)
    section = ParagraphStyle(
        "section", parent=styles.get(bold, 10, leading=13), spaceBefore=4, spaceAfter=4, keepWithNext=1
    )
    text = styles.get(sans, 8, leading=10)

    def heading(title: str) -> Paragraph:
        return Paragraph(escape(title), section)

    story: list[Flowable] = [
        Paragraph(escape(doc.title), h1),
        Paragraph(escape(doc.agency), h2),
        Paragraph(escape(doc.period), h2),
        Paragraph(escape(doc.status), styles.get(sans, 7, TA_CENTER, leading=9)),
        Spacer(1, 3 * mm),
    ]
    if doc.rkpd.rows:
        story += [
            Paragraph(escape(doc.rkpd_caption), styles.get(bold, 8, leading=10)),
            Spacer(1, 1 * mm),
            pdf_table(doc.rkpd, width, normal[-1:], styles, fill=False),
            Spacer(1, 3 * mm),
        ]
    story.append(pdf_table(doc.main, width, narrow, styles))
    narratives = PdfTable(
        [
            [Paragraph(escape(label), styles.get(bold, 7.5)), Paragraph(_markup(body), styles.get(sans, 7.5))]
            for label, body in doc.narratives
        ],
        colWidths=[70 * mm, width - 70 * mm],
        hAlign="LEFT",
    )
    narratives.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), sans, 7.5),  # else the table sets Helvetica, which is not embedded
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (0, -1), TOTAL_BG),
        ]
    )
    left, right = doc.signatures
    signatures = PdfTable(
        [[_signature(left, styles, fonts), "", _signature(right, styles, fonts)]],
        colWidths=[width * 0.36, width * 0.28, width * 0.36],
    )
    signatures.setStyle([("FONT", (0, 0), (-1, -1), sans, 9), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    # The signatures never stand alone on a page: they keep the narratives with them.
    story += [Spacer(1, 3 * mm), KeepTogether([narratives, Spacer(1, 6 * mm), signatures])]

    story += [PageBreak(), heading(doc.goals.title), pdf_table(doc.goals, width, normal, styles)]
    story += [Spacer(1, 4 * mm), heading(doc.objectives.title), pdf_table(doc.objectives, width, normal, styles)]
    story += [CondPageBreak(40 * mm), heading(doc.action_plan.title)]
    story.append(pdf_table(doc.action_plan, width, normal, styles))
    story += [PageBreak(), heading(doc.findings.title)]
    story.append(pdf_table(doc.findings, width, normal, styles) if doc.findings.rows else Paragraph("Tidak ada.", text))
    story += [CondPageBreak(60 * mm), heading("Keterangan perhitungan")]
    story += [Paragraph("• " + escape(note), text) for note in doc.notes]
    story += [Spacer(1, 3 * mm), heading(doc.bands.title), pdf_table(doc.bands, width, normal, styles, fill=False)]
    story += [Spacer(1, 3 * mm), heading(doc.aggregations.title), pdf_table(doc.aggregations, width, normal, styles)]
    return story


def render_pdf(report: Report, *, paper: str = DEFAULT_PAPER) -> bytes:
    doc = build_document(report, paper)
    fonts = register()
    size = (doc.paper.width_mm * mm, doc.paper.height_mm * mm)
    width = size[0] - 2 * MARGIN_X
    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{doc.form} {doc.title}",
        subject=f"{doc.agency} {doc.period}",
        author=doc.agency,
        creator="Kinerja",
        initialFontName=fonts["Sans"],
        # An approved report is the same file every time it is downloaded: no random id, its approval's date.
        invariant=1 if doc.issued_at else 0,
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, width, size[1] - MARGIN_TOP - MARGIN_BOTTOM, 0, 0, 0, 0, id="body")
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    template.build(_story(doc, width, fonts), canvasmaker=_canvas_maker(doc, fonts))
    return buffer.getvalue()
