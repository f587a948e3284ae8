"""Other processes for the tests of running an installation: ``manage.py`` as typed, and writers that
set up Django of their own and write through the service, one connection per call as a request does."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def manage(
    *args: str, env: dict[str, str], check: bool = True, answer: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``manage.py`` in a fresh interpreter with the environment ``env`` (``answer``: typed on its input)."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=answer,
        capture_output=True,
        text=True,
        check=check,
        timeout=300,
    )


def sqlite_env(db: Path, **extra: str) -> dict[str, str]:
    """The environment of a local installation whose database is ``db``: no secret, no test settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "KINERJA_ENV", "DEBUG"}
    }
    env.update(DATABASE_URL=f"sqlite:///{db}", DJANGO_SETTINGS_MODULE="kinerja.settings", **extra)
    return env


def write_values(db: str, slot: int, count: int, start: Any) -> dict[str, Any]:
    """Set indicator ``slot``'s K of 2021 TW I ``count`` times as the demo operator, like ``count`` requests.

    Returns the values the service acknowledged, the errors it raised, and the time taken.
    """
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "kinerja.settings"
    os.environ.pop("SECRET_KEY", None)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from planning.models import Indicator
    from planning.services.realizations import realization_set

    actor = get_user_model().objects.get(username="operator")
    indicator = Indicator.objects.filter(row__strategic_plan__agency__slug="diskopum-lumajang").order_by("pk")[slot]
    connection.close()
    acknowledged: list[str] = []
    errors: list[str] = []
    start.wait()
    began = time.monotonic()
    for i in range(count):
        value = Decimal(1000 * (slot + 1) + i)
        try:
            realization_set(indicator=indicator, year=2021, quarter=1, value=value, actor=actor, reason="uji")
        except Exception as exc:  # the test counts every failure
            errors.append(f"{type(exc).__name__}: {exc}")
        else:
            acknowledged.append(str(value))
        finally:
            connection.close()  # as at the end of a request (CONN_MAX_AGE 0)
    return {
        "indicator": indicator.pk,
        "acknowledged": acknowledged,
        "errors": errors,
        "seconds": time.monotonic() - began,
    }


def hold_write_lock(db: str, seconds: float, locked: Any) -> dict[str, Any]:
    """One long write transaction, as the import of a large sheet holds: a value set, then ``seconds`` more."""
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "kinerja.settings"
    os.environ.pop("SECRET_KEY", None)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from planning.models import Indicator
    from planning.services.realizations import realization_set

    actor = get_user_model().objects.get(username="operator")
    indicator = Indicator.objects.filter(row__strategic_plan__agency__slug="diskopum-lumajang").order_by("-pk")[0]
    with transaction.atomic():
        realization_set(indicator=indicator, year=2021, quarter=1, value=Decimal(7), actor=actor, reason="impor")
        locked.set()
        time.sleep(seconds)
    connection.close()
    return {"indicator": indicator.pk}
