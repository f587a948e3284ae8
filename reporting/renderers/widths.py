"""Column widths from the printed texts, shared by the PDF and the Excel renderers.

A numeric column is as wide as its widest figure and as its kin (all Rp columns alike, all K
alike), so the form reads as a grid; a column with nothing in it stays as narrow as its header
allows; a header over numeric columns widens them until it fits in a few lines.  A text column's
minimum is its longest header word and its longest single word.  Units are the caller's: it
measures (points for PDF, pixels for Excel).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reporting.renderers.layout import Kind, Table

Measure = Callable[[str, bool], float]  # (text, bold) -> width
BOLD_STYLES = frozenset({"objective", "program", "total"})
HEAD_LINES = 5  # a long header may wrap to this many lines
SHORT_HEAD = 12  # characters: a header this short stays on one line ("TW I", "Capaian (%)")


@dataclass(frozen=True)
class Measured:
    widths: list[float]  # numeric columns measured, text columns 0
    minimum: list[float]  # text columns' minimum, numeric 0


def spanned(spans: tuple[tuple[int, int], ...], col: int) -> bool:
    """Whether column ``col`` lies in one of a row's merges (a cell of its own is no merge)."""
    return any(a <= col <= b and a != b for a, b in spans)


def measure_columns(
    table: Table, texts: list[list[str]], body: Measure, head: Measure, pad: float, indent: float
) -> Measured:
    """Widths of the numeric columns and minimums of the text columns, padding included."""
    n = len(table.columns)
    widths = [0.0] * n
    minimum = [0.0] * n
    empty: set[int] = set()
    bold_rows = [line.style in BOLD_STYLES for line in table.rows]
    merged = [(r, line.spans) for r, line in enumerate(table.rows) if line.spans]
    for c, column in enumerate(table.columns):
        # Each distinct text measured once, in each weight it is printed in (figures repeat down a column).
        plain: set[str] = set()
        strong: set[str] = set()
        inside = {r for r, spans in merged if spanned(spans, c)}
        for r, (bold, row) in enumerate(zip(bold_rows, texts, strict=True)):
            text = row[c]
            if text and r not in inside:
                (strong if bold else plain).add(text)
        if column.kind.numeric:
            measured = [body(t, False) for t in plain] + [body(t, True) for t in strong]
            if not measured:
                empty.add(c)
            else:
                widths[c] = max(measured) + 2 * pad
        else:
            words = {max(text.split(), key=len) for text in plain | strong if text.strip()}  # each measured once
            longest = max((body(word, True) for word in words), default=0.0)
            minimum[c] = longest + (2 * indent if column.indent else 0.0) + 2 * pad
    _even_out(table, widths, empty)
    for h in table.head:
        span = range(h.col, h.col + h.colspan)
        longest = max((head(word, True) for word in h.text.split()), default=0.0)
        if h.colspan == 1 and not table.columns[h.col].kind.numeric:
            minimum[h.col] = max(minimum[h.col], longest + 2 * pad)
        if not all(table.columns[c].kind.numeric for c in span):
            continue
        whole = head(h.text, True)
        need = (whole if len(h.text) <= SHORT_HEAD else max(longest, whole / HEAD_LINES)) + 2 * pad
        missing = need - sum(widths[c] for c in span)
        if missing > 0:
            for c in span:
                widths[c] += missing / h.colspan
        _even_out(table, widths, empty)
    return Measured(widths, minimum)


def _even_out(table: Table, widths: list[float], empty: set[int]) -> None:
    widest: dict[Kind, float] = {}
    for c, column in enumerate(table.columns):
        if column.kind.numeric and c not in empty:
            widest[column.kind] = max(widest.get(column.kind, 0.0), widths[c])
    for c, column in enumerate(table.columns):
        if column.kind.numeric and c not in empty:
            widths[c] = widest[column.kind]


def share(room: float, hints: dict[int, float], minimum: list[float]) -> dict[int, float]:
    """Split ``room`` among columns by ``hints``; a column whose share is below its minimum gets it."""
    fixed: dict[int, float] = {}
    while True:
        left = room - sum(fixed.values())
        free = {c: h for c, h in hints.items() if c not in fixed}
        total = sum(free.values()) or 1.0
        short = {c: minimum[c] for c, h in free.items() if left * h / total < minimum[c]}
        if not short:
            return {**fixed, **{c: left * h / total for c, h in free.items()}}
        fixed.update(short)
