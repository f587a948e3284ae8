"""What every API view shares: numbers from the path, the agency and quarter a user may see, and the
check that the user may enter into a quarter, answered with the entry screen's own words."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from api.errors import Refused
from api.serializers import ErrorSerializer
from planning.models import Agency
from planning.roles import can_enter
from quarters.access import QuarterAccess, quarter_access, require_enter
from quarters.locks import QUARTER_NAMES, lock_message
from quarters.models import QuarterReport
from reporting.access import agency_for_user

YEARS = (1900, 2200)

SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="kode alamat PD, mis. diskopum-lumajang")
REGION = OpenApiParameter("region", str, OpenApiParameter.PATH, description="kode alamat pemda, mis. lumajang")
YEAR = OpenApiParameter("year", int, OpenApiParameter.PATH, description="tahun Renja")
QUARTER = OpenApiParameter("quarter", int, OpenApiParameter.PATH, description="triwulan 1-4", enum=[1, 2, 3, 4])


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    words = {
        400: "data tidak sah (pesan menyebut isiannya)",
        401: "belum masuk: token tidak ada atau tidak sah",
        403: "peran Anda tidak mengizinkan, atau triwulan terkunci",
        404: "tidak ditemukan, atau bukan PD/pemda Anda",
        409: "nilai sudah diubah orang lain sejak Anda membacanya",
    }
    return {code: OpenApiResponse(ErrorSerializer, description=words[code]) for code in codes}


def number(text: Any, what: str, low: int, high: int) -> int:
    """A whole number from the path; anything else is a 404 (the address names nothing)."""
    try:
        value = int(str(text))
    except ValueError:
        raise Http404(f"{what} {str(text)[:20]!r} bukan angka") from None
    if not low <= value <= high or not str(text).isdigit():
        raise Http404(f"{what} {value} di luar rentang {low}-{high}")
    return value


def year_of(text: Any) -> int:
    return number(text, "Tahun", *YEARS)


def quarter_of(text: Any) -> int:
    return number(text, "Triwulan", 1, 4)


def agency_of(user: Any, slug: str) -> Agency:
    return agency_for_user(user, slug)  # another pemda's or PD's agency is a 404


def access_of(user: Any, slug: str, year: Any, quarter: Any) -> QuarterAccess:
    return quarter_access(user, slug, year_of(year), quarter_of(quarter))


def entry_access(user: Any, slug: str, year: Any, quarter: Any) -> QuarterAccess:
    """The quarter, if ``user`` may enter into it now: else 403 with the entry screen's own message,
    and in ``reason`` why (the role, the lock, the status)."""
    access = access_of(user, slug, year, quarter)
    try:
        require_enter(access)
    except PermissionDenied as exc:
        raise Refused(str(exc), code=403, reason=closed_reason(user, access)) from exc
    return access


def closed_reason(user: Any, access: QuarterAccess) -> str:
    agency, year, quarter = access.agency, access.year, access.quarter
    if not can_enter(user, agency):
        return f"Hanya operator atau Kepala PD {agency.name} yang dapat mengisi realisasi."
    if access.locked:
        return lock_message(agency=agency, year=year, quarters=[quarter])
    if access.report.status == QuarterReport.Status.SUBMITTED:
        return (
            f"Triwulan {QUARTER_NAMES[quarter - 1]} tahun {year} {agency.name} sedang diverifikasi Bappeda: "
            "data tidak dapat diubah sampai laporan dikembalikan."
        )
    return f"Laporan Triwulan {QUARTER_NAMES[quarter - 1]} berstatus {access.report.get_status_display()}."


def plain_or_none(value: Any) -> str | None:
    from domain.numbers import plain

    return None if value is None else plain(value)
