"""The first acceptance test: the demo report reproduces every figure of the seed that adds up,
and reports each one that does not (DOMAIN.md sections 5, 6, 8)."""

from __future__ import annotations

from typing import Any

import pytest

UMKM = "Program pemberdayaan usaha menengah, usaha kecil, dan usaha mikro (UMKM)"
PENUNJANG = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"


def line(report: dict[str, Any], name: str, indicator: str | None = None) -> dict[str, Any]:
    matches = [r for r in report["rows"] if r["name"] == name and (indicator is None or r["indicator"] == indicator)]
    assert matches, f"no row {name!r}"
    return matches[0]


def test_header(demo_report) -> None:
    assert demo_report["form"] == "E.81"
    assert demo_report["agency"] == {"slug": "diskopum-lumajang", "name": "Dinas Koperasi dan Usaha Mikro"}
    assert demo_report["region"] == {"slug": "lumajang", "name": "Kabupaten Lumajang"}
    assert (demo_report["year"], demo_report["quarter"]) == (2021, 4)
    assert [i["indicator"] for i in demo_report["rkpd_indicators"]] == [
        "Persentase Koperasi Aktif",
        "Persentase Pertumbuhan Usaha Mikro",
    ]


def test_program_umkm_totals(demo_report) -> None:
    umkm = line(demo_report, UMKM)
    assert umkm["annual_realization"] == {"value": "397", "budget": "11238069445"}
    assert umkm["cumulative_realization"] == {"value": "397", "budget": "11238069445"}
    assert umkm["annual_achievement"]["value"] == "99.25"


def test_program_penunjang_pagu_is_the_sum_of_its_kegiatan(demo_report) -> None:
    penunjang = line(demo_report, PENUNJANG)
    assert penunjang["annual_target"]["budget"] == "3025650964"
    assert penunjang["annual_realization"] == {"value": "98", "budget": "2998683186"}
    kegiatan = [r for r in demo_report["rows"] if r["level"] == "activity" and r["first_of_row"]]
    index = demo_report["rows"].index(penunjang)
    own = [r for r in kegiatan if demo_report["rows"].index(r) > index]
    assert len(own) == 6
    assert sum(int(r["annual_target"]["budget"]) for r in own) == 3025650964
    assert not [f for f in demo_report["findings"] if f["code"] == "parent_budget_differs"]


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        ("Jumlah ASN terlayani gaji dan tunjangan", "24"),  # not 96: a level
        ("Jumlah rekening yang dibayar", "7"),
        ("Jumlah kendaraan dinas operasional/lapangan yang dipelihara", "14"),  # 3 + 4 + 1 + 6
    ],
)
def test_levels_are_not_summed(demo_report, indicator, expected) -> None:
    [row] = [r for r in demo_report["rows"] if r["indicator"] == indicator]
    assert row["annual_realization"]["value"] == expected


def test_indicator_tables(demo_report) -> None:
    objectives = {i["indicator"]: i["achievement"] for i in demo_report["objective_indicators"]}
    assert objectives == {
        "Persentase Perkembangan Usaha Mikro": "97.04",
        "Persentase Koperasi yang melaksanakan RAT": "74.94",
        "Persentase Koperasi Sehat dan Cukup Sehat": "91.43",
    }
    goals = {i["indicator"]: i["achievement"] for i in demo_report["goal_indicators"]}
    assert goals["Persentase Koperasi Aktif"] == "98.98"
    assert goals["Persentase Pertumbuhan Usaha Mikro"].startswith("6792.4")
    formulas = [i["formula"] for i in demo_report["goal_indicators"]]
    assert formulas[0] == "Jml koperasi aktif / jml seluruh koperasi X 100 %"


def test_column_14(demo_report) -> None:
    rat = line(demo_report, "Meningkatnya Kualitas Koperasi", "Persentase Koperasi yang melaksanakan RAT")
    assert rat["cumulative_achievement"]["value"] == "74.87"
    diklat = line(demo_report, "Program pendidikan dan latihan perkoperasian")
    assert diklat["cumulative_achievement"]["budget"] == "80.95"


def test_average_and_rating(demo_report) -> None:
    assert demo_report["average_achievement"] == "99.45"
    assert demo_report["average_count"] == 5
    assert demo_report["rating"] == "Sangat Tinggi"
    assert demo_report["settings"]["negative_formula"] == "two_t_minus_r"
    assert [b["label"] for b in demo_report["settings"]["rating_bands"]][0] == "Sangat Tinggi"


def _findings(report, code, **where):
    return [f for f in report["findings"] if f["code"] == code and all(f.get(k) == v for k, v in where.items())]


def test_every_inconsistency_of_domain_section_8_is_a_finding(demo_report) -> None:
    r = demo_report
    # a stated annual value differs from the aggregate of its quarters
    [keu] = _findings(r, "annual_differs", row="Administrasi Keuangan Perangkat Daerah", measure="K")
    assert (keu["values"]["stated"], keu["values"]["computed"]) == ("75", "76")
    [cetak] = _findings(r, "annual_differs", row="Penyediaan Barang Cetak dan Penggandaan", measure="K")
    assert (cetak["values"]["stated"], cetak["values"]["computed"]) == ("8", "10")
    # Renja pagu above the whole Renstra funding
    [umkm] = _findings(r, "renja_exceeds_renstra", row=UMKM)
    assert umkm["values"] == {"budget": "11491259904", "strategic": "220500000"}
    # an implausible achievement
    assert _findings(r, "implausible_achievement", indicator="Persentase Pertumbuhan Usaha Mikro")
    # budget spent in a quarter with no K reported (diklat, quarter I, Rp 4,000,000)
    spent = _findings(r, "budget_without_output", row="Program pendidikan dan latihan perkoperasian")
    assert spent and spent[0]["values"]["budget"] == "4000000"
    # Rencana Aksi 300 UM against the Renja's 200 UM
    [ra] = _findings(
        r, "action_plan_stated_differs", row="Pemberdayaan Kelembagaan Potensi dan Pengembangan Usaha Mikro"
    )
    assert ra["values"] == {"action_plan": "300", "target": "200"}
    # printed column 14 Rp ratios 51, 2, 100 instead of 5096.6 %, 178.8 %, 10014.4 %
    ratios = {
        f["values"]["stated"]: f["values"]["computed"][:6]
        for f in _findings(r, "achievement_differs", column="14", measure="Rp")
    }
    assert ratios["51"].startswith("5096.6") and ratios["2"].startswith("178.8") and ratios["100"].startswith("10014.")
    # the printed average 99.60 against 99.45 (program UMKM reached 397/400 = 99.25, printed 100)
    [avg] = _findings(r, "average_differs")
    assert avg["values"]["stated"] == "99.60" and avg["values"]["computed"].startswith("99.45")
    assert _findings(r, "achievement_differs", row=UMKM, column="12/7")
    # every finding names its place and says it in Indonesian
    for f in r["findings"]:
        assert f["message"] and f["severity"] in {"error", "warning", "info"}


def test_blank_is_not_zero(demo_report) -> None:
    pendataan = line(demo_report, "Pendataan Potensi dan Pengembangan Usaha Mikro")
    assert [q["value"] for q in pendataan["quarters"]] == ["0", None, None, "200"]
    keu = line(demo_report, "Administrasi Keuangan Perangkat Daerah")
    assert keu["strategic_target"]["value"] is None
    assert keu["cumulative_achievement"]["value"] is None  # no target: "-", never 0 or 100
