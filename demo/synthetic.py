"""A synthetic regency: deterministic plan documents of realistic shape, for the benchmark and tests.

``synthetic_document(seed=1, index=0, rows=300, year=2021)`` is one Perangkat Daerah whose E.81
table has exactly ``rows`` indicator lines: tujuan > sasaran > program > kegiatan > sub kegiatan,
Rp that roll up, every aggregation (SUM, LAST, AVG, MAX, the SUM of % increments, the default),
negative indicators, blank quarters next to "-" (0), annual outcomes, a Rencana Aksi per indicator
and four quarters of realisation.  A few inconsistencies are planted on purpose, as real reports
carry them (``FLAWS``).  Each agency draws from its own ``random.Random(f"{seed}:{index}")``, so
agency 3 is the same whether 5 or 50 are generated.  No database here: ``document_load`` writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from random import Random

from domain.aggregation import aggregate
from domain.inputs import Stated
from domain.rating import DEFAULT_BANDS
from domain.types import NO_QUARTERS, Aggregation, Direction, Level, Periodicity, Quarters
from planning.documents import AgencyDoc, IndicatorDoc, PlanDocument, RegionDoc, ReportDoc, RowDoc, Source

REGION_SLUG = "sintetis"
# Deliberate inconsistencies, at most one of each per agency (fewer when the plan is too small).
FLAWS = (
    "parent_budget_differs",  # a kegiatan's pagu is not the sum of its sub kegiatan
    "budget_overrun",  # a sub kegiatan spends more than its pagu
    "renja_exceeds_renstra",  # a program's pagu exceeds its Renstra funding
    "annual_differs",  # a printed column 12 that is not the aggregate of the quarters
    "action_plan_differs",  # Rencana Aksi quarters that do not add up to the target
    "quarter_not_reported",  # a past quarter left blank
)

AGENCY_NAMES = (
    "Dinas Pendidikan", "Dinas Kesehatan", "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan dan Kawasan Permukiman", "Satuan Polisi Pamong Praja", "Dinas Sosial",
    "Dinas Tenaga Kerja", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "Dinas Ketahanan Pangan",
    "Dinas Lingkungan Hidup", "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Pengendalian Penduduk dan Keluarga Berencana", "Dinas Perhubungan", "Dinas Komunikasi dan Informatika",
    "Dinas Koperasi dan Usaha Mikro", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Kepemudaan dan Olahraga", "Dinas Perpustakaan dan Kearsipan", "Dinas Perikanan",
    "Dinas Pariwisata dan Kebudayaan", "Dinas Pertanian", "Dinas Perdagangan", "Dinas Perindustrian",
    "Badan Perencanaan Pembangunan Daerah", "Badan Keuangan dan Aset Daerah", "Badan Pendapatan Daerah",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Badan Penanggulangan Bencana Daerah",
    "Badan Kesatuan Bangsa dan Politik", "Inspektorat", "Sekretariat Daerah", "Sekretariat DPRD",
    "Rumah Sakit Umum Daerah", "Kecamatan Kota", "Kecamatan Sukodono", "Kecamatan Tempeh", "Kecamatan Pasirian",
    "Kecamatan Candipuro", "Kecamatan Pronojiwo", "Kecamatan Tempursari", "Kecamatan Kunir",
    "Kecamatan Yosowilangun", "Kecamatan Rowokangkung", "Kecamatan Jatiroto", "Kecamatan Randuagung",
    "Kecamatan Klakah", "Kecamatan Ranuyoso", "Kecamatan Kedungjajang", "Kecamatan Senduro",
)  # fmt: skip
PROGRAMS = (
    "Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "Perencanaan, Pengendalian dan Evaluasi Pembangunan",
    "Peningkatan Kapasitas Sumber Daya Aparatur", "Pengelolaan Pelayanan Publik", "Pemberdayaan Masyarakat",
    "Pengembangan Ekonomi Lokal", "Peningkatan Kualitas Data dan Informasi", "Pengawasan dan Pengendalian",
    "Penyelenggaraan Sarana dan Prasarana", "Pembinaan dan Pengembangan Kelembagaan",
)  # fmt: skip
ACTIVITIES = (
    "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", "Administrasi Keuangan Perangkat Daerah",
    "Administrasi Kepegawaian Perangkat Daerah", "Administrasi Umum Perangkat Daerah",
    "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
    "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "Pemeliharaan Barang Milik Daerah",
    "Pembinaan dan Pengawasan Pelaksanaan Program", "Fasilitasi dan Pendampingan Masyarakat",
    "Koordinasi dan Sinkronisasi Kebijakan", "Pendataan dan Pengelolaan Informasi",
)  # fmt: skip
SUB_ACTIVITIES = (
    "Penyusunan Dokumen Perencanaan Perangkat Daerah", "Koordinasi dan Penyusunan Laporan Capaian Kinerja",
    "Penyediaan Gaji dan Tunjangan ASN", "Penyediaan Peralatan dan Perlengkapan Kantor",
    "Penyediaan Barang Cetakan dan Penggandaan", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
    "Pemeliharaan Kendaraan Dinas Operasional", "Sosialisasi Peraturan Perundang-undangan",
    "Pelatihan Teknis bagi Pelaku Usaha", "Pendataan Potensi dan Sebaran Usaha", "Monitoring dan Evaluasi Lapangan",
    "Rehabilitasi Sarana dan Prasarana Gedung Kantor", "Bimbingan Teknis Pengelolaan Keuangan",
    "Pendampingan Kelompok Masyarakat", "Penyelenggaraan Rapat Koordinasi dan Konsultasi",
)  # fmt: skip
OUTPUTS = (  # (object of an output indicator, its satuan)
    ("dokumen perencanaan yang tersusun", "dokumen"), ("laporan keuangan yang tersusun", "laporan"),
    ("ASN yang mengikuti pelatihan", "orang"), ("kendaraan dinas yang dipelihara", "unit"),
    ("paket peralatan kantor yang disediakan", "paket"), ("kegiatan sosialisasi yang dilaksanakan", "kegiatan"),
    ("pelaku usaha yang dilatih", "orang"), ("desa yang didampingi", "desa"), ("rapat koordinasi", "kali"),
    ("gedung yang direhabilitasi", "unit"), ("kelompok masyarakat yang dibina", "kelompok"),
    ("layanan perizinan yang diterbitkan", "izin"),
)  # fmt: skip
SHARES = (
    "dokumen perencanaan yang tepat waktu", "capaian kinerja yang dilaporkan", "aset yang tercatat",
    "pengaduan yang ditindaklanjuti", "kelompok masyarakat yang aktif", "usaha yang berkembang",
    "data yang termutakhirkan", "layanan yang memenuhi standar",
)  # fmt: skip
_AREAS = ("Wilayah Utara", "Wilayah Selatan", "Wilayah Timur", "Wilayah Barat", "Wilayah Tengah")
FUNDING = ("DAU", "DAU", "DAU", "PAD", "DAK Fisik", "DAK Non Fisik", "DBHCHT")


@dataclass(frozen=True)
class _Kind:
    """One shape of indicator: how it is named, counted and which way is better."""

    key: str
    aggregation: Aggregation | None  # None: left to the default of DOMAIN.md section 4
    direction: Direction = Direction.POSITIVE


KINDS = {
    k.key: k
    for k in (
        _Kind("count", Aggregation.SUM),  # things done in the quarter
        _Kind("count_default", None),  # "Jumlah ...": the default (SUM) applies
        _Kind("count_level", Aggregation.LAST),  # a stock counted at a moment (ASN terlayani)
        _Kind("share", Aggregation.LAST),  # an outcome %
        _Kind("share_default", None),  # "Persentase ...": the default (LAST) applies
        _Kind("progress", Aggregation.SUM),  # % reported as the quarter's increment
        _Kind("mean_time", Aggregation.AVG, Direction.NEGATIVE),  # rata-rata hari: lower is better
        _Kind("index", Aggregation.MAX),  # the highest level reached
        _Kind("error_rate", Aggregation.LAST, Direction.NEGATIVE),  # an error %
        _Kind("audit_findings", Aggregation.SUM, Direction.NEGATIVE),  # temuan: fewer is better
    )
}
# Output kinds of kegiatan and sub kegiatan, with their weights; the first indicators of every
# document take each kind once so that even a small document has all of them.
_OUTPUT_WEIGHTS = {
    "count": 40,
    "count_default": 12,
    "count_level": 8,
    "share": 10,
    "share_default": 5,
    "progress": 10,
    "mean_time": 5,
    "index": 4,
    "error_rate": 3,
    "audit_findings": 3,
}
_OUTCOME_KINDS = ("share", "share", "index", "error_rate", "share_default")


def _dec(value: float, places: int = 0) -> Decimal:
    """``value`` rounded to ``places`` decimals, built from an integer so that it is exact."""
    scale = 10**places
    return Decimal(round(value * scale)) / Decimal(scale)


def _q(values: Iterable[Decimal]) -> list[Decimal | None]:
    """Quarter values, typed so that a blank (``None``) may replace any of them."""
    return list(values)


def _thousands(value: float) -> Decimal:
    return Decimal(round(value / 1000) * 1000)


def _split(rng: Random, total: int, parts: int = 4) -> list[int]:
    """``total`` shared among ``parts`` non-negative integers."""
    weights = [rng.random() + 0.3 for _ in range(parts)]
    whole = sum(weights)
    out = [int(total * w / whole) for w in weights]
    out[-1] += total - sum(out)
    return out


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))


def _sum_quarters(parts: list[Quarters]) -> Quarters:
    def total(i: int) -> Decimal | None:
        present = [v for p in parts if (v := p[i]) is not None]
        return sum(present, Decimal(0)) if present else None

    return (total(0), total(1), total(2), total(3))


@dataclass
class _Values:
    target: Decimal
    strategic: Decimal
    prior: Decimal | None
    action_plan: list[Decimal | None]
    quarters: list[Decimal | None]


@dataclass
class _Agency:
    """The state of one agency's generation: its random stream, counters and the flaws to plant."""

    rng: Random
    year: int
    start: int
    end: int
    remaining: int
    urusan: str
    performance: float  # how well this agency delivers: spreads averages and ratings over the regency
    must: list[str] = field(default_factory=lambda: list(_OUTPUT_WEIGHTS))
    flaw_at: dict[str, int] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)
    programs: int = 0

    def ordinal(self, what: str) -> int:
        """0, 1, 2... for each successive ``what``: where planted flaws land."""
        n = self.seen.get(what, 0)
        self.seen[what] = n + 1
        return n

    def flawed(self, flaw: str, what: str) -> bool:
        return self.flaw_at.get(flaw) == self.ordinal(what)


