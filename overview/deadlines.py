"""When a quarter's report is due: the pemda's schedule (``ReportingSchedule``) where it has one, else
the default of ``quarters.workflow.quarter_deadline`` (5 working days, Monday-Friday)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from overview.models import ReportingSchedule


def quarter_end(year: int, quarter: int) -> dt.date:
    end_month = quarter * 3
    return dt.date(year + (end_month == 12), end_month % 12 + 1, 1) - dt.timedelta(days=1)


def working_days_after(day: dt.date, count: int, holidays: Iterable[dt.date] = ()) -> dt.date:
    """The ``count``-th working day after ``day``: Monday to Friday, not a listed holiday."""
    off = set(holidays)
    counted = 0
    while counted < count:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in off:
            counted += 1
    return day


def holiday_dates(schedule: ReportingSchedule) -> list[dt.date]:
    return [dt.date.fromisoformat(text) for text in schedule.holidays]


def schedule_deadline(schedule: ReportingSchedule, quarter: int) -> dt.date:
    own: dt.date | None = getattr(schedule, f"deadline_{quarter}")
    if own is not None:
        return own
    return working_days_after(quarter_end(schedule.year, quarter), schedule.working_days, holiday_dates(schedule))


def scheduled_deadline(*, region: object, year: int, quarter: int) -> dt.date | None:
    """The deadline the pemda set for the quarter (one query), or None without a schedule for the year."""
    region_id = getattr(region, "pk", region)
    schedule = ReportingSchedule.objects.filter(region_id=region_id, year=year).first()
    return schedule_deadline(schedule, quarter) if schedule is not None else None
