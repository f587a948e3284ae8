"""Point 9 of issue 8: writers on SQLite queue instead of failing with "database is locked"."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from decimal import Decimal
from pathlib import Path

import pytest

from tests.ops.processes import hold_write_lock, write_values

PROCESSES = 10
WRITES = 30
IMPORT_SECONDS = 6  # a large import holds the write lock this long; longer than SQLite's default wait of 5 s


@pytest.mark.slow
def test_ten_processes_writing_through_the_service_all_succeed_and_are_stored(demo_sqlite: Path) -> None:
    """Ten request-like writers start while an import holds the write lock, and go on writing."""
    ctx = multiprocessing.get_context("spawn")
    manager = ctx.Manager()
    start, locked = manager.Event(), manager.Event()
    with ctx.Pool(PROCESSES + 1) as pool:
        pending = [pool.apply_async(write_values, (str(demo_sqlite), slot, WRITES, start)) for slot in range(PROCESSES)]
        importer = pool.apply_async(hold_write_lock, (str(demo_sqlite), IMPORT_SECONDS, locked))
        assert locked.wait(timeout=120)
        time.sleep(0.5)  # every writer is set up and waiting for the signal
        began = time.monotonic()
        start.set()
        results = [p.get(timeout=300) for p in pending]
        elapsed = time.monotonic() - began
        importer.get(timeout=60)

    errors = [e for r in results for e in r["errors"]]
    acknowledged = sum(len(r["acknowledged"]) for r in results)
    print(f"\n{PROCESSES} writers x {WRITES}: {acknowledged} acknowledged, {len(errors)} errors, {elapsed:.1f} s")
    assert errors == []

    db = sqlite3.connect(demo_sqlite)
    for r in results:
        stored = db.execute(
            "SELECT value FROM planning_realization WHERE indicator_id = ? AND year = 2021 AND quarter = 1",
            (r["indicator"],),
        ).fetchone()
        assert Decimal(str(stored[0])) == Decimal(r["acknowledged"][-1])
        audited = [
            row[0]
            for row in db.execute(
                "SELECT json_extract(after, '$.value') FROM audit_auditevent"
                " WHERE action = 'realization_set' AND object_id = ? AND reason = 'uji' ORDER BY id",
                (str(r["indicator"]),),
            )
        ]
        assert audited == r["acknowledged"]
