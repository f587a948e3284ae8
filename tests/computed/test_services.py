"""computed.services: a formula defined and checked, base figures entered, the realisation computed and
written through realization_set (role, lock, limits and history as for a typed value)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from audit.models import AuditEvent
from computed.models import BaseFigure, BaseFigureValue
from computed.selectors import computed_of_agency
from computed.services import FormulaRefused, base_figure_set, computed_define
from domain.computed import BaseFigureDef, FigureKind
from planning.errors import Conflict, NotAllowed, QuarterLocked
from planning.models import Indicator, Membership, Realization
from planning.services.realizations import value_version
from quarters.workflow import quarter_approve
from tests.conftest import submit_explained

D = Decimal
ACTIVE = "Persentase Koperasi Aktif"  # the seed's "Jml koperasi aktif / jml seluruh koperasi X 100 %"
FIGURES = [
    BaseFigureDef("koperasi_aktif", "Jumlah koperasi aktif", FigureKind.STOCK),
    BaseFigureDef("koperasi_seluruh", "Jumlah seluruh koperasi", FigureKind.STOCK),
]


@pytest.fixture
def people(agency: Any, django_user_model: Any) -> dict[str, Any]:
    users = {}
    for name, role, where in (
        ("operator", Membership.Role.OPERATOR, agency),
        ("verifier", Membership.Role.VERIFIER, None),
        ("reader", Membership.Role.READER, None),
    ):
        users[name] = django_user_model.objects.create_user(f"c-{name}", password="x" * 12, first_name=name.title())
        Membership.objects.create(user=users[name], region=agency.region, agency=where, role=role)
    return users


@pytest.fixture
def active(agency: Any) -> Indicator:
    return Indicator.objects.select_related("row__strategic_plan__agency").get(name=ACTIVE)


@pytest.fixture
def computed(active: Indicator, people: dict[str, Any]) -> Any:
    return computed_define(
        indicator=active, formula="koperasi_aktif / koperasi_seluruh x 100 %", figures=FIGURES, actor=people["operator"]
    )


def _figure(computed: Any, name: str) -> BaseFigure:
    return computed.figures.get(name=name)


def test_the_seed_formula_computes_the_quarter_and_keeps_its_parts(computed, active, people) -> None:
    assert computed.formula == "koperasi_aktif / koperasi_seluruh * 100"
    op = people["operator"]
    base_figure_set(figure=_figure(computed, "koperasi_aktif"), year=2021, quarter=4, value=D(355), actor=op)
    # the typed 70.98 gives way: a quarter with figures is computed from them, blank while one is blank
    assert not Realization.objects.filter(indicator=active, year=2021, quarter=4).exists()
    base_figure_set(figure=_figure(computed, "koperasi_seluruh"), year=2021, quarter=4, value=D(500), actor=op)
    realised = Realization.objects.get(indicator=active, year=2021, quarter=4)
    assert realised.value == D("71")  # 355 / 500 x 100
    assert realised.source.startswith("indikator terhitung") and realised.updated_by == op
    [item] = computed_of_agency(agency=active.row.strategic_plan.agency, year=2021)
    q4 = item.results[3]
    assert (q4.value, q4.numerator, q4.denominator) == (D(71), D(35500), D(500))
    assert item.figures[0].values == (None, None, None, D(355))
    history = AuditEvent.objects.filter(action__in=["base_figure_set", "realization_set"]).order_by("id")
    assert [e.action for e in history] == ["base_figure_set", "realization_set", "base_figure_set", "realization_set"]
    assert history[1].before == {"value": "70.98"} and history[1].after == {"value": None}
    assert history.last().before == {"value": None} and history.last().after == {"value": "71"}


def test_a_blank_figure_leaves_the_realisation_blank_never_zero(computed, active, people) -> None:
    op = people["operator"]
    base_figure_set(figure=_figure(computed, "koperasi_aktif"), year=2021, quarter=3, value=D(10), actor=op)
    assert not Realization.objects.filter(indicator=active, year=2021, quarter=3).exists()
    base_figure_set(figure=_figure(computed, "koperasi_seluruh"), year=2021, quarter=3, value=D(0), actor=op)
    assert not Realization.objects.filter(indicator=active, year=2021, quarter=3).exists()  # denominator 0
    [item] = computed_of_agency(agency=active.row.strategic_plan.agency, year=2021)
    assert item.results[2].reason == "penyebut bernilai nol"


def test_a_repeating_fraction_is_stored_to_the_columns_six_decimals(computed, active, people) -> None:
    op = people["operator"]
    base_figure_set(figure=_figure(computed, "koperasi_aktif"), year=2021, quarter=2, value=D(1), actor=op)
    base_figure_set(figure=_figure(computed, "koperasi_seluruh"), year=2021, quarter=2, value=D(3), actor=op)
    assert Realization.objects.get(indicator=active, year=2021, quarter=2).value == D("33.333333")


def test_flows_add_up_so_a_change_in_quarter_one_recomputes_the_later_quarters(active, people) -> None:
    op = people["operator"]
    computed = computed_define(
        indicator=active,
        formula="ditangani / masuk * 100",
        figures=[
            BaseFigureDef("ditangani", "Kasus ditangani", FigureKind.FLOW),
            BaseFigureDef("masuk", "Kasus masuk", FigureKind.FLOW),
        ],
        actor=op,
    )
    done, came = _figure(computed, "ditangani"), _figure(computed, "masuk")
    for quarter, (d, c) in enumerate([(8, 10), (1, 30)], start=1):
        base_figure_set(figure=done, year=2021, quarter=quarter, value=D(d), actor=op)
        base_figure_set(figure=came, year=2021, quarter=quarter, value=D(c), actor=op)
    values = dict(Realization.objects.filter(indicator=active, year=2021).values_list("quarter", "value"))
    assert values[1] == D(80) and values[2] == D("22.5")  # 9 / 40, not 80 % + 3.33 %
    base_figure_set(figure=done, year=2021, quarter=1, value=D(9), actor=op)
    values = dict(Realization.objects.filter(indicator=active, year=2021).values_list("quarter", "value"))
    assert values[1] == D(90) and values[2] == D(25)  # 10 / 40


@pytest.mark.parametrize(
    ("formula", "figures", "field", "reason"),
    [
        ("koperasi_aktif / jumlah * 100", FIGURES, "formula", "bukan angka dasar"),
        ("koperasi_aktif / 0", FIGURES, "formula", "Pembagian dengan nol"),
        ("round(koperasi_aktif)", FIGURES, "formula", "Fungsi tidak diizinkan"),
        ("koperasi_aktif / (koperasi_seluruh", FIGURES, "formula", "tidak dapat dibaca"),
        ("koperasi_aktif + " * 30 + "1", FIGURES, "formula", "terlalu panjang"),
        ("a / b", [BaseFigureDef("a", "A"), BaseFigureDef("a", "B")], "figures", "dua kali"),
    ],
)
def test_a_bad_formula_is_refused_when_saved_and_nothing_is_written(
    active, people, formula, figures, field, reason
) -> None:
    with pytest.raises(FormulaRefused, match=reason) as refused:
        computed_define(indicator=active, formula=formula, figures=figures, actor=people["operator"])
    assert refused.value.field == field
    assert not BaseFigure.objects.exists()
    assert not AuditEvent.objects.filter(action="computed_define").exists()


def test_only_a_last_value_indicator_may_be_computed(agency, people) -> None:
    summed = Indicator.objects.filter(row__strategic_plan__agency=agency, aggregation="sum").first()
    with pytest.raises(FormulaRefused, match="nilai terakhir"):
        computed_define(
            indicator=summed,
            formula="a / b * 100",
            figures=[BaseFigureDef("a", "A"), BaseFigureDef("b", "B")],
            actor=people["operator"],
        )


def test_only_the_pd_defines_and_enters(computed, active, people) -> None:
    for who in ("verifier", "reader"):
        with pytest.raises(NotAllowed):
            computed_define(indicator=active, formula="koperasi_aktif", figures=FIGURES, actor=people[who])
        with pytest.raises(NotAllowed):
            base_figure_set(
                figure=_figure(computed, "koperasi_aktif"), year=2021, quarter=4, value=D(1), actor=people[who]
            )


def test_a_stale_version_is_refused(computed, people) -> None:
    figure = _figure(computed, "koperasi_aktif")
    base_figure_set(figure=figure, year=2021, quarter=4, value=D(1), actor=people["operator"], expected_version="")
    with pytest.raises(Conflict, match="sudah diubah orang lain"):
        base_figure_set(figure=figure, year=2021, quarter=4, value=D(2), actor=people["operator"], expected_version="")
    current = BaseFigureValue.objects.get(figure=figure)
    assert base_figure_set(
        figure=figure,
        year=2021,
        quarter=4,
        value=D(2),
        actor=people["operator"],
        expected_version=value_version(current),
    )


def test_an_approved_quarter_refuses_figures_and_a_new_formula(agency, computed, active, people) -> None:
    op = people["operator"]
    base_figure_set(figure=_figure(computed, "koperasi_aktif"), year=2021, quarter=4, value=D(355), actor=op)
    base_figure_set(figure=_figure(computed, "koperasi_seluruh"), year=2021, quarter=4, value=D(500), actor=op)
    submit_explained(agency=agency, year=2021, quarter=4, actor=op)
    quarter_approve(agency=agency, year=2021, quarter=4, actor=people["verifier"])
    with pytest.raises(QuarterLocked, match="terkunci"):
        base_figure_set(figure=_figure(computed, "koperasi_aktif"), year=2021, quarter=4, value=D(356), actor=op)
    with pytest.raises(QuarterLocked, match="terkunci"):
        computed_define(indicator=active, formula="koperasi_aktif / koperasi_seluruh * 1000", figures=FIGURES, actor=op)
    computed.refresh_from_db()
    assert computed.formula == "koperasi_aktif / koperasi_seluruh * 100"  # the refusal rolled everything back
    assert Realization.objects.get(indicator=active, year=2021, quarter=4).value == D(71)


def test_a_figure_with_values_cannot_be_dropped(computed, active, people) -> None:
    base_figure_set(
        figure=_figure(computed, "koperasi_aktif"), year=2021, quarter=1, value=D(3), actor=people["operator"]
    )
    with pytest.raises(FormulaRefused, match="koperasi_aktif sudah berisi nilai"):
        computed_define(indicator=active, formula="koperasi_seluruh", figures=FIGURES[1:], actor=people["operator"])