def synthetic_region(*, year: int, slug: str = REGION_SLUG) -> RegionDoc:
    return RegionDoc(
        slug=slug,
        name="Kabupaten Sintetis",
        place="Sintetis",
        settings={"negative_formula": "two_t_minus_r", "average_basis": "programs", "average_source": "renja"},
        rating_bands={year: [(b.lower, b.label) for b in DEFAULT_BANDS]},
    )


def synthetic_regency(*, agencies: int, rows: int, year: int, seed: int) -> Iterator[PlanDocument]:
    """The documents of ``agencies`` Perangkat Daerah of ``rows`` indicator lines each."""
    region = synthetic_region(year=year)
    for index in range(agencies):
        yield synthetic_document(seed=seed, index=index, rows=rows, year=year, region=region)


def synthetic_document(
    *, seed: int, index: int, rows: int, year: int, region: RegionDoc | None = None, slug: str = ""
) -> PlanDocument:
    """Agency number ``index`` (0-based) of the regency of ``seed``: an E.81 table of ``rows`` lines."""
    rng = Random(f"{seed}:{index}")
    start = year - 2  # a Renstra in its third year: columns 6 and 13 have history to carry
    state = _Agency(
        rng=rng,
        year=year,
        start=start,
        end=start + 4,
        remaining=rows,
        urusan=f"{1 + index % 3}.{1 + index % 30:02d}",
        performance=rng.uniform(0.6, 1.05),
        flaw_at={
            "parent_budget_differs": rng.randrange(3),
            "budget_overrun": rng.randrange(6),
            "renja_exceeds_renstra": rng.randrange(3),
            "annual_differs": rng.randrange(8),
            "action_plan_differs": rng.randrange(4),
            "quarter_not_reported": rng.randrange(10),
        },
    )
    name = AGENCY_NAMES[index % len(AGENCY_NAMES)]
    if index >= len(AGENCY_NAMES):  # words, not numerals: a number in a title reads as a quarter or year
        name = f"{name} {_AREAS[(index // len(AGENCY_NAMES) - 1) % len(_AREAS)]}"
    slug = slug or f"pd-{index + 1:02d}"
    objectives: list[RowDoc] = []
    while state.remaining > 0:
        objectives.append(_objective(state, len(objectives) + 1))
    goal = RowDoc(
        level=Level.GOAL,
        name=f"Tujuan Renstra {name}",
        indicators=[_indicator(state, Level.GOAL, "share", position) for position in range(2)],
        children=objectives,
    )
    return PlanDocument(
        region=region or synthetic_region(year=year),
        agency=AgencyDoc(
            slug=slug,
            name=name,
            short_name=name.split(" dan ")[0],
            head_name=f"Kepala PD {index + 1:02d}, S.Sos., M.Si.",
            head_nip=_nip(index),
            head_title="Kepala",
        ),
        strategic_start=start,
        strategic_end=start + 4,
        year=year,
        work_plan_label="Renja murni",
        report=ReportDoc(
            quarter=4,
            drivers="Dukungan anggaran dan koordinasi lintas bidang yang baik",
            obstacles="Keterbatasan sumber daya manusia dan sarana pendukung",
            follow_up_quarter="Percepatan pelaksanaan kegiatan yang belum selesai",
            follow_up_renja="Penyesuaian target pada Renja tahun berikutnya",
        ),
        tree=[goal],
        source=Source(file=f"synth seed={seed} index={index} rows={rows}"),
    )


