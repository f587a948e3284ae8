"""The pemda's computed indicators on the E.79, in every format read back: each PD's base figures summed,
the formula applied once to the sums (never a mean of the PD's percentages), a PD with a figure blank
left out whole.  Worked out by hand on the three-PD pemda of tests.regency.factory:

    Dinas Koperasi Uji, Persentase UM naik kelas = aktif / seluruh x 100:   70 of 100 (70 %)
    Dinas Pendidikan Uji, Angka partisipasi sekolah, the same formula:     10 of 50  (20 %)
    -> one line: aktif 80, seluruh 150, 8000 / 150 = 53,333333 (not (70 + 20) / 2 = 45)
    Dinas Kesehatan Uji, Angka kematian ibu = aktif / seluruh x 1000: aktif 5, seluruh blank
    -> a second line: no PD complete, left out 1, no value
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from python_calamine import CalamineWorkbook

from computed.services import base_figure_set, computed_define
from domain.computed import BaseFigureDef
from planning.models import Indicator
from planning.roles import SYSTEM
from reporting.regency.builder import regency_report_build
from reporting.regency.renderers import REGENCY_RENDERERS
from reporting.regency.table import COMPUTED_HEAD, COMPUTED_TITLE
from tests.regency.factory import YEAR
from tests.renderers.conftest import pdf_pages

FIGURES = [BaseFigureDef("aktif", "Jumlah aktif"), BaseFigureDef("seluruh", "Jumlah seluruh")]


def _computed(name: str, formula: str, aktif: int, seluruh: int | None) -> None:
    indicator = Indicator.objects.select_related("row__strategic_plan__agency").get(
        name=name, row__strategic_plan__agency__region__slug="uji-e79"
    )
    computed = computed_define(indicator=indicator, formula=formula, figures=FIGURES, actor=SYSTEM)
    for figure, value in (("aktif", aktif), ("seluruh", seluruh)):
        if value is not None:
            base_figure_set(
                figure=computed.figures.get(name=figure), year=YEAR, quarter=4, value=Decimal(value), actor=SYSTEM
            )


@pytest.fixture
def e79(uji):
    _computed("Persentase UM naik kelas", "aktif / seluruh x 100 %", 70, 100)
    _computed("Angka partisipasi sekolah", "aktif / seluruh x 100 %", 10, 50)
    _computed("Angka kematian ibu", "aktif / seluruh x 1000", 5, None)
    return regency_report_build(region=uji, year=YEAR, quarter=4)


def test_json(e79) -> None:
    data = json.loads(REGENCY_RENDERERS["json"].render(e79))
    deaths, ratio = data["computed_indicators"]  # in the order of their first PD's name
    assert ratio["formula"] == "aktif / seluruh * 100" and ratio["unit"] == "%"
    assert ratio["indicators"] == ["Persentase UM naik kelas", "Angka partisipasi sekolah"]
    assert ratio["figures"] == {"aktif": "80", "seluruh": "150"}
    assert (ratio["numerator"], ratio["denominator"], ratio["value"]) == ("8000", "150", "53.333333")
    assert (ratio["counted"], ratio["left_out"], ratio["reason"]) == (2, 0, None)
    assert [(p["agency"], p["value"]) for p in ratio["parts"]] == [("uji-koperasi", "70"), ("uji-pendidikan", "20")]
    assert deaths["formula"] == "aktif / seluruh * 1000" and deaths["value"] is None
    assert (deaths["counted"], deaths["left_out"], deaths["reason"]) == (0, 1, "tidak ada PD yang lengkap")
    assert deaths["parts"][0]["figures"] == {"aktif": "5", "seluruh": None}


def test_csv(e79) -> None:
    rows = list(csv.reader(io.StringIO(REGENCY_RENDERERS["csv"].render(e79).decode("utf-8"))))
    at = rows.index([COMPUTED_TITLE])
    assert rows[at + 1] == list(COMPUTED_HEAD)
    deaths, ratio = (dict(zip(COMPUTED_HEAD, r, strict=True)) for r in rows[at + 2 : at + 4])
    assert ratio["Indikator terhitung"] == "Persentase UM naik kelas / Angka partisipasi sekolah"
    assert (ratio["Pembilang"], ratio["Penyebut"], ratio["Nilai pemda"]) == ("8000", "150", "53.333333")
    assert ratio["Angka dasar (jumlah PD yang lengkap)"] == "aktif = 80; seluruh = 150"
    assert (ratio["PD dihitung"], ratio["PD tidak lengkap"]) == ("2", "0")
    assert ratio["Perangkat Daerah"] == "Dinas Koperasi Uji; Dinas Pendidikan Uji"
    assert (deaths["Nilai pemda"], deaths["PD tidak lengkap"], deaths["Keterangan"]) == (
        "", "1", "tidak ada PD yang lengkap",
    )  # fmt: skip
    assert deaths["Perangkat Daerah"] == "Dinas Kesehatan Uji (tidak lengkap)"


def test_xlsx(e79) -> None:
    book = CalamineWorkbook.from_filelike(io.BytesIO(REGENCY_RENDERERS["xlsx"].render(e79)))
    assert book.sheet_names == ["E.79", "Rata-rata PD", "Indikator terhitung"]
    rows = book.get_sheet_by_name("Indikator terhitung").to_python()
    assert rows[0][0] == COMPUTED_TITLE
    [ratio] = [r for r in rows if r[2] == "aktif / seluruh * 100"]
    assert (ratio[5], ratio[6], ratio[8], ratio[9]) == (8000, 150, 2, 0)  # numbers stay numbers
    assert ratio[7] == pytest.approx(53.333333)
    [deaths] = [r for r in rows if r[2] == "aktif / seluruh * 1000"]
    assert (deaths[7], deaths[9], deaths[11]) == ("-", 1, "tidak ada PD yang lengkap")


def test_pdf(e79, tmp_path) -> None:
    text = " ".join(" ".join(pdf_pages(REGENCY_RENDERERS["pdf"].render(e79), tmp_path)).split())
    assert "Indikator terhitung pemda" in text
    assert "aktif = 80; seluruh = 150" in text and "53,333333" in text and "8.000" in text
    assert "tidak ada PD yang lengkap" in text
    assert text.index("Rata-rata capaian dan predikat per Perangkat Daerah") < text.index("Indikator terhitung pemda")


def test_html(e79) -> None:
    html = REGENCY_RENDERERS["html"].render(e79).decode("utf-8")
    assert html.count('class="list t-computed"') == 1 and "<script" not in html
    assert "aktif = 80; seluruh = 150" in html and "53,333333" in html and "tidak ada PD yang lengkap" in html
    assert html.index("t-agencies") < html.index("t-computed") < html.index('<ul class="legend">')


def test_a_pemda_without_computed_indicators_prints_no_table(uji) -> None:
    e79 = regency_report_build(region=uji, year=YEAR, quarter=4)
    assert e79.computed == ()
    assert json.loads(REGENCY_RENDERERS["json"].render(e79))["computed_indicators"] == []
    assert COMPUTED_TITLE not in REGENCY_RENDERERS["csv"].render(e79).decode("utf-8")
    assert "t-computed" not in REGENCY_RENDERERS["html"].render(e79).decode("utf-8")


def test_the_computed_lines_cost_a_fixed_number_of_queries(uji) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            regency_report_build(region=uji, year=YEAR, quarter=4)
        return len(ctx.captured_queries)

    _computed("Persentase UM naik kelas", "aktif / seluruh x 100 %", 70, 100)
    one = count()
    _computed("Angka partisipasi sekolah", "aktif / seluruh x 100 %", 10, 50)
    _computed("Angka kematian ibu", "aktif / seluruh x 1000", 5, None)
    assert count() == one


def test_the_web_page_prints_the_table_where_the_download_does(e79, client, django_user_model) -> None:
    from django.urls import reverse

    client.force_login(django_user_model.objects.create_superuser("e79-computed", password="x" * 12))
    page = client.get(reverse("regency:e79", args=["uji-e79", YEAR, 4])).content.decode()
    assert page.count('class="list t-computed"') == 1
    assert "aktif = 80; seluruh = 150" in page and "53,333333" in page
    assert page.index("t-agencies") < page.index("t-computed") < page.index('<ul class="legend">')
