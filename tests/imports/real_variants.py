"""Generators of the layouts seen in real pemda files (issue 9), made from the regular sheet of
``tests.imports.sheets``: each returns a table (list of rows of cell texts) that holds the same figures
as ``sheets.rows(Variant(...))``, written another way.  No real file is copied: only their shapes.

The regular sheet: four title lines, a header of three rows (labels; numbers 5 7 I II III IV 12 13 14;
K / Rp), the lines, the average and the predikat.
"""

from __future__ import annotations

import copy
import re

from tests.imports import sheets
from tests.imports.sheets import Variant

HEADER_TOP = 4  # 0-based row of the header's label row in the regular sheet


def base(**switches: bool) -> list[list[str]]:
    return sheets.rows(Variant(**switches))  # type: ignore[arg-type]


def _width(table: list[list[str]]) -> int:
    return max(len(r) for r in table)


def _pad(table: list[list[str]]) -> list[list[str]]:
    width = _width(table)
    return [r + [""] * (width - len(r)) for r in table]


def _header(table: list[list[str]]) -> tuple[int, int, int]:
    """(label row, number row, K/Rp row), 0-based."""
    top = next(i for i, r in enumerate(table) if r and r[0] == "No")
    return top, top + 1, top + 2


def _first_value_column(table: list[list[str]]) -> int:
    _top, numbers, _subs = _header(table)
    return next(i for i, t in enumerate(table[numbers]) if t)


def _body(table: list[list[str]]) -> range:
    """The 0-based rows of the table's lines (up to the blank row before the average)."""
    _top, _numbers, subs = _header(table)
    end = next(i for i in range(subs + 1, len(table)) if not any(table[i]))
    return range(subs + 1, end)


_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+$")


# -- cells -------------------------------------------------------------------------------------------
def satuan_in_next_cell() -> list[list[str]]:
    """Each K figure with its satuan in the cell after it (``95 | %``): every measure spans K, satuan, Rp;
    the K/Rp row leaves the satuan column blank (a merged "K")."""
    table = _pad(base())
    top, numbers, subs = _header(table)
    first = _first_value_column(table)
    out = []
    for index, row in enumerate(table):
        head, values = row[:first], row[first:]
        new = list(head)
        for k, rp in zip(values[0::2], values[1::2], strict=True):
            if index in (top, numbers, subs):
                new += [k, "", rp]
            elif index in _body(table) and k and " " in k:
                figure, _space, unit = k.partition(" ")
                new += [figure, unit, rp]
            else:
                new += [k, "", rp]
        out.append(new)
    return out


# -- quarter labels ------------------------------------------------------------------------------------
def quarter_labels(style: str) -> list[list[str]]:
    """The number row's quarters as ``TW I``, ``Triwulan I`` or the form's column numbers ``8``-``11``
    (``numbers``: then the label above them says nothing of quarters either)."""
    table = _pad(base())
    top, numbers, _subs = _header(table)
    romans = {"I": 8, "II": 9, "III": 10, "IV": 11}
    for col, text in enumerate(table[numbers]):
        if text in romans:
            if style == "tw":
                table[numbers][col] = f"TW {text}"
            elif style == "triwulan":
                table[numbers][col] = f"Triwulan {text}"
            else:
                table[numbers][col] = str(romans[text])
                table[top][col] = ""
    if style == "numbers":
        table[top][_first_value_column(table) + 4] = "Realisasi Kinerja dan Anggaran"  # no "Triwulan" in it
    return table


# -- the Rp label row ----------------------------------------------------------------------------------
def rp_label(label: str, thousands: bool) -> list[list[str]]:
    """The K/Rp row's ``Rp`` written ``label`` (``Rp.``, ``Rp (000)``, ``Rp. (000)``); with ``thousands``
    every budget is printed in thousands of rupiah."""
    table = _pad(base())
    _top, _numbers, subs = _header(table)
    first = _first_value_column(table)
    for col in range(first, len(table[subs])):
        if table[subs][col] == "Rp":
            table[subs][col] = label
            if thousands:
                for r in _body(table):
                    cell = table[r][col]
                    if _GROUPED.match(cell):
                        table[r][col] = f"{int(cell.replace(',', '')) // 1000:,}"
    return table