def _nip(index: int) -> str:
    """An 18-digit NIP: birth date, appointment month, sex, serial."""
    born = f"{1965 + index % 25}{1 + index % 12:02d}{1 + index % 28:02d}"
    return f"{born}{1990 + index % 25}{1 + index % 12:02d}{1 + index % 2}{index % 1000:03d}"


def _take(state: _Agency, wanted: int) -> int:
    n = max(1, min(wanted, state.remaining))
    state.remaining -= n
    return n


def _unique(name: str, used: set[str]) -> str:
    """Rows are matched by (parent, level, name): siblings must not share a name."""
    candidate, n = name, 1
    while candidate in used:
        n += 1
        candidate = f"{name} (Paket {n})"
    used.add(candidate)
    return candidate


def _objective(state: _Agency, number: int) -> RowDoc:
    rng = state.rng
    row = RowDoc(
        level=Level.OBJECTIVE,
        name=f"Meningkatnya kualitas kinerja layanan bidang {number}",
        indicators=[_indicator(state, Level.OBJECTIVE, rng.choice(_OUTCOME_KINDS), 0, f"sasaran {number}")],
    )
    state.remaining -= 1
    used: set[str] = set()
    for _ in range(rng.randint(2, 4)):
        if state.remaining <= 0:
            break
        row.children.append(_program(state, used))
    return row


