"""With stored mappings, the table the mapping lookup located is the one the parse reads (issue 9):
the locate stage runs once, the stored mapping still applies, and locate's problems are still reported."""

from __future__ import annotations

import pytest

import imports.pipeline
import imports.stages.locate.workbook_sections as workbook_sections
from imports.mappings import mapping_save
from planning.models import Agency
from planning.roles import SYSTEM
from tests.imports.test_mappings import _by_hand, _import, uraian_sheet

MARK = "catatan uji dari tahap locate"


@pytest.fixture
def counted_locate(monkeypatch):
    """``find_main_table`` counted, each run adding a warning of its own to the problems it is given."""
    real = workbook_sections.find_main_table
    calls: list[int] = []

    def counted(workbook, problems):
        calls.append(1)
        problems.warning(MARK, sheet=workbook.sheets[0].name)
        return real(workbook, problems)

    monkeypatch.setattr(workbook_sections, "find_main_table", counted)
    monkeypatch.setattr(imports.pipeline, "find_main_table", counted)
    return calls


def test_a_stored_mapping_applies_with_the_table_located_once(empty_db, counted_locate) -> None:
    mapping = _by_hand(_import(uraian_sheet(), dry_run=True))
    assert _import(uraian_sheet(), mapping=mapping).written
    mapping_save(Agency.objects.get(slug="dinas-uji").region, mapping, SYSTEM)
    counted_locate.clear()
    second = _import(uraian_sheet(shift=5))
    assert second.ok and second.written and second.stored_mapping, [str(p) for p in second.errors]
    assert second.column_map is not None and second.column_map.signature == mapping.signature
    assert len(counted_locate) == 1  # the lookup's locate, reused by the parse
    assert [p.message for p in second.problems].count(MARK) == 1  # its problems reported, once


def test_without_stored_mappings_the_parse_locates_and_reports(empty_db, counted_locate) -> None:
    result = _import(uraian_sheet(), dry_run=True)
    assert result.needs_mapping and not result.stored_mapping
    assert len(counted_locate) == 1
    assert [p.message for p in result.problems].count(MARK) == 1
