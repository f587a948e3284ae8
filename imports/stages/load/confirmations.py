"""What an import writes only once the person has confirmed it: deleting stored values, and a file whose
title names another PD or pemda than the one chosen.

The dry run lists both (each deletion on its own line); the real import refuses them, naming them,
unless the confirmation was given (``--allow-delete`` / ``--confirm-other-agency`` on the command
line, the two boxes of the dry run's page on the web).
"""

from __future__ import annotations

from imports.problems import Problem, Severity
from imports.stages.documents.document_frame import Destination, other_destination
from imports.stages.locate.tables import Title
from planning.services.documents import Change

_VALUE_MODELS = {"Realization", "BudgetRealization", "QuarterlyTarget"}
_NOT_DATA = {"Angka tercetak"}  # the printed figures are the file's own statements, replaced each time
SHOWN = 30  # deletions named in a refusal; the dry run lists them all


def removed_values(changes: list[Change]) -> list[Change]:
    """The changes that remove a stored value: a quarter's value deleted, or a field emptied."""
    out = []
    for change in changes:
        if change.model in _NOT_DATA:
            continue
        if change.action == "hapus" and change.model in _VALUE_MODELS:
            out.append(change)
        elif change.action == "ubah" and change.before not in (None, "") and change.after in (None, ""):
            out.append(change)
    return out


def _describe(change: Change) -> str:
    field = f" {change.field}" if change.field and change.model not in _VALUE_MODELS else ""
    return f"{change.model} {change.label[:100]}{field}: {change.before} dihapus (sel kosong di berkas)"


def deletion_problems(deletions: list[Change], *, dry_run: bool, allowed: bool) -> list[Problem]:
    """A dry run names every deletion as a warning; a real import without ``allowed`` is refused."""
    if not deletions:
        return []
    if dry_run or allowed:
        said = "akan dihapus" if dry_run else "dihapus atas konfirmasi"
        head = Problem(
            f"{len(deletions)} nilai tersimpan {said} karena selnya kosong di berkas; menyimpan impor ini perlu "
            "konfirmasi 'hapus nilai yang kosong di berkas' (--allow-delete)",
            severity=Severity.WARNING,
        )
        return [head, *(Problem(_describe(c), severity=Severity.WARNING) for c in deletions)]
    listed = "; ".join(_describe(c) for c in deletions[:SHOWN])
    more = f"; dan {len(deletions) - SHOWN} lagi" if len(deletions) > SHOWN else ""
    return [
        Problem(
            f"impor ini akan menghapus {len(deletions)} nilai tersimpan yang selnya kosong di berkas: {listed}{more}. "
            "Tidak ada yang disimpan; konfirmasi 'hapus nilai yang kosong di berkas' (--allow-delete) bila memang "
            "harus dihapus, atau isi sel itu."
        )
    ]


def destination_problem(
    title: Title | None, sheet: str, destination: Destination, *, dry_run: bool, confirmed: bool
) -> Problem | None:
    """The title (on ``sheet``) naming another PD or pemda: a warning in the dry run or once confirmed, else an
    error."""
    if title is None:
        return None
    other = other_destination(title, destination)
    if not other:
        return None
    where = {"sheet": sheet, "row": title.agency_row}
    if confirmed:
        return Problem(f"{other}; diimpor ke tujuan yang dipilih atas konfirmasi", severity=Severity.WARNING, **where)
    message = (
        f"{other}: periksa tujuan impor; bila berkas ini memang untuk tujuan itu, konfirmasi "
        "(kotak 'berkas ini memang untuk perangkat daerah ini' atau --confirm-other-agency)"
    )
    return Problem(message, severity=Severity.WARNING if dry_run else Severity.ERROR, **where)  # type: ignore[arg-type]
