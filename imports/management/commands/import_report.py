"""``python manage.py import_report FILE --agency SLUG --year YEAR [--quarter N] [--dry-run]
[--allow-delete] [--confirm-other-agency]``, or a pemda's history: ``import_report FILE FILE ...``,
a folder or a ``.zip`` (``imports.history``), each file matched to its PD, year and quarter from its
title (``--agency`` / ``--year`` / ``--quarter`` fill what a title does not say).

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
from rich.table import Table

from imports.history import Defaults, HistoryResult, import_history
from imports.problems import Severity
from imports.services import ImportResult, import_report
from imports.stages.map.column_map import ColumnMap
from imports.stages.map.detect import detect_column_map
from imports.stages.read.readers import EXTENSIONS, FileRefused
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
    help = (
        "Impor laporan E.81 (.xlsx, .xls, .ods, .csv, .txt) untuk satu perangkat daerah dan tahun, atau riwayat "
        "pemda: beberapa berkas, sebuah folder atau .zip (perangkat daerah, tahun dan triwulan dari judul berkas)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path, nargs="+", help="berkas, beberapa berkas, folder atau .zip")
        parser.add_argument("--agency", help="slug perangkat daerah (dibuat bila belum ada); riwayat: dari judul")
        parser.add_argument("--year", type=int, help="tahun; riwayat: dari judul berkas")
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="triwulan (bila judul tidak menyebut)")
        parser.add_argument("--region", help="slug pemda untuk perangkat daerah baru (bila judul tidak menyebut)")
        parser.add_argument("--dry-run", action="store_true", help="tampilkan perubahan tanpa menyimpan")
        parser.add_argument("--all-changes", action="store_true", help="tampilkan semua perubahan, bukan 50 pertama")
        parser.add_argument(
            "--allow-delete", action="store_true", help="hapus nilai tersimpan yang selnya kosong di berkas"
        )
        parser.add_argument("--mapping", type=Path, help="berkas pemetaan kolom (JSON) yang dipakai untuk berkas ini")
        parser.add_argument(
            "--save-mapping", type=Path, help="dengan --dry-run: simpan pemetaan kolom (JSON) untuk diperiksa/diubah"
        )
        parser.add_argument(
            "--confirm-other-agency",
            action="store_true",
            help="impor walaupun judul berkas menyebut perangkat daerah atau pemda lain",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths: list[Path] = options["file"]
        for path in paths:
            if not path.exists():
                raise CommandError(f"Berkas {path} tidak ditemukan.")
        if len(paths) > 1 or paths[0].is_dir() or paths[0].suffix.lower() == ".zip":
            self._history(paths, options)
            return
        path = paths[0]
        if not options["agency"] or not options["year"]:
            raise CommandError("Untuk satu berkas, berikan --agency dan --year (riwayat: beberapa berkas atau folder).")
        mapping = self._mapping(path, options)
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
                mapping=mapping,
            )
        self._print(console, result, show_all=options["all_changes"])
        if not result.ok:
            raise CommandError(f"Impor {path.name} ditolak: {len(result.errors)} kesalahan; tidak ada yang disimpan.")

    def _mapping(self, path: Path, options: dict[str, Any]) -> ColumnMap | None:
        """``--mapping FILE`` read; ``--save-mapping FILE`` (dry run only) written from it or detected."""
        mapping = None
        if options.get("mapping"):
            try:
                mapping = ColumnMap.from_json(options["mapping"].read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CommandError(f"Pemetaan {options['mapping']}: {exc}") from None
        if options.get("save_mapping"):
            if not options["dry_run"]:
                raise CommandError("--save-mapping hanya bersama --dry-run.")
            try:
                saved = mapping or detect_column_map(path.read_bytes(), path.name)
            except FileRefused as exc:
                raise CommandError(str(exc)) from None
            if saved is None:
                raise CommandError(f"{path.name}: tabel E.81 tidak ditemukan; tidak ada pemetaan untuk disimpan.")
            options["save_mapping"].write_text(saved.to_json(), encoding="utf-8")
            self.stderr.write(f"Pemetaan kolom disimpan: {options['save_mapping']} (tanda {saved.signature})")
        return mapping

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

    # -- a pemda's history: several files, a folder or a zip ---------------------------------------

    def _history(self, paths: list[Path], options: dict[str, Any]) -> None:
        files = [(str(p.relative_to(root)) if root != p else p.name, p.read_bytes()) for root, p in _files(paths)]
        if not files:
            raise CommandError(f"Tidak ada berkas laporan ({', '.join(EXTENSIONS)}, .zip) di {paths[0]}.")
        columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("mencocokkan berkas", total=len(files))

            def progress(index: int, total: int, name: str, stage: str) -> None:
                bar.update(task, description=f"{stage} {name}"[:70], completed=index, total=max(total, 1))

            result = import_history(
                files,
                actor=SYSTEM,  # a command on the server itself (planning.roles): it may create PD
                dry_run=options["dry_run"],
                defaults=Defaults(options["agency"], options["year"], options["quarter"], options["region"]),
                may_create={"*"},
                progress=progress,
                allow_delete=options["allow_delete"],
                confirm_other_agency=options["confirm_other_agency"],
            )
        self._print_history(result)
        failed = len(result.failed) + len(result.refused)
        if failed:
            raise CommandError(f"{failed} berkas ditolak; berkas lain diproses sendiri-sendiri (lihat tabel di atas).")

    def _print_history(self, result: HistoryResult) -> None:
        console = Console(file=self.stdout, force_terminal=False, width=160, soft_wrap=False)
        for message in result.refused:
            console.print(f"Ditolak: {message}", markup=False, highlight=False)
        table = Table(title=f"{len(result.lines)} berkas, {result.seconds:.1f} detik", show_lines=False)
        for header in (
            "berkas",
            "perangkat daerah",
            "tahun",
            "TW",
            "baris",
            "perubahan",
            "kesalahan",
            "temuan",
            "status",
        ):
            table.add_column(header, overflow="fold")
        for line in result.lines:
            match, outcome = line.match, line.result
            table.add_row(
                line.file,
                match.agency_slug + (" (baru)" if match.new_agency else "") if match else "-",
                str(match.year) if match else "-",
                str(match.quarter) if match else "-",
                str(outcome.line_count) if outcome else "-",
                str(len(outcome.changes)) if outcome else "-",
                str(len(outcome.errors)) if outcome else "-",
                str(len(outcome.findings)) if outcome else "-",
                line.status,
            )
        console.print(table)
        out = self.stdout.write
        for line in result.lines:
            if line.reason:
                out(f"  - {line.file}: {line.reason}")
            elif line.result is not None and line.result.errors:
                out(f"  - {line.file}: {len(line.result.errors)} kesalahan, tidak ada yang disimpan dari berkas ini:")
                for problem in line.result.errors[:10]:
                    out(f"      {problem}")
        if result.disagreements:
            out(f"\nPerbedaan antar berkas ({len(result.disagreements)}):")
            for item in result.disagreements:
                out(f"  - {item}")
        if result.dry_run:
            out("\nUji coba (--dry-run): tidak ada yang disimpan.")
        else:
            out(f"\nTersimpan: {sum(1 for line in result.lines if line.status == 'disimpan')} berkas.")


def _files(paths: list[Path]) -> list[tuple[Path, Path]]:
    """(root, file) of every report file and zip under ``paths``, folders walked in name order."""
    wanted = {*EXTENSIONS, ".zip"}
    out: list[tuple[Path, Path]] = []
    for path in paths:
        if path.is_dir():
            out += [(path, p) for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in wanted]
        else:
            out.append((path, path))
    return out
