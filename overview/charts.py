"""A chart as its table: the rows the page prints, the CSV download and the data Chart.js draws are one
object, so the three cannot disagree.  Values stay ``Decimal``; Chart.js gets them as exact strings."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from domain.numbers import plain


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "text"
    """How the page formats it: text, percent, rupiah or count."""


@dataclass(frozen=True)
class Chart:
    key: str
    """Its name in the page and the CSV's file name: ``capaian-program``."""
    title: str
    kind: str
    """bar, line, scatter, or "" for a table without a chart (the findings)."""
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    plotted: tuple[int, ...] = ()
    """The columns drawn: one series each (bar, line), or (x, y) of a scatter."""
    marked: tuple[bool, ...] = ()
    """Rows that stand out (drawn in red on a scatter, marked in the table)."""
    note: str = ""
    stacked: bool = False

    @property
    def cells(self) -> list[list[tuple[Any, str, bool]]]:
        """Each row's cells with their column's kind and whether the row stands out."""
        marks = self.marked or (False,) * len(self.rows)
        return [
            [(v, c.kind, mark) for v, c in zip(row, self.columns, strict=True)]
            for row, mark in zip(self.rows, marks, strict=True)
        ]

    def data(self) -> dict[str, Any]:
        """What static/js/dashboard.js draws (numbers as exact decimal strings, None where absent)."""

        def number(value: Any) -> str | None:
            return plain(value) if isinstance(value, Decimal) else (str(value) if isinstance(value, int) else None)

        return {
            "key": self.key,
            "kind": self.kind,
            "stacked": self.stacked,
            "labels": [str(row[0]) for row in self.rows],
            "series": [
                {"label": self.columns[i].title, "values": [number(row[i]) for row in self.rows]} for i in self.plotted
            ],
            "marked": list(self.marked),
        }

    def csv(self) -> bytes:
        """The table as CSV (UTF-8, comma, a dot for decimals, values unrounded)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([c.title for c in self.columns])
        for row in self.rows:
            writer.writerow(["" if v is None else plain(v) if isinstance(v, Decimal) else v for v in row])
        return out.getvalue().encode("utf-8")
