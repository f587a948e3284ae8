"""Reading a plan document written in YAML (the demo data) into a ``PlanDocument``.

Errors name the place in the file (the path of keys) and are collected, not raised one by one.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from domain.inputs import Stated
from domain.numbers import to_decimal
from domain.types import Aggregation, Direction, Level, Periodicity, Quarters
from planning.documents import AgencyDoc, IndicatorDoc, PlanDocument, RegionDoc, ReportDoc, RowDoc, Source

_BUDGET_STATED = {
    "annual": Stated.ANNUAL_REALIZATION,
    "annual_achievement": Stated.ANNUAL_ACHIEVEMENT,
    "cumulative": Stated.CUMULATIVE_REALIZATION,
    "cumulative_achievement": Stated.CUMULATIVE_ACHIEVEMENT,
}


class DocumentError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _Reader:
    def __init__(self, source: Source) -> None:
        self.problems: list[str] = []
        self.source = source

    def number(self, value: Any, where: str) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, float):
            self.problems.append(f"{where}: tulis angka sebagai teks bertanda kutip, bukan {value!r}")
            return None
        try:
            return to_decimal(value)
        except (TypeError, ValueError):
            self.problems.append(f"{where}: bukan angka: {value!r}")
            return None

    def quarters(self, value: Any, where: str) -> Quarters:
        if value is None:
            return (None, None, None, None)
        if not isinstance(value, list) or len(value) != 4:
            self.problems.append(f"{where}: harus daftar empat triwulan")
            return (None, None, None, None)
        q = [self.number(v, f"{where}[{i + 1}]") for i, v in enumerate(value)]
        return (q[0], q[1], q[2], q[3])

    def enum(self, enum: type, value: Any, where: str, default: Any) -> Any:
        if value is None:
            return default
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)  # type: ignore[attr-defined]
            self.problems.append(f"{where}: {value!r} tidak dikenal (pilihan: {allowed})")
            return default

    def stated(self, value: Any, where: str, names: dict[str, Stated]) -> dict[Stated, str]:
        out: dict[Stated, str] = {}
        for key, text in (value or {}).items():
            if text is None:
                continue
            if key not in names:
                self.problems.append(f"{where}.{key}: angka tercetak tidak dikenal")
                continue
            if self.number(text, f"{where}.{key}") is not None:
                out[names[key]] = str(text)
        return out

    def indicator(self, data: dict[str, Any], where: str, row_notes: dict[str, str]) -> IndicatorDoc:
        plan = data.get("action_plan") or {}
        stated = self.stated(data.get("stated"), f"{where}.stated", {s.value: s for s in Stated})
        if plan.get("stated_target") is not None:
            number = self.number(plan["stated_target"], f"{where}.action_plan.stated_target")
            if number is not None:
                stated[Stated.ACTION_PLAN_TARGET] = str(plan["stated_target"])
        return IndicatorDoc(
            name=str(data.get("name") or "").strip(),
            unit=str(data.get("unit") or "").strip(),
            aggregation=self.enum(Aggregation, data.get("aggregation"), f"{where}.aggregation", None),
            direction=self.enum(Direction, data.get("direction"), f"{where}.direction", Direction.POSITIVE),
            periodicity=self.enum(Periodicity, data.get("periodicity"), f"{where}.periodicity", Periodicity.QUARTERLY),
            formula=str(data.get("formula") or ""),
            refers_to_rkpd=bool(data.get("refers_to_rkpd")),
            strategic_target=self.number(data.get("strategic_target"), f"{where}.strategic_target"),
            prior_realization=self.number(data.get("prior_realization"), f"{where}.prior_realization"),
            target=self.number(data.get("target"), f"{where}.target"),
            quarters=self.quarters(data.get("quarters"), f"{where}.quarters"),
            action_plan=self.quarters(plan.get("quarters"), f"{where}.action_plan.quarters"),
            action_plan_unit=str(plan.get("unit") or ""),
            stated=stated,
            drivers=str(data.get("drivers") or row_notes.get("drivers") or ""),
            obstacles=str(data.get("obstacles") or row_notes.get("obstacles") or ""),
            source=self.source,
        )

    def row(self, data: dict[str, Any], where: str) -> RowDoc:
        name = str(data.get("name") or "").strip()
        if not name:
            self.problems.append(f"{where}.name: nama baris kosong")
        level = self.enum(Level, data.get("level"), f"{where}.level", Level.PROGRAM)
        budget = data.get("budget") or {}
        # Row-level drivers/obstacles belong to the row's first report line, its first indicator.
        notes = {"drivers": str(data.get("drivers") or ""), "obstacles": str(data.get("obstacles") or "")}
        indicators = []
        for i, ind in enumerate(data.get("indicators") or []):
            indicators.append(self.indicator(ind, f"{where}.indicators[{i + 1}]", notes if i == 0 else {}))
        return RowDoc(
            level=level,
            name=name,
            code=str(data.get("code") or ""),
            responsible_unit=str(data.get("responsible_unit") or ""),
            funding_source=str(data.get("funding_source") or ""),
            strategic_budget=self.number(budget.get("strategic"), f"{where}.budget.strategic"),
            prior_budget=self.number(budget.get("prior"), f"{where}.budget.prior"),
            budget=self.number(budget.get("annual"), f"{where}.budget.annual"),
            budget_quarters=self.quarters(budget.get("quarters"), f"{where}.budget.quarters"),
            stated_budget=self.stated(budget.get("stated"), f"{where}.budget.stated", _BUDGET_STATED),
            indicators=indicators,
            children=[self.row(c, f"{where}.children[{i + 1}]") for i, c in enumerate(data.get("children") or [])],
            source=self.source,
        )


def _lines(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value or "")


def read_yaml_document(path: Path) -> PlanDocument:
    """Parse the YAML plan document at ``path``; raise ``DocumentError`` listing every problem."""
    raw = path.read_bytes()
    source = Source(file=path.name, checksum=hashlib.sha256(raw).hexdigest())
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise DocumentError([f"{path.name}: YAML tidak sah: {exc}"]) from None
    reader = _Reader(source)
    region = data.get("region") or {}
    bands: dict[int, list[tuple[Decimal | None, str]]] = {}
    for year, items in (region.get("rating_bands") or {}).items():
        bands[int(year)] = [
            (reader.number(b.get("min"), f"region.rating_bands.{year}"), str(b["label"])) for b in items
        ]
    agency = data.get("agency") or {}
    plan = data.get("strategic_plan") or {}
    work_plan = data.get("work_plan") or {}
    report = data.get("report")
    report_doc = None
    if report:
        stated = report.get("stated") or {}
        report_doc = ReportDoc(
            quarter=int(report["quarter"]),
            drivers=_lines(report.get("drivers")),
            obstacles=_lines(report.get("obstacles")),
            follow_up_quarter=_lines(report.get("follow_up_quarter")),
            follow_up_renja=_lines(report.get("follow_up_renja")),
            stated_average=str(stated.get("average_achievement") or ""),
            stated_rating=str(stated.get("rating") or ""),
        )
    document = PlanDocument(
        region=RegionDoc(
            slug=str(region.get("slug")),
            name=str(region.get("name")),
            kind=str(region.get("kind") or "kabupaten"),
            place=str(region.get("place") or ""),
            settings=dict(region.get("settings") or {}),
            rating_bands=bands,
        ),
        agency=AgencyDoc(
            slug=str(agency.get("slug")),
            name=str(agency.get("name")),
            short_name=str(agency.get("short_name") or ""),
            head_name=str(agency.get("head_name") or ""),
            head_nip=str(agency.get("head_nip") or ""),
            head_title=str(agency.get("head_title") or ""),
        ),
        strategic_start=int(plan["start_year"]),
        strategic_end=int(plan["end_year"]),
        year=int(work_plan["year"]),
        revision=int(work_plan.get("revision") or 0),
        work_plan_label=str(work_plan.get("label") or ""),
        report=report_doc,
        tree=[reader.row(r, f"tree[{i + 1}]") for i, r in enumerate(data.get("tree") or [])],
        source=source,
    )
    if reader.problems:
        raise DocumentError(reader.problems)
    return document
