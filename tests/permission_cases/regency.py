"""Permission lines of the pemda's combined pages: E.79, ranking, early warning (reporting/regency/urls.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.permission_rules import BAPPEDA, PD, READERS, YEAR, Q, anyone, reads

REGION = "lumajang"
MEMBERS = READERS | {"sibling"}


def pemda_wide(persona: str) -> str:
    """Bappeda and the pemda's readers; a PD's own people (of this pemda) 403; outsiders 404."""
    return "ok" if persona in BAPPEDA | {"reader"} else ("403" if persona in MEMBERS else "404")


def reads_some_pemda(persona: str) -> str:
    """The roll-up over the pemda one may read whole: Bappeda and readers of any pemda; else 404."""
    return "ok" if persona in BAPPEDA | {"reader", "other_verifier"} else "404"


def pemda_wide_404(persona: str) -> str:
    """A roll-up job of the demo pemda: those who read it whole; anyone else 404 (no pemda named)."""
    return "ok" if persona in BAPPEDA | {"reader"} else "404"


EXPECTED = {
    "regency:home": ("GET", anyone),
    "regency:e79": ("GET", pemda_wide),
    "regency:e79_download": ("GET", pemda_wide),
    "regency:ranking": ("GET", pemda_wide),
    "regency:ranking_csv": ("GET", pemda_wide),
    "regency:warning": ("GET", pemda_wide),
    "regency:warning_csv": ("GET", pemda_wide),
    "regency:agency_warning": ("GET", reads),
    "regency:e79_job": ("GET", pemda_wide),
    "regency:province": ("GET", reads_some_pemda),
    "regency:province_job": ("GET", pemda_wide_404),
}


def url(name: str, world: dict[str, Any]) -> str | None:
    if not name.startswith("regency:"):
        return None
    if name == "regency:home":
        return reverse(name)
    if name == "regency:agency_warning":
        return reverse(name, args=[PD, YEAR, Q])
    if name == "regency:province":
        return reverse(name, args=[YEAR, Q])
    if name == "regency:province_job":
        return reverse(name, args=[YEAR, Q, _finished_job(province=True)])
    if name == "regency:e79_job":
        return reverse(name, args=[REGION, YEAR, Q, "json", _finished_job()])
    if name == "regency:e79_download":
        return reverse(name, args=[REGION, YEAR, Q, "json"])
    return reverse(name, args=[REGION, YEAR, Q])


def _finished_job(*, province: bool = False) -> str:
    """A finished E.79 (or roll-up) job of the demo pemda, as the worker leaves it."""
    from django.utils import timezone
    from django_q.models import Task

    from planning.models import Region
    from reporting.regency.jobs import PROVINCE_TASK, TASK

    now = timezone.now()
    region = Region.objects.get(slug=REGION)
    func, args = (PROVINCE_TASK, ([region.pk], YEAR, Q)) if province else (TASK, (region.pk, YEAR, Q, "json", "f4"))
    task = Task.objects.create(
        id=f"matrix-{province}", name="matrix", func=func, args=args, kwargs={},
        result=b"{}", started=now, stopped=now, success=True,
    )  # fmt: skip
    return str(task.id)
