"""The plan editor in a real browser (Debian's Chromium) against a running server, the issue's "Done when"
as far as the editor goes: a new PD builds a small plan from nothing (Renstra, Renja, a tujuan and a
sasaran, a program, a kegiatan and a sub kegiatan picked from the nomenclature, two indicators with their
targets and Rencana Aksi spread by the helper), enters its first quarter on the entry screen, and the
report's numbers follow; Bappeda finds it on the overview (status, filled shares, findings) and on the PD's
and the pemda's dashboards (the program's achievement, the budget absorption), numbers worked out in the test
from what it typed; an amendment keeps the original, and both reports can be produced.

Screenshots (Chromium 1366x768) go to docs/screenshots/plan-*.png when KINERJA_SCREENSHOTS names that folder.
"""

from __future__ import annotations

import io
import json
import os
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PD = "dinas-baru"
PASSWORD = "rahasia-panjang"
SUB = "Pemberdayaan Kelembagaan Potensi dan Pengembangan Usaha Mikro"
SUB_INDICATOR = "Jumlah Unit Usaha yang Telah Menerima Pembinaan dan Pendampingan Terhadap Usaha Mikro"
SHARE = "Persentase usaha mikro yang naik kelas"
SHOTS = Path(os.environ["KINERJA_SCREENSHOTS"]) if os.environ.get("KINERJA_SCREENSHOTS") else None


def shot(page: Any, tmp_path: Path, name: str, *, full: bool = False) -> None:
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=full)
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


@pytest.fixture
def people(agency: Any) -> dict[str, Any]:
    from nomenclature.loader import SHIPPED, SHIPPED_LABEL
    from nomenclature.models import NomenclatureVersion
    from planning.models import Agency, Membership

    if not NomenclatureVersion.objects.filter(is_active=True).exists():  # a transactional test flushed it
        call_command("nomenclature", "load", str(SHIPPED), "--label", SHIPPED_LABEL, stdout=io.StringIO())
    pd = Agency.objects.create(region=agency.region, slug=PD, name="Dinas Koperasi Baru", short_name="Diskop Baru")
    users = {}
    for name, role, where in (("op", Membership.Role.OPERATOR, pd), ("bappeda", Membership.Role.VERIFIER, None)):
        users[name] = get_user_model().objects.create_user(name, password=PASSWORD, first_name=name.title())
        Membership.objects.create(user=users[name], region=agency.region, agency=where, role=role)
    return users


def as_user(browser: Any, base: str, username: str) -> Any:
    page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def row_section(page: Any, name: str) -> Any:
    from planning.models import PlanRow

    return page.locator(f"#baris-{PlanRow.objects.get(name=name, strategic_plan__agency__slug=PD).pk}")


def pick(form: Any, query: str, code: str) -> None:
    """Type in the nomenclature picker and click the entry ``code`` among the matches."""
    form.locator("input[type=search]").press_sequentially(query, delay=20)
    form.locator(f'button.nomen-pick[data-code="{code}"]').click()
    assert form.locator("input[name=code]").input_value() == code


def saved(page: Any, text: str) -> None:
    page.locator(".msg-success", has_text=text).wait_for()


def report_json(page: Any, base: str, query: str = "") -> dict[str, Any]:
    response = page.request.get(f"{base}/pd/{PD}/laporan/2026/1.json{query}")
    assert response.ok, response.status
    return json.loads(response.body())


def line(report: dict[str, Any], indicator: str) -> dict[str, Any]:
    return next(r for r in report["rows"] if r["indicator"] == indicator)


def pct(value: Decimal) -> str:
    """A percentage as the pages print it, worked here: half-up to 2 decimals, decimal comma."""
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)).replace(".", ",")


def rp(value: Decimal) -> str:
    """Whole Rupiah as the pages print them: thousands with a dot."""
    return f"{int(value):,}".replace(",", ".")


