"""The mapping page of a dry run: offered when the sheet is not read right, a select reruns the dry run,
the confirmation stores the mapping for the pemda and the import is then confirmed as usual."""

from __future__ import annotations

import re

from django.urls import reverse

from imports.models import StoredMapping
from planning.models import Realization
from tests.imports.test_mappings import uraian_sheet
from tests.imports.test_views import _upload, personas  # noqa: F401  (fixture)

FIELDS = {"new_agency": "dinas-uji", "region": "lumajang", "year": 2022}


def _token(page: str) -> str:
    found = re.search(r"/impor/peta/([A-Za-z0-9_-]+)/", page)
    assert found, page
    return found.group(1)


def _uraian_column(page: str) -> str:
    row = re.search(r'<tr class="[^"]*" data-column="([A-Z]+)">\s*<td>[A-Z]+</td>\s*<td>Uraian</td>', page)
    assert row, page
    return row.group(1)


def test_map_by_hand_store_and_import_then_the_next_file_needs_no_mapping(client, personas) -> None:  # noqa: F811
    client.force_login(personas["erin"])
    preview = _upload(client, uraian_sheet(), "uraian.csv", **FIELDS).content.decode()
    assert 'id="mapping-offer"' in preview and "Petakan kolom" in preview
    token = _token(preview)
    url = reverse("imports:mapping", args=[token])
    page = client.get(url).content.decode()
    assert 'id="mapping-columns"' in page and "Belum dapat disimpan" in page
    letter = _uraian_column(page)
    column = ord(letter) - ord("A") + 1
    fragment = client.post(url, {f"col-{column}": "name"}, HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in body and "Terbaca benar" in body
    stored = client.post(reverse("imports:mapping_confirm", args=[token]), {f"col-{column}": "name"})
    text = stored.content.decode()
    assert stored.status_code == 200 and 'id="mapping-stored"' in text and "pemetaan kolom tersimpan dipakai" in text
    assert StoredMapping.objects.filter(region__slug="lumajang").count() == 1
    confirm = client.post(
        reverse("imports:confirm"), {"token": token, "filename": "uraian.csv", "confirm_other_agency": "1", **FIELDS}
    )
    assert confirm.status_code == 200, confirm.content.decode()
    assert Realization.objects.filter(indicator__row__strategic_plan__agency__slug="dinas-uji").exists()
    # the second file of the same shape: read right at once, no mapping offered
    again = _upload(client, uraian_sheet(shift=3), "uraian-2.csv", **FIELDS).content.decode()
    assert "pemetaan kolom tersimpan dipakai" in again and 'id="mapping-offer"' not in again
    assert 'name="token"' in again


def test_another_users_token_is_a_404(client, personas) -> None:  # noqa: F811
    client.force_login(personas["erin"])
    token = _token(_upload(client, uraian_sheet(), "uraian.csv", **FIELDS).content.decode())
    client.force_login(personas["bob"])
    assert client.get(reverse("imports:mapping", args=[token])).status_code == 404
    assert client.post(reverse("imports:mapping", args=[token]), {"col-1": "no"}).status_code == 404
    assert client.post(reverse("imports:mapping_confirm", args=[token])).status_code == 404
    assert not StoredMapping.objects.exists()


def test_a_reader_cannot_store_a_mapping(client, personas, django_user_model, agency) -> None:  # noqa: F811
    from planning.models import Membership

    reader = django_user_model.objects.create_user("peta-baca", password="rahasia-panjang")
    Membership.objects.create(user=reader, region=agency.region, role=Membership.Role.READER)
    client.force_login(reader)
    preview = _upload(client, uraian_sheet(), "uraian.csv", agency="diskopum-lumajang", year=2022)
    assert preview.status_code in (200, 400)
    assert not StoredMapping.objects.exists()


def test_an_unsure_column_offers_the_step_unless_a_person_confirmed_the_map() -> None:
    from imports.mapping_views import mapping_offered
    from imports.services import ImportResult
    from imports.stages.map.column_map import ColumnMap, ColumnMeaning

    helper = ColumnMeaning(15, "O", ["Kinerja"], "helper", 0.5, "kolom bantu")
    detected = ColumnMap("E81", [5], [["Kinerja"]], [helper])
    assert mapping_offered(ImportResult("a.csv", column_map=detected))
    confirmed = ColumnMap("E81", [5], [["Kinerja"]], [helper], confirmed=True)
    assert not mapping_offered(ImportResult("a.csv", column_map=confirmed))
    sure = ColumnMap("E81", [5], [["Kinerja"]], [ColumnMeaning(15, "O", ["Kinerja"], "helper", 0.9, "")])
    assert not mapping_offered(ImportResult("a.csv", column_map=sure))
