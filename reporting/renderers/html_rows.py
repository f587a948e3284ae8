"""The body and footer rows of a report table as HTML, written in Python.

A PD's E.81 of 500 rows is 15,000 cells and the E.79 of a regency ten times that; the template
engine's loop over them (a variable lookup, an ``{% if %}`` and a filter per attribute per cell) was
most of the page's time.  These functions print exactly what ``templates/reporting/_table.html``
printed with its loops (``tests/renderers/test_html_rows.py`` compares both ways byte for byte):
every text from the data is escaped as the template's autoescape and ``linebreaksbr`` escaped it; only
the markup built here is marked safe.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from html import escape as _escape
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe

if TYPE_CHECKING:
    from reporting.renderers.html import HtmlCell

Rows = Sequence[tuple[str, Sequence["HtmlCell"]]]
EMPTY_BODY = '\n    <tr><td colspan="99" class="muted">Tidak ada</td></tr>'


def _text(value: object) -> str:
    """``{{ value }}`` under autoescape (``conditional_escape``): what is marked safe as it is, anything
    else through ``django.utils.html.escape``, which is the standard library's ``html.escape`` of its
    ``str`` (called directly here: Django's lazy wrapper around it cost a third of the time)."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return _escape(str(value))


def _lines(value: object) -> str:
    """``{{ value|linebreaksbr }}`` under autoescape: escaped unless marked safe, CRLF and CR made LF,
    each line break a ``<br>``."""
    text = str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not hasattr(value, "__html__"):  # linebreaksbr leaves SafeData as it is
        text = _escape(text)
    return text.replace("\n", "<br>")


@lru_cache(maxsize=1024)
def _open_td(css: str, style: str, colspan: int) -> str:
    """``<td`` with its class, style and colspan: a table has few different ones, so written once each."""
    out = "<td"
    if css:
        out += f' class="{_text(css)}"'
    if style:
        out += f' style="{_text(style)}"'
    if colspan > 1:
        out += f' colspan="{colspan}"'
    return out


def _td(cell: HtmlCell, *, style: bool, text: str) -> str:
    # The attributes in the template's order; class and style are built by the code (html_table), but
    # escaped all the same, as the template did.
    out = _open_td(cell.css, cell.style if style else "", cell.colspan)
    if cell.explain is not None:
        out += f' data-x="{cell.explain}"'
    return f"{out}>{text}</td>"


def body_rows(rows: Rows) -> SafeString:
    """What stands between ``<tbody>`` and ``</tbody>``: one ``<tr>`` per row, or the "Tidak ada" row."""
    if not rows:
        return mark_safe(EMPTY_BODY)
    parts: list[str] = []
    for row_class, cells in rows:
        parts.append(f'\n    <tr class="{_text(row_class)}">' if row_class else "\n    <tr>")
        parts.extend(_td(c, style=True, text=_lines(c.text)) for c in cells)
        parts.append("</tr>")
    return mark_safe("".join(parts))


def foot_rows(rows: Iterable[tuple[str, Sequence[HtmlCell]]]) -> SafeString:
    """What stands between ``<tfoot>`` and ``</tfoot>``: the total rows (no sticky style, one line each)."""
    parts: list[str] = []
    for row_class, cells in rows:
        parts.append(f'\n    <tr class="{_text(row_class)}">')
        parts.extend(_td(c, style=False, text=_text(c.text)) for c in cells)
        parts.append("</tr>")
    return mark_safe("".join(parts))
