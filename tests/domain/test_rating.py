from __future__ import annotations

from decimal import Decimal

import pytest

from domain.rating import DEFAULT_BANDS, RatingBand, average, rating, validate_bands

D = Decimal


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("99.45"), "Sangat Tinggi"),
        (D("150"), "Sangat Tinggi"),  # above 100 is still Sangat Tinggi
        (D("6792.4"), "Sangat Tinggi"),
        (D("91"), "Sangat Tinggi"),
        (D("90.99"), "Tinggi"),
        (D("90.999999"), "Tinggi"),  # on the unrounded value: 90.999999 is not 91
        (D("76"), "Tinggi"),
        (D("75.99"), "Sedang"),
        (D("66"), "Sedang"),
        (D("65.999"), "Rendah"),
        (D("51"), "Rendah"),
        (D("50.999"), "Sangat Rendah"),
        (D("0"), "Sangat Rendah"),
        (D("-5"), "Sangat Rendah"),
        (None, None),
    ],
)
def test_rating_bands_are_half_open_without_gaps(value, expected) -> None:
    assert rating(value, DEFAULT_BANDS) == expected


def test_bands_are_data() -> None:
    bands = (RatingBand(D(80), "Baik"), RatingBand(None, "Kurang"))
    assert rating(D(80), bands) == "Baik"
    assert rating(D("79.99"), bands) == "Kurang"


@pytest.mark.parametrize(
    ("bands", "problems"),
    [
        (DEFAULT_BANDS, []),
        (
            (RatingBand(D(50), "A"), RatingBand(D(60), "B"), RatingBand(None, "C")),
            ["lower bounds must strictly decrease"],
        ),
        ((RatingBand(D(50), "A"),), ["the lowest band must have no lower bound"]),
        ((), ["no bands"]),
    ],
)
def test_validate_bands(bands, problems) -> None:
    assert validate_bands(bands) == problems


@pytest.mark.parametrize(
    ("values", "cap", "expected"),
    [
        ([D("99.25"), D(100), D(100), D(100), D(98)], None, D("99.45")),  # the seed's five programs
        ([D(100), D(6792), None], None, (D(100) + D(6792)) / 2),  # missing values are left out
        ([D(100), D(6792)], D(120), D(110)),  # a cap used only for averaging
        ([None, None], None, None),
        ([], None, None),
        ([D(0)], None, D(0)),
    ],
)
def test_average(values, cap, expected) -> None:
    assert average(values, cap) == expected
