"""The E.79 of a pemda with many PD as a background job: queued, run (inline here), linked, downloaded;
another pemda's job is a 404."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django_q.conf import Conf
from django_q.models import OrmQ, Task

from planning.models import Membership, Region
from reporting.regency import jobs, views


@pytest.fixture
def verifier(uji, django_user_model):
    user = django_user_model.objects.create_user("bappeda-job", password="x" * 12)
    Membership.objects.create(user=user, region=uji, role=Membership.Role.VERIFIER)
    return user


@pytest.fixture
def background(monkeypatch):
    """Downloads of more than 2 PD go to the queue."""
    monkeypatch.setattr(views, "BACKGROUND_MIN_PD", 2)


def test_a_queued_download_waits_for_the_worker(client, verifier, background, monkeypatch) -> None:
    monkeypatch.setattr(Conf, "SYNC", False)
    client.force_login(verifier)
    response = client.get(reverse("regency:e79_download", args=["uji-e79", 2021, 4, "json"]))
    assert response.status_code == 302
    assert OrmQ.objects.count() == 1
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "sedang disiapkan" in page.content.decode()
    assert 'http-equiv="refresh"' in page.content.decode()


def test_the_worker_runs_it_and_the_link_gives_the_file(client, verifier, background, monkeypatch) -> None:
    monkeypatch.setattr(Conf, "SYNC", True)
    client.force_login(verifier)
    response = client.get(reverse("regency:e79_download", args=["uji-e79", 2021, 4, "json"]))
    assert response.status_code == 302
    task = Task.objects.get()
    assert task.success and task.func == jobs.TASK
    page = client.get(response["Location"]).content.decode()
    assert "Unduh JSON" in page
    download = client.get(response["Location"] + "?unduh=1")
    assert download["Content-Disposition"] == 'attachment; filename="E79-uji-e79-2021-TW4.json"'
    assert json.loads(download.content)["average"] == "84.00"


def test_another_pemdas_job_is_not_found(client, verifier, background, monkeypatch, django_user_model) -> None:
    monkeypatch.setattr(Conf, "SYNC", True)
    client.force_login(verifier)
    location = client.get(reverse("regency:e79_download", args=["uji-e79", 2021, 4, "csv"]))["Location"]
    task_id = location.rstrip("/").rsplit("/", 1)[-1]
    other = Region.objects.create(slug="pemda-lain-job", name="Kabupaten Lain")
    outsider = django_user_model.objects.create_user("bappeda-lain", password="x" * 12)
    Membership.objects.create(user=outsider, region=other, role=Membership.Role.VERIFIER)
    client.force_login(outsider)
    assert client.get(reverse("regency:e79_job", args=["pemda-lain-job", 2021, 4, "csv", task_id])).status_code == 404
    assert client.get(location).status_code == 404  # not its pemda at all


def test_small_pemda_downloads_at_once(client, verifier) -> None:
    client.force_login(verifier)
    response = client.get(reverse("regency:e79_download", args=["uji-e79", 2021, 4, "json"]))
    assert response.status_code == 200
    assert Task.objects.count() == 0


def test_province_rollup_job(client, verifier, monkeypatch) -> None:
    import csv
    import io

    monkeypatch.setattr(Conf, "SYNC", True)
    client.force_login(verifier)
    response = client.get(reverse("regency:province", args=[2021, 4]))
    assert response.status_code == 302
    download = client.get(response["Location"] + "?unduh=1")
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    # The verifier reads one pemda: its line, then the province's (the same figures).
    assert rows[1][:5] == ["Kabupaten Uji E79", "3", "0", "84.00", "Tinggi"]
    assert rows[2][0] == "Provinsi (semua pemda)"
    assert rows[2][3:8] == ["84.00", "Tinggi", "750000000", "610000000", "81.33"]
