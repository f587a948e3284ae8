"""A computed indicator's K is never typed: every path that writes a K (the service itself, the entry
screen's cell, a block pasted on it, the API) is refused by ``realization_set`` with the same message,
naming the indicator and its base figures page; nothing is written.  The computed service's own write
(source "indikator terhitung: ...") still goes through.  And what an import keeps of a sheet's K
(``computed.guard.sheet_values_kept``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from api.tokens import token_issue
from audit.models import AuditEvent
from computed.guard import ComputedValueRefused, plan_formulas, sheet_values_kept
from computed.services import base_figure_set, computed_define
from domain.computed import BaseFigureDef, FigureKind
from planning.errors import NotAllowed
from planning.models import Indicator, Membership, Realization
from planning.roles import SYSTEM
from planning.services.realizations import realization_set, value_version

D = Decimal
PD = "diskopum-lumajang"
ACTIVE = "Persentase Perkembangan Usaha Mikro"  # a line of the E.81 (the seed's goal indicators are not)
ASN = "Jumlah ASN terlayani gaji dan tunjangan"  # an ordinary (typed) indicator of the same PD
OTHER = "Jumlah UM yang di data"  # a third, typed, pasted beside it
FIGURES_PAGE = f"/pd/{PD}/triwulan/2021/4/angka-dasar/"


@pytest.fixture
def operator(agency: Any, django_user_model: Any) -> Any:
    user = django_user_model.objects.create_user("t-operator", password="x" * 12)
    Membership.objects.create(user=user, region=agency.region, agency=agency, role=Membership.Role.OPERATOR)
    return user


@pytest.fixture
def active(agency: Any, operator: Any) -> Indicator:
    """A percentage of the seed, computed: 355 of 500 in TW IV 2021 give 71."""
    indicator = Indicator.objects.select_related("row__strategic_plan__agency").get(name=ACTIVE)
    computed = computed_define(
        indicator=indicator,
        formula="um_berkembang / um_seluruh x 100 %",
        figures=[
            BaseFigureDef("um_berkembang", "Jumlah usaha mikro berkembang", FigureKind.STOCK),
            BaseFigureDef("um_seluruh", "Jumlah seluruh usaha mikro", FigureKind.STOCK),
        ],
        actor=operator,
    )
    for name, value in (("um_berkembang", D(355)), ("um_seluruh", D(500))):
        base_figure_set(figure=computed.figures.get(name=name), year=2021, quarter=4, value=value, actor=operator)
    return indicator


def _version(indicator: Indicator) -> str:
    return value_version(Realization.objects.filter(indicator=indicator, year=2021, quarter=4).first())


def _by_service(client: Any, user: Any, indicator: Indicator, typed: str) -> str:
    try:
        realization_set(
            indicator=indicator, year=2021, quarter=4, value=D(typed) if typed else None, actor=user, source="tes"
        )
    except ComputedValueRefused as exc:
        return str(exc)
    return ""


def _by_entry_cell(client: Any, user: Any, indicator: Indicator, typed: str) -> str:
    client.force_login(user)
    url = reverse("quarters:value_save", args=[PD, 2021, 4])
    cell = {"kind": "k", "id": indicator.pk, "value": typed.replace(".", ","), "version": _version(indicator)}
    response = client.post(url, cell)
    assert response.status_code == 200
    return response.content.decode() if 'class="cell-error"' in response.content.decode() else ""


def _by_paste(client: Any, user: Any, indicator: Indicator, typed: str) -> str:
    """A block of two cells: the other indicator's value saves, this one's answers for itself."""
    client.force_login(user)
    other = Indicator.objects.get(name=OTHER)
    cells = [
        {"kind": "k", "id": indicator.pk, "value": typed.replace(".", ","), "version": _version(indicator)},
        {"kind": "k", "id": other.pk, "value": "23", "version": _version(other)},
    ]
    response = client.post(reverse("quarters:values_paste", args=[PD, 2021, 4]), {"cells": json.dumps(cells)})
    assert response.status_code == 200
    assert Realization.objects.get(indicator=other, year=2021, quarter=4).value == D(23)  # saved beside it
    body = response.content.decode()
    return body if "ditolak" in body else ""


def _by_api(client: Any, user: Any, indicator: Indicator, typed: str) -> str:
    _row, token = token_issue(user=user, name="tes", actor=SYSTEM)
    response = client.put(
        reverse("api:realization_k", args=[PD, 2021, 4, indicator.pk]),
        data=json.dumps({"value": typed or None}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    if response.status_code == 200:
        return ""
    assert response.status_code == 400 and response.json()["field"] == "value", response.content
    return str(response.json()["detail"])


PATHS: dict[str, Callable[[Any, Any, Indicator, str], str]] = {
    "service": _by_service,
    "entry cell": _by_entry_cell,
    "pasted block": _by_paste,
    "api": _by_api,
}


@pytest.mark.parametrize("typed", ["50", ""], ids=["a value", "cleared"])
@pytest.mark.parametrize("path", list(PATHS))
def test_every_path_refuses_a_typed_k_for_a_computed_indicator(client, active, operator, path, typed) -> None:
    events = AuditEvent.objects.filter(action="realization_set", summary__contains=ACTIVE).count()
    answer = PATHS[path](client, operator, active, typed)
    assert ACTIVE in answer and "indikator terhitung" in answer, answer
    assert "Jumlah usaha mikro berkembang, Jumlah seluruh usaha mikro" in answer and FIGURES_PAGE in answer
    stored = Realization.objects.get(indicator=active, year=2021, quarter=4)
    assert stored.value == D(71) and stored.source.startswith("indikator terhitung: ")
    assert AuditEvent.objects.filter(action="realization_set", summary__contains=ACTIVE).count() == events


@pytest.mark.parametrize("path", list(PATHS))
def test_the_same_path_still_takes_an_ordinary_indicators_k(client, active, operator, path) -> None:
    asn = Indicator.objects.select_related("row__strategic_plan__agency").get(name=ASN)
    assert PATHS[path](client, operator, asn, "23") == ""
    assert Realization.objects.get(indicator=asn, year=2021, quarter=4).value == D(23)


def test_the_role_is_checked_first_and_the_computed_services_own_write_goes_through(
    active, operator, django_user_model
) -> None:
    reader = django_user_model.objects.create_user("t-reader", password="x" * 12)
    Membership.objects.create(user=reader, region=active.row.strategic_plan.agency.region, role=Membership.Role.READER)
    with pytest.raises(NotAllowed, match="Hanya operator atau Kepala PD"):
        realization_set(indicator=active, year=2021, quarter=4, value=D(1), actor=reader)
    assert realization_set(
        indicator=active, year=2021, quarter=4, value=D("71.5"), actor=operator,
        source="indikator terhitung: um_berkembang / um_seluruh * 100", from_formula=True,
    )  # fmt: skip
    assert Realization.objects.get(indicator=active, year=2021, quarter=4).value == D("71.5")


def test_the_import_lookup_is_one_query(active, django_assert_num_queries) -> None:
    asn = Indicator.objects.get(name=ASN)
    plan = active.row.strategic_plan
    assert asn.row.strategic_plan == plan
    with django_assert_num_queries(1):
        assert plan_formulas(plan) == {active.pk: "um_berkembang / um_seluruh * 100"}


# -- an import's sheet ------------------------------------------------------------------------------
F = {1: "aktif / seluruh * 100"}  # indicator 1 is computed, indicator 2 typed
LABEL = {1: "Program X / Persentase koperasi aktif", 2: "Program X / Jumlah ASN"}.__getitem__


@pytest.mark.parametrize(
    ("sheet", "stored", "upto", "written", "reported"),
    [
        # the sheet carries the computed value itself (an export read back): nothing to say
        ({(1, 4): D(71)}, {(1, 4): D(71)}, 4, {(1, 4): D(71)}, []),
        # a different K for the computed indicator: the stored value stays, the row is named
        (
            {(1, 4): D(50)},
            {(1, 4): D(71)},
            4,
            {(1, 4): D(71)},
            [
                "Program X / Persentase koperasi aktif TW IV: K pada berkas (50) tidak dipakai; indikator terhitung "
                "(rumus: aktif / seluruh * 100), realisasinya dihitung dari angka dasar (tersimpan: 71)."
            ],
        ),
        # a blank in the sheet does not delete it either (reported: the import would have deleted it)
        ({(1, 2): None}, {(1, 2): D("33.5")}, 4, {(1, 2): D("33.5")}, ["K pada berkas (kosong)", "(tersimpan: 33,5)"]),
        # a blank past the report's quarter deletes nothing in any case: nothing to say
        ({(1, 4): None}, {(1, 4): D(71)}, 3, {(1, 4): D(71)}, []),
        # a value where nothing was computed yet is not written either
        ({(1, 1): D(10)}, {}, 4, {(1, 1): None}, ["K pada berkas (10)", "(tersimpan: kosong)"]),
        # an ordinary indicator's K is the sheet's, whatever is stored
        ({(2, 4): D(23), (2, 3): None}, {(2, 4): D(7), (2, 3): D(5)}, 4, {(2, 4): D(23), (2, 3): None}, []),
    ],
    ids=["same", "different", "blank", "blank-later", "nothing-stored", "ordinary"],
)
def test_an_import_keeps_the_computed_k_and_names_each_row_it_did_not_take(
    sheet, stored, upto, written, reported
) -> None:
    out, kept = sheet_values_kept(sheet, stored, F, LABEL, upto=upto)
    assert out == written
    assert len(kept) == (1 if reported else 0)
    for part in reported:
        assert part in kept[0].message, kept[0].message
    if kept:
        assert kept[0].message.startswith("Program X / Persentase koperasi aktif TW ")
