"""``python manage.py import_report FILE --agency SLUG --year YEAR [--quarter N] [--dry-run]
[--allow-delete] [--confirm-other-agency]``.

Shows what would be created and changed (old -> new), every problem with its sheet, row and column,
how each indicator's aggregation was decided, and the report's findings (printed figures that differ
from the computed ones).  Writes nothing when the file has an error or with ``--dry-run``; deleting
stored values that the file leaves blank needs ``--allow-delete``, and a file whose title names another
PD or pemda ``--confirm-other-agency``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from imports.problems import Severity
from imports.services import ImportResult, import_report
from planning.roles import SYSTEM
from reporting.labels import label

HOW = {
    "tercetak": "dari nilai tahunan tercetak",
    "saudara": "mengikuti baris saudara",
    "bawaan": "aturan bawaan (perlu dikonfirmasi)",
    "tahunan": "indikator tahunan, aturan bawaan",
    "kolom agregasi": "dari kolom Agregasi",
}


class Command(BaseCommand):
    help = "Impor laporan E.81 (.xlsx, .xls, .ods, .csv, .txt) untuk satu perangkat daerah dan tahun."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--agency", required=True, help="slug perangkat daerah (dibuat bila belum ada)")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="triwulan (bila judul tidak menyebut)")
        parser.add_argument("--region", help="slug pemda untuk perangkat daerah baru (bila judul tidak menyebut)")
        parser.add_argument("--dry-run", action="store_true", help="tampilkan perubahan tanpa menyimpan")
        parser.add_argument("--all-changes", action="store_true", help="tampilkan semua perubahan, bukan 50 pertama")
        parser.add_argument(
            "--allow-delete", action="store_true", help="hapus nilai tersimpan yang selnya kosong di berkas"
        )
        parser.add_argument(
            "--confirm-other-agency",
            action="store_true",
            help="impor walaupun judul berkas menyebut perangkat daerah atau pemda lain",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        console = Console(file=self.stdout, force_terminal=False, soft_wrap=True)
        columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("membaca berkas", total=1)

            def progress(stage: str, done: int, total: int) -> None:
                bar.update(task, description=stage, completed=done, total=max(total, 1))

            result = import_report(
                actor=SYSTEM,  # a command on the server itself (planning.roles)
                data=path.read_bytes(),
                filename=path.name,
                agency_slug=options["agency"],
                year=options["year"],
                quarter=options["quarter"],
                region_slug=options["region"],
                dry_run=options["dry_run"],
                progress=progress,
                allow_delete=options["allow_delete"],
                confirm_other_agency=options["confirm_other_agency"],
            )
        self._print(console, result, show_all=options["all_changes"])
        if not result.ok:
            raise CommandError(f"Impor {path.name} ditolak: {len(result.errors)} kesalahan; tidak ada yang disimpan.")

    def _print(self, console: Console, result: ImportResult, *, show_all: bool) -> None:
        out = self.stdout.write
        out(
            f"Berkas {result.filename} (sha256 {result.checksum[:12]}), {result.line_count} baris tabel, "
            f"{result.seconds:.2f} detik."
        )
        for severity, title in (
            (Severity.ERROR, "Kesalahan"),
            (Severity.WARNING, "Peringatan"),
            (Severity.INFO, "Catatan"),
        ):
            items = [p for p in result.problems if p.severity is severity]
            if items:
                out(f"\n{title} ({len(items)}):")
                for problem in items:
                    out(f"  - {problem}")
        if not result.ok:
            return
        if result.decisions:
            out("\nAgregasi triwulan per indikator:")
            for d in result.decisions:
                note = f"; {d.note}" if d.note else ""
                out(
                    f"  - baris {d.row}: {d.indicator[:60]} -> {label(d.aggregation, 'aggregation')} "
                    f"({HOW.get(d.how, d.how)}{note})"
                )
        out(f"\nPerubahan ({len(result.changes)}):")
        shown = result.changes if show_all else result.changes[:50]
        for change in shown:
            field = change.field
            arrow = (
                f" {label(field, 'field')}: {label(change.before, field) or '-'} -> {label(change.after, field) or '-'}"
                if field
                else ""
            )
            out(f"  - {change.action} {label(change.model, 'model')} {change.label[:80]}{arrow}")
        if len(shown) < len(result.changes):
            out(f"  ... dan {len(result.changes) - len(shown)} lagi (--all-changes)")
        if result.findings:
            out(f"\nTemuan laporan ({len(result.findings)}):")
            for finding in result.findings:
                where = " / ".join(str(finding[k]) for k in ("row", "indicator") if finding.get(k))
                out(
                    f"  - [{label(finding['severity'], 'severity')}] {where}: {finding['message']}"
                    if where
                    else f"  - {finding['message']}"
                )
        if result.dry_run:
            out("\nUji coba (--dry-run): tidak ada yang disimpan.")
        elif result.changes:
            out(f"\nTersimpan: {len(result.changes)} perubahan. Temuan laporan: lihat laporan E.81 yang baru.")
        else:
            out("\nTidak ada perubahan: data sudah sama dengan berkas.")
