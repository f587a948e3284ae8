"""No raw code where a person looks: the admin of every model, the import preview, the import command.

A "raw code" is what the program calls things: model class names (``BudgetRealization``), choice values
(``last``, ``sum``, ``two_t_minus_r``, ``error``), field names (``strategic_budget``), ``None``.  They are
searched as whole words in the text a person reads (not in attributes, links or scripts).
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from domain.inputs import Stated
from domain.types import Aggregation, AverageBasis, Direction, Level, NegativeFormula, Periodicity, Severity
from planning.models import Membership, Region
from quarters.models import QuarterReport
from tests.imports.conftest import SEED, SEED_NAME

APPS = ("planning", "quarters", "audit")
# Codes that are Indonesian words too ("Program", "Renja", "Renstra", "operator", "admin") are not searched.
_SHARED_WORDS = {"program", "renja", "renstra", "operator", "admin", "status"}


def raw_codes() -> set[str]:
    codes: set[str] = {"None"}
    for enum in (Aggregation, AverageBasis, Direction, Level, NegativeFormula, Periodicity, Severity, Stated):
        codes |= {member.value for member in enum}
    codes |= {v for v, _ in Membership.Role.choices} | {v for v, _ in QuarterReport.Status.choices}
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            codes.add(model.__name__)
            codes |= {f.name for f in model._meta.get_fields() if "_" in f.name and not f.name.startswith("_")}
    return codes - _SHARED_WORDS


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def codes_in(text: str, codes: set[str] | None = None) -> list[str]:
    found = []
    for code in sorted(codes or raw_codes()):
        if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text):
            found.append(code)
    return found


# -- the models' own names ------------------------------------------------------------------------
def _english(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


@pytest.mark.parametrize("app", APPS)
def test_every_model_and_field_has_an_indonesian_name(app: str) -> None:
    missing = []
    for model in apps.get_app_config(app).get_models():
        meta = model._meta
        if meta.verbose_name == _english(model.__name__):
            missing.append(model.__name__)
        for field in meta.get_fields():
            if not getattr(field, "concrete", False) or field.auto_created:
                continue
            if field.verbose_name == field.name.replace("_", " ") and field.name not in _SHARED_WORDS:
                missing.append(f"{model.__name__}.{field.name}")
            for value, text in getattr(field, "flatchoices", None) or ():
                if text == value and value not in ("K", "Rp") and field.name != "kind":
                    missing.append(f"{model.__name__}.{field.name}={value}")
    assert not missing, f"without an Indonesian verbose_name or choice label: {missing}"


# -- the admin ------------------------------------------------------------------------------------
def _admin_pages() -> list[tuple[str, str]]:
    pages = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        pages.append((f"{opts.label} daftar", reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")))
        first = model_admin.get_queryset(None).order_by("pk").first() if model.objects.exists() else None
        if first is not None:
            pages.append(
                (
                    f"{opts.label} #{first.pk}",
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk]),
                )
            )
    return pages


def test_no_raw_code_in_the_admin(admin_client, admin_user, agency) -> None:
    from planning.models import Indicator

    # something of every kind the admin lists, with the choices that print longest
    QuarterReport.objects.get_or_create(agency=agency, year=2021, quarter=1)
    Membership.objects.get_or_create(user=admin_user, region=agency.region, role=Membership.Role.VERIFIER)
    Indicator.objects.filter(row__strategic_plan__agency=agency).update(direction="negative")
    Region.objects.filter(pk=agency.region_id).update(negative_formula="t_over_r", average_source="renstra")
    problems = {}
    for title, url in _admin_pages():
        response = admin_client.get(url)
        assert response.status_code == 200, (title, url)
        found = codes_in(visible_text(response.content.decode()))
        if found:
            problems[title] = found
    assert not problems, problems


def test_the_audit_admin_reads_an_import_in_words(admin_client, agency) -> None:
    from audit.models import AuditEvent

    event = AuditEvent.objects.filter(action="document_load").order_by("-pk").first()
    assert event is not None  # the demo's load
    page = visible_text(admin_client.get(reverse("admin:audit_auditevent_change", args=[event.pk])).content.decode())
    assert "Muat dokumen rencana" in page and "Realisasi K" in page and not codes_in(page)


# -- the import preview and the import command ---------------------------------------------------
# The decision's note ("juga cocok: nilai triwulan terakhir") and the label of a printed figure ("Realisasi
# Renja tercetak (kolom 12) K") are written in words too:
_NOTE = re.compile(r"juga cocok: [a-z, ]+")
_STATED = {s.value for s in Stated}


def _without_known(text: str) -> str:
    return _NOTE.sub("", text)


def _import_codes(text: str) -> list[str]:
    return codes_in(_without_known(text), raw_codes() - _STATED)


def test_no_raw_code_in_the_import_preview(admin_client, agency) -> None:
    payload = {
        "file": SimpleUploadedFile(SEED_NAME, SEED.read_bytes()),
        "year": 2021,
        "new_agency": "uji-label",
        "region": agency.region.slug,
    }
    response = admin_client.post(reverse("imports:upload"), payload)
    body = response.content.decode()
    assert response.status_code == 200 and "Uji coba impor" in body
    text = visible_text(body)
    for words in ("Realisasi K", "Realisasi Rp", "Rencana Aksi", "Jumlah triwulan", "Nilai triwulan terakhir"):
        assert words in text, words
    assert "Kesalahan" in text  # the findings' severity
    assert not _import_codes(text)


def test_no_raw_code_in_the_import_command_output(db, agency) -> None:
    out = io.StringIO()
    call_command(
        "import_report", str(SEED), agency="uji-label", year=2021, region=agency.region.slug, dry_run=True,
        all_changes=True, confirm_other_agency=True, stdout=out, stderr=io.StringIO(),
    )  # fmt: skip
    text = out.getvalue()
    assert "tambah Realisasi K" in text and "[Kesalahan]" in text and "-> Jumlah triwulan" in text
    assert not _import_codes(text)


def test_the_aggregation_decision_note_is_in_words(db, agency) -> None:
    out = io.StringIO()
    call_command(
        "import_report", str(SEED), agency="uji-label", year=2021, region=agency.region.slug, dry_run=True,
        confirm_other_agency=True, stdout=out, stderr=io.StringIO(),
    )  # fmt: skip
    assert not codes_in(out.getvalue(), {a.value for a in Aggregation})


def test_the_printed_figures_are_named_in_words(db, agency) -> None:
    out = io.StringIO()
    call_command(
        "import_report", str(SEED), agency="uji-label", year=2021, region=agency.region.slug, dry_run=True,
        all_changes=True, confirm_other_agency=True, stdout=out, stderr=io.StringIO(),
    )  # fmt: skip
    assert not codes_in(out.getvalue(), _STATED)
