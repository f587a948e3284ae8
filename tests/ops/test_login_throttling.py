"""Point 7 of issue 8: wrong passwords are throttled by account and by address, in Indonesian, and an
administrator unlocks."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings

PASSWORD = "kinerja-demo"  # the demo users'
LOCKED = "Masuk dikunci sementara"
LIMIT = 5  # KINERJA_LOGIN_FAILURE_LIMIT, by default

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(agency: Any) -> dict[str, Any]:
    return {u.username: u for u in get_user_model().objects.filter(username__in=["operator", "admin", "kepala"])}


def attempt(client: Client, url: str, username: str, password: str, address: str = "127.0.0.1") -> Any:
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url, username", [("/masuk/", "operator"), ("/admin/login/", "admin")])
def test_after_the_limit_even_the_right_password_is_refused_in_indonesian(users, url, username) -> None:
    assert getattr(settings, "AXES_FAILURE_LIMIT", None) == LIMIT
    client = Client()
    for _ in range(LIMIT):
        answer = attempt(client, url, username, "salah")
        assert answer.status_code in (200, 429)
    answer = attempt(client, url, username, PASSWORD)
    assert answer.status_code == 429
    text = answer.content.decode()
    assert LOCKED in text and "juga dengan kata sandi yang benar" in text and "15 menit" in text
    assert "Account locked" not in text and "too many" not in text.lower()
    assert not logged_in(client)


def test_fewer_failures_than_the_limit_leave_the_right_password_working(users) -> None:
    client = Client()
    for _ in range(LIMIT - 1):
        assert attempt(client, "/masuk/", "operator", "salah").status_code == 200
    assert attempt(client, "/masuk/", "operator", PASSWORD).status_code == 302
    assert logged_in(client)


def test_an_account_is_locked_whatever_addresses_the_attempts_come_from(users) -> None:
    for n in range(LIMIT):
        attempt(Client(), "/masuk/", "operator", "salah", address=f"10.0.0.{n + 1}")
    client = Client()
    assert attempt(client, "/masuk/", "operator", PASSWORD, address="10.9.9.9").status_code == 429
    assert not logged_in(client)


def test_an_address_is_locked_whatever_accounts_it_tries(users) -> None:
    for n in range(LIMIT):
        attempt(Client(), "/masuk/", f"tebakan{n}", "salah", address="10.0.0.66")
    client = Client()
    assert attempt(client, "/masuk/", "operator", PASSWORD, address="10.0.0.66").status_code == 429
    assert not logged_in(client)
    other = Client()  # the same account from another address: not locked
    assert attempt(other, "/masuk/", "operator", PASSWORD, address="10.0.0.67").status_code == 302


def lock_operator() -> None:
    for _ in range(LIMIT):
        attempt(Client(), "/masuk/", "operator", "salah")
    assert attempt(Client(), "/masuk/", "operator", PASSWORD).status_code == 429


@pytest.mark.parametrize("command, argument", [("axes_reset_username", "operator"), ("axes_reset_ip", "127.0.0.1")])
def test_the_reset_commands_unlock(users, command, argument, capsys) -> None:
    lock_operator()
    call_command(command, argument)
    client = Client()
    assert attempt(client, "/masuk/", "operator", PASSWORD).status_code == 302
    assert logged_in(client)


def test_an_administrator_unlocks_in_the_admin(users) -> None:
    from axes.models import AccessAttempt

    lock_operator()
    admin = Client()
    admin.force_login(users["admin"])
    page = admin.get("/admin/axes/accessattempt/")
    assert page.status_code == 200 and "operator" in page.content.decode()
    ids = list(AccessAttempt.objects.filter(username="operator").values_list("pk", flat=True))
    done = admin.post(
        "/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
    )
    assert done.status_code == 302
    assert attempt(Client(), "/masuk/", "operator", PASSWORD).status_code == 302


def test_a_successful_login_clears_the_failures(users) -> None:
    for _ in range(LIMIT - 1):
        attempt(Client(), "/masuk/", "operator", "salah")
    assert attempt(Client(), "/masuk/", "operator", PASSWORD).status_code == 302
    for _ in range(LIMIT - 1):
        attempt(Client(), "/masuk/", "operator", "salah")
    assert attempt(Client(), "/masuk/", "operator", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "proxies, remote, forwarded, expected",
    [
        (0, "203.0.113.5", "198.51.100.1", "203.0.113.5"),  # no proxy: the header is the client's own word
        (1, "127.0.0.1", "198.51.100.1", "198.51.100.1"),  # nginx appended the address it saw
        (1, "127.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # a forged entry on the left is ignored
        (1, "127.0.0.1", "", "127.0.0.1"),
        (2, "127.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
    ],
)
def test_the_client_address_behind_proxies(proxies, remote, forwarded, expected) -> None:
    from ops.auth import client_address

    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(KINERJA_PROXIES=proxies):
        assert client_address(request) == expected


def test_the_test_clients_login_still_works(users) -> None:
    client = Client()
    assert client.login(username="operator", password=PASSWORD)
