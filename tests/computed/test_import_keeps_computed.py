"""An import never writes a sheet's K over a computed indicator's: the stored value (computed from its base
figures) stays, and the dry run and the import say so for the row, as a warning.  A report exported from
Kinerja carries the computed K, so re-importing it must not be refused either."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from imports.services import import_report
from planning.models import Realization
from planning.roles import SYSTEM
from tests.computed.test_typed_k import ACTIVE, active, operator  # noqa: F401 (fixtures)
from tests.imports.conftest import SEED_NAME, seed_bytes  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _reimport(data: bytes, *, dry_run: bool) -> Any:
    return import_report(
        data=data, filename=SEED_NAME, agency_slug="diskopum-lumajang", year=2021, dry_run=dry_run, actor=SYSTEM
    )


def _stored(indicator: Any) -> Decimal | None:
    row = Realization.objects.filter(indicator=indicator, year=2021, quarter=4).first()
    return row.value if row else None


def test_the_loader_names_realisation_changes_as_this_test_expects(agency, seed_bytes) -> None:  # noqa: F811
    """Guards the assertion below: an edited K of the seed is listed as a ``Realization`` change."""
    edited = (
        seed_bytes.replace(b"13,44", b"13,45", 1)
        if b"13,44" in seed_bytes
        else seed_bytes.replace(b"13.44", b"13.45", 1)
    )
    result = _reimport(edited, dry_run=True)
    assert any(c.model == "Realization" and ACTIVE in c.label for c in result.changes)


@pytest.mark.parametrize("dry_run", [True, False])
def test_the_seeds_k_is_not_written_over_the_computed_one(active, seed_bytes, dry_run) -> None:  # noqa: F811
    assert _stored(active) == Decimal(71)  # 355 of 500, from the base figures
    result = _reimport(seed_bytes, dry_run=dry_run)
    assert result.ok, [str(p) for p in result.errors]
    kept = [p.message for p in result.warnings if "tidak dipakai" in p.message]
    assert len(kept) == 1, kept
    assert ACTIVE in kept[0] and "13,44" in kept[0] and "indikator terhitung" in kept[0] and "71" in kept[0]
    assert not any(c.model == "Realization" and ACTIVE in c.label for c in result.changes)
    assert _stored(active) == Decimal(71)
