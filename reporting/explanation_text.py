"""Explanations in words: the rule, the inputs and the formula of a computed cell, in Indonesian.

The core (``domain.explanations``) holds the structure and the Decimals; this module writes them:
"12 = 8 + 9 + 11 = 3 + 4 + 6 = 13".  Numbers are Indonesian on screen (``formatting``) and plain in
the JSON (dot decimals, exact), with one renderer of the formula for both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from domain.explanations import Const, Explanation, Expr, Input, Missing, Op, Operator, Ref, Rule
from domain.inputs import Settings
from domain.numbers import plain, round_half_up
from reporting.formatting import number_id, percent, rupiah, value_id
from reporting.labels import AVERAGE_BASIS, AVERAGE_SOURCE, QUARTER_ROMAN

RULE: dict[Rule, str] = {
    Rule.SUM: "SUM: jumlah nilai triwulan yang dilaporkan",
    Rule.LAST: "LAST: nilai triwulan terakhir yang dilaporkan",
    Rule.AVG: "AVG: rata-rata nilai triwulan yang dilaporkan",
    Rule.MAX: "MAX: nilai tertinggi dari triwulan yang dilaporkan",
    Rule.BUDGET_SUM: "Rp selalu dijumlahkan: jumlah realisasi anggaran triwulan yang dilaporkan",
    Rule.CUMULATIVE_SUM: "Kolom 13 = kolom 6 + kolom 12: realisasi s.d. tahun lalu ditambah realisasi tahun ini",
    Rule.CUMULATIVE_LEVEL: (
        "Indikator tingkat (nilai terakhir, rata-rata, nilai tertinggi): kolom 13 = tingkat terakhir, "
        "yaitu kolom 12; bila kolom 12 kosong, kolom 6"
    ),
    Rule.POSITIVE: "Indikator positif: capaian = realisasi / target x 100%",
    Rule.NEGATIVE_TWO_T_MINUS_R: "Indikator negatif: capaian = (2 x target - realisasi) / target x 100%, minimal 0",
    Rule.NEGATIVE_T_OVER_R: "Indikator negatif: capaian = target / realisasi x 100%",
    Rule.NEGATIVE_ZERO_TARGET: "Indikator negatif dengan target 0: capaian 100% bila realisasi 0, selain itu 0%",
    Rule.ABSORPTION: "Capaian anggaran = realisasi Rp / pagu Rp x 100% (tanpa arah)",
    Rule.AVERAGE: "Rata-rata capaian kinerja",
    Rule.RATING: "Predikat ditentukan dari rata-rata sebelum pembulatan, menurut rentang predikat pemda",
}

MISSING: dict[Missing, str] = {
    Missing.NOT_REPORTED: "Tidak ada masukan yang dilaporkan: sel dibiarkan kosong, bukan 0.",
    Missing.NO_TARGET: "Target kosong: capaian tidak dihitung (ditulis -), bukan 0 dan bukan 100%.",
    Missing.NO_REALIZATION: "Realisasi kosong: capaian tidak dihitung (ditulis -).",
    Missing.ZERO_TARGET: "Target 0 pada indikator positif: capaian tidak terdefinisi (ditulis -).",
    Missing.ZERO_REALIZATION: "Realisasi 0 dengan rumus target / realisasi: capaian tidak dapat dihitung (ditulis -).",
    Missing.ZERO_BUDGET: "Pagu 0: capaian anggaran tidak dihitung (ditulis -).",
    Missing.NO_BASIS: "Tidak ada capaian yang dapat dirata-ratakan.",
}

_COLUMN_NAME = {
    "5": "Target Renstra",
    "6": "Realisasi Renstra s.d. tahun lalu",
    "7": "Target Renja",
    "12": "Realisasi Renja",
    "12/7": "Capaian Renja",
    "13": "Realisasi Renstra s.d. tahun ini",
    "14": "Capaian Renstra",
}
_PERCENT_COLUMNS = ("12/7", "14", "average")
_REALIZED_COLUMNS = ("6", "8", "9", "10", "11", "12", "13")  # where the table writes a 0 as "-"
DISAGREES = "Angka ini adalah angka yang disetujui; rumus di atas, dihitung dengan aturan saat ini, memberi hasil lain."
ROUNDED = "Angka di tabel dibulatkan; rumus memakai nilai sebelum pembulatan."


def title(x: Explanation, goal: bool = False) -> str:
    """ "Kolom 12 K: Realisasi Renja", or for a Tujuan indicator its table's column."""
    if x.column == "average":
        return "Rata-rata capaian kinerja (%)"
    if x.column == "rating":
        return "Predikat kinerja"
    if goal:
        return "Indikator Tujuan, kolom " + ("Realisasi" if x.column == "12" else "Capaian (%)")
    return f"Kolom {x.column} {x.measure}: {_COLUMN_NAME[x.column]}"


