"""What a pemda chooses to print of the E.81 table: the optional columns (issue 11, point 2).

The official form has more columns than an F4 or A4 sheet holds at a legible size.  Four of them are
optional, and a pemda chooses which of those its PD print:

- ``PRIOR``: column 6 (Realisasi Renstra s.d. tahun lalu).  Printed only when it holds a figure: a PD in
  the first year of its Renstra has no history, and the seed omits the column.
- ``RENJA_ACHIEVEMENT``: 12/7 x 100% (the E.55 column).  When it is left out, the average it gives
  is printed at the end of the footer with the column it comes from in its label.
- ``FUNDING``: Sumber dana in a column of its own (else it is a line of Keterangan).
- ``NOTES``: column 16 (Keterangan: sumber dana, faktor pendorong and penghambat of the indicator).

The choice is a setting in code for now (``PEMDA_COLUMNS``, by the pemda's slug), not a database
field: a change here changes the printout of every report of that pemda, approved ones included (an
approved quarter's figures never change; its layout follows the code).  The PDF and the HTML leave
the columns out; the Excel workbook keeps them all, hiding those not chosen, so that its formulas and
a round trip through the importer keep every figure.  ``Kode`` is shown whenever the plan has codes.
"""

from __future__ import annotations

from enum import StrEnum


class Optional(StrEnum):
    PRIOR = "6"
    RENJA_ACHIEVEMENT = "12/7"
    FUNDING = "sumber_dana"
    NOTES = "16"


DEFAULT_COLUMNS: frozenset[Optional] = frozenset({Optional.PRIOR, Optional.RENJA_ACHIEVEMENT, Optional.NOTES})
ALL_COLUMNS: frozenset[Optional] = frozenset(Optional)

PEMDA_COLUMNS: dict[str, frozenset[Optional]] = {
    # "<pemda slug>": frozenset({Optional.RENJA_ACHIEVEMENT, Optional.FUNDING}),
}
"""The optional columns each pemda prints; a pemda not listed prints ``DEFAULT_COLUMNS``."""


def columns_for(region_slug: str) -> frozenset[Optional]:
    return PEMDA_COLUMNS.get(region_slug, DEFAULT_COLUMNS)
