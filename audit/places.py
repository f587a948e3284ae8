"""Which pemda an audit event is about, so that a pemda's prepared pages are renewed by its own writes only.

An event is *placed* in a pemda (``AuditEvent.region``) by its caller (``region=``) or, when the caller
does not say, from its ``model`` and ``object_id`` by ``PLACES``: the model to look the id up in and the
path from there to the pemda, one query per event (``audit_record``) or per model (``audit_record_many``).

Three kinds of event, as the fingerprint (``reporting/regency/prepared.py``) reads them:

- placed in a pemda: renews that pemda only;
- ``UNPLACED`` kinds (a user's password, an API token): about no pemda's figures, renew none;
- any other event left without a pemda renews **every** pemda: a nomenclature version (the E.79 of
  every pemda is grouped by it), an object already deleted when its event is written, a kind nobody
  listed here.  Not knowing the pemda costs a needless rebuild, never stale figures shown unmarked.

``PLACES`` follows how the callers fill ``object_id``: where a caller writes the id of another model
(``BaseFigureValue`` with its ``BaseFigure``, ``FindingExplanation`` with its ``QuarterReport``) the
entry names that model; where the callers disagree (``Realization``: the indicator's id from
``planning/services/realizations.py``, its own id from the admin) the caller that differs says the pemda.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps

_PLAN = "strategic_plan__agency__region_id"
_REPORT = "report__agency__region_id"

PLACES: dict[str, tuple[str, str]] = {
    "Region": ("planning.Region", "pk"),
    "Agency": ("planning.Agency", "region_id"),
    "Membership": ("planning.Membership", "region_id"),
    "StrategicPlan": ("planning.StrategicPlan", "agency__region_id"),
    "PlanRow": ("planning.PlanRow", _PLAN),
    "Indicator": ("planning.Indicator", f"row__{_PLAN}"),
    "WorkPlan": ("planning.WorkPlan", _PLAN),
    "WorkPlanRow": ("planning.WorkPlanRow", f"work_plan__{_PLAN}"),
    "WorkPlanIndicator": ("planning.WorkPlanIndicator", f"work_plan__{_PLAN}"),
    "QuarterlyTarget": ("planning.QuarterlyTarget", f"work_plan__{_PLAN}"),
    "Realization": ("planning.Realization", f"indicator__row__{_PLAN}"),
    "BudgetRealization": ("planning.BudgetRealization", f"row__{_PLAN}"),
    "RatingBand": ("planning.RatingBand", "region_id"),
    "PlanDocument": ("planning.Agency", "region_id"),  # the loader's summary event names the PD
    "QuarterReport": ("quarters.QuarterReport", "agency__region_id"),
    "ApprovedReport": ("quarters.ApprovedReport", _REPORT),
    "StatedFigure": ("quarters.StatedFigure", _REPORT),
    "LineNote": ("quarters.LineNote", _REPORT),
    "RowReview": ("quarters.RowReview", _REPORT),
    "Evidence": ("quarters.Evidence", _REPORT),
    "FindingExplanation": ("quarters.QuarterReport", "agency__region_id"),  # written with the report's id
    "ComputedIndicator": ("computed.ComputedIndicator", f"indicator__row__{_PLAN}"),
    "BaseFigure": ("computed.BaseFigure", f"computed__indicator__row__{_PLAN}"),
    "BaseFigureValue": ("computed.BaseFigure", f"computed__indicator__row__{_PLAN}"),  # the figure's id
    "OpenDataPublication": ("api.OpenDataPublication", "region_id"),
    "StoredMapping": ("imports.StoredMapping", "region_id"),
    "ReportingSchedule": ("overview.ReportingSchedule", "region_id"),
}

UNPLACED = ("User", "ApiToken")
"""Kinds of event about no pemda's figures: left without a pemda, they renew none."""


def _key(model: str, object_id: str) -> int | None:
    """The id to look up (``RatingBand`` of ``planning/services/settings.py`` is "<pemda>/<year>")."""
    if model == "RatingBand" and "/" in object_id:
        return None
    try:
        return int(object_id)
    except (TypeError, ValueError):
        return None


def _rating_band_region(object_id: str) -> int | None:
    head = object_id.split("/", 1)[0]
    return int(head) if head.isdigit() else None


def region_of(model: str, object_id: str) -> int | None:
    """The pemda (id) of one event, in at most one query; None when it cannot be placed."""
    if model == "RatingBand" and "/" in object_id:
        return _rating_band_region(object_id)
    place, key = PLACES.get(model), _key(model, object_id)
    if place is None or key is None:
        return None
    label, path = place
    found = apps.get_model(label).objects.filter(pk=key).values_list(path, flat=True).first()
    return int(found) if found is not None else None


def regions_of(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The pemda of many events, one query per model named; pairs that cannot be placed are left out."""
    out: dict[tuple[str, str], int] = {}
    wanted: dict[str, set[int]] = defaultdict(set)
    for model, object_id in set(pairs):
        if model == "RatingBand" and "/" in object_id:
            region = _rating_band_region(object_id)
            if region is not None:
                out[(model, object_id)] = region
            continue
        key = _key(model, object_id)
        if model in PLACES and key is not None:
            wanted[model].add(key)
    for model, keys in wanted.items():
        label, path = PLACES[model]
        rows = apps.get_model(label).objects.filter(pk__in=keys).values_list("pk", path)
        out.update({(model, str(pk)): int(region) for pk, region in rows if region is not None})
    return out
