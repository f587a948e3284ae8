"""The report as a PDF (ReportLab platypus): landscape F4 or A4, ready to sign.

In the order it is signed (``sections``), the signatures closing the signed part, then the annex
("Lampiran") from a new page.  The table header repeats on every page, a row never splits across
pages, every page after the first carries the report's title line, and every page its status ("DRAF"
across a draft; "Disetujui <tanggal> oleh <nama>" and the hash on an approved one), the Renja version,
the print date (a live report only) and "Halaman X dari Y".  Fonts are embedded (``pdf_fonts``).

Type is never smaller than the paper allows (6.5 pt on F4, 6 pt on A4).  Column widths follow the
printed numbers: numeric columns are as wide as their widest figure (a figure never wraps), text
columns share the rest.  When the figures leave the text too little room even at the smallest type,
the table continues on a second page width with the row numbers and names repeated.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
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
    FrameBreak,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus import Table as PdfTable

from reporting.renderers.evidence_mark import with_evidence_marks
from reporting.renderers.layout import (
    DEFAULT_PAPER,
    SEVERITY_COLUMN,
    Kind,
    Table,
    Value,
    cell_text,
    display,
    level_indent,
    take_columns,
)
from reporting.renderers.pdf_fonts import register
from reporting.renderers.sections import ANNEX_TITLE, Document, SignatureBlock, build_document
from reporting.renderers.widths import BOLD_STYLES, Measured, measure_columns, share
from reporting.report import Report

MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 8 * mm, 13 * mm, 14 * mm
INDENT = 5.0  # points per level step (kegiatan, sub kegiatan)
HEAD_BG = colors.HexColor("#DCE3EC")
OBJECTIVE_BG = colors.HexColor("#EEF2F6")
TOTAL_BG = colors.HexColor("#F2F2F2")
GRID = colors.HexColor("#555555")
ERROR_RED = colors.HexColor("#9C0006")
ROOM_FOR_TEXT = 0.7  # below this share of their hints, text columns are too squeezed: smaller type
LAST_ROOM = 0.5  # ... and at the smallest type, below this share: the table continues on a second width
ITALIC_STYLES = {"sub_activity"}
WATERMARK = colors.Color(0.55, 0.55, 0.55, alpha=0.16)
# Columns a table continued on a second page width repeats: the row numbers and names.
REPEATED = ("no", "objective", "code", "name", "indicator", "unit")


@dataclass(frozen=True)
class Type:
    """Faces and size of one table's text."""

    regular: str
    bold: str
    italic: str
    size: float

    @property
    def head_size(self) -> float:
        return self.size  # the header as legible as the body: it may take more lines instead

    @property
    def pad(self) -> float:
        """Cell padding, points: a little more around larger type."""
        return self.size * 0.22

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
    table: Table,
    texts: list[list[str]],
    face: Type,
    head_size: float,
    width: float,
    fill: bool,
    room_for_text: float = ROOM_FOR_TEXT,
    force: bool = False,
) -> list[float] | None:
    """Column widths in points, or None when the figures leave the text columns too little room
    (less than their minimum, or than ``room_for_text`` of their hinted widths).

    Numeric columns are measured (``widths``); text columns share the rest by their hints.
    """
    key = (id(table), face, head_size)
    held = _MEASURED.get(key)
    if held is not None and held[0] is table:  # measured at this face already (choosing it, then drawing)
        measured = held[1]
    else:
        measured = measure_columns(
            table,
            texts,
            lambda text, bold: _em(text, face.bold if bold else face.regular) * face.size,
            lambda text, bold: _em(text, face.bold) * head_size,
            face.pad + 0.3,
            INDENT,
        )
        if len(_MEASURED) > 32:
            _MEASURED.clear()
        _MEASURED[key] = (table, measured)
    widths, minimum = list(measured.widths), list(measured.minimum)
    text_cols = [c for c, column in enumerate(table.columns) if not column.kind.numeric]
    hints = sum(table.columns[c].width * mm for c in text_cols)
    room = width - sum(widths)
    floor = sum(minimum)
    if not force and text_cols and (room < floor or (fill and room < room_for_text * hints)):
        return None
    if fill or hints + floor > room:
        for c, w in share(room, {c: table.columns[c].width * mm for c in text_cols}, minimum).items():
            widths[c] = w
    else:
        for c in text_cols:
            widths[c] = max(minimum[c], table.columns[c].width * mm)
    return widths


@lru_cache(maxsize=1 << 16)
def _em(text: str, font: str) -> float:
    """Width of ``text`` in ``font`` at 1 pt: a table is measured at several sizes, and in parts when it
    continues on a second page width, so each text is measured once (widths scale with the size)."""
    return stringWidth(text, font, 1.0)


