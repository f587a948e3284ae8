"""The report model every renderer draws: the core's evaluation plus the records around it."""

from __future__ import annotations

from dataclasses import dataclass

from domain.evaluation import Evaluation, evaluate
from planning.models import Agency
from reporting.labels import period
from reporting.selectors import ReportContext, report_input_for

FORM = "E.81"
TITLE = "Evaluasi terhadap Hasil Renja Perangkat Daerah"


@dataclass(frozen=True)
class Report:
    evaluation: Evaluation
    context: ReportContext

    @property
    def form(self) -> str:
        return FORM

    @property
    def title(self) -> str:
        return TITLE

    @property
    def period(self) -> str:
        return period(self.context.year, self.context.quarter)


def report_build(*, agency: Agency, year: int, quarter: int) -> Report:
    """Evaluate ``agency``'s ``year`` as of the end of ``quarter`` (a fixed number of queries)."""
    report_input, context = report_input_for(agency=agency, year=year, quarter=quarter)
    return Report(evaluation=evaluate(report_input), context=context)
