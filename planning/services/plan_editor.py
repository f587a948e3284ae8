"""Writing the plan from the editor: Renstra and Renja, the tree, indicators, targets, pagu, Rencana Aksi.

Every function checks the actor (the PD's operator or Kepala for its own PD; Bappeda's verifier or the
pemda administrator for any PD of the pemda) and the lock of approved quarters: a year with an approved
quarter changes only through Bappeda with a reason, as ``document_load`` and ``work_plan_amend`` do
(DOMAIN.md section 9).  Each change is an ``AuditEvent`` with before, after and the reason, in the change's
own transaction.

What belongs to the Renstra (rows, codes, names, indicators and their rules, Renstra targets and funding)
is shared by every Renja of its period; what belongs to one Renja revision (pagu, funding source, annual
targets, Rencana Aksi) is written to that revision only, and only to the latest revision of its year: an
amended Renja keeps its original as it was.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from domain.codes import code_problem
from domain.numbers import plain
from domain.types import Aggregation, Direction, Level, Periodicity
from planning.errors import QuarterLocked, ServiceError
from planning.limits import value_ensure
from planning.models import (
    Agency,
    BudgetRealization,
    Indicator,
    PlanRow,
    QuarterlyTarget,
    Realization,
    StrategicPlan,
    WorkPlan,
    WorkPlanIndicator,
    WorkPlanRow,
)
from planning.roles import can_enter, is_bappeda, person_name, require
from quarters.locks import plan_locked_years

SOURCE = "editor rencana"
_CODED = (Level.PROGRAM, Level.ACTIVITY, Level.SUB_ACTIVITY)


# -- what the screens send ------------------------------------------------------------------------
@dataclass(frozen=True)
class RowValues:
    """A row as the editor's form gives it: the Renstra's part and this Renja's part."""

    name: str
    code: str = ""
    responsible_unit: str = ""
    strategic_budget: Decimal | None = None  # Renstra (column 5 Rp)
    budget: Decimal | None = None  # this Renja's pagu (column 7 Rp)
    prior_budget: Decimal | None = None  # column 6 Rp
    funding_source: str = ""


_ROW_FIELDS = ("name", "code", "responsible_unit", "strategic_budget")
_WORK_ROW_FIELDS = ("budget", "prior_budget", "funding_source")


@dataclass(frozen=True)
class IndicatorValues:
    name: str
    unit: str = ""
    direction: str = Direction.POSITIVE.value
    aggregation: str = Aggregation.SUM.value
    periodicity: str = Periodicity.QUARTERLY.value
    formula: str = ""
    refers_to_rkpd: bool = False
    strategic_target: Decimal | None = None  # Renstra (column 5 K)
    target: Decimal | None = None  # this Renja (column 7 K)
    prior_realization: Decimal | None = None  # column 6 K
    action_plan_unit: str = ""
    quarters: tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None] = (None, None, None, None)


_INDICATOR_FIELDS = (
    "name",
    "unit",
    "direction",
    "aggregation",
    "periodicity",
    "formula",
    "refers_to_rkpd",
    "strategic_target",
)
_WORK_INDICATOR_FIELDS = ("target", "prior_realization", "action_plan_unit")


# -- checks shared by every write -----------------------------------------------------------------
def _agency(work_plan: WorkPlan | StrategicPlan) -> Agency:
    plan = work_plan.strategic_plan if isinstance(work_plan, WorkPlan) else work_plan
    return plan.agency


def _ensure_may_edit(actor: Any, agency: Agency) -> None:
    require(
        can_enter(actor, agency) or is_bappeda(actor, agency.region_id),
        f"Hanya perangkat daerah {agency.name} atau Bappeda yang dapat menyusun rencananya.",
    )


def _ensure_unlocked(actor: Any, agency: Agency, years: set[int], reason: str) -> list[int]:
    """The years among ``years`` with an approved quarter; raises unless Bappeda gives a reason."""
    locked = plan_locked_years(agency=agency, years=years) if years else []
    if not locked:
        return []
    years_text = ", ".join(str(y) for y in locked)
    if not is_bappeda(actor, agency.region_id):
        raise QuarterLocked(
            f"Tahun {years_text} {agency.name} sudah memiliki triwulan yang disetujui: perubahan rencana ini "
            "hanya dapat dicatat oleh Bappeda, dengan alasan."
        )
    if not reason.strip():
        raise ServiceError(f"Tahun {years_text} sudah memiliki triwulan yang disetujui: alasan perubahan wajib diisi.")
    return locked


