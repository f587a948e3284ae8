"""Fixtures of the import tests: the seed file, an empty database, and a comparable report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SEED_NAME = "laporan-kinerja-tw4-2021-diskopum-lumajang.txt"
# The seed as shipped with the project (a verbatim copy of ../shared/seed/, so a clone needs nothing beside it).
SEED = Path(__file__).resolve().parents[2] / "demo" / "data" / SEED_NAME


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture
def empty_db(db: Any) -> None:
    """Remove the demo inside the test's transaction (rolled back afterwards)."""
    from planning.models import Agency, Region
    from quarters.models import QuarterReport

    QuarterReport.objects.all().delete()
    Agency.objects.all().delete()
    Region.objects.all().delete()


def comparable(report: dict[str, Any]) -> dict[str, Any]:
    """The report without database ids, which differ between two loads of the same data."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("row_id", "indicator_id")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(report)


def report_of(slug: str, year: int = 2021, quarter: int = 4) -> dict[str, Any]:
    from planning.models import Agency
    from reporting.renderers.json_report import report_to_dict
    from reporting.report import report_build

    agency = Agency.objects.select_related("region").get(slug=slug)
    return report_to_dict(report_build(agency=agency, year=year, quarter=quarter))
