"""The editor's pages through the test client: the tree, the forms' errors, locks, old revisions, the
Rencana Aksi helper, reports against either revision, and a constant number of queries."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from domain.types import Level
from planning.models import Indicator, PlanRow, QuarterlyTarget, WorkPlan, WorkPlanIndicator, WorkPlanRow
from planning.services import plan_editor as s
from planning.services.work_plans import work_plan_amend
from quarters.models import QuarterReport

pytestmark = pytest.mark.django_db
D = Decimal
PD = "dinas-baru"


def editor(year: int = 2026) -> str:
    return reverse("plan_editor:editor", args=[PD, year])


def test_the_editor_shows_the_tree_with_its_marks(client, small_plan, people) -> None:
    s.row_add(
        work_plan=small_plan["wp"],
        parent=small_plan["program"],
        level=Level.ACTIVITY,
        values=s.RowValues(name="Kegiatan khusus daerah", code="2.17.07.2.99"),
        actor=people["operator"],
    )
    client.force_login(people["operator"])
    page = client.get(editor()).content.decode()
    assert "Pemberdayaan Kelembagaan Potensi dan Pengembangan Usaha Mikro" in page
    assert page.count('class="badge off-list"') == 1  # only the code outside the list
    assert "Kepmendagri 900.1.15.5-1317/2023" in page
    assert "+ Sub Kegiatan" in page and "Ubah indikator" in page
    assert f'href="/pd/{PD}/laporan/2026/1/?renja=0"' in page


def test_a_reader_sees_no_forms_and_may_not_post(client, small_plan, people) -> None:
    client.force_login(people["reader"])
    page = client.get(editor()).content.decode()
    assert "Ubah baris" not in page and "Pemberdayaan Kelembagaan" in page
    response = client.post(
        reverse("plan_editor:row_save", args=[PD, 2026, small_plan["program"].pk]), {"name": "X", "revision": 0}
    )
    assert response.status_code == 403


def test_adding_a_row_through_the_form(client, small_plan, people) -> None:
    client.force_login(people["operator"])
    program = small_plan["program"]
    response = client.post(
        reverse("plan_editor:row_add", args=[PD, 2026]),
        {
            "revision": "0",
            "parent": program.pk,
            "level": "activity",
            "code": "2.17.07.2.02",
            "name": "Kegiatan dari formulir",
            "budget": "1.250.000,50",
            "funding_source": "DAK",
        },
        follow=True,
    )
    assert "Baris ditambahkan." in response.content.decode()
    row = PlanRow.objects.get(name="Kegiatan dari formulir")
    assert WorkPlanRow.objects.get(row=row).budget == D("1250000.50")
    assert response.redirect_chain[-1][0].endswith(f"#baris-{row.pk}")


def test_a_bad_number_is_refused_naming_the_field(client, small_plan, people) -> None:
    client.force_login(people["operator"])
    share = small_plan["share"]
    response = client.post(
        reverse("plan_editor:indicator_save", args=[PD, 2026, share.pk]),
        {"revision": "0", "name": share.name, "unit": "%", "aggregation": "last", "target": "1,234.5"},
        follow=True,
    )
    page = response.content.decode()
    assert "Target Renja (Persentase usaha mikro yang naik kelas)" in page
    assert WorkPlanIndicator.objects.get(indicator=share).target == D(12)


def test_a_locked_year_refuses_the_pd_with_the_reason_to_ask_bappeda(client, small_plan, people, pd) -> None:
    QuarterReport.objects.create(agency=pd, year=2026, quarter=1, status=QuarterReport.Status.APPROVED)
    share = small_plan["share"]
    data = {"revision": "0", "name": share.name, "unit": "%", "aggregation": "last", "target": "13"}
    client.force_login(people["operator"])
    page = client.post(reverse("plan_editor:indicator_save", args=[PD, 2026, share.pk]), data, follow=True)
    assert "hanya dapat dicatat oleh Bappeda" in page.content.decode()
    assert "sudah memiliki triwulan yang disetujui" in page.content.decode()
    client.force_login(people["verifier"])
    client.post(reverse("plan_editor:indicator_save", args=[PD, 2026, share.pk]), {**data, "reason": "rapat"})
    assert WorkPlanIndicator.objects.get(indicator=share).target == D(13)


def test_an_old_revision_is_read_only_and_reports_against_either(client, small_plan, people) -> None:
    wp, share = small_plan["wp"], small_plan["share"]
    client.force_login(people["operator"])
    client.post(reverse("plan_editor:renja_amend", args=[PD, 2026]), {"reason": "APBD perubahan"})
    amended = WorkPlan.objects.get(strategic_plan=wp.strategic_plan, year=2026, revision=1)
    assert amended.based_on == wp
    client.post(
        reverse("plan_editor:indicator_save", args=[PD, 2026, share.pk]),
        {"revision": "1", "name": share.name, "unit": "%", "aggregation": "last", "target": "10",
         "q1": "2", "q2": "4", "q3": "7", "q4": "10"},
    )  # fmt: skip
    listing = client.get(reverse("plan_editor:plans", args=[PD])).content.decode()
    assert listing.count("<td>ya</td>") == 1 and "dengan <code>?renja=0</code>" in listing
    old = client.get(editor() + "?revisi=0").content.decode()
    assert "versi lama" in old and "Ubah baris" not in old
    assert "Ubah baris" in client.get(editor()).content.decode()

    def target(query: str) -> str:
        url = reverse("report_download", args=[PD, 2026, 1, "json"]) + query
        rows = json.loads(client.get(url).content)["rows"]
        line = next(r for r in rows if r["indicator"] == share.name)
        return line["annual_target"]["value"]

    assert target("?renja=0") == "12"
    assert target("?renja=1") == "10"
    assert target("") == "10"  # the revision in force
    assert client.get(reverse("report", args=[PD, 2026, 1]) + "?renja=0").status_code == 200
    assert client.get(reverse("report", args=[PD, 2026, 1]) + "?renja=7").status_code == 404


def test_the_history_page_lists_who_when_before_after_why(client, small_plan, people) -> None:
    program = small_plan["program"]
    s.row_update(
        work_plan=small_plan["wp"],
        row=program,
        values=s.RowValues(name=program.name, code=program.code, budget=D("450000000")),
        actor=people["kepala"],
        reason="pagu definitif",
    )
    client.force_login(people["reader"])
    page = client.get(reverse("plan_editor:history", args=[PD, 2026])).content.decode()
    assert "pagu definitif" in page and "ed-kepala" in page
    assert "pagu (Rp): 500000000" in page and "pagu (Rp): 450000000" in page
    assert "agregasi: Nilai triwulan terakhir" in page and ">ubah<" in page
    assert page.count("<tr>") >= 8  # the Renstra, the Renja, five rows, an indicator, the change
    s.row_delete(work_plan=small_plan["wp"], row=small_plan["activity"], actor=people["operator"], reason="salah")
    page = client.get(reverse("plan_editor:history", args=[PD, 2026])).content.decode()
    assert "Pemberdayaan Usaha Mikro yang Dilakukan" in page and "salah" in page  # a deleted row stays in the history


def test_copy_to_the_next_year_from_the_page(client, small_plan, people) -> None:
    client.force_login(people["operator"])
    response = client.post(reverse("plan_editor:renja_copy", args=[PD, 2026]), {"year": "2027"})
    assert response["Location"] == editor(2027)
    copy = WorkPlan.objects.get(strategic_plan=small_plan["plan"], year=2027)
    assert QuarterlyTarget.objects.filter(work_plan=copy).count() == 8


def test_create_renstra_and_renja_from_the_plans_page(client, pd, people) -> None:
    client.force_login(people["kepala"])
    client.post(reverse("plan_editor:renstra_create", args=[PD]), {"start_year": "2025", "end_year": "2029"})
    page = client.get(reverse("plan_editor:plans", args=[PD])).content.decode()
    assert "Renstra Dinas Baru 2025-2029" in page
    plan_id = pd.strategic_plans.get().pk
    response = client.post(reverse("plan_editor:renja_create", args=[PD]), {"renstra": plan_id, "year": "2026"})
    assert response["Location"] == editor(2026)
    bad = client.post(reverse("plan_editor:renja_create", args=[PD]), {"renstra": plan_id, "year": "26"}, follow=True)
    assert "tulis tahun empat angka" in bad.content.decode()


@pytest.mark.parametrize(
    ("query", "values", "warning"),
    [
        ({"target": "10", "aggregation": "sum", "sebar": "sama"}, ["2", "2", "3", "3"], ""),
        ({"target": "100", "aggregation": "last", "sebar": "naik"}, ["25", "50", "75", "100"], ""),
        ({"target": "80,5", "aggregation": "avg", "sebar": "sama"}, ["80,5"] * 4, ""),
        ({"target": "10", "aggregation": "sum", "q1": "1", "q2": "2", "q3": "3", "q4": "3"}, ["1", "2", "3", "3"], "menjadi 9"),
        ({"aggregation": "sum", "sebar": "sama"}, ["", "", "", ""], "Isi target Renja dahulu"),
    ],
)  # fmt: skip
def test_the_rencana_aksi_helper(client, small_plan, people, query, values, warning) -> None:
    client.force_login(people["reader"])  # it writes nothing: whoever reads the plan may use it
    page = client.get(reverse("plan_editor:quarters_helper", args=[PD, 2026]), {**query, "key": "7"}).content.decode()
    for n, value in enumerate(values, start=1):
        assert f'name="q{n}" value="{value}"' in page
    assert 'id="tw-7"' in page and 'id="warn-7"' in page
    if warning:
        assert warning in page
    else:
        assert "⚠" not in page


def _grow(plan: dict[str, Any], people: dict[str, Any], extra: int) -> None:
    for i in range(extra):
        row = s.row_add(
            work_plan=plan["wp"],
            parent=plan["program"],
            level=Level.ACTIVITY,
            values=s.RowValues(name=f"Kegiatan tambahan {i}", code=f"2.17.07.2.{50 + i:02d}", budget=D(i + 1)),
            actor=people["operator"],
        )
        s.indicator_add(
            work_plan=plan["wp"],
            row=row,
            values=s.IndicatorValues(
                name=f"Jumlah {i}", unit="Dokumen", target=D(4), quarters=(D(1), D(1), D(1), D(1))
            ),
            actor=people["operator"],
        )


@pytest.mark.parametrize("page", ["editor", "history"])
def test_the_pages_run_a_constant_number_of_queries(client, small_plan, people, page) -> None:
    client.force_login(people["operator"])
    url = editor() if page == "editor" else reverse("plan_editor:history", args=[PD, 2026])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = count()
    _grow(small_plan, people, 30)
    assert Indicator.objects.filter(row__strategic_plan=small_plan["plan"]).count() == 32
    assert count() == small, small
    assert small <= 20


def test_the_forms_come_when_their_fold_opens(client, small_plan, people) -> None:
    url = reverse("plan_editor:form", args=[PD, 2026])
    share, activity = small_plan["share"], small_plan["activity"]
    client.force_login(people["operator"])
    page = client.get(editor()).content.decode()
    assert "<form" not in page.split('id="plan-tree"')[1].split("top-add")[0]  # no form in the tree itself
    edit = client.get(url, {"kind": "indicator_edit", "indicator": share.pk}).content.decode()
    assert 'name="target" value="12"' in edit and 'name="q4" value="12"' in edit and "Nilai triwulan terakhir" in edit
    add = client.get(url, {"kind": "row_add", "row": activity.pk}).content.decode()
    assert 'name="level" value="sub_activity"' in add and 'name="indicator_name"' in add
    assert '"within": "2.17.07.2.01"' in add
    assert client.get(url, {"kind": "row_add", "row": small_plan["sub"].pk}).status_code == 404  # no level below
    assert client.get(url, {"kind": "something"}).status_code == 404
    work_plan_amend(work_plan=small_plan["wp"], actor=people["operator"], reason="APBD perubahan")
    assert client.get(url, {"kind": "row_edit", "row": activity.pk, "revisi": 0}).status_code == 404
    assert client.get(url, {"kind": "row_edit", "row": activity.pk}).status_code == 200
    client.force_login(people["reader"])
    assert client.get(url, {"kind": "row_edit", "row": activity.pk}).status_code == 403
