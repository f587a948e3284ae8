"""A superuser imports a pemda's history through the history page: a zip, the dry run's progress per
file while a worker runs it (the page polls by htmx), the table and the summary across files, then one
confirmation whose save shows its progress too."""

from __future__ import annotations

import io
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def slow_worker(monkeypatch):
    """A worker beside the live server: each queued history job runs in a thread, its progress slowed so
    that the page's polling sees it file by file."""
    import importlib

    from imports import history_jobs

    write = history_jobs.batch_write

    def slowly(batch):
        write(batch)
        if not batch.done:
            time.sleep(0.4)

    def work(func: str, *args, **kwargs) -> str:
        module, name = func.rsplit(".", 1)

        def run() -> None:
            try:
                getattr(importlib.import_module(module), name)(*args)
            finally:
                connection.close()

        threading.Thread(target=run, daemon=True).start()
        return "browser-test-task"

    monkeypatch.setattr(history_jobs, "batch_write", slowly)
    monkeypatch.setattr("django_q.tasks.async_task", work)


def test_superuser_uploads_a_zip_sees_progress_previews_and_saves_each_file(live_server, page, tmp_path, slow_worker):
    from planning.models import Agency
    from tests.imports.test_history import KOPERASI, UJI, history_zip

    if not Agency.objects.exists():  # an earlier transactional test flushed the demo: the untitled file
        call_command("demo", verbosity=0, stdout=io.StringIO())  # is asked for among existing PD
    get_user_model().objects.create_user("pusat", password="rahasia-panjang", is_superuser=True)
    archive = tmp_path / "riwayat.zip"
    archive.write_bytes(history_zip())
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", "pusat")
    page.fill("#id_password", "rahasia-panjang")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/impor/riwayat/")
    assert "urutan perangkat daerah, tahun dan triwulan" in page.locator("main").inner_text()

    page.set_input_files("input[type=file]", str(archive))
    page.click("main button[type=submit]")

    # the job's page, polled: which file it is on, then the table
    expect(page.locator("#history-progress")).to_contain_text("dari 6: riwayat.zip/", timeout=15000)
    expect(page.locator("#history-progress")).to_contain_text("Uji coba: berkas", timeout=15000)
    expect(page.locator("h1")).to_contain_text("Uji coba impor riwayat: 6 berkas", timeout=30000)
    files = page.locator("#history-files").inner_text()
    names = ["koperasi-tw2.csv", "koperasi-tw4.csv", "uji-2021-tw4.csv", "uji-2022-tw2.csv", "uji-2022-tw4.csv"]
    positions = [files.index(name) for name in names]
    assert positions == sorted(positions)  # in (PD, year, quarter) order, not the zip's
    assert files.index("tanpa-judul.csv") > positions[-1]  # the unmatched file last
    assert "tidak dicocokkan" in files and "ditolak" in files
    assert "berkas TW IV 2021) 40" in page.locator("#history-disagreements").inner_text()
    assert not Agency.objects.filter(slug__in=[UJI, KOPERASI]).exists()  # a dry run writes nothing
    assert page.locator("form.history-ask").count() == 1  # the untitled file: asked, not guessed
    page.get_by_role("button", name="Simpan 4 berkas").click()
    expect(page.locator("#history-progress")).to_contain_text("Menyimpan: berkas", timeout=15000)
    expect(page.locator("h1")).to_contain_text("4 berkas disimpan", timeout=30000)
    assert Agency.objects.filter(slug__in=[UJI, KOPERASI]).count() == 2
