"""Read right or refuse: what the parse placed, checked against the sheet before anything is written.

A hand-made layout the importer does not understand is rarely refused by the parse itself: its names
slide into the indicator column, its figures into the wrong form column or nowhere, and the import
would report success.  This stage compares what was read with the sheet it came from:

1. **every numeric cell** of the table (under a figure column or a column the header does not name)
   is either a figure placed in a form column or listed as unplaced, with its address (``E81!P9``);
   a column the map stage marks ``helper`` (the sheet's own "Kinerja" / "Keuangan" ratios) is
   known and not placed;
2. **the printed totals are recomputed** from the placed inputs: column 12 from the quarters (Rp:
   their sum; K: any of SUM / LAST / MAX / AVG), 13 from 12 (and 6), 14 from 13 / 5, 12/7 from
   12 / 7, and a quarter after the report's quarter holds nothing;
3. **names where an indicator or a satuan belongs**: a program or kegiatan name read as an
   indicator, a name-like text read as a satuan.

A sheet with unplaced numbers, with names in those columns, or whose lines mostly do not reconcile
is refused (``Reconciliation.problems`` are errors, naming sheet, column and rows, and pointing at
the mapping step); nothing is written, dry run included.  A sheet read right keeps its real
inconsistencies: the report's findings show them, as before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from domain.types import Level
from imports.cells import Kind, Token, tokenize
from imports.nomenclature import Nomenclature
from imports.problems import Problem, Severity, column_letter
from imports.stages.locate.layout import MEASURE_LABELS, MainHeader, norm
from imports.stages.locate.sheet_join import JoinedSheets
from imports.stages.locate.workbook_sections import MainTable
from imports.stages.place.main_table import Line
from imports.stages.place.placement import Group

NUMERIC = (Kind.NUMBER, Kind.NUMBER_UNIT, Kind.PERCENT, Kind.DASH)
TEXT_ROLES = frozenset(
    {"no", "code", "objective", "name", "indicator", "unit", "funding", "responsible", "drivers", "obstacles", "note"}
    | {"aggregation"}
)
QUARTERS = ("q1", "q2", "q3", "q4")
NAME_WORDS = ("program ", "kegiatan ", "sub kegiatan ", "subkegiatan ")
NAME_LEVELS = (Level.PROGRAM, Level.ACTIVITY, Level.SUB_ACTIVITY)
MAPPING_HINT = (
    "periksa arti setiap kolom di langkah pemetaan kolom (halaman impor: 'Petakan kolom'; baris perintah: "
    "--dry-run --save-mapping BERKAS, lalu --mapping BERKAS), lalu uji coba lagi"
)
# Lines that fail a recomputed total, as a share of the lines with a total to check, above which the
# sheet is taken as misread rather than as a sheet with a few real inconsistencies.
MOSTLY = Decimal("0.5")


@dataclass(frozen=True)
class SheetCell:
    sheet: str
    row: int
    column: int
    text: str
    grid_column: int = 0  # the column in the table as read (two sheets joined: another than ``column``)

    @property
    def key(self) -> int:
        return self.grid_column or self.column

    @property
    def address(self) -> str:
        """``Evaluasi!P9``: the spreadsheet's own name of the cell."""
        return f"{self.sheet}!{column_letter(self.column)}{self.row}"


@dataclass(frozen=True)
class Mismatch:
    """A printed total that the placed inputs do not give."""

    row: int
    column: int | None
    measure: str  # "12", "13", "14", "12/7", or a quarter for a figure after the report's quarter
    sub: str  # "K" or "Rp"
    printed: Decimal | None
    expected: str  # what the inputs give, in words

    @property
    def field(self) -> str:
        return f"{MEASURE_LABELS.get(self.measure, self.measure)} {self.sub}"


@dataclass(frozen=True)
class MisplacedText:
    row: int
    column: int | None
    role: str  # "indicator" or "unit": where the text landed
    text: str


