"""A confirmed column mapping is stored for the pemda and reused for the next file of the same shape."""

from __future__ import annotations

import pytest

from audit.models import AuditEvent
from imports.mappings import mapping_for, mapping_save
from imports.models import StoredMapping
from imports.services import import_report
from planning.errors import NotAllowed
from planning.models import Agency, Membership, Realization, Region
from planning.roles import SYSTEM
from tests.imports import sheets
from tests.imports.sheets import Variant
from tests.imports.test_reconcile import HEADER_NAME, _header_index


def uraian_sheet(*, shift: int = 0) -> bytes:
    """The regular sheet with the name column labelled "Uraian" (unknown to the detector); ``shift``
    changes one figure so that a second file of the same shape has other contents."""
    table = sheets.rows(Variant())
    head = _header_index(table)
    table[head][table[head].index(HEADER_NAME)] = "Uraian"
    if shift:
        for row in table:
            if "20,000,000" in row:
                row[row.index("20,000,000")] = f"{20 + shift},000,000"
                break
    return sheets.as_csv(table)


def _import(data: bytes, **kwargs):
    options = {"agency_slug": "dinas-uji", "year": 2022, "dry_run": False, "actor": SYSTEM}
    options.update(kwargs)
    return import_report(data=data, filename="uraian.csv", **options)


def _by_hand(result):
    column_map = result.column_map
    assert column_map is not None
    uraian = next(c for c in column_map.columns if "Uraian" in c.labels)
    return column_map.with_meaning(uraian.column, "name")


def test_a_saved_mapping_is_used_for_the_next_file_of_that_shape(empty_db) -> None:
    refused = _import(uraian_sheet(), dry_run=True)
    assert refused.needs_mapping and not refused.stored_mapping
    mapping = _by_hand(refused)
    first = _import(uraian_sheet(), mapping=mapping)
    assert first.ok and first.written, [str(p) for p in first.errors]
    region = Agency.objects.get(slug="dinas-uji").region
    mapping_save(region, mapping, SYSTEM)
    assert mapping_for(region, mapping.signature) is not None
    event = AuditEvent.objects.filter(model="StoredMapping").latest("pk")
    assert event.action == "create" and event.after["signature"] == mapping.signature
    # the second file of that shape: no mapping given, the stored one is used and said so
    second = _import(uraian_sheet(shift=5))
    assert second.ok and second.written and second.stored_mapping, [str(p) for p in second.errors]
    assert any(p.message == "pemetaan kolom tersimpan dipakai" for p in second.problems)
    assert second.changes and Realization.objects.exists()


def test_a_stored_mapping_is_per_pemda(empty_db) -> None:
    refused = _import(uraian_sheet(), dry_run=True)
    mapping = _by_hand(refused)
    assert _import(uraian_sheet(), mapping=mapping).written
    other = Region.objects.create(slug="lain", name="Kabupaten Lain", kind="kabupaten", place="Lain")
    mapping_save(other, mapping, SYSTEM)
    again = _import(uraian_sheet(shift=1), dry_run=True)
    assert not again.stored_mapping and again.needs_mapping


def test_saving_again_replaces_and_is_audited_as_an_update(empty_db) -> None:
    mapping = _by_hand(_import(uraian_sheet(), dry_run=True))
    region = Region.objects.create(slug="r", name="Kabupaten R", kind="kabupaten", place="R")
    mapping_save(region, mapping, SYSTEM)
    mapping_save(region, mapping.with_meaning(1, "ignore"), SYSTEM)
    assert StoredMapping.objects.filter(region=region).count() == 1
    assert mapping_for(region, mapping.signature).meaning_of(1) == "ignore"
    assert AuditEvent.objects.filter(model="StoredMapping").latest("pk").action == "update"


def test_only_those_who_may_import_for_the_pemda_may_save(empty_db, django_user_model) -> None:
    mapping = _by_hand(_import(uraian_sheet(), dry_run=True))
    region = Region.objects.create(slug="r", name="Kabupaten R", kind="kabupaten", place="R")
    other = Region.objects.create(slug="o", name="Kabupaten O", kind="kabupaten", place="O")
    stranger = django_user_model.objects.create_user("peta-asing")
    Membership.objects.create(user=stranger, region=other, role=Membership.Role.VERIFIER)
    with pytest.raises(NotAllowed):
        mapping_save(region, mapping, stranger)
    reader = django_user_model.objects.create_user("peta-pembaca")
    Membership.objects.create(user=reader, region=region, role=Membership.Role.READER)
    with pytest.raises(NotAllowed):
        mapping_save(region, mapping, reader)
    verifier = django_user_model.objects.create_user("peta-bappeda")
    Membership.objects.create(user=verifier, region=region, role=Membership.Role.VERIFIER)
    assert mapping_save(region, mapping, verifier).confirmed_by == verifier
    assert not StoredMapping.objects.filter(region=other).exists()