def _program(state: _Agency, used: set[str]) -> RowDoc:
    rng = state.rng
    state.programs += 1
    number = state.programs
    code = f"{state.urusan}.{number:02d}" if number <= 99 else ""  # the code has two digits; beyond, none
    name = _unique(f"Program {PROGRAMS[(number - 1) % len(PROGRAMS)]}", used)
    count = _take(state, rng.choice((1, 1, 2)))
    row = RowDoc(
        level=Level.PROGRAM,
        name=name,
        code=code,
        responsible_unit="Sekretariat" if number % 3 == 1 else "Bidang Teknis",
        indicators=[_indicator(state, Level.PROGRAM, rng.choice(_OUTCOME_KINDS), i) for i in range(count)],
    )
    names: set[str] = set()
    for k in range(rng.randint(2, 5)):
        if state.remaining <= 0:
            break
        row.children.append(_activity(state, f"{code}.2.{k + 1:02d}" if code else "", names))
    _roll_up(state, row)
    years = state.end - state.start + 1
    if row.budget is not None:
        if state.flawed("renja_exceeds_renstra", "program"):
            row.strategic_budget = _thousands(float(row.budget) * 0.6)
        else:
            row.strategic_budget = _thousands(float(row.budget) * years * rng.uniform(1.0, 1.25))
    return row


def _activity(state: _Agency, code: str, used: set[str]) -> RowDoc:
    rng = state.rng
    name = _unique(rng.choice(ACTIVITIES), used)
    count = _take(state, rng.choice((1, 1, 2)))
    row = RowDoc(
        level=Level.ACTIVITY,
        name=name,
        code=code,
        indicators=[_indicator(state, Level.ACTIVITY, _output_kind(state), i) for i in range(count)],
    )
    names: set[str] = set()
    digits = 2 if state.year <= 2021 else 4  # Permendagri 90: four-digit sub kegiatan from 2022
    for s in range(rng.randint(2, 6)):
        if state.remaining <= 0:
            break
        row.children.append(_sub_activity(state, f"{code}.{s + 1:0{digits}d}" if code else "", names))
    _roll_up(state, row)
    if row.budget is not None and state.flawed("parent_budget_differs", "activity"):
        row.budget += Decimal(rng.randrange(1, 50) * 1_000_000)
    return row


