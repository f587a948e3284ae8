"""The tables printed around the E.81 table, attached to the rows and indicators read from it.

- Indikator Tujuan -> the tujuan row "Tujuan Renstra {PD}" with annual indicators;
- Indikator Sasaran -> the sasaran indicators' formula and printed achievement (target and
  realisation checked against the main table); the RKPD block marks indicators as referring to it;
- the narrative table below the main one -> funding source, responsible unit, drivers and obstacles,
  matched to the main table's lines in order;
- this project's "Agregasi triwulan dan arah indikator" table -> each indicator's aggregation and
  direction.

The Rencana Aksi table has its own module, ``action_plan``.  Tables are read by ``tables``; here
they are only matched, by name and by order, and what cannot be matched becomes a warning.
"""

from __future__ import annotations

from domain.inputs import Stated
from domain.types import Level, Periodicity
from imports.nomenclature import normalise, similar, similarity
from imports.stages.documents.row_documents import Entry
from imports.stages.locate.layout import norm
from imports.stages.locate.tables import AggregationNote, Narrative, SummaryIndicator, Title
from imports.stages.place.plan_tree import Node, ancestor
from imports.stages.place.sheet_place import SheetPlace
from planning.documents import IndicatorDoc, RowDoc


def attach_summary_tables(
    entries: list[Entry],
    goals: list[SummaryIndicator],
    objectives: list[SummaryIndicator],
    title: Title,
    *,
    place: SheetPlace,
    quarter: int,
    agency_name: str,
) -> Node | None:
    """Attach the Indikator Sasaran table to the sasaran indicators; the tujuan node built from the
    Indikator Tujuan table (None without one)."""
    problems, sheet = place.problems, place.sheet
    goal: Node | None = None
    rkpd = title.rkpd_indicators
    objective_indicators = [
        (node, ind) for line, node, ind in entries if node.level is Level.OBJECTIVE and ind is not None
    ]
    by_name = {normalise(ind.name): (node, ind) for node, ind in objective_indicators}
    for item in objectives:
        best = by_name.get(normalise(item.name))
        if best is None:
            near = [p for p in objective_indicators if similar(p[1].name, item.name, 0.85)]
            best = max(near, key=lambda p: similarity(p[1].name, item.name), default=None)
        if best is None:
            problems.warning(
                f"indikator sasaran {item.name[:60]!r} tidak ditemukan di tabel utama: tidak diimpor",
                sheet=sheet,
                row=item.row,
            )
            continue
        _node, ind = best
        ind.formula = ind.formula or item.formula
        _summary_figures(ind, item, place, quarter)
        if any(similar(item.name, r, 0.9) for r in rkpd):
            ind.refers_to_rkpd = True
    if goals:
        name = f"Tujuan Renstra {agency_name}"
        goal = Node(line=None, level=Level.GOAL, name=name)
        goal.doc = RowDoc(level=Level.GOAL, name=name, source=place.source(goals[0].row))
        for item in goals:
            unit = "%" if norm(item.name).startswith("persentase") else ""
            for name, target in zip(title.rkpd_indicators, title.rkpd_targets, strict=False):
                if similar(name, item.name, 0.9) and target.strip().endswith("%"):
                    unit = "%"
            ind = IndicatorDoc(
                name=item.name,
                unit=unit,
                formula=item.formula,
                periodicity=Periodicity.ANNUAL,
                refers_to_rkpd=any(similar(item.name, r, 0.9) for r in rkpd),
                source=place.source(item.row),
            )
            ind.target = item.target.value if item.target else None
            if item.realization is not None:
                ind.quarters = (None, None, None, item.realization.value) if quarter == 4 else ind.quarters
            if item.achievement is not None:
                ind.stated[Stated.ANNUAL_ACHIEVEMENT] = item.achievement.number_text
            goal.doc.indicators.append(ind)
    known = [i.name for _l, _n, i in entries if i is not None]
    if goal and goal.doc:
        known += [i.name for i in goal.doc.indicators]
    exact = {normalise(k) for k in known}
    for name in rkpd:
        if normalise(name) not in exact and not any(similar(name, k, 0.9) for k in known):
            problems.warning(f"indikator RKPD {name[:60]!r} tidak ditemukan di tabel mana pun", sheet=sheet)
    return goal


def _summary_figures(ind: IndicatorDoc, item: SummaryIndicator, place: SheetPlace, quarter: int) -> None:
    if item.achievement is not None:
        ind.stated[Stated.ANNUAL_ACHIEVEMENT] = item.achievement.number_text
    if item.target is not None:
        if ind.target is None:
            ind.target = item.target.value
        elif ind.target != item.target.value:
            place.problems.warning(
                f"target {item.target.text} berbeda dari target di tabel utama ({ind.target})",
                sheet=place.sheet,
                row=item.row,
                column=item.target.column,
                field="Target",
            )
    if item.realization is not None:
        annual = ind.quarters[3] if ind.periodicity is Periodicity.ANNUAL else None
        if annual is None and all(q is None for q in ind.quarters) and quarter == 4:
            ind.periodicity = Periodicity.ANNUAL
            ind.quarters = (None, None, None, item.realization.value)
        elif annual is not None and annual != item.realization.value:
            place.problems.warning(
                f"realisasi {item.realization.text} berbeda dari tabel utama ({annual})",
                sheet=place.sheet,
                row=item.row,
                column=item.realization.column,
                field="Realisasi",
            )