def overview_and_dashboard(page: Any, base: str, tmp_path: Path) -> None:
    """The quarter entered above, on Bappeda's overview and the PD's dashboard. The expected numbers are
    worked out here from what the test typed, not read from the application."""
    pagu = Decimal(500_000_000)  # the program's pagu typed (its kegiatan and sub kegiatan the same)
    spent = Decimal(100_000_000)  # TW I Rp typed on the sub kegiatan; kegiatan and program derive it
    share_target, share_q1 = Decimal(12), Decimal(3)  # the program's LAST indicator: Renja target, TW I K
    achievement = share_q1 / share_target * 100  # 25 %: a level, the latest reported against the target
    absorption = spent / pagu * 100  # 20 %
    # Indicator lines: the sub kegiatan's and the program's, both with a TW I K -> 2 of 2. Rows with a
    # pagu: program, kegiatan, sub kegiatan, each with a TW I Rp (typed, or the sum of its children) -> 3 of 3.
    # Findings: no error and no warning. The Rencana Aksi combine into their targets (10 x 4 = 40; last
    # 12 = 12), the parents' pagu equal their child's, Rp 100.000.000 is within the pagu, 20 % and 25 % are
    # plausible, K is reported where Rp was spent, and TW I is the first quarter, so none is owed. Two notes:
    # the sub kegiatan's indicator has no Renstra target (column 5; only the program's got 25), and the
    # Renstra starts in 2025 but nothing was entered for 2025 (column 6, one note for all its rows).
    page.get_by_role("link", name="Ikhtisar").click()
    page.wait_for_url("**/pemda/lumajang/ikhtisar/")
    page.select_option("form.overview-filters select[name=tahun]", "2026")
    page.select_option("form.overview-filters select[name=triwulan]", "1")
    page.click("form.overview-filters button")
    page.wait_for_url("**triwulan=1**")
    cells = page.locator(f"tr#pd-{PD} td")
    cells.first.wait_for()
    assert cells.nth(0).inner_text() == "Dinas Koperasi Baru"
    statuses = [cells.nth(i).inner_text() for i in (1, 2, 3, 4)]
    assert statuses == ["Draf", "Belum mulai", "Belum mulai", "Belum mulai"], statuses  # figures, no submission
    assert "chosen" in (cells.nth(1).get_attribute("class") or "")
    assert cells.nth(5).inner_text().split() == [pct(Decimal(2) / 2 * 100), "%", "2/2"]
    assert cells.nth(6).inner_text().split() == [pct(Decimal(3) / 3 * 100), "%", "3/3"]
    assert [cells.nth(i).inner_text() for i in (7, 8, 9)] == ["0", "0", "2"]  # kesalahan, peringatan, catatan
    # The average is over the program rows (the pemda's basis): one program, so its achievement.
    assert cells.nth(10).inner_text().startswith(pct(achievement))
    assert cells.nth(11).inner_text() != "-"  # the last change: the figures just typed
    # The default deadline, 5 working days after 31 March 2026 (a Tuesday): 1, 2, 3, 6, 7 April. The quarter is
    # owed (a draft), so the days past it are shown once that date has gone by.
    deadline = cells.nth(12).inner_text()
    assert deadline.startswith("7 Apr 2026"), deadline
    assert ("lewat" in deadline) == (date.today() > date(2026, 4, 7)), deadline
    shot(page, tmp_path, "plan-overview")

    page.locator(f"tr#pd-{PD} td.links a", has_text="Dasbor").click()
    page.wait_for_url(f"**/pd/{PD}/dasbor/2026/?triwulan=1")
    page.wait_for_selector("canvas#chart-capaian-program[data-drawn]")
    programs = page.locator("section#capaian-program tbody tr")
    assert programs.count() == 1
    assert [programs.first.locator("td").nth(i).inner_text() for i in range(4)] == [
        "PROGRAM PEMBERDAYAAN USAHA MENENGAH, USAHA KECIL, DAN USAHA MIKRO (UMKM)",
        SHARE,
        pct(achievement),
        pct(absorption),
    ]
    spending = page.locator("section#serapan tbody tr")
    assert spending.count() == 1
    assert [spending.first.locator("td").nth(i).inner_text() for i in range(5)] == [
        "TW I",
        rp(spent),
        rp(spent),
        rp(pagu),
        pct(absorption),
    ]
    shot(page, tmp_path, "plan-dashboard")
    # The pemda's dashboard: the PD's average (its one program's achievement) and its absorption.
    page.goto(f"{base}/pemda/lumajang/dasbor/2026/?triwulan=1")
    page.wait_for_selector("canvas#chart-capaian-pd[data-drawn]")
    mine = page.locator("section#capaian-pd tbody tr", has_text="Dinas Koperasi Baru").locator("td")
    assert [mine.nth(i).inner_text() for i in (1, 3)] == [pct(achievement), pct(absorption)]


