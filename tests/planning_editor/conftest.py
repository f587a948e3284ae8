"""Fixtures of the plan editor's tests: the shipped nomenclature, an empty PD with its people, a small plan."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command


@pytest.fixture
def nomenclature(db: Any) -> Any:
    """The shipped list, loaded again when a transactional test flushed the database before."""
    from nomenclature.loader import SHIPPED, SHIPPED_LABEL
    from nomenclature.models import NomenclatureVersion

    if not NomenclatureVersion.objects.filter(is_active=True).exists():
        call_command("nomenclature", "load", str(SHIPPED), "--label", SHIPPED_LABEL, stdout=io.StringIO())
    return NomenclatureVersion.objects.get(is_active=True)


@pytest.fixture
def pd(agency: Any) -> Any:
    """A PD of the demo pemda with no plan yet."""
    from planning.models import Agency

    return Agency.objects.create(region=agency.region, slug="dinas-baru", name="Dinas Baru")


@pytest.fixture
def people(pd: Any, agency: Any, django_user_model: Any) -> dict[str, Any]:
    from planning.models import Membership, Region

    other_region, _ = Region.objects.get_or_create(slug="pemda-lain-editor", defaults={"name": "Kabupaten Lain"})
    roles = {
        "operator": (pd.region, Membership.Role.OPERATOR, pd),
        "kepala": (pd.region, Membership.Role.HEAD, pd),
        "verifier": (pd.region, Membership.Role.VERIFIER, None),
        "admin": (pd.region, Membership.Role.ADMIN, None),
        "reader": (pd.region, Membership.Role.READER, None),
        "sibling": (pd.region, Membership.Role.OPERATOR, agency),
        "other_verifier": (other_region, Membership.Role.VERIFIER, None),
    }
    users = {}
    for name, (region, role, where) in roles.items():
        users[name] = django_user_model.objects.create_user(f"ed-{name}", password="x" * 12)
        Membership.objects.create(user=users[name], region=region, agency=where, role=role)
    users["nobody"] = django_user_model.objects.create_user("ed-nobody", password="x" * 12)
    return users


@pytest.fixture
def small_plan(pd: Any, people: dict[str, Any], nomenclature: Any) -> dict[str, Any]:
    """Renstra 2025-2029, Renja 2026: a tujuan, a sasaran, a program, a kegiatan and a sub kegiatan from
    the nomenclature, with two indicators, targets and Rencana Aksi."""
    from domain.types import Level
    from planning.services import plan_editor as s

    op = people["operator"]
    plan = s.strategic_plan_create(agency=pd, start_year=2025, end_year=2029, actor=op)
    wp = s.work_plan_create(strategic_plan=plan, year=2026, actor=op)
    goal = s.row_add(
        work_plan=wp, parent=None, level=Level.GOAL, values=s.RowValues(name="Meningkatnya UMKM"), actor=op
    )
    objective = s.row_add(
        work_plan=wp, parent=goal, level=Level.OBJECTIVE, values=s.RowValues(name="Usaha mikro tumbuh"), actor=op
    )
    program = s.row_add(
        work_plan=wp,
        parent=objective,
        level=Level.PROGRAM,
        values=s.RowValues(
            name="PROGRAM PEMBERDAYAAN USAHA MENENGAH, USAHA KECIL, DAN USAHA MIKRO (UMKM)",
            code="2.17.07",
            budget=Decimal("500000000"),
        ),
        actor=op,
    )
    activity = s.row_add(
        work_plan=wp,
        parent=program,
        level=Level.ACTIVITY,
        values=s.RowValues(
            name="Pemberdayaan Usaha Mikro yang Dilakukan Melalui Pendataan, Kemitraan, Kemudahan Perizinan, "
            "Penguatan Kelembagaan dan Koordinasi dengan Para Pemangku Kepentingan",
            code="2.17.07.2.01",
            budget=Decimal("500000000"),
        ),
        actor=op,
    )
    sub = s.row_add(
        work_plan=wp,
        parent=activity,
        level=Level.SUB_ACTIVITY,
        values=s.RowValues(
            name="Pemberdayaan Kelembagaan Potensi dan Pengembangan Usaha Mikro",
            code="2.17.07.2.01.0004",
            budget=Decimal("500000000"),
            funding_source="DAU",
            responsible_unit="Bidang Usaha Mikro",
        ),
        actor=op,
        first_indicator=s.IndicatorValues(
            name="Jumlah Unit Usaha yang Telah Menerima Pembinaan dan Pendampingan Terhadap Usaha Mikro",
            unit="Unit Usaha",
            aggregation="sum",
            target=Decimal("40"),
            quarters=(Decimal("10"), Decimal("10"), Decimal("10"), Decimal("10")),
        ),
    )
    share = s.indicator_add(
        work_plan=wp,
        row=program,
        values=s.IndicatorValues(
            name="Persentase usaha mikro yang naik kelas",
            unit="%",
            aggregation="last",
            strategic_target=Decimal("25"),
            target=Decimal("12"),
            quarters=(Decimal("3"), Decimal("6"), Decimal("9"), Decimal("12")),
        ),
        actor=op,
    )
    return {"plan": plan, "wp": wp, "goal": goal, "objective": objective, "program": program,
            "activity": activity, "sub": sub, "share": share}  # fmt: skip
