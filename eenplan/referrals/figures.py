# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Referral figures per organisation and per service (*transparante verwijscijfers*, DESIGN.md §1 question 7):
received, median days from sending to acceptance, share accepted of those decided, share completed of those
accepted.

What may be shown is decided by the shared disclosure control (`eenplan.lib.disclosure`, DESIGN.md §5, invariant
6): the services of one organisation form a table whose total (the organisation's "received") is published, so a
small count is hidden *and* enough other counts of that organisation that the hidden one cannot be worked out from
the total. Shares and medians of a hidden or small base are hidden too."""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, DurationField, F, Q, QuerySet

from eenplan.lib import disclosure
from eenplan.referrals.models import Referral, ReferralState


class _Median(Aggregate):
    """PostgreSQL's median of an interval; other databases get the median in Python (see median_days)."""

    function = "PERCENTILE_CONT"
    template = "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


def _sent() -> QuerySet[Referral]:
    return Referral.objects.exclude(state=ReferralState.CONCEPT)


@dataclass
class Figures:
    """The counts of one service or organisation, and the "received" the disclosure control lets a reader see."""

    key: int
    organisation: str
    service: str | None
    received: int
    accepted: int
    decided: int
    completed: int
    shown_received: int | None = None

    def published(self, median: float | None) -> dict[str, Any]:
        """What may be shown of this row: no count, share or median that describes a handful of referrals or that
        the disclosure control hides to protect another."""
        hidden = self.shown_received is None
        limit = disclosure.threshold()
        row: dict[str, Any] = {"organisation": self.organisation}
        if self.service is not None:
            row["service"] = self.service
        row["received"] = self.shown_received
        row["median_days"] = None if hidden or median is None or self.accepted < limit else round(median, 1)
        row["pct_accepted"] = None if hidden else disclosure.share(self.accepted, self.decided)
        row["pct_completed"] = None if hidden else disclosure.share(self.completed, self.accepted)
        return row


def protected() -> tuple[list[Figures], list[Figures]]:
    """All organisations and all services that received referrals (in name order), with their protected "received".

    One query; the protection needs every service of an organisation at once, so it runs over all of them (the
    pages then show a slice)."""
    counted = (
        _sent()
        .values("to_organisation_id", "service_id")
        .annotate(
            organisation=F("to_organisation__name"),
            service_name=F("service__name"),
            received=Count("id"),
            accepted=Count("id", filter=Q(accepted_at__isnull=False)),
            decided=Count("id", filter=Q(accepted_at__isnull=False) | Q(state=ReferralState.AFGEWEZEN)),
            completed=Count("id", filter=Q(state=ReferralState.AFGEROND)),
        )
        .order_by("organisation", "to_organisation_id", "service_name", "service_id")
    )
    organisations: list[Figures] = []
    services: list[Figures] = []
    for organisation_id, group in groupby(counted, key=lambda row: row["to_organisation_id"]):
        rows = [
            Figures(
                key=row["service_id"],
                organisation=row["organisation"],
                service=row["service_name"],
                received=row["received"],
                accepted=row["accepted"],
                decided=row["decided"],
                completed=row["completed"],
            )
            for row in group
        ]
        table = disclosure.protect_list([row.received for row in rows], total=True)
        for row, cells in zip(rows, table.cells, strict=True):
            row.shown_received = cells[0]
        services.extend(rows)
        organisation = Figures(
            key=organisation_id,
            organisation=rows[0].organisation,
            service=None,
            received=sum(row.received for row in rows),
            accepted=sum(row.accepted for row in rows),
            decided=sum(row.decided for row in rows),
            completed=sum(row.completed for row in rows),
        )
        organisation.shown_received = table.total
        organisations.append(organisation)
    return organisations, services


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
