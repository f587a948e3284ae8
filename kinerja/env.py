"""Small typed readers of the environment, the only place settings come from."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    """One of ``choices``; any other value refuses to start (a typo must not fall back to the default)."""
    value = os.environ.get(name, default).strip().lower() or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r}: expected one of {', '.join(choices)}")
    return value


def env_secret(name: str, *, required: bool, secret_file: Path) -> str:
    """The secret key: from ``name`` when set; otherwise refused if ``required``, else the local file's.

    Set but empty (``SECRET_KEY=``) is always refused: Django would accept it at start and fail on the
    first request.
    """
    if name in os.environ:
        value = os.environ[name].strip()
        if not value:
            raise ImproperlyConfigured(f"{name} is set but empty (see docs/deployment.md)")
        return value
    if required:
        raise ImproperlyConfigured(f"{name} must be set in production (see docs/deployment.md)")
    return local_secret(secret_file)


def local_secret(path: Path) -> str:
    """This installation's own secret, made on first use: 50 random bytes, URL-safe, in ``path`` (mode 0600).

    Concurrent first runs (e.g. three gunicorn workers) agree: the file appears whole or not at all.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(50) + "\n")
        try:
            os.link(draft, path)  # fails if another process made it first; then that one counts
        except FileExistsError:
            pass
        finally:
            os.unlink(draft)
    value = path.read_text().strip()
    if len(value) < 50:
        raise ImproperlyConfigured(f"{path} holds no usable secret: delete it and a new one is made")
    return value