def _sub_activity(state: _Agency, code: str, used: set[str]) -> RowDoc:
    rng = state.rng
    count = _take(state, rng.choice((1, 1, 1, 1, 1, 1, 2, 2, 2, 3)))
    indicators = [_indicator(state, Level.SUB_ACTIVITY, _output_kind(state), i) for i in range(count)]
    budget = Decimal(rng.randrange(20_000, 1_500_000) * 1_000)  # Rp 20 juta - 1,5 miliar
    absorbed = rng.uniform(1.03, 1.10) if state.flawed("budget_overrun", "sub_activity") else rng.uniform(0.7, 0.99)
    shares = _split(rng, 1000)
    spent: list[Decimal | None] = [_dec(float(budget) * absorbed * s / 1000) for s in shares]
    for i in range(4):
        if all(ind.quarters[i] is None for ind in indicators):
            spent[i] = None  # nothing reported in the quarter: no Rp either
    years_before = state.year - state.start
    return RowDoc(
        level=Level.SUB_ACTIVITY,
        name=_unique(rng.choice(SUB_ACTIVITIES), used),
        code=code,
        funding_source=rng.choice(FUNDING),
        budget=budget,
        prior_budget=_dec(float(budget) * years_before * rng.uniform(0.8, 1.0)) if years_before else None,
        budget_quarters=(spent[0], spent[1], spent[2], spent[3]),
        indicators=indicators,
    )


def _roll_up(state: _Agency, row: RowDoc) -> None:
    """A parent's entered Rp as spreadsheets have it: the sum of its children."""
    funded = [c for c in row.children if c.budget is not None]
    if not funded:
        return
    row.budget = sum((c.budget for c in funded if c.budget is not None), Decimal(0))
    priors = [c.prior_budget for c in funded if c.prior_budget is not None]
    row.prior_budget = sum(priors, Decimal(0)) if priors else None
    row.budget_quarters = _sum_quarters([c.budget_quarters for c in funded])


def _output_kind(state: _Agency) -> str:
    if state.must:
        return state.must.pop(0)
    return state.rng.choices(list(_OUTPUT_WEIGHTS), weights=list(_OUTPUT_WEIGHTS.values()))[0]


_NAMES = {
    "count": "Jumlah {output}",
    "count_default": "Jumlah {output}",
    "count_level": "Jumlah ASN yang terlayani gaji dan tunjangan",
    "share": "Persentase {share}",
    "share_default": "Persentase {share}",
    "progress": "Progres fisik pekerjaan {share}",
    "mean_time": "Rata-rata waktu penyelesaian layanan",
    "index": "Indeks kepuasan masyarakat",
    "error_rate": "Persentase kesalahan administrasi",
    "audit_findings": "Jumlah temuan hasil pemeriksaan",
}
_UNITS = {
    "count_level": "orang",
    "share": "%",
    "share_default": "%",
    "progress": "%",
    "mean_time": "hari",
    "index": "indeks",
    "error_rate": "%",
    "audit_findings": "temuan",
}


def _indicator(state: _Agency, level: Level, kind_key: str, position: int, qualifier: str = "") -> IndicatorDoc:
    rng = state.rng
    kind = KINDS[kind_key]
    output, unit = rng.choice(OUTPUTS)
    name = _NAMES[kind_key].format(output=output, share=rng.choice(SHARES))
    if qualifier:  # outcome tables list sasaran indicators by name: each names its own sasaran
        name = f"{name} {qualifier}"
    if position:
        name = f"{name} (indikator {position + 1})"  # indicator names are unique within a row
    # Tujuan and sasaran outcomes are measured once a year; rows with a budget report every quarter.
    annual = level in (Level.GOAL, Level.OBJECTIVE)
    values = _values(state, kind_key)
    quarters = values.quarters
    if annual:  # an outcome measured once a year: entered as the fourth quarter
        quarters = [None, None, None, quarters[3]]
        values.action_plan = [None, None, None, values.target]
    elif level is Level.SUB_ACTIVITY and state.flawed("quarter_not_reported", "sub_indicator"):
        quarters[1] = None
    aggregation = kind.aggregation or (Aggregation.LAST if _UNITS.get(kind_key) == "%" else Aggregation.SUM)
    if aggregation is Aggregation.SUM and level is not Level.GOAL and state.flawed("action_plan_differs", "summed"):
        values.action_plan[0] = (values.action_plan[0] or Decimal(0)) + 1
    stated: dict[Stated, str] = {}
    if level is Level.SUB_ACTIVITY:
        computed = aggregate(quarters, aggregation)
        if computed is not None and state.flawed("annual_differs", "stated"):
            stated[Stated.ANNUAL_REALIZATION] = _plain(computed + 1)
        elif computed is not None and rng.random() < 0.1:
            stated[Stated.ANNUAL_REALIZATION] = _plain(computed)  # most printed figures agree
    return IndicatorDoc(
        name=name,
        unit=_UNITS.get(kind_key, unit),
        aggregation=kind.aggregation,
        direction=kind.direction,
        periodicity=Periodicity.ANNUAL if annual else Periodicity.QUARTERLY,
        refers_to_rkpd=level is Level.GOAL,
        strategic_target=values.strategic,
        prior_realization=values.prior,
        target=values.target,
        quarters=(quarters[0], quarters[1], quarters[2], quarters[3]),
        action_plan=(values.action_plan[0], values.action_plan[1], values.action_plan[2], values.action_plan[3])
        if any(v is not None for v in values.action_plan)
        else NO_QUARTERS,
        stated=stated,
    )


