"""Shared fixtures: the demo data loaded once per session, personas, and a document factory."""

from __future__ import annotations

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
    from planning.models import Agency

    return Agency.objects.select_related("region").get(slug=AGENCY)


@pytest.fixture
def demo_report(agency: Any) -> dict[str, Any]:
    """The demo's TW IV 2021 report as the JSON dictionary."""
    from reporting.renderers.json_report import report_to_dict
    from reporting.report import report_build

    return report_to_dict(report_build(agency=agency, year=2021, quarter=4))


def D(value: str | int) -> Decimal:
    return Decimal(str(value))