def _renstra_years(plan: StrategicPlan) -> set[int]:
    return set(range(plan.start_year, plan.end_year + 1))


def _ensure_current(work_plan: WorkPlan) -> None:
    """Only the latest revision of a year is edited: an amended Renja keeps its original as it was."""
    latest = (
        WorkPlan.objects.filter(strategic_plan_id=work_plan.strategic_plan_id, year=work_plan.year)
        .order_by("-revision")
        .values_list("revision", flat=True)
        .first()
    )
    if latest is not None and latest != work_plan.revision:
        raise ServiceError(
            f"{work_plan} sudah diubah menjadi perubahan {latest}: yang dapat disunting hanya revisi terakhir; "
            "revisi ini disimpan seperti adanya."
        )


def _record(
    *, actor: Any, action: str, obj: Any, summary: str, before: Any, after: Any, reason: str, locked: list[int]
) -> None:
    if locked:
        after = {**(after or {}), "tahun_terkunci": locked}
    region = None  # found by audit/places.py, except for a deleted row or indicator: its Renstra says it
    if action == "delete":
        plan_id = getattr(getattr(obj, "row", obj), "strategic_plan_id", None)  # an indicator's: its row's
        region = StrategicPlan.objects.filter(pk=plan_id).values_list("agency__region_id", flat=True).first()
    audit_record(
        actor=actor,
        action=action,
        model=type(obj).__name__,
        object_id=obj.pk,
        region=region,
        summary=summary,
        before=before,
        after=after,
        reason=reason,
        source=SOURCE,
    )


def _diff(obj: Any, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    before, after = {}, {}
    for name, new in values.items():
        old = getattr(obj, name) if obj is not None else None
        if old is None and isinstance(new, str):
            old = ""  # no row yet: its text fields are blank, not changed to blank
        if isinstance(old, Decimal) or isinstance(new, Decimal):
            same = (old is None and new is None) or (old is not None and new is not None and Decimal(old) == new)
        else:
            same = old == new
        if not same:
            before[name], after[name] = old, new
    return before, after


def _text_ensure(value: str, field: str, where: str) -> None:
    value_ensure(value, field=field, where=where)


# -- no lost update: a form carries the stamp of what it showed ------------------------------------
def _stamp(state: dict[str, Any]) -> str:
    """A short hash of the values a form showed: equal values give the same stamp (1.50 and 1.5 too)."""

    def text(value: Any) -> str:
        if value is None:
            return "\u2205"
        if isinstance(value, Decimal):
            return plain(value)
        return str(value)

    joined = "\x1f".join(f"{key}={text(state[key])}" for key in sorted(state))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:20]


def _row_state(row: PlanRow, work_row: WorkPlanRow | None) -> dict[str, Any]:
    state = {name: getattr(row, name) for name in _ROW_FIELDS}
    state.update({name: getattr(work_row, name) if work_row else None for name in _WORK_ROW_FIELDS})
    if not state["funding_source"]:
        state["funding_source"] = ""  # no Renja row yet and a blank one read the same
    return state


def _indicator_state(work_plan: WorkPlan, indicator: Indicator) -> dict[str, Any]:
    target_row = WorkPlanIndicator.objects.filter(work_plan=work_plan, indicator=indicator).first()
    state = {name: getattr(indicator, name) for name in _INDICATOR_FIELDS}
    state.update({name: getattr(target_row, name) if target_row else None for name in _WORK_INDICATOR_FIELDS})
    if not state["action_plan_unit"]:
        state["action_plan_unit"] = ""
    quarters = dict(
        QuarterlyTarget.objects.filter(work_plan=work_plan, indicator=indicator).values_list("quarter", "value")
    )
    state.update({f"tw{q}": quarters.get(q) for q in (1, 2, 3, 4)})
    return state


