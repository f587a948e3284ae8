"""Two people editing the same row or indicator: the second save, made on a form that showed the values
before the first, is refused naming who saved in between; nothing of it is written (no lost update)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from planning.models import Indicator, PlanRow, WorkPlanIndicator, WorkPlanRow
from planning.services import plan_editor as s

pytestmark = pytest.mark.django_db
D = Decimal
PD = "dinas-baru"


def _form(client: Client, **query: Any) -> tuple[str, str]:
    page = client.get(reverse("plan_editor:form", args=[PD, 2026]), query).content.decode()
    stamp = re.search(r'name="stamp" value="([0-9a-f]+)"', page)
    assert stamp is not None, "the form carries no stamp"
    return page, stamp.group(1)


def _two(people: dict[str, Any]) -> tuple[Client, Client]:
    first, second = Client(), Client()
    first.force_login(people["operator"])
    second.force_login(people["kepala"])
    return first, second


def test_the_second_save_of_a_row_on_an_old_form_is_refused(small_plan, people) -> None:
    program = small_plan["program"]
    first, second = _two(people)
    _, stamp_a = _form(first, kind="row_edit", row=program.pk)
    _, stamp_b = _form(second, kind="row_edit", row=program.pk)
    assert stamp_a == stamp_b
    url = reverse("plan_editor:row_save", args=[PD, 2026, program.pk])
    fields = {"revision": "0", "name": program.name, "code": "2.17.07"}
    done = first.post(url, {**fields, "budget": "600.000.000", "stamp": stamp_a}, follow=True)
    assert "Baris disimpan." in done.content.decode()
    late = second.post(url, {**fields, "budget": "450.000.000", "stamp": stamp_b}, follow=True).content.decode()
    assert "sudah diubah oleh" in late and "Tidak ada yang disimpan" in late
    assert WorkPlanRow.objects.get(row=program).budget == D(600_000_000)  # the first save stands


def test_a_fresh_form_after_the_other_save_saves(small_plan, people) -> None:
    program = small_plan["program"]
    first, second = _two(people)
    url = reverse("plan_editor:row_save", args=[PD, 2026, program.pk])
    fields = {"revision": "0", "name": program.name, "code": "2.17.07"}
    _, stamp = _form(first, kind="row_edit", row=program.pk)
    first.post(url, {**fields, "budget": "600.000.000", "stamp": stamp})
    _, fresh = _form(second, kind="row_edit", row=program.pk)
    assert fresh != stamp
    page = second.post(url, {**fields, "budget": "450.000.000", "stamp": fresh}, follow=True).content.decode()
    assert "Baris disimpan." in page
    assert WorkPlanRow.objects.get(row=program).budget == D(450_000_000)


def test_the_second_save_of_an_indicator_on_an_old_form_is_refused(small_plan, people) -> None:
    share = small_plan["share"]
    first, second = _two(people)
    _, stamp_a = _form(first, kind="indicator_edit", indicator=share.pk)
    _, stamp_b = _form(second, kind="indicator_edit", indicator=share.pk)
    url = reverse("plan_editor:indicator_save", args=[PD, 2026, share.pk])
    fields = {"revision": "0", "name": share.name, "unit": "%", "aggregation": "last"}
    first.post(url, {**fields, "target": "15", "q4": "15", "stamp": stamp_a})
    late = second.post(url, {**fields, "target": "20", "q4": "20", "stamp": stamp_b}, follow=True).content.decode()
    assert "Indikator" in late and "sudah diubah oleh" in late
    assert WorkPlanIndicator.objects.get(indicator=share).target == D(15)


@pytest.mark.parametrize(
    ("change", "same"),
    [
        ({}, True),  # nothing stored changed
        ({"budget": D("500000000.00")}, True),  # the same figure written with its decimals
        ({"budget": D("500000001")}, False),
        ({"funding_source": "DAK"}, False),
        ({"name": "Nama lain"}, False),
    ],
)
def test_the_stamp_follows_the_stored_values_not_their_spelling(small_plan, people, change, same) -> None:
    wp, program = small_plan["wp"], small_plan["program"]
    before = s.row_stamp(work_plan=wp, row=program)
    row_fields = {k: v for k, v in change.items() if k in ("name",)}
    work_fields = {k: v for k, v in change.items() if k not in row_fields}
    if row_fields:
        PlanRow.objects.filter(pk=program.pk).update(**row_fields)
    if work_fields:
        WorkPlanRow.objects.filter(work_plan=wp, row=program).update(**work_fields)
    after = s.row_stamp(work_plan=wp, row=PlanRow.objects.get(pk=program.pk))
    assert (before == after) is same


def test_a_form_without_a_stamp_is_still_saved_by_the_service(small_plan, people) -> None:
    """The API and the services' own callers may write without a form: no stamp, no check."""
    share = small_plan["share"]
    values = s.IndicatorValues(name=share.name, unit="%", aggregation="last", target=D(13))
    s.indicator_update(work_plan=small_plan["wp"], indicator=share, values=values, actor=people["operator"])
    assert WorkPlanIndicator.objects.get(indicator=Indicator.objects.get(pk=share.pk)).target == D(13)
