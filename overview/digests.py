"""What the overview and the dashboards need of each PD's evaluation, small enough to remember.

Evaluating every PD of a pemda at each visit costs the core's time per PD (70-150 ms at 300 lines on
this machine); the overview and dashboards need only a handful of figures of it.  ``digest_of`` reads them
off the evaluation (``overview.figures``); ``digests_for_agencies`` remembers each digest in Django's cache
under the SHA-256 of the exact inputs the core was given (``repr`` of the frozen ``ReportInput``: every
figure, plan row, setting and band), or of the approved copy's hash.  The core is pure, so equal inputs
give an equal evaluation: a changed figure is a new key, never a stale digest.  Whole evaluations are not
cached: pickling one costs more than computing it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache

from domain.evaluation import Evaluation, evaluate
from domain.types import Severity, Value
from overview.batch import Key, inputs_for_agencies
from overview.figures import (
    Filled,
    ProgramLine,
    QuarterSpending,
    filled,
    program_lines,
    severity_counts,
    spending_by_quarter,
)
from planning.models import Agency
from quarters.models import QuarterReport
from reporting.finding_text import finding_message
from reporting.frozen import report_from_frozen

CACHE_SECONDS = 24 * 3600
DIGEST_VERSION = 1
"""Part of the cache key: raise it when ``Digest`` or ``digest_of`` changes."""
_ATTENTION = (Severity.ERROR, Severity.WARNING)


@dataclass(frozen=True)
class Digest:
    quarter: int
    filled: Filled
    severities: dict[Severity, int]
    average: Value
    rating: str | None
    bands: tuple[str, ...]
    """The rating labels of the pemda's bands, highest first."""
    programs: tuple[ProgramLine, ...]
    spending: tuple[QuarterSpending, ...]
    attention: tuple[tuple[Severity, str], ...]
    """The errors and warnings, ranked as the report ranks them, in the report's words."""

    @property
    def errors(self) -> int:
        return self.severities.get(Severity.ERROR, 0)

    @property
    def warnings(self) -> int:
        return self.severities.get(Severity.WARNING, 0)


def digest_of(evaluation: Evaluation) -> Digest:
    quarter = evaluation.input.quarter
    return Digest(
        quarter=quarter,
        filled=filled(evaluation, quarter),
        severities=severity_counts(evaluation),
        average=evaluation.average,
        rating=evaluation.rating,
        bands=tuple(b.label for b in evaluation.settings.bands),
        programs=tuple(program_lines(evaluation)),
        spending=tuple(spending_by_quarter([evaluation])),
        attention=tuple((f.severity, finding_message(f)) for f in evaluation.findings if f.severity in _ATTENTION),
    )


@dataclass(frozen=True)
class Digests:
    digests: dict[Key, Digest]
    documents: dict[Key, QuarterReport]


def _remembered(key: str, compute: object) -> Digest:
    found = cache.get(key)
    if found is None:
        found = compute()  # type: ignore[operator]
        cache.set(key, found, CACHE_SECONDS)
    return found  # type: ignore[no-any-return]


def digests_for_agencies(*, agencies: Iterable[Agency], year: int, quarters: Iterable[int]) -> Digests:
    """The digest of each agency's evaluation per quarter (the same queries as ``inputs_for_agencies``)."""
    inputs = inputs_for_agencies(agencies=agencies, year=year, quarters=quarters)
    digests: dict[Key, Digest] = {}
    for key, (report_input, _context) in inputs.live.items():
        content = hashlib.sha256(repr(report_input).encode("utf-8")).hexdigest()
        digests[key] = _remembered(
            f"overview:digest:{DIGEST_VERSION}:{content}",
            lambda i=report_input: digest_of(evaluate(i, explained=False)),
        )
    for key, copy in inputs.frozen.items():
        digests[key] = _remembered(
            f"overview:digest:{DIGEST_VERSION}:frozen:{copy.pk}:{copy.sha256}",
            lambda c=copy: digest_of(report_from_frozen(c).evaluation),
        )
    return Digests(digests=digests, documents=inputs.documents)
