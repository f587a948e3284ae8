from __future__ import annotations

from decimal import Decimal

import pytest

from domain.aggregation import aggregate, cumulative, default_aggregation, matching_aggregations, sum_reported
from domain.types import Aggregation as A

D = Decimal
N = None


@pytest.mark.parametrize(
    ("quarters", "aggregation", "upto", "expected"),
    [
        # SUM: things done in each quarter (seed: kendaraan dipelihara 3, 4, 1, 6 -> 14)
        ((D(3), D(4), D(1), D(6)), A.SUM, 4, D(14)),
        ((D(3), D(4), D(1), D(6)), A.SUM, 2, D(7)),  # as of quarter II: III and IV not counted
        ((D(59), D(17), D(9), D(13)), A.SUM, 4, D(98)),  # % increments (Program Penunjang)
        ((N, D(105), D(0), D(292)), A.SUM, 4, D(397)),  # blank skipped, "-" is 0
        ((N, N, N, N), A.SUM, 4, None),  # nothing reported: no value, not 0
        ((D(0), D(0), N, N), A.SUM, 4, D(0)),  # reported as nothing: 0
        # LAST: a level (seed: 24 ASN every quarter -> 24, not 96; 7 rekening -> 7)
        ((D(24), D(24), D(24), D(24)), A.LAST, 4, D(24)),
        ((D(7), D(7), D(7), D(7)), A.LAST, 4, D(7)),
        ((D(10), D(20), N, N), A.LAST, 4, D(20)),  # latest reported, blank is not 0
        ((D(10), D(20), D(0), N), A.LAST, 4, D(0)),  # a reported 0 is a level
        ((D(10), D(20), D(30), D(40)), A.LAST, 3, D(30)),
        ((N, N, N, N), A.LAST, 4, None),
        # AVG: mean of the reported quarters only
        ((D(80), D(90), N, N), A.AVG, 4, D(85)),
        ((D(1), D(2), D(2), N), A.AVG, 4, D(5) / 3),
        ((N, N, N, N), A.AVG, 4, None),
        # MAX
        ((D(5), D(9), D(7), N), A.MAX, 4, D(9)),
        ((D(5), D(9), D(7), D(12)), A.MAX, 3, D(9)),
        ((N, N, N, N), A.MAX, 4, None),
    ],
)
def test_aggregate(quarters, aggregation, upto, expected) -> None:
    assert aggregate(quarters, aggregation, upto) == expected


@pytest.mark.parametrize("upto", [0, 5, -1])
def test_aggregate_refuses_a_quarter_out_of_range(upto: int) -> None:
    with pytest.raises(ValueError):
        aggregate((D(1), D(1), D(1), D(1)), A.SUM, upto)


def test_rupiah_always_sums_reported_quarters() -> None:
    assert sum_reported((D("555058949"), D("771163734"), D("542737269"), D("533508649"))) == D("2402468601")
    assert sum_reported((N, N, N, N)) is None


@pytest.mark.parametrize(
    ("prior", "annual", "aggregation", "expected"),
    [
        (D(100), D(14), A.SUM, D(114)),  # 13 = 6 + 12
        (None, D(14), A.SUM, D(14)),
        (D(100), None, A.SUM, D(100)),
        (None, None, A.SUM, None),
        (D("55.1"), D("60.72"), A.LAST, D("60.72")),  # a level carries its latest value (seed 60.72 in both)
        (D("55.1"), None, A.LAST, D("55.1")),  # nothing this year: the earlier level
        (D(90), D(80), A.MAX, D(80)),
        (D(90), D(80), A.AVG, D(80)),
    ],
)
def test_cumulative(prior, annual, aggregation, expected) -> None:
    assert cumulative(prior, annual, aggregation) == expected


@pytest.mark.parametrize(
    ("name", "unit", "expected"),
    [
        ("Jumlah UM yang diberdayakan", "UM", A.SUM),
        ("Jumlah ASN terlayani gaji dan tunjangan", "ASN", A.SUM),
        ("Persentase Koperasi Aktif", "%", A.LAST),
        ("Cakupan layanan", "%", A.LAST),  # satuan % alone decides
        ("Indeks Kepuasan Masyarakat", "indeks", A.LAST),
        ("Rasio elektrifikasi", "rasio", A.LAST),
        ("Nilai SAKIP", "nilai", A.LAST),
        ("Angka Kematian Bayi", "per 1000", A.LAST),
        ("Tingkat pengangguran terbuka", "persen", A.LAST),
        ("Rata-rata lama sekolah", "tahun", A.LAST),
        ("rata rata lama sekolah", "tahun", A.LAST),
        ("Dokumen perencanaan yang disusun", "dok", A.SUM),
        ("Penilaian kesehatan koperasi", "kop", A.SUM),  # "Nilai" only as the first word
    ],
)
def test_default_aggregation(name: str, unit: str, expected: A) -> None:
    assert default_aggregation(name, unit) is expected


@pytest.mark.parametrize(
    ("quarters", "stated", "expected"),
    [
        ((D(24), D(24), D(24), D(24)), D(24), [A.LAST, A.MAX, A.AVG]),
        ((D(3), D(4), D(1), D(6)), D(14), [A.SUM]),
        ((D(25), D(25), D(13), D(13)), D(75), []),  # seed: Administrasi Keuangan, no rule gives 75
        ((D(3), D(5), N, D(2)), D(8), []),  # seed: Barang Cetak
    ],
)
def test_matching_aggregations(quarters, stated, expected) -> None:
    assert matching_aggregations(quarters, stated) == expected
