"""The E.79 page's tables and the early-warning tables, their rows written in Python
(reporting/renderers/html_rows.py, reporting/regency/warning_html.py), print exactly what the template
loops printed: compared byte for byte with the old templates (tests/renderers/legacy_templates/) on the
three-PD pemda of ``factory.py`` and on a synthetic regency of several PD."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import get_template, render_to_string

from demo.synthetic import REGION_SLUG, synthetic_regency
from planning.models import Agency, Region
from planning.roles import SYSTEM
from planning.services.documents import document_load
from reporting.regency import prepared
from reporting.regency.builder import RegencyReport, regency_report_build
from reporting.regency.render_html import render_html
from reporting.regency.warnings import METHOD_TEXT, early_warning
from tests.renderers.legacy import legacy_templates

HOSTILE = "<PD & \"uji\"> 'satu'"


def _both(render: Any) -> tuple[Any, Any]:
    new = render()
    with legacy_templates():
        old = render()
    return new, old


def _assert_same(e79: RegencyReport) -> None:
    new, old = _both(lambda: prepared.e79_fragment(e79))
    assert new == old
    assert new.count("<tr") > len(e79.lines)  # the E.79's lines were printed
    for paper in ("a4", "f4"):
        new, old = _both(lambda p=paper: render_html(e79, paper=p))
        assert new == old
    warning = early_warning(a.report for a in e79.agencies)
    new, old = _both(lambda: prepared.warning_fragment(warning))
    assert new == old
    assert warning.indicators_at_risk and new.count("<tr>") > len(warning.indicators_at_risk)
    for agency in e79.agencies:  # one PD's page: no "Perangkat Daerah" column
        one = early_warning([agency.report])
        context = {"warning": one, "methods": METHOD_TEXT, "thresholds": one.thresholds}
        new, old = _both(lambda c=context: render_to_string("regency/_warning_body.html", c))
        assert new == old


def test_three_pd_same_bytes(uji: Region) -> None:
    Agency.objects.filter(region=uji).update(name=HOSTILE)  # every PD's name must come out escaped
    e79 = regency_report_build(region=uji, year=2021, quarter=4)
    _assert_same(e79)
    fragment = prepared.warning_fragment(early_warning(a.report for a in e79.agencies))
    assert HOSTILE not in fragment and "&lt;PD &amp; &quot;uji&quot;&gt; &#x27;satu&#x27;" in fragment


@pytest.fixture
def synthetic(db: Any) -> Region:
    for document in synthetic_regency(agencies=4, rows=60, year=2021, seed=1):
        document_load(document=document, actor=SYSTEM)
    region: Region = Region.objects.get(slug=REGION_SLUG)
    return region


def test_synthetic_regency_same_bytes(synthetic: Region) -> None:
    e79 = regency_report_build(region=synthetic, year=2021, quarter=4)
    assert len(e79.agencies) == 4
    _assert_same(e79)


def test_nothing_at_risk_prints_the_placeholders(uji: Region) -> None:
    e79 = regency_report_build(region=uji, year=2021, quarter=4)
    empty = early_warning([])
    context = {"warning": empty, "methods": METHOD_TEXT, "thresholds": empty.thresholds, "whole_pemda": True}
    new, old = _both(lambda: render_to_string("regency/_warning_body.html", context))
    assert new == old and "Tidak ada program berisiko." in new and "Tidak ada indikator berisiko." in new
    assert e79.agencies


def test_the_old_templates_are_the_ones_compared_with() -> None:
    with legacy_templates():
        old = get_template("regency/_warning_body.html").origin.name
    assert (
        "legacy_templates" in old and "{% for i in warning.indicators_at_risk %}" in open(old, encoding="utf-8").read()
    )
