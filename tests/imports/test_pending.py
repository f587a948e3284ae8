"""The waiting dry run (issue 8, point 8): it belongs to the user who made it, under a random token;
confirming it twice, or ten times at once, saves it once and answers every confirmation harmlessly."""

from __future__ import annotations

import hashlib
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from planning.models import Membership, Realization
from tests.imports.conftest import SEED_NAME

CHANGED = (b"3 unit\t5,025,247", b"4 unit\t5,025,247")  # one quarter's K in the seed: 3 -> 4


@pytest.fixture
def users(django_user_model, agency):
    """alice: operator of the demo PD; bob: Bappeda verifier of its pemda."""
    alice = django_user_model.objects.create_user("alice", password="rahasia-panjang")
    bob = django_user_model.objects.create_user("bob", password="rahasia-panjang")
    Membership.objects.create(user=alice, region=agency.region, agency=agency, role=Membership.Role.OPERATOR)
    Membership.objects.create(user=bob, region=agency.region, role=Membership.Role.VERIFIER)
    return {"alice": alice, "bob": bob}


def _dry_run(client: Client, seed_bytes: bytes) -> str:
    data = seed_bytes.replace(*CHANGED)
    payload = {"file": SimpleUploadedFile(SEED_NAME, data), "year": 2021, "agency": "diskopum-lumajang"}
    response = client.post(reverse("imports:upload"), payload)
    assert response.status_code == 200 and response.context["token"]
    return response.context["token"]


def _confirm(client: Client, token: str):
    fields = {"token": token, "filename": SEED_NAME, "agency": "diskopum-lumajang", "year": 2021, "quarter": ""}
    return client.post(reverse("imports:confirm"), fields)


def _kendaraan() -> Realization:
    return Realization.objects.get(indicator__name__startswith="Jumlah kendaraan dinas", year=2021, quarter=1)


def test_the_token_is_random_not_the_file_checksum(client, users, seed_bytes) -> None:
    client.force_login(users["alice"])
    first, second = _dry_run(client, seed_bytes), _dry_run(client, seed_bytes)
    checksum = hashlib.sha256(seed_bytes.replace(*CHANGED)).hexdigest()
    assert first != second and checksum not in (first, second) and len(first) >= 40


def test_a_dry_run_is_confirmed_only_by_the_user_who_made_it(client, users, seed_bytes) -> None:
    """The verifier dry-runs; the operator, who may import into the same PD, cannot confirm it."""
    client.force_login(users["bob"])
    token = _dry_run(client, seed_bytes)
    client.force_login(users["alice"])
    refused = _confirm(client, token)
    assert refused.status_code == 400 and "sudah tidak tersedia" in refused.content.decode()
    assert _kendaraan().value == 3
    client.force_login(users["bob"])  # the operator's attempt took nothing away from the verifier
    saved = _confirm(client, token)
    assert saved.status_code == 200 and "Tersimpan: 1 perubahan" in saved.content.decode()
    assert _kendaraan().value == 4 and _kendaraan().updated_by == users["bob"]


def test_confirming_twice_saves_once_and_says_so(client, users, seed_bytes) -> None:
    client.force_login(users["alice"])
    token = _dry_run(client, seed_bytes)
    assert _confirm(client, token).status_code == 200
    events = AuditEvent.objects.count()
    again = _confirm(client, token)
    assert again.status_code == 200 and "Sudah disimpan" in again.content.decode()
    assert AuditEvent.objects.count() == events and _kendaraan().value == 4


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_confirmations_all_answer_and_one_saves(users, seed_bytes) -> None:
    """Ten requests at once, each in its own thread with its own database connection and transaction."""
    owner = Client()
    owner.force_login(users["alice"])
    token = _dry_run(owner, seed_bytes)
    imports_before = AuditEvent.objects.filter(action="import").count()
    clients = []
    for _ in range(10):  # logged in beforehand: the threads only confirm
        client = Client()
        client.force_login(users["alice"])
        clients.append(client)
    start = threading.Barrier(10, timeout=60)
    answers: list[tuple[int, str]] = []

    def confirm(client: Client) -> None:
        try:
            start.wait()
            response = _confirm(client, token)
            answers.append((response.status_code, response.content.decode()))
        except Exception as exc:  # a thread's failure is an answer too, and is reported below
            answers.append((0, repr(exc)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(answers) == 10
    assert all(status == 200 for status, _ in answers), [(s, t[-300:]) for s, t in answers if s != 200]
    saved = [text for _, text in answers if "Tersimpan: 1 perubahan" in text]
    already = [text for _, text in answers if "Sudah disimpan" in text]
    assert (len(saved), len(already)) == (1, 9)
    assert AuditEvent.objects.filter(action="import").count() == imports_before + 1
    assert _kendaraan().value == 4
