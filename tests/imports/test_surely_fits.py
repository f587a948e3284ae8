"""``planning.limits.surely_fits`` (the import's shortcut past ``value_check``) never passes a value
``value_check`` would refuse."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planning.limits import surely_fits, value_check

FIELDS = [
    "Realization.value",
    "WorkPlanRow.budget",
    "BudgetRealization.amount",
    "StatedFigure.value",
    "Indicator.unit",
    "WorkPlanIndicator.drivers",
    "WorkPlan.year",
    "QuarterReport.quarter",
]
VALUES = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**25), max_value=10**25).map(Decimal),
    st.text(max_size=80),
    st.text(alphabet="9", min_size=10, max_size=30).map(Decimal),
    st.integers(),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=VALUES, field=st.sampled_from(FIELDS))
def test_what_surely_fits_fits(db, value, field) -> None:
    if surely_fits(value, field):
        assert value_check(value, field=field) is None


def test_the_shortcut_refuses_what_it_cannot_vouch_for(db) -> None:
    assert surely_fits(Decimal("123.45"), "Realization.value")
    assert not surely_fits(Decimal("9" * 30), "Realization.value")
    assert not surely_fits(Decimal("NaN"), "Realization.value")
    assert not surely_fits("x" * 41, "StatedFigure.value")
    assert not surely_fits("a\x00b", "Indicator.unit")
    assert not surely_fits("2025", "WorkPlan.year")  # a text for an integer field: value_check says so
    assert value_check("2025", field="WorkPlan.year") is not None
