"""What a benchmark run is given (``Config``) and the data it shares between scenarios (``Bench``)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field

from demo.synthetic import synthetic_document, synthetic_regency, synthetic_region
from planning.models import Agency
from planning.roles import SYSTEM
from planning.services.documents import document_load
from reporting.report import Report, report_build


@dataclass(frozen=True)
class Config:
    agencies: int = 50
    rows: int = 300  # indicator lines per agency of the regency
    sizes: tuple[int, ...] = (300, 500)  # the one-agency reports measured
    import_rows: int = 10_000
    repeat: int = 5
    seed: int = 1
    year: int = 2021
    quarter: int = 4
    only: tuple[str, ...] = ()  # run only scenarios whose name contains one of these (and their bounds)
    memory: bool = True
    quick: bool = False

    @classmethod
    def quick_config(cls, **changes: object) -> Config:
        """A smoke test in seconds: a tiny regency, one timed run each."""
        values: dict[str, object] = {
            "agencies": 2,
            "rows": 20,
            "sizes": (20, 40),
            "import_rows": 200,
            "repeat": 1,
            "quick": True,
        }
        values.update(changes)
        return cls(**values)  # type: ignore[arg-type]


@dataclass
class Bench:
    """The synthetic regency in the benchmark's database, and the agencies and reports scenarios use."""

    config: Config
    _agencies: dict[int, Agency] = field(default_factory=dict)
    _reports: dict[int, Report] = field(default_factory=dict)
    _workbooks: dict[int, bytes] = field(default_factory=dict)
    _exit: ExitStack = field(default_factory=ExitStack)
    _port: int | None = None
    _cookies: list[str] = field(default_factory=list)

    def close(self) -> None:
        """Stop what the run started (the web server)."""
        self._exit.close()

    def web_server(self) -> int:
        """A gunicorn server on this run's database, started once; its port."""
        if self._port is None:
            from bench import web

            self.web_clients()  # the users exist before the server's workers start
            self._port = self._exit.enter_context(web.server())
        return self._port

    def web_clients(self) -> list[str]:
        """Session cookies of the load's clients: each an operator of the measured PD."""
        if not self._cookies:
            from django.contrib.auth import get_user_model

            from bench import web
            from planning.models import Membership

            agency = self.agency(self.config.rows)
            clients = 5 if self.config.quick else 50
            for i in range(clients):
                user, _ = get_user_model().objects.get_or_create(username=f"bench-op-{i:02d}")
                Membership.objects.get_or_create(
                    user=user, region=agency.region, agency=agency, role=Membership.Role.OPERATOR
                )
                self._cookies.append(web.session_cookie(user))
        return self._cookies

    def web_requests(self) -> int:
        """Requests per client in a burst (fewer for the heavier pages: see ``bench.scenarios``)."""
        return 4 if self.config.quick else 40

    def load_regency(self) -> int:
        """Write the regency through ``document_load``; return the changes written."""
        c = self.config
        return sum(
            len(document_load(document=d, actor=SYSTEM, reason="bench").changes)
            for d in synthetic_regency(agencies=c.agencies, rows=c.rows, year=c.year, seed=c.seed)
        )

    def agency(self, rows: int) -> Agency:
        """An agency of ``rows`` lines: the regency's first when it has that size, else one more PD."""
        if rows not in self._agencies:
            c = self.config
            if rows == c.rows and c.agencies:
                slug = "pd-01"
            else:
                index = c.agencies + sorted({*c.sizes, rows}).index(rows)
                document = synthetic_document(
                    seed=c.seed, index=index, rows=rows, year=c.year, region=synthetic_region(year=c.year)
                )
                document_load(document=document, actor=SYSTEM, reason="bench")
                slug = document.agency.slug
            self._agencies[rows] = Agency.objects.select_related("region").get(slug=slug)
        return self._agencies[rows]

    def report(self, rows: int) -> Report:
        if rows not in self._reports:
            self._reports[rows] = self.build(rows)
        return self._reports[rows]

    def build(self, rows: int) -> Report:
        return report_build(agency=self.agency(rows), year=self.config.year, quarter=self.config.quarter)

    def workbook(self, rows: int, render: Callable[[Report], bytes]) -> bytes:
        """An E.81 workbook of ``rows`` lines, written by ``render`` from a PD loaded for the purpose."""
        if rows not in self._workbooks:
            c = self.config
            document = synthetic_document(
                seed=c.seed, index=c.agencies + 100, rows=rows, year=c.year, region=synthetic_region(year=c.year),
                slug="impor-sumber",
            )  # fmt: skip
            document_load(document=document, actor=SYSTEM, reason="bench")
            agency = Agency.objects.select_related("region").get(slug=document.agency.slug)
            self._workbooks[rows] = render(report_build(agency=agency, year=c.year, quarter=c.quarter))
        return self._workbooks[rows]
