"""The editor's read model: one Renja revision's tree with its indicators, targets and Rencana Aksi, each
code checked against the nomenclature.  A fixed number of queries whatever the size of the plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from domain.types import Aggregation, Level
from nomenclature.search import active_version, bidang_of, codes_by_name, lookup, same_name
from planning.editor.spread import EXPLANATION, mismatch
from planning.models import Indicator, PlanRow, QuarterlyTarget, WorkPlan, WorkPlanIndicator, WorkPlanRow
from quarters.locks import plan_locked_years
from reporting.labels import AGGREGATION, DIRECTION, LEVEL, PERIODICITY, QUARTER_ROMAN

CODED = {Level.PROGRAM.value, Level.ACTIVITY.value, Level.SUB_ACTIVITY.value}
NEXT_LEVEL = {
    None: Level.GOAL,
    Level.GOAL.value: Level.OBJECTIVE,
    Level.OBJECTIVE.value: Level.PROGRAM,
    Level.PROGRAM.value: Level.ACTIVITY,
    Level.ACTIVITY.value: Level.SUB_ACTIVITY,
}
_AGG = {m.value: m for m in Aggregation}


def quarter_fields(values: list[Decimal | None]) -> list[tuple[int, str, Decimal | None]]:
    return [(n, QUARTER_ROMAN[n - 1], values[n - 1]) for n in (1, 2, 3, 4)]


@dataclass
class EditorIndicator:
    pk: int
    row_id: int
    name: str
    unit: str
    direction: str
    aggregation: str
    aggregation_is_default: bool
    periodicity: str
    formula: str
    refers_to_rkpd: bool
    strategic_target: Decimal | None
    target: Decimal | None = None
    prior_realization: Decimal | None = None
    action_plan_unit: str = ""
    quarters: list[Decimal | None] = field(default_factory=lambda: [None, None, None, None])

    @property
    def aggregation_label(self) -> str:
        return AGGREGATION[_AGG[self.aggregation]]

    @property
    def direction_label(self) -> str:
        return next(v for k, v in DIRECTION.items() if k.value == self.direction)

    @property
    def periodicity_label(self) -> str:
        return next(v for k, v in PERIODICITY.items() if k.value == self.periodicity)

    @property
    def quarter_fields(self) -> list[tuple[int, str, Decimal | None]]:
        return quarter_fields(self.quarters)

    @property
    def spread_help(self) -> str:
        return EXPLANATION[_AGG[self.aggregation]]

    @property
    def warning(self) -> str | None:
        return mismatch(self.target, self.quarters, _AGG[self.aggregation])


@dataclass
class EditorRow:
    pk: int
    parent_id: int | None
    level: str
    depth: int
    code: str
    name: str
    responsible_unit: str
    strategic_budget: Decimal | None
    budget: Decimal | None = None
    prior_budget: Decimal | None = None
    funding_source: str = ""
    official_name: str = ""  # the nomenclature's name of the code, when it is in the list
    in_list: bool | None = None  # None: not a coded level
    suggested_code: str = ""  # a row without a code whose name is an official one: that code
    indicators: list[EditorIndicator] = field(default_factory=list)

    @property
    def level_label(self) -> str:
        return LEVEL[Level(self.level)]

    @property
    def coded(self) -> bool:
        return self.level in CODED

    @property
    def name_differs(self) -> bool:
        return bool(self.official_name) and not same_name(self.official_name, self.name)

    @property
    def child_level(self) -> Level | None:
        return NEXT_LEVEL.get(self.level)

    @property
    def child_level_label(self) -> str:
        child = self.child_level
        return LEVEL[child] if child else ""

    @property
    def child_coded(self) -> bool:
        child = self.child_level
        return child is not None and child.value in CODED

    @property
    def new_key(self) -> str:
        return f"baru-{self.pk}"

    @property
    def empty_quarter_fields(self) -> list[tuple[int, str, Decimal | None]]:
        return quarter_fields([None, None, None, None])

    @property
    def bidang(self) -> str | None:
        return bidang_of(self.code) if self.code else None


@dataclass
class EditorScreen:
    work_plan: WorkPlan
    revisions: list[WorkPlan]
    rows: list[EditorRow]
    locked_years: list[int]
    bidang: str | None  # the PD's first bidang, for Penunjang codes of a new program
    editable: bool  # this is the latest revision of its year
    nomenclature_label: str

    @property
    def year_locked(self) -> bool:
        return self.work_plan.year in self.locked_years

    @property
    def indicator_count(self) -> int:
        return sum(len(r.indicators) for r in self.rows)

    @property
    def budget_total(self) -> Decimal | None:
        amounts = [r.budget for r in self.rows if r.level == Level.PROGRAM.value and r.budget is not None]
        return sum(amounts, Decimal(0)) if amounts else None


def editor_screen(work_plan: WorkPlan) -> EditorScreen:
    plan = work_plan.strategic_plan
    revisions = list(WorkPlan.objects.filter(strategic_plan=plan, year=work_plan.year).order_by("revision"))
    raw_rows = list(
        PlanRow.objects.filter(strategic_plan=plan)
        .order_by("position", "pk")
        .values_list("pk", "parent_id", "level", "code", "name", "responsible_unit", "strategic_budget")
    )
    rows: dict[int, EditorRow] = {}
    for pk, parent_id, level, code, name, unit, strategic_budget in raw_rows:
        depth = rows[parent_id].depth + 1 if parent_id in rows else 0
        rows[pk] = EditorRow(pk, parent_id, level, depth, code, name, unit, strategic_budget)
    for row_id, budget, prior, source in WorkPlanRow.objects.filter(work_plan=work_plan).values_list(
        "row_id", "budget", "prior_budget", "funding_source"
    ):
        if row_id in rows:
            rows[row_id].budget, rows[row_id].prior_budget, rows[row_id].funding_source = budget, prior, source
    indicators: dict[int, EditorIndicator] = {}
    for values in (
        Indicator.objects.filter(row__strategic_plan=plan)
        .order_by("row_id", "position", "pk")
        .values_list(
            "pk",
            "row_id",
            "name",
            "unit",
            "direction",
            "aggregation",
            "aggregation_is_default",
            "periodicity",
            "formula",
            "refers_to_rkpd",
            "strategic_target",
        )
    ):
        ind = EditorIndicator(*values)
        indicators[ind.pk] = ind
        rows[ind.row_id].indicators.append(ind)
    for indicator_id, target, prior, unit in WorkPlanIndicator.objects.filter(work_plan=work_plan).values_list(
        "indicator_id", "target", "prior_realization", "action_plan_unit"
    ):
        if indicator_id in indicators:
            ind = indicators[indicator_id]
            ind.target, ind.prior_realization, ind.action_plan_unit = target, prior, unit
    for indicator_id, quarter, value in QuarterlyTarget.objects.filter(work_plan=work_plan).values_list(
        "indicator_id", "quarter", "value"
    ):
        if indicator_id in indicators:
            indicators[indicator_id].quarters[quarter - 1] = value
    version = active_version()
    official = lookup((r.code for r in rows.values() if r.coded), version=version)
    for row in rows.values():
        if row.coded:
            entry = official.get(row.code)
            row.in_list = entry is not None
            row.official_name = entry.name if entry is not None else ""
    bidang = next((r.bidang for r in rows.values() if r.bidang and not r.code.startswith("X.")), None)
    uncoded = [r for r in rows.values() if r.coded and not r.code]
    suggestions = codes_by_name(((r.level, r.name) for r in uncoded), bidang=bidang, version=version)
    for row in uncoded:
        row.suggested_code = suggestions.get((row.level, row.name), "")
    latest = revisions[-1] if revisions else work_plan
    return EditorScreen(
        work_plan=work_plan,
        revisions=revisions,
        rows=list(rows.values()),
        locked_years=plan_locked_years(agency=plan.agency, years=range(plan.start_year, plan.end_year + 1)),
        bidang=bidang,
        editable=latest.pk == work_plan.pk,
        nomenclature_label=version.label if version else "",
    )


ACTION_WORDS = {
    "create": "tambah",
    "update": "ubah",
    "delete": "hapus",
    "work_plan_amend": "perubahan Renja",
    "work_plan_copy": "salin Renja",
}
FIELD_WORDS = {
    "level": "tingkat",
    "parent": "induk (nomor)",
    "name": "nama",
    "code": "kode",
    "responsible_unit": "penanggung jawab",
    "strategic_budget": "pendanaan Renstra (Rp)",
    "budget": "pagu (Rp)",
    "prior_budget": "realisasi Renstra s.d. tahun lalu (Rp)",
    "funding_source": "sumber dana",
    "unit": "satuan",
    "direction": "arah",
    "aggregation": "agregasi",
    "aggregation_is_default": "agregasi bawaan",
    "periodicity": "periode",
    "formula": "formulasi",
    "refers_to_rkpd": "mengacu RKPD",
    "strategic_target": "target Renstra",
    "target": "target Renja",
    "prior_realization": "realisasi Renstra s.d. tahun lalu (K)",
    "action_plan_unit": "satuan Rencana Aksi",
    "tw1": "Rencana Aksi TW I",
    "tw2": "Rencana Aksi TW II",
    "tw3": "Rencana Aksi TW III",
    "tw4": "Rencana Aksi TW IV",
    "revision": "revisi",
    "year": "tahun",
    "start_year": "tahun awal",
    "end_year": "tahun akhir",
    "tahun_terkunci": "tahun terkunci (dicatat Bappeda)",
    "rows": "jumlah baris",
    "indicators": "indikator",
    "from": "dari Renja (nomor)",
    "pagu": "pagu disalin",
    "targets": "target disalin",
    "rencana_aksi": "Rencana Aksi disalin",
}
_VALUE_WORDS: dict[str, dict[Any, str]] = {
    "level": {m.value: w for m, w in LEVEL.items()},
    "aggregation": {m.value: w for m, w in AGGREGATION.items()},
    "direction": {m.value: w for m, w in DIRECTION.items()},
    "periodicity": {m.value: w for m, w in PERIODICITY.items()},
}


def _value_text(name: str, value: Any) -> str:
    if value is None or value == "":
        return "(kosong)"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return _VALUE_WORDS.get(name, {}).get(value, str(value))


@dataclass(frozen=True)
class HistoryLine:
    event: Any
    action: str
    before: list[tuple[str, str]]
    after: list[tuple[str, str]]


def _fields(values: Any) -> list[tuple[str, str]]:
    if not isinstance(values, dict):
        return []
    return [(FIELD_WORDS.get(k, k), _value_text(k, v)) for k, v in values.items()]


def plan_history(plan: Any, limit: int = 200) -> list[HistoryLine]:
    """The latest changes to a Renstra's plan (its rows, indicators and Renja revisions), newest first:
    who, when, before, after and why, as the services recorded them.  Two queries."""
    from django.db.models import Q

    from audit.models import AuditEvent

    row_ids = [str(pk) for pk in PlanRow.objects.filter(strategic_plan=plan).values_list("pk", flat=True)]
    indicator_ids = [str(pk) for pk in Indicator.objects.filter(row__strategic_plan=plan).values_list("pk", flat=True)]
    work_plan_ids = [str(pk) for pk in WorkPlan.objects.filter(strategic_plan=plan).values_list("pk", flat=True)]
    wanted = (
        Q(model="PlanRow", object_id__in=row_ids)
        | Q(model="Indicator", object_id__in=indicator_ids)
        | Q(model="WorkPlan", object_id__in=work_plan_ids)
        | Q(model="StrategicPlan", object_id=str(plan.pk))
        | Q(source="editor rencana", summary__startswith=f"{plan.agency.name} Renja ", action="delete")
    )
    events = AuditEvent.objects.filter(wanted).select_related("actor").order_by("-at", "-id")[:limit]
    return [HistoryLine(e, ACTION_WORDS.get(e.action, e.action), _fields(e.before), _fields(e.after)) for e in events]


def work_plan_for(agency: Any, year: int, revision: int | None) -> WorkPlan | None:
    """The Renja of ``year`` shown by the editor: ``revision`` when given, else the latest."""
    plans = WorkPlan.objects.select_related("strategic_plan__agency__region").filter(
        strategic_plan__agency=agency, year=year
    )
    if revision is not None:
        return plans.filter(revision=revision).first()
    return plans.order_by("-revision").first()
