"""The base figures' screen: the PD types a quarter's figures (Indonesian notation), the realisation is
computed and shown with its numerator and denominator; readers see it read-only; fixed query count."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from computed.services import computed_define
from domain.computed import BaseFigureDef
from planning.models import Indicator, Membership, Realization

PD = "diskopum-lumajang"


@pytest.fixture
def users(agency: Any, django_user_model: Any) -> dict[str, Any]:
    out = {}
    for name, role, where in (("operator", Membership.Role.OPERATOR, agency), ("reader", Membership.Role.READER, None)):
        out[name] = django_user_model.objects.create_user(f"f-{name}", password="x" * 12)
        Membership.objects.create(user=out[name], region=agency.region, agency=where, role=role)
    return out


def _define(indicator: Indicator, actor: Any) -> Any:
    return computed_define(
        indicator=indicator,
        formula="koperasi_aktif / koperasi_seluruh x 100 %",
        figures=[
            BaseFigureDef("koperasi_aktif", "Jumlah koperasi aktif"),
            BaseFigureDef("koperasi_seluruh", "Jumlah seluruh koperasi"),
        ],
        actor=actor,
    )


def test_the_pd_types_the_figures_and_sees_the_computed_realisation(client, agency, users) -> None:
    active = Indicator.objects.get(name="Persentase Koperasi Aktif")
    computed = _define(active, users["operator"])
    client.force_login(users["operator"])
    save = reverse("computed:figure_save", args=[PD, 2021, 4])
    for name, typed in (("koperasi_aktif", "1.065"), ("koperasi_seluruh", "1.500")):
        figure = computed.figures.get(name=name)
        assert client.post(save, {"figure": figure.pk, "value": typed, "version": ""}).status_code == 302
    assert Realization.objects.get(indicator=active, year=2021, quarter=4).value == Decimal(71)
    page = client.get(reverse("computed:figures", args=[PD, 2021, 4])).content.decode()
    assert "<strong>71</strong> = 106.500 / 1.500" in page and 'value="1.065"' in page
    bad = client.post(
        save, {"figure": computed.figures.get(name="koperasi_aktif").pk, "value": "1.5", "version": "x"}, follow=True
    )
    assert "format Indonesia" in bad.content.decode()
    client.force_login(users["reader"])
    read_only = client.get(reverse("computed:figures", args=[PD, 2021, 4])).content.decode()
    assert "1.065" in read_only and "figure_save" not in read_only and "/angka-dasar/simpan/" not in read_only


def test_the_page_runs_a_fixed_number_of_queries(client, agency, users) -> None:
    client.force_login(users["operator"])
    url = reverse("computed:figures", args=[PD, 2021, 4])
    candidates = list(Indicator.objects.filter(row__strategic_plan__agency=agency, aggregation="last")[:3])
    counts = []
    for indicators in (candidates[:1], candidates):
        for indicator in indicators:
            if not hasattr(indicator, "computed"):
                _define(indicator, users["operator"])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_formula_is_set_on_its_page_and_a_bad_one_refused_with_the_reason(client, agency, users) -> None:
    active = Indicator.objects.get(name="Persentase Koperasi Aktif")
    url = reverse("computed:formula", args=[PD, active.pk])
    client.force_login(users["operator"])
    assert "Jml koperasi aktif" in client.get(url).content.decode()  # the plan's formulasi, as a hint
    figures = "koperasi_aktif | Jumlah koperasi aktif | stok\nkoperasi_seluruh | Jumlah seluruh koperasi"
    bad = client.post(url, {"formula": "koperasi_aktif / jumlah x 100 %", "figures": figures})
    assert bad.status_code == 200 and "Nama &#x27;jumlah&#x27; bukan angka dasar" in bad.content.decode()
    wrong_line = client.post(url, {"formula": "a", "figures": "a | A | bulanan"})
    assert "jenis &#x27;bulanan&#x27; tidak dikenal" in wrong_line.content.decode()
    saved = client.post(
        url, {"formula": "koperasi_aktif / koperasi_seluruh x 100 %", "figures": figures, "reason": "Renstra"}
    )
    assert saved.status_code == 302
    assert active.computed.formula == "koperasi_aktif / koperasi_seluruh * 100"
    assert [f.name for f in active.computed.figures.all()] == ["koperasi_aktif", "koperasi_seluruh"]
    client.force_login(users["reader"])
    shown = client.get(url).content.decode()
    assert "koperasi_aktif / koperasi_seluruh * 100" in shown and "Simpan rumus" not in shown
    assert client.post(url, {"formula": "koperasi_aktif", "figures": figures}).status_code == 403
