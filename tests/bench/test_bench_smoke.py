"""``make bench`` in its quickest mode: it runs, and ``results.json`` has the promised structure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.context import Config
from bench.output import markdown_table, write_results
from bench.runner import run
from bench.scenarios import BUILD_TARGET, DOCUMENT_TARGET

ROOT = Path(__file__).resolve().parents[2]
STATUSES = {"ok", "pending", "skipped", "error"}
FIELDS = {
    "name", "title", "status", "reason", "rows", "queries", "wall_s", "runs_s", "peak_memory_mb", "memory_method",
    "bound", "bound_s", "ratio", "target", "limit_s", "queries_constant", "passed", "note", "load",
}  # fmt: skip


def test_quick_bench_writes_its_results(db, tmp_path) -> None:
    # PDF, HTML and CSV are left out for speed: the page tests render every format. The web scenarios need
    # a database another process can read (the test's is inside a transaction): see the test below.
    only = ("e81.build", "e81.json", "e81.xlsx", "bound.xlsx", "import", "e79")
    results = run(Config.quick_config(sizes=(5, 12), import_rows=30, only=only))
    data = json.loads(write_results(results, tmp_path / "results.json").read_text())

    assert {"generated_at", "machine", "config", "memory_methods", "time_method", "scenarios", "summary"} <= set(data)
    assert data["machine"]["cpus"] and data["machine"]["database"].startswith(("sqlite", "postgresql"))
    scenarios = {s["name"]: s for s in data["scenarios"]}
    for s in scenarios.values():
        assert set(s) == FIELDS and s["status"] in STATUSES
        assert s["reason"] if s["status"] != "ok" else s["wall_s"] > 0

    assert scenarios["synth.regency"]["rows"] == 2 * 20
    for size in (5, 12):
        sql, xlsx, build = (scenarios[f"{kind}.{size}"] for kind in ("bound.sql", "bound.xlsx", "e81.build"))
        assert sql["status"] == xlsx["status"] == build["status"] == "ok"
        assert sql["queries"] == 1 and xlsx["queries"] == 0
        assert build["rows"] == size and build["bound"] == [f"bound.sql.{size}"]
        assert build["ratio"] == round(build["wall_s"] / sql["wall_s"], 2)
        assert build["target"] == BUILD_TARGET and build["queries_constant"] is True
        assert build["passed"] is (build["ratio"] <= BUILD_TARGET)
        assert build["peak_memory_mb"] > 0
        # Excel is bounded by XlsxWriter writing the same formatted workbook (bench.replay)
        document = scenarios[f"bound.xlsx-doc.{size}"]
        assert document["status"] == "ok" and document["queries"] == 0, document["reason"]
        assert "XlsxWriter calls replayed" in document["note"]
        assert scenarios[f"e81.xlsx.{size}"]["target"] == DOCUMENT_TARGET
        assert scenarios[f"e81.xlsx.{size}"]["bound"] == [f"bound.sql.{size}", f"bound.xlsx-doc.{size}"]
    for name in ("e79.json", "e79.xlsx", "e79.json.small", "e79.xlsx.small"):
        assert scenarios[name]["status"] == "ok", scenarios[name]["reason"]
        assert scenarios[name]["queries_constant"] is True
    assert scenarios["e79.json"]["rows"] > scenarios["e79.json.small"]["rows"]
    assert scenarios["import.xlsx.30"]["status"] == "ok", scenarios["import.xlsx.30"]["reason"]
    assert data["summary"]["pending"] == [n for n, s in scenarios.items() if s["status"] == "pending"]
    assert "| e81.build.5 |" in markdown_table(results)


def _bench_env(tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'users.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "kinerja.settings",
    }
    env.pop("BENCH_DATABASE_URL", None)
    return env


def test_web_scenarios_load_a_real_server(tmp_path) -> None:
    """The entry page and a save under concurrent clients, against gunicorn on the bench's own database."""
    output = tmp_path / "results.json"
    command = [sys.executable, "-m", "bench", "--quick", "--only", "web", "--no-memory", "--output", str(output)]
    done = subprocess.run(command, cwd=ROOT, env=_bench_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    scenarios = {s["name"]: s for s in json.loads(output.read_text())["scenarios"]}
    for name in ("bound.web.ping", "web.entry", "web.save"):
        s = scenarios[name]
        assert s["status"] == "ok", s["reason"]
        assert s["load"]["errors"] == 0, s["load"]["first_error"]
        assert s["load"]["requests"] >= s["load"]["clients"] > 1
        assert s["wall_s"] == s["load"]["p50_ms"] / 1000 or abs(s["wall_s"] * 1000 - s["load"]["p50_ms"]) < 0.1
        assert s["load"]["p95_ms"] >= s["load"]["p50_ms"] > 0
    assert scenarios["web.entry"]["bound"] == ["bound.web.ping"] and scenarios["web.entry"]["ratio"] > 0
    assert scenarios["web.save"]["passed"] is True


def test_command_line_uses_its_own_database(tmp_path) -> None:
    """``python -m bench`` ignores DATABASE_URL: the user's database is never created or written."""
    users_db = tmp_path / "users.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{users_db}",
        "DJANGO_SETTINGS_MODULE": "kinerja.settings",
        "KINERJA_ALLOW_DEV_SECRET": "1",
    }
    env.pop("BENCH_DATABASE_URL", None)
    output = tmp_path / "results.json"
    command = [sys.executable, "-m", "bench", "--quick", "--only", "e81.build", "--no-memory", "--output", str(output)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert not users_db.exists()
    names = [s["name"] for s in json.loads(output.read_text())["scenarios"]]
    assert names == ["synth.regency", "bound.sql.20", "e81.build.20", "bound.sql.40", "e81.build.40"]
    assert "e81.build.20" in done.stdout


def test_health_answers_ok(client, db) -> None:
    """/sehat/: the load balancer's check and the web scenarios' lower bound."""
    response = client.get("/sehat/")
    assert response.status_code == 200 and response.content == b"ok\n"