@dataclass
class Reconciliation:
    sheet: str
    header_labels: dict[int, str] = field(default_factory=dict)  # column -> its header text, joined
    unknown_columns: set[int] = field(default_factory=set)  # labelled, but not as any column of the form
    placed: int = 0
    unplaced: list[SheetCell] = field(default_factory=list)
    helper: list[SheetCell] = field(default_factory=list)
    lines_checked: int = 0
    lines_failed: int = 0
    checks: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)
    misplaced: list[MisplacedText] = field(default_factory=list)
    future: list[Mismatch] = field(default_factory=list)  # figures in a quarter after the report's
    ambiguous: list[int] = field(default_factory=list)  # shifted rows that reconcile only placed otherwise
    join: JoinedSheets | None = None  # performance and budget on two sheets: the places translated back

    @property
    def mostly_unreconciled(self) -> bool:
        return self.lines_checked >= 2 and Decimal(self.lines_failed) > MOSTLY * self.lines_checked

    @property
    def refused(self) -> bool:
        return bool(self.unplaced or self.misplaced or self.future or self.ambiguous or self.mostly_unreconciled)

    @property
    def summary(self) -> str:
        return (
            f"{self.placed} angka ditempatkan, {len(self.unplaced)} tidak ditempatkan"
            + (f", {len(self.helper)} di kolom bantu" if self.helper else "")
            + f"; {self.lines_checked - self.lines_failed} dari {self.lines_checked} baris cocok dengan total "
            "tercetaknya"
        )

    def problems(self) -> list[Problem]:
        """Errors naming each column and its rows when the sheet is refused; one note otherwise.  On two
        joined sheets each names the sheet and the cell it is really about."""
        out = self._problems()
        return [self.join.problem(p) for p in out] if self.join is not None else out

    def _problems(self) -> list[Problem]:
        if not self.refused:
            return [Problem(f"rekonsiliasi: {self.summary}", sheet=self.sheet, severity=Severity.INFO)]
        out: list[Problem] = []
        out.extend(self._unplaced_problems())
        out.extend(self._misplaced_problems())
        out.extend(self._future_problems())
        if self.ambiguous:
            out.append(
                Problem(
                    f"angka di {_rows_text(self.ambiguous)} bergeser dari kolomnya dan dapat ditempatkan lebih dari "
                    "satu cara; hanya cara lain yang cocok dengan total tercetak (kolom 12, 13, 14)",
                    sheet=self.sheet,
                )
            )
        if self.mostly_unreconciled:
            out.extend(self._mismatch_problems())
        out.append(
            Problem(
                f"berkas tidak disimpan: isinya tidak terbaca dengan pasti ({self.summary}); {MAPPING_HINT}",
                sheet=self.sheet,
            )
        )
        return out

    def _label(self, column: int) -> str:
        text = self.header_labels.get(column, "")
        return f"label {text[:40]!r}" if text else "tanpa label"

    def _unplaced_problems(self) -> Iterable[Problem]:
        by_column: dict[int, list[SheetCell]] = defaultdict(list)
        for cell in self.unplaced:
            by_column[cell.key].append(cell)
        for column, cells in sorted(by_column.items()):
            shown = ", ".join(f"{c.address} {c.text[:20]!r}" for c in cells[:4])
            more = f" dan {len(cells) - 4} lagi" if len(cells) > 4 else ""
            if column in self.unknown_columns:
                why = "label kolom ini tidak dikenali sebagai kolom formulir E.81"
            elif self.header_labels.get(column):
                why = "angka di baris itu tidak dapat dipasangkan dengan kolom formulir E.81"
            else:
                why = "kolom ini tidak punya label di kepala tabel"
            out_rows = _rows_text(c.row for c in cells)
            yield Problem(
                f"{len(cells)} angka tidak ditempatkan di kolom formulir mana pun ({self._label(column)}; "
                f"{out_rows}): {shown}{more}; {why}",
                sheet=self.sheet,
                column=column,
            )

    def _misplaced_problems(self) -> Iterable[Problem]:
        groups: dict[tuple[str, int | None], list[MisplacedText]] = defaultdict(list)
        for item in self.misplaced:
            groups[(item.role, item.column)].append(item)
        for (role, column), items in groups.items():
            example = items[0].text[:60]
            where = "indikator" if role == "indicator" else "satuan"
            what = (
                "nama program/kegiatan/sub kegiatan"
                if role == "indicator"
                else "teks yang tampaknya nama, bukan satuan"
            )
            yield Problem(
                f"{len(items)} sel terbaca sebagai {where} padahal berisi {what} ({_rows_text(i.row for i in items)}; "
                f"mis. {example!r}): kolom nama dan kolom {where} tidak dikenali dengan benar",
                sheet=self.sheet,
                column=column,
                field="Indikator" if role == "indicator" else "Satuan",
            )

    def _future_problems(self) -> Iterable[Problem]:
        for mismatch in self.future[:8]:
            yield Problem(
                f"angka {_plain(mismatch.printed or Decimal(0))} terbaca sebagai realisasi triwulan yang belum "
                f"terjadi ({mismatch.expected}): angka kemungkinan bergeser dari kolomnya",
                sheet=self.sheet,
                row=mismatch.row,
                column=mismatch.column,
                field=mismatch.field,
            )

    def _mismatch_problems(self) -> Iterable[Problem]:
        yield Problem(
            f"{self.lines_failed} dari {self.lines_checked} baris tidak cocok dengan total yang tercetak di "
            "baris itu (kolom 12, 13, 14): angka kemungkinan terbaca di kolom yang salah",
            sheet=self.sheet,
        )
        for mismatch in self.mismatches[:8]:
            printed = "kosong" if mismatch.printed is None else _plain(mismatch.printed)
            yield Problem(
                f"tercetak {printed}, dari angka yang terbaca {mismatch.expected}",
                sheet=self.sheet,
                row=mismatch.row,
                column=mismatch.column,
                field=mismatch.field,
            )
        if len(self.mismatches) > 8:
            yield Problem(f"... dan {len(self.mismatches) - 8} selisih lagi", sheet=self.sheet)


