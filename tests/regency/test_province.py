"""The province roll-up over several pemda: exact, and a fixed number of queries per pemda."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from planning.models import Region
from reporting.regency.province import province_rollup
from tests.regency.factory import YEAR

M = Decimal(1_000_000)


def test_two_pemda(uji) -> None:
    from tests.regency.test_queries import _regency

    synthetic = _regency(2)
    with CaptureQueriesContext(connection) as ctx:
        rollup = province_rollup(regions=[uji, synthetic], year=YEAR, quarter=4)
    assert len(ctx.captured_queries) <= 2 * 15
    mine, other = rollup.regions
    assert (mine.average, mine.basis_sum, mine.basis_count) == (84, 420, 5)  # 100 + 80 + 100 + 60 + 80
    assert rollup.agencies == 3 + 2
    # The province's mean is of all programs (not of the two pemda's averages).
    assert rollup.average == (420 + other.basis_sum) / (5 + other.basis_count)
    assert rollup.budget.annual == 750 * M + other.budget.annual
    assert Region.objects.count() >= 2
