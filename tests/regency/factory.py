"""A small pemda of three PD whose E.79 figures are worked out by hand in the tests.

Kabupaten Uji E79 (slug ``uji-e79``), 2021, four quarters entered:

PD A Dinas Koperasi Uji (urusan 2, bidang 2.17)
  2.17.03 Pengawasan Koperasi: koperasi diawasi (SUM) target 40, 10+10+5+15 = 40 -> 100 %
    2.17.03.2.01 kegiatan: pagu 100.000.000; 20+30+25+15 juta = 90 juta -> 90 %
  2.17.07 Pemberdayaan UMKM: persentase UM naik kelas (%, LAST) target 20, 5/10/12/16 -> 16 -> 80 %
    2.17.07.2.01 kegiatan: pagu 50.000.000; 10 juta x 4 = 40 juta -> 80 %
  average (100 + 80) / 2 = 90 -> Tinggi; Rp 150 juta, realised 130 juta
PD B Dinas Pendidikan Uji (urusan 1, bidang 1.01)
  1.01.02 Pengelolaan Pendidikan: angka partisipasi (%, LAST) target 95, 90/92/93/95 -> 95 -> 100 %
    1.01.02.2.01: pagu 200 juta; 50 juta x 4 = 200 juta -> 100 %
  average 100 -> Sangat Tinggi
PD C Dinas Kesehatan Uji (urusan 1, bidang 1.02)
  1.02.01 Penunjang: dokumen (SUM) target 10, 2+2+2+0 = 6 -> 60 %
    1.02.01.2.01: pagu 100 juta; 25 juta x 4 = 100 juta -> 100 %
  1.02.02 Upaya Kesehatan: angka kematian ibu (negative, LAST) target 10, realised 12 -> (20-12)/10 = 80 %
    1.02.02.2.01: pagu 300 juta; 60 + 60 + 60 juta, TW IV blank = 180 juta -> 60 %
  average (60 + 80) / 2 = 70 -> Sedang
Pemda: mean of the five programs (100 + 80 + 100 + 60 + 80) / 5 = 84 -> Tinggi;
       pagu 750 juta, realised 610 juta.
"""

from __future__ import annotations

from decimal import Decimal

from domain.types import Aggregation, Direction, Level
from planning.documents import AgencyDoc, IndicatorDoc, PlanDocument, RegionDoc, ReportDoc, RowDoc

REGION = "uji-e79"
YEAR = 2021
M = Decimal(1_000_000)


def D(v: str | int) -> Decimal:
    return Decimal(str(v))


def _q(*values: int | str | None) -> tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]:
    out = [None if v is None else D(v) for v in values]
    return (out[0], out[1], out[2], out[3])


def _money(*juta: int | None) -> tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]:
    out = [None if v is None else D(v) * M for v in juta]
    return (out[0], out[1], out[2], out[3])


def _program(
    code: str,
    name: str,
    indicator: IndicatorDoc,
    pagu_juta: int,
    spent_juta: tuple[int | None, ...],
    output: IndicatorDoc,
) -> RowDoc:
    activity = RowDoc(
        level=Level.ACTIVITY,
        code=f"{code}.2.01",
        name=f"Kegiatan {name}",
        budget=D(pagu_juta) * M,
        strategic_budget=D(pagu_juta) * M * 5,
        budget_quarters=_money(*spent_juta),
        indicators=[output],
    )
    return RowDoc(level=Level.PROGRAM, code=code, name=f"Program {name}", indicators=[indicator], children=[activity])


def _ind(
    name: str,
    unit: str,
    target: int,
    quarters: tuple[int | None, ...],
    aggregation: Aggregation,
    direction: Direction = Direction.POSITIVE,
    action_plan: tuple[int | None, ...] = (None, None, None, None),
) -> IndicatorDoc:
    return IndicatorDoc(
        name=name,
        unit=unit,
        aggregation=aggregation,
        direction=direction,
        target=D(target),
        strategic_target=D(target),
        quarters=_q(*quarters),
        action_plan=_q(*action_plan),
    )


def _document(slug: str, name: str, programs: list[RowDoc], quarter: int = 4) -> PlanDocument:
    objective = RowDoc(
        level=Level.OBJECTIVE,
        name=f"Sasaran {name}",
        children=programs,
        indicators=[IndicatorDoc(name=f"Indeks kinerja {name}", unit="indeks", target=D(3))],
    )
    return PlanDocument(
        region=RegionDoc(slug=REGION, name="Kabupaten Uji E79", place="Uji"),
        agency=AgencyDoc(slug=slug, name=name),
        strategic_start=2021,
        strategic_end=2025,
        year=YEAR,
        report=ReportDoc(quarter=quarter),
        tree=[objective],
    )


def documents() -> list[PlanDocument]:
    kegiatan = Aggregation.SUM
    return [
        _document(
            "uji-koperasi",
            "Dinas Koperasi Uji",
            [
                _program(
                    "2.17.03",
                    "Pengawasan Koperasi",
                    _ind(
                        "Koperasi yang diawasi",
                        "koperasi",
                        40,
                        (10, 10, 5, 15),
                        Aggregation.SUM,
                        action_plan=(10, 10, 10, 10),
                    ),
                    100,
                    (20, 30, 25, 15),
                    _ind("Laporan pengawasan", "laporan", 4, (1, 1, 1, 1), kegiatan),
                ),
                _program(
                    "2.17.07",
                    "Pemberdayaan UMKM",
                    _ind(
                        "Persentase UM naik kelas",
                        "%",
                        20,
                        (5, 10, 12, 16),
                        Aggregation.LAST,
                        action_plan=(5, 10, 15, 20),
                    ),
                    50,
                    (10, 10, 10, 10),
                    _ind("UM yang dilatih", "orang", 40, (10, 10, 10, 10), kegiatan),
                ),
            ],
        ),
        _document(
            "uji-pendidikan",
            "Dinas Pendidikan Uji",
            [
                _program(
                    "1.01.02",
                    "Pengelolaan Pendidikan",
                    _ind("Angka partisipasi sekolah", "%", 95, (90, 92, 93, 95), Aggregation.LAST),
                    200,
                    (50, 50, 50, 50),
                    _ind("Sekolah yang dibina", "sekolah", 20, (5, 5, 5, 5), kegiatan),
                )
            ],
        ),
        _document(
            "uji-kesehatan",
            "Dinas Kesehatan Uji",
            [
                _program(
                    "1.02.01",
                    "Penunjang Kesehatan",
                    _ind("Dokumen perencanaan", "dokumen", 10, (2, 2, 2, 0), Aggregation.SUM, action_plan=(1, 3, 3, 3)),
                    100,
                    (25, 25, 25, 25),
                    _ind("Laporan keuangan", "laporan", 12, (3, 3, 3, 3), kegiatan),
                ),
                _program(
                    "1.02.02",
                    "Upaya Kesehatan",
                    _ind("Angka kematian ibu", "kasus", 10, (12, 12, 12, 12), Aggregation.LAST, Direction.NEGATIVE),
                    300,
                    (60, 60, 60, None),
                    _ind("Puskesmas yang dibina", "puskesmas", 25, (5, 5, 5, 5), kegiatan),
                ),
            ],
        ),
    ]


def load() -> None:
    from planning.roles import SYSTEM
    from planning.services.documents import document_load

    for document in documents():
        document_load(document=document, actor=SYSTEM, reason="uji E.79")
