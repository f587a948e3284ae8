"""The E.81's tables written in Python (reporting/renderers/html_rows.py) print exactly what the
template loop printed: the web page's document and the standalone file, compared byte for byte with the
old template (tests/renderers/legacy_templates/) on the demo and on a 500-row synthetic PD."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import render_to_string

from demo.synthetic import synthetic_document, synthetic_region
from planning.models import Agency
from planning.roles import SYSTEM
from planning.services.documents import document_load
from reporting.renderers.html import HtmlCell, HtmlTable, document_context, render_html
from reporting.report import Report, report_build
from tests.renderers.legacy import legacy_templates

HOSTILE = "<script>alert('x')</script> & \"kutip\"\r\nbaris dua\rbaris tiga\n"


def _both(render: Any) -> tuple[Any, Any]:
    new = render()
    with legacy_templates():
        old = render()
    return new, old


def _page(report: Report) -> str:
    return str(render_to_string("reporting/_document.html", document_context(report)))


def _assert_same(report: Report) -> None:
    new, old = _both(lambda: _page(report))
    assert new == old
    assert "<tbody>\n    <tr" in new  # rows were printed, not the "Tidak ada" line only
    new_file, old_file = _both(lambda: render_html(report))
    assert new_file == old_file
    for paper in ("a4", "f4"):
        new, old = _both(lambda p=paper: render_to_string("reporting/_document.html", document_context(report, p)))
        assert new == old


def test_demo_same_bytes(report: Report) -> None:
    _assert_same(report)
    # the annex off: the page without its appendix tables
    new, old = _both(lambda: render_to_string("reporting/_document.html", document_context(report, annex=False)))
    assert new == old


@pytest.fixture
def large(db: Any) -> Report:
    region = synthetic_region(year=2021)
    document_load(document=synthetic_document(seed=1, index=0, rows=500, year=2021, region=region), actor=SYSTEM)
    agency = Agency.objects.select_related("region").get(region__slug=region.slug)
    return report_build(agency=agency, year=2021, quarter=4)


def test_500_rows_same_bytes(large: Report) -> None:
    assert len(large.evaluation.rows) == 500
    _assert_same(large)


def _table(rows: list[tuple[str, list[HtmlCell]]], foot: list[tuple[str, list[HtmlCell]]]) -> HtmlTable:
    head = [[HtmlCell("Kolom <1>", "sticky", 1, 2, "left: 0em")]]
    return HtmlTable("uji", "Uji", head, rows, foot, ["", "4.0em"])


def test_escapes_what_the_data_says_as_the_template_did(db: Any) -> None:
    cells = [
        HtmlCell(HOSTILE),
        HtmlCell("1.234,5", "n x", explain=7),
        HtmlCell("gabung", 'a"b', colspan=3, style="left: 0<em"),
        HtmlCell("0", explain=0),
    ]
    table = _table([("lvl-<x>", cells), ("", [HtmlCell("")])], [("lvl-total", [HtmlCell(HOSTILE, "n", 2, explain=3)])])
    new, old = _both(lambda: render_to_string("reporting/_table.html", {"table": table, "table_css": "e81"}))
    assert new == old
    assert "<script>" not in new and "&lt;script&gt;" in new
    assert "&quot;kutip&quot;<br>baris dua<br>baris tiga<br>" in new
    assert 'class="lvl-&lt;x&gt;"' in new and 'class="a&quot;b"' in new and 'data-x="0"' in new


def test_an_empty_table_prints_its_placeholder(db: Any) -> None:
    table = _table([], [])
    new, old = _both(lambda: render_to_string("reporting/_table.html", {"table": table}))
    assert new == old
    assert '<td colspan="99" class="muted">Tidak ada</td>' in new and "<tfoot>" not in new


def test_the_old_template_is_the_one_compared_with() -> None:
    from django.template.loader import get_template

    with legacy_templates():
        old = get_template("reporting/_table.html").origin.name
    assert "legacy_templates" in old and "{% for c in cells %}" in open(old, encoding="utf-8").read()
    assert "legacy_templates" not in get_template("reporting/_table.html").origin.name
