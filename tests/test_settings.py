"""Point 11 of issue 8: settings.  Each test starts the project in a fresh interpreter, as a person or a
server would, with an environment of its own (no test settings, no secret unless the test gives one)."""

from __future__ import annotations

import json
import os
import re
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEPLOYMENT = ROOT / "docs" / "deployment.md"
PRODUCTION_MARK = "<!-- production environment: read by tests/test_settings.py -->"
SETTING_NAMES = (
    "DEBUG SECRET_KEY SECURE_SSL_REDIRECT SECURE_HSTS_SECONDS SECURE_HSTS_INCLUDE_SUBDOMAINS "
    "SECURE_HSTS_PRELOAD SESSION_COOKIE_SECURE CSRF_COOKIE_SECURE SECURE_PROXY_SSL_HEADER"
).split()


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A shell's environment without any of our settings; the database in ``tmp_path``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("KINERJA_", "SECURE_", "DJANGO_")) and k not in {"SECRET_KEY", "DATABASE_URL", "DEBUG"}
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'kinerja.sqlite3'}"
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "manage.py", *args], env)


def settings_of(env: dict[str, str]) -> dict[str, object]:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {SETTING_NAMES!r}}}))"
    )
    done = run([sys.executable, "-c", code], {**env, "DJANGO_SETTINGS_MODULE": "kinerja.settings"})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def documented_production_env() -> dict[str, str]:
    """The ``ini`` block of docs/deployment.md after the marker, with a real key for the placeholder."""
    text = DEPLOYMENT.read_text()
    block = re.search(re.escape(PRODUCTION_MARK) + r"\s*```ini\n(.*?)```", text, re.S)
    assert block, "docs/deployment.md lost its production environment block"
    env = dict(line.split("=", 1) for line in block.group(1).splitlines() if line.strip())
    assert env.get("KINERJA_ENV") == "production" and "SECRET_KEY" in env
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    return env


# --- the secret key ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["local", "production"])
@pytest.mark.parametrize("value", ["", "   "])
def test_an_empty_secret_key_is_refused_at_start(tmp_path, kind, value) -> None:
    done = manage("check", env=clean_env(tmp_path, SECRET_KEY=value, KINERJA_ENV=kind))
    assert done.returncode != 0
    assert "SECRET_KEY is set but empty" in done.stderr


def test_a_fresh_local_installation_makes_its_secret_beside_the_database_and_keeps_it(tmp_path) -> None:
    env = clean_env(tmp_path)
    for command in (["check"], ["migrate", "--noinput", "-v0"], ["report", "--help"]):
        done = manage(*command, env=env)
        assert done.returncode == 0, done.stderr
    secret_file = tmp_path / "kinerja.secret"
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    secret = secret_file.read_text().strip()
    assert len(secret) >= 50
    assert settings_of(env)["SECRET_KEY"] == secret  # the second run reads the same secret
    if (ROOT / ".git").exists():
        ignored = run(["git", "check-ignore", "-q", str(ROOT / "kinerja.secret")], env)
        assert ignored.returncode == 0, "kinerja.secret in the project folder must be git-ignored"
    else:  # an exported copy of the tree
        assert "*.secret" in (ROOT / ".gitignore").read_text().split()


def test_concurrent_first_runs_agree_on_one_secret(tmp_path) -> None:
    env = {**clean_env(tmp_path), "DJANGO_SETTINGS_MODULE": "kinerja.settings"}
    code = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
    runs = [
        subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    keys = {p.communicate(timeout=60)[0].strip() for p in runs}
    assert keys == {(tmp_path / "kinerja.secret").read_text().strip()}
    assert [p.name for p in tmp_path.iterdir() if "secret" in p.name] == ["kinerja.secret"]


def test_the_development_switch_is_gone() -> None:
    for path in ("Makefile", "README.md", "docs/deployment.md", ".ci/run", "tests/settings.py", "kinerja/settings.py"):
        assert "KINERJA_ALLOW_DEV_SECRET" not in (ROOT / path).read_text(), path


def test_production_refuses_to_start_without_a_secret_key(tmp_path) -> None:
    done = manage("check", env=clean_env(tmp_path, KINERJA_ENV="production"))
    assert done.returncode != 0
    assert "SECRET_KEY must be set in production" in done.stderr
    assert not (tmp_path / "kinerja.secret").exists()


def test_production_refuses_debug_and_a_misspelt_kind(tmp_path) -> None:
    key = secrets.token_urlsafe(50)
    debug = manage("check", env=clean_env(tmp_path, KINERJA_ENV="production", SECRET_KEY=key, DEBUG="1"))
    assert debug.returncode != 0 and "DEBUG cannot be on" in debug.stderr
    typo = manage("check", env=clean_env(tmp_path, KINERJA_ENV="prod", SECRET_KEY=key))
    assert typo.returncode != 0 and "KINERJA_ENV='prod'" in typo.stderr


# --- production --------------------------------------------------------------------------------------


def test_production_takes_the_key_from_the_environment_and_enforces_https(tmp_path) -> None:
    env = clean_env(tmp_path, **documented_production_env())
    values = settings_of(env)
    assert values["SECRET_KEY"] == env["SECRET_KEY"]
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True and values["SECURE_HSTS_PRELOAD"] is True
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path) -> None:
    done = manage("check", "--deploy", "--fail-level", "DEBUG", env=clean_env(tmp_path, **documented_production_env()))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout
    assert "WARNING" not in done.stdout + done.stderr


def test_the_local_defaults_are_not_what_check_deploy_accepts(tmp_path) -> None:
    """The deploy check does see the difference: locally HTTPS is not forced."""
    done = manage("check", "--deploy", env=clean_env(tmp_path))
    assert "security.W004" in done.stdout + done.stderr  # no HSTS
    assert "security.W008" in done.stdout + done.stderr  # no SSL redirect


# --- Content-Security-Policy -------------------------------------------------------------------------

INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_no_template_has_inline_script() -> None:
    found = []
    for template in sorted((ROOT / "templates").rglob("*.html")):
        if template.name == "report_export.html":
            continue  # a standalone downloaded file, opened from disk: no server, no CSP header
        text = template.read_text()
        found += [f"{template.relative_to(ROOT)}: {what}" for pattern, what in INLINE if pattern.search(text)]
    assert found == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/masuk/", "/admin/login/"])
def test_pages_carry_a_policy_without_inline_script(client, url) -> None:
    policy = client.get(url)["Content-Security-Policy"]
    directives = dict(d.strip().partition(" ")[::2] for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert "unsafe-inline" not in directives["style-src"]
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


# --- logging -----------------------------------------------------------------------------------------


def test_a_403_is_one_log_line_not_a_traceback(tmp_path) -> None:
    code = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "from django.test.utils import override_settings\n"
        "with override_settings(ROOT_URLCONF='tests.ops.forbidden_urls'):\n"
        "    client = Client(HTTP_HOST='localhost', raise_request_exception=False)\n"
        "    print(client.get('/dilarang/').status_code, client.get('/rusak/').status_code)\n"
    )
    env = clean_env(tmp_path, DJANGO_SETTINGS_MODULE="kinerja.settings")
    done = run([sys.executable, "-W", "ignore", "-c", code], env)  # no warnings (whitenoise: no staticfiles/)
    assert done.stdout.split() == ["403", "500"], done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[0] == "Forbidden (Permission denied): /dilarang/"
    assert lines[1] == "Internal Server Error: /rusak/"  # a server error keeps its traceback
    assert lines[2].startswith("Traceback")