def _values(state: _Agency, kind: str) -> _Values:
    """Target, Renstra target, prior realisation, Rencana Aksi and quarters of one indicator."""
    rng = state.rng
    years_before = state.year - state.start
    years = state.end - state.start + 1
    u = rng.uniform
    perf = state.performance
    if kind in ("count", "count_default", "audit_findings"):
        n = rng.randrange(2, 12) if kind == "audit_findings" else rng.randrange(4, 400)
        done = rng.randrange(0, n + 3) if kind == "audit_findings" else round(n * u(0.75, 1.12) * perf)
        parts = _split(rng, done)
        for i in range(3):
            if rng.random() < 0.12:  # "-": reported as nothing; the work moves to the last quarter
                parts[3] += parts[i]
                parts[i] = 0
        quarters = _q(Decimal(q) for q in parts)
        prior = Decimal(round(n * years_before * u(0.8, 1.0))) if years_before else None
        return _Values(Decimal(n), Decimal(n * years), prior, _q(Decimal(q) for q in _split(rng, n)), quarters)
    if kind == "count_level":
        n = rng.randrange(10, 200)
        level = _q(Decimal(round(n * u(0.9, 1.05))) for _ in range(4))
        return _Values(Decimal(n), Decimal(n), Decimal(round(n * 0.95)), _q([Decimal(n)] * 4), level)
    if kind == "progress":
        increments = _split(rng, round(100 * u(0.8, 1.0) * perf))
        return _Values(
            Decimal(100),
            Decimal(100 * years),
            Decimal(100 * years_before) if years_before else None,
            _q(Decimal(q) for q in _split(rng, 100)),
            _q(Decimal(q) for q in increments),
        )
    if kind == "mean_time":
        n = rng.randrange(3, 15)
        spread = _q(_dec(n * u(0.7, 1.2), 1) for _ in range(4))
        return _Values(Decimal(n), Decimal(n - 1), Decimal(n + 1), _q([Decimal(n)] * 4), spread)
    if kind == "index":
        target = _dec(u(70, 90), 2)
        plan = _q([*(_dec(float(target) * f, 2) for f in (0.94, 0.96, 0.98)), target])
        level = _q(_dec(float(target) * u(0.9, 1.05) * perf, 2) for _ in range(4))
        return _Values(target, target + _dec(u(1, 5), 2), target - _dec(u(1, 3), 2), plan, level)
    if kind == "error_rate":
        target = _dec(u(2, 10), 2)
        level = _q(_dec(float(target) * u(0.6, 1.3), 2) for _ in range(4))
        return _Values(target, _dec(float(target) * 0.8, 2), _dec(float(target) * 1.1, 2), _q([target] * 4), level)
    # share: an outcome % rising through the year towards the target
    target = _dec(u(55, 98), 2)
    start, reach = u(0.5, 0.8), u(0.9, 1.05) * perf
    level = _q(min(Decimal(100), _dec(float(target) * (start + (reach - start) * i / 3), 2)) for i in range(4))
    plan = _q([*(_dec(float(target) * (0.7 + 0.1 * i), 2) for i in range(3)), target])
    strategic = min(Decimal(100), target + _dec(u(1, 5), 2))
    return _Values(target, strategic, _dec(float(target) * u(0.85, 0.98), 2), plan, level)