def attach_narratives(entries: list[Entry], narratives: list[Narrative], *, place: SheetPlace) -> None:
    """Match the narrative table printed below the main one to the main table's lines, in order:
    Sumber Dana lines go to sub kegiatan, Pendorong / Penghambat lines to sasaran and programs."""
    if not narratives:
        return
    cursor = 0
    last_program_funding: dict[int, str] = {}
    for item in narratives:
        index = cursor
        while index < len(entries):
            line, node, ind = entries[index]
            is_main = node.line is line or ind is None
            if item.only_funding:
                if node.level is Level.SUB_ACTIVITY and is_main:
                    break
            elif node.level not in (Level.ACTIVITY, Level.SUB_ACTIVITY):
                break
            index += 1
        if index >= len(entries):
            place.problems.warning(
                "baris tabel sumber dana/faktor tidak dapat dipasangkan dengan baris tabel utama",
                sheet=place.sheet,
                row=item.row,
            )
            continue
        line, node, ind = entries[index]
        cursor = index + 1
        assert node.doc is not None
        if item.funding:
            node.doc.funding_source = item.funding
            program = ancestor(node, Level.PROGRAM)
            if program is not None:
                last_program_funding[id(program)] = item.funding
        if item.responsible:
            node.doc.responsible_unit = item.responsible
        target = ind or (node.doc.indicators[0] if node.doc.indicators else None)
        if target is not None:
            target.drivers = item.drivers or target.drivers
            target.obstacles = item.obstacles or target.obstacles
    filled = []
    for _line, node, _ind in entries[cursor:]:
        program = ancestor(node, Level.PROGRAM)
        if node.level is Level.SUB_ACTIVITY and node.doc and not node.doc.funding_source and program:
            funding = last_program_funding.get(id(program))
            if funding:
                node.doc.funding_source = funding
                filled.append(node)
    if filled:
        place.problems.warning(
            f"sumber dana tidak tertulis untuk {len(filled)} sub kegiatan terakhir; diisi "
            f"{filled[0].doc.funding_source!r} dari baris di atasnya (sel gabungan): "  # type: ignore[union-attr]
            + ", ".join(n.name[:40] for n in filled),
            sheet=place.sheet,
        )


def attach_aggregation_notes(
    entries: list[Entry], goal: Node | None, notes: list[AggregationNote], *, place: SheetPlace
) -> set[int]:
    """This project's export lists each indicator's aggregation and direction: take them as given
    (a "(bawaan)" one stays the default).  Returns the ``id`` of the indicators whose default the
    table confirms."""
    confirmed_default: set[int] = set()
    if not notes:
        return confirmed_default
    from reporting.labels import AGGREGATION, DIRECTION

    by_label = {norm(label): agg for agg, label in AGGREGATION.items()}
    pairs = [(n, i) for _l, n, i in entries if i is not None]
    if goal is not None and goal.doc is not None:
        pairs += [(goal, i) for i in goal.doc.indicators]
    index: dict[tuple[str, str], list[tuple[Node, IndicatorDoc]]] = {}
    for node, ind in pairs:
        row_name = normalise(node.doc.name if node.doc else node.name)
        index.setdefault((normalise(ind.name), row_name), []).append((node, ind))
        index.setdefault((normalise(ind.name), ""), []).append((node, ind))
    used: set[int] = set()
    start: dict[tuple[str, str], int] = {}  # per key, the candidates before it are all used
    for note in notes:
        key = (normalise(note.indicator), normalise(note.row_name))
        candidates = index.get(key, [])
        at = start.get(key, 0)
        while at < len(candidates) and id(candidates[at][1]) in used:
            at += 1  # used ones are skipped once, not at every note (thousands share a name)
        start[key] = at
        found = candidates[at : at + 1]
        if not found:
            place.problems.warning(
                f"agregasi untuk {note.indicator[:50]!r} tidak cocok dengan indikator mana pun", row=note.row
            )
            continue
        _node, ind = found[0]
        used.add(id(ind))
        label = norm(note.aggregation)
        agg = next((a for text, a in by_label.items() if label.startswith(text)), None)
        if agg is not None and "bawaan" not in label:
            ind.aggregation = agg
        elif agg is not None:
            confirmed_default.add(id(ind))
        if note.direction:
            for direction, text in DIRECTION.items():
                if norm(text).split()[0] == norm(note.direction).split()[0]:
                    ind.direction = direction
    return confirmed_default
