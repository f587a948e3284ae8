"""The screens speak Indonesian unless the person chose English; the browser's language is not a choice."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse


def test_an_english_browser_still_gets_indonesian(client, db) -> None:
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"
    assert "Kata sandi" in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_indonesian(client, db) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get(reverse("login"))["Content-Language"] == "id"


def test_the_chosen_language_is_kept_in_a_cookie(client, db) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get(reverse("login"))["Content-Language"] == "en"


# -- English, the second language: locale/en/LC_MESSAGES/django.po, compiled as `make migrate` does ----
PO = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def use_english(settings, tmp_path, client):  # type: ignore[no-untyped-def]
    """Compile the English catalogue into ``tmp_path`` (as ``make migrate`` does into locale/), point Django
    at it and make ``client`` a person who chose English."""
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt is missing: apt-get install gettext (make install does)")
    folder = tmp_path / "locale" / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    subprocess.run(["msgfmt", "--check", "-o", str(folder / "django.mo"), str(PO)], check=True)
    settings.LOCALE_PATHS = [tmp_path / "locale"]  # also resets Django's cached catalogues
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def english(settings, tmp_path, client):  # type: ignore[no-untyped-def]
    return use_english(settings, tmp_path, client)


def test_every_string_has_its_english() -> None:
    text = PO.read_text(encoding="utf-8")
    entries = re.split(r"\n\n+", text.strip())[1:]  # after the header
    assert entries
    untranslated = [e for e in entries if re.search(r'^msgstr(\[\d\])? ""$', e, re.M)]
    assert not untranslated, untranslated


def test_the_shared_chrome_in_english(english, django_user_model) -> None:
    body = english.get(reverse("login")).content.decode()
    assert 'lang="en"' in body and "Log in" in body and "User name" in body and "Bahasa Indonesia" in body
    english.force_login(django_user_model.objects.create_user("anna", password="rahasia-panjang"))
    body = english.get(reverse("password_change")).content.decode()
    assert "Change password" in body and "Log out" in body and "Kata sandi lama" not in body
    assert "Page not found" in english.get("/tidak-ada/").content.decode()


def test_every_translated_literal_of_the_templates_is_in_the_catalogue() -> None:
    """A ``{% translate "..." %}`` added to a template without its English entry would show Indonesian to a
    person who chose English, with nothing failing (``test_every_string_has_its_english`` only reads the .po)."""
    root = Path(__file__).resolve().parents[1]
    literal = re.compile(r"""\{%\s*(?:translate|trans)\s+(["'])(.+?)\1""")
    found = {
        match.group(2)
        for path in root.glob("**/templates/**/*.html")
        if ".venv" not in path.parts
        for match in literal.finditer(path.read_text(encoding="utf-8"))
    }
    catalogue = set(re.findall(r'^msgid "(.+)"$', PO.read_text(encoding="utf-8"), re.M))
    assert found, "no translated literal found: the pattern is wrong"
    assert sorted(found - catalogue) == []
