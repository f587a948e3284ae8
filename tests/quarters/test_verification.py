"""Bappeda's verification screens: who sees and does what, the inbox, the page of one quarter, each line
checked or needing correction, return, approve, unlock, and what changed since the approved copy."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from planning.errors import NotAllowed, ServiceError
from planning.models import Agency, Indicator, Membership, PlanRow, Region
from planning.services.realizations import realization_set
from quarters.models import QuarterReport, RowReview
from quarters.review_selectors import line_changes, rows_needing_correction
from quarters.services.reviews import row_review_set
from quarters.workflow import quarter_approve, quarter_unlock
from tests.conftest import submit_explained

SLUG = "diskopum-lumajang"
YEAR, Q = 2021, 4
ASN = "Jumlah ASN terlayani gaji dan tunjangan"
GAJI = "Penyediaan Gaji dan Tunjangan ASN"
PERSONAS = ("operator", "kepala", "verifier", "admin", "reader", "sibling_operator", "other_pemda", "nobody")


@pytest.fixture
def people(agency: Any, django_user_model: Any) -> dict[str, Any]:
    other_region = Region.objects.create(slug="lain", name="Kabupaten Lain")
    other = Agency.objects.create(region=other_region, slug="dinas-lain", name="Dinas Lain")
    sibling = Agency.objects.create(region=agency.region, slug="dinas-sebelah", name="Dinas Sebelah")
    roles = {
        "operator": (agency.region, Membership.Role.OPERATOR, agency),
        "kepala": (agency.region, Membership.Role.HEAD, agency),
        "verifier": (agency.region, Membership.Role.VERIFIER, None),
        "admin": (agency.region, Membership.Role.ADMIN, None),
        "reader": (agency.region, Membership.Role.READER, None),
        "sibling_operator": (agency.region, Membership.Role.OPERATOR, sibling),
        "other_pemda": (other_region, Membership.Role.OPERATOR, other),
        "other_verifier": (other_region, Membership.Role.VERIFIER, None),
    }
    users = {}
    for name, (region, role, where) in roles.items():
        user = django_user_model.objects.create_user(f"v-{name}", password="x" * 12, first_name=name.title())
        Membership.objects.create(user=user, region=region, agency=where, role=role)
        users[name] = user
    users["nobody"] = django_user_model.objects.create_user("v-nobody", password="x" * 12)
    return users


@pytest.fixture
def submitted(agency: Any, people: dict[str, Any]) -> QuarterReport:
    """The demo's TW IV, every error finding explained by the PD, submitted by the Kepala PD."""
    return submit_explained(agency=agency, year=YEAR, quarter=Q, actor=people["kepala"])


def url(name: str, quarter: int = Q) -> str:
    return reverse(f"quarters:{name}", args=[SLUG, YEAR, quarter])


def line_of(row_name: str, indicator_name: str | None = None) -> tuple[int, int | None]:
    row = PlanRow.objects.get(name=row_name, strategic_plan__agency__slug=SLUG)
    indicator = Indicator.objects.get(row=row, name=indicator_name) if indicator_name else None
    return row.pk, indicator.pk if indicator else None


def review(client: Any, row_id: int, indicator_id: int | None, state: str, note: str = "", **headers: Any) -> Any:
    data = {"row": row_id, "indicator": indicator_id or "", "state": state, "note": note}
    return client.post(url("verify_row"), data, **headers)


HTMX = {"HTTP_HX_REQUEST": "true"}


