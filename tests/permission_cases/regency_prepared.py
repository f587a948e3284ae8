"""Permission line of the polled preparation state of a large pemda's E.79, ranking and early warning
(reporting/regency/prepared.py): the same access as those pages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.permission_cases.regency import REGION, pemda_wide
from tests.permission_rules import YEAR, Q

EXPECTED = {
    "regency:prepare_status": ("GET", pemda_wide),
}


def url(name: str, world: dict[str, Any]) -> str | None:
    if name != "regency:prepare_status":
        return None
    return reverse(name, args=[REGION, YEAR, Q])