# -- numberings ----------------------------------------------------------------------------------------
E55 = {
    "5": "5",
    "6": "6",
    "7": "7",
    "I": "8",
    "II": "9",
    "III": "10",
    "IV": "11",
    "12": "12 = 8+9+10+11",
    "12/7": "13 = 12/7 x 100%",
    "13": "14 = 6 + 12",
    "14": "15 = 14/5 x 100%",
}


def e55_numbering() -> list[list[str]]:
    """Permendagri 86's E.55 numbering: a column 6, then 12 = 8+9+10+11, 13 = 12/7 x 100%, 14 = 6 + 12,
    15 = 14/5 x 100%: the form's 12/7 is printed as 13, its 13 as 14 and its 14 as 15.  The labels above
    say only "Realisasi" / "Tingkat Capaian", so the formulas decide."""
    table = _pad(base(col6=True))
    top, numbers, subs = _header(table)
    first = _first_value_column(table)
    at_13 = table[numbers].index("13")
    out = []
    for row in table:
        out.append([*row[:at_13], "", "", *row[at_13:]])  # an empty 12/7 pair, labelled below
    out[numbers][at_13] = "12/7"
    out[subs][at_13], out[subs][at_13 + 1] = "K", "Rp"
    for col, text in enumerate(out[numbers]):
        if text in E55:
            out[numbers][col] = E55[text]
    labels = {
        "12 = 8+9+10+11": "Realisasi Kinerja dan Anggaran yang Dicapai",
        "13 = 12/7 x 100%": "Tingkat Capaian Kinerja dan Realisasi Anggaran (%)",
        "14 = 6 + 12": "Realisasi Kinerja dan Anggaran s.d. Tahun Berjalan",
        "15 = 14/5 x 100%": "Tingkat Capaian Kinerja dan Realisasi Anggaran s.d. Tahun Berjalan (%)",
    }
    for col, text in enumerate(out[numbers]):
        if text in labels:
            out[top][col] = labels[text]
        elif col >= first and out[top][col] and col > at_13 - 2:
            out[top][col] = ""
    return out


def plain_numbering() -> list[list[str]]:
    """A ``1 .. N`` row under every column, text columns included, one number per K/Rp pair: the
    numbers are a count, not the form's columns (6 stands under Target Renja), so the labels decide."""
    table = _pad(base())
    _top, numbers, _subs = _header(table)
    first = _first_value_column(table)
    count = 0
    for col in range(len(table[numbers])):
        if col < first or (col - first) % 2 == 0:
            count += 1
            table[numbers][col] = str(count)
        else:
            table[numbers][col] = ""
    return table


# -- codes ---------------------------------------------------------------------------------------------
def split_code() -> list[list[str]]:
    """The Kode split over six cells under one merged "Kode" label: ``2 | 17 | 07 | 2 | 01 | 0001``."""
    table = _pad(base(code=True))
    top, _numbers, _subs = _header(table)
    at = table[top].index("Kode")
    out = []
    for index, row in enumerate(table):
        cell = row[at]
        parts = [""] * 6
        if index in _body(table) and cell:
            split = cell.split(".")
            parts[: len(split)] = split
        elif index == top:
            parts[0] = "Kode"
        out.append(row[:at] + parts + row[at + 1 :])
    return out


