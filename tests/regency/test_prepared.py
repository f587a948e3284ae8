"""A large pemda's E.79, ranking and early-warning pages never build in the request: a job prepares them
(reporting/regency/prepared.py).  Here a pemda counts as large above 2 PD (the three-PD pemda of
``factory.py``); jobs run inline (``Conf.SYNC``) or stay queued to see the pending state."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_q.conf import Conf
from django_q.models import OrmQ, Task

from audit.models import AuditEvent
from planning.models import Agency, Indicator, Membership, Region
from reporting.models import PreparedRegency
from reporting.regency import prepared, views

YEAR, Q = 2021, 4
PAGES = ("regency:e79", "regency:ranking", "regency:warning")


@pytest.fixture
def verifier(uji, django_user_model):
    user = django_user_model.objects.create_user("bappeda-siap", password="x" * 12)
    Membership.objects.create(user=user, region=uji, role=Membership.Role.VERIFIER)
    return user


@pytest.fixture
def operator(uji, django_user_model):
    user = django_user_model.objects.create_user("op-kesehatan-siap", password="x" * 12)
    agency = Agency.objects.get(slug="uji-kesehatan")
    Membership.objects.create(user=user, region=uji, agency=agency, role=Membership.Role.OPERATOR)
    return user


@pytest.fixture
def large(monkeypatch):
    """Pages of more than 2 PD are prepared (the three-PD pemda is 'large')."""
    monkeypatch.setattr(views, "BACKGROUND_MIN_PD", 2)


@pytest.fixture
def queued(monkeypatch):
    """Jobs stay in the queue (no worker): the pending state."""
    monkeypatch.setattr(Conf, "SYNC", False)


@pytest.fixture
def inline(monkeypatch):
    monkeypatch.setattr(Conf, "SYNC", True)


def _url(name: str, *extra: object) -> str:
    return reverse(name, args=["uji-e79", YEAR, Q, *extra])


def _run_queued_job(region: Region) -> None:
    """What the worker does: run the job the row has claimed."""
    row = PreparedRegency.objects.get(region=region, year=YEAR, quarter=Q)
    assert row.job_state == PreparedRegency.JobState.QUEUED
    prepared.prepare_run(region.pk, YEAR, Q, row.job_fingerprint)


def _main(client, name: str) -> str:
    """The page's own content (the layout around it carries the session's CSRF token)."""
    body = client.get(reverse(name, args=["uji-e79", YEAR, Q])).content.decode()
    return body[body.index("<main>") : body.index("</main>")]


def _row_of(page: str, name: str) -> str:
    """The table row of the page naming ``name``, from that name to the row's end."""
    return page.split(name, 1)[1].split("</tr>", 1)[0]


def _ranking_csv(client, kind: str = "program") -> dict[str, dict[str, str]]:
    response = client.get(_url("regency:ranking_csv") + f"?jenis={kind}&urut=nama&arah=naik")
    assert response["Content-Type"].startswith("text/csv"), response.content[:300]
    return {r["Kode"] or r["Perangkat Daerah"]: r for r in csv.DictReader(io.StringIO(response.content.decode()))}


