"""Run the scenarios of ``bench.scenarios`` and gather their results as plain data (``results.json``)."""

from __future__ import annotations

import datetime
import os
import platform
import sys
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import django
from django.db import connection

from bench.context import Bench, Config
from bench.measure import MEMORY_METHODS, measure
from bench.scenarios import Pending, Scenario, Skipped, scenario_list


@dataclass
class Result:
    name: str
    title: str
    status: str  # ok, pending, skipped, error
    reason: str = ""
    rows: int | None = None
    queries: int | None = None
    wall_s: float | None = None  # median of the timed runs
    runs_s: list[float] = field(default_factory=list)
    peak_memory_mb: float | None = None
    memory_method: str = ""  # a key of results["memory_methods"]
    bound: list[str] = field(default_factory=list)
    bound_s: float | None = None
    ratio: float | None = None
    target: float | None = None
    limit_s: float | None = None
    queries_constant: bool | None = None  # same count at every size of its family
    passed: bool | None = None  # None: nothing to pass (no target, or not measured)
    note: str = ""
    load: dict[str, Any] | None = None  # load scenarios: clients, requests, errors, p50_ms, p95_ms, wall_s


def run(config: Config, *, log: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Run every selected scenario on the current database; return the content of ``results.json``."""
    bench = Bench(config)
    load_before = _load_average()
    scenarios = _selected(scenario_list(config), config.only)
    results = []
    try:
        for scenario in scenarios:
            result = _run_one(bench, scenario)
            results.append(result)
            if log:
                log(f"{scenario.name:<24} {f'{result.wall_s:.4f} s' if result.wall_s is not None else result.status}")
    finally:
        bench.close()
    _judge(results, scenarios)
    # Other work on the machine slows every figure down: the load average says how quiet it was.
    load = {"load_average_before": load_before, "load_average_after": _load_average()}
    return {
        "generated_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine() | load,
        "config": asdict(config),
        "memory_methods": MEMORY_METHODS,
        "time_method": "median of `repeat` runs after one warm-up run, queries counted during the warm-up; "
        "scenarios that write (synth, import) run once, queries counted in that run",
        "scenarios": [asdict(r) for r in results],
        "summary": {
            "over_target": [r.name for r in results if r.passed is False],
            "pending": [r.name for r in results if r.status == "pending"],
            "skipped": [r.name for r in results if r.status == "skipped"],
            "errors": [r.name for r in results if r.status == "error"],
        },
    }


def _selected(scenarios: list[Scenario], only: tuple[str, ...]) -> list[Scenario]:
    if not only:
        return scenarios
    chosen = {s.name for s in scenarios if s.required or any(o in s.name for o in only)}
    chosen |= {b for s in scenarios if s.name in chosen for b in s.bounds}
    return [s for s in scenarios if s.name in chosen]


def _run_one(bench: Bench, scenario: Scenario) -> Result:
    result = Result(
        scenario.name,
        scenario.title,
        "ok",
        bound=list(scenario.bounds),
        target=scenario.target,
        limit_s=scenario.limit_s,
    )
    try:
        prepared = scenario.prepare(bench)
        memory = scenario.memory if bench.config.memory or scenario.memory == "rss" else ""
        repeat = scenario.repeat or bench.config.repeat
        m = measure(
            prepared.run, repeat=repeat, warm_up=scenario.warm_up, memory=memory, collect=not bench.config.quick
        )
    except Pending as exc:
        result.status, result.reason = "pending", str(exc)
        return result
    except Skipped as exc:
        result.status, result.reason = "skipped", str(exc)
        return result
    except Exception as exc:  # one broken scenario must not hide the figures of the others
        result.status, result.reason = "error", f"{type(exc).__name__}: {exc}"
        result.note = traceback.format_exc(limit=3)
        return result
    result.rows, result.queries, result.note = prepared.rows, m.queries, prepared.note
    result.wall_s = round(m.median, 6)
    result.runs_s = [round(t, 6) for t in m.runs]
    if prepared.load is not None:  # a load scenario: its time is the requests' median latency
        stats = prepared.load()
        result.load, result.note = stats.as_dict(), stats.note
        result.wall_s, result.queries = round(stats.p50_s, 6), None
    if m.peak_bytes is not None:
        result.peak_memory_mb = round(m.peak_bytes / 1_048_576, 2)
        result.memory_method = m.memory_method
    return result


def _judge(results: list[Result], scenarios: list[Scenario]) -> None:
    """Ratios to the bounds, constant query counts across sizes, and pass/fail against targets."""
    by_name = {r.name: r for r in results}
    family = {s.name: s.family for s in scenarios}
    counts: dict[str, set[int]] = {}
    for r in results:
        if family.get(r.name) and r.queries is not None:
            counts.setdefault(family[r.name], set()).add(r.queries)
    for r in results:
        if r.status != "ok":
            continue
        bound_times = [by_name[b].wall_s if b in by_name else None for b in r.bound]
        if r.bound and all(t is not None for t in bound_times):
            r.bound_s = round(sum(t for t in bound_times if t is not None), 6)
            r.ratio = round(r.wall_s / r.bound_s, 2) if r.wall_s is not None and r.bound_s else None
        sizes = counts.get(family.get(r.name, ""), set())
        if len(sizes) > 0 and family.get(r.name):
            r.queries_constant = len(sizes) == 1
        checks = []
        if r.target is not None and r.ratio is not None:
            checks.append(r.ratio <= r.target)
        if r.queries_constant is not None:
            checks.append(r.queries_constant)
        if r.limit_s is not None and r.wall_s is not None:
            checks.append(r.wall_s <= r.limit_s)
        if r.load is not None:
            checks.append(r.load["errors"] == 0)  # a load that failed requests did not pass, whatever its speed
        r.passed = all(checks) if checks else None


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "database": f"{connection.vendor} {_database_version()}",
        "commit": _commit(),
        "argv": " ".join(sys.argv),
    }


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _database_version() -> str:
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        return str(cursor.fetchone()[0]).split(",")[0]


def _commit() -> str | None:
    """The checked-out commit, read from ``.git`` (no git process), so results name the code measured."""
    git = Path(__file__).resolve().parent.parent / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if head.startswith("ref: "):
            ref = head[5:]
            path = git / ref
            if path.exists():
                return path.read_text().strip()[:12]
            for line in (git / "packed-refs").read_text().splitlines():
                if line.endswith(" " + ref):
                    return line[:12]
            return None
        return head[:12]
    except OSError:
        return None
