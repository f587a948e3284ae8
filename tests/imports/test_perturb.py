"""A sheet's layout perturbed at random: the same figures come out, or the import is refused.

Never different figures saved (issue 9).  hypothesis moves columns (with their header labels),
respells the labels, inserts blank rows and heading rows and adds a helper column to the generated
sheet of ``tests.imports.sheets``; each perturbed sheet is imported for real inside a savepoint that
is rolled back, and its figures compared with the unperturbed sheet's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from imports.services import import_report
from planning.models import Agency
from planning.roles import SYSTEM
from tests.imports import sheets
from tests.imports.conftest import report_of
from tests.imports.sheets import Variant

HEADER_NAME = "Program/Kegiatan/Sub Kegiatan"
TEXT_COLUMNS = 4  # No, Sasaran, Program/Kegiatan/Sub Kegiatan, Indikator (the base variant)
MEASURES = ("5", "7", "I", "II", "III", "IV", "12", "13", "14")
# label spellings seen in real sheets, meaning the same
NUMBER_SPELLINGS = {
    "I": ["I", "TW I", "Triwulan I", "8"],
    "II": ["II", "TW II", "Triwulan II", "9"],
    "III": ["III", "TW III", "Triwulan III", "10"],
    "IV": ["IV", "TW IV", "Triwulan IV", "11"],
    "5": ["5", "(5)"],
    "7": ["7", "(7)"],
    "12": ["12", "(12)"],
    "13": ["13", "(13)"],
    "14": ["14", "(14)"],
}
SUB_SPELLINGS = {"K": ["K", "k"], "Rp": ["Rp", "Rp.", "RP"]}
HEADINGS = ["2.17 URUSAN KOPERASI, USAHA KECIL, DAN MENENGAH", "X.XX Non Urusan", "Bidang Urusan Koperasi"]


@dataclass(frozen=True)
class Perturbation:
    text_order: tuple[int, ...]  # a permutation of the text columns
    measure_order: tuple[int, ...]  # a permutation of the (K, Rp) column pairs
    numbers: tuple[str, ...]  # the number row's label per measure, in MEASURES order
    subs: tuple[str, str]  # how "K" and "Rp" are written
    upper_labels: bool  # the top header row in capitals
    blank_rows: tuple[int, ...]  # data rows (0-based among them) before which a blank row goes
    heading: tuple[int, str] | None  # a heading row (before data row n, its text in the name column)
    helper: bool  # "Kinerja" / "Keuangan" ratio columns at the right

    def apply(self, table: list[list[str]]) -> list[list[str]]:
        head = next(i for i, r in enumerate(table) if HEADER_NAME in r)
        end = next(i for i in range(head + 3, len(table)) if not table[i])  # the blank row after the data
        width = TEXT_COLUMNS + 2 * len(MEASURES)
        block = [r + [""] * (width - len(r)) for r in table[head:end]]
        block[1] = block[1][:TEXT_COLUMNS] + [
            cell if cell == "" else self.numbers[MEASURES.index(cell)] for cell in block[1][TEXT_COLUMNS:]
        ]
        block[2] = [_sub(c, self.subs) for c in block[2]]
        if self.upper_labels:
            block[0] = [c.upper() for c in block[0]]
        order = [*self.text_order]
        for m in self.measure_order:
            order += [TEXT_COLUMNS + 2 * m, TEXT_COLUMNS + 2 * m + 1]
        block = [[r[i] for i in order] for r in block]
        if self.helper:
            block[0] += ["Kinerja", "Keuangan"]
            block[1] += ["", ""]
            block[2] += ["%", "%"]
            for r in block[3:]:
                r += ["95.5", "88.1"] if any(c for c in r[TEXT_COLUMNS:]) else ["", ""]
        header, data = block[:3], block[3:]
        out: list[list[str]] = []
        for index, row in enumerate(data):
            if self.heading is not None and self.heading[0] == index:
                heading = [""] * len(row)
                heading[order.index(2)] = self.heading[1]
                out.append(heading)
            if index in self.blank_rows and index > 0:
                out.append([])
            out.append(row)
        return table[:head] + header + out + table[end:]


def _sub(cell: str, subs: tuple[str, str]) -> str:
    return {"K": subs[0], "Rp": subs[1]}.get(cell, cell)


@st.composite
def perturbations(draw: Any) -> Perturbation:
    data_rows = len(_base_table()) - 10  # title (4), header (3), the blank row and the two closing rows
    text_order = tuple(draw(st.permutations(range(TEXT_COLUMNS))))
    measure_order = tuple(draw(st.permutations(range(len(MEASURES))) | st.just(range(len(MEASURES)))))
    numbers = tuple(draw(st.sampled_from(NUMBER_SPELLINGS[m])) for m in MEASURES)
    subs = (draw(st.sampled_from(SUB_SPELLINGS["K"])), draw(st.sampled_from(SUB_SPELLINGS["Rp"])))
    blank_rows = tuple(draw(st.lists(st.integers(1, data_rows - 1), max_size=2, unique=True)))
    # where real sheets print them: above the sasaran or above the program (not between a row and its
    # second indicator, where no sheet puts one)
    heading = draw(st.none() | st.tuples(st.sampled_from((0, 1)), st.sampled_from(HEADINGS)))
    return Perturbation(
        text_order=text_order,
        measure_order=tuple(measure_order),
        numbers=numbers,
        subs=subs,
        upper_labels=draw(st.booleans()),
        blank_rows=blank_rows,
        heading=heading,
        helper=draw(st.booleans()),
    )


def _base_table() -> list[list[str]]:
    return sheets.rows(Variant())


def figures(report: dict[str, Any]) -> dict[tuple[str, str | None], Any]:
    """Every input figure of every line, by its name and indicator (a heading row adds no figure)."""
    out = {}
    for row in report["rows"]:
        cells = (row["strategic_target"], row["prior_realization"], row["annual_target"], *row["quarters"])
        values = [(c or {}).get(k) for c in cells for k in ("value", "budget")]
        if any(v is not None for v in values):
            out[(row["name"], row["indicator"])] = (row["level"], row["unit"], values)
    return out


def _import_and_read(table: list[list[str]]) -> tuple[Any, dict[tuple[str, str | None], Any] | None, bool]:
    return import_and_read(sheets.as_csv(table), "acak.csv")


def import_and_read(data: bytes, filename: str) -> tuple[Any, dict[tuple[str, str | None], Any] | None, bool]:
    """Import a file inside a savepoint rolled back afterwards: the result, its figures, whether
    anything was left in the database after a refusal."""
    with transaction.atomic():
        result = import_report(
            data=data,
            filename=filename,
            agency_slug="dinas-uji",
            year=2022,
            actor=SYSTEM,
            dry_run=False,
        )
        got = figures(report_of("dinas-uji", 2022, 2)) if result.ok else None
        leftover = not result.ok and Agency.objects.filter(slug="dinas-uji").exists()
        transaction.set_rollback(True)
    return result, got, leftover


_BASELINE: dict[str, Any] = {}


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same examples on every run and every machine: CI stays reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(perturbation=perturbations())
def test_a_perturbed_layout_gives_the_same_figures_or_is_refused(empty_db, perturbation: Perturbation) -> None:
    if "figures" not in _BASELINE:
        result, got, _leftover = _import_and_read(_base_table())
        assert result.ok and got, [str(p) for p in result.errors]
        _BASELINE["figures"] = got
    result, got, leftover = _import_and_read(perturbation.apply(_base_table()))
    event("imported" if result.ok else "refused")
    if result.ok:
        assert got == _BASELINE["figures"], perturbation
    else:
        assert not result.written and not leftover


def test_the_identity_perturbation_imports() -> None:
    """The strategy's neutral draw leaves the sheet as generated (so the test above compares like with like)."""
    neutral = Perturbation(
        text_order=(0, 1, 2, 3),
        measure_order=tuple(range(len(MEASURES))),
        numbers=MEASURES,
        subs=("K", "Rp"),
        upper_labels=False,
        blank_rows=(),
        heading=None,
        helper=False,
    )
    assert neutral.apply(_base_table()) == _base_table()


def test_a_heavily_perturbed_sheet_still_imports_to_the_same_figures(empty_db) -> None:
    """One draw spelled out, so the property above can never pass by refusing everything: text columns
    reordered, every column pair moved, labels respelled and in capitals, a blank row and a heading row."""
    perturbation = Perturbation(
        text_order=(1, 2, 0, 3),
        measure_order=(3, 5, 2, 7, 6, 0, 1, 8, 4),
        numbers=("(5)", "7", "8", "9", "III", "TW IV", "(12)", "13", "(14)"),
        subs=("k", "Rp."),
        upper_labels=True,
        blank_rows=(4,),
        heading=(0, "Bidang Urusan Koperasi"),
        helper=False,
    )
    result, got, _leftover = _import_and_read(perturbation.apply(_base_table()))
    assert result.ok, [str(p) for p in result.errors]
    assert got == figures_of_base()


def figures_of_base() -> dict[tuple[str, str | None], Any]:
    result, got, _ = _import_and_read(_base_table())
    assert result.ok and got is not None
    return got
