"""A computed indicator on the entry screen: its K cell shows the computed value read-only (ƒ, the
formula in its title) with a link to the quarter's base figures page, the header links to that page
when the PD has computed indicators, and the page's query count stays constant."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from computed.models import BaseFigure, ComputedIndicator
from computed.services import base_figure_set, computed_define
from domain.computed import BaseFigureDef
from planning.models import Agency, Indicator, Membership

PD = "diskopum-lumajang"
ACTIVE = "Persentase Perkembangan Usaha Mikro"
FIGURES_PAGE = f"/pd/{PD}/triwulan/2021/4/angka-dasar/"


@pytest.fixture
def operator(agency: Any, django_user_model: Any) -> Any:
    user = django_user_model.objects.create_user("ce-operator", password="x" * 12)
    Membership.objects.create(user=user, region=agency.region, agency=agency, role=Membership.Role.OPERATOR)
    return user


def _computed(operator: Any) -> Indicator:
    indicator = Indicator.objects.select_related("row__strategic_plan__agency").get(name=ACTIVE)
    computed = computed_define(
        indicator=indicator,
        formula="berkembang / seluruh x 100 %",
        figures=[BaseFigureDef("berkembang", "UM berkembang"), BaseFigureDef("seluruh", "Seluruh UM")],
        actor=operator,
    )
    for name, value in (("berkembang", "1065"), ("seluruh", "1500")):
        base_figure_set(
            figure=computed.figures.get(name=name), year=2021, quarter=4, value=Decimal(value), actor=operator
        )
    return indicator


def _cell(body: str, indicator: Indicator) -> str:
    match = re.search(rf'<td id="l{indicator.row_id}-{indicator.pk}-kin"[^>]*>.*?</td>', body, re.S)
    assert match, "no K cell for the indicator"
    return match.group(0)


def test_the_k_cell_shows_the_computed_value_read_only_with_its_formula_and_figures(client, operator) -> None:
    client.force_login(operator)
    before = client.get(reverse("quarters:entry", args=[PD, 2021, 4])).content.decode()
    assert "angka-dasar/" not in before  # no computed indicator yet: no link in the header
    active = _computed(operator)
    body = client.get(reverse("quarters:entry", args=[PD, 2021, 4])).content.decode()
    cell = _cell(body, active)
    assert "<input" not in cell and 'class="cell-fixed n"' in cell and "c-computed" in cell
    assert "ƒ</span> 71</span>" in cell  # 1.065 of 1.500 x 100, the stored realisation
    assert 'title="Indikator terhitung: berkembang / seluruh * 100. Dihitung dari angka dasar' in cell
    assert f'href="{FIGURES_PAGE}"' in cell
    header = body[: body.index('id="entry-table"')]
    assert f'href="{FIGURES_PAGE}"' in header and "Angka dasar TW IV" in header
    assert f'aria-label="Realisasi K {ACTIVE}"' not in body  # no input to type into
    assert body.count('aria-label="Realisasi K ') >= 30  # the other indicators are still inputs


def test_a_pd_whose_only_computed_indicator_is_a_goal_gets_the_header_link(client, operator) -> None:
    """The seed's Persentase Koperasi Aktif is an Indikator Tujuan: no line of the table, but its figures
    are entered each quarter, so the header still leads to them."""
    goal = Indicator.objects.get(name="Persentase Koperasi Aktif")
    computed_define(
        indicator=goal,
        formula="koperasi_aktif / koperasi_seluruh x 100 %",
        figures=[BaseFigureDef("koperasi_aktif", "Aktif"), BaseFigureDef("koperasi_seluruh", "Seluruh")],
        actor=operator,
    )
    client.force_login(operator)
    body = client.get(reverse("quarters:entry", args=[PD, 2021, 4])).content.decode()
    header = body[: body.index('id="entry-table"')]
    assert f'href="{FIGURES_PAGE}"' in header and 'class="cell-fixed n"' not in body


def test_a_reader_sees_the_same_mark_and_the_figures_page_reads(client, agency, operator, django_user_model) -> None:
    active = _computed(operator)
    reader = django_user_model.objects.create_user("ce-reader", password="x" * 12)
    Membership.objects.create(user=reader, region=agency.region, role=Membership.Role.READER)
    client.force_login(reader)
    cell = _cell(client.get(reverse("quarters:entry", args=[PD, 2021, 4])).content.decode(), active)
    assert "ƒ</span> 71</span>" in cell
    assert client.get(FIGURES_PAGE).status_code == 200


def test_an_approved_quarter_shows_the_frozen_computed_k_marked_the_same(
    client, agency, operator, django_user_model
) -> None:
    from quarters.workflow import quarter_approve
    from tests.conftest import submit_explained

    active = _computed(operator)
    verifier = django_user_model.objects.create_user("ce-verifier", password="x" * 12)
    Membership.objects.create(user=verifier, region=agency.region, role=Membership.Role.VERIFIER)
    submit_explained(agency=agency, year=2021, quarter=4, actor=operator)
    quarter_approve(agency=agency, year=2021, quarter=4, actor=verifier)
    client.force_login(operator)
    cell = _cell(client.get(reverse("quarters:entry", args=[PD, 2021, 4])).content.decode(), active)
    assert "ƒ</span> 71</span>" in cell and "<input" not in cell


def test_a_refused_save_of_the_computed_cell_answers_in_the_read_only_cell(client, operator) -> None:
    active = _computed(operator)
    client.force_login(operator)
    answer = client.post(
        reverse("quarters:value_save", args=[PD, 2021, 4]), {"kind": "k", "id": active.pk, "value": "50"}
    ).content.decode()
    cell = _cell(answer, active)
    assert "<input" not in cell and 'class="cell-error"' in cell and "indikator terhitung" in cell


def test_the_entry_page_with_computed_indicators_runs_a_constant_number_of_queries(client, django_user_model) -> None:
    from tests.bench.test_page_queries import load_agencies

    counts = []
    for rows, first, computed in ((5, 0, 1), (120, 1, 40)):
        [slug] = load_agencies(1, rows=rows, first=first)
        agency = Agency.objects.get(slug=slug)
        lines = Indicator.objects.filter(row__strategic_plan__agency=agency).exclude(row__level="goal")  # goals: header
        for indicator in lines.order_by("pk")[:computed]:
            c = ComputedIndicator.objects.create(indicator=indicator, formula="a / b * 100")
            BaseFigure.objects.bulk_create([BaseFigure(computed=c, name=n, label=n) for n in "ab"])
        user = django_user_model.objects.create_user(f"ce-{slug}", password="x" * 12)
        Membership.objects.create(user=user, region=agency.region, agency=agency, role=Membership.Role.OPERATOR)
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("quarters:entry", args=[slug, 2021, 2]))
        assert response.status_code == 200
        assert response.content.count(b'class="cell-fixed n"') == computed
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
