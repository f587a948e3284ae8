"""The history page's dry run and save as background jobs: queued, their progress per file written as
they go and shown by a page that polls (htmx), then the table; another user's batch is a 404."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_q.conf import Conf
from django_q.models import OrmQ, Task

from imports import history_jobs
from imports.history_jobs import DRY_RUN, Batch, batch_read, batch_write
from planning.models import Agency
from tests.imports.test_history import UJI, _post_history
from tests.imports.test_history_batch import quarter_sheet


@pytest.fixture
def admin(django_user_model, client):
    user = django_user_model.objects.create_user("pusat-job", password="x" * 12, is_superuser=True)
    client.force_login(user)
    return user


def _states(monkeypatch) -> list[tuple[str, int, int, str]]:
    """Every state a job writes, as (stage, files done, file count, file)."""
    seen: list[tuple[str, int, int, str]] = []
    write = history_jobs.batch_write

    def recording(batch: Batch) -> None:
        seen.append((batch.stage, batch.index, batch.total, batch.file))
        write(batch)

    monkeypatch.setattr(history_jobs, "batch_write", recording)
    return seen


def test_the_upload_is_queued_and_its_page_polls_until_the_worker_runs_it(client, admin, empty_db, monkeypatch):
    monkeypatch.setattr(Conf, "SYNC", False)
    files = [("b-tw4.csv", quarter_sheet(4)), ("a-tw2.csv", quarter_sheet(2))]
    response = _post_history(client, *files)
    assert response.redirect_chain and "/impor/riwayat/proses/" in response.redirect_chain[-1][0]
    assert OrmQ.objects.count() == 1  # waiting for the worker
    html = response.content.decode()
    assert 'hx-trigger="every 1s"' in html and "Menunggu giliran" in html and "<script>" not in html
    batch_id = response.redirect_chain[-1][0].rstrip("/").rsplit("/", 1)[-1]
    # the worker runs it: its progress per file, matched then dry run in (PD, year, quarter) order
    seen = _states(monkeypatch)
    history_jobs.history_dry_run(batch_id)
    assert ("mencocokkan", 0, 2, "b-tw4.csv") in seen and ("mencocokkan", 1, 2, "a-tw2.csv") in seen
    dry = [s for s in seen if s[0] == "uji coba"]
    assert dry == [("uji coba", 0, 2, "a-tw2.csv"), ("uji coba", 1, 2, "b-tw4.csv")]
    assert seen[-1][0] == "selesai"
    page = client.get(reverse("imports:history_batch", args=[batch_id]), headers={"HX-Request": "true"})
    html = page.content.decode()
    assert 'id="history-files"' in html and "hx-trigger" not in html  # done: the table, no more polling
    assert html.index("a-tw2.csv") < html.index("b-tw4.csv")
    assert "Simpan 2 berkas" in html and not Agency.objects.exists()


def test_a_running_job_shows_which_file_it_is_on(client, admin) -> None:
    batch = Batch("sedang-berjalan-0001-abcdef", admin.pk, DRY_RUN, created=time.time())
    batch.index, batch.total, batch.file, batch.stage = 6, 40, "riwayat.zip/2022/dinkes-tw3.xlsx", "uji coba"
    batch_write(batch)
    page = client.get(reverse("imports:history_batch", args=[batch.id]), headers={"HX-Request": "true"})
    html = page.content.decode()
    assert "Uji coba: berkas 7 dari 40: riwayat.zip/2022/dinkes-tw3.xlsx" in html
    assert '<progress max="40" value="6">' in html and 'hx-trigger="every 1s"' in html
    assert "<html" not in html  # the fragment htmx swaps in; the whole page without the header
    assert "<html" in client.get(reverse("imports:history_batch", args=[batch.id])).content.decode()


def test_a_failed_worker_job_is_said_not_waited_for(client, admin) -> None:
    from django.utils import timezone

    batch = Batch("gagal-di-pekerja-0001-abc", admin.pk, DRY_RUN, created=time.time())
    batch_write(batch)
    now = timezone.now()
    Task.objects.create(
        id="x" * 32, name=batch.task_name, func=history_jobs.DRY_RUN_TASK, started=now, stopped=now, success=False
    )
    html = client.get(reverse("imports:history_batch", args=[batch.id])).content.decode()
    assert "pekerjaan latar belakang gagal" in html and "hx-trigger" not in html


def test_another_users_batch_is_not_found(client, admin, django_user_model) -> None:
    batch = Batch("milik-orang-lain-0001-abc", admin.pk, DRY_RUN, created=time.time())
    batch_write(batch)
    other = django_user_model.objects.create_user("lain-job", password="x" * 12, is_superuser=True)
    client.force_login(other)
    assert client.get(reverse("imports:history_batch", args=[batch.id])).status_code == 404
    assert batch_read(batch.id, other.pk) is None and batch_read(batch.id, admin.pk) is not None
    assert client.get(reverse("imports:history_batch", args=["..%2F..%2Fetc"])).status_code == 404


def test_the_save_is_a_job_with_progress_in_pd_year_quarter_order(client, admin, empty_db, monkeypatch) -> None:
    import re

    monkeypatch.setattr(Conf, "SYNC", True)
    files = [("b-tw4.csv", quarter_sheet(4)), ("a-tw2.csv", quarter_sheet(2))]
    html = _post_history(client, *files).content.decode()
    tokens = re.findall(r'name="token" value="([^"]+)"', html)
    assert len(tokens) == 2
    seen = _states(monkeypatch)
    saved = client.post(reverse("imports:history_confirm"), {"token": tokens[::-1]}, follow=True)
    html = saved.content.decode()
    assert "2 berkas disimpan" in html and html.index("a-tw2.csv") < html.index("b-tw4.csv")
    assert [s[3] for s in seen if s[0] == "menyimpan"] == ["a-tw2.csv", "b-tw4.csv"]
    assert Agency.objects.filter(slug=UJI).exists()


def test_the_finished_page_runs_a_constant_number_of_queries(client, admin, empty_db) -> None:
    def finished(lines: int) -> str:
        batch = Batch(f"selesai-{lines:04d}-abcdefghijkl", admin.pk, DRY_RUN, created=time.time(), done=True)
        line = {"file": "f.csv", "status": "siap", "reason": "", "agency": "Dinas", "year": 2022, "quarter": 2}
        batch.summary = {"lines": [dict(line, file=f"f{i}.csv") for i in range(lines)], "tokens": ["t"] * lines}
        batch.summary.update(refused=[], disagreements=["a"] * lines, seconds=1.0)
        batch_write(batch)
        return reverse("imports:history_batch", args=[batch.id])

    small, large = finished(2), finished(40)
    client.get(small)  # the session filled
    with CaptureQueriesContext(connection) as two:
        assert client.get(small).status_code == 200
    with CaptureQueriesContext(connection) as forty:
        assert "Simpan 40 berkas" in client.get(large).content.decode()
    assert len(two) == len(forty)
