"""A report runs a constant number of SQL queries, whatever the number of rows."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from domain.types import Level
from planning.documents import AgencyDoc, IndicatorDoc, PlanDocument, RegionDoc, ReportDoc, RowDoc
from planning.models import Agency
from planning.roles import SYSTEM
from planning.services.documents import document_load
from reporting.renderers.json_report import render_json
from reporting.report import report_build

# 13 since the report marks the rows with bukti dukung (one query for the quarter's evidence rows).
REPORT_QUERIES = 13


def synthetic_document(slug: str, programs: int) -> PlanDocument:
    tree = []
    for p in range(programs):
        subs = [
            RowDoc(
                level=Level.SUB_ACTIVITY,
                name=f"Sub {p}.{s}",
                budget=Decimal(1000),
                budget_quarters=(Decimal(100), Decimal(200), None, Decimal(0)),
                indicators=[
                    IndicatorDoc(
                        name=f"Jumlah {p}.{s}",
                        unit="unit",
                        target=Decimal(4),
                        quarters=(Decimal(1), None, Decimal(1), Decimal(2)),
                    )
                ],
            )
            for s in range(3)
        ]
        activity = RowDoc(
            level=Level.ACTIVITY,
            name=f"Kegiatan {p}",
            children=subs,
            indicators=[IndicatorDoc(name=f"Persentase {p}", unit="%", target=Decimal(100))],
        )
        tree.append(
            RowDoc(
                level=Level.PROGRAM,
                name=f"Program {p}",
                children=[activity],
                indicators=[IndicatorDoc(name=f"Jumlah program {p}", unit="unit", target=Decimal(10))],
            )
        )
    objective = RowDoc(
        level=Level.OBJECTIVE,
        name="Sasaran",
        children=tree,
        indicators=[IndicatorDoc(name="Persentase sasaran", unit="%", target=Decimal(50))],
    )
    return PlanDocument(
        region=RegionDoc(slug="uji", name="Kabupaten Uji"),
        agency=AgencyDoc(slug=slug, name=f"Dinas {slug}"),
        strategic_start=2021,
        strategic_end=2026,
        year=2021,
        report=ReportDoc(quarter=4, stated_average="90"),
        tree=[objective],
    )


def queries_for(slug: str) -> tuple[int, int]:
    agency = Agency.objects.select_related("region").get(slug=slug)
    with CaptureQueriesContext(connection) as ctx:
        report = report_build(agency=agency, year=2021, quarter=4)
        render_json(report)
    return len(ctx.captured_queries), len(report.evaluation.rows)


def test_query_count_does_not_grow_with_rows(db) -> None:
    document_load(document=synthetic_document("kecil", 2), actor=SYSTEM)
    document_load(document=synthetic_document("besar", 40), actor=SYSTEM)
    small, small_rows = queries_for("kecil")
    large, large_rows = queries_for("besar")
    assert large_rows > 10 * small_rows
    assert small == large
    assert large <= REPORT_QUERIES


def test_demo_report_query_count(agency, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(REPORT_QUERIES):
        render_json(report_build(agency=agency, year=2021, quarter=4))
