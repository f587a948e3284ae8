"""The synthetic regency: deterministic, of the asked size, realistic in shape, idempotent to load."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from demo.synthetic import FLAWS, REGION_SLUG, synthetic_document, synthetic_regency
from domain.codes import code_problem
from domain.types import Aggregation, Direction, Level, Periodicity
from planning.documents import IndicatorDoc, PlanDocument
from planning.models import Agency, Realization
from planning.roles import SYSTEM
from planning.services.documents import document_load
from reporting.report import report_build


def document(rows: int = 120, seed: int = 1, index: int = 0) -> PlanDocument:
    return synthetic_document(seed=seed, index=index, rows=rows, year=2021)


def table_indicators(doc: PlanDocument) -> list[IndicatorDoc]:
    """Indicators that become lines of the E.81 table (tujuan indicators are printed apart)."""
    return [i for _p, row in doc.walk() if row.level is not Level.GOAL for i in row.indicators]


def test_same_seed_same_document() -> None:
    assert document() == document()
    assert document(seed=2) != document()
    assert document(index=1) != document()


def test_an_agency_does_not_depend_on_the_size_of_the_regency() -> None:
    regency = list(synthetic_regency(agencies=3, rows=40, year=2021, seed=1))
    assert regency[2] == synthetic_document(seed=1, index=2, rows=40, year=2021)
    assert len({d.agency.slug for d in regency}) == 3


@pytest.mark.parametrize("rows", [1, 7, 120, 300, 1000])
def test_rows_counts_the_lines_of_the_table(rows: int) -> None:
    assert len(table_indicators(document(rows))) == rows


def test_every_shape_is_present() -> None:
    indicators = table_indicators(document())
    assert {i.aggregation for i in indicators} == {*Aggregation, None}  # None: the default applies
    assert any(i.direction is Direction.NEGATIVE for i in indicators)
    assert any(i.unit == "%" for i in indicators)
    quarters = [q for i in indicators for q in i.quarters]
    assert None in quarters  # blank: not reported
    assert Decimal(0) in quarters  # "-": reported as nothing
    assert any(i.periodicity is Periodicity.ANNUAL for i in indicators)
    assert all(any(q is not None for q in i.action_plan) for i in indicators)


def test_levels_budgets_and_codes_are_those_of_a_plan() -> None:
    doc = document()
    assert {row.level for _p, row in doc.walk()} == set(Level)
    differing = []
    for parent, row in doc.walk():
        if row.code:
            assert code_problem(row.code, row.level, year=2021, parent_code=parent.code if parent else None) is None
        funded = [c.budget for c in row.children if c.budget is not None]
        if row.level.carries_budget and funded and row.budget != sum(funded, Decimal(0)):
            differing.append(row.name)
    assert len(differing) == 1  # the one planted flaw; every other parent rolls up exactly


def test_report_carries_the_planted_inconsistencies(db) -> None:
    result = document_load(document=document(), actor=SYSTEM)
    report = report_build(agency=result.agency, year=2021, quarter=4)
    assert len(report.evaluation.rows) == 120
    assert set(FLAWS) <= {f.code.value for f in report.evaluation.findings}
    assert report.evaluation.average is not None


def test_loading_twice_changes_nothing(db) -> None:
    assert document_load(document=document(), actor=SYSTEM).changes
    assert document_load(document=document(), actor=SYSTEM).changes == []


def test_synth_command_creates_the_regency_once(db) -> None:
    call_command("synth", agencies=2, rows=15, year=2021, seed=3, verbosity=0)
    agencies = Agency.objects.filter(region__slug=REGION_SLUG).select_related("region")
    assert [a.slug for a in agencies.order_by("slug")] == ["pd-01", "pd-02"]
    for agency in agencies:
        assert len(report_build(agency=agency, year=2021, quarter=4).evaluation.rows) == 15
    stored = Realization.objects.count()
    call_command("synth", agencies=2, rows=15, year=2021, seed=3, verbosity=0)
    assert Realization.objects.count() == stored
