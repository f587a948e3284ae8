"""Problems found while reading a file, as values that name their place (sheet, row, column, field).

The importer collects them instead of raising at the first one, so that one bad cell does not hide the
others (STYLE.md practice 9).  Messages are Indonesian: they reach the operator as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # the file cannot be imported until it is fixed
    WARNING = "warning"  # imported, but a person should look
    INFO = "info"  # how something was read or decided


def column_letter(column: int) -> str:
    """1 -> "A", 27 -> "AA": the spreadsheet's own name of a column."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Problem:
    message: str
    sheet: str = ""
    row: int | None = None  # 1-based, as the spreadsheet numbers rows
    column: int | None = None  # 1-based
    field: str = ""
    severity: Severity = Severity.ERROR

    @property
    def place(self) -> str:
        """ "sheet 'E81', baris 12, kolom H (Realisasi TW II K)"."""
        parts = []
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column is not None:
            parts.append(f"kolom {column_letter(self.column)}")
        text = ", ".join(parts)
        if self.field:
            text = f"{text} ({self.field})" if text else self.field
        return text

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class Problems(list[Problem]):
    """A list of problems with helpers for the common severities."""

    def error(self, message: str, **where: object) -> None:
        self.append(Problem(message, severity=Severity.ERROR, **where))  # type: ignore[arg-type]

    def warning(self, message: str, **where: object) -> None:
        self.append(Problem(message, severity=Severity.WARNING, **where))  # type: ignore[arg-type]

    def info(self, message: str, **where: object) -> None:
        self.append(Problem(message, severity=Severity.INFO, **where))  # type: ignore[arg-type]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.WARNING]