def indicator_suffix_codes() -> list[list[str]]:
    """Seven-segment codes: the sub kegiatan's code and the indicator's number (``...0001.01``), the
    second indicator on a line of its own with ``...0001.02`` and no name."""
    table = _pad(base(code=True))
    top, _numbers, _subs = _header(table)
    at = table[top].index("Kode")
    rows = list(_body(table))
    for position, r in enumerate(rows):
        code = table[r][at]
        if code.count(".") == 5:
            table[r][at] = f"{code}.01"
            following = rows[position + 1] if position + 1 < len(rows) else None
            if following is not None and not table[following][at]:
                table[following][at] = f"{code}.02"
    return table


def two_digit_sub_codes() -> list[list[str]]:
    """A 2022 sheet whose sub kegiatan codes keep the 2021 form ``2.17.07.2.01.01``."""
    table = _pad(base(code=True))
    top, _numbers, _subs = _header(table)
    at = table[top].index("Kode")
    for r in _body(table):
        code = table[r][at]
        if code.count(".") == 5:
            table[r][at] = code[:-4] + code[-2:]
    return table


PENUNJANG = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
PENUNJANG_KEGIATAN = "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"
PENUNJANG_SUB = "Penyusunan Dokumen Perencanaan Perangkat Daerah"


def penunjang_program() -> list[list[str]]:
    """The Penunjang program coded ``X.XX.01`` (valid under any bidang) after the bidang's own one."""
    table = _pad(base(code=True))
    top, numbers, _subs = _header(table)
    at_code, at_name = table[top].index("Kode"), table[top].index("Program/Kegiatan/Sub Kegiatan")
    at_indicator = at_name + 1
    first = _first_value_column(table)
    col = {t: i for i, t in enumerate(table[numbers]) if t}
    end = _body(table)[-1] + 1
    width = _width(table)

    def line(code: str, name: str, indicator: str, k7: str, rp7: str, k2: str, rp2: str) -> list[str]:
        row = [""] * width
        row[at_code], row[at_name], row[at_indicator] = code, name, indicator
        row[col["7"]], row[col["7"] + 1] = k7, rp7
        row[col["II"]], row[col["II"] + 1] = k2, rp2
        assert col["7"] >= first
        return row

    block = [
        line(
            "X.XX.01",
            PENUNJANG,
            "Persentase dokumen perencanaan tepat waktu",
            "100 %",
            "80,000,000",
            "50 %",
            "20,000,000",
        ),
        line(
            "X.XX.01.2.01",
            PENUNJANG_KEGIATAN,
            "Jumlah dokumen perencanaan",
            "4 dok",
            "80,000,000",
            "2 dok",
            "20,000,000",
        ),
        line("X.XX.01.2.01.0001", PENUNJANG_SUB, "Jumlah dokumen Renja", "1 dok", "80,000,000", "1 dok", "20,000,000"),
    ]
    return table[:end] + block + table[end:]


# -- structure -----------------------------------------------------------------------------------------
def heading_rows() -> list[list[str]]:
    """Urusan and bidang heading rows (``2 | URUSAN ...``, ``2.17 | ...``, ``X.XX | Non Urusan``) with a
    code and a name and nothing else, above the program."""
    table = _pad(base(code=True))
    top, _numbers, _subs = _header(table)
    at_code, at_name = table[top].index("Kode"), table[top].index("Program/Kegiatan/Sub Kegiatan")
    width = _width(table)
    program = next(r for r in _body(table) if table[r][at_code] == "2.17.07")

    def heading(code: str, name: str) -> list[str]:
        row = [""] * width
        row[at_code], row[at_name] = code, name
        return row

    block = [
        heading("X.XX", "Non Urusan"),
        heading("2", "URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR"),
        heading("2.17", "KOPERASI, USAHA KECIL, DAN MENENGAH"),
    ]
    return table[:program] + block + table[program:]


def kegiatan_under_sasaran() -> list[list[str]]:
    """No program row: the kegiatan follows the sasaran directly."""
    table = _pad(base())
    return [r for r in table if sheets.PROGRAM not in r]


