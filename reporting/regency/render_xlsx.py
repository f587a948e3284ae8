"""The E.79 as an Excel workbook: the table (title, header, every line, the pemda's Rp, average and
rating), the PD's averages and ratings with their standing, and the legend.  Cells are drawn by the
E.81's own table writer (``reporting.renderers.xlsx.write_table``): numbers stay numbers."""

from __future__ import annotations

import io

import xlsxwriter

from reporting.regency.builder import RegencyReport
from reporting.regency.table import agencies_table, computed_table, e79_table, legend
from reporting.renderers.layout import paper_for
from reporting.renderers.xlsx import Formats, column_widths, size_rows, write_table

OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}


def _title(ws, fmt: Formats, e79: RegencyReport, last_col: int, subtitle: str) -> int:  # type: ignore[no-untyped-def]
    big = fmt.get(bold=True, font_size=12, align="center", valign="vcenter")
    mid = fmt.get(bold=True, font_size=10, align="center", valign="vcenter")
    small = fmt.get(font_size=8, align="center", valign="vcenter")
    lines = [(subtitle, big), (e79.region.name, mid), (e79.period, mid), (e79.status_line, small)]
    for i, (text, f) in enumerate(lines):
        ws.merge_range(i, 0, i, last_col, text, f)
    return len(lines) + 1


def _setup(ws, e79: RegencyReport, paper: str, repeat: tuple[int, int] | None) -> None:  # type: ignore[no-untyped-def]
    ws.set_landscape()
    ws.set_paper(paper_for(paper).excel)
    ws.set_margins(left=0.3, right=0.3, top=0.6, bottom=0.6)
    ws.fit_to_pages(1, 0)
    if repeat:
        ws.repeat_rows(*repeat)
    where = f"{e79.region.name} · {e79.period}".replace("&", "&&")  # "&" starts a header code
    ws.set_header(f"&L&7{where[:150]}&R&7Formulir {e79.form}")
    ws.set_footer(f"&L&7{e79.status_line}&R&7Halaman &P dari &N")
    ws.hide_gridlines(2)


def render_xlsx(e79: RegencyReport, *, paper: str = "f4") -> bytes:
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, OPTIONS)
    wb.set_properties({"title": f"{e79.form} {e79.title}", "subject": f"{e79.region.name} {e79.period}"})
    fmt = Formats(wb)

    ws = wb.add_worksheet("E.79")
    table = e79_table(e79)
    last_col = len(table.columns) - 1
    top = _title(ws, fmt, e79, last_col, f"{e79.title} (Form {e79.form})")
    drawn = write_table(ws, fmt, table, top)
    widths = column_widths(drawn)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    size_rows(ws, drawn, widths)
    first = top + table.head_rows
    ws.freeze_panes(first, table.frozen_cols)
    _setup(ws, e79, paper, (top, first - 1))
    row = drawn.bottom + 1
    for note in legend(e79):
        ws.merge_range(row, 0, row, last_col, note, fmt.get(text_wrap=True))
        row += 1

    ws = wb.add_worksheet("Rata-rata PD")
    table = agencies_table(e79)
    top = _title(ws, fmt, e79, len(table.columns) - 1, table.title)
    drawn = write_table(ws, fmt, table, top)
    widths = column_widths(drawn)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    size_rows(ws, drawn, widths)
    ws.freeze_panes(top + table.head_rows, 0)
    _setup(ws, e79, paper, (top, top))

    computed = computed_table(e79)
    if computed is not None:
        ws = wb.add_worksheet("Indikator terhitung")
        top = _title(ws, fmt, e79, len(computed.columns) - 1, computed.title)
        drawn = write_table(ws, fmt, computed, top)
        widths = column_widths(drawn)
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        size_rows(ws, drawn, widths)
        ws.freeze_panes(top + computed.head_rows, 0)
        _setup(ws, e79, paper, (top, top))
    wb.close()
    return buffer.getvalue()
