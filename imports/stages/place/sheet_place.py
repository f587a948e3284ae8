"""The sheet being imported, as every step of the E.81 parse needs it: where problems are filed and
what each record's ``Source`` names (file, checksum, sheet, row).

One small value passed to the steps instead of a builder object they all share, so each step's inputs
are visible in its signature.
"""

from __future__ import annotations

from dataclasses import dataclass

from imports.problems import Problems
from planning.documents import Source


@dataclass(frozen=True)
class SheetPlace:
    filename: str
    checksum: str
    sheet: str
    problems: Problems

    def source(self, row: int | None) -> Source:
        return Source(file=self.filename, checksum=self.checksum, sheet=self.sheet, row=row)
