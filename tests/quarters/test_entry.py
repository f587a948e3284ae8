"""The entry screen: what the PD sees and types, saved through the services, for every kind of user."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from planning.models import Agency, BudgetRealization, Indicator, Membership, PlanRow, Realization
from planning.services.realizations import value_version

ASN = "Jumlah ASN terlayani gaji dan tunjangan"
SLUG = "diskopum-lumajang"


@pytest.fixture
def people(agency: Any, django_user_model: Any) -> dict[str, Any]:
    from planning.models import Region

    other_region = Region.objects.create(slug="lain", name="Kabupaten Lain")
    other = Agency.objects.create(region=other_region, slug="dinas-lain", name="Dinas Lain")
    sibling = Agency.objects.create(region=agency.region, slug="dinas-sebelah", name="Dinas Sebelah")
    roles = {
        "operator": (agency.region, Membership.Role.OPERATOR, agency),
        "kepala": (agency.region, Membership.Role.HEAD, agency),
        "verifier": (agency.region, Membership.Role.VERIFIER, None),
        "admin": (agency.region, Membership.Role.ADMIN, None),
        "reader": (agency.region, Membership.Role.READER, None),
        "sibling_operator": (agency.region, Membership.Role.OPERATOR, sibling),
        "other_pemda": (other_region, Membership.Role.OPERATOR, other),
    }
    users = {}
    for name, (region, role, where) in roles.items():
        user = django_user_model.objects.create_user(f"e-{name}", password="x" * 12, first_name=name.title())
        Membership.objects.create(user=user, region=region, agency=where, role=role)
        users[name] = user
    users["nobody"] = django_user_model.objects.create_user("e-nobody", password="x" * 12)
    return users


def url(name: str, quarter: int = 3, *extra: Any) -> str:
    return reverse(f"quarters:{name}", args=[SLUG, 2021, quarter, *extra])


def save(client: Any, kind: str, pk: int, value: str, version: str, quarter: int = 3) -> Any:
    return client.post(url("value_save", quarter), {"kind": kind, "id": pk, "value": value, "version": version})


@pytest.mark.parametrize(
    ("persona", "status"),
    [("operator", 200), ("kepala", 200), ("verifier", 200), ("admin", 200), ("reader", 200),
     ("sibling_operator", 404), ("other_pemda", 404), ("nobody", 404)],
)  # fmt: skip
def test_who_sees_the_entry_screen(client, people, persona, status) -> None:
    client.force_login(people[persona])
    response = client.get(url("entry"))
    assert response.status_code == status
    if status == 200:
        editable = persona in ("operator", "kepala")
        assert (b'class="cell"' in response.content) is editable


def test_anonymous_is_sent_to_login(client, db) -> None:
    response = client.get(url("entry"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("operator", 200), ("kepala", 200), ("verifier", 403), ("reader", 403), ("sibling_operator", 404), ("other_pemda", 404)],
)  # fmt: skip
def test_who_may_save_a_value(client, people, persona, status) -> None:
    current = Realization.objects.get(indicator__name=ASN, year=2021, quarter=3)
    client.force_login(people[persona])
    response = save(client, "k", current.indicator_id, "99", value_version(current))
    assert response.status_code == status
    assert Realization.objects.get(pk=current.pk).value == (99 if status == 200 else current.value)


def test_a_value_typed_the_indonesian_way_is_saved_and_the_line_recomputes(client, people) -> None:
    client.force_login(people["operator"])
    row = PlanRow.objects.get(name="Penyediaan Gaji dan Tunjangan ASN")
    before = Realization.objects.get(indicator__name=ASN, year=2021, quarter=3)
    response = save(client, "k", before.indicator_id, "23", value_version(before))
    body = response.content.decode()
    assert response.status_code == 200 and "tersimpan" in body
    assert Realization.objects.get(pk=before.pk).value == Decimal(23)
    assert 'hx-swap-oob="true"' in body and "entry-summary" in body
    stored = BudgetRealization.objects.get(row=row, year=2021, quarter=3)
    response = save(client, "rp", row.pk, "1.234.567,89", value_version(stored))
    assert BudgetRealization.objects.get(pk=stored.pk).amount == Decimal("1234567.89")
    assert "1.234.567,89" in response.content.decode()


def test_blank_clears_and_dash_means_nothing_realised(client, people) -> None:
    client.force_login(people["operator"])
    current = Realization.objects.get(indicator__name=ASN, year=2021, quarter=3)
    save(client, "k", current.indicator_id, "-", value_version(current))
    current.refresh_from_db()
    assert current.value == 0
    save(client, "k", current.indicator_id, "", value_version(current))
    assert not Realization.objects.filter(pk=current.pk).exists()


def test_a_bad_number_is_refused_beside_the_cell_and_nothing_changes(client, people) -> None:
    client.force_login(people["operator"])
    current = Realization.objects.get(indicator__name=ASN, year=2021, quarter=3)
    body = save(client, "k", current.indicator_id, "1,234.5", value_version(current)).content.decode()
    assert "format Indonesia" in body and 'aria-invalid="true"' in body and 'value="1,234.5"' in body
    assert Realization.objects.get(pk=current.pk).value == current.value


def test_the_second_of_two_saves_of_one_value_is_refused_with_the_others_value_and_name(client, people) -> None:
    current = Realization.objects.get(indicator__name=ASN, year=2021, quarter=3)
    seen = value_version(current)
    client.force_login(people["operator"])
    save(client, "k", current.indicator_id, "20", seen)
    client.force_login(people["kepala"])
    body = save(client, "k", current.indicator_id, "21", seen).content.decode()
    assert "sudah diubah orang lain" in body and "e-operator" in body and "<strong>20</strong>" in body
    assert Realization.objects.get(pk=current.pk).value == Decimal(20)


def test_a_pasted_block_saves_each_cell_and_reports_each_bad_one(client, people) -> None:
    client.force_login(people["operator"])
    import json

    indicators = list(Indicator.objects.filter(row__level="sub_activity").order_by("pk")[:3])
    cells = [{"kind": "k", "id": i.pk, "value": v, "version": value_version(Realization.objects.filter(indicator=i, year=2021, quarter=3).first())}
             for i, v in zip(indicators, ["5", "abc", "7"], strict=True)]  # fmt: skip
    body = client.post(url("values_paste"), {"cells": json.dumps(cells)}).content.decode()
    assert Realization.objects.get(indicator=indicators[0], year=2021, quarter=3).value == 5
    assert Realization.objects.get(indicator=indicators[2], year=2021, quarter=3).value == 7
    assert "bukan angka" in body


def test_another_pds_indicator_cannot_be_saved_through_this_pds_url(client, people) -> None:
    from demo.synthetic import synthetic_document
    from planning.roles import SYSTEM
    from planning.services.documents import document_load

    foreign = document_load(document=synthetic_document(seed=3, index=1, rows=3, year=2021), actor=SYSTEM).agency
    indicator = Indicator.objects.filter(row__strategic_plan__agency=foreign).first()
    client.force_login(people["operator"])
    assert save(client, "k", indicator.pk, "1", "").status_code == 404
    assert not Realization.objects.filter(indicator=indicator, year=2021, quarter=3, value=1).exists()


def test_notes_and_narratives_are_saved_with_a_version_check(client, people) -> None:
    from quarters.models import LineNote, QuarterReport

    asn = Indicator.objects.get(name=ASN)
    client.force_login(people["operator"])
    client.post(url("note_save", 3, asn.pk), {"version": 0, "note": "gaji ke-13", "drivers": "", "obstacles": ""})
    note = LineNote.objects.get(indicator=asn, report__quarter=3)
    assert note.note == "gaji ke-13" and note.version == 1
    stale = client.post(url("note_save", 3, asn.pk), {"version": 0, "note": "lain", "drivers": "", "obstacles": ""})
    assert "sudah diubah orang lain" in stale.content.decode()
    client.post(
        url("narratives_save"),
        {"version": 0, "drivers": "dukungan DAU", "obstacles": "", "follow_up_quarter": "", "follow_up_renja": ""},
    )
    assert QuarterReport.objects.get(agency__slug=SLUG, year=2021, quarter=3).drivers == "dukungan DAU"


def test_history_of_a_value_is_one_click_from_its_cell(client, people) -> None:
    current = Realization.objects.get(indicator__name=ASN, year=2021, quarter=3)
    client.force_login(people["operator"])
    save(client, "k", current.indicator_id, "22", value_version(current))
    client.force_login(people["reader"])
    body = client.get(url("value_history"), {"kind": "k", "id": current.indicator_id}).content.decode()
    assert "Riwayat" in body and "Operator" in body and ">22<" in body


def test_the_entry_page_runs_a_constant_number_of_queries(client, people, django_user_model) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.bench.test_page_queries import load_agencies

    counts = []
    for rows, first in ((5, 0), (120, 1)):
        [slug] = load_agencies(1, rows=rows, first=first)
        agency = Agency.objects.get(slug=slug)
        user = django_user_model.objects.create_user(f"op-{slug}", password="x" * 12)
        Membership.objects.create(user=user, region=agency.region, agency=agency, role=Membership.Role.OPERATOR)
        client.force_login(user)
        target = reverse("quarters:entry", args=[slug, 2021, 2])
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(target)
        assert response.status_code == 200
        assert response.content.count(b'class="cell"') >= rows
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_the_page_shows_the_quarters_history_with_server_commands_as_sistem(client, people, agency) -> None:
    from quarters.workflow import quarter_return
    from tests.conftest import submit_explained

    submit_explained(agency=agency, year=2021, quarter=3, actor=people["operator"])
    quarter_return(agency=agency, year=2021, quarter=3, actor=people["verifier"], note="TW III kurang bukti")
    from audit.models import AuditEvent

    AuditEvent.objects.filter(action="quarter_submit").update(actor=None)  # as if by `manage.py quarter`
    client.force_login(people["operator"])
    body = client.get(url("entry")).content.decode()
    assert "Dikembalikan Bappeda" in body and "TW III kurang bukti" in body
    assert "sistem · diajukan" in body and "Verifier · dikembalikan" in body


def test_lines_bappeda_returned_for_correction_are_marked_on_the_entry_screen(client, people, agency) -> None:
    from quarters.services.reviews import quarter_return_reviewed, row_review_set
    from tests.conftest import submit_explained

    asn = Indicator.objects.get(name=ASN)
    submit_explained(agency=agency, year=2021, quarter=3, actor=people["kepala"])
    row_review_set(
        agency=agency, year=2021, quarter=3, row_id=asn.row_id, indicator_id=asn.pk, state="correction",
        note="gaji TW III belum sesuai SP2D", actor=people["verifier"],
    )  # fmt: skip
    quarter_return_reviewed(agency=agency, year=2021, quarter=3, note="periksa baris ASN", actor=people["verifier"])
    client.force_login(people["operator"])
    body = client.get(url("entry")).content.decode()
    assert "needs-correction" in body and "perlu perbaikan: gaji TW III belum sesuai SP2D" in body
    assert "1 baris ditandai perlu perbaikan" in body
    assert 'class="cell"' in body  # returned: open again for the PD
