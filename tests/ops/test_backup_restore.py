"""Point 10 of issue 8: ``manage.py backup`` makes a consistent copy while the server runs, ``manage.py
restore`` brings it back, and the restored database gives byte-identical reports."""

from __future__ import annotations

import io
import multiprocessing
import sqlite3
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from tests.ops.processes import manage, sqlite_env, write_values

REPORT = ["report", "--agency", "diskopum-lumajang", "--year", "2021", "--quarter", "4", "--format", "json"]


def report_bytes(env: dict[str, str], out: Path) -> bytes:
    manage(*REPORT, "--output", str(out), env=env)
    return out.read_bytes()


def test_backup_change_restore_gives_the_identical_report_file_sqlite(demo_sqlite: Path, tmp_path: Path) -> None:
    """The commands as a person types them (no secret in the environment), on a file-based SQLite database."""
    env = sqlite_env(demo_sqlite)
    before = report_bytes(env, tmp_path / "before.json")
    backup = tmp_path / "cadangan.sqlite3"
    done = manage("backup", str(backup), env=env)
    assert "Cadangan sqlite dibuat" in done.stdout

    db = sqlite3.connect(demo_sqlite)
    with db:
        changed = db.execute(
            "UPDATE planning_realization SET value = value + 1 WHERE year = 2021 AND quarter = 4"
        ).rowcount
    db.close()
    assert changed > 0
    assert report_bytes(env, tmp_path / "changed.json") != before  # the test can see a change

    done = manage("restore", str(backup), "--noinput", env=env)
    assert "dipulihkan" in done.stdout and "migrate" not in done.stdout
    assert report_bytes(env, tmp_path / "after.json") == before
    db = sqlite3.connect(demo_sqlite)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # still the server's WAL database
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.django_db(transaction=True)
def test_backup_change_restore_gives_the_identical_report_on_the_configured_database(agency, tmp_path) -> None:
    """In-process on the suite's database: SQLite, or PostgreSQL (pg_dump / pg_restore) when CI uses it."""
    from planning.models import Indicator
    from planning.services.realizations import realization_set

    def report() -> bytes:
        out = tmp_path / "report.json"
        call_command(*REPORT, "--output", str(out), stdout=io.StringIO())
        return out.read_bytes()

    before = report()
    backup = tmp_path / f"kinerja.{connection.vendor}.backup"
    call_command("backup", str(backup), stdout=io.StringIO())
    assert backup.stat().st_size > 0

    indicator = Indicator.objects.filter(row__strategic_plan__agency=agency, realizations__year=2021).first()
    operator = get_user_model().objects.get(username="operator")
    realization_set(indicator=indicator, year=2021, quarter=4, value=Decimal("123456"), actor=operator, reason="uji")
    assert report() != before

    out = io.StringIO()
    call_command("restore", str(backup), interactive=False, stdout=out)
    assert "dipulihkan" in out.getvalue()
    assert report() == before


def test_restore_refuses_a_file_that_is_not_a_backup(demo_sqlite: Path, tmp_path: Path) -> None:
    env = sqlite_env(demo_sqlite)
    before = report_bytes(env, tmp_path / "before.json")
    junk = tmp_path / "bukan.sqlite3"
    junk.write_bytes(b"PK\x03\x04 bukan basis data" * 100)
    other = tmp_path / "lain.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    for path, message in [
        (junk, "bukan basis data SQLite"),
        (other, "bukan cadangan basis data Kinerja"),
        (tmp_path / "tidak-ada", "tidak ada"),
    ]:
        done = manage("restore", str(path), "--noinput", env=env, check=False)
        assert done.returncode != 0 and message in done.stderr, done.stderr
    assert report_bytes(env, tmp_path / "after.json") == before


def test_restore_asks_first(demo_sqlite: Path, tmp_path: Path) -> None:
    env = sqlite_env(demo_sqlite)
    backup = tmp_path / "cadangan.sqlite3"
    manage("backup", str(backup), env=env)
    done = manage("restore", str(backup), env=env, check=False, answer="tidak\n")
    assert done.returncode != 0 and "dibatalkan" in done.stderr


@pytest.mark.slow
def test_backups_taken_while_a_writer_works_are_each_consistent(demo_sqlite: Path, tmp_path: Path) -> None:
    """Each copy holds the value and its audit record together: a snapshot of one moment."""
    env = sqlite_env(demo_sqlite)
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Manager().Event()
    with ctx.Pool(1) as pool:
        writer = pool.apply_async(write_values, (str(demo_sqlite), 0, 600, start))
        time.sleep(1.5)  # the writer is set up
        start.set()
        backups = []
        # Copies for as long as the writer works (at least four), so that some are taken mid-way however
        # fast this machine writes (four fixed copies raced a fast writer and all saw the end).
        while len(backups) < 4 or (not writer.ready() and len(backups) < 12):
            backups.append(tmp_path / f"cadangan-{len(backups)}.sqlite3")
            manage("backup", str(backups[-1]), env=env)
        result = writer.get(timeout=300)
    assert result["errors"] == []
    seen = []
    for backup in backups:
        db = sqlite3.connect(backup)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = db.execute(
            "SELECT value FROM planning_realization WHERE indicator_id = ? AND year = 2021 AND quarter = 1",
            (result["indicator"],),
        ).fetchone()
        audited = db.execute(
            "SELECT json_extract(after, '$.value'), count(*) OVER () FROM audit_auditevent"
            " WHERE action = 'realization_set' AND object_id = ? AND reason = 'uji' ORDER BY id DESC LIMIT 1",
            (str(result["indicator"]),),
        ).fetchone()
        if audited is None:
            continue  # taken before the first write
        assert Decimal(str(stored[0])) == Decimal(audited[0])  # the value and its audit, from one moment
        assert result["acknowledged"][audited[1] - 1] == audited[0]
        seen.append(audited[1])
    assert seen == sorted(seen) and len(set(seen)) > 1  # the copies were taken while the writer worked


def test_backup_refuses_a_missing_folder(tmp_path) -> None:
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("backup", str(tmp_path / "tidak" / "ada.sqlite3"))


def test_evidence_files_are_backed_up_beside_the_database_and_brought_back(tmp_path, settings) -> None:
    from ops.backup import media_archive_path, media_backup, media_restore

    media = tmp_path / "media"
    (media / "bukti" / "1" / "2021" / "4").mkdir(parents=True)
    stored = media / "bukti" / "1" / "2021" / "4" / "a1b2c3"
    stored.write_bytes(b"%PDF-1.4 bukti\n")
    backup = tmp_path / "kinerja.backup"
    backup.write_bytes(b"(the database copy)")
    archive = media_backup(path=backup, media_root=media)
    assert archive == media_archive_path(backup) and archive.stat().st_size > 0
    stored.unlink()
    assert media_restore(path=backup, media_root=media) == archive
    assert stored.read_bytes() == b"%PDF-1.4 bukti\n"
    assert media_backup(path=tmp_path / "lain.backup", media_root=tmp_path / "kosong") is None
