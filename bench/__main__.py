"""``python -m bench [--quick] [--repeat N] [--only NAME ...]``: run the benchmark on its own database.

Writes ``bench/results.json`` and prints the table; ``--markdown`` also prints it for docs/performance.md.
Exits 0 even when a scenario is over its target: the figures are the output, not a gate.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def _sizes(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip())


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--quick", action="store_true", help="tiny regency, one timed run: a smoke test")
    parser.add_argument("--repeat", type=int, help="timed runs per scenario (default 5, quick 1)")
    parser.add_argument("--agencies", type=int, help="PD in the synthetic regency (default 50)")
    parser.add_argument("--rows", type=int, help="indicator rows per PD of the regency (default 300)")
    parser.add_argument("--sizes", type=_sizes, help="rows of the one-agency reports, e.g. 300,500")
    parser.add_argument("--import-rows", type=int, help="rows of the imported workbook (default 10000)")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--only", nargs="+", default=[], help="scenarios whose name contains one of these")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--output", type=Path, help="where to write results.json (default bench/results.json)")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    parser.add_argument("--keep-db", action="store_true", help="keep the benchmark's database afterwards")
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="BENCH_DATABASE_URL only: reuse test_<name> if it exists and keep it (also BENCH_REUSE_DB=1)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    from bench.database import bench_database

    started = time.perf_counter()
    with bench_database(keep=args.keep_db, reuse=args.reuse_db) as where:
        from rich.console import Console

        from bench.context import Config
        from bench.output import RESULTS, markdown_table, print_table, write_results
        from bench.runner import run

        changes: dict[str, object] = {
            key: value
            for key, value in {
                "repeat": args.repeat,
                "agencies": args.agencies,
                "rows": args.rows,
                "sizes": args.sizes,
                "import_rows": args.import_rows,
                "seed": args.seed,
            }.items()
            if value is not None
        }
        changes["only"] = tuple(args.only)
        changes["memory"] = not args.no_memory
        config = Config.quick_config(**changes) if args.quick else Config(**changes)  # type: ignore[arg-type]
        console = Console(stderr=True)
        console.print(f"Database: {where}")
        results = run(config, log=lambda line: console.print(line, highlight=False))
    results["machine"]["elapsed_s"] = round(time.perf_counter() - started, 1)
    path = write_results(results, args.output or RESULTS)
    print_table(results)
    if args.markdown:
        print(markdown_table(results))
    print(f"Written: {path} ({results['machine']['elapsed_s']} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
