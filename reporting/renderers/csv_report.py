"""The E.81 rows as CSV for analysis elsewhere: one row per report line, every column.

Machine numbers ("11238069445", "99.45": point as decimal separator, no grouping); percentages
half-up to two decimals; blank where nothing applies or nothing was reported.  Each line carries
its place in the tree (Sasaran, Program, Kegiatan, Sub Kegiatan) so it can be filtered alone.
UTF-8 with a byte-order mark, so that Excel reads the Indonesian text correctly.  Text that
starts with "=", "+", "-", "@" is prefixed with "'" so that a spreadsheet never runs it.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from domain.evaluation import Cell, ReportRow
from domain.types import Level
from reporting.formatting import percent_machine, plain
from reporting.labels import AGGREGATION, COLUMN, DIRECTION, LEVEL
from reporting.renderers.layout import DEFAULT_PAPER
from reporting.report import Report

_PATH = (Level.OBJECTIVE, Level.PROGRAM, Level.ACTIVITY, Level.SUB_ACTIVITY)
# (column label, ReportRow attribute or quarter index, is a percentage)
_FIGURES: tuple[tuple[str, str | int, bool], ...] = (
    (COLUMN["5"], "strategic_target", False),
    (COLUMN["6"], "prior_realization", False),
    (COLUMN["7"], "annual_target", False),
    (COLUMN["8"], 0, False),
    (COLUMN["9"], 1, False),
    (COLUMN["10"], 2, False),
    (COLUMN["11"], 3, False),
    (COLUMN["12"], "annual_realization", False),
    (COLUMN["12/7"], "annual_achievement", True),
    (COLUMN["13"], "cumulative_realization", False),
    (COLUMN["14"], "cumulative_achievement", True),
)
HEADER = (
    "No",
    "Tingkat",
    "Kode",
    *(LEVEL[level] for level in _PATH),
    "Indikator",
    "Satuan",
    "Arah",
    "Agregasi triwulan",
    "Agregasi bawaan",
    *(f"{label} {measure}{' (%)' if pct else ''}" for label, _, pct in _FIGURES for measure in ("K", "Rp")),
    "PD penanggung jawab",
    "Sumber dana",
    "Faktor pendorong",
    "Faktor penghambat",
    "Status dokumen",
)
_UNSAFE = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str | None) -> str:
    """Text a spreadsheet cannot mistake for a formula."""
    if not text:
        return ""
    return "'" + text if text.startswith(_UNSAFE) else text


def _number(value: Decimal | None, is_percent: bool) -> str:
    if value is None:
        return ""
    return (percent_machine(value) or "") if is_percent else plain(value)


def _figure(line: ReportRow, source: str | int) -> Cell:
    if isinstance(source, int):
        return line.quarters[source]
    cell: Cell = getattr(line, source)
    return cell


def _row(line: ReportRow, path: dict[Level, str]) -> list[str]:
    ind = line.indicator
    cells = [
        line.number,
        LEVEL[line.level],
        safe_text(line.row.code),
        *(safe_text(path.get(level)) for level in _PATH),
        safe_text(ind.name if ind else None),
        safe_text(ind.unit if ind else None),
        DIRECTION[ind.direction] if ind else "",
        AGGREGATION[ind.aggregation] if ind else "",
        ("ya" if ind.aggregation_is_default else "tidak") if ind else "",
    ]
    for _, source, is_percent in _FIGURES:
        cell = _figure(line, source)
        cells += [_number(cell.value, is_percent), _number(cell.budget, is_percent)]
    cells += [
        safe_text(line.row.responsible_unit),
        safe_text(line.row.funding_source),
        safe_text(ind.drivers if ind else None),
        safe_text(ind.obstacles if ind else None),
    ]
    return cells


def render_csv(report: Report, *, paper: str = DEFAULT_PAPER) -> bytes:
    """``paper`` is accepted for a uniform renderer signature and ignored."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    status = report.status_line  # the approval and its hash on every line, so a line read alone still says it
    path: dict[Level, str] = {}
    for line in report.evaluation.rows:
        if line.first_of_row:
            depth = _PATH.index(line.level)
            path = {level: name for level, name in path.items() if _PATH.index(level) < depth}
            path[line.level] = line.row.name
        writer.writerow([*_row(line, path), status])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
