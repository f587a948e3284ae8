"""The E.81 rows as CSV: one row per report line, every column, in two dialects.

- ``csv``, the portable one for analysis elsewhere: comma-separated, machine numbers ("11238069445",
  "99.45": point as decimal separator, no grouping), UTF-8 without a byte-order mark.
- ``csv-id``, for an Excel set to Indonesian (which splits on ";" and reads "99,45"): semicolons,
  comma decimals, no grouping, UTF-8 with a byte-order mark so that Excel reads the text as UTF-8;
  a realised 0 is "-" as people write it (the portable CSV keeps 0).

Both start with a header naming the form, the PD, the pemda, the quarter, the Renja version and the
status (a line "key, value" each), then an empty line and the table; the average and the predikat
follow the rows.  Percentages are half-up to two decimals; blank where nothing applies or nothing
was reported.  Each line carries its place in the tree (Sasaran, Program, Kegiatan, Sub Kegiatan) so
it can be filtered alone.  Text that starts with "=", "+", "-", "@" is prefixed with "'" so that a
spreadsheet never runs it.  The findings are a CSV of their own (``render_findings_csv``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from domain.evaluation import Cell, ReportRow
from domain.types import Level
from reporting.finding_text import finding_message
from reporting.formatting import percent_machine, plain
from reporting.labels import AGGREGATION, COLUMN, DIRECTION, LEVEL, SEVERITY
from reporting.renderers.layout import DASH, DEFAULT_PAPER
from reporting.report import Report

_PATH = (Level.OBJECTIVE, Level.PROGRAM, Level.ACTIVITY, Level.SUB_ACTIVITY)
# (column label, ReportRow attribute or quarter index, is a percentage, is a realisation)
_FIGURES: tuple[tuple[str, str | int, bool, bool], ...] = (
    (COLUMN["5"], "strategic_target", False, False),
    (COLUMN["6"], "prior_realization", False, True),
    (COLUMN["7"], "annual_target", False, False),
    (COLUMN["8"], 0, False, True),
    (COLUMN["9"], 1, False, True),
    (COLUMN["10"], 2, False, True),
    (COLUMN["11"], 3, False, True),
    (COLUMN["12"], "annual_realization", False, True),
    (COLUMN["12/7"], "annual_achievement", True, False),
    (COLUMN["13"], "cumulative_realization", False, True),
    (COLUMN["14"], "cumulative_achievement", True, False),
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
    *(f"{label} {measure}{' (%)' if pct else ''}" for label, _, pct, _ in _FIGURES for measure in ("K", "Rp")),
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


@dataclass(frozen=True)
class Dialect:
    delimiter: str
    decimal: str
    bom: bool
    dash_zero: bool  # a realised 0 written "-"

    def number(self, value: Decimal | None, is_percent: bool, realized: bool = False) -> str:
        if value is None:
            return ""
        if realized and self.dash_zero and value == 0:
            return DASH
        text = (percent_machine(value) or "") if is_percent else plain(value)
        return text.replace(".", self.decimal)

    def encode(self, text: str) -> bytes:
        return (("\ufeff" if self.bom else "") + text).encode("utf-8")


PORTABLE = Dialect(",", ".", bom=False, dash_zero=False)
INDONESIAN = Dialect(";", ",", bom=True, dash_zero=True)


def _figure(line: ReportRow, source: str | int) -> Cell:
    if isinstance(source, int):
        return line.quarters[source]
    cell: Cell = getattr(line, source)
    return cell


def _row(line: ReportRow, path: dict[Level, str], dialect: Dialect) -> list[str]:
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
    for _, source, is_percent, realized in _FIGURES:
        cell = _figure(line, source)
        cells += [dialect.number(cell.value, is_percent, realized), dialect.number(cell.budget, is_percent, realized)]
    cells += [
        safe_text(line.row.responsible_unit),
        safe_text(line.row.funding_source),
        safe_text(ind.drivers if ind else None),
        safe_text(ind.obstacles if ind else None),
    ]
    return cells


def preamble(report: Report) -> list[list[str]]:
    """The lines above the table: what the file is, whose, of which quarter, Renja version and status."""
    ctx = report.context
    return [
        ["Formulir", safe_text(f"{report.form} {report.title}")],
        ["Perangkat Daerah", safe_text(ctx.agency.name)],
        ["Pemda", safe_text(ctx.region.name)],
        ["Periode", report.period],
        ["Renja", safe_text(ctx.work_plan.title)],
        ["Status", safe_text(report.status_line)],
    ]


def _write(rows: list[list[str]], dialect: Dialect) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=dialect.delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    return dialect.encode(out.getvalue())


def table_rows(report: Report, dialect: Dialect) -> list[list[str]]:
    status = report.status_line  # the approval and its hash on every line, so a line read alone still says it
    rows = [*preamble(report), [], list(HEADER)]
    path: dict[Level, str] = {}
    for line in report.evaluation.rows:
        if line.first_of_row:
            depth = _PATH.index(line.level)
            path = {level: name for level, name in path.items() if _PATH.index(level) < depth}
            path[line.level] = line.row.name
        rows.append([*_row(line, path, dialect), status])
    ev = report.evaluation
    rows += [
        [],
        ["Rata-rata capaian kinerja (%)", dialect.number(ev.average, True) or DASH],
        ["Predikat kinerja", ev.rating or DASH],
    ]
    return rows


def _render(dialect: Dialect) -> Callable[..., bytes]:
    def render(report: Report, *, paper: str = DEFAULT_PAPER, annex: bool = True) -> bytes:
        """``paper`` and ``annex`` are accepted for a uniform renderer signature and ignored."""
        return _write(table_rows(report, dialect), dialect)

    return render


render_csv = _render(PORTABLE)
render_csv_id = _render(INDONESIAN)

FINDINGS_HEADER = ("No", "Tingkat", "Kode temuan", "Baris", "Indikator", "Kolom", "Uraian")


def render_findings_csv(report: Report, *, paper: str = DEFAULT_PAPER, annex: bool = True) -> bytes:
    """The findings as printed in the annex, ranked as the core gives them, for an Excel set to
    Indonesian (the ``csv-id`` dialect): the same preamble, then one finding a line."""
    rows = [*preamble(report), [], list(FINDINGS_HEADER)]
    for i, f in enumerate(report.evaluation.findings, 1):
        column = " ".join(p for p in (f.column, f.measure) if p)
        rows.append(
            [
                str(i),
                SEVERITY[f.severity],
                f.code.value,
                safe_text(f.row),
                safe_text(f.indicator),
                safe_text(column),
                safe_text(finding_message(f)),
            ]
        )
    return _write(rows, INDONESIAN)
