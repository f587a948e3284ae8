"""The explanations of the computed cells in words, on the report page and in the JSON.

The words (``reporting.explanation_text``) are checked against small plans whose figures are known;
the page and the JSON of the demo against the core's own figures, cell by cell; an approved quarter's
explanations against its frozen figures, old copies included.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from domain.evaluation import Evaluation, evaluate
from domain.explanations import Explanation
from domain.inputs import Budget, IndicatorInput, ReportInput, RowInput, Settings
from domain.types import Aggregation as A
from domain.types import Direction, Level, NegativeFormula
from reporting import explanation_text as words
from reporting.formatting import percent_machine
from reporting.renderers.html import document_context
from reporting.renderers.json_report import render_json, report_to_dict
from reporting.report import Report, report_build
from tests.renderers.conftest import UMKM

D = Decimal
N = None
URL = "/pd/diskopum-lumajang/laporan/2021/4/"


def ind(name="Jumlah X", unit="unit", aggregation=A.SUM, target=D(10), quarters=(D(1), D(2), D(3), D(4)), **kw):
    return IndicatorInput(
        key=name, name=name, unit=unit, aggregation=aggregation, target=target, quarters=quarters, **kw
    )


def one_line(*, budget=Budget(), settings=Settings(), quarter=4, level=Level.SUB_ACTIVITY, **kw) -> Evaluation:
    sub = RowInput(key="S", level=level, name="Sub", indicators=(ind(**kw),), budget=budget)
    return evaluate(ReportInput(year=2021, quarter=quarter, roots=(sub,), settings=settings))


def x(ev: Evaluation, key: str) -> Explanation:
    assert ev.explanations is not None
    return ev.explanations.rows[0][key]


# -- the words ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kw", "key", "text"),
    [
        ({"quarters": (D(35), N, N, N), "prior_realization": D(120)}, "13K", "13 = 6 + 12 = 120 + 35 = 155"),
        ({"quarters": (D(3), D(4), D(1), D(6))}, "12K", "12 = 8 + 9 + 10 + 11 = 3 + 4 + 1 + 6 = 14"),
        ({"quarters": (D(3), N, D(1), D(6))}, "12K", "12 = 8 + 10 + 11 = 3 + 1 + 6 = 10"),
        ({"aggregation": A.LAST, "quarters": (D(24), D(24), N, N)}, "12K", "12 = 9 = 24"),
        (
            {"aggregation": A.AVG, "quarters": (D(1), D(2), D(2), N)},
            "12K",
            "12 = (8 + 9 + 10) / 3 = (1 + 2 + 2) / 3 = 1,666667",
        ),
        ({"aggregation": A.MAX, "quarters": (D(5), D(9), D(7), N)}, "12K", "12 = maks(8; 9; 10) = maks(5; 9; 7) = 9"),
        (
            {"aggregation": A.LAST, "quarters": (D("60.72"), N, N, N), "prior_realization": D(50)},
            "13K",
            "13 = 12 = 60,72",
        ),
        ({"aggregation": A.LAST, "quarters": (N, N, N, N), "prior_realization": D(50)}, "13K", "13 = 6 = 50"),
        ({"target": D(40), "quarters": (D(35), N, N, N)}, "12/7K", "12/7 = 12 / 7 x 100 = 35 / 40 x 100 = 87,50"),
        (
            {"target": D(10), "quarters": (D(8), N, N, N), "direction": Direction.NEGATIVE},
            "12/7K",
            "12/7 = maks(0; (2 x 7 - 12) / 7 x 100) = maks(0; (2 x 10 - 8) / 10 x 100) = 120,00",
        ),
        (
            {
                "target": D(10),
                "quarters": (D(8), N, N, N),
                "direction": Direction.NEGATIVE,
                "settings": Settings(negative_formula=NegativeFormula.T_OVER_R),
            },
            "12/7K",
            "12/7 = 7 / 12 x 100 = 10 / 8 x 100 = 125,00",
        ),
        ({"strategic_target": D(50), "quarters": (D(10), N, N, N)}, "14K", "14 = 13 / 5 x 100 = 10 / 50 x 100 = 20,00"),
        ({"target": N}, "12/7K", ""),
        (
            {"budget": Budget(D(5_000_000), D(1_250_000), D(2_000_000), (D(500_000), D("250000.50"), N, N))},
            "12Rp",
            "12 = 8 + 9 = 500.000 + 250.000,50 = 750.000,50",
        ),
        (
            {"budget": Budget(D(5_000_000), D(1_250_000), D(2_000_000), (D(500_000), D(250_000), N, N))},
            "13Rp",
            "13 = 6 + 12 = 1.250.000 + 750.000 = 2.000.000",
        ),
        (
            {"budget": Budget(D(5_000_000), N, D(2_000_000), (D(500_000), D(250_000), N, N))},
            "12/7Rp",
            "12/7 = 12 / 7 x 100 = 750.000 / 2.000.000 x 100 = 37,50",
        ),
    ],
)
def test_formula_with_the_numbers_put_in(kw, key, text) -> None:
    explanation = x(one_line(**kw), key)
    assert words.formula_text(explanation) == text
    assert explanation.agrees


def test_machine_formula_for_the_json() -> None:
    ev = one_line(budget=Budget(N, D(1_250_000), D(2_000_000), (D("500000.5"), N, N, N)))
    assert words.formula_text(x(ev, "13Rp"), words.machine_number) == "13 = 6 + 12 = 1250000 + 500000.5 = 1750000.5"
    avg = one_line(aggregation=A.AVG, quarters=(D(1), D(2), D(2), N))
    assert words.formula_text(x(avg, "12K"), words.machine_number).endswith("= (1 + 2 + 2) / 3 = 1.666667")


@pytest.mark.parametrize(
    ("aggregation", "rule"),
    [
        (A.SUM, "SUM: jumlah nilai triwulan yang dilaporkan"),
        (A.LAST, "LAST: nilai triwulan terakhir yang dilaporkan"),
        (A.AVG, "AVG: rata-rata nilai triwulan yang dilaporkan"),
        (A.MAX, "MAX: nilai tertinggi dari triwulan yang dilaporkan"),
    ],
)
def test_rule_of_column_12(aggregation, rule) -> None:
    assert words.rule_text(x(one_line(aggregation=aggregation), "12K"), Settings()) == rule


def test_inputs_name_their_quarters_and_blanks_are_said() -> None:
    explanation = x(one_line(quarters=(D(3), N, D(1), N), quarter=3), "12K")
    assert words.inputs_text(explanation) == [
        ("Kolom 8 K (TW I)", "3"),
        ("Kolom 9 K (TW II)", "kosong (tidak dilaporkan)"),
        ("Kolom 10 K (TW III)", "1"),
    ]
    assert words.notes(explanation) == ["Tidak dilaporkan, tidak ikut dihitung (bukan 0): kolom 9 K (TW II)."]
    zero = x(one_line(quarters=(D(0), D(2), N, N), quarter=2), "12K")  # reported as nothing: "-" in the table
    assert words.inputs_text(zero)[0] == ("Kolom 8 K (TW I)", "0 (tercetak -)")
    assert words.formula_text(zero) == "12 = 8 + 9 = 0 + 2 = 2" and not words.notes(zero)


def test_missing_target_and_rounded_figures_are_said() -> None:
    missing = x(one_line(target=N), "12/7K")
    assert words.notes(missing) == [words.MISSING[missing.missing]]
    assert "bukan 0 dan bukan 100%" in words.notes(missing)[0]
    avg = x(one_line(aggregation=A.AVG, quarters=(D(1), D(2), D(2), N)), "12K")
    assert "Tercetak 2: angka di tabel dibulatkan; rumus memakai nilai sebelum pembulatan." in words.notes(avg, "2")


def _programs(settings: Settings, *pairs: tuple[Decimal, Decimal]) -> Evaluation:
    roots = tuple(
        RowInput(
            key=f"P{i}", level=Level.PROGRAM, name=f"P{i}", indicators=(ind(f"I{i}", target=t, quarters=(r, N, N, N)),)
        )
        for i, (t, r) in enumerate(pairs)
    )
    return evaluate(ReportInput(year=2021, quarter=4, roots=roots, settings=settings))


def test_average_and_rating_in_words() -> None:
    capped = _programs(Settings(average_cap=D(100)), (D(100), D(150)), (D(100), D(80)))
    assert capped.explanations is not None
    average = capped.explanations.average
    assert words.formula_text(average) == "Rata-rata = (min(150,00; 100) + min(80,00; 100)) / 2 = 90,00"
    assert words.inputs_text(average) == [("P0: I0", "150,00% (dihitung 100,00%)"), ("P1: I1", "80,00%")]
    assert "capaian di atas 100% dihitung 100%" in words.rule_text(average, capped.settings)
    assert words.formula_text(capped.explanations.rating) == "76 ≤ 90,00 < 91: Tinggi"
    top = _programs(Settings(), (D(100), D("99.45")))
    assert words.formula_text(top.explanations.rating) == "99,45 ≥ 91: Sangat Tinggi"


# -- the demo's page ---------------------------------------------------------------------------------
class _Cells(HTMLParser):
    """Each cell with data-x (table key, text) and the explanations' JSON block."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, int, str]] = []
        self.json = ""
        self.scripts: list[str] = []
        self._table = ""
        self._cell: tuple[str, int] | None = None
        self._text: list[str] = []
        self._in_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self._table = next((c[2:] for c in (a.get("class") or "").split() if c.startswith("t-")), "")
        elif tag == "td" and a.get("data-x") is not None:
            self._cell, self._text = (self._table, int(a["data-x"] or 0)), []
        elif tag == "script":
            self._in_json = a.get("id") == "e81-explanations"
            if a.get("src"):
                self.scripts.append(a["src"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.cells.append((*self._cell, "".join(self._text).strip()))
            self._cell = None
        elif tag == "script":
            self._in_json = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._text.append(data)
        if self._in_json:
            self.json += data


def _page(report: Report) -> _Cells:
    parser = _Cells()
    parser.feed(render_to_string("reporting/_document.html", document_context(report)))
    return parser


def _items(page: _Cells) -> list[dict[str, Any]]:
    """The page's explanations read back as explain.js reads them (texts are kept once, by position)."""
    data = json.loads(page.json)
    s = data["s"]
    return [
        {
            "t": s[c[0]],
            "w": s[c[1]],
            "r": s[c[2]],
            "i": [[s[a], s[b]] for a, b in c[3]],
            "f": c[4],
            "n": [s[n] for n in c[5]],
            "k": [[no, *data["k"][str(no)]] for no in c[6]],
        }
        for c in data["c"]
    ]


def test_every_computed_cell_of_the_demo_page_explains_its_own_figure(report: Report) -> None:
    page = _page(report)
    items = _items(page)
    ev = report.evaluation
    explained = sum(len(cells) for cells in report.explanations.rows) + 2  # and the average, the rating
    assert len([c for c in page.cells if c[0] == "e81"]) == explained
    assert len([c for c in page.cells if c[0] in ("goals", "objectives")]) == 2 * (
        len(ev.goal_indicators) + len(ev.objective_indicators)
    )
    assert len(items) == len(page.cells)
    assert page.scripts == ["/static/js/explain.js"]
    for _table, index, shown in page.cells:
        item = items[index]
        assert item["r"] and item["t"]
        if item["f"] and shown not in ("", "-"):
            last = item["f"].rsplit(" = ", 1)[-1].rsplit(": ", 1)[-1]
            rounded = any(n.startswith(f"Tercetak {shown}:") for n in item["n"])
            assert last == shown or rounded, (item, shown)
        if shown == "-":  # an achievement that cannot be computed says why
            assert item["n"], item
        assert not any(n == words.DISAGREES for n in item["n"])


def test_the_umkm_program_and_the_average_on_the_page(report: Report) -> None:
    page = _page(report)
    items = _items(page)
    umkm = [items[i] for _t, i, _s in page.cells if items[i]["w"].startswith(UMKM)]
    by_title = {item["t"]: item for item in umkm}
    assert by_title["Kolom 12/7 K: Capaian Renja"]["f"] == "12/7 = 12 / 7 x 100 = 397 / 400 x 100 = 99,25"
    assert by_title["Kolom 12 Rp: Realisasi Renja"]["f"].endswith("= 11.238.069.445")
    # the printed 99.60 % throws off the average: the finding is named by UMKM's 12/7 and by the average
    assert any("99,6" in k[2] for k in by_title["Kolom 12/7 K: Capaian Renja"]["k"])
    average = next(items[i] for _t, i, s in page.cells if items[i]["t"] == "Rata-rata capaian kinerja (%)")
    assert average["f"] == "Rata-rata = (99,25 + 100,00 + 100,00 + 100,00 + 98,00) / 5 = 99,45"
    assert len(average["i"]) == 5 and average["k"]
    rating = next(items[i] for _t, i, s in page.cells if items[i]["t"] == "Predikat kinerja")
    assert rating["f"] == "99,45 ≥ 91: Sangat Tinggi"


def test_json_explanations_are_the_figures_of_the_rows(report: Report) -> None:
    data = json.loads(render_json(report))
    explanations = data["explanations"]
    assert len(explanations["rows"]) == len(data["rows"])
    pairs = {
        "12": "annual_realization",
        "12/7": "annual_achievement",
        "13": "cumulative_realization",
        "14": "cumulative_achievement",
    }
    checked = 0
    for line, cells in zip(data["rows"], explanations["rows"], strict=True):
        for key, cell in cells.items():
            column, measure = (key[:-1], "K") if key.endswith("K") else (key[:-2], "Rp")
            figure = line[pairs[column]]["value" if measure == "K" else "budget"]
            assert cell["result"] == figure, (line["name"], key)
            if cell["formula"]:
                assert cell["formula"].startswith(f"{column} = ") and cell["formula"].endswith(f"= {figure}")
            else:
                assert figure is None and cell["missing"]
            assert cell["rule"] in explanations["rules"]
            checked += 1
    assert checked > 250
    assert (
        explanations["average"]["result"] == data["average_achievement"] == percent_machine(report.evaluation.average)
    )
    assert explanations["rating"]["result"] == data["rating"] == "Sangat Tinggi"
    assert explanations["rating"]["band"] == {"min": "91", "below": None, "label": "Sangat Tinggi"}
    umkm = explanations["rows"][[r["name"] for r in data["rows"]].index(UMKM)]["12K"]
    assert umkm["rule"] == "sum" and umkm["inputs"] == {"8": "0", "9": "105", "10": "0", "11": "292"}
    assert umkm["formula"] == "12 = 8 + 9 + 10 + 11 = 0 + 105 + 0 + 292 = 397"
    assert explanations["rules"]["last"] == "LAST: nilai triwulan terakhir yang dilaporkan"
    keys = {f for cells in explanations["rows"] for c in cells.values() for f in c["findings"]}
    from domain.findings import finding_key

    assert keys <= {finding_key(f) for f in report.evaluation.findings}


def test_report_page_has_the_explanations_and_a_constant_number_of_queries(client, agency, db) -> None:
    from planning.models import Agency, Membership
    from planning.roles import SYSTEM
    from planning.services.documents import document_load
    from tests.test_report_queries import synthetic_document

    user = get_user_model().objects.create_user("verifikator-x", password="x" * 12)
    document_load(document=synthetic_document("kecil", 2), actor=SYSTEM)
    document_load(document=synthetic_document("besar", 30), actor=SYSTEM)
    region = Agency.objects.get(slug="kecil").region
    Membership.objects.create(user=user, region=region, role=Membership.Role.VERIFIER)
    client.force_login(user)
    counts = []
    for slug in ("kecil", "besar"):
        client.get(f"/pd/{slug}/laporan/2021/4/")  # warm the session and caches
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/pd/{slug}/laporan/2021/4/")
        assert response.status_code == 200
        assert b'id="e81-explanations"' in response.content and b"data-x=" in response.content
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


# -- an approved quarter ---------------------------------------------------------------------------
def _approve(agency: Any) -> Any:
    from planning.models import Membership
    from quarters.workflow import quarter_approve
    from reporting.frozen import approved_report_of
    from tests.conftest import submit_explained

    users = get_user_model().objects
    operator = users.create_user("op-x", password="x" * 12)
    verifier = users.create_user("bappeda-x", password="x" * 12)
    Membership.objects.create(user=operator, region=agency.region, agency=agency, role=Membership.Role.OPERATOR)
    Membership.objects.create(user=verifier, region=agency.region, role=Membership.Role.VERIFIER)
    submit_explained(agency=agency, year=2021, quarter=4, actor=operator)
    quarter_approve(agency=agency, year=2021, quarter=4, actor=verifier)
    return approved_report_of(agency=agency, year=2021, quarter=4)


def test_an_approved_quarter_explains_its_frozen_figures(agency) -> None:
    from reporting.frozen import frozen_verify
    from reporting.report import report_for_quarter

    frozen = _approve(agency)
    assert frozen.snapshot["version"] == 3
    stored = json.loads(frozen.json)
    assert stored["explanations"]["average"]["result"] == stored["average_achievement"]
    report = report_for_quarter(agency=agency, year=2021, quarter=4)
    assert report.frozen_json is not None and report.json_explained
    assert json.loads(render_json(report)) == stored
    assert report_to_dict(Report(evaluation=report.evaluation, context=report.context)) == stored
    assert frozen_verify(frozen)


def test_an_old_approved_copy_keeps_its_bytes_and_is_still_explained(agency) -> None:
    """A copy frozen before explanations (version 2: its JSON has no "explanations") still verifies,
    its download is its own bytes, and its page explains its frozen figures."""
    from reporting.frozen import frozen_verify, report_from_frozen

    frozen = _approve(agency)
    old = json.loads(frozen.json)
    del old["explanations"]
    data = json.dumps(old, ensure_ascii=False, indent=2).encode("utf-8")
    frozen.snapshot = {**frozen.snapshot, "version": 2}
    frozen.json, frozen.sha256 = data.decode("utf-8"), hashlib.sha256(data).hexdigest()
    frozen.save()
    assert frozen_verify(frozen)
    report = report_from_frozen(frozen)
    assert render_json(report) == data
    assert report.evaluation.explanations is None
    page = _page(report)
    items = _items(page)
    assert len(items) == len(page.cells) > 250
    assert not any(words.DISAGREES in item["n"] for item in items)


# -- the page's weight -------------------------------------------------------------------------------
def test_explanations_weigh_less_than_the_table_on_a_large_agency(db) -> None:
    from planning.roles import SYSTEM
    from planning.services.documents import document_load
    from tests.renderers.synthetic import synthetic_document

    document_load(document=synthetic_document("besar", 101), actor=SYSTEM)
    from planning.models import Agency

    report = report_build(agency=Agency.objects.get(slug="besar"), year=2021, quarter=4)
    plain = len(render_to_string("reporting/_document.html", document_context(report, explanations=False)))
    full = len(render_to_string("reporting/_document.html", document_context(report)))
    assert full < 1.8 * plain, (plain, full)


# -- Bappeda's verification page -------------------------------------------------------------------
def test_the_verification_page_explains_its_computed_cells(client, agency) -> None:
    """The verification page prints 12 and 12/7 (K and Rp) of each line its own way: each opens the
    same explanation as on the report page."""
    from planning.models import Membership
    from tests.conftest import submit_explained

    users = get_user_model().objects
    kepala = users.create_user("kepala-x", password="x" * 12)
    verifier = users.create_user("bappeda-v", password="x" * 12)
    Membership.objects.create(user=kepala, region=agency.region, agency=agency, role=Membership.Role.HEAD)
    Membership.objects.create(user=verifier, region=agency.region, role=Membership.Role.VERIFIER)
    submit_explained(agency=agency, year=2021, quarter=4, actor=kepala)
    client.force_login(verifier)
    from django.urls import reverse

    response = client.get(reverse("quarters:verify", args=["diskopum-lumajang", 2021, 4]))
    assert response.status_code == 200
    page = _Cells()
    page.feed(response.content.decode("utf-8"))
    items = _items(page)
    assert page.scripts[-1] == "/static/js/explain.js"
    report = report_build(agency=agency, year=2021, quarter=4)
    ev = report.evaluation
    lines = [*ev.goal_indicators, *ev.rows]
    expected = sum(1 for line in lines for key in ("12K", "12/7K", "12Rp", "12/7Rp") if _has(report, line, key))
    assert len(page.cells) == expected
    umkm = [items[i] for _t, i, _s in page.cells if items[i]["w"].startswith(UMKM)]
    assert "12/7 = 12 / 7 x 100 = 397 / 400 x 100 = 99,25" in [u["f"] for u in umkm]
    for _table, index, shown in page.cells:
        item = items[index]
        if item["f"] and shown not in ("", "-"):
            assert item["f"].rsplit(" = ", 1)[-1] == shown, (item, shown)


def _has(report: Report, line: Any, key: str) -> bool:
    ev, explanations = report.evaluation, report.explanations
    for lines, cells in ((ev.goal_indicators, explanations.goal_indicators), (ev.rows, explanations.rows)):
        for candidate, xs in zip(lines, cells, strict=True):
            if candidate is line:
                return key in xs
    return False
