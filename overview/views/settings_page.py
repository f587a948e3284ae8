"""The pemda's settings for its administrator: the pemda's rules, rating bands per year, the reporting
schedule, its PD, users and roles.  Each form posts to its own view, which calls one service (audited,
with the reason) and comes back to the page with what happened."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from domain.rating import DEFAULT_BANDS
from overview.deadlines import holiday_dates, schedule_deadline
from overview.forms import (
    BAND_SLOTS,
    AgencyForm,
    BandsForm,
    MembershipForm,
    RegionForm,
    RemoveForm,
    ScheduleForm,
    UserForm,
    form_errors,
)
from overview.models import ReportingSchedule
from overview.selectors import years_of
from overview.services import membership_add, membership_remove, schedule_set, user_create
from overview.views.common import region_or_404, year_asked
from planning.errors import NotAllowed, ServiceError
from planning.models import Agency, Membership, RatingBand, Region
from planning.roles import is_region_admin
from planning.services.settings import AGENCY_FIELDS, agency_update, rating_bands_set, region_update
from quarters.locks import QUARTER_NAMES
from quarters.workflow import quarter_deadline

SOURCE = "halaman pengaturan"


def _admin_region(request: HttpRequest, region: str) -> Region:
    the_region = region_or_404(request.user, region)
    if not is_region_admin(request.user, the_region):
        raise PermissionDenied("Hanya administrator pemda yang mengubah pengaturannya.")
    return the_region


def _back(region: Region, section: str, year: Any = None) -> HttpResponse:
    """Back to the page: at the saved section, or at the top (where the error is said) when ``section`` is ""."""
    url = reverse("overview:settings", kwargs={"region": region.slug})
    query = f"?tahun={year}" if year else ""
    return redirect(f"{url}{query}#{section}" if section else f"{url}{query}")


def _done(request: HttpRequest, changed: bool, what: str) -> None:
    if changed:
        messages.success(request, f"{what} disimpan.")
    else:
        messages.info(request, f"{what}: tidak ada yang berubah.")


@login_required
@require_GET
def settings_page(request: HttpRequest, region: str) -> HttpResponse:
    the_region = _admin_region(request, region)
    agencies = list(Agency.objects.filter(region=the_region).order_by("name"))
    year = year_asked(request, years_of(agencies))
    # The bands in force for the year (its own, else the latest earlier year's, else the defaults), to edit.
    earlier = list(RatingBand.objects.filter(region=the_region, year__lte=year))
    latest = max((b.year for b in earlier), default=None)
    stored_bands = [b for b in earlier if b.year == year]
    in_force = [(b.lower, b.label) for b in earlier if b.year == latest] or [(b.lower, b.label) for b in DEFAULT_BANDS]
    bands = sorted(in_force, key=lambda b: (b[0] is None, -(b[0] or 0)))
    initial: dict[str, Any] = {"year": year}
    for i, (lower, label) in enumerate(bands[:BAND_SLOTS], 1):
        initial[f"lower_{i}"] = "" if lower is None else f"{lower.normalize():f}".replace(".", ",")
        initial[f"label_{i}"] = label
    schedule = ReportingSchedule.objects.filter(region=the_region, year=year).first()
    if schedule is not None:
        schedule_initial = {
            "year": year, "working_days": schedule.working_days,
            "holidays": "\n".join(d.isoformat() for d in holiday_dates(schedule)),
            **{f"deadline_{q}": getattr(schedule, f"deadline_{q}") for q in (1, 2, 3, 4)},
        }  # fmt: skip
        deadlines = [(QUARTER_NAMES[q - 1], schedule_deadline(schedule, q)) for q in (1, 2, 3, 4)]
    else:
        schedule_initial = {"year": year, "working_days": 5}
        deadlines = [(QUARTER_NAMES[q - 1], quarter_deadline(year, q)) for q in (1, 2, 3, 4)]
    memberships = list(
        Membership.objects.filter(region=the_region).select_related("user", "agency").order_by("user__username", "role")
    )
    context = {
        "region": the_region,
        "year": year,
        "region_form": RegionForm(instance=the_region),
        "bands_form": BandsForm(initial=initial),
        "bands_stored": bool(stored_bands),
        "bands_from": latest,
        "schedule_form": ScheduleForm(initial=schedule_initial),
        "schedule_stored": schedule is not None,
        "deadlines": deadlines,
        "agency_forms": [(a, AgencyForm(instance=a, prefix=f"pd{a.pk}")) for a in agencies],
        "memberships": memberships,
        "user_form": UserForm(),
        "membership_form": MembershipForm(region=the_region),
    }
    return render(request, "overview/settings.html", context)


def _run(
    request: HttpRequest, region: Region, form: Any, section: str, what: str, action: Any, year: Any = None
) -> HttpResponse:
    """Validate ``form``, call ``action(cleaned_data)`` (a service), report the outcome on the page."""
    if not form.is_valid():
        messages.error(request, f"{what} tidak disimpan. {form_errors(form)}")
        return _back(region, "", year)
    try:
        changed = action(form.cleaned_data)
    except NotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    except ServiceError as exc:
        messages.error(request, f"{what} tidak disimpan. {exc}")
        return _back(region, "", year)
    _done(request, bool(changed), what)
    return _back(region, section, year or form.cleaned_data.get("year"))


@login_required
@require_POST
def region_save(request: HttpRequest, region: str) -> HttpResponse:
    the_region = _admin_region(request, region)
    form = RegionForm(request.POST, instance=Region.objects.get(pk=the_region.pk))
    fields = RegionForm.Meta.fields

    def save(data: dict[str, Any]) -> bool:
        values = {f: data[f] for f in fields}
        return region_update(region=the_region, actor=request.user, values=values, reason=data["reason"], source=SOURCE)

    return _run(request, the_region, form, "pemda", "Pengaturan pemda", save)


@login_required
@require_POST
def bands_save(request: HttpRequest, region: str) -> HttpResponse:
    the_region = _admin_region(request, region)
    form = BandsForm(request.POST)

    def save(data: dict[str, Any]) -> bool:
        return rating_bands_set(
            region=the_region, year=data["year"], bands=data["bands"], actor=request.user, reason=data["reason"],
            source=SOURCE,
        )  # fmt: skip

    return _run(request, the_region, form, "predikat", "Rentang predikat", save, request.POST.get("year"))


@login_required
@require_POST
def schedule_save(request: HttpRequest, region: str) -> HttpResponse:
    the_region = _admin_region(request, region)
    form = ScheduleForm(request.POST)

    def save(data: dict[str, Any]) -> bool:
        return schedule_set(
            region=the_region, year=data["year"], working_days=data["working_days"], holidays=data["holidays"],
            deadlines={q: data[f"deadline_{q}"] for q in (1, 2, 3, 4)}, actor=request.user, reason=data["reason"],
        )  # fmt: skip

    return _run(request, the_region, form, "jadwal", "Jadwal pelaporan", save, request.POST.get("year"))


@login_required
@require_POST
def agency_save(request: HttpRequest, region: str, slug: str) -> HttpResponse:
    the_region = _admin_region(request, region)
    agency = get_object_or_404(Agency, region=the_region, slug=slug)
    form = AgencyForm(request.POST, instance=Agency.objects.get(pk=agency.pk), prefix=f"pd{agency.pk}")

    def save(data: dict[str, Any]) -> bool:
        values = {f: data[f] for f in AGENCY_FIELDS}
        return agency_update(agency=agency, actor=request.user, values=values, reason=data["reason"], source=SOURCE)

    return _run(request, the_region, form, f"pd-{agency.slug}", agency.name, save)


@login_required
@require_POST
def user_save(request: HttpRequest, region: str) -> HttpResponse:
    the_region = _admin_region(request, region)

    def save(data: dict[str, Any]) -> bool:
        user_create(
            region=the_region, username=data["username"], full_name=data["full_name"], password=data["password"],
            actor=request.user, reason=data["reason"],
        )  # fmt: skip
        return True

    return _run(request, the_region, UserForm(request.POST), "pengguna", "Pengguna baru", save)


@login_required
@require_POST
def membership_save(request: HttpRequest, region: str) -> HttpResponse:
    the_region = _admin_region(request, region)

    def save(data: dict[str, Any]) -> bool:
        user = get_user_model().objects.filter(username__iexact=data["username"].strip()).first()
        if user is None:
            raise ServiceError(f"Pengguna {data['username']} tidak ada; buat akunnya dulu.")
        membership_add(
            region=the_region, user=user, role=data["role"], agency=data["agency"], actor=request.user,
            reason=data["reason"],
        )  # fmt: skip
        return True

    return _run(
        request, the_region, MembershipForm(request.POST, region=the_region), "pengguna", "Peran pengguna", save
    )


@login_required
@require_POST
def membership_delete(request: HttpRequest, region: str, membership_id: int) -> HttpResponse:
    the_region = _admin_region(request, region)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "region", "agency"), pk=membership_id, region=the_region
    )

    def save(data: dict[str, Any]) -> bool:
        membership_remove(membership=membership, actor=request.user, reason=data["reason"])
        return True

    return _run(request, the_region, RemoveForm(request.POST), "pengguna", "Pencabutan peran", save)
