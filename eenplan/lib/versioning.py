# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Optimistic locking: a row carries a `version`; a save first claims the version the form was opened with."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Model, QuerySet


def claim_version(instance: Model, opened: int | None, among: QuerySet[Any] | None = None) -> bool:
    """Claim the row for a save: `UPDATE … SET version = version + 1 WHERE pk = … AND version = opened`.

    True when the row still had the opened version; then `instance.version` is the new one and the caller saves
    the instance in the same transaction. False when someone else saved since (or the row is gone, or it is not
    in `among`, a narrower set such as "not withdrawn"): nothing changed. Of two simultaneous saves exactly one
    claims the row. Call inside `transaction.atomic()`.
    """
    rows = among if among is not None else type(instance)._default_manager.all()
    claimed = rows.filter(pk=instance.pk, version=opened).update(version=F("version") + 1)
    if not claimed:
        return False
    instance.version = (opened or 0) + 1  # type: ignore[attr-defined]
    return True
