"""Inserting many rows at once without building a model instance per row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone


def insert_many(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]], batch: int = 1000
) -> int:
    """INSERT ``rows`` (values in the order of ``fields``) into ``model``'s table; return how many.

    For loads of tens of thousands of values: ``bulk_create`` builds and prepares a model instance per
    row, which dominated a 10,000-row import.  Values must be ready for the database (ids, ``Decimal``,
    ``str``, ``None``, and datetimes from ``now_for_db``); constraints are still checked by the database.
    """
    meta = model._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    count = 0
    pending: list[Sequence[Any]] = []
    with connection.cursor() as cursor:
        for row in rows:
            pending.append(row)
            if len(pending) >= batch:
                cursor.executemany(sql, pending)
                count += len(pending)
                pending = []
        if pending:
            cursor.executemany(sql, pending)
            count += len(pending)
    return count


def now_for_db() -> Any:
    """The current time as the database expects it in a raw INSERT (what ``auto_now`` would store)."""
    return connection.ops.adapt_datetimefield_value(timezone.now())
