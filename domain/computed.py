"""Computed indicators: a realisation defined by a formula over named base figures (issue 13, point 5).

The seed's "Jml koperasi aktif / jml seluruh koperasi x 100 %" becomes the formula
``koperasi_aktif / koperasi_seluruh * 100`` over two base figures the PD enters each quarter.  The
figures are kept, not only the result, so that a percentage is combined by adding its parts: over
quarters (a *flow* figure adds up from quarter I, a *stock* figure is the quarter's level) and over PD
(each figure summed over the PD, then the formula applied once).  Averaging percentages is never done.

A formula is checked before it is stored (``formula_parse``): only names of its base figures, numbers,
``+ - * /`` and parentheses; no function, no attribute, no power, nothing else.  It is then evaluated by
simpleeval (never ``eval``) over ``Decimal`` values, with every number of the formula read as a
``Decimal`` too.  Messages are Indonesian and say what is wrong and where.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation
from enum import StrEnum
from typing import Any

from simpleeval import InvalidExpression, SimpleEval  # type: ignore[import-untyped]

MAX_FORMULA_LENGTH = 300
MAX_FIGURES = 10
NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
RESERVED_NAMES = frozenset({"x"})  # "x" is read as the multiplication sign of "... x 100 %"

_OPERATORS: dict[type[ast.AST], str] = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_UNARY: dict[type[ast.AST], str] = {ast.USub: "-", ast.UAdd: "+"}
_OPERATOR_WORDS: dict[type[ast.AST], str] = {
    ast.Pow: "pangkat (**)",
    ast.Mod: "sisa bagi (%)",
    ast.FloorDiv: "bagi bulat (//)",
    ast.BitXor: "^",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.MatMult: "@",
}


class FigureKind(StrEnum):
    """How a base figure combines over the quarters of a year."""

    STOCK = "stock"  # a level at the end of the quarter (koperasi aktif): the quarter's own value
    FLOW = "flow"  # counted in the quarter (kasus ditangani): added up from quarter I


class FormulaError(ValueError):
    """A formula or a list of base figures refused; ``str()`` is the Indonesian reason."""


@dataclass(frozen=True)
class BaseFigureDef:
    name: str  # the name the formula uses: koperasi_aktif
    label: str  # what the entry screen and the report print: Jumlah koperasi aktif
    kind: FigureKind = FigureKind.STOCK


@dataclass(frozen=True)
class Formula:
    text: str  # normalised: "koperasi_aktif / koperasi_seluruh * 100"
    names: tuple[str, ...]  # the base figures it uses, in order of first use
    numerator: str | None  # a ratio's numerator (constant factors included), None if not a ratio
    denominator: str | None


@dataclass(frozen=True)
class Computed:
    """A computed realisation, with its parts: all None where it cannot be computed, and why."""

    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    reason: str = ""  # "" when computed


@dataclass(frozen=True)
class Combined:
    """Base figures added over PD: the sums, and how many PD were counted or left out (incomplete)."""

    figures: dict[str, Decimal]
    counted: int
    left_out: int


# -- checking ---------------------------------------------------------------------------------------
def formula_normalise(text: str) -> str:
    """The formula as people write it, in the evaluator's signs: "a / b x 100 %" -> "a / b * 100".

    "x" and "×" between terms are multiplication, ":" is division, a trailing "%" is dropped (the
    satuan says it is a percentage), and a decimal comma between digits is a decimal point.
    """
    text = " ".join(text.split())
    text = text.replace("×", "*").replace(":", "/")
    text = re.sub(r"(?<=[\w)\s])\s*\bx\b\s*(?=[\w(.])", " * ", text)
    text = re.sub(r"(?<=\d),(?=\d)", ".", text)
    text = re.sub(r"\s*%\s*$", "", text)
    return " ".join(text.split())


def figures_check(figures: Sequence[BaseFigureDef]) -> None:
    """Refuse a list of base figures with a bad, reserved or repeated name, or no label."""
    if not figures:
        raise FormulaError("Indikator terhitung memerlukan setidaknya satu angka dasar.")
    if len(figures) > MAX_FIGURES:
        raise FormulaError(f"Paling banyak {MAX_FIGURES} angka dasar ({len(figures)} diberikan).")
    seen: set[str] = set()
    for number, figure in enumerate(figures, start=1):
        where = f"Angka dasar ke-{number}"
        if not NAME_RE.match(figure.name):
            raise FormulaError(
                f"{where}: nama {figure.name!r} tidak sah; pakai huruf kecil, angka dan garis bawah, diawali huruf "
                "(paling banyak 40 karakter), misalnya koperasi_aktif."
            )
        if figure.name in RESERVED_NAMES:
            raise FormulaError(f"{where}: nama {figure.name!r} dipakai sebagai tanda kali; pilih nama lain.")
        if figure.name in seen:
            raise FormulaError(f"{where}: nama {figure.name!r} dipakai dua kali.")
        if not figure.label.strip():
            raise FormulaError(f"{where} ({figure.name}): keterangan (label) wajib diisi.")
        if len(figure.label) > 200:
            raise FormulaError(f"{where} ({figure.name}): keterangan paling banyak 200 karakter.")
        seen.add(figure.name)


def formula_parse(text: str, names: Collection[str]) -> Formula:
    """Check ``text`` against the base figures ``names``; the normalised formula, or ``FormulaError``.

    Refused: empty, longer than ``MAX_FORMULA_LENGTH``, unreadable, more than one expression, a name
    that is not a base figure, a function call or anything but numbers, names, ``+ - * /`` and
    parentheses, a division by a constant zero, no base figure at all.
    """
    if len(text) > MAX_FORMULA_LENGTH:
        raise FormulaError(f"Rumus terlalu panjang: {len(text)} karakter, paling banyak {MAX_FORMULA_LENGTH}.")
    normal = formula_normalise(text)
    if not normal:
        raise FormulaError("Rumus kosong.")
    try:
        tree = ast.parse(normal, mode="eval")
    except SyntaxError as exc:
        column = f" (sekitar karakter ke-{exc.offset})" if exc.offset else ""
        raise FormulaError(f"Rumus tidak dapat dibaca{column}: {normal!r}.") from exc
    used: list[str] = []
    _check(tree.body, set(names), used)
    if not used:
        raise FormulaError(
            "Rumus harus memakai setidaknya satu angka dasar (misalnya koperasi_aktif / koperasi_seluruh * 100)."
        )
    numerator, denominator = _ratio(tree.body)
    return Formula(text=normal, names=tuple(used), numerator=numerator, denominator=denominator)


def _check(node: ast.AST, names: set[str], used: list[str]) -> None:
    if isinstance(node, ast.BinOp):
        if type(node.op) not in _OPERATORS:
            word = _OPERATOR_WORDS.get(type(node.op), type(node.op).__name__)
            raise FormulaError(f"Operator {word} tidak diizinkan; pakai + - * / dan tanda kurung.")
        _check(node.left, names, used)
        _check(node.right, names, used)
        if isinstance(node.op, ast.Div) and not _names_in(node.right):
            divisor = _constant(node.right)
            if divisor == 0:
                raise FormulaError(f"Pembagian dengan nol: {ast.unparse(node)!r}.")
        return
    if isinstance(node, ast.UnaryOp):
        if type(node.op) not in _UNARY:
            raise FormulaError("Hanya tanda minus atau plus yang boleh di depan angka.")
        _check(node.operand, names, used)
        return
    if isinstance(node, ast.Name):
        if node.id not in names:
            known = ", ".join(sorted(names)) or "(belum ada)"
            raise FormulaError(f"Nama {node.id!r} bukan angka dasar indikator ini; angka dasar yang ada: {known}.")
        if node.id not in used:
            used.append(node.id)
        return
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise FormulaError(f"Nilai {node.value!r} tidak diizinkan; hanya angka.")
        if not Decimal(str(node.value)).is_finite():
            raise FormulaError(f"Angka {node.value!r} terlalu besar.")
        return
    if isinstance(node, ast.Call):
        called = node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func)
        raise FormulaError(f"Fungsi tidak diizinkan dalam rumus: {called}().")
    if isinstance(node, ast.Attribute):
        raise FormulaError(f"Atribut tidak diizinkan dalam rumus: {ast.unparse(node)}.")
    raise FormulaError(f"Bagian rumus tidak diizinkan: {ast.unparse(node)!r}; pakai angka dasar, angka, + - * /.")


def _names_in(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) for n in ast.walk(node))


def _constant(node: ast.AST) -> Decimal | None:
    """The value of a part without names (already checked), or None when it cannot be computed."""
    try:
        return Decimal(_Evaluator({}).eval(ast.unparse(node)))
    except (ArithmeticError, InvalidExpression):
        return None


def _ratio(node: ast.AST) -> tuple[str | None, str | None]:
    """Numerator and denominator of ``A / B``, ``A / B * k``, ``k * (A / B)``; (None, None) otherwise.

    A constant factor goes into the numerator, so that numerator / denominator is the value itself.
    """
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return ast.unparse(node.left), ast.unparse(node.right)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        for ratio, factor in ((node.left, node.right), (node.right, node.left)):
            if not _names_in(factor) and isinstance(ratio, ast.BinOp) and isinstance(ratio.op, ast.Div):
                return f"({ast.unparse(ratio.left)}) * {ast.unparse(factor)}", ast.unparse(ratio.right)
    return None, None


# -- evaluating -------------------------------------------------------------------------------------
class _Evaluator(SimpleEval):  # type: ignore[misc]
    """simpleeval with the four operations, no functions, and every number of the formula a Decimal."""

    def __init__(self, names: Mapping[str, Decimal]) -> None:
        import operator

        super().__init__(
            operators={
                ast.Add: operator.add,
                ast.Sub: operator.sub,
                ast.Mult: operator.mul,
                ast.Div: operator.truediv,
                ast.USub: operator.neg,
                ast.UAdd: operator.pos,
            },
            functions={},
            names=dict(names),
        )
        self.nodes[ast.Constant] = self._decimal_constant

    @staticmethod
    def _decimal_constant(node: ast.Constant) -> Any:
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise InvalidExpression("hanya angka")
        return Decimal(str(node.value))


def formula_evaluate(formula: Formula, figures: Mapping[str, Decimal | None]) -> Computed:
    """The formula over ``figures`` (exact ``Decimal`` arithmetic, 28 significant digits, unrounded).

    Not computed (``value`` None, with the reason) when a figure it uses is blank (blank is never 0) or
    a denominator is zero.
    """
    missing = [name for name in formula.names if figures.get(name) is None]
    if missing:
        return Computed(None, reason=f"angka dasar belum diisi: {', '.join(missing)}")
    values = {name: figures[name] for name in formula.names}
    numerator = denominator = None
    try:
        if formula.numerator is not None and formula.denominator is not None:
            numerator = Decimal(_Evaluator(values).eval(formula.numerator))  # type: ignore[arg-type]
            denominator = Decimal(_Evaluator(values).eval(formula.denominator))  # type: ignore[arg-type]
            if denominator == 0:
                return Computed(None, numerator, denominator, reason="penyebut bernilai nol")
        value = Decimal(_Evaluator(values).eval(formula.text))  # type: ignore[arg-type]
    except (ZeroDivisionError, DivisionByZero, InvalidOperation):
        return Computed(None, numerator, denominator, reason="pembagian dengan nol")
    return Computed(value, numerator, denominator)


def figures_through(
    quarters: Sequence[Mapping[str, Decimal | None]], kinds: Mapping[str, FigureKind], quarter: int
) -> dict[str, Decimal | None]:
    """The base figures as of the end of ``quarter`` (1-4), from each quarter's own figures.

    A stock is that quarter's value (None if blank); a flow is the sum of quarters I..``quarter`` that
    were reported, None while the quarter itself is blank (nothing reported yet for it).
    """
    out: dict[str, Decimal | None] = {}
    for name, kind in kinds.items():
        own = quarters[quarter - 1].get(name) if quarter <= len(quarters) else None
        if kind is FigureKind.STOCK or own is None:
            out[name] = own
            continue
        reported = [q.get(name) for q in quarters[:quarter]]
        out[name] = sum((v for v in reported if v is not None), Decimal(0))
    return out


def figures_across(parts: Sequence[Mapping[str, Decimal | None]], names: Sequence[str]) -> Combined:
    """Base figures of several PD added up.  A PD that left one of ``names`` blank is left out as a
    whole (its other figures would tilt the ratio), and counted in ``left_out``."""
    sums = {name: Decimal(0) for name in names}
    counted = left_out = 0
    for part in parts:
        if any(part.get(name) is None for name in names):
            left_out += 1
            continue
        counted += 1
        for name in names:
            value = part[name]
            assert value is not None
            sums[name] += value
    return Combined(sums, counted, left_out)
