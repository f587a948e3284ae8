"""``results.json``, the table on screen (rich) and the same table in Markdown for docs/performance.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

RESULTS = Path(__file__).resolve().parent / "results.json"
COLUMNS = ("scenario", "rows", "queries", "median", "peak MB", "bound", "ratio", "target", "limit", "result")


def write_results(results: dict[str, Any], path: Path = RESULTS) -> Path:
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _seconds(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def _verdict(s: dict[str, Any]) -> str:
    if s["status"] != "ok":
        return str(s["status"])
    if s["passed"] is None:
        return "-"
    if s["passed"]:
        return "pass"
    return "OVER" if s["queries_constant"] is not False else "OVER (queries grow)"


def rows(results: dict[str, Any], *, reasons: bool = True) -> list[tuple[str, ...]]:
    """One tuple of display strings per scenario, in COLUMNS order."""
    out: list[tuple[str, ...]] = []
    for s in results["scenarios"]:
        if s["status"] in ("pending", "skipped", "error"):
            verdict = f"{s['status']}: {s['reason']}" if reasons else s["status"]
            out.append((s["name"], "", "", "", "", "", "", _num(s["target"]), _seconds(s.get("limit_s")), verdict))
            continue
        out.append(
            (
                s["name"],
                _num(s["rows"]),
                _num(s["queries"]),
                _seconds(s["wall_s"]),
                _num(s["peak_memory_mb"]) + (" (rss)" if s["memory_method"] == "rss" else ""),
                _seconds(s["bound_s"]),
                _num(s["ratio"]),
                _num(s["target"]),
                _seconds(s.get("limit_s")),
                _verdict(s),
            )
        )
    return out


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def print_table(results: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console(width=None if Console().is_terminal else 130)
    m = results["machine"]
    table = Table(
        title=f"Kinerja bench: {m['cpus']} CPU, Python {m['python']}, {m['database']}, "
        f"load average {_load(m.get('load_average_before'))} -> {_load(m.get('load_average_after'))}",
        caption=f"time: {results['time_method']}. Memory: "
        + "; ".join(f"{k}: {v}" for k, v in results["memory_methods"].items()),
    )
    for name in COLUMNS:
        table.add_column(name, justify="left" if name in ("scenario", "result") else "right", no_wrap=True)
    for values in rows(results, reasons=False):
        style = (
            "red" if values[-1].startswith("OVER") else ("dim" if values[-1].startswith(("pending", "skipped")) else "")
        )
        table.add_row(*values, style=style)
    console.print(table)
    for s in results["scenarios"]:
        if s["status"] != "ok":
            console.print(f"  {s['name']}: {s['status']}: {s['reason']}", style="dim", highlight=False)
    over = results["summary"]["over_target"]
    if over:
        console.print(f"[red]Over target:[/red] {', '.join(over)}")


def _load(values: list[float] | None) -> str:
    return "?" if not values else f"{values[0]:g}"


def markdown_table(results: dict[str, Any]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join("---" for _ in COLUMNS) + "|"]
    lines += ["| " + " | ".join(v.replace("|", "/") for v in values) + " |" for values in rows(results)]
    return "\n".join(lines)