def reconcile(
    table: MainTable,
    rows: list[list[object]],
    lines: list[Line],
    *,
    quarter: int | None,
    nomenclature: Nomenclature | None = None,
    helper_columns: Iterable[int] = (),
) -> Reconciliation:
    """Compare what ``lines`` placed with the table's cells in ``rows`` (the sheet's rows, 0-based list)."""
    header = table.header
    rows = table.rows(rows)  # two sheets joined: the grid of both, each cell's own place kept by ``join``
    result = Reconciliation(sheet=header.sheet, header_labels=_header_labels(table, rows), join=table.join)
    # helper columns: the map stage's (a ColumnMap's "helper") and those the header itself marks
    helpers = set(helper_columns) | {c for c, role in header.roles.items() if role in ("helper", "ignore")}
    _account_cells(result, header, rows, lines, table, helpers)
    for line in lines:
        _check_line(result, line, quarter)
    _check_texts(result, lines, nomenclature or Nomenclature())
    return result


# -- 1. every numeric cell placed or listed ---------------------------------------------------


def _placed_cells(line: Line) -> set[int]:
    return {t.column for g in line.chosen.values() for t in (g.k, g.rp) if t is not None}


def _account_cells(
    result: Reconciliation,
    header: MainHeader,
    rows: list[list[object]],
    lines: list[Line],
    table: MainTable,
    helpers: set[int],
) -> None:
    by_row = {line.row: line for line in lines}
    text_columns = {c for c, role in header.roles.items() if role in TEXT_ROLES}
    left = min(header.roles, default=1)
    first_value = header.first_value_column or left
    # a column whose header has a label the importer does not know: a figure there was placed by a guess
    unknown = {c for c, text in result.header_labels.items() if text and c not in header.roles and c > left}
    result.unknown_columns = unknown
    for number, _cells in table.section.rows:
        if number <= header.last_row:
            continue
        cells = rows[number - 1] if number - 1 < len(rows) else []
        line = by_row.get(number)
        placed = _placed_cells(line) if line is not None else set()
        numeric: dict[int, Token] = {}
        for index, cell in enumerate(cells):
            column = index + 1
            if cell is None or cell == "":
                continue
            if column in placed and column not in unknown and column not in helpers:
                result.placed += 1  # read by the parse: no need to read the cell again
                continue
            if column < left or (column in text_columns and column not in placed):
                continue  # a No, a code or a number written as a name: the text columns' business
            if column < first_value and column not in unknown:
                continue  # the text area (a Kode split over cells "03 | 01 | 01"): read as texts, not figures
            token = tokenize(cell, column, table.convention)
            if token.kind in NUMERIC:
                numeric[column] = token
        for column, token in numeric.items():
            if column in helpers:
                result.helper.append(_sheet_cell(table, number, column, token.text))
                continue
            if column in placed and column not in unknown:
                result.placed += 1
                continue
            if _read_once(token, numeric, placed, cells, table):
                continue  # "50 kop | 50 kop": printed twice side by side, read once (a warning says so)
            result.unplaced.append(_sheet_cell(table, number, column, token.text))