def test_build_a_plan_enter_a_quarter_amend(live_server, browser, people, tmp_path) -> None:
    from planning.models import Indicator, WorkPlan

    base = live_server.url
    op = as_user(browser, base, "op")
    # -- Renstra and Renja from nothing ------------------------------------------------------------
    op.get_by_role("link", name="Rencana").click()
    op.wait_for_url(f"**/pd/{PD}/rencana/")
    op.get_by_label("Tahun awal").fill("2025")
    op.get_by_label("Tahun akhir").fill("2029")
    op.get_by_role("button", name="Buat Renstra").click()
    saved(op, "Renstra dibuat.")
    op.get_by_label("Renja baru tahun").fill("2026")
    op.get_by_role("button", name="Buat Renja kosong").click()
    op.wait_for_url(f"**/pd/{PD}/rencana/2026/")
    # -- the tree: tujuan, sasaran ----------------------------------------------------------------
    top = op.locator("details.top-add form")
    top.locator("textarea[name=name]").fill("Meningkatnya daya saing usaha mikro")
    top.get_by_role("button", name="Tambah tujuan").click()
    saved(op, "Baris ditambahkan.")
    goal = row_section(op, "Meningkatnya daya saing usaha mikro")
    goal.locator("details.row-add summary").click()
    goal.locator("details.row-add textarea[name=name]").fill("Meningkatnya usaha mikro yang naik kelas")
    goal.get_by_role("button", name="Tambah sasaran").click()
    saved(op, "Baris ditambahkan.")
    # -- program, kegiatan, sub kegiatan from the nomenclature ------------------------------------------
    objective = row_section(op, "Meningkatnya usaha mikro yang naik kelas")
    objective.locator("details.row-add summary").click()
    form = objective.locator("details.row-add form")
    pick(form, "2.17.07", "2.17.07")
    form.locator("input[name=budget]").fill("500.000.000")
    form.get_by_role("button", name="Tambah program").click()
    saved(op, "Baris ditambahkan.")
    program_name = "PROGRAM PEMBERDAYAAN USAHA MENENGAH, USAHA KECIL, DAN USAHA MIKRO (UMKM)"
    program = row_section(op, program_name)
    program.locator("details.row-add summary").click()
    form = program.locator("details.row-add form")
    pick(form, "pendataan kemitraan", "2.17.07.2.01")
    form.locator("input[name=budget]").fill("500.000.000")
    form.get_by_role("button", name="Tambah kegiatan").click()
    saved(op, "Baris ditambahkan.")
    activity = op.locator("section.lvl-activity")
    activity.locator("details.row-add summary").click()
    form = activity.locator("details.row-add form")
    form.locator("input[type=search]").press_sequentially("kelembagaan potensi", delay=20)
    form.locator('button.nomen-pick[data-code="2.17.07.2.01.0004"]').wait_for()
    shot(op, tmp_path, "plan-nomenclature-search")
    form.locator('button.nomen-pick[data-code="2.17.07.2.01.0004"]').click()
    # Picking the sub kegiatan proposed its official indicator and satuan.
    assert form.locator("textarea[name=indicator_name]").input_value() == SUB_INDICATOR
    assert form.locator("input[name=indicator_unit]").input_value() == "Unit Usaha"
    form.locator("input[name=indicator_target]").fill("40")
    form.locator("input[name=budget]").fill("500.000.000")
    form.locator("input[name=funding_source]").fill("DAU")
    form.get_by_role("button", name="Tambah sub kegiatan").click()
    saved(op, "Baris ditambahkan.")
    assert op.locator(".badge.off-list").count() == 0  # everything came from the list
    # -- Rencana Aksi by the helper: SUM splits the target -----------------------------------------------
    sub = row_section(op, SUB)
    sub.locator("details.indicator-edit summary").click()
    form = sub.locator("details.indicator-edit form").first
    form.get_by_role("button", name="Bagi dari target tahunan").click()
    form.locator("input[name=q4]").and_(form.locator('[value="10"]')).wait_for()
    assert [form.locator(f"input[name=q{q}]").input_value() for q in (1, 2, 3, 4)] == ["10"] * 4
    form.get_by_role("button", name="Simpan indikator").click()
    saved(op, "Indikator disimpan.")
    # -- a second indicator on the program: a level, rising to the target ---------------------------------
    program = row_section(op, program_name)
    program.locator("details.indicator-add summary").click()
    form = program.locator("details.indicator-add form")
    form.locator("textarea[name=name]").fill(SHARE)
    form.locator("input[name=unit]").fill("%")
    form.locator("select[name=aggregation]").select_option("last")
    assert "triwulan IV harus sama dengan target" in form.locator(".spread-explanation").inner_text()
    form.locator("input[name=strategic_target]").fill("25")
    form.locator("input[name=target]").fill("12")
    form.get_by_role("button", name="Naik bertahap ke target").click()
    form.locator("input[name=q1]").and_(form.locator('[value="3"]')).wait_for()
    form.locator("input[name=q4]").fill("11")
    form.locator("input[name=q4]").press("Tab")
    form.locator(".spread-warning", has_text="bukan target tahunan 12").wait_for()  # the check, before saving
    shot(op, tmp_path, "plan-rencana-aksi")
    form.locator("input[name=q4]").fill("12")
    form.locator("input[name=q4]").press("Tab")
    form.get_by_role("button", name="Tambah indikator").click()
    saved(op, "Indikator ditambahkan.")
    assert op.locator(".spread-warning", has_text="⚠").count() == 0
    shot(op, tmp_path, "plan-editor", full=True)
    op.get_by_role("link", name=f"Rencana {'Dinas Koperasi Baru'}").click()
    shot(op, tmp_path, "plan-plans")
    share = Indicator.objects.get(name=SHARE, row__strategic_plan__agency__slug=PD)
    assert share.aggregation == "last" and not share.aggregation_is_default

    # -- the first quarter on the entry screen ------------------------------------------------------
    op.goto(f"{base}/pd/{PD}/triwulan/2026/1/")
    for label, value in (
        (f"Realisasi K {SUB_INDICATOR}", "8"),
        (f"Realisasi K {SHARE}", "3"),
        (f"Realisasi Rp {SUB}", "100.000.000"),
    ):
        cell = op.get_by_label(label, exact=True)
        cell.fill(value)
        cell.press("Tab")
        op.locator("td.c-input", has=op.get_by_label(label, exact=True)).locator(".cell-saved").wait_for()
    report = report_json(op, base)
    sub_line, share_line = line(report, SUB_INDICATOR), line(report, SHARE)
    assert sub_line["annual_target"]["value"] == "40" and sub_line["quarters"][0]["value"] == "8"
    assert sub_line["annual_realization"]["value"] == "8"
    assert sub_line["annual_achievement"]["value"] == "20.00"
    assert sub_line["annual_target"]["budget"] == "500000000"
    assert sub_line["annual_realization"]["budget"] == "100000000"
    assert share_line["annual_achievement"]["value"] == "25.00"  # 3 of 12
    assert share_line["strategic_target"]["value"] == "25"
    # The report's findings, the same two notes the overview counts (see overview_and_dashboard).
    assert sorted((f["severity"], f["code"], f["column"], f["indicator"] or "") for f in report["findings"]) == [
        ("info", "prior_missing", "6", ""),
        ("info", "target_missing", "5", SUB_INDICATOR),
    ]
    # -- Bappeda sees it on the overview and the PD's dashboard -------------------------------------
    overview_and_dashboard(as_user(browser, base, "bappeda"), base, tmp_path)

    # -- the amendment keeps the original; both reports ------------------------------------------------
    op.goto(f"{base}/pd/{PD}/rencana/2026/")
    op.locator("summary", has_text="Perubahan Renja").click()
    op.locator("textarea[name=reason]").fill("Pergeseran anggaran APBD perubahan")
    op.get_by_role("button", name="Buat perubahan Renja").click()
    saved(op, "Perubahan Renja dibuat")
    sub = row_section(op, SUB)
    sub.locator("details.indicator-edit summary").click()
    form = sub.locator("details.indicator-edit form").first
    form.locator("input[name=target]").fill("32")
    form.get_by_role("button", name="Bagi dari target tahunan").click()
    form.locator("input[name=q1]").and_(form.locator('[value="8"]')).wait_for()
    form.locator("input[name=reason]").fill("target disesuaikan dengan pagu perubahan")
    form.get_by_role("button", name="Simpan indikator").click()
    saved(op, "Indikator disimpan.")
    # A kegiatan outside the list is allowed, and marked.
    program = row_section(op, program_name)
    program.locator("details.row-add summary").click()
    form = program.locator("details.row-add form")
    form.locator("input[name=code]").fill("2.17.07.2.99")
    form.locator("textarea[name=name]").fill("Fasilitasi Pasar Rakyat Daerah")
    form.locator("input[name=reason]").fill("kegiatan khusus daerah")
    form.get_by_role("button", name="Tambah kegiatan").click()
    saved(op, "Baris ditambahkan.")
    row_section(op, "Fasilitasi Pasar Rakyat Daerah").locator(
        ".badge.off-list", has_text="di luar nomenklatur"
    ).wait_for()
    op.locator("h1").scroll_into_view_if_needed()
    shot(op, tmp_path, "plan-amendment", full=True)
    op.get_by_role("link", name="Renja 2026 (murni)").click()
    op.locator(".notice", has_text="versi lama").wait_for()
    assert op.locator("details.row-edit").count() == 0
    original, amended = report_json(op, base, "?renja=0"), report_json(op, base, "?renja=1")
    assert original["work_plan"]["revision"] == 0 and amended["work_plan"]["revision"] == 1
    assert line(original, SUB_INDICATOR)["annual_target"]["value"] == "40"
    assert line(original, SUB_INDICATOR)["annual_achievement"]["value"] == "20.00"
    assert line(amended, SUB_INDICATOR)["annual_target"]["value"] == "32"
    assert line(amended, SUB_INDICATOR)["annual_achievement"]["value"] == "25.00"  # 8 of 32
    op.goto(f"{base}/pd/{PD}/laporan/2026/1/?renja=0")
    op.locator(".renja-version", has_text="Renja 2026 (murni)").wait_for()
    shot(op, tmp_path, "plan-report-original")
    assert WorkPlan.objects.filter(strategic_plan__agency__slug=PD, year=2026).count() == 2
    # Every change is in the plan's history: who, when, before, after, why.
    op.goto(f"{base}/pd/{PD}/rencana/2026/riwayat/")
    op.locator("td", has_text="target disesuaikan dengan pagu perubahan").wait_for()
    op.locator("td", has_text="Pergeseran anggaran APBD perubahan").wait_for()
    shot(op, tmp_path, "plan-history")