# -- who may do what --------------------------------------------------------------------------------
INBOX = {"verifier": 200, "admin": 200}
PAGE = {"verifier": 200, "admin": 200, "operator": 403, "kepala": 403, "reader": 403}  # other PD / pemda: 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_sees_the_inbox(client, people, persona) -> None:
    client.force_login(people[persona])
    assert client.get(reverse("quarters:verify_inbox")).status_code == INBOX.get(persona, 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_sees_the_verification_page(client, people, submitted, persona) -> None:
    client.force_login(people[persona])
    assert client.get(url("verify")).status_code == PAGE.get(persona, 404)


@pytest.mark.parametrize("view", ["verify_inbox", "verify", "verify_row", "verify_return", "verify_approve"])
def test_anonymous_is_sent_to_login(client, db, view) -> None:
    target = reverse("quarters:verify_inbox") if view == "verify_inbox" else url(view)
    response = client.post(target) if view not in ("verify_inbox", "verify") else client.get(target)
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_review_a_line(client, people, submitted, persona) -> None:
    client.force_login(people[persona])
    response = review(client, *line_of(GAJI, ASN), "checked")
    expected = 302 if persona in ("verifier", "admin") else PAGE.get(persona, 404)
    assert response.status_code == expected
    assert RowReview.objects.filter(report=submitted).exists() is (expected == 302)


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_return(client, people, submitted, persona) -> None:
    client.force_login(people[persona])
    response = client.post(url("verify_return"), {"note": "Perbaiki TW IV"})
    allowed = persona in ("verifier", "admin")
    assert response.status_code == (302 if allowed else PAGE.get(persona, 404))
    submitted.refresh_from_db()
    assert submitted.status == ("returned" if allowed else "submitted")


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_approve(client, people, submitted, persona) -> None:
    client.force_login(people[persona])
    response = client.post(url("verify_approve"))
    allowed = persona in ("verifier", "admin")
    assert response.status_code == (302 if allowed else PAGE.get(persona, 404))
    submitted.refresh_from_db()
    assert submitted.status == ("approved" if allowed else "submitted")


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_unlock(client, agency, people, submitted, persona) -> None:
    quarter_approve(agency=agency, year=YEAR, quarter=Q, actor=people["verifier"])
    client.force_login(people[persona])
    response = client.post(url("verify_unlock"), {"reason": "salah ketik TW IV"})
    allowed = persona in ("verifier", "admin")
    assert response.status_code == (302 if allowed else PAGE.get(persona, 404))
    submitted.refresh_from_db()
    assert submitted.status == ("draft" if allowed else "approved")


def test_a_verifier_of_another_pemda_sees_nothing_of_this_one(client, people, submitted) -> None:
    client.force_login(people["other_verifier"])
    assert client.get(url("verify")).status_code == 404
    body = client.get(reverse("quarters:verify_inbox")).content.decode()
    assert "Dinas Koperasi" not in body


def test_get_is_refused_on_the_actions(client, people, submitted) -> None:
    client.force_login(people["verifier"])
    for view in ("verify_row", "verify_return", "verify_approve", "verify_unlock"):
        assert client.get(url(view)).status_code == 405


# -- the inbox --------------------------------------------------------------------------------------
def test_the_inbox_lists_what_waits_oldest_first_with_the_deadline(client, agency, people, submitted) -> None:
    from django.utils import timezone

    QuarterReport.objects.filter(pk=submitted.pk).update(status_changed_at=timezone.now() - timezone.timedelta(days=3))
    q3 = submit_explained(agency=agency, year=YEAR, quarter=3, actor=people["kepala"])
    client.force_login(people["verifier"])
    body = client.get(reverse("quarters:verify_inbox")).content.decode()
    assert body.index("TW IV 2021") < body.index("TW III 2021")  # TW IV waits longer
    assert "3 hari" in body  # waiting
    assert "lewat" in body  # the 2021 deadlines are long past
    assert "7 Jan 2022" in body  # TW IV 2021: five working days after Friday 31 December
    assert url("verify") in body and url("verify", 3) in body
    assert q3.status == "submitted"


def test_the_inbox_leaves_out_what_does_not_wait(client, people, agency) -> None:
    client.force_login(people["verifier"])
    body = client.get(reverse("quarters:verify_inbox")).content.decode()
    assert "Tidak ada laporan yang menunggu verifikasi" in body


# -- the page of one quarter -------------------------------------------------------------------------
def test_the_page_shows_the_findings_ranked_with_consequences_and_explanations(client, people, submitted) -> None:
    client.force_login(people["verifier"])
    body = client.get(url("verify")).content.decode()
    assert "Verifikasi: Dinas Koperasi dan Usaha Mikro, Triwulan IV 2021" in body
    assert "99,45" in body and "Sangat Tinggi" in body  # key figures
    groups = [body.index(f'">{label}</span> (') for label in ("Kesalahan", "Peringatan", "Catatan")]
    assert groups == sorted(groups)
    # the repeated quarter: one finding, its consequences listed under it
    assert body.count("Triwulan IV mengulang angka triwulan II") == 1
    assert "Akibatnya:" in body and "melebihi pagu 27.784.250" in body
    # the PD's explanation beside each error finding (the fixture explained them all: "sudah dicek")
    assert body.count("sudah dicek") == 14 and "belum dijelaskan" not in body
    assert "Rata-rata capaian kinerja tercetak 99,60%, hasil hitung 99,45%" in body
    # every line to check, none checked yet
    lines = body.count('class="c-review state-none"')
    assert lines > 30
    assert f"<strong>{lines}</strong> baris belum diperiksa" in body
    assert "Setujui dan kunci" in body and "Kembalikan ke PD" in body


def test_an_unexplained_error_says_so(client, agency, people, submitted) -> None:
    submitted.explanations.all()[:1].get().delete()
    client.force_login(people["verifier"])
    body = client.get(url("verify")).content.decode()
    assert body.count("belum dijelaskan") == 1 and "1 temuan kesalahan tanpa penjelasan PD" in body


def test_the_page_of_a_draft_offers_no_action(client, people, agency) -> None:
    client.force_login(people["verifier"])
    body = client.get(url("verify")).content.decode()
    assert "belum diajukan PD" in body and "Setujui" not in body and 'name="state"' not in body


# -- each line checked or needing correction ---------------------------------------------------------
def test_a_line_marked_by_htmx_answers_with_its_cell_and_the_counter(client, people, submitted) -> None:
    client.force_login(people["verifier"])
    before = client.get(url("verify")).content.decode().count('class="c-review state-none"')
    row_id, indicator_id = line_of(GAJI, ASN)
    response = review(client, row_id, indicator_id, "checked", **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="c-review state-checked"' in body and "Sudah diperiksa" in body
    assert 'id="verify-counts"' in body and 'hx-swap-oob="true"' in body
    assert f"<strong>{before - 1}</strong> baris belum diperiksa" in body
    saved = RowReview.objects.get(report=submitted, row_id=row_id, indicator_id=indicator_id)
    assert (saved.state, saved.by) == ("checked", people["verifier"])
    event = AuditEvent.objects.get(action="row_review_set", object_id=str(saved.pk))
    assert event.after == {"state": "checked", "note": ""} and event.before is None


def test_a_correction_needs_a_note_and_names_the_line(client, people, submitted) -> None:
    client.force_login(people["verifier"])
    row_id, indicator_id = line_of(GAJI, ASN)
    body = review(client, row_id, indicator_id, "correction", **HTMX).content.decode()
    assert "Tulis apa yang perlu diperbaiki" in body and not RowReview.objects.exists()
    body = review(client, row_id, indicator_id, "correction", "TW IV 24 ASN? lampirkan SK", **HTMX).content.decode()
    assert "Perlu perbaikan" in body and "TW IV 24 ASN? lampirkan SK" in body
    assert "1 perlu perbaikan" in body
    assert rows_needing_correction(submitted) == {(row_id, indicator_id): "TW IV 24 ASN? lampirkan SK"}
    # marked again as checked: no longer listed for the PD, the change audited before/after
    review(client, row_id, indicator_id, "checked", **HTMX)
    assert rows_needing_correction(submitted) == {}
    event = AuditEvent.objects.filter(action="row_review_set").latest("id")
    assert event.before == {"state": "correction", "note": "TW IV 24 ASN? lampirkan SK"}


def test_a_row_without_its_own_indicator_line_and_a_row_of_another_pd_are_refused(people, submitted, agency) -> None:
    verifier = people["verifier"]
    row_id, indicator_id = line_of(GAJI, ASN)
    other_row = PlanRow.objects.exclude(strategic_plan__agency=agency).first()
    with pytest.raises(ServiceError, match="Indikator tidak ditemukan"):
        row_review_set(agency=agency, year=YEAR, quarter=Q, row_id=row_id, indicator_id=indicator_id + 10**6,
                       state="checked", note="", actor=verifier)  # fmt: skip
    if other_row is not None:
        with pytest.raises(ServiceError, match="Baris tidak ditemukan"):
            row_review_set(agency=agency, year=YEAR, quarter=Q, row_id=other_row.pk, indicator_id=None,
                           state="checked", note="", actor=verifier)  # fmt: skip
    with pytest.raises(ServiceError, match="Pilih"):
        row_review_set(agency=agency, year=YEAR, quarter=Q, row_id=row_id, indicator_id=indicator_id,
                       state="ok", note="", actor=verifier)  # fmt: skip
    with pytest.raises(NotAllowed):
        row_review_set(agency=agency, year=YEAR, quarter=Q, row_id=row_id, indicator_id=indicator_id,
                       state="checked", note="", actor=people["operator"])  # fmt: skip


def test_lines_are_reviewed_only_while_the_quarter_waits(people, agency) -> None:
    row_id, indicator_id = line_of(GAJI, ASN)
    with pytest.raises(ServiceError, match="selama laporan diajukan"):
        row_review_set(agency=agency, year=YEAR, quarter=Q, row_id=row_id, indicator_id=indicator_id,
                       state="checked", note="", actor=people["verifier"])  # fmt: skip


# -- return, approve, unlock -----------------------------------------------------------------------
def test_return_lists_the_lines_marked_for_correction(client, people, submitted) -> None:
    client.force_login(people["verifier"])
    row_id, indicator_id = line_of(GAJI, ASN)
    review(client, row_id, indicator_id, "correction", "lampirkan SK gaji")
    response = client.post(url("verify_return"), {"note": "Mohon diperbaiki."}, follow=True)
    assert "dikembalikan ke PD" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == "returned"
    assert submitted.return_note.startswith("Mohon diperbaiki.\n\nBaris yang perlu diperbaiki:\n")
    assert f"- {GAJI} / {ASN}: lampirkan SK gaji" in submitted.return_note
    # the PD's entry screen marks the rows from this selector, while the quarter is returned
    assert rows_needing_correction(submitted) == {(row_id, indicator_id): "lampirkan SK gaji"}


def test_return_needs_a_note_or_a_marked_line(client, people, submitted) -> None:
    client.force_login(people["verifier"])
    body = client.post(url("verify_return"), {"note": "  "}, follow=True).content.decode()
    assert "Tulis catatan pengembalian" in body
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    review(client, *line_of(GAJI, ASN), "correction", "SK?")
    client.post(url("verify_return"), {"note": ""})
    submitted.refresh_from_db()
    assert submitted.status == "returned" and submitted.return_note.startswith("Baris yang perlu diperbaiki:")


def test_approve_then_unlock_with_a_reason(client, people, submitted) -> None:
    client.force_login(people["verifier"])
    body = client.post(url("verify_approve"), follow=True).content.decode()
    submitted.refresh_from_db()
    assert submitted.status == "approved" and "disetujui dan dikunci" in body
    assert "Buka kunci" in body and "Setujui dan kunci" not in body
    body = client.post(url("verify_unlock"), {"reason": ""}, follow=True).content.decode()
    assert "Alasan membuka kunci wajib diisi" in body
    client.post(url("verify_unlock"), {"reason": "TW IV Pengawasan terisi dua kali"})
    submitted.refresh_from_db()
    assert submitted.status == "draft"
    assert submitted.approvals.get().superseded_reason == "TW IV Pengawasan terisi dua kali"


def test_approving_twice_is_refused_with_a_message(client, people, submitted) -> None:
    client.force_login(people["verifier"])
    client.post(url("verify_approve"))
    body = client.post(url("verify_approve"), follow=True).content.decode()
    assert "hanya laporan yang diajukan dapat disetujui" in body


# -- after an unlock and a new submission: what changed since the approved copy ----------------------
def test_after_unlock_and_resubmission_the_verifier_sees_what_changed(client, agency, people, submitted) -> None:
    verifier, kepala = people["verifier"], people["kepala"]
    quarter_approve(agency=agency, year=YEAR, quarter=Q, actor=verifier)
    quarter_unlock(agency=agency, year=YEAR, quarter=Q, actor=verifier, reason="ASN TW IV")
    indicator = Indicator.objects.get(name=ASN, row__strategic_plan__agency=agency)
    realization_set(indicator=indicator, year=YEAR, quarter=Q, value=Decimal(25), actor=kepala)
    submit_explained(agency=agency, year=YEAR, quarter=Q, actor=kepala)
    client.force_login(verifier)
    body = client.get(url("verify")).content.decode()
    assert "Perubahan sejak disetujui" in body and "ASN TW IV" in body
    section = body[body.index("Perubahan sejak disetujui") : body.index('id="findings-title"')]
    assert GAJI in section and "TW IV K" in section and ">24<" in section and "<strong>25</strong>" in section
    assert section.count("<tr>") == 1 + 1  # the header and the one changed cell
    assert 'title="berbeda dari salinan yang disetujui sebelumnya"' in body


def test_line_changes_compares_quarters_and_targets_by_row_and_indicator() -> None:
    def line(row, indicator, q4=None, rp4=None, target="10", name="R"):
        cell = {"value": None, "budget": None}
        return {
            "row_id": row, "indicator_id": indicator, "name": name, "indicator": f"I{indicator}",
            "strategic_target": cell, "annual_target": {"value": target, "budget": None},
            "quarters": [cell, cell, cell, {"value": q4, "budget": rp4}],
        }  # fmt: skip

    before = [line(1, 1, "24"), line(1, 2, "5"), line(2, None, None, "100"), line(3, 3)]
    after = [line(1, 1, "24.0"), line(1, 2, "6", target="12"), line(2, None, None, "150"), line(4, 4)]
    changes = {(c.name, c.indicator): c for c in line_changes(before, after)}
    assert [(x.label, x.before, x.after) for x in changes[("R", "I2")].changes] == [
        ("Target Renja K", "10", "12"),
        ("TW IV K", "5", "6"),
    ]
    assert [(x.label, x.before, x.after) for x in changes[("R", "INone")].changes] == [("TW IV Rp", "100", "150")]
    assert ("R", "I1") not in changes  # 24 and 24.0 are one value
    assert changes[("R", "I4")].added and changes[("R", "I3")].removed


# -- a constant number of queries whatever the number of rows ----------------------------------------
# session, user, the quarter's access (agency, Renja, document, lock, roles), the report's fixed set, its frozen
# copy, then the reviews, the explanations, the status history, a superseded approved copy, and the top bar
VERIFY_QUERIES = 24


def _verify_queries(client: Any, slug: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("quarters:verify", args=[slug, 2021, 4]))
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


def test_the_verification_page_runs_the_same_queries_for_10_and_150_rows(admin_user, client) -> None:
    from tests.bench.test_page_queries import load_agencies

    [small] = load_agencies(1, rows=10)
    [large] = load_agencies(1, rows=150, first=1)
    for slug in (small, large):
        agency = Agency.objects.get(slug=slug)
        submit_explained(agency=agency, year=2021, quarter=4, actor=admin_user)
        first = PlanRow.objects.filter(strategic_plan__agency=agency).first()
        row_review_set(agency=agency, year=2021, quarter=4, row_id=first.pk, indicator_id=None, state="correction",
                       note="periksa", actor=admin_user)  # fmt: skip
    client.force_login(admin_user)
    assert _verify_queries(client, small) == _verify_queries(client, large)
    assert _verify_queries(client, large) == VERIFY_QUERIES