@lru_cache(maxsize=1 << 16)
def _shown(value: Value, kind: type, column: Kind, places: int | None, realized: bool) -> str:
    """``display``, once per figure: the same figures are printed in every part and measured at every
    size.  ``kind``: the value's type (an int 1 and a Decimal 1 are equal keys, but print differently)."""
    return display(value, column, places, realized)


_TEXTS: dict[int, tuple[Table, list[list[str]]]] = {}  # the last tables' texts, by id
_MEASURED: dict[tuple[int, Type, float], tuple[Table, Measured]] = {}  # their measurements, by face


def _texts(table: Table) -> list[list[str]]:
    """The printed text of every body cell (``cell_text``), kept for the table's next measurement."""
    held = _TEXTS.get(id(table))
    if held is not None and held[0] is table:
        return held[1]
    texts = [
        [
            v if type(v) is str else "" if v is None else _shown(v, type(v), c.kind, line.places, c.realized)
            for v, c in zip(line.cells, table.columns, strict=True)
        ]
        for line in table.rows
    ]
    if len(_TEXTS) > 8:
        _TEXTS.clear()
    _TEXTS[id(table)] = (table, texts)
    return texts


def fitting_face(table: Table, width: float, faces: list[Type], *, fill: bool = True) -> Type | None:
    """The largest face at which ``table`` fits ``width`` (the smallest accepts less room for text),
    or None when not even the smallest does."""
    texts = _texts(table)
    for n, face in enumerate(faces):
        room = ROOM_FOR_TEXT if n < len(faces) - 1 else LAST_ROOM
        if _widths(table, texts, face, face.head_size, width, fill, room) is not None:
            return face
    return None


def split_widths(table: Table, width: float, face: Type) -> list[Table]:
    """``table`` in parts that each fit ``width`` at ``face``: the figures shared out in order (a header
    cell over several columns is never cut), the row numbers and names repeated in every part; the
    average and predikat rows in the part that holds their figures."""
    repeated = [c for c, column in enumerate(table.columns) if column.key in REPEATED]
    rest = [c for c in range(len(table.columns)) if c not in repeated]
    groups: list[list[int]] = []  # runs of columns a header cell ties together
    for c in rest:
        tied = any(h.col < c < h.col + h.colspan and h.col in rest and h.row < table.head_rows - 1 for h in table.head)
        if groups and tied:
            groups[-1].append(c)
        else:
            groups.append([c])
    parts: list[list[int]] = [[]]
    for group in groups:
        trial = take_columns(table, repeated + parts[-1] + group)
        if parts[-1] and fitting_face(trial, width, [face]) is None:
            parts.append([])
        parts[-1].extend(group)
    tables = []
    for n, part in enumerate(parts):
        piece = take_columns(table, repeated + part, f"{table.title} (lanjutan)" if n else table.title)
        keep = [
            line
            for line, original in zip(piece.rows, table.rows, strict=True)
            if original.style != "total" or any(original.cells[c] is not None for c in part)
        ]
        tables.append(replace(piece, rows=tuple(keep)))
    return tables


def pdf_table(table: Table, width: float, faces: list[Type], styles: Styles, *, fill: bool = True) -> PdfTable:
    """Draw ``table``: the first face in ``faces`` whose figures leave room for the text wins.

    ``fill``: text columns share all the width left (else they keep their hinted widths).
    """
    texts = _texts(table)
    widths = None
    for n, face in enumerate(faces):
        room = ROOM_FOR_TEXT if n < len(faces) - 1 else LAST_ROOM
        widths = _widths(table, texts, face, face.head_size, width, fill, room)
        if widths is not None:
            break
    if widths is None:  # the smallest type, text columns squeezed (``main_tables`` splits before this)
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
            if "\n" not in text and _em(text, font) * face.size <= room:
                cells.append(text)  # a plain string is far cheaper than a Paragraph
                if indent:
                    cmds.append(("LEFTPADDING", (c, r), (c, r), face.pad + indent))
            else:
                cells.append(Paragraph(_markup(text), styles.get(font, face.size, TA_LEFT, indent)))
        data.append(cells)
    # The average and predikat rows never stand alone on a page: the last body row goes with them.
    trailing = 0
    while trailing < len(table.rows) and table.rows[len(table.rows) - 1 - trailing].style == "total":
        trailing += 1
    if trailing and trailing < len(table.rows):
        cmds.append(("NOSPLIT", (0, table.head_rows + len(table.rows) - trailing - 1), (-1, -1)))
    result = PdfTable(data, colWidths=widths, repeatRows=table.head_rows, hAlign="LEFT")
    result.setStyle(cmds)
    return result


