"""The first acceptance test: the demo report reproduces every figure of the seed that adds up,
and reports each one that does not (DOMAIN.md sections 5, 6, 8)."""

from __future__ import annotations

from decimal import Decimal as D
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


SEVERITIES = ["error", "warning", "info"]


def test_findings_one_per_cause_ranked(demo_report) -> None:
    """79 findings before causes were grouped; 35 now, errors first, each a sentence."""
    findings = demo_report["findings"]
    assert len(findings) == 35
    severities = [f["severity"] for f in findings]
    assert severities == sorted(severities, key=SEVERITIES.index)
    assert severities.count("error") == 14
    # a blank quarter only where the Rencana Aksi planned it (was 20)
    assert len(_findings(demo_report, "quarter_not_reported")) == 3
    for f in findings:
        assert f["message"][0].isupper(), f["message"]


def test_every_inconsistency_of_domain_section_8_is_a_finding(demo_report) -> None:
    r = demo_report
    # a stated annual value differs from the aggregate of its quarters; column 13 follows it
    [keu] = _findings(r, "annual_differs", row="Administrasi Keuangan Perangkat Daerah", measure="K")
    assert (keu["values"]["stated"], keu["values"]["computed"]) == ("75", "76")
    assert (
        "tercetak 75, hasil hitung 76" in keu["message"] and "TW I 25, TW II 25, TW III 13, TW IV 13" in keu["message"]
    )
    assert "Akibatnya: kolom 13" in keu["message"]
    assert not _findings(r, "cumulative_differs", row="Administrasi Keuangan Perangkat Daerah")
    [cetak] = _findings(r, "annual_differs", row="Penyediaan Barang Cetak dan Penggandaan", measure="K")
    assert (cetak["values"]["stated"], cetak["values"]["computed"]) == ("8", "10")
    assert "tercetak 8, hasil hitung 10" in cetak["message"]
    # Renja pagu above the whole Renstra funding: once for the kegiatan and the program carrying it
    [umkm] = _findings(r, "renja_exceeds_renstra", values={"budget": "11491259904", "strategic": "220500000"})
    assert "11.491.259.904" in umkm["message"] and "220.500.000" in umkm["message"] and UMKM in umkm["message"]
    # an implausible achievement, in the Indikator Tujuan table's column (not "12/7 K")
    [growth] = _findings(r, "implausible_achievement", indicator="Persentase Pertumbuhan Usaha Mikro")
    assert (growth["column"], growth["measure"]) == ("Capaian", None)
    assert growth["message"].startswith("Indikator Tujuan, kolom Capaian (%): capaian 6.792,42%")
    # budget spent in a quarter with no K reported (diklat, quarter I, Rp 4,000,000): once for three rows
    [spent] = _findings(r, "budget_without_output")
    assert spent["values"]["budget"] == "4000000" and spent["values"]["quarter"] == "I"
    assert "Rp 4.000.000" in spent["message"] and "Program pendidikan dan latihan perkoperasian" in spent["message"]
    # Rencana Aksi 300 UM against the Renja's 200 UM
    [ra] = _findings(
        r, "action_plan_stated_differs", row="Pemberdayaan Kelembagaan Potensi dan Pengembangan Usaha Mikro"
    )
    assert ra["values"] == {"action_plan": "300", "target": "200"}
    assert "Rencana Aksi 300 berbeda dengan target Renja 200" in ra["message"]
    # printed column 14 Rp ratios 51, 2, 100 instead of 5096.6 %, 178.8 %, 10014.4 %: each under the
    # Renstra funding below the pagu that it divides by (one cause, an error since it throws column 14 off)
    assert not _findings(r, "achievement_differs", column="14", measure="Rp")
    funding = {f["values"]["strategic"]: f for f in _findings(r, "renja_exceeds_renstra")}
    assert len(funding) == 2 and len(_findings(r, "renja_exceeds_renstra")) == 3
    for f in _findings(r, "renja_exceeds_renstra"):
        assert f["severity"] == "error" and "Akibatnya: kolom 14 (Capaian Renstra) Rp: tercetak" in f["message"]
    messages = " ".join(f["message"] for f in _findings(r, "renja_exceeds_renstra"))
    for text in (
        "tercetak 51%, hasil hitung 5.096,63%",
        "tercetak 2%, hasil hitung 178,85%",
        "tercetak 100%, hasil hitung 10.014,41%",
    ):
        assert text in messages, text
    # the printed average 99.60 against 99.45, under program UMKM's printed 100 % (397/400 = 99.25 %)
    [umkm_renja] = _findings(r, "achievement_differs", row=UMKM, column="12/7")
    assert umkm_renja["severity"] == "error" and r["findings"][0] == umkm_renja
    assert "tercetak 100%, hasil hitung 99,25%" in umkm_renja["message"]
    assert "Akibatnya: rata-rata capaian kinerja tercetak 99,60%, hasil hitung 99,45%" in umkm_renja["message"]
    assert not _findings(r, "average_differs")
    for f in r["findings"]:
        assert f["message"] and f["severity"] in {"error", "warning", "info"}


