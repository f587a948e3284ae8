"""The audit log's admin: the pemda filter and column, for a superuser and for a viewer of the log."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from planning.models import Region

URL = reverse("admin:audit_auditevent_changelist")


@pytest.fixture
def log(db: Any) -> dict[str, Any]:
    """Only these events in the log: two in Kabupaten Alfa, one in Kota Beta, one of no pemda."""
    AuditEvent.objects.all().delete()
    alfa = Region.objects.create(slug="alfa", name="Kabupaten Alfa")
    beta = Region.objects.create(slug="beta", name="Kota Beta")
    events = {
        "alfa": [
            AuditEvent.objects.create(action="update", model="Indicator", summary="ubah-alfa-1", region=alfa),
            AuditEvent.objects.create(action="create", model="Row", summary="ubah-alfa-2", region=alfa),
        ],
        "beta": [AuditEvent.objects.create(action="update", model="Indicator", summary="ubah-beta", region=beta)],
        "none": [AuditEvent.objects.create(action="load", model="Nomenclature", summary="muat-nomenklatur")],
    }
    return {"alfa": alfa, "beta": beta, "events": events}


@pytest.fixture
def viewer(db: Any, django_user_model: Any) -> Client:
    """Staff, not a superuser, allowed only to view the audit log."""
    user = django_user_model.objects.create_user(username="pemeriksa", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_auditevent", content_type__app_label="audit"))
    client = Client()
    client.force_login(user)
    return client


def _shown(client: Client, query: dict[str, str] | None = None) -> set[str]:
    response = client.get(URL, query or {})
    assert response.status_code == 200
    return {event.summary for event in response.context["cl"].result_list}


def _summaries(events: list[AuditEvent]) -> set[str]:
    return {e.summary for e in events}


@pytest.mark.parametrize("who", ["admin", "viewer"])
def test_filtered_by_each_pemda_the_changelist_shows_exactly_its_events(
    who: str, log: dict[str, Any], admin_client: Client, viewer: Client
) -> None:
    client = admin_client if who == "admin" else viewer
    events = log["events"]
    assert _shown(client) == _summaries(events["alfa"] + events["beta"] + events["none"])
    assert _shown(client, {"pemda": str(log["alfa"].pk)}) == _summaries(events["alfa"])
    assert _shown(client, {"pemda": str(log["beta"].pk)}) == _summaries(events["beta"])
    assert _shown(client, {"pemda": "tanpa"}) == _summaries(events["none"])


def test_the_filter_lists_the_pemda_in_the_log_by_name_and_the_column_names_them(
    log: dict[str, Any], viewer: Client
) -> None:
    Region.objects.create(slug="gamma", name="Kabupaten Gamma")  # no event: not offered
    response = viewer.get(URL)
    spec = next(s for s in response.context["cl"].filter_specs if s.title == "pemda")
    assert spec.lookup_choices == [
        (str(log["alfa"].pk), "Kabupaten Alfa"),
        (str(log["beta"].pk), "Kota Beta"),
        ("tanpa", "tanpa pemda"),
    ]
    page = response.content.decode()
    assert "Kabupaten Gamma" not in page
    assert '<th scope="col" class="sortable column-region_label">' in page
    assert page.count('<td class="field-region_label">Kabupaten Alfa</td>') == 2
    assert page.count('<td class="field-region_label">tanpa pemda</td>') == 1


def test_an_unknown_pemda_value_is_refused_not_an_error(log: dict[str, Any], admin_client: Client) -> None:
    response = admin_client.get(URL, {"pemda": "abc"})
    assert response.status_code == 302  # the admin's "?e=1": the parameters were wrong
    assert "e=1" in response["Location"]


def test_staff_without_the_view_permission_still_may_not_see_the_log(log: Any, django_user_model: Any) -> None:
    user = django_user_model.objects.create_user(username="staf", password="x", is_staff=True)
    client = Client()
    client.force_login(user)
    assert client.get(URL, {"pemda": "tanpa"}).status_code == 403


@pytest.mark.parametrize("who", ["admin", "viewer"])
def test_the_changelist_runs_as_many_queries_for_30_events_as_for_3(
    who: str, db: Any, admin_client: Client, viewer: Client, django_user_model: Any
) -> None:
    client = admin_client if who == "admin" else viewer
    AuditEvent.objects.all().delete()
    actor = django_user_model.objects.create_user(username="pelaku", password="x")
    regions = [Region.objects.create(slug=f"r{i}", name=f"Kabupaten {i}") for i in range(3)]

    def add(count: int) -> None:
        for i in range(count):
            AuditEvent.objects.create(
                action="update",
                model="Indicator",
                summary=f"e{i}",
                actor=actor,
                region=regions[i % 3] if i % 4 else None,
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    add(3)
    few = queries()
    add(27)
    assert AuditEvent.objects.count() == 30
    assert queries() == few
