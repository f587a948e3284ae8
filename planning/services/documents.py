"""``document_load``: write a whole plan-and-realisation document (the demo file, an imported sheet).

History: every update and deletion of a value is an ``AuditEvent`` with before and after; new values
record who and from which file in their own row; one summary event per load records its reason,
source and counts.

Idempotent: the document is compared with what is stored and only differences are written, so
loading the same document twice changes nothing the second time.  All or nothing: one transaction.
A dry run computes the same changes and rolls back.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from django.db import transaction

from audit.models import AuditEvent
from audit.services import jsonable
from computed.guard import plan_formulas, sheet_values_kept
from domain.aggregation import default_aggregation
from domain.codes import code_problem
from domain.inputs import Stated
from domain.numbers import plain
from planning.documents import IndicatorDoc, PlanDocument, RowDoc
from planning.errors import QuarterLocked, ServiceError
from planning.models import (
    Agency,
    BudgetRealization,
    Indicator,
    PlanRow,
    QuarterlyTarget,
    RatingBand,
    Realization,
    Region,
    StrategicPlan,
    WorkPlan,
    WorkPlanIndicator,
    WorkPlanRow,
)
from planning.roles import can_load_documents, is_bappeda, is_region_admin, require
from planning.services.bulk import insert_many, insert_objects, now_for_db
from quarters.locks import QUARTER_NAMES, lock_message, locked_quarters, plan_locked_years

# The kinds of change (``Change.model``) by what guards them.
_SETTINGS_MODELS = frozenset({"Pemda", "Predikat"})
_RENJA_MODELS = frozenset({"Renja", "Pagu", "Target", "QuarterlyTarget"})
_RENSTRA_MODELS = frozenset({"Renstra", "Baris", "Indikator"})

# Columns written from the document, in the order the loaders build their values.
_WORK_PLAN_ROW_FIELDS = ("budget", "prior_budget", "funding_source")
_WORK_PLAN_INDICATOR_FIELDS = ("target", "prior_realization", "action_plan_unit", "drivers", "obstacles")


class Change:
    """One difference between the document and the database, for the dry-run listing.

    ``before`` and ``after`` are the values as text, formatted when read: a 10,000-line import notes
    about 210,000 changes, and most are only counted, never shown.
    """

    __slots__ = ("_after", "_before", "action", "field", "label", "model")

    def __init__(
        self, action: str, model: str, label: str, field: str = "", before: Any = None, after: Any = None
    ) -> None:
        self.action = action  # "tambah", "ubah", "hapus"
        self.model = model
        self.label = label
        self.field = field
        self._before = before
        self._after = after

    @property
    def before(self) -> str | None:
        return _text(self._before)

    @property
    def after(self) -> str | None:
        return _text(self._after)

    def _key(self) -> tuple[str, str, str, str, str | None, str | None]:
        return (self.action, self.model, self.label, self.field, self.before, self.after)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Change) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Change{self._key()!r}"


@dataclass
class LoadResult:
    agency: Agency | None = None
    changes: list[Change] = field(default_factory=list)
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)  # what the load chose not to write, and why

    @property
    def counts(self) -> Counter[str]:
        return Counter(f"{c.model} {c.action}" for c in self.changes)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return plain(value)
    return str(value)


def _differs(old: Any, new: Any) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        if old is None or new is None:
            return old is not new
        return Decimal(old) != Decimal(new)
    return old != new


def document_load(
    *,
    document: PlanDocument,
    actor: Any,
    reason: str = "",
    dry_run: bool = False,
    amendment_reason: str = "",
    limits_checked: bool = False,
) -> LoadResult:
    """Write ``document``; return the list of changes.  Raises ``ServiceError`` and writes nothing
    when the document cannot be loaded (an approved quarter, an invalid code, a foreign agency, an
    actor whose role does not allow it).

    ``actor`` is a user or ``planning.roles.SYSTEM``.  Plan data (rows, indicators and their rules,
    targets, pagu, Rencana Aksi) of a year with an approved quarter changes only when Bappeda gives an
    ``amendment_reason``; the pemda's settings only by its administrator.

    ``limits_checked``: the caller has already checked this very document with
    ``planning.limits.document_problems`` and refused it on any problem (the import does, to name each
    cell), so the load skips that second pass over every value (about 1.7 s of a 10,000-line import)."""
    with transaction.atomic():
        result = _Loader(document, actor, reason, amendment_reason, limits_checked=limits_checked).run()
        result.dry_run = dry_run
        if dry_run:
            transaction.set_rollback(True)
    return result


class _Loader:
    def __init__(
        self,
        document: PlanDocument,
        actor: Any,
        reason: str,
        amendment_reason: str = "",
        *,
        limits_checked: bool = False,
    ) -> None:
        self.doc = document
        self.limits_checked = limits_checked
        self.who = actor  # for the role checks; ``actor`` is what the audit records (no user for SYSTEM)
        self.actor = actor if getattr(actor, "pk", None) else None
        self.amendment_reason = amendment_reason.strip()
        self.reason = reason
        self.source = document.source.describe()
        self.changes: list[Change] = []
        self.events: list[AuditEvent] = []
        self.notes: list[str] = []

    # -- bookkeeping ------------------------------------------------------------------------
    def _note(
        self, action: str, model: str, label: str, field: str = "", before: Any = None, after: Any = None
    ) -> None:
        self.changes.append(Change(action, model, label, field, before, after))

    def _event(self, action: str, model: str, object_id: object, summary: str, before: Any, after: Any) -> None:
        self.events.append(
            AuditEvent(
                actor=self.actor,
                action=action,
                model=model,
                object_id=str(object_id),
                summary=summary[:300],
                before=jsonable(before),
                after=jsonable(after),
                reason=self.reason,
                source=self.source[:300],
            )
        )

    def _sync(self, obj: Any, values: dict[str, Any], model: str, label: str) -> bool:
        """Set changed fields on ``obj``; return whether anything changed."""
        changed = False
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for name, new in values.items():
            old = getattr(obj, name)
            if _differs(old, new):
                self._note("ubah", model, label, name, old, new)
                before[name], after[name] = old, new
                setattr(obj, name, new)
                changed = True
        if changed and obj.pk:
            self._event("update", model, obj.pk, label, before, after)
        return changed

    # -- the load ---------------------------------------------------------------------------
    def run(self) -> LoadResult:
        doc = self.doc
        self._validate()
        region = self._region()
        known = Agency.objects.filter(slug=doc.agency.slug).exists()
        agency = self._agency(region)
        created_agency = not known
        plan, created = StrategicPlan.objects.get_or_create(
            agency=agency, start_year=doc.strategic_start, defaults={"end_year": doc.strategic_end}
        )
        if created:
            self._note("tambah", "Renstra", str(plan))
        elif self._sync(plan, {"end_year": doc.strategic_end}, "Renstra", str(plan)):
            plan.save()
        work_plan, created = WorkPlan.objects.get_or_create(
            strategic_plan=plan, year=doc.year, revision=doc.revision, defaults={"label": doc.work_plan_label}
        )
        if created:
            self._note("tambah", "Renja", str(work_plan))
        self.agency = agency
        self.locked = locked_quarters(agency=agency, year=doc.year)
        if doc.report and doc.report.quarter in self.locked:
            raise QuarterLocked(lock_message(agency=agency, year=doc.year, quarters=[doc.report.quarter]))
        rows = self._rows(plan)
        indicators = self._indicators(plan, rows)
        self._work_plan_rows(work_plan, rows)
        self._work_plan_indicators(work_plan, indicators)
        self._quarterly_targets(work_plan, indicators)
        self._realizations(plan, indicators)
        self._budget_realizations(plan, rows)
        if doc.report:
            self._report(agency, rows, indicators)
        self._check_roles(region, agency, created_agency)
        self._check_plan_lock(agency, plan)
        if self.changes:
            self._event(
                "document_load",
                "PlanDocument",
                agency.pk,
                f"{agency.name} {doc.year}",
                None,
                {"changes": len(self.changes), "counts": dict(Counter(c.model for c in self.changes))},
            )
        for event in self.events:  # all about this PD's pemda (some name objects deleted by now)
            event.region_id = agency.region_id
        AuditEvent.objects.bulk_create(self.events, batch_size=500)
        return LoadResult(agency=agency, changes=self.changes, notes=self.notes)

    def _check_roles(self, region: Region, agency: Agency, created_agency: bool) -> None:
        """The load's actor must be allowed every kind of change it makes (checked before anything is kept:
        the transaction is rolled back on refusal)."""
        who = self.who
        if any(c.model in _SETTINGS_MODELS for c in self.changes):
            require(
                is_region_admin(who, region),
                f"Pengaturan pemda {region.name} (rumus, dasar rata-rata, predikat) hanya dapat diubah "
                "oleh administrator pemda.",
            )
        if created_agency:
            require(is_bappeda(who, region), f"Perangkat daerah baru {agency.name} hanya dapat dibuat oleh Bappeda.")
        require(
            can_load_documents(who, agency),
            f"Hanya perangkat daerah {agency.name} atau Bappeda yang dapat mengimpor datanya.",
        )

    def _check_plan_lock(self, agency: Agency, plan: StrategicPlan) -> None:
        """Plan data of a year with an approved quarter: refused, or an amendment recorded by Bappeda."""
        renja = [c for c in self.changes if c.model in _RENJA_MODELS]
        renstra = [c for c in self.changes if c.model in _RENSTRA_MODELS]
        years: set[int] = set()
        if renja:
            years.add(self.doc.year)
        if renstra:
            years.update(range(plan.start_year, plan.end_year + 1))
        locked = plan_locked_years(agency=agency, years=years) if years else []
        if not locked:
            return
        changed = [*(renja if self.doc.year in locked else []), *renstra]
        if not changed:
            return
        listing = "\n".join(
            f"  - {c.action} {c.model} {c.label[:80]}" + (f" {c.field}: {c.before} -> {c.after}" if c.field else "")
            for c in changed[:10]
        )
        more = f"\n  ... dan {len(changed) - 10} lagi" if len(changed) > 10 else ""
        years_text = ", ".join(str(y) for y in locked)
        if not (self.amendment_reason and is_bappeda(self.who, agency.region_id)):
            raise QuarterLocked(
                f"Tahun {years_text} {agency.name} sudah memiliki triwulan yang disetujui: data rencana "
                f"(target, pagu, Rencana Aksi, aturan indikator) hanya dapat diubah melalui perubahan yang "
                f"dicatat Bappeda dengan alasan. Berkas ini akan mengubah {len(changed)} data rencana:\n"
                f"{listing}{more}"
            )
        self._event(
            "plan_amend_locked_year",
            "PlanDocument",
            agency.pk,
            f"{agency.name}: perubahan rencana tahun {years_text} oleh Bappeda",
            None,
            {"changes": len(changed), "years": locked},
        )
        self.events[-1].reason = self.amendment_reason

    def _validate(self) -> None:
        from planning.limits import document_problems  # here: the rest of the module is another change's

        doc = self.doc
        # Every value against its column's limits first, so SQLite refuses what PostgreSQL would.
        too_big = [] if self.limits_checked else [str(p) for p in document_problems(doc)]
        if too_big:
            more = f"\n... dan {len(too_big) - 50} lagi" if len(too_big) > 50 else ""
            raise ServiceError("Nilai melebihi batas isian:\n" + "\n".join(too_big[:50]) + more)
        problems = []
        for parent, row in doc.walk():
            if row.code:
                problem = code_problem(
                    row.code, row.level, year=doc.year, parent_code=parent.code if parent and parent.code else None
                )
                if problem:
                    where = f" ({row.source.describe()})" if row.source else ""
                    problems.append(f"{row.name[:60]}{where}: {problem}")
            if parent is not None and row.level.depth <= parent.level.depth:
                problems.append(f"{row.name[:60]}: tingkat {row.level.value} tidak boleh di bawah {parent.level.value}")
        if problems:
            raise ServiceError("Kode atau susunan baris tidak sah:\n" + "\n".join(problems))

    def _region(self) -> Region:
        spec = self.doc.region
        region = Region.objects.filter(slug=spec.slug).first()
        values: dict[str, Any] = {"name": spec.name, "kind": spec.kind, "place": spec.place}
        for key in ("negative_formula", "average_basis", "average_source"):
            if spec.settings.get(key):
                values[key] = spec.settings[key]
        if "average_cap" in spec.settings:
            cap = spec.settings["average_cap"]
            values["average_cap"] = Decimal(cap) if cap not in (None, "") else None
        if region is None:
            region = Region.objects.create(slug=spec.slug, **values)
            self._note("tambah", "Pemda", region.name)
            self._event("create", "Region", region.pk, region.name, None, values)
        elif self._sync(region, values, "Pemda", region.name):
            region.save()
        for year, bands in spec.rating_bands.items():
            stored = list(RatingBand.objects.filter(region=region, year=year))
            current = sorted(((b.lower, b.label) for b in stored), key=lambda x: (x[0] is None, -(x[0] or 0)))
            wanted = sorted(bands, key=lambda x: (x[0] is None, -(x[0] or 0)))
            if [(_text(a), b) for a, b in current] != [(_text(a), b) for a, b in wanted]:
                RatingBand.objects.filter(region=region, year=year).delete()
                RatingBand.objects.bulk_create(
                    RatingBand(region=region, year=year, lower=lo, label=la) for lo, la in wanted
                )
                self._note("ubah", "Predikat", f"{region.name} {year}", "bands", str(current), str(wanted))
                self._event("update", "RatingBand", region.pk, f"{region.name} {year}", current, wanted)
        return region

    def _agency(self, region: Region) -> Agency:
        spec = self.doc.agency
        agency = Agency.objects.select_related("region").filter(slug=spec.slug).first()
        values = {
            k: v
            for k, v in {
                "name": spec.name,
                "short_name": spec.short_name,
                "head_name": spec.head_name,
                "head_nip": spec.head_nip,
                "head_title": spec.head_title,
            }.items()
            if v
        }
        if agency is None:
            agency = Agency.objects.create(region=region, slug=spec.slug, **values)
            self._note("tambah", "Perangkat Daerah", agency.name)
            self._event("create", "Agency", agency.pk, agency.name, None, values)
        else:
            if agency.region_id != region.pk:
                raise ServiceError(
                    f"Perangkat daerah {spec.slug!r} milik {agency.region.name}, bukan {region.name}: impor ditolak."
                )
            if self._sync(agency, values, "Perangkat Daerah", agency.name):
                agency.save()
        return agency

    def _rows(self, plan: StrategicPlan) -> dict[int, PlanRow]:
        """Rows of the document, matched to stored rows by (parent, level, name); keyed by id(RowDoc)."""
        existing = {(r.parent_id, r.level, r.name): r for r in PlanRow.objects.filter(strategic_plan=plan)}
        result: dict[int, PlanRow] = {}
        position = 0
        positions: dict[int, int] = {}
        for _parent, row in self.doc.walk():
            positions[id(row)] = position
            position += 1
        level_batch: list[tuple[RowDoc | None, RowDoc]] = [(None, r) for r in self.doc.tree]
        while level_batch:
            to_create: list[PlanRow] = []
            to_update: list[PlanRow] = []
            for parent_doc, row in level_batch:
                parent = result[id(parent_doc)] if parent_doc is not None else None
                values = {
                    "position": positions[id(row)],
                    "code": row.code or "",
                    "strategic_budget": row.strategic_budget,
                    "responsible_unit": row.responsible_unit or "",
                }
                obj = existing.get((parent.pk if parent else None, row.level.value, row.name))
                if obj is None:
                    obj = PlanRow(strategic_plan=plan, parent=parent, level=row.level.value, name=row.name, **values)
                    to_create.append(obj)
                    self._note("tambah", "Baris", row.name)
                elif self._sync(obj, values, "Baris", row.name):
                    to_update.append(obj)
                result[id(row)] = obj
            insert_objects(PlanRow, to_create)
            if to_update:
                PlanRow.objects.bulk_update(
                    to_update, ["position", "code", "strategic_budget", "responsible_unit"], batch_size=500
                )
            level_batch = [(row, child) for _p, row in level_batch for child in row.children]
        self.row_docs = {id(row): row for _p, row in self.doc.walk()}
        return result

    def _indicators(
        self, plan: StrategicPlan, rows: dict[int, PlanRow]
    ) -> dict[int, tuple[Indicator, IndicatorDoc, RowDoc]]:
        # read by plan, not by ``row_id__in``: the ORM prepares each of 10,000 ids of a large import one
        # by one; the plan's other rows' indicators are never looked up
        existing = {(i.row_id, i.name): i for i in Indicator.objects.filter(row__strategic_plan=plan)}
        result: dict[int, tuple[Indicator, IndicatorDoc, RowDoc]] = {}
        to_create: list[Indicator] = []
        to_update: list[Indicator] = []
        fields = [
            "position",
            "unit",
            "direction",
            "aggregation",
            "aggregation_is_default",
            "periodicity",
            "formula",
            "refers_to_rkpd",
            "strategic_target",
        ]
        for key, row_doc in self.row_docs.items():
            row = rows[key]
            for position, ind in enumerate(row_doc.indicators):
                aggregation = ind.aggregation or default_aggregation(ind.name, ind.unit)
                values = {
                    "position": position,
                    "unit": ind.unit,
                    "direction": ind.direction.value,
                    "aggregation": aggregation.value,
                    "aggregation_is_default": ind.aggregation is None,
                    "periodicity": ind.periodicity.value,
                    "formula": ind.formula,
                    "refers_to_rkpd": ind.refers_to_rkpd,
                    "strategic_target": ind.strategic_target,
                }
                label = f"{row.name[:60]} / {ind.name}"
                obj = existing.get((row.pk, ind.name))
                if obj is None:
                    obj = Indicator(row=row, name=ind.name, **values)
                    to_create.append(obj)
                    self._note("tambah", "Indikator", label)
                elif self._sync(obj, values, "Indikator", label):
                    to_update.append(obj)
                result[id(ind)] = (obj, ind, row_doc)
        insert_objects(Indicator, to_create)
        if to_update:
            Indicator.objects.bulk_update(to_update, fields, batch_size=500)
        return result

    def _work_plan_rows(self, work_plan: WorkPlan, rows: dict[int, PlanRow]) -> None:
        existing = {w.row_id: w for w in WorkPlanRow.objects.filter(work_plan=work_plan)}
        to_create, to_update = [], []
        for key, row in rows.items():
            doc = self.row_docs[key]
            values = {  # in the order of _WORK_PLAN_ROW_FIELDS
                "budget": doc.budget,
                "prior_budget": doc.prior_budget,
                "funding_source": doc.funding_source or "",
            }
            obj = existing.get(row.pk)
            if obj is None:
                if doc.budget is None and doc.prior_budget is None and not doc.funding_source:
                    continue
                to_create.append((work_plan.pk, row.pk, *values.values()))
                self._note("tambah", "Pagu", row.name, "budget", None, doc.budget)
            elif self._sync(obj, values, "Pagu", row.name):
                to_update.append(obj)
        # raw rows, not instances: bulk_create prepared a model per row (seconds for a 10,000-line import)
        insert_many(WorkPlanRow, ("work_plan", "row", *_WORK_PLAN_ROW_FIELDS), to_create)
        if to_update:
            WorkPlanRow.objects.bulk_update(to_update, ["budget", "prior_budget", "funding_source"], batch_size=500)

    def _work_plan_indicators(
        self, work_plan: WorkPlan, indicators: dict[int, tuple[Indicator, IndicatorDoc, RowDoc]]
    ) -> None:
        existing = {w.indicator_id: w for w in WorkPlanIndicator.objects.filter(work_plan=work_plan)}
        to_create, to_update = [], []
        for obj_ind, doc, row_doc in indicators.values():
            values = {  # in the order of _WORK_PLAN_INDICATOR_FIELDS
                "target": doc.target,
                "prior_realization": doc.prior_realization,
                "action_plan_unit": doc.action_plan_unit or "",
                "drivers": doc.drivers,
                "obstacles": doc.obstacles,
            }
            label = f"{row_doc.name[:60]} / {doc.name}"
            obj = existing.get(obj_ind.pk)
            if obj is None:
                to_create.append((work_plan.pk, obj_ind.pk, *values.values()))
                self._note("tambah", "Target", label, "target", None, doc.target)
            elif self._sync(obj, values, "Target", label):
                to_update.append(obj)
        insert_many(WorkPlanIndicator, ("work_plan", "indicator", *_WORK_PLAN_INDICATOR_FIELDS), to_create)
        if to_update:
            WorkPlanIndicator.objects.bulk_update(
                to_update, ["target", "prior_realization", "action_plan_unit", "drivers", "obstacles"], batch_size=500
            )

    def _quarter_values(
        self,
        model: type,
        value_field: str,
        existing: dict[tuple[int, int], Any],
        wanted: dict[tuple[int, int], Decimal | None],
        insert_fields: tuple[str, ...],
        make: Any,
        label_of: Any,
        upto: int,
        extra: dict[str, Any] | None = None,
        check_lock: bool = False,
    ) -> None:
        """Create, update and delete per-quarter values so that the store matches ``wanted``.

        A blank (None) in the document deletes a stored value only for quarters up to ``upto``.
        ``make(key, value)`` gives the new row's values in the order of ``insert_fields``.
        """
        to_create, to_update, to_delete = [], [], []
        touched: set[int] = set()
        for key, new in wanted.items():
            obj = existing.get(key)
            quarter = key[1]
            label = f"{label_of(key[0])} TW {QUARTER_NAMES[quarter - 1]}"
            if obj is None:
                if new is None:
                    continue
                to_create.append(make(key, new))
                # A new value carries its own who/when/source (updated_by, updated_at, source) and the
                # load's summary event says why; per-value events are kept for changes and deletions,
                # which have a "before" worth keeping.  (One event per new value made imports 2x slower.)
                self._note("tambah", model.__name__, label, value_field, None, new)
                touched.add(quarter)
            elif new is None:
                if quarter <= upto:
                    to_delete.append(obj.pk)
                    old = getattr(obj, value_field)
                    self._note("hapus", model.__name__, label, value_field, old, None)
                    self._event("delete", model.__name__, obj.pk, label, {value_field: old}, None)
                    touched.add(quarter)
            elif _differs(getattr(obj, value_field), new):
                old = getattr(obj, value_field)
                self._note("ubah", model.__name__, label, value_field, old, new)
                self._event("update", model.__name__, obj.pk, label, {value_field: old}, {value_field: new})
                setattr(obj, value_field, new)
                for name, value in (extra or {}).items():
                    setattr(obj, name, value)
                to_update.append(obj)
                touched.add(quarter)
        if check_lock and touched & self.locked:
            raise QuarterLocked(lock_message(agency=self.agency, year=self.doc.year, quarters=touched & self.locked))
        insert_many(model, insert_fields, to_create)
        if to_update:
            model.objects.bulk_update(to_update, [value_field, *(extra or {})], batch_size=500)
        if to_delete:
            model.objects.filter(pk__in=to_delete).delete()

    def _upto(self) -> int:
        return self.doc.report.quarter if self.doc.report else 4

    def _quarterly_targets(
        self, work_plan: WorkPlan, indicators: dict[int, tuple[Indicator, IndicatorDoc, RowDoc]]
    ) -> None:
        existing = {(q.indicator_id, q.quarter): q for q in QuarterlyTarget.objects.filter(work_plan=work_plan)}
        wanted = {(ind.pk, i + 1): doc.action_plan[i] for ind, doc, _r in indicators.values() for i in range(4)}
        names = {ind.pk: f"{row.name[:60]} / {doc.name}" for ind, doc, row in indicators.values()}
        self._quarter_values(
            QuarterlyTarget,
            "value",
            existing,
            wanted,
            ("work_plan", "indicator", "quarter", "value"),
            lambda key, v: (work_plan.pk, key[0], key[1], v),
            names.__getitem__,
            upto=4,
        )

    def _realizations(self, plan: StrategicPlan, indicators: dict[int, tuple[Indicator, IndicatorDoc, RowDoc]]) -> None:
        year = self.doc.year
        ids = {ind.pk for ind, _d, _r in indicators.values()}
        existing = {
            (r.indicator_id, r.quarter): r
            for r in Realization.objects.filter(indicator__row__strategic_plan=plan, year=year)
            if r.indicator_id in ids
        }
        wanted = {(ind.pk, i + 1): doc.quarters[i] for ind, doc, _r in indicators.values() for i in range(4)}
        names = {ind.pk: f"{row.name[:60]} / {doc.name}" for ind, doc, row in indicators.values()}
        sources = {ind.pk: self._source_of(doc.source) for ind, doc, _r in indicators.values()}
        # a computed indicator's K comes from its base figures: the sheet's K is not written over it
        wanted, kept = sheet_values_kept(
            wanted,
            {key: r.value for key, r in existing.items()},
            {pk: formula for pk, formula in plan_formulas(plan).items() if pk in ids},
            names.__getitem__,
            upto=self._upto(),
        )
        self.notes.extend(k.message for k in kept)
        now, actor_id = now_for_db(), getattr(self.actor, "pk", None)
        self._quarter_values(
            Realization,
            "value",
            existing,
            wanted,
            ("indicator", "year", "quarter", "value", "updated_at", "updated_by", "source"),
            lambda key, v: (key[0], year, key[1], v, now, actor_id, sources[key[0]]),
            names.__getitem__,
            upto=self._upto(),
            extra={"updated_by": self.actor, "source": self.source},
            check_lock=True,
        )

    def _budget_realizations(self, plan: StrategicPlan, rows: dict[int, PlanRow]) -> None:
        year = self.doc.year
        row_ids = {r.pk for r in rows.values()}
        existing = {
            (b.row_id, b.quarter): b
            for b in BudgetRealization.objects.filter(row__strategic_plan=plan, year=year)
            if b.row_id in row_ids
        }
        wanted = {(row.pk, i + 1): self.row_docs[key].budget_quarters[i] for key, row in rows.items() for i in range(4)}
        names = {row.pk: row.name[:80] for row in rows.values()}
        sources = {row.pk: self._source_of(self.row_docs[key].source) for key, row in rows.items()}
        now, actor_id = now_for_db(), getattr(self.actor, "pk", None)
        self._quarter_values(
            BudgetRealization,
            "amount",
            existing,
            wanted,
            ("row", "year", "quarter", "amount", "updated_at", "updated_by", "source"),
            lambda key, v: (key[0], year, key[1], v, now, actor_id, sources[key[0]]),
            names.__getitem__,
            upto=self._upto(),
            extra={"updated_by": self.actor, "source": self.source},
            check_lock=True,
        )

    def _source_of(self, source: Any) -> str:
        if source is None:
            return self.source[:300]
        return source.describe()[:300]

    def _report(
        self, agency: Agency, rows: dict[int, PlanRow], indicators: dict[int, tuple[Indicator, IndicatorDoc, RowDoc]]
    ) -> None:
        from quarters.models import QuarterReport, StatedFigure

        spec = self.doc.report
        assert spec is not None
        values = {
            "drivers": spec.drivers,
            "obstacles": spec.obstacles,
            "follow_up_quarter": spec.follow_up_quarter,
            "follow_up_renja": spec.follow_up_renja,
            "stated_average": spec.stated_average,
            "stated_rating": spec.stated_rating,
        }
        report = QuarterReport.objects.filter(agency=agency, year=self.doc.year, quarter=spec.quarter).first()
        label = f"{agency.name} {self.doc.year} TW {QUARTER_NAMES[spec.quarter - 1]}"
        if report is None:
            report = QuarterReport.objects.create(agency=agency, year=self.doc.year, quarter=spec.quarter, **values)
            self._note("tambah", "Laporan", label)
            self._event("create", "QuarterReport", report.pk, label, None, values)
        elif self._sync(report, values, "Laporan", label):
            report.save()
        wanted: dict[tuple[int | None, int | None, str, str], str] = {}
        value_of = {s: s.value for s in Stated}  # a lookup, not Stated(x) per figure (70,000 in a large import)

        def stated_value(stated: Any) -> str:
            return value_of.get(stated) or Stated(stated).value

        for key, row in rows.items():
            for stated, text in self.row_docs[key].stated_budget.items():
                wanted[(row.pk, None, stated_value(stated), "Rp")] = text
        for ind, doc, _row in indicators.values():
            for stated, text in doc.stated.items():
                wanted[(None, ind.pk, stated_value(stated), "K")] = text
        stored = {(s.row_id, s.indicator_id, s.key, s.measure): s for s in StatedFigure.objects.filter(report=report)}
        stale = [s.pk for k, s in stored.items() if k not in wanted]
        to_create, to_update = [], []
        for key, text in wanted.items():
            obj = stored.get(key)
            if obj is None:
                to_create.append((report.pk, *key, text))
                self._note("tambah", "Angka tercetak", _stated_label(key), "value", None, text)
            elif obj.value != text:
                self._note("ubah", "Angka tercetak", _stated_label(key), "value", obj.value, text)
                obj.value = text
                to_update.append(obj)
        if stale:
            self._note("hapus", "Angka tercetak", f"{len(stale)} angka")
            StatedFigure.objects.filter(pk__in=stale).delete()
        insert_many(StatedFigure, ("report", "row", "indicator", "key", "measure", "value"), to_create)
        if to_update:
            StatedFigure.objects.bulk_update(to_update, ["value"], batch_size=500)


def _stated_label(key: tuple[Any, ...]) -> str:
    """A printed figure in words for the dry-run listing: "Realisasi Renja tercetak (kolom 12) K"."""
    return _stated_words(key[2], key[3])


@cache
def _stated_words(stated: str, measure: str) -> str:
    from reporting.labels import STATED  # the words only (planning.models reads them too)

    return f"{STATED[Stated(stated)]} {measure}"