def _sheet_cell(table: MainTable, row: int, column: int, text: str) -> SheetCell:
    """The cell at (row, column) of the table as read, named by its own sheet and address."""
    if table.join is None:
        return SheetCell(table.header.sheet, row, column, text)
    sheet, own_row, own_column = table.join.where(row, column)
    return SheetCell(sheet, own_row or row, own_column or column, text, grid_column=column)


def _read_once(
    token: Token, numeric: dict[int, Token], placed: set[int], cells: list[object], table: MainTable
) -> bool:
    left = token.column - 1
    if left not in placed or left - 1 >= len(cells):
        return False
    twin = numeric.get(left) or tokenize(cells[left - 1], left, table.convention)
    return twin.text == token.text


# -- 2. the printed totals recomputed -----------------------------------------------------------


def _value(group: Group | None, sub: str) -> Decimal | None:
    if group is None:
        return None
    return group.k_value if sub == "K" else group.rp_value


def _column(group: Group | None, sub: str) -> int | None:
    if group is None:
        return None
    token = group.k if sub == "K" else group.rp
    return token.column if token is not None else group.first_column


_RATIO_ROUNDING, _RATIO_SHARE = Decimal("0.51"), Decimal("0.005")
_SUM_ROUNDING, _SUM_SHARE = Decimal("0.011"), Decimal("0.000001")


def _close(a: Decimal, b: Decimal, *, ratio: bool) -> bool:
    """Equal as printed: sums within a rounding of their last places, ratios within a printed rounding."""
    if ratio:
        return abs(a - b) <= max(_RATIO_ROUNDING, abs(b) * _RATIO_SHARE)
    return abs(a - b) <= max(_SUM_ROUNDING, abs(b) * _SUM_SHARE)


def _aggregates(values: list[Decimal]) -> list[Decimal]:
    if not values:
        return []
    total = sum(values, Decimal(0))
    return [total, values[-1], max(values), total / len(values)]


