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


def insert_objects(model: type[models.Model], objs: Sequence[models.Model], batch: int = 500) -> None:
    """INSERT unsaved instances ``objs`` (every column but the key) and give each its new primary key.

    What ``bulk_create`` does, without compiling every value through the ORM (seconds for the 17,000
    rows and indicators of a 10,000-line import).  The keys come back by ``RETURNING``, in the order of
    the VALUES list, as ``bulk_create`` itself relies on for PostgreSQL and SQLite 3.35+.  Decimal
    columns are prepared as the ORM would (rounded to their places); other values go as they are.
    """
    if not objs:
        return
    meta = model._meta
    columns = [f for f in meta.concrete_fields if not f.primary_key]
    decimal = [isinstance(f, models.DecimalField) for f in columns]
    quote = connection.ops.quote_name
    names = ", ".join(quote(f.column) for f in columns)
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    returning = quote(meta.pk.column)
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch):
            chunk = objs[start : start + batch]
            params: list[Any] = []
            for obj in chunk:
                for column, is_decimal in zip(columns, decimal, strict=True):
                    value = getattr(obj, column.attname)
                    params.append(column.get_db_prep_save(value, connection) if is_decimal else value)
            values = ", ".join([one] * len(chunk))
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES {values} RETURNING {returning}", params
            )
            keys = [row[0] for row in cursor.fetchall()]
            if len(keys) != len(chunk):
                raise RuntimeError(f"{meta.db_table}: {len(keys)} keys returned for {len(chunk)} rows")
            for obj, key in zip(chunk, keys, strict=True):
                obj.pk = key
                obj._state.adding = False
                obj._state.db = connection.alias
