"""The output of the importer's "map" stage: what each column of the E.81 table means, and how sure.

Plain and serialisable (``to_dict`` / ``from_dict``, JSON-safe): the mapping page shows and edits it,
the command line saves it (``--save-mapping``) and reads it back (``--mapping``), a confirmed one is
stored for the pemda and reused for the next file whose header labels give the same ``signature``, and
the reconcile stage reads it to know which cells were meant to be placed where.

A column's ``meaning`` is one of ``MEANINGS``:

- a text role: ``no``, ``code``, ``objective``, ``name``, ``indicator``, ``unit``, ``funding``,
  ``responsible``, ``drivers``, ``obstacles``, ``note``, ``aggregation``;
- a figure: ``<measure>.<sub>`` with the measure one of ``5 6 7 q1 q2 q3 q4 12 12/7 13 14`` and the sub
  ``K`` (performance), ``Rp`` (budget) or ``U`` (that figure's satuan in its own cell), e.g. ``q2.Rp``;
- ``helper`` (a column the sheet computes for itself, e.g. "Kinerja" / "Keuangan" ratios: its numbers
  are known and deliberately not placed) or ``ignore`` (nothing to read).

``rp_scale`` multiplies every Rp read (1, or 1000 for "Rp (000)" / "dalam ribuan").
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from imports.stages.locate.layout import ROLE_LABELS

TEXT_MEANINGS = (
    "no",
    "code",
    "objective",
    "name",
    "indicator",
    "unit",
    "funding",
    "responsible",
    "drivers",
    "obstacles",
    "note",
    "aggregation",
)
FIGURE_MEASURES = ("5", "6", "7", "q1", "q2", "q3", "q4", "12", "12/7", "13", "14")
FIGURE_SUBS = ("K", "Rp", "U")
FIGURE_MEANINGS = tuple(f"{m}.{s}" for m in FIGURE_MEASURES for s in FIGURE_SUBS)
OTHER_MEANINGS = ("helper", "ignore")
MEANINGS = (*TEXT_MEANINGS, *FIGURE_MEANINGS, *OTHER_MEANINGS)

# the columns whose numbers are printed computed figures (recomputed and compared, not stored as data)
COMPUTED_MEASURES = ("12", "12/7", "13", "14")

MEANING_LABELS: dict[str, str] = {
    **ROLE_LABELS,
    "helper": "kolom bantu (tidak diimpor)",
    "ignore": "abaikan",
}
_MEASURE_WORDS = {
    "5": "Target Renstra (5)",
    "6": "Realisasi Renstra s.d. tahun lalu (6)",
    "7": "Target Renja (7)",
    "q1": "Realisasi TW I",
    "q2": "Realisasi TW II",
    "q3": "Realisasi TW III",
    "q4": "Realisasi TW IV",
    "12": "Realisasi Renja (12)",
    "12/7": "Capaian Renja (12/7)",
    "13": "Realisasi Renstra (13)",
    "14": "Capaian Renstra (14)",
}
_SUB_WORDS = {"K": "K", "Rp": "Rp", "U": "satuan"}
for _m in FIGURE_MEASURES:
    for _s in FIGURE_SUBS:
        MEANING_LABELS[f"{_m}.{_s}"] = f"{_MEASURE_WORDS[_m]} {_SUB_WORDS[_s]}"


def split_meaning(meaning: str) -> tuple[str, str] | None:
    """``("q2", "Rp")`` for ``"q2.Rp"``; None for a text role, ``helper`` or ``ignore``."""
    if meaning in FIGURE_MEANINGS:
        measure, _dot, sub = meaning.rpartition(".")
        return measure, sub
    return None


@dataclass
class ColumnMeaning:
    """One column: its 1-based index, its letters, the header texts found above it (top to bottom),
    what it is taken to mean, how sure (0..1) and why."""

    column: int
    letter: str
    labels: list[str] = field(default_factory=list)
    meaning: str = "ignore"
    confidence: float = 0.0
    reason: str = ""

    @property
    def meaning_label(self) -> str:
        return MEANING_LABELS.get(self.meaning, self.meaning)


@dataclass
class ColumnMap:
    """The table's columns as the "map" stage understood them (or as a person corrected them)."""

    sheet: str
    header_rows: list[int]  # 1-based rows of the header: the top row, then the label rows under it
    header_texts: list[list[str]]  # each header row's cell texts, one per column from column 1
    columns: list[ColumnMeaning] = field(default_factory=list)
    rp_scale: int = 1
    signature: str = ""
    confirmed: bool = False  # True when a person (or a saved mapping) set it, not the detector

    def __post_init__(self) -> None:
        if not self.signature:
            self.signature = header_signature(self.header_texts)

    # -- reading --------------------------------------------------------------------------------
    def meaning_of(self, column: int) -> str:
        found = next((c for c in self.columns if c.column == column), None)
        return found.meaning if found else "ignore"

    def column_of(self, meaning: str) -> int | None:
        return next((c.column for c in self.columns if c.meaning == meaning), None)

    def unsure(self, below: float = 0.6) -> list[ColumnMeaning]:
        """The columns the detector is not sure of (shown first on the mapping page)."""
        return [c for c in self.columns if c.confidence < below and c.meaning != "ignore"]

    @property
    def top_row(self) -> int:
        return self.header_rows[0] if self.header_rows else 0

    @property
    def last_row(self) -> int:
        return self.header_rows[-1] if self.header_rows else 0

    @property
    def scale(self) -> Decimal:
        return Decimal(self.rp_scale)

    # -- writing --------------------------------------------------------------------------------
    def with_meaning(self, column: int, meaning: str) -> ColumnMap:
        """A copy with one column's meaning set by a person (confidence 1)."""
        if meaning not in MEANINGS:
            raise ValueError(f"arti kolom tidak dikenal: {meaning!r}")
        columns = [
            ColumnMeaning(c.column, c.letter, list(c.labels), meaning, 1.0, "dipilih pengguna")
            if c.column == column
            else ColumnMeaning(**asdict(c))
            for c in self.columns
        ]
        if not any(c.column == column for c in columns):
            columns.append(ColumnMeaning(column, column_letter(column), [], meaning, 1.0, "dipilih pengguna"))
            columns.sort(key=lambda c: c.column)
        return ColumnMap(
            self.sheet,
            list(self.header_rows),
            [list(r) for r in self.header_texts],
            columns,
            self.rp_scale,
            self.signature,
            True,
        )

    # -- serialisation --------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "sheet": self.sheet,
            "header_rows": list(self.header_rows),
            "header_texts": [list(r) for r in self.header_texts],
            "columns": [asdict(c) for c in self.columns],
            "rp_scale": self.rp_scale,
            "signature": self.signature,
            "confirmed": self.confirmed,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ColumnMap:
        """Read a saved mapping; a ``ValueError`` in Indonesian names what is wrong in it."""
        if not isinstance(data, dict):
            raise ValueError("pemetaan kolom harus berupa objek JSON")
        try:
            columns = [
                ColumnMeaning(
                    column=int(c["column"]),
                    letter=str(c.get("letter") or column_letter(int(c["column"]))),
                    labels=[str(t) for t in c.get("labels", [])],
                    meaning=str(c["meaning"]),
                    confidence=float(c.get("confidence", 1.0)),
                    reason=str(c.get("reason", "")),
                )
                for c in data.get("columns", [])
            ]
            scale = int(data.get("rp_scale", 1))
            mapping = cls(
                sheet=str(data.get("sheet", "")),
                header_rows=[int(r) for r in data.get("header_rows", [])],
                header_texts=[[str(t) for t in row] for row in data.get("header_texts", [])],
                columns=columns,
                rp_scale=scale,
                signature=str(data.get("signature", "")),
                confirmed=bool(data.get("confirmed", True)),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"pemetaan kolom tidak lengkap: {exc}") from exc
        bad = [c for c in columns if c.meaning not in MEANINGS]
        if bad:
            raise ValueError(f"kolom {bad[0].letter}: arti {bad[0].meaning!r} tidak dikenal")
        if scale not in (1, 1000, 1_000_000):
            raise ValueError(f"skala Rp {scale} tidak dikenal (1, 1000 atau 1000000)")
        return mapping

    @classmethod
    def from_json(cls, text: str) -> ColumnMap:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"berkas pemetaan bukan JSON yang sah: {exc}") from exc
        return cls.from_dict(data)


def normalised_label(text: str) -> str:
    """A header label as the signature sees it: lower case, spaces and punctuation folded."""
    return re.sub(r"[^0-9a-z%/=+x]+", " ", text.lower()).strip()


def header_signature(header_texts: list[list[str]]) -> str:
    """The shape of a header: a hash of its normalised labels, row by row and column by column
    (blank columns at the left and right dropped, so a table moved right keeps its signature)."""
    rows = [[normalised_label(t) for t in row] for row in header_texts]
    first = min((next((i for i, t in enumerate(r) if t), len(r)) for r in rows if any(r)), default=0)
    trimmed = []
    for row in rows:
        row = row[first:]
        while row and not row[-1]:
            row.pop()
        trimmed.append(row)
    canonical = json.dumps(trimmed, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def column_letter(column: int) -> str:
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