def _check_totals(chosen: dict[str, Group], *, grid: bool, row: int) -> tuple[int, list[Mismatch]]:
    """How many printed totals of one line's placement were checked, and those its inputs do not give."""
    checks = 0
    out: list[Mismatch] = []

    def compare(
        measure: str, sub: str, options: list[Decimal], words: str, shown: int = 0, ratio: bool = False
    ) -> None:
        """``words`` and ``options[shown]`` say what the inputs give (formatted only for a mismatch)."""
        nonlocal checks
        group = chosen.get(measure)
        printed = _value(group, sub)
        if printed is None or not options:
            return
        checks += 1
        if not any(_close(printed, o, ratio=ratio) for o in options):
            expected = f"{words} {_plain(options[shown])}"
            out.append(Mismatch(row, _column(group, sub), measure, sub, printed, expected))

    shared = _ratio_is_shared(chosen.get("14"), grid)
    for sub in ("K", "Rp"):
        quarters = [v for q in QUARTERS if (v := _value(chosen.get(q), sub)) is not None]
        if quarters:
            options = [sum(quarters, Decimal(0))] if sub == "Rp" else _aggregates(quarters)
            compare("12", sub, options, "jumlah triwulan" if sub == "Rp" else "agregat triwulan")
        twelve, prior = _value(chosen.get("12"), sub), _value(chosen.get("6"), sub)
        if twelve is not None:
            options = [twelve] + ([prior + twelve, max(prior, twelve)] if prior is not None else [])
            compare("13", sub, options, "kolom 12 + 6" if prior is not None else "kolom 12", len(options) // 2)
        target, renja = _value(chosen.get("5"), sub), _value(chosen.get("7"), sub)
        thirteen = _value(chosen.get("13"), sub)
        if thirteen is not None and target and not shared:
            compare("14", sub, _ratios(thirteen, target), "13/5 x 100% =", ratio=True)
        if twelve is not None and renja and not shared:
            compare("12/7", sub, _ratios(twelve, renja), "12/7 x 100% =", ratio=True)
    if shared:  # a lone figure in column 14 of a shifted line: the Rp's ratio or the K's
        group = chosen["14"]
        options = [
            ratio
            for sub in ("K", "Rp")
            if (thirteen := _value(chosen.get("13"), sub)) is not None and (target := _value(chosen.get("5"), sub))
            for ratio in _ratios(thirteen, target)
        ]
        if group.k_value is not None and options:
            checks += 1
            if not any(_close(group.k_value, o, ratio=True) for o in options):
                out.append(
                    Mismatch(
                        row, group.first_column, "14", "K/Rp", group.k_value, f"13/5 x 100% = {_plain(options[0])}"
                    )
                )
    return checks, out


def _ratios(realised: Decimal, target: Decimal) -> list[Decimal]:
    """An achievement as a sheet may print it: realised / target, or for an indicator where less is better
    (DOMAIN.md's negative formulas) 2 - realised / target or target / realised."""
    ratio = realised / target * 100
    out = [ratio, 200 - ratio]
    if realised:
        out.append(target / realised * 100)
    return out


def _future_quarters(line: Line, quarter: int | None) -> list[Mismatch]:
    """Figures in a quarter after the report's: a realisation not yet possible, so a misplaced figure."""
    out: list[Mismatch] = []
    for q in QUARTERS[quarter or 4 :]:
        group = line.chosen.get(q)
        if group is not None and (group.k_value or group.rp_value):
            sub = "K" if group.k_value else "Rp"
            expected = f"laporan triwulan {quarter}"
            out.append(Mismatch(line.row, _column(group, sub), q, sub, _value(group, sub), expected))
    return out


def _check_line(result: Reconciliation, line: Line, quarter: int | None) -> None:
    checks, mismatches = _check_totals(line.chosen, grid=line.grid, row=line.row)
    result.checks += checks
    result.mismatches.extend(mismatches)
    future = _future_quarters(line, quarter)
    result.future.extend(future)
    if checks:
        result.lines_checked += 1
        result.lines_failed += int(bool(mismatches))
    if len(mismatches) >= 2 and not line.grid:
        # a shifted line placed one way fails several totals, placed another way it passes them all: a
        # guess, not a reading (one failed total alone is more often the sheet's own slip)
        for _cost, option in line.options:
            if option is line.chosen:
                continue
            n, wrong = _check_totals(option, grid=False, row=line.row)
            if n and not wrong:
                result.ambiguous.append(line.row)
                break


def _ratio_is_shared(group: Group | None, grid: bool) -> bool:
    return group is not None and not grid and group.rp is None and group.k is not None


# -- 3. names where an indicator or a satuan belongs ----------------------------------------------


def _looks_like_name(text: str, nomenclature: Nomenclature) -> bool:
    t = norm(text)
    if t.startswith(NAME_WORDS):
        return True
    match = nomenclature.match(text)
    return match is not None and match.ratio >= 0.9 and match.known.level in NAME_LEVELS


def _check_texts(result: Reconciliation, lines: list[Line], nomenclature: Nomenclature) -> None:
    for line in lines:
        if line.indicator and _looks_like_name(line.indicator, nomenclature):
            result.misplaced.append(
                MisplacedText(line.row, line.text_columns.get("indicator"), "indicator", line.indicator)
            )
        units = [line.unit] if line.unit else []
        units += [g.unit for g in line.chosen.values() if g.unit and g.unit not in units]
        for unit in units:
            if len(unit) > 30 or len(unit.split()) >= 4 or _looks_like_name(unit, nomenclature):
                result.misplaced.append(MisplacedText(line.row, line.text_columns.get("unit"), "unit", unit))
                break


# -- helpers --------------------------------------------------------------------------------------


def _header_labels(table: MainTable, rows: list[list[object]]) -> dict[int, str]:
    header = table.header
    out: dict[int, list[str]] = defaultdict(list)
    for number in range(header.row, header.last_row + 1):
        cells = rows[number - 1] if number - 1 < len(rows) else []
        for index, cell in enumerate(cells):
            text = str(cell).strip() if cell is not None else ""
            if text:
                out[index + 1].append(text)
    return {c: " / ".join(t) for c, t in out.items()}


def _rows_text(rows: Iterable[int]) -> str:
    """ "baris 9, 10, 12-14"."""
    numbers = sorted(set(rows))
    parts: list[str] = []
    start = prev = numbers[0] if numbers else 0
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    if len(parts) > 6:
        parts = [*parts[:6], "..."]
    return "baris " + ", ".join(parts)


def _plain(value: Decimal) -> str:
    text = format(value.quantize(Decimal("0.01")) if value != value.to_integral_value() else value, "f")
    return text