# -- helper columns and leftovers ----------------------------------------------------------------------
def helper_columns() -> list[list[str]]:
    """Two helper columns after 14 ("Kinerja", "Keuangan": the sheet's own ratios) and formula zeros
    left in quarters III and IV of a quarter II report."""
    table = _pad(base())
    top, numbers, subs = _header(table)
    col = {t: i for i, t in enumerate(table[numbers]) if t}
    body = set(_body(table))
    out = []
    for index, row in enumerate(table):
        row = list(row)
        if index == top:
            row += ["Kinerja", "Keuangan"]
        elif index in (numbers, subs):
            row += ["", ""]
        elif index in body:
            for measure in ("III", "IV"):
                row[col[measure]], row[col[measure] + 1] = "0", "0"
            row += ["40.00", "50.00"] if any(row[col["7"] : col["7"] + 2]) else ["", ""]
        out.append(row)
    return out


# -- the CSV title line --------------------------------------------------------------------------------
def csv_title_line() -> list[list[str]]:
    """One title line naming the report, the PD and the pemda instead of the three title rows."""
    table = base()
    top, _numbers, _subs = _header(table)
    title = ["LAPORAN EVALUASI KINERJA TRIWULAN II TAHUN 2022 DINAS UJI COBA KABUPATEN CONTOH"]
    return [title, *table[top:]]


# -- two sheets ----------------------------------------------------------------------------------------
PERFORMANCE_SHEET, BUDGET_SHEET = "Isian Kinerja", "Isian Keuangan"


def two_sheets(
    performance: str = PERFORMANCE_SHEET, budget: str = BUDGET_SHEET, *, code: bool = False
) -> dict[str, list[list[str]]]:
    """Performance and budget on two sheets of one workbook, row for row: ``performance`` keeps every
    measure's K, ``budget`` its Rp; both repeat the title, the text columns (No, Kode with ``code``,
    names, indicator) and the header's labels and column numbers, with ``K`` or ``Rp`` under them.  The
    average and the predikat are on the performance sheet only."""
    table = _pad(base(code=code))
    top, numbers, subs = _header(table)
    first = _first_value_column(table)
    body = _body(table)
    k_sheet, rp_sheet = [], []
    for index, row in enumerate(table):
        head, values = row[:first], row[first:]
        k, rp = values[0::2], values[1::2]
        if index < top:
            k_sheet.append(list(row[:1]))
            rp_sheet.append(list(row[:1]))
        elif index in (top, numbers):  # a measure's label and number stand above its K cell
            k_sheet.append(head + k)
            rp_sheet.append(head + k)
        elif index == subs or index in body:
            k_sheet.append(head + k)
            rp_sheet.append(head + rp)
        else:
            k_sheet.append(head + k)
    return {performance: k_sheet, budget: rp_sheet}


def body_rows(table: list[list[str]]) -> range:
    """The 0-based rows of a two-sheet variant's lines (after its K or Rp row, up to the first blank)."""
    subs = next(i for i, r in enumerate(table) if any(t == "K" or t.startswith("Rp") for t in r))
    end = next((i for i in range(subs + 1, len(table)) if not any(table[i])), len(table))
    return range(subs + 1, end)


def as_xlsx_sheets(tables: dict[str, list[list[str]]]) -> bytes:
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for name, table in tables.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                plain = value.replace(",", "")
                if plain.replace(".", "", 1).isdigit():
                    sheet.write_number(r, c, float(plain))
                elif value:
                    sheet.write_string(r, c, value)
    book.close()
    return buffer.getvalue()


def as_xls(table: list[list[str]]) -> bytes:
    """An Excel 97-2003 workbook (every cell a text, as old exports write them)."""
    from tests.imports.hostile import xls

    return xls([(r, c, text) for r, row in enumerate(table) for c, text in enumerate(row) if text])


def deepcopy(table: list[list[str]]) -> list[list[str]]:
    return copy.deepcopy(table)
