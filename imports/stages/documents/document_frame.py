"""The frame of the imported document: its quarter and year, its pemda and PD, its Renstra period.

Each comes from what the database already knows (``Destination``) or else from the sheet's title
block and column 5's label ("Target Renstra ... 2024"); a disagreement between the two is a problem
named by its place, and a missing one either an error (no pemda, no quarter) or a stated assumption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.text import slugify

from imports.cells import cell_text
from imports.nomenclature import normalise, similarity
from imports.stages.locate.tables import Title
from imports.stages.place.sheet_place import SheetPlace
from planning.documents import AgencyDoc, RegionDoc


@dataclass
class Destination:
    """Where the import goes, as far as the database knows it (empty strings: not there yet)."""

    agency_slug: str
    agency_name: str = ""
    agency_short_name: str = ""
    region_slug: str = ""
    region_name: str = ""
    region_kind: str = ""
    region_place: str = ""
    strategic: tuple[int, int] | None = None
    revision: int = 0
    work_plan_label: str = ""


def check_period(title: Title, year: int, quarter: int | None, *, place: SheetPlace) -> int | None:
    """The report's quarter: the one asked for, else the title's; a title contradicting the year or
    the quarter asked for is an error."""
    if title.year is not None and title.year != year:
        place.problems.error(f"berkas melaporkan tahun {title.year}, bukan {year}", sheet=place.sheet, row=title.row)
    if title.quarter is not None:
        if quarter is not None and quarter != title.quarter:
            place.problems.error(
                f"judul menyebut triwulan {title.quarter} ({title.quarter_text!r}), bukan {quarter}",
                sheet=place.sheet,
                row=title.row,
            )
        elif not re.search(r"triwulan", title.quarter_text, re.I):
            place.problems.info(
                f"judul {title.quarter_text!r} dibaca sebagai Triwulan {title.quarter}",
                sheet=place.sheet,
                row=title.row,
            )
        return quarter or title.quarter
    return quarter


def _same_name(written: str, *names: str) -> bool:
    """The title names this PD or pemda: equal once normalised, or a typo away (similarity 0.9)."""
    return any(n and (normalise(n) == normalise(written) or similarity(n, written) >= 0.9) for n in names)


def other_destination(title: Title, destination: Destination) -> str:
    """What the title names that is not the destination ("perangkat daerah 'X', bukan 'Y'"), or "".
    Importing such a file needs the person's explicit confirmation (``import_report``)."""
    other = []
    if title.agency and destination.agency_name:
        if not _same_name(title.agency, destination.agency_name, destination.agency_short_name):
            other.append(f"perangkat daerah {title.agency!r}, bukan {destination.agency_name!r}")
    if title.region and destination.region_name and not _same_name(title.region, destination.region_name):
        other.append(f"pemda {title.region!r}, bukan {destination.region_name!r}")
    return "judul berkas menyebut " + " dan ".join(other) if other else ""


def renstra_end_of(header_cells: list[object]) -> int | None:
    """The Renstra's last year as column 5's label prints it ("Target Renstra ... (2024)"), if it does."""
    renstra_end = None
    for label in (cell_text(c) for c in header_cells):
        m = re.search(r"target renstra.*?(\d{4})", label.lower())
        if m:
            renstra_end = int(m.group(1))
    return renstra_end


def region_doc(destination: Destination, title: Title, *, place: SheetPlace) -> RegionDoc:
    if destination.region_slug:
        return RegionDoc(
            slug=destination.region_slug,
            name=destination.region_name,
            kind=destination.region_kind or "kabupaten",
            place=destination.region_place,
        )
    if not title.region:
        place.problems.error(
            "pemda belum ada dan judul berkas tidak menyebut Kabupaten/Kota/Provinsi; berikan --region",
            sheet=place.sheet,
        )
        return RegionDoc(slug="", name="")
    return RegionDoc(slug=slugify(title.place)[:50], name=title.region, kind=title.region_kind, place=title.place)


def agency_doc(destination: Destination, title: Title, *, place: SheetPlace) -> AgencyDoc:
    name = destination.agency_name or title.agency
    if not name:
        name = destination.agency_slug.replace("-", " ").title()
        place.problems.warning(
            f"judul berkas tidak menyebut nama perangkat daerah; dinamai {name!r}", sheet=place.sheet
        )
    return AgencyDoc(slug=destination.agency_slug, name=name)


def strategic_years(
    destination: Destination, year: int, renstra_end: int | None, *, header_row: int, place: SheetPlace
) -> tuple[int, int]:
    """The Renstra period: the stored one, else the five years ending in column 5's year, else
    ``year`` to ``year + 4`` (said so)."""
    if destination.strategic is not None:
        start, end = destination.strategic
        if renstra_end is not None and renstra_end != end:
            place.problems.warning(
                f"judul kolom 5 menyebut Renstra sampai {renstra_end}, Renstra tersimpan {start}-{end}",
                sheet=place.sheet,
                row=header_row,
            )
        return destination.strategic
    if renstra_end is not None and renstra_end - 4 <= year <= renstra_end:
        return renstra_end - 4, renstra_end
    place.problems.info(
        f"periode Renstra tidak tertulis; dianggap {year}-{year + 4}", sheet=place.sheet, row=header_row
    )
    return year, year + 4
