"""A live report is built without its cells' explanations; the JSON and the HTML work them out when they
print them, to the same bytes, and the other formats never pay for them (``Report.explanations``)."""

from __future__ import annotations

import pytest

from domain.evaluation import evaluate
from reporting.renderers import RENDERERS
from reporting.renderers.json_report import render_json
from reporting.report import Report, report_build


def _build(agency) -> Report:
    return report_build(agency=agency, year=2021, quarter=4)


def test_the_build_leaves_explanations_to_the_renderers(agency) -> None:
    report = _build(agency)
    assert report.evaluation.explanations is None
    eager = Report(evaluation=evaluate(report.evaluation.input), context=report.context)
    assert eager.evaluation.explanations is not None
    assert render_json(report) == render_json(eager)  # the same bytes, explanations included
    assert b'"explanations"' in render_json(report)
    assert report.explanations is report.explanations  # worked out once per report


def test_the_page_explains_the_same_cells_as_an_eager_build(agency) -> None:
    from reporting.renderers.html import explained_cells
    from reporting.renderers.sections import build_document

    report = _build(agency)
    eager = Report(evaluation=evaluate(report.evaluation.input), context=report.context)
    doc = build_document(report)
    assert explained_cells(report, doc) == explained_cells(eager, build_document(eager))


@pytest.mark.parametrize("fmt", sorted(set(RENDERERS) - {"json", "html"}))
def test_formats_that_print_no_explanation_do_not_work_them_out(agency, fmt) -> None:
    report = _build(agency)
    RENDERERS[fmt].render(report)
    assert "explanations" not in report.__dict__, f"{fmt} worked the explanations out"


def test_an_approved_quarter_works_them_out_from_its_frozen_figures(agency) -> None:
    """Its Excel does without them; its JSON rebuilt from the snapshot is the frozen bytes, explanations and all."""
    from reporting.frozen import frozen_verify, report_from_frozen
    from tests.renderers.test_html_explanations import _approve

    frozen = _approve(agency)
    report = report_from_frozen(frozen)
    RENDERERS["xlsx"].render(report)
    assert "explanations" not in report.__dict__
    assert frozen_verify(frozen)
    assert render_json(Report(evaluation=report.evaluation, context=report.context)) == frozen.json.encode("utf-8")