PENGAWASAN = (
    "Program pengawasan dan pemeriksaan koperasi",
    "Pemeriksaan dan Pengawasan Koperasi, Koperasi Simpan Pinjam/Unit Simpan Pinjam Koperasi yang Wilayah "
    "Keanggotaannya dalam Daerah Kabupaten/ Kota",
    "Pemeriksaan Kepatuhan Koperasi terhadap Peraturan Perundang- Undangan Kewenangan Kabupaten/Kota",
)


def test_pengawasan_tw_ii_repeated_in_tw_iv_is_one_finding(demo_report) -> None:
    """30 kop / Rp 24,302,250 under both TW II and TW IV: one finding for three rows, not twelve."""
    [repeat] = _findings(demo_report, "quarter_repeated")
    assert (repeat["row"], repeat["column"], repeat["measure"], repeat["severity"]) == (
        PENGAWASAN[2],
        "11",
        "Rp",
        "error",
    )
    assert repeat["values"] == {
        "quarter": "IV",
        "source": "II",
        "budget": "24302250",
        "value": "30",
        "unit": "kop",
        "rows": 3,
    }
    message = repeat["message"]
    assert message.startswith("Triwulan IV mengulang angka triwulan II (30 kop; Rp 24.302.250)")
    assert all(name in message for name in PENGAWASAN[:2])  # its own row is printed beside it
    # the totals it throws off, each said once
    for text in (
        "kolom 12 (Realisasi Renja) Rp: tercetak 24.302.250, hasil hitung 48.604.500",
        "kolom 13 (Realisasi Renstra s.d. tahun ini) Rp",
        "kolom 14 (Capaian Renstra) Rp: tercetak 18%, hasil hitung 36,74%",
        "realisasi anggaran 48.604.500 melebihi pagu 27.784.250",
    ):
        assert message.count(text) == 1, text
    assert not [f for f in demo_report["findings"] if f["row"] in PENGAWASAN and f is not repeat]


def test_consequences_are_under_their_cause(agency) -> None:
    from domain.findings import Code, walk
    from reporting.report import report_build

    findings = report_build(agency=agency, year=2021, quarter=4).evaluation.findings
    assert len(findings) == 35 and len(list(walk(findings))) == 45
    [repeat] = [f for f in findings if f.code is Code.QUARTER_REPEATED]
    assert repeat.other_rows == PENGAWASAN[:2]
    assert [(c.code, c.other_rows) for c in repeat.consequences] == [
        (Code.ANNUAL_DIFFERS, PENGAWASAN[:2]),
        (Code.BUDGET_OVERRUN, PENGAWASAN[:2]),
    ]
    assert [c.code for c in repeat.consequences[0].consequences] == [Code.CUMULATIVE_DIFFERS, Code.ACHIEVEMENT_DIFFERS]
    [average] = [f for f in walk(findings) if f.code is Code.AVERAGE_DIFFERS]
    assert (str(average.values["stated"]), round(average.values["computed"], 2)) == ("99.60", D("99.45"))


def test_blank_is_not_zero(demo_report) -> None:
    pendataan = line(demo_report, "Pendataan Potensi dan Pengembangan Usaha Mikro")
    assert [q["value"] for q in pendataan["quarters"]] == ["0", None, None, "200"]
    keu = line(demo_report, "Administrasi Keuangan Perangkat Daerah")
    assert keu["strategic_target"]["value"] is None
    assert keu["cumulative_achievement"]["value"] is None  # no target: "-", never 0 or 100
