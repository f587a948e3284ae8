"""domain.computed: formulas checked when saved, evaluated over Decimal, parts combined (no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.computed import (
    MAX_FORMULA_LENGTH,
    BaseFigureDef,
    FigureKind,
    FormulaError,
    figures_across,
    figures_check,
    figures_through,
    formula_evaluate,
    formula_normalise,
    formula_parse,
)

D = Decimal
NAMES = {"koperasi_aktif", "koperasi_seluruh"}


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("koperasi_aktif / koperasi_seluruh x 100 %", "koperasi_aktif / koperasi_seluruh * 100"),
        ("koperasi_aktif/koperasi_seluruh×100%", "koperasi_aktif/koperasi_seluruh*100"),
        ("koperasi_aktif : koperasi_seluruh x 100", "koperasi_aktif / koperasi_seluruh * 100"),
        ("koperasi_aktif * 0,5", "koperasi_aktif * 0.5"),
        ("  a   +  b ", "a + b"),
    ],
)
def test_formulas_are_read_as_people_write_them(written: str, normal: str) -> None:
    assert formula_normalise(written) == normal


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "Rumus kosong"),
        ("koperasi_aktif / jumlah_koperasi * 100", "Nama 'jumlah_koperasi' bukan angka dasar"),
        ("koperasi_aktif / koperasi_seluruh *", "tidak dapat dibaca"),
        ("koperasi_aktif / 0", "Pembagian dengan nol"),
        ("koperasi_aktif / (5 - 5) * 100", "Pembagian dengan nol"),
        ("abs(koperasi_aktif)", "Fungsi tidak diizinkan dalam rumus: abs()"),
        ("__import__('os').system('ls')", "Fungsi tidak diizinkan"),
        ("koperasi_aktif.real", "Atribut tidak diizinkan"),
        ("koperasi_aktif ** 2", "pangkat"),
        ("koperasi_aktif % 3", "sisa bagi"),
        ("koperasi_aktif if koperasi_seluruh else 0", "tidak diizinkan"),
        ("koperasi_aktif > 1", "tidak diizinkan"),
        ("'teks' + koperasi_aktif", "hanya angka"),
        ("True + koperasi_aktif", "hanya angka"),
        ("koperasi_aktif; koperasi_seluruh", "tidak dapat dibaca"),
        ("[koperasi_aktif]", "tidak diizinkan"),
        ("1e999 * koperasi_aktif", "terlalu besar"),
        ("100 * 2", "setidaknya satu angka dasar"),
        ("koperasi_aktif + " * 40 + "1", "terlalu panjang"),
    ],
)
def test_a_bad_formula_is_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(FormulaError, match=reason.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")):
        formula_parse(text, NAMES)


def test_the_length_limit_counts_what_was_typed() -> None:
    assert len("koperasi_aktif + " * 40) > MAX_FORMULA_LENGTH
    formula_parse("koperasi_aktif + 1" + " " * 10, NAMES)  # short enough: accepted


@pytest.mark.parametrize(
    ("text", "numerator", "denominator"),
    [
        ("a / b * 100", "(a) * 100", "b"),
        ("100 * (a / b)", "(a) * 100", "b"),
        ("a * 100 / b", "a * 100", "b"),
        ("(a + c) / (b + c)", "a + c", "b + c"),
        ("a + b", None, None),
        ("a / b + 1", None, None),
    ],
)
def test_a_ratio_keeps_its_numerator_and_denominator(text: str, numerator: str | None, denominator: str | None) -> None:
    parsed = formula_parse(text, {"a", "b", "c"})
    assert (parsed.numerator, parsed.denominator) == (numerator, denominator)


@pytest.mark.parametrize(
    ("text", "figures", "value", "numerator", "denominator", "reason"),
    [
        # the seed: koperasi aktif 70.98 % (DOMAIN.md section 5)
        ("a / b * 100", {"a": D(7098), "b": D(10000)}, D("70.98"), D(709800), D(10000), ""),
        ("a / b * 100", {"a": D(1), "b": D(3)}, D(100) / D(3), D(100), D(3), ""),
        ("a / b * 100", {"a": D(5), "b": D(0)}, None, D(500), D(0), "penyebut bernilai nol"),
        ("a / b * 100", {"a": D(5), "b": None}, None, None, None, "angka dasar belum diisi: b"),
        ("a - b / 2", {"a": D("10.5"), "b": D(3)}, D("9.0"), None, None, ""),
        ("a / (b - 1)", {"a": D(1), "b": D(1)}, None, D(1), D(0), "penyebut bernilai nol"),
        ("a + b / (a - a + 0.5)", {"a": D(1), "b": D(1)}, D(3), None, None, ""),
        ("-a + 0.1", {"a": D("0.2"), "b": D(1)}, D("-0.1"), None, None, ""),
    ],
)
def test_evaluation_is_exact_decimal(text, figures, value, numerator, denominator, reason) -> None:  # type: ignore[no-untyped-def]
    result = formula_evaluate(formula_parse(text, {"a", "b"}), figures)
    assert (result.value, result.numerator, result.denominator, result.reason) == (
        value,
        numerator,
        denominator,
        reason,
    )
    assert result.value is None or isinstance(result.value, Decimal)


def test_evaluation_never_runs_python() -> None:
    """Even a formula that slipped past the check (here built by hand) goes through simpleeval only."""
    from domain.computed import Formula

    sneaky = Formula(text="__import__('os').getcwd()", names=("a",), numerator=None, denominator=None)
    with pytest.raises(Exception) as caught:
        formula_evaluate(sneaky, {"a": D(1)})
    assert "import" in str(caught.value) or "Function" in type(caught.value).__name__


STOCK, FLOW = FigureKind.STOCK, FigureKind.FLOW


@pytest.mark.parametrize(
    ("kinds", "quarters", "through", "expected"),
    [
        # a stock is the quarter's own level
        ({"a": STOCK}, [{"a": D(10)}, {"a": D(12)}, {"a": None}, {"a": None}], 2, {"a": D(12)}),
        ({"a": STOCK}, [{"a": D(10)}, {"a": D(12)}, {"a": None}, {"a": None}], 3, {"a": None}),
        # a flow adds up the reported quarters from quarter I; blank is never 0
        ({"a": FLOW}, [{"a": D(3)}, {"a": None}, {"a": D(5)}, {"a": None}], 3, {"a": D(8)}),
        ({"a": FLOW}, [{"a": D(3)}, {"a": D(4)}, {"a": None}, {"a": None}], 3, {"a": None}),
        ({"a": FLOW, "b": STOCK}, [{"a": D(1), "b": D(9)}, {"a": D(2), "b": D(7)}, {}, {}], 2, {"a": D(3), "b": D(7)}),
    ],
)
def test_figures_through_a_quarter(kinds, quarters, through, expected) -> None:  # type: ignore[no-untyped-def]
    assert figures_through(quarters, kinds, through) == expected


def test_a_flow_percentage_is_the_sum_of_parts_not_of_percentages() -> None:
    """Cases handled 8 of 10 in quarter I and 1 of 10 in quarter II: 9/20 = 45 %, not 80 % + 10 %
    and not their mean (45 % only by chance of equal denominators; here they differ)."""
    parsed = formula_parse("ditangani / masuk * 100", {"ditangani", "masuk"})
    kinds = {"ditangani": FLOW, "masuk": FLOW}
    quarters = [{"ditangani": D(8), "masuk": D(10)}, {"ditangani": D(1), "masuk": D(30)}, {}, {}]
    first = formula_evaluate(parsed, figures_through(quarters, kinds, 1)).value
    second = formula_evaluate(parsed, figures_through(quarters, kinds, 2))
    assert first == D(80)
    assert (second.numerator, second.denominator) == (D(900), D(40))
    assert second.value == D("22.5")  # 9 / 40; the mean of 80 % and 3.33 % would be 41.67 %


def test_across_pd_the_parts_are_added_and_an_incomplete_pd_left_out() -> None:
    parsed = formula_parse("koperasi_aktif / koperasi_seluruh * 100", NAMES)
    parts = [
        {"koperasi_aktif": D(70), "koperasi_seluruh": D(100)},  # 70 %
        {"koperasi_aktif": D(10), "koperasi_seluruh": D(50)},  # 20 %
        {"koperasi_aktif": D(5), "koperasi_seluruh": None},  # incomplete: left out
    ]
    combined = figures_across(parts, list(parsed.names))
    assert (combined.counted, combined.left_out) == (2, 1)
    assert combined.figures == {"koperasi_aktif": D(80), "koperasi_seluruh": D(150)}
    value = formula_evaluate(parsed, combined.figures).value
    assert value is not None and value.quantize(D("0.01")) == D("53.33")  # not (70 + 20) / 2 = 45


@pytest.mark.parametrize(
    ("figures", "reason"),
    [
        ([], "setidaknya satu angka dasar"),
        ([BaseFigureDef("Koperasi", "x")], "nama 'Koperasi' tidak sah"),
        ([BaseFigureDef("1a", "x")], "tidak sah"),
        ([BaseFigureDef("x", "kali")], "tanda kali"),
        ([BaseFigureDef("a", "A"), BaseFigureDef("a", "B")], "dipakai dua kali"),
        ([BaseFigureDef("a", "  ")], "keterangan"),
        ([BaseFigureDef(f"a{i}", "A") for i in range(11)], "Paling banyak 10"),
    ],
)
def test_bad_base_figures_are_refused(figures: list[BaseFigureDef], reason: str) -> None:
    with pytest.raises(FormulaError, match=reason):
        figures_check(figures)
