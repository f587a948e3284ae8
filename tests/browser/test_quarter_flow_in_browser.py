"""The quarter's whole flow in a real browser (Debian's Chromium) against a running server: the operator
fills the demo PD's quarter (values, a note, evidence), the Kepala PD submits after explaining the error
findings, the verifier returns it with a note on a row, the operator corrects and the Kepala resubmits,
the verifier approves; then the operator can change nothing, the report shows every value entered, and
a reader sees it and can change nothing either.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PD = "diskopum-lumajang"
QUARTER = f"/pd/{PD}/triwulan/2021/4/"
ASN = "Jumlah ASN terlayani gaji dan tunjangan"
ASN_ROW = "Penyediaan Gaji dan Tunjangan ASN"
PASSWORD = "rahasia-panjang"
SHOTS = Path(os.environ.get("KINERJA_SCREENSHOTS", "")) if os.environ.get("KINERJA_SCREENSHOTS") else None


def shot(page: Any, tmp_path: Path, name: str) -> None:
    page.screenshot(path=str(tmp_path / f"{name}.png"))
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.fixture
def people(agency: Any) -> dict[str, Any]:
    from planning.models import Membership

    roles = {
        "op": (Membership.Role.OPERATOR, agency),
        "kpd": (Membership.Role.HEAD, agency),
        "bappeda": (Membership.Role.VERIFIER, None),
        "inspektur": (Membership.Role.READER, None),
    }
    users = {}
    for name, (role, where) in roles.items():
        users[name] = get_user_model().objects.create_user(name, password=PASSWORD, first_name=name.title())
        Membership.objects.create(user=users[name], region=agency.region, agency=where, role=role)
    return users


def as_user(browser: Any, base: str, username: str) -> Any:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def type_value(page: Any, label: str, value: str) -> None:
    cell = page.get_by_label(label, exact=True)
    cell.fill(value)
    cell.press("Tab")
    page.locator("td.c-input", has=page.get_by_label(label, exact=True)).locator(".cell-saved").wait_for()


def test_fill_submit_return_correct_approve(live_server, browser, people, tmp_path) -> None:
    from planning.models import Realization
    from quarters.models import Evidence, QuarterReport

    base = live_server.url
    # -- the operator fills the quarter: a K, an Rp, a note, evidence ---------------------------------
    op = as_user(browser, base, "op")
    op.goto(base + QUARTER)
    shot(op, tmp_path, "entry-top")
    type_value(op, f"Realisasi K {ASN}", "25")
    type_value(op, f"Realisasi Rp {ASN_ROW}", "1.234.567.890")
    line = op.locator("tr", has=op.get_by_label(f"Realisasi K {ASN}", exact=True))
    line.locator("button.note-open").click()
    op.locator(".line-note textarea[name=note]").fill("termasuk gaji ke-13")
    op.locator(".line-note button[type=submit]").click()
    op.locator(".line-note .cell-saved").wait_for()
    line.locator("button.evidence-open").click()
    evidence = tmp_path / "sp2d-tw4.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    op.locator("input[type=file][name=file]").set_input_files(str(evidence))
    op.locator(".evidence-upload button[type=submit]").click()
    op.get_by_text("sp2d-tw4.pdf").wait_for()
    shot(op, tmp_path, "entry-note-evidence")
    op.locator(".hist").first.click()
    op.locator("#history-panel .history").wait_for()
    shot(op, tmp_path, "entry-history")
    assert Realization.objects.get(indicator__name=ASN, year=2021, quarter=4).value == Decimal(25)
    assert Evidence.objects.filter(original_name="sp2d-tw4.pdf", report__quarter=4).exists()

    # -- the Kepala PD explains every error finding and submits ---------------------------------------
    kpd = as_user(browser, base, "kpd")
    kpd.goto(base + QUARTER)
    kpd.get_by_role("button", name="Ajukan ke Bappeda").click()
    kpd.locator(".msg-error").filter(has_text="perlu penjelasan").wait_for()  # refused: not yet explained
    explanations = kpd.locator("form.explanation textarea")
    assert explanations.count() > 0
    for i in range(explanations.count()):
        box = kpd.locator("form.explanation textarea").nth(i)
        box.fill(f"diperiksa dengan dokumen sumber ({i + 1})")
        box.press("Tab")
        kpd.locator("form.explanation").nth(i).locator(".cell-saved").wait_for()
    kpd.get_by_role("button", name="Ajukan ke Bappeda").click()
    kpd.locator(".msg-success").wait_for()
    assert QuarterReport.objects.get(agency__slug=PD, year=2021, quarter=4).status == "submitted"

    # -- the verifier returns it, marking the ASN line for correction ----------------------------------
    bappeda = as_user(browser, base, "bappeda")
    shot(bappeda, tmp_path, "home-bappeda")
    bappeda.goto(base + "/verifikasi/")
    shot(bappeda, tmp_path, "verify-inbox")
    bappeda.locator("table.verify-inbox tr", has_text="Dinas Koperasi dan Usaha Mikro").get_by_role(
        "link", name="Verifikasi"
    ).click()
    bappeda.wait_for_url(f"**{QUARTER}verifikasi/")
    row = bappeda.locator("table.verify-table tr", has_text=ASN).first
    row.locator("input[name=note]").fill("TW IV tidak sesuai SP2D")
    row.get_by_role("button", name="Perbaiki").click()
    bappeda.locator("table.verify-table tr", has_text=ASN).first.locator(".review-note").filter(
        has_text="TW IV tidak sesuai SP2D"
    ).wait_for()
    shot(bappeda, tmp_path, "verify-bappeda")
    bappeda.fill("#return-note", "Mohon perbaiki baris yang ditandai.")
    bappeda.get_by_role("button", name="Kembalikan ke PD").click()
    bappeda.wait_for_load_state()
    assert QuarterReport.objects.get(agency__slug=PD, year=2021, quarter=4).status == "returned"

    # -- the operator sees the row marked, corrects it; the Kepala resubmits ---------------------------
    op.goto(base + "/pemberitahuan/")
    assert "dikembalikan" in op.content().lower()
    shot(op, tmp_path, "notices-operator")
    op.goto(base + QUARTER)
    marked = op.locator("tr.needs-correction", has_text=ASN)
    marked.scroll_into_view_if_needed()
    shot(op, tmp_path, "entry-returned")
    assert "TW IV tidak sesuai SP2D" in marked.inner_text()
    type_value(op, f"Realisasi K {ASN}", "24")
    kpd.goto(base + QUARTER)
    kpd.get_by_role("button", name="Ajukan ke Bappeda").click()
    kpd.locator(".msg-success").wait_for()

    # -- the verifier approves -------------------------------------------------------------------------
    bappeda.goto(base + QUARTER + "verifikasi/")
    bappeda.get_by_role("button", name="Setujui dan kunci").click()
    bappeda.wait_for_load_state()
    report = QuarterReport.objects.get(agency__slug=PD, year=2021, quarter=4)
    assert report.status == "approved" and report.approvals.filter(superseded_at__isnull=True).exists()

    # -- nothing can change any more; the report shows what was entered --------------------------------
    op.goto(base + QUARTER)
    assert op.locator("input.cell").count() == 0
    assert op.get_by_role("button", name="Ajukan ke Bappeda").count() == 0
    refused = op.request.post(base + QUARTER + "nilai/", form={"kind": "k", "id": "1", "value": "1", "version": ""})
    assert refused.status in (403, 404)
    assert Realization.objects.get(indicator__name=ASN, year=2021, quarter=4).value == Decimal(24)
    reader = as_user(browser, base, "inspektur")
    reader.goto(base + f"/pd/{PD}/laporan/2021/4/")
    text = reader.locator("table.e81").inner_text()
    assert "1.234.567.890" in text  # the Rp the operator typed
    assert "Disetujui" in reader.content()
    shot(reader, tmp_path, "report-reader")
    reader.goto(base + QUARTER)
    assert reader.locator("input.cell").count() == 0
    denied = reader.request.post(base + QUARTER + "nilai/", form={"kind": "k", "id": "1", "value": "1"})
    assert denied.status == 403
