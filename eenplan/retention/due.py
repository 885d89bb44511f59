# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""What is due (*wat is over de bewaartermijn*): households whose help ended longer ago than the period of their
legal basis, and the number of access-log entries older than the log's period.

A household is due only when all of these hold: it has a `CaseClosure`; its legal basis has a period (a period left
empty keeps everything); the help ended more than that many whole years before `today` (the day itself still counts
as kept); and it has no active plan and no plan started after the help ended (help that started again). An open
household, without a closure, is never due.

`today` is a parameter everywhere, so tests and a dry run can move the date past the limits.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from eenplan.access.models import AccessLogEntry
from eenplan.plans.models import Plan
from eenplan.retention.models import (
    OPEN_REVIEW_STATUSES,
    CaseClosure,
    LegalBasis,
    RetentionItem,
    RetentionPeriod,
    RetentionReview,
    RetentionSubject,
)


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` earlier; 29 February becomes 28 February in a year without it."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def period_years(subject: str) -> int | None:
    """The years kept for this subject, or None when no period is set (then nothing of it is due)."""
    return RetentionPeriod.objects.filter(subject=subject).values_list("years", flat=True).first()


def _help_resumed() -> Exists:
    return Exists(
        Plan.objects.filter(household_id=OuterRef("household_id")).filter(
            Q(is_active=True) | Q(created_at__date__gt=OuterRef("help_ended_on"))
        )
    )


def due_closures(today: datetime.date | None = None) -> QuerySet[CaseClosure]:
    """The closures of the households that are due on `today` (default: today)."""
    today = today or timezone.localdate()
    periods: dict[str, int] = {
        subject: years
        for subject, years in RetentionPeriod.objects.values_list("subject", "years")
        if years is not None
    }
    due = Q(pk__in=[])
    for basis in LegalBasis.values:
        if basis in periods:
            due |= Q(legal_basis=basis, help_ended_on__lt=years_before(today, periods[basis]))
    return CaseClosure.objects.filter(due).exclude(_help_resumed()).order_by("household_id")


def is_due(household_id: int, today: datetime.date | None = None) -> bool:
    return due_closures(today).filter(household_id=household_id).exists()


def access_log_past_period(today: datetime.date | None = None) -> int:
    """How many access-log entries are older than the log's period. They are kept: see docs/privacy.md#retention."""
    today = today or timezone.localdate()
    years = period_years(RetentionSubject.ACCESS_LOG)
    if years is None:
        return 0
    cutoff = datetime.datetime.combine(
        years_before(today, years), datetime.time.min, tzinfo=timezone.get_default_timezone()
    )
    return AccessLogEntry.objects.filter(timestamp__lt=cutoff).count()


@transaction.atomic
def list_due(today: datetime.date | None = None) -> RetentionReview | None:
    """Record a review of the households due on `today` that no open review lists yet; None when there are none.

    Nothing is removed here: a functional administrator confirms the review first, `retention_apply` carries it out.
    """
    today = today or timezone.localdate()
    already_listed = RetentionItem.objects.filter(review__status__in=OPEN_REVIEW_STATUSES).values("household_id")
    closures = list(due_closures(today).exclude(household_id__in=already_listed))
    if not closures:
        return None
    review = RetentionReview.objects.create(
        due_on=today, households=len(closures), access_log_older=access_log_past_period(today)
    )
    RetentionItem.objects.bulk_create(
        RetentionItem(
            review=review,
            household_id=closure.household_id,
            legal_basis=closure.legal_basis,
            help_ended_on=closure.help_ended_on,
        )
        for closure in closures
    )
    return review
