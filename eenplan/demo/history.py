# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Historical rows (django-simple-history) for generated data, written in bulk; and a fast bulk insert.

simple-history writes a historical row on every `save()`, but not for `bulk_create`. Its own
`simple_history.utils.bulk_create_with_history` is not used here: it gives every row of a call the same user and
date (or needs a `User` instance on each object), writes no snapshot of many-to-many fields and sends no
`pre_create_historical_record` signal, through which a model may add columns to its historical rows (the life
domains of a service); and it builds a model instance per row and inserts through the ORM, which at the bench's
volumes (about a million historical rows) costs minutes. `bulk_history` writes the same rows — the object's tracked
fields, history date, user, type and change reason — with a user id and a date per object, the snapshot of the
tracked many-to-many fields, and extra columns given by the caller. On PostgreSQL it streams them in through COPY
(like the access log), with their ids taken from the table's sequence beforehand; elsewhere through `bulk_create`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models

# The change reason on every generated historical row: readable in the admin, and findable.
GENERATED = "demodata"
# Values of these field types go into COPY as they are; others are converted by their field first.
PLAIN_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "DateField",
    "DateTimeField",
    "DecimalField",
    "ForeignKey",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "UUIDField",
}


def history_model(model: type[models.Model]) -> Any:
    return model.history.model  # type: ignore[attr-defined]


def _reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys from the table's sequence (PostgreSQL), so rows can be copied in with their ids."""
    pk = model._meta.pk
    assert pk is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def insert_rows(
    model: type[models.Model], attnames: Sequence[str], rows: Sequence[tuple[Any, ...]], *, with_ids: bool = False
) -> list[int]:
    """Insert `rows` (values in the order of `attnames`); returns their new ids when `with_ids` (else [])."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        objects = model._default_manager.bulk_create(
            [model(**dict(zip(attnames, row, strict=True))) for row in rows], batch_size=5000
        )
        return [obj.pk for obj in objects] if with_ids else []
    fields = {field.attname: field for field in model._meta.concrete_fields}
    ids: list[int] = []
    pk = model._meta.pk
    assert pk is not None
    if with_ids:
        ids = _reserve_ids(model, len(rows))
        attnames = [pk.attname, *attnames]
        rows = [(pk_value, *row) for pk_value, row in zip(ids, rows, strict=True)]
    convert = [None if fields[name].get_internal_type() in PLAIN_TYPES else fields[name] for name in attnames]
    columns = ", ".join(connection.ops.quote_name(str(fields[name].column)) for name in attnames)
    statement = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        if any(convert):
            for row in rows:
                copy.write_row(
                    [v if f is None else f.get_db_prep_save(v, connection) for v, f in zip(row, convert, strict=True)]
                )
        else:
            for row in rows:
                copy.write_row(row)
    return ids


def bulk_history(
    model: type[models.Model],
    objects: Sequence[models.Model],
    when: Callable[[Any], datetime.datetime],
    who: Callable[[Any], int | None],
    *,
    history_type: str = "+",
    m2m: dict[str, Iterable[models.Model]] | None = None,
    extra: Callable[[Any], dict[str, Any]] | None = None,
) -> int:
    """One historical row per saved object, as simple-history writes it on `save()`, dated `when(obj)` and by the
    user `who(obj)`; `extra(obj)` overrides or adds columns (an earlier state, a model's extra history columns;
    the same keys for every object).

    `m2m` maps a tracked many-to-many field's name to its through rows (already saved, with ids); each object's
    historical row gets a snapshot of its own rows, like `create_historical_record_m2ms`. Returns the number of
    rows written (historical and many-to-many snapshot rows)."""
    if not objects:
        return 0
    history = history_model(model)
    tracked = [field.attname for field in history.tracked_fields]
    extra_names = list(extra(objects[0])) if extra is not None else []
    names = [name for name in tracked if name not in extra_names]
    attnames = [*names, *extra_names, "history_date", "history_user_id", "history_type", "history_change_reason"]
    rows = []
    for obj in objects:
        values = [getattr(obj, name) for name in names]
        if extra is not None:
            added = extra(obj)
            values += [added[name] for name in extra_names]
        rows.append((*values, when(obj), who(obj), history_type, GENERATED))
    history_ids = insert_rows(history, attnames, rows, with_ids=bool(m2m))
    written = len(rows)
    for field_name, through_rows in (m2m or {}).items():
        field = model._meta.get_field(field_name)
        snapshot = getattr(history, field_name).model
        through = field.remote_field.through  # type: ignore[union-attr]
        owner = next(f.attname for f in through._meta.concrete_fields if f.related_model is model)
        columns = [f.attname for f in through._meta.concrete_fields]
        history_id_by_object = {obj.pk: history_id for obj, history_id in zip(objects, history_ids, strict=True)}
        snapshots = [
            (history_id_by_object[getattr(row, owner)], *(getattr(row, c) for c in columns))
            for row in through_rows
            if getattr(row, owner) in history_id_by_object
        ]
        insert_rows(snapshot, ["history_id", *columns], snapshots)
        written += len(snapshots)
    return written
