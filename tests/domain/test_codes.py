from __future__ import annotations

import pytest

from domain.codes import code_problem
from domain.types import Level as L


@pytest.mark.parametrize(
    ("code", "level", "year", "parent", "ok"),
    [
        ("2.17.07", L.PROGRAM, 2021, None, True),
        ("2.17.07.2.01", L.ACTIVITY, 2021, "2.17.07", True),
        ("2.17.07.2.01.04", L.SUB_ACTIVITY, 2021, "2.17.07.2.01", True),
        ("2.17.07.2.01.0004", L.SUB_ACTIVITY, 2022, "2.17.07.2.01", True),
        ("2.17.07.2.01.0004", L.SUB_ACTIVITY, 2021, None, False),  # four digits only from 2022
        ("2.17.07.2.01.04", L.SUB_ACTIVITY, 2022, None, False),
        ("2.17", L.PROGRAM, 2021, None, False),
        ("2.17.7", L.PROGRAM, 2021, None, False),
        ("2.17.07.2.01", L.ACTIVITY, 2021, "2.17.05", False),  # not under its parent
        ("2.17.07", L.OBJECTIVE, 2021, None, False),
    ],
)
def test_code_problem(code, level, year, parent, ok) -> None:
    problem = code_problem(code, level, year=year, parent_code=parent)
    assert (problem is None) is ok
    if not ok:
        assert isinstance(problem, str) and problem
