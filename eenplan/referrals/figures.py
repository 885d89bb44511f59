"""Referral figures per organisation and per service (*transparante verwijscijfers*, DESIGN.md §1 question 7):
received, median days from sending to acceptance, share accepted of those decided, share completed of those
accepted. A figure whose count or denominator describes fewer than SMALL_CELL referrals is not shown."""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, DurationField, F, Q, QuerySet

from eenplan.referrals.models import Referral, ReferralState

SMALL_CELL = 5


class _Median(Aggregate):
    """PostgreSQL's median of an interval; other databases get the median in Python (see median_days)."""

    function = "PERCENTILE_CONT"
    template = "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


def _sent() -> QuerySet[Referral]:
    return Referral.objects.exclude(state=ReferralState.CONCEPT)


def counts(group: str) -> QuerySet[Referral, dict[str, Any]]:
    """One row per value of `group` (e.g. "service_id"): received, accepted, decided, completed."""
    return (
        _sent()
        .values(group)
        .annotate(
            received=Count("id"),
            accepted=Count("id", filter=Q(accepted_at__isnull=False)),
            decided=Count("id", filter=Q(accepted_at__isnull=False) | Q(state=ReferralState.AFGEWEZEN)),
            completed=Count("id", filter=Q(state=ReferralState.AFGEROND)),
        )
    )


def median_days(group: str, ids: Iterable[int]) -> dict[int, float]:
    """Median days from sending to acceptance per group id, for these ids only (a page's rows)."""
    accepted = Referral.objects.filter(**{f"{group}__in": list(ids)}, accepted_at__isnull=False, sent_at__isnull=False)
    if connection.vendor == "postgresql":
        rows = (
            accepted.values(group)
            .annotate(median=_Median(F("accepted_at") - F("sent_at")))
            .values_list(group, "median")
        )
        return {key: _days(value) for key, value in rows if value is not None}
    durations: dict[int, list[float]] = {}
    for key, sent, accepted_at in accepted.values_list(group, "sent_at", "accepted_at"):
        durations.setdefault(key, []).append(_days(accepted_at - sent))
    return {key: statistics.median(values) for key, values in durations.items()}


def _days(duration: datetime.timedelta) -> float:
    return duration.total_seconds() / 86400


def _share(part: int, whole: int) -> int | None:
    return None if whole < SMALL_CELL else round(100 * part / whole)


def figure_row(counted: dict[str, Any], median: float | None) -> dict[str, Any]:
    """What may be shown of one row: nothing but "fewer than five" when it describes a handful of referrals."""
    small = counted["received"] < SMALL_CELL
    return {
        "received": counted["received"],
        "small": small,
        "median_days": None if small or median is None or counted["accepted"] < SMALL_CELL else round(median, 1),
        "pct_accepted": None if small else _share(counted["accepted"], counted["decided"]),
        "pct_completed": None if small else _share(counted["completed"], counted["accepted"]),
    }