def rule_text(x: Explanation, settings: Settings) -> str:
    if x.rule is Rule.AVERAGE:
        cap = (
            f"; capaian di atas {value_id(settings.average_cap)}% dihitung {value_id(settings.average_cap)}%"
            if settings.average_cap is not None
            else ""
        )
        return (
            f"Rata-rata capaian kinerja = {AVERAGE_BASIS[settings.average_basis]}, dari "
            f"{AVERAGE_SOURCE[settings.average_source]}; capaian kosong tidak dihitung{cap}"
        )
    return RULE[x.rule]


# -- numbers ---------------------------------------------------------------------------------------
Formatter = Callable[[Decimal, str, str], str]  # value, column, measure -> text


def screen_number(value: Decimal, column: str, measure: str) -> str:
    """A figure as the screen writes it: Rp grouped, % with two decimals, K as entered (at most 6)."""
    if column in _PERCENT_COLUMNS:
        return percent(value)
    if measure == "Rp":
        return rupiah(value)
    return value_id(_six(value))


def machine_number(value: Decimal, column: str, measure: str) -> str:
    """A figure for the JSON: dot decimals, % half-up to two decimals, others exact (at most 6 decimals)."""
    if column in _PERCENT_COLUMNS:
        return str(round_half_up(value, 2))
    return plain(_six(value))


