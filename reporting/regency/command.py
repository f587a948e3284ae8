"""``python manage.py report --region SLUG --year Y --quarter Q --format json|xlsx|pdf|html|csv
[--paper f4|a4] [--output FILE]``: the E.79 of the whole pemda (called by the ``report`` command)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from planning.models import Region
from reporting.regency.builder import regency_report_build
from reporting.regency.renderers import REGENCY_RENDERERS
from reporting.renderers.layout import PAPERS


def write_regency_report(command: BaseCommand, options: dict[str, Any]) -> None:
    region = Region.objects.filter(slug=options["region"]).first()
    if region is None:
        raise CommandError(f"Pemda {options['region']!r} tidak ditemukan.")
    renderer = REGENCY_RENDERERS.get(options["format"])
    if renderer is None:
        raise CommandError(
            f"Format {options['format']!r} tidak tersedia untuk E.79 (pilih: {', '.join(sorted(REGENCY_RENDERERS))})."
        )
    if options["paper"] not in PAPERS:
        raise CommandError(f"Ukuran kertas {options['paper']!r} tidak dikenal (pilih: {', '.join(PAPERS)}).")
    e79 = regency_report_build(region=region, year=options["year"], quarter=options["quarter"])
    if not e79.agencies:
        raise CommandError(f"Belum ada Renja tahun {options['year']} untuk PD mana pun di {region.name}.")
    data = renderer.render(e79, paper=options["paper"])
    if options.get("output"):
        options["output"].write_bytes(data)
        command.stderr.write(f"Ditulis: {options['output']} ({len(data):,} byte; {len(e79.agencies)} PD)")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
