"""``python manage.py synth --agencies 50 --rows 300 --year 2021 --seed 1``: a synthetic regency.

Deterministic (same arguments, same data) and idempotent (a second run changes nothing), because
every document goes through ``document_load`` like the demo and imported sheets do.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from demo.synthetic import synthetic_regency
from planning.errors import ServiceError
from planning.roles import SYSTEM
from planning.services.documents import document_load


class Command(BaseCommand):
    help = "Buat data sintetis satu kabupaten (rencana, target, Rencana Aksi, realisasi empat triwulan)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--agencies", type=int, default=50, help="jumlah perangkat daerah (bawaan 50)")
        parser.add_argument("--rows", type=int, default=300, help="baris indikator per perangkat daerah (bawaan 300)")
        parser.add_argument("--year", type=int, default=2021)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        agencies, rows = options["agencies"], options["rows"]
        if agencies < 1 or rows < 1:
            raise CommandError("--agencies dan --rows harus positif.")
        started = time.perf_counter()
        changes = 0
        documents = synthetic_regency(agencies=agencies, rows=rows, year=options["year"], seed=options["seed"])
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),  # stdout keeps only the summary
            disable=options["verbosity"] == 0,
            transient=True,
        ) as progress:
            task = progress.add_task("Memuat perangkat daerah", total=agencies)
            for document in documents:
                progress.update(task, description=f"Memuat {document.agency.name[:40]}")
                try:
                    changes += len(document_load(document=document, actor=SYSTEM, reason="data sintetis").changes)
                except ServiceError as exc:
                    raise CommandError(f"{document.agency.slug}: {exc}") from exc
                progress.advance(task)
        elapsed = time.perf_counter() - started
        if options["verbosity"]:
            self.stdout.write(
                f"{agencies} PD x {rows} baris = {_n(agencies * rows)} baris indikator tahun {options['year']} "
                f"dalam {_decimal(elapsed)} detik ({_n(changes)} perubahan)."
            )


def _n(value: int) -> str:
    """15000 -> "15.000", as Indonesian writes it."""
    return f"{value:,}".replace(",", ".")


def _decimal(seconds: float) -> str:
    return f"{seconds:.1f}".replace(".", ",")