def row_stamp(*, work_plan: WorkPlan, row: PlanRow) -> str:
    """The stamp the row's form carries (``row_update(expected_stamp=...)``)."""
    return _stamp(_row_state(row, WorkPlanRow.objects.filter(work_plan=work_plan, row=row).first()))


def indicator_stamp(*, work_plan: WorkPlan, indicator: Indicator) -> str:
    """The stamp the indicator's form carries (``indicator_update(expected_stamp=...)``)."""
    return _stamp(_indicator_state(work_plan, indicator))


def _ensure_unchanged(expected: str, state: dict[str, Any], obj: PlanRow | Indicator, what: str) -> None:
    """Refuse a save made on a form that showed other values than those stored now: someone saved in
    between, and the last save would silently undo theirs (the entry screen's version check, for plans)."""
    if not expected or expected == _stamp(state):
        return
    last = (
        AuditEvent.objects.filter(model=type(obj).__name__, object_id=str(obj.pk))
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    by = f" oleh {person_name(last.actor)} pada {timezone.localtime(last.at):%d-%m-%Y %H:%M}" if last else ""
    raise ServiceError(
        f"{what} sudah diubah{by} setelah formulir ini dibuka. Tidak ada yang disimpan: muat ulang halaman, "
        "periksa perubahan itu, lalu simpan lagi."
    )


# -- Renstra and Renja ----------------------------------------------------------------------------
def strategic_plan_create(*, agency: Agency, start_year: int, end_year: int, actor: Any) -> StrategicPlan:
    _ensure_may_edit(actor, agency)
    if not 2000 <= start_year <= 2100 or end_year < start_year or end_year - start_year > 9:
        raise ServiceError("Periode Renstra tidak sah: tahun awal 2000-2100, tahun akhir tidak sebelum tahun awal.")
    overlapping = StrategicPlan.objects.filter(agency=agency, start_year__lte=end_year, end_year__gte=start_year)
    if overlapping.exists():
        raise ServiceError(f"{agency.name} sudah memiliki Renstra yang mencakup {start_year}-{end_year}.")
    with transaction.atomic():
        plan = StrategicPlan.objects.create(agency=agency, start_year=start_year, end_year=end_year)
        _record(
            actor=actor,
            action="create",
            obj=plan,
            summary=str(plan),
            before=None,
            after={"start_year": start_year, "end_year": end_year},
            reason="",
            locked=[],
        )
    return plan


def work_plan_create(*, strategic_plan: StrategicPlan, year: int, actor: Any, label: str = "") -> WorkPlan:
    """A new, empty Renja (murni) of ``year`` within the Renstra's period."""
    agency = strategic_plan.agency
    _ensure_may_edit(actor, agency)
    if not strategic_plan.start_year <= year <= strategic_plan.end_year:
        raise ServiceError(
            f"Tahun {year} di luar periode {strategic_plan} ({strategic_plan.start_year}-{strategic_plan.end_year})."
        )
    if WorkPlan.objects.filter(strategic_plan__agency=agency, year=year).exists():
        raise ServiceError(f"{agency.name} sudah memiliki Renja tahun {year}.")
    with transaction.atomic():
        work_plan = WorkPlan.objects.create(strategic_plan=strategic_plan, year=year, revision=0, label=label)
        _record(
            actor=actor,
            action="create",
            obj=work_plan,
            summary=f"{agency.name} {work_plan}",
            before=None,
            after={"year": year, "revision": 0},
            reason="",
            locked=[],
        )
    return work_plan


def work_plan_copy(*, work_plan: WorkPlan, year: int, actor: Any, reason: str = "") -> WorkPlan:
    """Last year's Renja as the start of ``year``'s, in one action: pagu, funding sources, targets and
    Rencana Aksi copied from ``work_plan`` (its rows and indicators are the Renstra's, shared).  The new
    year must be in the same Renstra and have no Renja yet."""
    plan = work_plan.strategic_plan
    agency = plan.agency
    _ensure_may_edit(actor, agency)
    if not plan.start_year <= year <= plan.end_year:
        raise ServiceError(
            f"Tahun {year} di luar periode {plan} ({plan.start_year}-{plan.end_year}): "
            "buat Renstra periode berikutnya lebih dahulu."
        )
    if WorkPlan.objects.filter(strategic_plan__agency=agency, year=year).exists():
        raise ServiceError(f"{agency.name} sudah memiliki Renja tahun {year}: tidak disalin.")
    with transaction.atomic():
        copy = WorkPlan.objects.create(
            strategic_plan=plan, year=year, revision=0, label=f"Renja {year} (salinan Renja {work_plan.year})"
        )
        rows = WorkPlanRow.objects.bulk_create(
            WorkPlanRow(
                work_plan=copy,
                row_id=r.row_id,
                budget=r.budget,
                prior_budget=None,
                funding_source=r.funding_source,
            )
            for r in WorkPlanRow.objects.filter(work_plan=work_plan)
        )
        targets = WorkPlanIndicator.objects.bulk_create(
            WorkPlanIndicator(
                work_plan=copy, indicator_id=i.indicator_id, target=i.target, action_plan_unit=i.action_plan_unit
            )
            for i in WorkPlanIndicator.objects.filter(work_plan=work_plan)
        )
        quarters = QuarterlyTarget.objects.bulk_create(
            QuarterlyTarget(work_plan=copy, indicator_id=q.indicator_id, quarter=q.quarter, value=q.value)
            for q in QuarterlyTarget.objects.filter(work_plan=work_plan)
        )
        _record(
            actor=actor,
            action="work_plan_copy",
            obj=copy,
            summary=f"{agency.name}: Renja {work_plan.year} disalin ke {year}",
            before={"from": work_plan.pk, "year": work_plan.year, "revision": work_plan.revision},
            after={"year": year, "pagu": len(rows), "targets": len(targets), "rencana_aksi": len(quarters)},
            reason=reason,
            locked=[],
        )
    return copy


# -- rows -----------------------------------------------------------------------------------------
def _clean_row(values: RowValues, level: Level, parent: PlanRow | None, plan: StrategicPlan) -> RowValues:
    name = " ".join(values.name.split())
    code = values.code.strip()
    if not name:
        raise ServiceError("Nama baris wajib diisi.")
    if code and level not in _CODED:
        raise ServiceError("Tujuan dan sasaran tidak memakai kode nomenklatur: kosongkan kode.")
    if code:
        parent_code = parent.code if parent is not None and parent.code and Level(parent.level) in _CODED else None
        problem = code_problem(code, level, year=plan.end_year, parent_code=parent_code)
        if problem:
            raise ServiceError(f"Kode {name[:60]}: {problem}.")
    where = f"baris {name[:60]}"
    _text_ensure(name, "PlanRow.name", where)
    _text_ensure(values.responsible_unit, "PlanRow.responsible_unit", where)
    _text_ensure(values.funding_source, "WorkPlanRow.funding_source", where)
    for field_name, label in (("strategic_budget", "PlanRow.strategic_budget"), ("budget", "WorkPlanRow.budget")):
        value_ensure(getattr(values, field_name), field=label, where=where)
    value_ensure(values.prior_budget, field="WorkPlanRow.prior_budget", where=where)
    amounts = (values.strategic_budget, values.budget, values.prior_budget)
    if not level.carries_budget and any(a is not None for a in amounts):
        raise ServiceError(f"{where}: pagu dan pendanaan hanya untuk program, kegiatan dan sub kegiatan.")
    for amount in amounts:
        if amount is not None and amount < 0:
            raise ServiceError(f"{where}: Rupiah tidak boleh negatif.")
    return RowValues(**{**{f.name: getattr(values, f.name) for f in fields(values)}, "name": name, "code": code})


def _split_row(values: RowValues) -> tuple[dict[str, Any], dict[str, Any]]:
    return (
        {name: getattr(values, name) for name in _ROW_FIELDS},
        {name: getattr(values, name) for name in _WORK_ROW_FIELDS},
    )


def row_add(
    *,
    work_plan: WorkPlan,
    parent: PlanRow | None,
    level: Level,
    values: RowValues,
    actor: Any,
    reason: str = "",
    first_indicator: IndicatorValues | None = None,
) -> PlanRow:
    """A new row under ``parent`` (none: a tujuan at the top), placed after the parent's last descendant;
    with ``first_indicator`` (a sub kegiatan picked from the nomenclature proposes its own) in the same
    transaction."""
    plan = work_plan.strategic_plan
    agency = plan.agency
    _ensure_may_edit(actor, agency)
    _ensure_current(work_plan)
    if parent is not None:
        if parent.strategic_plan_id != plan.pk:
            raise ServiceError("Baris induk bukan bagian dari Renstra ini.")
        if Level(parent.level).depth >= level.depth:
            raise ServiceError(f"Tingkat {level.value} tidak dapat berada di bawah {parent.level}.")
    clean = _clean_row(values, level, parent, plan)
    row_fields, work_fields = _split_row(clean)
    with transaction.atomic():
        locked = _ensure_unlocked(actor, agency, _renstra_years(plan), reason)
        position = _position_after(plan, parent)
        PlanRow.objects.filter(strategic_plan=plan, position__gte=position).update(position=F("position") + 1)
        row = PlanRow.objects.create(
            strategic_plan=plan, parent=parent, level=level.value, position=position, **row_fields
        )
        after = {"level": level.value, "parent": parent.pk if parent else None, **row_fields}
        if any(v not in (None, "") for v in work_fields.values()):
            WorkPlanRow.objects.create(work_plan=work_plan, row=row, **work_fields)
            after.update(work_fields)
        _record(
            actor=actor,
            action="create",
            obj=row,
            summary=f"{agency.name} {work_plan}: {row.name}",
            before=None,
            after=after,
            reason=reason,
            locked=locked,
        )
        if first_indicator is not None and first_indicator.name.strip():
            clean_indicator = _clean_indicator(first_indicator, f"baris {row.name[:60]}")
            _write_indicator(
                work_plan=work_plan, indicator=None, row=row, values=clean_indicator, actor=actor, reason=reason
            )
    return row


def _position_after(plan: StrategicPlan, parent: PlanRow | None) -> int:
    """The position right after ``parent``'s subtree (the end of the plan for a top row)."""
    rows = list(PlanRow.objects.filter(strategic_plan=plan).values_list("pk", "parent_id", "position"))
    if parent is None:
        return max((p for _pk, _parent, p in rows), default=-1) + 1
    children: dict[int | None, list[int]] = {}
    for pk, parent_id, _p in rows:
        children.setdefault(parent_id, []).append(pk)
    positions = {pk: p for pk, _parent, p in rows}
    last = positions[parent.pk]
    stack = [parent.pk]
    while stack:
        for child in children.get(stack.pop(), []):
            last = max(last, positions[child])
            stack.append(child)
    return last + 1


def row_update(
    *, work_plan: WorkPlan, row: PlanRow, values: RowValues, actor: Any, reason: str = "", expected_stamp: str = ""
) -> PlanRow:
    plan = work_plan.strategic_plan
    agency = plan.agency
    _ensure_may_edit(actor, agency)
    _ensure_current(work_plan)
    if row.strategic_plan_id != plan.pk:
        raise ServiceError("Baris ini bukan bagian dari Renstra Renja ini.")
    clean = _clean_row(values, Level(row.level), row.parent, plan)
    row_fields, work_fields = _split_row(clean)
    with transaction.atomic():
        row = PlanRow.objects.select_for_update(of=("self",)).select_related("parent").get(pk=row.pk)
        work_row = WorkPlanRow.objects.select_for_update().filter(work_plan=work_plan, row=row).first()
        _ensure_unchanged(expected_stamp, _row_state(row, work_row), row, f"Baris {row.name[:60]!r}")
        before, after = _diff(row, row_fields)
        if "code" in after:
            _ensure_children_follow(row, after["code"])
        work_before, work_after = _diff(work_row, work_fields) if work_row else _diff(None, work_fields)
        if not after and not work_after:
            return row
        years = (_renstra_years(plan) if after else set()) | ({work_plan.year} if work_after else set())
        locked = _ensure_unlocked(actor, agency, years, reason)
        if after:
            for name, value in after.items():
                setattr(row, name, value)
            row.save(update_fields=list(after))
        if work_after:
            if work_row is None:
                WorkPlanRow.objects.create(work_plan=work_plan, row=row, **work_fields)
            else:
                for name, value in work_after.items():
                    setattr(work_row, name, value)
                work_row.save(update_fields=list(work_after))
        _record(
            actor=actor,
            action="update",
            obj=row,
            summary=f"{agency.name} {work_plan}: {row.name}",
            before={**before, **work_before},
            after={**after, **work_after},
            reason=reason,
            locked=locked,
        )
    return row


def _ensure_children_follow(row: PlanRow, code: str) -> None:
    """A changed code must still be the start of its children's codes (the rule an import checks too)."""
    strays = [
        child_code
        for child_code in PlanRow.objects.filter(parent=row).exclude(code="").values_list("code", flat=True)
        if not code or not child_code.startswith(code + ".")
    ]
    if strays:
        raise ServiceError(
            f"Kode {row.name[:60]} tidak dapat diubah menjadi {code!r}: kode baris di bawahnya "
            f"({', '.join(strays[:5])}) tidak lagi berada di bawahnya. Ubah kode baris di bawahnya lebih dahulu."
        )


def _subtree(row: PlanRow) -> list[int]:
    pairs = list(PlanRow.objects.filter(strategic_plan_id=row.strategic_plan_id).values_list("pk", "parent_id"))
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in pairs:
        children.setdefault(parent_id, []).append(pk)
    out, stack = [row.pk], [row.pk]
    while stack:
        for child in children.get(stack.pop(), []):
            out.append(child)
            stack.append(child)
    return out


def row_delete(*, work_plan: WorkPlan, row: PlanRow, actor: Any, reason: str = "") -> None:
    """Remove a row and everything under it, while nothing was realised on it and no other Renja uses it."""
    plan = work_plan.strategic_plan
    agency = plan.agency
    _ensure_may_edit(actor, agency)
    _ensure_current(work_plan)
    if row.strategic_plan_id != plan.pk:
        raise ServiceError("Baris ini bukan bagian dari Renstra Renja ini.")
    ids = _subtree(row)
    if (
        BudgetRealization.objects.filter(row_id__in=ids).exists()
        or Realization.objects.filter(indicator__row_id__in=ids).exists()
    ):
        raise ServiceError(
            f"{row.name[:80]}: sudah ada realisasi pada baris ini atau di bawahnya; tidak dapat dihapus."
        )
    others = sorted(
        {
            *WorkPlanRow.objects.filter(row_id__in=ids)
            .exclude(work_plan=work_plan)
            .values_list("work_plan__year", "work_plan__revision"),
            *WorkPlanIndicator.objects.filter(indicator__row_id__in=ids)
            .exclude(work_plan=work_plan)
            .values_list("work_plan__year", "work_plan__revision"),
        }
    )
    if others:
        used = ", ".join(f"{y}" + (f" perubahan {r}" if r else "") for y, r in others)
        raise ServiceError(
            f"{row.name[:80]}: dipakai juga oleh Renja {used}; kosongkan pagu dan targetnya di Renja ini, "
            "baris tetap ada untuk Renja lain."
        )
    with transaction.atomic():
        locked = _ensure_unlocked(actor, agency, _renstra_years(plan), reason)
        before = {
            "level": row.level,
            "code": row.code,
            "name": row.name,
            "rows": len(ids),
            "indicators": list(Indicator.objects.filter(row_id__in=ids).values_list("name", flat=True)),
        }
        summary = f"{agency.name} {work_plan}: {row.name}"
        PlanRow.objects.filter(pk=row.pk).delete()
        _record(
            actor=actor,
            action="delete",
            obj=row,
            summary=summary,
            before=before,
            after=None,
            reason=reason,
            locked=locked,
        )


# -- indicators -----------------------------------------------------------------------------------
def _clean_indicator(values: IndicatorValues, where: str) -> IndicatorValues:
    name = " ".join(values.name.split())
    if not name:
        raise ServiceError(f"{where}: nama indikator wajib diisi.")
    where = f"{where} / {name[:60]}"
    choices = (
        ("direction", Direction, "arah"),
        ("aggregation", Aggregation, "agregasi"),
        ("periodicity", Periodicity, "periode pengukuran"),
    )
    for field_name, enum, label in choices:
        if getattr(values, field_name) not in {m.value for m in enum}:
            raise ServiceError(f"{where}: {label} {getattr(values, field_name)!r} tidak dikenal.")
    _text_ensure(name, "Indicator.name", where)
    _text_ensure(values.unit, "Indicator.unit", where)
    _text_ensure(values.action_plan_unit, "WorkPlanIndicator.action_plan_unit", where)
    value_ensure(values.strategic_target, field="Indicator.strategic_target", where=where)
    value_ensure(values.target, field="WorkPlanIndicator.target", where=where)
    value_ensure(values.prior_realization, field="WorkPlanIndicator.prior_realization", where=where)
    for i, q in enumerate(values.quarters):
        value_ensure(q, field="QuarterlyTarget.value", where=f"{where} triwulan {i + 1}")
    if len(values.quarters) != 4:
        raise ServiceError(f"{where}: Rencana Aksi harus empat triwulan.")
    return IndicatorValues(**{**{f.name: getattr(values, f.name) for f in fields(values)}, "name": name})


def _write_indicator(
    *,
    work_plan: WorkPlan,
    indicator: Indicator | None,
    row: PlanRow,
    values: IndicatorValues,
    actor: Any,
    reason: str,
    expected_stamp: str = "",
) -> Indicator:
    plan = work_plan.strategic_plan
    agency = plan.agency
    rules = {name: getattr(values, name) for name in _INDICATOR_FIELDS}
    renja = {name: getattr(values, name) for name in _WORK_INDICATOR_FIELDS}
    with transaction.atomic():
        if indicator is not None:
            indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
            _ensure_unchanged(
                expected_stamp,
                _indicator_state(work_plan, indicator),
                indicator,
                f"Indikator {indicator.name[:60]!r} ({row.name[:40]})",
            )
        target_row = (
            WorkPlanIndicator.objects.filter(work_plan=work_plan, indicator=indicator).first() if indicator else None
        )
        stored_quarters = (
            dict(
                QuarterlyTarget.objects.filter(work_plan=work_plan, indicator=indicator).values_list("quarter", "value")
            )
            if indicator
            else {}
        )
        before, after = _diff(indicator, rules)
        if indicator is not None and indicator.aggregation_is_default and "aggregation" not in after:
            after["aggregation_is_default"], before["aggregation_is_default"] = False, True  # confirmed by a person
        renja_before, renja_after = _diff(target_row, renja)
        quarter_before: dict[str, Any] = {}
        quarter_after: dict[str, Any] = {}
        for q, value in enumerate(values.quarters, start=1):
            old = stored_quarters.get(q)
            if (old is None) != (value is None) or (old is not None and value is not None and Decimal(old) != value):
                quarter_before[f"tw{q}"], quarter_after[f"tw{q}"] = old, value
        if indicator is not None and not (after or renja_after or quarter_after):
            return indicator
        years = (_renstra_years(plan) if (after or indicator is None) else set()) | (
            {work_plan.year} if (renja_after or quarter_after) else set()
        )
        locked = _ensure_unlocked(actor, agency, years, reason)
        if indicator is None:
            position = (Indicator.objects.filter(row=row).aggregate(m=Max("position"))["m"] or 0) + 1
            indicator = Indicator.objects.create(row=row, position=position, aggregation_is_default=False, **rules)
            action = "create"
        else:
            for name, value in after.items():
                setattr(indicator, name, value)
            if after:
                indicator.save(update_fields=list(after))
            action = "update"
        if renja_after:
            if target_row is None:
                WorkPlanIndicator.objects.create(work_plan=work_plan, indicator=indicator, **renja)
            else:
                for name, value in renja_after.items():
                    setattr(target_row, name, value)
                target_row.save(update_fields=list(renja_after))
        if quarter_after:
            QuarterlyTarget.objects.filter(
                work_plan=work_plan,
                indicator=indicator,
                quarter__in=[q for q, v in enumerate(values.quarters, 1) if v is None],
            ).delete()
            for q, value in enumerate(values.quarters, start=1):
                if value is not None and f"tw{q}" in quarter_after:
                    QuarterlyTarget.objects.update_or_create(
                        work_plan=work_plan, indicator=indicator, quarter=q, defaults={"value": value}
                    )
        _record(
            actor=actor,
            action=action,
            obj=indicator,
            summary=f"{agency.name} {work_plan}: {row.name[:80]} / {indicator.name[:80]}",
            before={**before, **renja_before, **quarter_before} if action == "update" else None,
            after={**after, **renja_after, **quarter_after}
            if action == "update"
            else {**rules, **renja, **quarter_after},
            reason=reason,
            locked=locked,
        )
    return indicator


def indicator_add(
    *, work_plan: WorkPlan, row: PlanRow, values: IndicatorValues, actor: Any, reason: str = ""
) -> Indicator:
    plan = work_plan.strategic_plan
    _ensure_may_edit(actor, plan.agency)
    _ensure_current(work_plan)
    if row.strategic_plan_id != plan.pk:
        raise ServiceError("Baris ini bukan bagian dari Renstra Renja ini.")
    clean = _clean_indicator(values, f"baris {row.name[:60]}")
    if Indicator.objects.filter(row=row, name=clean.name).exists():
        raise ServiceError(f"baris {row.name[:60]} sudah memiliki indikator {clean.name[:60]!r}.")
    return _write_indicator(work_plan=work_plan, indicator=None, row=row, values=clean, actor=actor, reason=reason)


def indicator_update(
    *,
    work_plan: WorkPlan,
    indicator: Indicator,
    values: IndicatorValues,
    actor: Any,
    reason: str = "",
    expected_stamp: str = "",
) -> Indicator:
    plan = work_plan.strategic_plan
    _ensure_may_edit(actor, plan.agency)
    _ensure_current(work_plan)
    row = indicator.row
    if row.strategic_plan_id != plan.pk:
        raise ServiceError("Indikator ini bukan bagian dari Renstra Renja ini.")
    clean = _clean_indicator(values, f"baris {row.name[:60]}")
    if Indicator.objects.filter(row=row, name=clean.name).exclude(pk=indicator.pk).exists():
        raise ServiceError(f"baris {row.name[:60]} sudah memiliki indikator {clean.name[:60]!r}.")
    return _write_indicator(
        work_plan=work_plan,
        indicator=indicator,
        row=row,
        values=clean,
        actor=actor,
        reason=reason,
        expected_stamp=expected_stamp,
    )


def indicator_delete(*, work_plan: WorkPlan, indicator: Indicator, actor: Any, reason: str = "") -> None:
    plan = work_plan.strategic_plan
    agency = plan.agency
    _ensure_may_edit(actor, agency)
    _ensure_current(work_plan)
    if indicator.row.strategic_plan_id != plan.pk:
        raise ServiceError("Indikator ini bukan bagian dari Renstra Renja ini.")
    where = f"{indicator.row.name[:60]} / {indicator.name[:60]}"
    if Realization.objects.filter(indicator=indicator).exists():
        raise ServiceError(f"{where}: sudah ada realisasi; indikator tidak dapat dihapus.")
    if WorkPlanIndicator.objects.filter(indicator=indicator).exclude(work_plan=work_plan).exists():
        raise ServiceError(f"{where}: dipakai juga oleh Renja lain; kosongkan targetnya di Renja ini.")
    with transaction.atomic():
        locked = _ensure_unlocked(actor, agency, _renstra_years(plan), reason)
        before = {name: getattr(indicator, name) for name in _INDICATOR_FIELDS}
        summary = f"{agency.name} {work_plan}: {where}"
        Indicator.objects.filter(pk=indicator.pk).delete()
        _record(
            actor=actor,
            action="delete",
            obj=indicator,
            summary=summary,
            before=before,
            after=None,
            reason=reason,
            locked=locked,
        )
