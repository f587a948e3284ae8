"""Changing one's own password at /akun/sandi/: Django's checks, Indonesian pages, recorded without the password."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent

OLD, NEW = "sandi-lama-panjang", "sandi-baru-yang-panjang"


@pytest.fixture
def operator(db, django_user_model):
    return django_user_model.objects.create_user("operator-uji", password=OLD)


def test_the_top_bar_links_to_it(client, operator) -> None:
    client.force_login(operator)
    body = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("password_change")}"' in body and "Kata sandi" in body
    assert reverse("password_change") == "/akun/sandi/"


def test_anonymous_is_sent_to_login(client, db) -> None:
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_form_is_indonesian(client, operator) -> None:
    client.force_login(operator)
    body = client.get(reverse("password_change")).content.decode()
    for words in ("Ganti kata sandi", "Kata sandi lama", "Kata sandi baru", "Ulangi kata sandi baru"):
        assert words in body
    assert "Old password" not in body


def test_a_change_keeps_the_session_and_is_audited(client, operator) -> None:
    client.force_login(operator)
    response = client.post(
        reverse("password_change"), {"old_password": OLD, "new_password1": NEW, "new_password2": NEW}
    )
    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    done = client.get(response["Location"])
    assert done.status_code == 200 and "Kata sandi Anda sudah diganti" in done.content.decode()
    operator.refresh_from_db()
    assert operator.check_password(NEW)
    assert client.get(reverse("home")).status_code == 200  # still logged in
    event = AuditEvent.objects.get(action="password_change")
    assert event.actor == operator and event.model == "User"
    assert OLD not in str(event.__dict__) and NEW not in str(event.__dict__)


@pytest.mark.parametrize(
    ("old", "new1", "new2", "words"),
    [
        ("salah-sekali-ini", NEW, NEW, "Sandi lama Anda yang dimasukkan salah"),  # Django's own Indonesian
        (OLD, NEW, NEW + "x", "tidak cocok"),
        (OLD, "pendek", "pendek", "terlalu pendek"),
    ],
)
def test_a_refused_change_says_why_in_indonesian(client, operator, old, new1, new2, words) -> None:
    client.force_login(operator)
    response = client.post(
        reverse("password_change"), {"old_password": old, "new_password1": new1, "new_password2": new2}
    )
    body = response.content.decode()
    assert response.status_code == 200 and words in body, body[-2000:]
    operator.refresh_from_db()
    assert operator.check_password(OLD)
    assert not AuditEvent.objects.filter(action="password_change").exists()
