"""What the overview's screens share: the pemda a user asks for, the year and the quarter asked."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from overview.selectors import default_quarter, region_for_user, region_wide
from planning.models import Region


def region_or_404(user: Any, slug: str) -> Region:
    """A pemda the user belongs to; another pemda is a 404, as another PD is."""
    region = region_for_user(user, slug)
    if region is None:
        raise Http404("Pemda tidak ditemukan")
    return region


def require_region_wide(user: Any, region: Region) -> None:
    if not region_wide(user, region):
        raise PermissionDenied("Hanya Bappeda dan pembaca pemda yang melihat seluruh perangkat daerah.")


def quarter_asked(request: HttpRequest, year: int) -> int:
    """``?triwulan=N`` (1-4), else the quarter being reported now."""
    text = request.GET.get("triwulan", "")
    if not text:
        return default_quarter(year)
    if text not in ("1", "2", "3", "4"):
        raise Http404("Triwulan 1-4")
    return int(text)


def year_asked(request: HttpRequest, years: list[int]) -> int:
    """``?tahun=YYYY``, else the latest year with a Renja (this year when there is none)."""
    text = request.GET.get("tahun", "")
    if text:
        if not text.isdigit() or not 2000 <= int(text) <= 2100:
            raise Http404("Tahun tidak sah")
        return int(text)
    if years:
        return years[0]
    from django.utils import timezone

    return timezone.localdate().year