# -- the findings in the annex: two columns of short paragraphs ------------------------------------
COLUMN_GAP = 6 * mm
ANNEX_TOP = 16 * mm  # the findings' page: room for the annex's title and section A's heading
SEVERITY_COLOURS = {"severity-error": "#9C0006", "severity-warning": "#7A5200", "severity-info": "#333333"}
SHORT_NAME = 60  # characters of a row's name in a finding's reference; the message names rows in full
SHORT_INDICATOR = 45


def _short(text: str, limit: int) -> str:
    """``text`` cut at a word to at most ``limit`` characters, "…" marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;/-")
    return cut + "…"


def _names_column(message: str, column: str) -> bool:
    """Whether the message itself names the column ("Kolom 12 (Realisasi Renja) K", "Capaian Renja
    (12/7)"), so the reference need not say it again."""
    number = column.split()[0]
    return f"kolom {number} " in message.lower() or f"({number})" in message


def finding_paragraphs(table: Table, styles: Styles, face: Type) -> list[Paragraph]:
    """One paragraph per finding: its number and severity hanging, then where it is (row, indicator
    and column, the names shortened) and what it says."""
    hang = face.size * 2.2
    style = ParagraphStyle(
        f"finding{face.size}",
        parent=styles.get(face.regular, face.size, TA_LEFT, leading=face.size * 1.17),
        leftIndent=hang,
        firstLineIndent=-hang,
        spaceAfter=face.size * 0.3,
    )
    out = []
    for line in table.rows:
        number, severity, row, indicator, column, message = (
            cell_text(line, c, v) for v, c in zip(line.cells, table.columns, strict=True)
        )
        colour = SEVERITY_COLOURS.get(line.style, "#333333")
        place = " · ".join(
            p
            for p in (
                row and row != "-" and f"<i>{escape(_short(row, SHORT_NAME))}</i>",
                indicator and escape(_short(indicator, SHORT_INDICATOR)),
                column and not _names_column(message, column) and f"kolom {escape(column)}",
            )
            if p
        )
        head = f'<font name="{face.bold}">{escape(number)}</font>&nbsp;&nbsp;<font name="{face.bold}" color="{colour}">{escape(severity)}</font>'
        body = f"{place}: {_markup(message)}" if place else _markup(message)
        out.append(Paragraph(f"{head}&nbsp;&nbsp;{body}", style))
    return out


def findings_face(table: Table, styles: Styles, faces: list[Type], column: float, height: float) -> Type:
    """The largest face at which the findings fill no more than two columns of ``height``."""
    for face in faces:
        total = sum(p.wrap(column, height)[1] + p.style.spaceAfter for p in finding_paragraphs(table, styles, face))
        if total <= 2 * height * 0.94:  # a paragraph never splits at a column's foot: some room lost
            return face
    return faces[-1]


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
    if doc.watermark:  # across the page, light enough to read the figures through it
        canvas.setFillColor(WATERMARK)
        canvas.setFont(fonts["Sans-Bold"], 150)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(28)
        canvas.drawCentredString(0, -50, doc.watermark)
        canvas.rotate(-28)
        canvas.translate(-width / 2, -height / 2)
    canvas.setFont(fonts["Sans"], 7)
    canvas.setFillColor(colors.HexColor("#333333"))
    canvas.drawRightString(width - MARGIN_X, height - 8 * mm, f"Formulir {doc.form}")
    if page > 1:
        title = doc.running_title
        while stringWidth(title, fonts["Sans"], 7) > width - 2 * MARGIN_X - 30 * mm:
            title = title[:-4] + "..."
        canvas.drawString(MARGIN_X, height - 8 * mm, title)
    status, where = doc.footer
    canvas.setFont(fonts["Sans-Bold"], 7)
    canvas.drawString(MARGIN_X, 9 * mm, status)
    canvas.setFont(fonts["Sans"], 7)
    canvas.drawString(MARGIN_X, 5.5 * mm, where)
    canvas.drawRightString(width - MARGIN_X, 5.5 * mm, f"Halaman {page} dari {total}")
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


def _faces(fonts: dict[str, str], family: str, sizes: tuple[float, ...]) -> list[Type]:
    return [Type(fonts[family], fonts[f"{family}-Bold"], fonts[f"{family}-Italic"], s) for s in sizes]


def main_tables(table: Table, width: float, faces: list[Type]) -> tuple[list[Table], list[Type]]:
    """The E.81 table as drawn: whole at the largest type that fits, else continued on further page
    widths at the smallest type."""
    face = fitting_face(table, width, faces)
    if face is not None:
        return [table], faces
    return split_widths(table, width, faces[-1]), faces[-1:]


def _story(doc: Document, width: float, height: float, fonts: dict[str, str]) -> list[Flowable]:
    styles = Styles()
    sans, bold = fonts["Sans"], fonts["Sans-Bold"]
    least = doc.paper.min_size
    narrow = _faces(fonts, "Narrow", (least + 1.0, least + 0.5, least))
    normal = _faces(fonts, "Sans", (8.0, 7.5, 7.0))
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
    parts, faces = main_tables(doc.main, width, narrow)
    for n, part in enumerate(parts):
        if n:
            story += [PageBreak(), heading(part.title)]
        story.append(pdf_table(part, width, faces, styles))
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
    story += [Spacer(1, 3 * mm), narratives]
    story += [Spacer(1, 4 * mm), heading(doc.goals.title), pdf_table(doc.goals, width, normal, styles)]
    left, right = doc.signatures
    signatures = PdfTable(
        [[_signature(left, styles, fonts), "", _signature(right, styles, fonts)]],
        colWidths=[width * 0.36, width * 0.28, width * 0.36],
    )
    signatures.setStyle([("FONT", (0, 0), (-1, -1), sans, 9), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    # The signatures close the signed document and never stand alone on a page: the Indikator Sasaran
    # table above them stays with them.
    story += [
        Spacer(1, 4 * mm),
        KeepTogether(
            [
                heading(doc.objectives.title),
                pdf_table(doc.objectives, width, normal, styles),
                Spacer(1, 6 * mm),
                signatures,
            ]
        ),
    ]
    if not doc.annex:
        return story
    annex = styles.get(bold, 12, TA_CENTER, leading=15)
    first = ParagraphStyle("first", parent=section, keepWithNext=0)  # at the top of a fresh page: no need
    # The findings' page has the annex's title across its top and the findings in two columns below.
    story += [NextPageTemplate("columns"), PageBreak(), Paragraph(escape(ANNEX_TITLE), annex)]
    story += [Paragraph(escape(f"A. {doc.findings.title}"), first), FrameBreak()]
    if doc.findings.rows:
        dense = _faces(fonts, "Narrow", tuple(s for s in (8.0, 7.5, 7.0, 6.5, 6.0) if s >= least))
        column = (width - COLUMN_GAP) / 2
        face = findings_face(doc.findings, styles, dense, column, height - ANNEX_TOP)
        story += finding_paragraphs(doc.findings, styles, face)
    else:
        story.append(Paragraph("Tidak ada.", text))
    story += [NextPageTemplate("page"), PageBreak(), heading(f"B. {doc.action_plan.title}")]
    story.append(pdf_table(doc.action_plan, width, normal, styles))
    story += [CondPageBreak(60 * mm), heading("C. Keterangan perhitungan")]
    story += [Paragraph("• " + escape(note), text) for note in doc.notes]
    story += [Spacer(1, 3 * mm), heading(doc.bands.title), pdf_table(doc.bands, width, normal, styles, fill=False)]
    story += [Spacer(1, 3 * mm), heading(doc.aggregations.title), pdf_table(doc.aggregations, width, normal, styles)]
    return story


def _columns(width: float, height: float) -> PageTemplate:
    """The findings' page: the annex's title across the top (a frame of its own), then two columns;
    further pages of findings, if any, take the same three frames."""
    top = ANNEX_TOP
    half = (width - COLUMN_GAP) / 2
    below = height - top
    return PageTemplate(
        id="columns",
        frames=[
            Frame(MARGIN_X, MARGIN_BOTTOM + below, width, top, 0, 0, 0, 0, id="annex-title"),
            Frame(MARGIN_X, MARGIN_BOTTOM, half, below, 0, 0, 0, 0, id="left"),
            Frame(MARGIN_X + half + COLUMN_GAP, MARGIN_BOTTOM, half, below, 0, 0, 0, 0, id="right"),
        ],
    )


def render_pdf(report: Report, *, paper: str = DEFAULT_PAPER, annex: bool = True) -> bytes:
    doc = with_evidence_marks(build_document(report, paper, annex=annex), report)
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
    height = size[1] - MARGIN_TOP - MARGIN_BOTTOM
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, width, height, 0, 0, 0, 0, id="body")
    template.addPageTemplates([PageTemplate(id="page", frames=[frame]), _columns(width, height)])
    try:
        template.build(_story(doc, width, height, fonts), canvasmaker=_canvas_maker(doc, fonts))
    finally:
        _TEXTS.clear()  # the tables' texts and measurements are this document's
        _MEASURED.clear()
    return buffer.getvalue()
