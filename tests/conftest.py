"""Shared fixtures: the demo data loaded once per session, personas, and a document factory."""

from __future__ import annotations

import io
import os
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command

AGENCY = "diskopum-lumajang"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """Load the demo (Lumajang / Diskopum 2021) once; each test runs in a transaction rolled back."""
    with django_db_blocker.unblock():
        call_command("demo", verbosity=0)


@pytest.fixture
def agency(db: Any) -> Any:
    """The demo agency; reloaded when a transactional (browser) test flushed the database before."""
    from planning.models import Agency

    if not Agency.objects.filter(slug=AGENCY).exists():
        call_command("demo", verbosity=0, stdout=io.StringIO())
    return Agency.objects.select_related("region").get(slug=AGENCY)


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, never a downloaded browser; no background networking (there is no internet)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: run make install as root, or apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def demo_report(agency: Any) -> dict[str, Any]:
    """The demo's TW IV 2021 report as the JSON dictionary."""
    from reporting.renderers.json_report import report_to_dict
    from reporting.report import report_build

    return report_to_dict(report_build(agency=agency, year=2021, quarter=4))


def D(value: str | int) -> Decimal:
    return Decimal(str(value))


def postgresql_url() -> str | None:
    """The suite's PostgreSQL server (DATABASE_URL of CI's second pass), or None on the SQLite pass."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """Tests marked ``postgresql`` belong to the PostgreSQL pass: left out of the SQLite one, said so.

    Deselected rather than skipped, so that CI's strict mode does not count them as failures on the pass
    where they are not meant to run; on the PostgreSQL pass they run, and fail if they cannot.
    """
    if postgresql_url():
        return
    left_out = [item for item in items if item.get_closest_marker("postgresql")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Any:
    """Under KINERJA_STRICT_TESTS (CI), a test that could not run is a failure, not a skip."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("KINERJA_STRICT_TESTS") and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under KINERJA_STRICT_TESTS: {report.longrepr}"


def explain_errors(*, agency: Any, year: int, quarter: int, actor: Any) -> int:
    """Explain every error finding of the quarter, as the PD must before submitting; returns how many."""
    from domain.findings import finding_key
    from domain.types import Severity
    from quarters.services.entry import finding_explain
    from reporting.report import report_build

    errors = [
        f
        for f in report_build(agency=agency, year=year, quarter=quarter).evaluation.findings
        if f.severity is Severity.ERROR
    ]
    for finding in errors:
        finding_explain(
            agency=agency, year=year, quarter=quarter, key=finding_key(finding), text="sudah dicek", actor=actor
        )
    return len(errors)


def submit_explained(*, agency: Any, year: int, quarter: int, actor: Any) -> Any:
    """Submit a quarter as the PD does: every error finding explained first (submitting asks for it)."""
    from quarters.workflow import quarter_submit

    explain_errors(agency=agency, year=year, quarter=quarter, actor=actor)
    return quarter_submit(agency=agency, year=year, quarter=quarter, actor=actor)
