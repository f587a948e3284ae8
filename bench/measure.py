"""Timing, query counting and peak memory of one scenario.

A scenario normally runs once to warm up (imports, fonts, compiled templates are first-use costs,
not what a user waits for on a running server) while its SQL queries are counted, then ``repeat``
timed runs (the median is reported), then one more run under ``tracemalloc`` for the peak of Python
allocations: apart, because tracing slows Python code down several times.

Scenarios that write a whole regency or workbook take too long to run three times: they run once,
their queries counted in that run, and their memory is the growth of the process's resident set
(the kernel's high-water mark, reset before the run), which costs nothing to read.
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

MEMORY_METHODS = {
    "tracemalloc": "peak of Python allocations (tracemalloc) during one separate, untimed run; "
    "C-level allocations such as SQLite's page cache are not included",
    "rss": "growth of the resident set during the timed run: the kernel's high-water mark (VmHWM, reset "
    "through /proc/self/clear_refs) minus the resident set before it; includes C allocations",
}


@dataclass(frozen=True)
class Measurement:
    runs: tuple[float, ...]
    queries: int
    peak_bytes: int | None
    memory_method: str  # a key of MEMORY_METHODS, or "" when not measured

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def measure(
    fn: Callable[[], object], *, repeat: int, warm_up: bool = True, memory: str = "tracemalloc", collect: bool = True
) -> Measurement:
    """Measure ``fn``; ``memory`` is "tracemalloc", "rss" or "" (none).  ``collect`` runs the garbage
    collector before each timed run, so that one run does not pay for the garbage of the previous."""
    queries: int | None = None
    if warm_up:
        with CaptureQueriesContext(connection) as ctx:
            fn()
        queries = len(ctx.captured_queries)
    runs: list[float] = []
    peak: int | None = None
    for _ in range(max(1, repeat)):
        if collect:
            gc.collect()
        if queries is None:  # no warm-up: count the queries of the first timed run
            with CaptureQueriesContext(connection) as ctx:
                elapsed, grown = _timed(fn, rss=memory == "rss")
            queries = len(ctx.captured_queries)
        else:
            elapsed, grown = _timed(fn, rss=memory == "rss")
        runs.append(elapsed)
        if grown is not None:
            peak = max(peak or 0, grown)
    if memory == "tracemalloc":
        peak = _traced_peak(fn)
    return Measurement(tuple(runs), queries or 0, peak, memory if peak is not None else "")


def _timed(fn: Callable[[], object], *, rss: bool) -> tuple[float, int | None]:
    before = _rss_reset() if rss else None
    started = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - started
    if before is None:
        return elapsed, None
    high = _status_kb("VmHWM")
    return elapsed, None if high is None else max(0, high - before) * 1024


def _status_kb(key: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _rss_reset() -> int | None:
    """Reset the high-water mark to the current resident set and return that, in kB (Linux only)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return None
    return _status_kb("VmRSS")


def _traced_peak(fn: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
