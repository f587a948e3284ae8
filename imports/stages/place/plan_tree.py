"""The E.81 table's lines -> a tree of sasaran / program / kegiatan / sub kegiatan nodes.

Telling the levels apart is the hard part of an E.81 sheet: by the Permendagri 90 code when there is
one, else by the row's shape (a No without Rp is a sasaran), its name ("Program ...", or close to a
known nomenclature name), and last by position and pagu.  A line with an indicator and no name is a
second indicator of the node above it.  Once the tree stands, ``settle_budgets`` chooses the quarters
of shifted lines so that each parent's Rp equals the sum of its children's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from domain.codes import code_problem
from domain.types import Level
from imports.nomenclature import Nomenclature, normalise, similar
from imports.stages.locate.layout import norm
from imports.stages.place.main_table import Line
from imports.stages.place.placement import Assignment, choose_family
from imports.stages.place.sheet_place import SheetPlace
from planning.documents import RowDoc

_LEVEL_BY_PARTS = {3: Level.PROGRAM, 5: Level.ACTIVITY, 6: Level.SUB_ACTIVITY}
LEVEL_WORD = {
    Level.GOAL: "tujuan",
    Level.OBJECTIVE: "sasaran",
    Level.PROGRAM: "program",
    Level.ACTIVITY: "kegiatan",
    Level.SUB_ACTIVITY: "sub kegiatan",
}


@dataclass
class Node:
    line: Line | None
    level: Level
    name: str
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    indicator_lines: list[Line] = field(default_factory=list)
    doc: RowDoc | None = None
    match_note: str = ""

    @property
    def pagu(self) -> Decimal | None:
        group = self.line.chosen.get("7") if self.line else None
        return group.rp_value if group else None


def ancestor(node: Node, level: Level) -> Node | None:
    current: Node | None = node
    while current is not None and current.level is not level:
        current = current.parent
    return current


def build_tree(
    lines: list[Line],
    *,
    place: SheetPlace,
    year: int,
    nomenclature: Nomenclature,
    objective_names: list[str],
) -> tuple[list[Node], list[Node]]:
    """The roots, and every node in sheet order."""
    levels = _Levels(place, year, nomenclature, objective_names)
    problems, sheet = place.problems, place.sheet
    roots: list[Node] = []
    nodes: list[Node] = []
    objective: Node | None = None
    program: Node | None = None
    activity: Node | None = None
    previous: Node | None = None
    for line in lines:
        if _is_heading(line):
            problems.info(
                f"baris judul urusan/bidang {line.code} {(line.name or line.indicator)[:50]!r} dilewati",
                sheet=sheet,
                row=line.row,
            )
            continue
        _normalise_code(line, previous, place, year)
        same_code = (
            bool(line.code) and previous is not None and previous.line is not None and (line.code == previous.line.code)
        )
        if line.is_lone_indicator and (same_code or not (line.code or (line.has_rp and not line.groups))):
            target = previous
            if target is None:
                problems.error("indikator tanpa baris program/kegiatan di atasnya", sheet=sheet, row=line.row)
                continue
            if objective is not None and target is not objective and levels.is_objective_indicator(line):
                target = objective
                problems.info(
                    f"indikator {line.indicator[:50]!r} tercatat di tabel Indikator Sasaran: dipasang pada "
                    f"sasaran {objective.name[:50]!r}",
                    sheet=sheet,
                    row=line.row,
                )
            target.indicator_lines.append(line)
            continue
        level, note = levels.level_of(line, previous, activity)
        name = line.name or line.objective or line.indicator
        node = Node(line=line, level=level, name=name, match_note=note)
        if line.indicator and (line.name or line.objective):
            node.indicator_lines.append(line)
        elif not line.name and not line.objective:
            node.indicator_lines.append(line)
        parent = {
            Level.OBJECTIVE: None,
            Level.PROGRAM: objective,
            Level.ACTIVITY: program or objective,  # a kegiatan directly under a sasaran (no program row)
            Level.SUB_ACTIVITY: activity,
        }[level]
        if level is Level.OBJECTIVE:
            objective, program, activity = node, None, None
        elif level is Level.PROGRAM:
            program, activity = node, None
        elif level is Level.ACTIVITY:
            activity = node
            if program is None:
                problems.warning(
                    "kegiatan tanpa program di atasnya" + (": dipasang di bawah sasaran" if objective else ""),
                    sheet=sheet,
                    row=line.row,
                )
        elif activity is None:
            problems.warning("sub kegiatan tanpa kegiatan di atasnya", sheet=sheet, row=line.row)
            parent = program
        node.parent = parent
        (parent.children if parent else roots).append(node)
        nodes.append(node)
        previous = node
    return roots, nodes


_HEADING_CODE = re.compile(r"^(\d|X)(\.(\d{2}|XX))?$")


def _is_heading(line: Line) -> bool:
    """An urusan or bidang heading ("2", "2.17", "X.XX Non Urusan"): a one- or two-part code, a name,
    no indicator of its own and no figure."""
    return (
        bool(_HEADING_CODE.match(line.code))
        and not line.groups
        and not line.chosen
        and not (line.name and line.indicator)
    )


def _normalise_code(line: Line, previous: Node | None, place: SheetPlace, year: int) -> None:
    """Codes as real sheets write them, made the form's: a seventh part numbering the indicator
    (``2.17.07.2.01.0001.01``) is dropped, and a sub kegiatan's two digits in a 2022+ sheet
    (``2.17.07.2.01.01``) become four, with a warning; never a refusal for the code's format."""
    parts = line.code.split(".")
    if len(parts) == 7 and parts[6].isdigit():
        line.code = ".".join(parts[:6])
        parts = parts[:6]
    if len(parts) == 6 and year >= 2022 and re.fullmatch(r"\d{2}", parts[5]):
        widened = ".".join([*parts[:5], parts[5].zfill(4)])
        place.problems.warning(
            f"kode sub kegiatan {line.code!r} ditulis 2 digit; sejak 2022 memakai 4 digit: dibaca {widened!r}",
            sheet=place.sheet,
            row=line.row,
            field="Kode",
        )
        line.code = widened


