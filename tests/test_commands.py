"""The command line: demo (idempotent) and report (JSON to stdout or a file)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from audit.models import AuditEvent


def test_demo_twice_changes_nothing(agency) -> None:
    before = AuditEvent.objects.count()
    out = StringIO()
    call_command("demo", stdout=out)
    assert "tidak ada yang berubah" in out.getvalue()
    assert AuditEvent.objects.count() == before


def test_report_json_to_a_file(agency, tmp_path) -> None:
    target = tmp_path / "r.json"
    call_command(
        "report", agency="diskopum-lumajang", year=2021, quarter=4, format="json", output=target, stderr=StringIO()
    )
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["average_achievement"] == "99.45" and data["rating"] == "Sangat Tinggi"


def test_report_as_of_quarter_two(agency, tmp_path) -> None:
    target = tmp_path / "r.json"
    call_command("report", agency="diskopum-lumajang", year=2021, quarter=2, output=target, stderr=StringIO())
    data = json.loads(target.read_text(encoding="utf-8"))
    umkm = next(r for r in data["rows"] if r["name"].startswith("Program pemberdayaan"))
    assert umkm["annual_realization"] == {"value": "105", "budget": "6313270100"}
    assert [q["value"] for q in umkm["quarters"]] == ["0", "105", None, None]
    assert data["stated"]["average_achievement"] is None  # the printed figures belong to the TW IV document


def test_report_unknown_agency_or_year(agency) -> None:
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("report", agency="tidak-ada", year=2021, quarter=4)
    with pytest.raises(CommandError, match="Belum ada Renja tahun 2030"):
        call_command("report", agency="diskopum-lumajang", year=2030, quarter=4)
