"""``python manage.py report --agency SLUG --year YEAR --quarter N --format xlsx|pdf|html|csv|csv-id|...
[--paper f4|a4] [--no-annex] [--output FILE]``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from planning.models import Agency
from reporting.renderers import RENDERERS
from reporting.renderers.layout import DEFAULT_PAPER, PAPERS
from reporting.report import report_for_quarter
from reporting.selectors import ReportNotFound


class Command(BaseCommand):
    help = "Cetak laporan evaluasi Renja (form E.81) sampai akhir triwulan N."

    def add_arguments(self, parser: Any) -> None:
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--agency", help="slug perangkat daerah, mis. diskopum-lumajang (form E.81)")
        who.add_argument(
            "--region", help="slug pemda: evaluasi RKPD seluruh PD (form E.79; json, xlsx, pdf, html, csv)"
        )
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--quarter", type=int, required=True, choices=[1, 2, 3, 4])
        parser.add_argument("--format", default="json", choices=sorted(RENDERERS))
        parser.add_argument(
            "--paper", default=DEFAULT_PAPER, choices=sorted(PAPERS), help="ukuran kertas (xlsx, pdf, html)"
        )
        parser.add_argument(
            "--no-annex",
            dest="annex",
            action="store_false",
            help="tanpa lampiran (temuan, Rencana Aksi, keterangan perhitungan): xlsx, pdf, html",
        )
        parser.add_argument("--output", type=Path, help="berkas keluaran; tanpa ini: stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("region"):
            from reporting.regency.command import write_regency_report

            write_regency_report(self, options)
            return
        agency = Agency.objects.select_related("region").filter(slug=options["agency"]).first()
        if agency is None:
            raise CommandError(f"Perangkat daerah {options['agency']!r} tidak ditemukan.")
        try:
            report = report_for_quarter(agency=agency, year=options["year"], quarter=options["quarter"])
        except ReportNotFound as exc:
            raise CommandError(str(exc)) from exc
        if options["paper"] not in PAPERS:  # call_command() skips the parser's choices
            raise CommandError(f"Ukuran kertas {options['paper']!r} tidak dikenal (pilih: {', '.join(PAPERS)}).")
        renderer = RENDERERS[options["format"]]
        data = renderer.render(report, paper=options["paper"], annex=options.get("annex", True))
        if options["output"]:
            options["output"].write_bytes(data)
            self.stderr.write(f"Ditulis: {options['output']} ({len(data):,} byte)")
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
