"""Computed indicators combined over the pemda's PD: the parts are summed, then the formula applied."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from computed.selectors import computed_of_region
from computed.services import base_figure_set, computed_define
from domain.computed import BaseFigureDef
from planning.models import Agency, Indicator, PlanRow, StrategicPlan
from tests.api.conftest import auth

FIGURES = [BaseFigureDef("aktif", "Koperasi aktif"), BaseFigureDef("seluruh", "Seluruh koperasi")]


def _pd_with_indicator(agency: Any, slug: str) -> Indicator:
    other = Agency.objects.create(region=agency.region, slug=slug, name=f"Kecamatan {slug}")
    plan = StrategicPlan.objects.create(agency=other, start_year=2019, end_year=2023)
    row = PlanRow.objects.create(strategic_plan=plan, level="goal", position=1, name="Tujuan")
    return Indicator.objects.create(row=row, name="Persentase Koperasi Aktif", unit="%", aggregation="last")


def _define_and_fill(indicator: Indicator, aktif: str | None, seluruh: str | None, actor: Any) -> None:
    computed = computed_define(indicator=indicator, formula="aktif / seluruh * 100", figures=FIGURES, actor=actor)
    for name, value in (("aktif", aktif), ("seluruh", seluruh)):
        if value is not None:
            figure = computed.figures.get(name=name)
            base_figure_set(figure=figure, year=2021, quarter=3, value=Decimal(value), actor=actor)


def test_the_pemda_figure_is_the_sum_of_parts_not_the_mean_of_percentages(client, agency, personas) -> None:
    from planning.roles import SYSTEM

    _define_and_fill(Indicator.objects.get(name="Persentase Koperasi Aktif"), "70", "100", SYSTEM)  # 70 %
    _define_and_fill(_pd_with_indicator(agency, "kec-a"), "10", "50", SYSTEM)  # 20 %
    _define_and_fill(_pd_with_indicator(agency, "kec-b"), "5", None, SYSTEM)  # incomplete
    [line] = computed_of_region(region=agency.region, year=2021, quarter=3)
    assert (line.counted, line.left_out) == (2, 1)
    assert line.figures == {"aktif": Decimal(80), "seluruh": Decimal(150)}
    assert line.result.value.quantize(Decimal("0.01")) == Decimal("53.33")  # not (70 + 20) / 2 = 45
    assert [p.result.value for p in line.parts][:2] == [Decimal(70), Decimal(20)]
    url = reverse("api:computed_region", args=["lumajang", 2021, 3])
    data = client.get(url, **auth(personas["verifier"]["token"])).json()
    assert data[0]["numerator"] == "8000" and data[0]["denominator"] == "150" and data[0]["left_out"] == 1
    assert client.get(url, **auth(personas["operator"]["token"])).status_code == 403


def test_it_runs_a_fixed_number_of_queries(agency) -> None:
    from planning.roles import SYSTEM

    counts = []
    for slugs in (["kec-a"], ["kec-b", "kec-c", "kec-d"]):
        for slug in slugs:
            _define_and_fill(_pd_with_indicator(agency, slug), "1", "2", SYSTEM)
        with CaptureQueriesContext(connection) as queries:
            computed_of_region(region=agency.region, year=2021, quarter=3)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
