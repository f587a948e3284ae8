"""A plan with Permendagri 90 codes: the workbook prints a Kode column, and importing it back keeps them."""

from __future__ import annotations

import io
from typing import Any

from python_calamine import CalamineWorkbook

from planning.models import Agency, PlanRow, Region
from planning.roles import SYSTEM
from quarters.models import QuarterReport
from reporting.renderers.xlsx import render_xlsx
from reporting.report import report_build

# Known codes of the seed's rows (DOMAIN.md section 2); 2021: sub kegiatan codes of two digits.
CODES = {
    "Program pemberdayaan usaha menengah, usaha kecil, dan usaha mikro (UMKM)": "2.17.07",
    "Pendataan Potensi dan Pengembangan Usaha Mikro": "2.17.07.2.01.01",
    "Pemberdayaan Kelembagaan Potensi dan Pengembangan Usaha Mikro": "2.17.07.2.01.04",
    "Program pengawasan dan pemeriksaan koperasi": "2.17.03",
}


def test_codes_survive_a_round_trip(agency: Any) -> None:
    from imports.services import import_report

    for name, code in CODES.items():
        assert PlanRow.objects.filter(strategic_plan__agency=agency, name=name).update(code=code) == 1
    data = render_xlsx(report_build(agency=agency, year=2021, quarter=4))
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("E.81").to_python()
    header = next(r for r in rows if r and r[0] == "No")
    assert header[:4] == ["No", "Sasaran", "Kode", "Program/Kegiatan/Sub Kegiatan"]  # the form's order
    printed = {r[3]: r[2] for r in rows if r[2] and r[3]}
    assert {name: printed.get(name) for name in CODES} == CODES

    QuarterReport.objects.all().delete()
    Agency.objects.all().delete()
    Region.objects.all().delete()
    result = import_report(
        data=data, filename="e81.xlsx", agency_slug="diskopum-lumajang", year=2021, dry_run=False, actor=SYSTEM
    )
    assert result.ok, [str(p) for p in result.errors]
    codes = dict(PlanRow.objects.filter(name__in=CODES).values_list("name", "code"))
    assert codes == CODES
    assert PlanRow.objects.exclude(code="").count() == len(CODES)
