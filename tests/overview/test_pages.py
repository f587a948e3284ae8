"""The overview, the dashboards and the settings page, as the demo's people see them."""

from __future__ import annotations

from django.urls import reverse

REGION = "lumajang"
PD = "diskopum-lumajang"


def test_pages_render(client, people) -> None:
    client.force_login(people["admin"])
    for url in (
        reverse("overview:overview", args=[REGION]) + "?tahun=2021&triwulan=4",
        reverse("overview:agency_dashboard", args=[PD, 2021]) + "?triwulan=4",
        reverse("overview:region_dashboard", args=[REGION, 2021]) + "?triwulan=4",
        reverse("overview:settings", args=[REGION]) + "?tahun=2021",
    ):
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:2000])