class _Levels:
    """Tells a line's level: code, then shape, then name, then position."""

    def __init__(self, place: SheetPlace, year: int, nomenclature: Nomenclature, objective_names: list[str]) -> None:
        self.problems = place.problems
        self.sheet = place.sheet
        self.year = year
        self.nomenclature = nomenclature
        self.objective_names = objective_names
        # by normalised length: ``similar`` at 0.9 needs lengths within 10 % of each other
        self._objective_keys = {normalise(n) for n in objective_names}
        self._objective_lengths = [(len(normalise(n)), n) for n in objective_names]
        self._objective_seen: dict[str, bool] = {}

    def _names_an_objective(self, indicator: str) -> bool:
        if indicator not in self._objective_seen:
            key = normalise(indicator)
            size = len(key)
            self._objective_seen[indicator] = key in self._objective_keys or any(
                min(size, length) >= 0.9 * max(size, length) and similar(indicator, n, 0.9)
                for length, n in self._objective_lengths
            )
        return self._objective_seen[indicator]

    def is_objective_indicator(self, line: Line) -> bool:
        return self._names_an_objective(line.indicator) or (
            not line.has_rp
            and line.chosen.get("7") is not None
            and line.chosen["7"].unit == "%"
            and not any(q in line.chosen for q in ("q1", "q2", "q3", "q4"))
        )

    def level_of(self, line: Line, previous: Node | None, activity: Node | None) -> tuple[Level, str]:
        if line.code:
            parts = line.code.split(".")
            level = _LEVEL_BY_PARTS.get(len(parts))
            if level is not None:
                problem = code_problem(line.code, level, year=self.year)
                if problem:
                    self.problems.error(problem, sheet=self.sheet, row=line.row, field="Kode")
                return level, ""
            self.problems.error(
                f"kode {line.code!r} bukan kode program/kegiatan/sub kegiatan",
                sheet=self.sheet,
                row=line.row,
                field="Kode",
            )
        if line.objective and not line.name:
            return Level.OBJECTIVE, ""
        if line.no and not line.grid and not line.has_rp:
            return Level.OBJECTIVE, ""
        name = line.name or line.indicator
        if norm(name).startswith("program"):
            return Level.PROGRAM, self._typo_note(name, Level.PROGRAM)
        match = self.nomenclature.match(name)
        if match is not None and match.known.level in (Level.ACTIVITY, Level.SUB_ACTIVITY):
            note = ""
            if not match.exact:
                note = f"nama {name[:60]!r} dibaca sebagai nomenklatur {match.known.name!r}"
                if match.known.code and not match.known.code.endswith("?"):
                    note += f" ({match.known.code})"
                self.problems.info(note + "; nama dari berkas dipakai", sheet=self.sheet, row=line.row)
            return match.known.level, note
        return _structural_level(previous, activity), ""

    def _typo_note(self, name: str, level: Level) -> str:
        match = self.nomenclature.match(name, level)
        if match is not None and not match.exact:
            self.problems.info(f"nama {name[:60]!r} mirip nomenklatur {match.known.name!r}", sheet=self.sheet)
        return ""


def _structural_level(previous: Node | None, activity: Node | None) -> Level:
    """No code and no known name: the first row under a program is a kegiatan; then sub kegiatan
    until their pagu adds up to the kegiatan's, after which the next row is a kegiatan again."""
    if previous is None or previous.level in (Level.OBJECTIVE, Level.PROGRAM):
        return Level.ACTIVITY
    if activity is None:
        return Level.ACTIVITY
    subs = [c for c in activity.children if c.level is Level.SUB_ACTIVITY]
    if activity.pagu is not None and subs and all(s.pagu is not None for s in subs):
        if sum((s.pagu for s in subs if s.pagu is not None), Decimal(0)) >= activity.pagu:
            return Level.ACTIVITY
    return Level.SUB_ACTIVITY


def settle_budgets(roots: list[Node]) -> None:
    """Choose shifted quarters so that parents' Rp agree with their children's sums, top-down."""

    def options(node: Node) -> list[tuple[float, Assignment]]:
        line = node.line
        if line is None or line.grid or not line.options:
            return [(0.0, line.chosen if line else {})]
        return line.options

    def visit(node: Node, fixed: bool) -> None:
        kids = [c for c in node.children if c.line is not None and c.level.carries_budget]
        if node.line is not None and node.level.carries_budget and kids:
            own = [(0.0, node.line.chosen)] if fixed else options(node)
            p_index, picks = choose_family(own, [options(k) for k in kids])
            node.line.chosen = own[p_index][1]
            for kid, pick in zip(kids, picks, strict=True):
                if kid.line is not None:
                    kid.line.chosen = options(kid)[pick][1]
            for kid in kids:
                visit(kid, True)
        else:
            for kid in node.children:
                visit(kid, False)

    for root in roots:
        visit(root, False)
