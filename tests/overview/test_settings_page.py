"""The pemda settings in the application: each form calls its service, audited with the reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from overview.models import ReportingSchedule
from overview.services import membership_add, membership_remove, user_create
from planning.errors import NotAllowed, ServiceError
from planning.models import Agency, Membership, RatingBand, Region

R = "lumajang"


def _post(client, name: str, data: dict, *args: object) -> list[str]:
    response = client.post(reverse(f"overview:{name}", args=[R, *args]), data, follow=True)
    assert response.redirect_chain and response.status_code == 200, response.content[:500]
    return [str(m) for m in response.context["messages"]]  # shown on the settings page, and so consumed


def test_region_rules_are_changed_with_a_reason(client, people) -> None:
    client.force_login(people["admin"])
    region = Region.objects.get(slug=R)
    data = {
        "place": region.place, "negative_formula": "t_over_r", "average_basis": region.average_basis,
        "average_source": region.average_source, "average_cap": "150", "bappeda_head_name": region.bappeda_head_name,
        "bappeda_head_nip": region.bappeda_head_nip, "bappeda_head_title": region.bappeda_head_title,
    }  # fmt: skip
    assert "Alasan perubahan wajib diisi" in " ".join(_post(client, "settings_region", {**data, "reason": ""}))
    assert _post(client, "settings_region", {**data, "reason": "Perbup 12/2021"}) == ["Pengaturan pemda disimpan."]
    region.refresh_from_db()
    assert region.negative_formula == "t_over_r" and region.average_cap == Decimal(150)
    event = AuditEvent.objects.get(action="region_update")
    assert event.reason == "Perbup 12/2021" and event.after == {"negative_formula": "t_over_r", "average_cap": "150"}
    assert event.source == "halaman pengaturan"


def _bands(*pairs: tuple[str, str], reason: str = "Perbup predikat") -> dict:
    data = {"year": "2022", "reason": reason}
    for i, (lower, label) in enumerate(pairs, 1):
        data[f"lower_{i}"], data[f"label_{i}"] = lower, label
    return data


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        (
            (("90", "Sangat Tinggi"), ("90", "Tinggi"), ("", "Rendah")),
            "tumpang tindih: batas bawah 90 dipakai dua kali",
        ),
        ((("90", "Sangat Tinggi"), ("70", "Tinggi")), "celah di bawah"),
        ((("90", "Sangat Tinggi"), ("", "Rendah"), ("", "Sangat Rendah")), "tepat satu predikat terbawah"),
        ((("9O", "Sangat Tinggi"), ("", "Rendah")), "Baris 1, batas bawah"),
        ((("90", ""), ("", "Rendah")), "Baris 1: nama predikat wajib diisi"),
    ],
)
def test_rating_bands_with_gaps_or_overlaps_are_refused(client, people, pairs, message) -> None:
    client.force_login(people["admin"])
    said = " ".join(_post(client, "settings_bands", _bands(*pairs)))
    assert "Rentang predikat tidak disimpan" in said and message in said
    assert not RatingBand.objects.filter(year=2022).exists()


def test_rating_bands_of_a_year(client, people) -> None:
    client.force_login(people["admin"])
    assert _post(client, "settings_bands", _bands(("85,5", "Baik"), ("", "Kurang"))) == ["Rentang predikat disimpan."]
    assert sorted((b.lower, b.label) for b in RatingBand.objects.filter(year=2022) if b.lower) == [
        (Decimal("85.5"), "Baik")
    ]
    assert AuditEvent.objects.get(action="rating_bands_set").reason == "Perbup predikat"
    page = client.get(reverse("overview:settings", args=[R]) + "?tahun=2022").content.decode()
    assert 'value="85,5"' in page and "Tahun 2022 belum punya" not in page


def test_the_schedule_form(client, people) -> None:
    client.force_login(people["admin"])
    data = {"year": "2021", "working_days": "7", "holidays": "2022-01-03\n04-01-2022", "deadline_1": "", "deadline_2": "",
            "deadline_3": "2021-10-20", "deadline_4": "", "reason": "SE Sekda"}  # fmt: skip
    assert _post(client, "settings_schedule", data) == ["Jadwal pelaporan disimpan."]
    schedule = ReportingSchedule.objects.get(year=2021)
    assert schedule.holidays == ["2022-01-03", "2022-01-04"] and schedule.deadline_3 == dt.date(2021, 10, 20)
    assert AuditEvent.objects.get(action="schedule_set").reason == "SE Sekda"
    said = " ".join(_post(client, "settings_schedule", {**data, "holidays": "besok"}))
    assert "Hari libur baris 1" in said and "bukan tanggal" in said
    said = " ".join(_post(client, "settings_schedule", {**data, "working_days": "0"}))
    assert "Hari kerja paling sedikit 1" in said


def test_a_pd_is_renamed(client, people, agency) -> None:
    client.force_login(people["admin"])
    prefix = f"pd{agency.pk}"
    data = {f"{prefix}-{k}": getattr(agency, k) for k in ("name", "short_name", "head_name", "head_nip", "head_title")}
    data[f"{prefix}-head_name"] = "Dra. Kepala Baru"
    data[f"{prefix}-reason"] = "Mutasi jabatan"
    assert _post(client, "settings_agency", data, agency.slug) == [f"{agency.name} disimpan."]
    assert Agency.objects.get(pk=agency.pk).head_name == "Dra. Kepala Baru"
    assert AuditEvent.objects.get(action="agency_update").reason == "Mutasi jabatan"


def test_users_and_roles(client, people, agency) -> None:
    client.force_login(people["admin"])
    assert _post(
        client,
        "settings_user",
        {
            "username": "budi",
            "full_name": "Budi Santoso",
            "password": "rahasia-panjang-sekali",
            "reason": "pegawai baru",
        },
    ) == ["Pengguna baru disimpan."]
    said = _post(
        client, "settings_membership", {"username": "budi", "role": "operator", "agency": "", "reason": "tugas"}
    )
    assert "perlu perangkat daerah" in " ".join(said)
    assert _post(
        client, "settings_membership", {"username": "budi", "role": "operator", "agency": agency.pk, "reason": "tugas"}
    ) == ["Peran pengguna disimpan."]
    membership = Membership.objects.get(user__username="budi")
    assert membership.agency == agency
    assert "alasan" in " ".join(_post(client, "settings_membership_delete", {"reason": ""}, membership.pk)).lower()
    assert _post(client, "settings_membership_delete", {"reason": "pindah tugas"}, membership.pk) == [
        "Pencabutan peran disimpan."
    ]
    assert not Membership.objects.filter(user__username="budi").exists()
    actions = list(
        AuditEvent.objects.filter(action__in=["user_create", "membership_create", "membership_delete"])
        .order_by("pk")
        .values_list("action", "reason")
    )
    assert actions == [
        ("user_create", "pegawai baru"),
        ("membership_create", "tugas"),
        ("membership_delete", "pindah tugas"),
    ]


def test_the_services_refuse_others_and_another_pemdas_pd(agency, people, django_user_model) -> None:
    other = Agency.objects.create(region=Region.objects.create(slug="lain", name="Kota Lain"), slug="pd-x", name="PD X")
    with pytest.raises(NotAllowed):
        user_create(
            region=agency.region,
            username="x",
            full_name="",
            password="rahasia-panjang-sekali",
            actor=people["verifier"],
            reason="r",
        )
    with pytest.raises(ServiceError, match="bukan perangkat daerah"):
        membership_add(
            region=agency.region,
            user=people["reader"],
            role="operator",
            agency=other,
            actor=people["admin"],
            reason="r",
        )
    with pytest.raises(ServiceError, match="sudah berperan"):
        membership_add(
            region=agency.region, user=people["reader"], role="reader", agency=None, actor=people["admin"], reason="r"
        )
    own = Membership.objects.get(user=people["admin"])
    with pytest.raises(ServiceError, match="sendiri"):
        membership_remove(membership=own, actor=people["admin"], reason="r")
    with pytest.raises(ServiceError, match="sudah dipakai"):
        user_create(
            region=agency.region,
            username=people["reader"].username.upper(),
            full_name="",
            password="rahasia-panjang-sekali",
            actor=people["admin"],
            reason="r",
        )


def test_a_year_without_its_own_bands_shows_those_in_force(client, people) -> None:
    client.force_login(people["admin"])
    page = client.get(reverse("overview:settings", args=[R]) + "?tahun=2023").content.decode()
    assert "berlaku rentang tahun 2021" in page  # the demo's bands are 2021's
    assert 'name="lower_1" value="91"' in page and 'value="Sangat Tinggi"' in page
