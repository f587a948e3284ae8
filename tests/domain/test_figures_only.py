"""``domain.evaluation.figures``: the figures of ``evaluate`` without its findings, and the only way in.

A roll-up over many PD (``reporting.regency.province``) takes a PD's figures from it; they must be the
very values ``evaluate`` prints, also on a plan full of findings (whose checks ``figures`` skips).
"""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.evaluation import evaluate, figures
from domain.findings import Code
from domain.inputs import Budget, IndicatorInput, ReportInput, RowInput, Settings, Stated
from domain.types import Aggregation, AverageBasis, Level

D = Decimal
ROOT = Path(__file__).resolve().parents[2]

value = st.one_of(st.none(), st.decimals(min_value=-5, max_value=500, places=1, allow_nan=False))
money = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**9, places=0, allow_nan=False))


@st.composite
def indicators(draw, name: str) -> IndicatorInput:
    stated = {}
    if draw(st.booleans()):
        stated[Stated.ANNUAL_REALIZATION] = draw(st.decimals(min_value=0, max_value=200, places=0))
    return IndicatorInput(
        key=name,
        name=name,
        unit=draw(st.sampled_from(["unit", "%", "dokumen"])),
        aggregation=draw(st.sampled_from(list(Aggregation))),
        target=draw(value),
        strategic_target=draw(value),
        prior_realization=draw(value),
        quarters=tuple(draw(value) for _ in range(4)),  # type: ignore[arg-type]
        action_plan=tuple(draw(value) for _ in range(4)),  # type: ignore[arg-type]
        stated=stated,
    )


@st.composite
def budgets(draw) -> Budget:
    return Budget(
        strategic=draw(money),
        prior=draw(money),
        annual=draw(money),
        quarters=tuple(draw(money) for _ in range(4)),  # type: ignore[arg-type]
    )


@st.composite
def plans(draw) -> ReportInput:
    def node(name: str, level: Level, children: tuple[RowInput, ...]) -> RowInput:
        count = draw(st.integers(0, 2))
        return RowInput(
            key=name,
            level=level,
            name=name,
            indicators=tuple(draw(indicators(f"{name}-{i}")) for i in range(count)),
            children=children,
            budget=draw(budgets()),  # an entered parent figure may differ from its children's sum
        )

    programs = []
    for p in range(draw(st.integers(1, 3))):
        activities = tuple(
            node(f"K{p}.{a}", Level.ACTIVITY, tuple(node(f"S{p}.{a}.{s}", Level.SUB_ACTIVITY, ()) for s in range(2)))
            for a in range(draw(st.integers(1, 2)))
        )
        programs.append(node(f"P{p}", Level.PROGRAM, activities))
    goal = node("T", Level.GOAL, (node("Sasaran", Level.OBJECTIVE, tuple(programs)),))
    basis = draw(st.sampled_from(list(AverageBasis)))
    return ReportInput(
        year=2026,
        quarter=draw(st.integers(1, 4)),
        roots=(goal,),
        settings=Settings(average_basis=basis, average_cap=draw(st.sampled_from([None, D(120)]))),
        stated_average=draw(st.one_of(st.none(), st.decimals(min_value=0, max_value=150, places=2))),
        stated_rating=draw(st.sampled_from(["", "Tinggi", "Rendah"])),
        first_strategic_year=2025,
    )


@settings(max_examples=60, deadline=None)
@given(plans())
def test_figures_are_the_evaluations(report: ReportInput) -> None:
    ev = evaluate(report)
    numbers = figures(report)
    assert numbers.rows == ev.rows
    assert numbers.goal_indicators == ev.goal_indicators
    assert numbers.objective_indicators == ev.objective_indicators
    assert (numbers.average, numbers.average_count, numbers.rating) == (ev.average, ev.average_count, ev.rating)
    assert numbers.all_rows[: len(ev.goal_indicators)] == ev.goal_indicators  # the tujuan line comes first


def test_figures_of_a_plan_with_findings_keep_the_entered_parent_figure() -> None:
    sub = RowInput(
        key="S", level=Level.SUB_ACTIVITY, name="S", budget=Budget(annual=D(100), quarters=(D(40), None, None, None))
    )
    program = RowInput(key="P", level=Level.PROGRAM, name="P", children=(sub,), budget=Budget(annual=D(150)))
    report = ReportInput(year=2026, quarter=1, roots=(program,), stated_average=D(50))
    ev = evaluate(report)
    assert {f.code for f in ev.findings} >= {Code.PARENT_BUDGET_DIFFERS, Code.AVERAGE_DIFFERS}
    numbers = figures(report)
    assert numbers.rows == ev.rows
    assert numbers.budgets[id(program)].annual == D(150)  # kept, as on the E.81, not the children's 100
    assert numbers.rows[0].annual_realization.budget == D(40)


def test_figures_refuse_a_quarter_out_of_range() -> None:
    with pytest.raises(ValueError, match="quarter must be 1-4"):
        figures(ReportInput(year=2026, quarter=5, roots=()))


def test_nothing_outside_the_core_imports_its_private_names() -> None:
    """``domain.evaluation``'s private passes may change at will: the rest of the project uses its public
    names (``evaluate``, ``figures``, the dataclasses)."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        if {".venv", "node_modules"} & set(path.parts) or path == ROOT / "domain" / "evaluation.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "domain.evaluation":
                offenders += [f"{path.relative_to(ROOT)}: {a.name}" for a in node.names if a.name.startswith("_")]
    assert offenders == []
