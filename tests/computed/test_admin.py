"""The admin shows computed indicators read-only: every change goes through computed.services."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from computed.services import computed_define
from domain.computed import BaseFigureDef
from planning.models import Indicator
from planning.roles import SYSTEM


def test_the_admin_lists_them_and_changes_nothing(admin_client: Any, agency: Any) -> None:
    indicator = Indicator.objects.get(name="Persentase Koperasi Aktif")
    computed = computed_define(
        indicator=indicator,
        formula="a / b * 100",
        figures=[BaseFigureDef("a", "A"), BaseFigureDef("b", "B")],
        actor=SYSTEM,
    )
    listing = admin_client.get(reverse("admin:computed_computedindicator_changelist"))
    assert listing.status_code == 200 and "a / b * 100" in listing.content.decode()
    page = admin_client.get(reverse("admin:computed_computedindicator_change", args=[computed.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert admin_client.get(reverse("admin:computed_computedindicator_add")).status_code == 403
