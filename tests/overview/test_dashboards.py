"""The dashboards on the demo: every number is the core's, each chart's table, CSV and drawn data agree."""

from __future__ import annotations

import csv
import io
import json
import re

from django.urls import reverse

from domain.types import Level, Severity
from overview.dashboards import agency_dashboard, region_dashboard
from reporting.access import agencies_visible_to
from reporting.finding_text import finding_message
from reporting.report import report_build

PD, R = "diskopum-lumajang", "lumajang"


def test_the_pd_dashboard_is_the_cores_report(agency) -> None:
    dashboard = agency_dashboard(agency=agency, year=2021, quarter=4)
    assert dashboard is not None
    reports = {q: report_build(agency=agency, year=2021, quarter=q).evaluation for q in (1, 2, 3, 4)}
    ev = reports[4]
    assert dashboard.average == ev.average and dashboard.rating == ev.rating
    programs = [r for r in ev.rows if r.level is Level.PROGRAM]
    chart = dashboard.chart("capaian-program")
    assert [row[2] for row in chart.rows] == [r.annual_achievement.value for r in programs]
    assert len(chart.rows) == 5  # the seed's five programs
    averages = dashboard.chart("rata-rata")
    assert [row[1] for row in averages.rows] == [reports[q].average for q in (1, 2, 3, 4)]
    assert [row[2] for row in averages.rows] == [reports[q].rating or "" for q in (1, 2, 3, 4)]
    spending = dashboard.chart("serapan")
    pagu = sum(r.annual_target.budget for r in programs if r.first_of_row and r.annual_target.budget is not None)
    assert {row[3] for row in spending.rows} == {pagu}
    assert spending.rows[-1][2] == sum(
        r.annual_realization.budget for r in programs if r.first_of_row and r.annual_realization.budget is not None
    )
    attention = dashboard.chart("temuan")
    assert [row[1] for row in attention.rows] == [
        finding_message(f) for f in ev.findings if f.severity in (Severity.ERROR, Severity.WARNING)
    ]


def test_the_pemda_dashboard_adds_its_pd(agency, people) -> None:
    agencies = list(agencies_visible_to(people["verifier"]).filter(region=agency.region))
    dashboard = region_dashboard(region=agency.region, agencies=agencies, year=2021, quarter=4)
    single = agency_dashboard(agency=agency, year=2021, quarter=4)
    assert dashboard.chart("serapan").rows == single.chart("serapan").rows  # one PD: its own totals
    ev = report_build(agency=agency, year=2021, quarter=4).evaluation
    assert dashboard.chart("capaian-pd").rows[0][1:3] == (ev.average, ev.rating)
    ratings = dashboard.chart("predikat")
    row_iv = ratings.rows[-1]
    assert row_iv[0] == "TW IV" and sum(row_iv[1:]) == 1
    assert row_iv[1 + [c.title for c in ratings.columns[1:]].index(ev.rating)] == 1


def test_each_chart_has_its_table_csv_and_data(client, people) -> None:
    client.force_login(people["reader"])
    page = client.get(reverse("overview:agency_dashboard", args=[PD, 2021]) + "?triwulan=4")
    body = page.content.decode()
    assert '<script id="dashboard-data" type="application/json">' in body
    assert re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", body) is None  # no inline script
    assert "vendor/chartjs/chart.umd.min.js" in body and "js/dashboard.js" in body
    data = json.loads(re.search(r'id="dashboard-data" type="application/json">(.*?)</script>', body, re.S).group(1))
    dashboard = page.context["dashboard"]
    for chart in dashboard.charts:
        assert f'id="{chart.key}"' in body
        response = client.get(reverse("overview:agency_dashboard_csv", args=[PD, 2021, chart.key]) + "?triwulan=4")
        assert response["Content-Disposition"] == f'attachment; filename="dasbor-{PD}-2021-TW4-{chart.key}.csv"'
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
        assert rows[0] == [c.title for c in chart.columns] and len(rows) == len(chart.rows) + 1
        if chart.kind:
            drawn = next(c for c in data["charts"] if c["key"] == chart.key)
            for series, column in zip(drawn["series"], chart.plotted, strict=True):
                assert series["values"] == [rows[i + 1][column] or None for i in range(len(chart.rows))]
    assert client.get(reverse("overview:agency_dashboard_csv", args=[PD, 2021, "tidak-ada"])).status_code == 404
    assert client.get(reverse("overview:agency_dashboard", args=[PD, 2019])).status_code == 404  # no Renja 2019
