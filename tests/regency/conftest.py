from __future__ import annotations

from typing import Any

import pytest

from tests.regency import factory


@pytest.fixture
def uji(db: Any) -> Any:
    """The three-PD pemda of ``tests.regency.factory``, loaded."""
    from planning.models import Region

    factory.load()
    return Region.objects.get(slug=factory.REGION)