def test_first_visit_is_pending_then_shows_the_result(client, verifier, large, queued, uji) -> None:
    client.force_login(verifier)
    page = client.get(_url("regency:e79"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "sedang disiapkan" in body
    assert f'hx-get="{_url("regency:prepare_status")}?tampil=0"' in body and 'hx-trigger="every 2s"' in body
    assert "<script>" not in body  # CSP: polling by htmx attributes only
    assert "84,00" not in body  # no figure before it is built
    assert OrmQ.objects.count() == 1
    # The other two pages and a second visit join the same job.
    for name in PAGES:
        assert "sedang disiapkan" in client.get(reverse(name, args=["uji-e79", YEAR, Q])).content.decode()
    assert OrmQ.objects.count() == 1
    # Data changing while it waits queue no second job (one per pemda and quarter at a time).
    AuditEvent.objects.create(action="x", model="Realization", object_id="1")
    client.get(_url("regency:e79"))
    assert OrmQ.objects.count() == 1
    status = client.get(_url("regency:prepare_status"))
    assert status.status_code == 200 and "HX-Refresh" not in status
    assert prepared.STAGE_QUEUED in status.content.decode()

    _run_queued_job(uji)
    status = client.get(_url("regency:prepare_status"))
    assert status["HX-Refresh"] == "true"
    body = client.get(_url("regency:e79")).content.decode()
    assert "Program Upaya Kesehatan" in body and "84,00" in body and "Tinggi" in body
    assert "0 dari 3 PD disetujui Bappeda" in body
    assert "sedang disiapkan" not in body and "sedang diperbarui" not in body and "hx-get" not in body
    ranking = client.get(_url("regency:ranking") + "?urut=capaian").content.decode()
    assert (
        ranking.index("Dinas Pendidikan Uji") < ranking.index("Dinas Koperasi Uji") < ranking.index("Dinas Kesehatan")
    )
    warning = client.get(_url("regency:warning")).content.decode()
    assert "Program berisiko (3 dari 5)" in warning and "Cara menghitung" in warning
    assert OrmQ.objects.count() == 1  # nothing queued again


def test_inline_job_and_the_prepared_figures_equal_the_in_request_ones(client, verifier, inline, monkeypatch) -> None:
    client.force_login(verifier)
    small = {name: _main(client, name) for name in PAGES}
    small_csv = _ranking_csv(client)
    small_warning = client.get(_url("regency:warning_csv")).content
    assert PreparedRegency.objects.count() == 0  # a small pemda builds in the request, as before
    monkeypatch.setattr(views, "BACKGROUND_MIN_PD", 2)
    large = {name: _main(client, name) for name in PAGES}
    assert Task.objects.filter(func=prepared.TASK).count() == 1
    for name in PAGES:
        assert large[name] == small[name], name
    assert _ranking_csv(client) == small_csv
    assert client.get(_url("regency:warning_csv")).content == small_warning
    row = PreparedRegency.objects.get()
    assert row.job_state == PreparedRegency.JobState.DONE and row.build_ms is not None
    # The stored rows are the ranking's own, Decimals exact.
    from reporting.regency.builder import regency_report_build
    from reporting.regency.ranking import agency_ranking, program_ranking

    e79 = regency_report_build(region=row.region, year=YEAR, quarter=Q)
    assert prepared.rows_load(row.ranking["program"]) == program_ranking(e79)
    assert prepared.rows_load(row.ranking["pd"]) == agency_ranking(e79)


def test_a_typed_value_renews_the_fingerprint_and_the_page_shows_the_new_figure(
    client, verifier, operator, large, queued, uji
) -> None:
    from planning.services.realizations import realization_set

    client.force_login(verifier)
    client.get(_url("regency:ranking"))
    _run_queued_job(uji)
    before = prepared.fingerprint(uji).value
    # Penunjang Kesehatan: "Dokumen perencanaan" 2 + 2 + 2 + 0 of 10 = 60 %.
    assert _ranking_csv(client)["1.02.01"]["Capaian kinerja K (%)"] == "60.00"

    indicator = Indicator.objects.get(name="Dokumen perencanaan")
    assert realization_set(indicator=indicator, year=YEAR, quarter=4, value=Decimal("2"), actor=operator)
    after = prepared.fingerprint(uji).value
    assert after != before

    # The old figures only marked as old, the new job joined by every page, the CSV waits.
    page = client.get(_url("regency:ranking") + "?jenis=program").content.decode()
    assert "sedang diperbarui" in page and "Angka per " in page
    assert "60,00" in _row_of(page, "Penunjang Kesehatan")
    assert 'hx-trigger="every 2s"' in page
    waiting = client.get(_url("regency:ranking_csv") + "?jenis=program")
    assert waiting["Content-Type"].startswith("text/html") and "sedang disiapkan" in waiting.content.decode()
    assert OrmQ.objects.count() == 2  # the first job's and the new one

    # The poll of a page reloads it to a newer result, even one already stale again.
    shown = PreparedRegency.objects.get().built_at
    _run_queued_job(uji)
    assert PreparedRegency.objects.get().fingerprint == after
    AuditEvent.objects.create(action="x", model="Realization", object_id="lain")
    status_url = _url("regency:prepare_status")
    assert client.get(status_url + f"?tampil={int(shown.timestamp()) - 1}")["HX-Refresh"] == "true"
    newest = PreparedRegency.objects.get().built_at
    assert "HX-Refresh" not in client.get(status_url + f"?tampil={int(newest.timestamp())}")
    _run_queued_job(uji)  # the job that poll queued
    # 2 + 2 + 2 + 2 of 10 = 80 %.
    assert _ranking_csv(client)["1.02.01"]["Capaian kinerja K (%)"] == "80.00"
    page = client.get(_url("regency:ranking") + "?jenis=program").content.decode()
    assert "80,00" in _row_of(page, "Penunjang Kesehatan") and "60,00" not in _row_of(page, "Penunjang Kesehatan")
    assert "sedang diperbarui" not in page


def test_the_fingerprint_follows_every_audited_write_and_the_pemdas_settings(uji) -> None:
    first = prepared.fingerprint(uji)
    assert first.agencies == 3
    assert prepared.fingerprint(uji) == first  # nothing changed
    AuditEvent.objects.create(action="x", model="WorkPlan", object_id="1")
    second = prepared.fingerprint(uji)
    assert second != first
    # An event committed late with a lower id than the newest (PostgreSQL sequences) still counts.
    late = AuditEvent.objects.create(action="x", model="Realization", object_id="2")
    AuditEvent.objects.create(action="x", model="Realization", object_id="3")
    late_id = late.pk
    late.delete()
    third = prepared.fingerprint(uji)
    AuditEvent.objects.create(id=late_id, action="x", model="Realization", object_id="2")
    assert prepared.fingerprint(uji) != third
    # The pemda's own settings (its row) and its PD.
    current = prepared.fingerprint(uji)
    Region.objects.filter(pk=uji.pk).update(average_cap=Decimal("120"))
    assert prepared.fingerprint(Region.objects.get(pk=uji.pk)) != current


def test_csv_waits_for_fresh_figures_then_links_them(client, verifier, large, queued, uji) -> None:
    client.force_login(verifier)
    csv_url = _url("regency:warning_csv")
    waiting = client.get(csv_url).content.decode()
    assert "sedang disiapkan" in waiting and "berkas=" in waiting
    status_url = _url("regency:prepare_status") + "?berkas=" + csv_url
    _run_queued_job(uji)
    status = client.get(status_url)
    assert "HX-Refresh" not in status and f'href="{csv_url}"' in status.content.decode()
    assert len(list(csv.DictReader(io.StringIO(client.get(csv_url).content.decode())))) == 3
    # Only this pemda's own CSV links are linked.
    foreign = client.get(_url("regency:prepare_status") + "?berkas=https://contoh.invalid/x")
    assert foreign["HX-Refresh"] == "true" and b"contoh.invalid" not in foreign.content


def test_a_failed_job_is_said_and_retried_on_request(client, verifier, large, inline, monkeypatch) -> None:
    runs: list[int] = []

    def broken(**kwargs):
        runs.append(1)
        raise RuntimeError("basis data tidak terjangkau")

    monkeypatch.setattr(prepared, "regency_report_build", broken)
    client.force_login(verifier)
    page = client.get(_url("regency:e79")).content.decode()
    assert "gagal" in page and "basis data tidak terjangkau" in page and "Coba lagi" in page
    assert "hx-trigger" not in page  # no polling of a failed job
    client.get(_url("regency:e79"))
    assert len(runs) == 1  # not retried by itself
    assert PreparedRegency.objects.get().job_state == PreparedRegency.JobState.FAILED
    monkeypatch.undo()
    monkeypatch.setattr(views, "BACKGROUND_MIN_PD", 2)
    monkeypatch.setattr(Conf, "SYNC", True)
    page = client.get(_url("regency:e79") + "?ulang=1").content.decode()
    assert "84,00" in page and "gagal" not in page
    assert Task.objects.filter(func=prepared.TASK, success=True).count() == 1


def test_a_lost_job_is_started_again(client, verifier, large, queued, uji) -> None:
    client.force_login(verifier)
    client.get(_url("regency:e79"))
    assert OrmQ.objects.count() == 1
    PreparedRegency.objects.update(job_started_at=PreparedRegency.objects.get().job_started_at - prepared.JOB_TIMEOUT)
    client.get(_url("regency:e79"))
    assert OrmQ.objects.count() == 2


def test_a_job_that_read_older_data_never_overwrites_newer_figures(uji, inline) -> None:
    fp = prepared.fingerprint(uji).value
    prepared.prepare_ensure(region=uji, year=YEAR, quarter=Q, fp=fp)
    row = PreparedRegency.objects.get()
    newer = row.built_at
    PreparedRegency.objects.update(job_fingerprint="old", job_state="queued")
    # The job runs now, so reads newer data than the stored result: it replaces it.
    prepared.prepare_run(uji.pk, YEAR, Q, "old")
    assert PreparedRegency.objects.get().built_at > newer
    # A result stored from data read later than this job's start is kept.
    later = PreparedRegency.objects.get().built_at
    PreparedRegency.objects.update(built_at=later.replace(year=later.year + 1), header={"kept": True})
    prepared.prepare_run(uji.pk, YEAR, Q, "old")
    assert PreparedRegency.objects.get().header == {"kept": True}


def test_prepared_pages_run_a_constant_number_of_queries(client, verifier, large, inline) -> None:
    from tests.regency.test_queries import _add_synthetic

    client.force_login(verifier)
    urls = [reverse(n, args=["uji-e79", YEAR, Q]) for n in PAGES] + [
        _url("regency:ranking_csv"),
        _url("regency:warning_csv"),
    ]

    def counts() -> list[int]:
        for url in urls:
            client.get(url)  # (re)built when the data changed
        out = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            out.append(len(ctx))
        return out

    three = counts()
    _add_synthetic("uji-e79", 3)
    six = counts()
    assert Agency.objects.filter(region__slug="uji-e79").count() == 6
    assert three == six
    assert max(three) <= 8, three  # session, user, pemda, roles, fingerprint (2), the prepared row
    assert PreparedRegency.objects.get().header["status_line"].startswith("0 dari 6 PD")


def test_status_of_another_pemda_is_not_found(client, uji, large, django_user_model, operator) -> None:
    other = Region.objects.create(slug="pemda-lain-siap", name="Kabupaten Lain")
    outsider = django_user_model.objects.create_user("bappeda-lain-siap", password="x" * 12)
    Membership.objects.create(user=outsider, region=other, role=Membership.Role.VERIFIER)
    client.force_login(outsider)
    assert client.get(_url("regency:prepare_status")).status_code == 404
    client.force_login(operator)
    assert client.get(_url("regency:prepare_status")).status_code == 403
    assert PreparedRegency.objects.count() == 0


def test_every_kind_of_write_renews_the_fingerprint(uji, django_user_model) -> None:
    """Each service that changes what the E.79 shows writes an audit event, so renews the fingerprint."""
    from planning.models import PlanRow
    from planning.services.realizations import budget_realization_set, realization_set
    from planning.services.settings import agency_update, rating_bands_set, region_update
    from quarters.workflow import quarter_approve, quarter_submit

    root = django_user_model.objects.create_superuser("root-siap", password="x" * 12)
    pendidikan = Agency.objects.get(slug="uji-pendidikan")
    # Figures typed at Koperasi (they may raise findings); Pendidikan's quarter submitted and approved.
    program = PlanRow.objects.filter(name__endswith="Pengawasan Koperasi").first()
    indicator = Indicator.objects.get(name="UM yang dilatih")
    writes = {
        "realisasi K": lambda: realization_set(
            indicator=indicator, year=YEAR, quarter=3, value=Decimal("4"), actor=root
        ),
        "realisasi Rp": lambda: budget_realization_set(
            row=program, year=YEAR, quarter=3, amount=Decimal("49000000"), actor=root
        ),
        "pengajuan": lambda: quarter_submit(agency=pendidikan, year=YEAR, quarter=Q, actor=root),
        "persetujuan": lambda: quarter_approve(agency=pendidikan, year=YEAR, quarter=Q, actor=root),
        "pengaturan pemda": lambda: region_update(
            region=uji, actor=root, values={"average_cap": Decimal("110")}, reason="uji sidik data"
        ),
        "predikat": lambda: rating_bands_set(
            region=uji, year=YEAR, bands=[(Decimal("80"), "Baik"), (None, "Kurang")], actor=root, reason="uji"
        ),
        "nama PD": lambda: agency_update(
            agency=pendidikan, actor=root, values={"name": "Dinas Pendidikan Uji Baru"}, reason="uji sidik data"
        ),
    }
    for label, write in writes.items():
        before = prepared.fingerprint(Region.objects.get(pk=uji.pk)).value
        write()
        assert prepared.fingerprint(Region.objects.get(pk=uji.pk)).value != before, label
