"""``python -m bench --reuse-db``: the province's data survives the run, and the next run loads nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.database import bench_database
from tests.conftest import postgresql_url

ROOT = Path(__file__).resolve().parents[2]


def test_reuse_needs_a_server_database(monkeypatch) -> None:
    monkeypatch.delenv("BENCH_DATABASE_URL", raising=False)
    with pytest.raises(SystemExit, match="BENCH_DATABASE_URL"), bench_database(reuse=True):
        pass


def _on_server(database: str) -> str:
    """The URL of ``database`` on the suite's PostgreSQL server, with its credentials."""
    url = postgresql_url()
    assert url, "marked postgresql: runs only on the PostgreSQL pass"
    return url.rsplit("/", 1)[0] + "/" + database


def _run(tmp_path: Path, name: str) -> dict[str, dict[str, object]]:
    env = {
        **os.environ,
        "BENCH_DATABASE_URL": _on_server("kinerja_reuse_check"),
        "BENCH_PROVINCE": "1x2x5",
        "KINERJA_ALLOW_DEV_SECRET": "1",
    }
    env.pop("DATABASE_URL", None)
    output = tmp_path / f"{name}.json"
    command = [
        sys.executable, "-m", "bench", "--quick", "--reuse-db", "--only", "province.rollup", "--no-memory",
        "--agencies", "1", "--rows", "5", "--output", str(output),
    ]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "reused" in done.stderr
    return {s["name"]: s for s in json.loads(output.read_text())["scenarios"]}


@pytest.mark.postgresql
def test_a_second_run_reuses_the_province(tmp_path) -> None:
    import psycopg

    admin = _on_server("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS test_kinerja_reuse_check")
    try:
        first = _run(tmp_path, "first")["province.rollup"]
        assert first["status"] == "ok" and "2 PD loaded first" in str(first["note"])
        second = _run(tmp_path, "second")["province.rollup"]
        assert second["status"] == "ok" and "loaded first" not in str(second["note"])
        assert second["queries"] == first["queries"]
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS test_kinerja_reuse_check")