def _six(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    return round_half_up(value, 6) if isinstance(exponent, int) and exponent < -6 else value


def _const(value: Decimal) -> str:
    return number_id(value)


# -- the formula -----------------------------------------------------------------------------------
_PRECEDENCE = {Operator.ADD: 1, Operator.SUB: 1, Operator.MUL: 2, Operator.DIV: 2}
_FUNCTION = {Operator.MAX: "maks", Operator.MIN: "min"}


def expression(expr: Expr, leaf: Callable[[int], str], const: Callable[[Decimal], str] = _const) -> str:
    """``expr`` written out, each input by ``leaf(index)``: "(8 + 9) / 2", "maks(0; (2 x 7 - 12) / 7 x 100)"."""
    if isinstance(expr, Ref):
        return leaf(expr.index)
    if isinstance(expr, Const):
        return const(expr.value)
    op = expr.operator
    if op in _FUNCTION:  # ";" between arguments: "," is the Indonesian decimal mark
        return f"{_FUNCTION[op]}({'; '.join(expression(a, leaf, const) for a in expr.args)})"
    precedence = _PRECEDENCE[op]
    parts = []
    for position, arg in enumerate(expr.args):
        text = expression(arg, leaf, const)
        inner = _PRECEDENCE.get(arg.operator) if isinstance(arg, Op) else None
        if inner is not None and (inner < precedence or (position > 0 and inner == precedence and op in _NONCOMMUTING)):
            text = f"({text})"
        parts.append(text)
    return f" {op.value} ".join(parts)


_NONCOMMUTING = (Operator.SUB, Operator.DIV)


def _lhs(x: Explanation) -> str:
    return "Rata-rata" if x.column == "average" else x.column


def formula_text(x: Explanation, number: Formatter = screen_number) -> str:
    """ "13 = 6 + 12 = 120 + 35 = 155": the symbols, then the numbers put in, then the figure held.

    The average has no symbols (its inputs are rows); the rating reads "99,45 ≥ 91: Sangat Tinggi".
    """
    if x.rule is Rule.RATING:
        return _band_text(x, number)
    if x.formula is None or x.result is None:
        return ""
    inputs = x.inputs

    def value(i: int) -> str:
        inp = inputs[i]
        assert inp.value is not None
        return number(inp.value, inp.column, inp.measure)

    const = _const if number is screen_number else plain
    result = number(x.result, x.column, x.measure)
    numbers = expression(x.formula, value, const)
    if x.column == "average":
        return f"{_lhs(x)} = {numbers} = {result}"
    symbols = expression(x.formula, lambda i: inputs[i].column, const)
    steps = [_lhs(x), symbols]
    if numbers != symbols:
        steps.append(numbers)
    if result != steps[-1]:
        steps.append(result)
    return " = ".join(steps)


def _band_text(x: Explanation, number: Formatter) -> str:
    band = x.band
    if x.result is None or band is None:
        return ""
    average = number(x.result, "average", "")
    low = number(band.lower, "", "") if band.lower is not None else None
    high = number(band.upper, "", "") if band.upper is not None else None
    if low is not None and high is not None:
        where = f"{low} ≤ {average} < {high}"
    elif low is not None:
        where = f"{average} ≥ {low}"
    elif high is not None:
        where = f"{average} < {high}"
    else:
        where = average
    return f"{where}: {band.label}"


# -- inputs ----------------------------------------------------------------------------------------
def input_label(inp: Input, goal: bool = False) -> str:
    if inp.row is not None:
        return f"{inp.row}: {inp.indicator}" if inp.indicator else inp.row
    if inp.column == "average":
        return "Rata-rata capaian kinerja (%)"
    if inp.quarter is not None:
        return f"Kolom {inp.column} {inp.measure} (TW {QUARTER_ROMAN[inp.quarter - 1]})"
    if goal and inp.column in ("7", "12"):
        return "Target" if inp.column == "7" else "Realisasi"
    return f"Kolom {inp.column} {inp.measure} ({_COLUMN_NAME[inp.column]})"


def input_value(inp: Input, cap: Decimal | None = None) -> str:
    if inp.value is None:
        return "kosong (tidak dilaporkan)" if inp.quarter is not None or inp.column in ("6", "12", "13") else "kosong"
    text = screen_number(inp.value, inp.column, inp.measure)
    if inp.value == 0 and inp.column in _REALIZED_COLUMNS:
        text += " (tercetak -)"  # a reported 0: nothing realised, as the table writes it
    if inp.row is not None:
        text += "%"
        if cap is not None and inp.value > cap:
            text += f" (dihitung {percent(cap)}%)"
    return text


def notes(x: Explanation, shown: str = "") -> list[str]:
    """Why a cell is empty or "-", that the table rounds it, and an approved figure the current rule would
    not give.  ``shown``: the cell's text as the table prints it."""
    out = []
    if x.missing is not None:
        out.append("Rata-rata kosong: predikat tidak ditentukan." if x.rule is Rule.RATING else MISSING[x.missing])
    blank = [i for i in x.inputs if i.value is None and i.row is None and i.column != "average"]
    if x.formula is not None and blank:
        names = ", ".join(input_label(i).replace("Kolom ", "kolom ") for i in blank)
        out.append(f"Tidak dilaporkan, tidak ikut dihitung (bukan 0): {names}.")
    if x.result is not None and x.rule is not Rule.RATING and shown and shown != "-":
        if shown != screen_number(x.result, x.column, x.measure):
            out.append(f"Tercetak {shown}: {ROUNDED[0].lower()}{ROUNDED[1:]}")
    if not x.agrees:
        out.append(DISAGREES)
    return out


def findings_of(x: Explanation, positions: dict[str, tuple[int, ...]]) -> list[int]:
    """The positions (0-based) in the report's findings of the findings about the cell."""
    return sorted({p for key in x.findings for p in positions.get(key, ())})


def inputs_text(x: Explanation, goal: bool = False) -> Sequence[tuple[str, str]]:
    return [(input_label(i, goal), input_value(i, x.cap)) for i in x.inputs]
