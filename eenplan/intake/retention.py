# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Minimal storage for requests for help (DESIGN.md §3, retention): what is not needed any more is removed.

- A request that was declined (a withdrawal by the resident is recorded as declining, with that reason) is removed
  entirely `INTAKE_DECLINED_RETENTION_DAYS` days after the decision (default 42: six weeks). Its name, phone,
  e-mail, postcode, date of birth, question and reason go with it.
- The keyed digest of the sender's address only serves the rate limit: it is cleared on every request once it is
  older than the rate-limit window.
- A request that became a household (accepted or linked) keeps its content: it is part of that household's file.
  Open requests are left alone.

Run daily by `manage.py purge_intake_requests`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from eenplan.intake.models import IntakeRequest, RequestStatus
from eenplan.intake.spam import RATE_LIMIT_WINDOW

DEFAULT_DECLINED_RETENTION_DAYS = 42


@dataclass(frozen=True)
class PurgeResult:
    removed: int
    digests_cleared: int


def declined_retention() -> datetime.timedelta:
    days = getattr(settings, "INTAKE_DECLINED_RETENTION_DAYS", DEFAULT_DECLINED_RETENTION_DAYS)
    return datetime.timedelta(days=int(days))


def expired_declined(now: datetime.datetime) -> Q:
    cutoff = now - declined_retention()
    # decided_at is set by every decline; a request without it counts from the day it came in.
    return Q(status=RequestStatus.DECLINED, household__isnull=True) & (
        Q(decided_at__lt=cutoff) | Q(decided_at__isnull=True, submitted_at__lt=cutoff)
    )


@transaction.atomic
def purge(now: datetime.datetime | None = None, *, dry_run: bool = False) -> PurgeResult:
    now = now or timezone.now()
    expired = IntakeRequest.objects.filter(expired_declined(now))
    stale_digests = IntakeRequest.objects.exclude(sender_digest="").filter(submitted_at__lt=now - RATE_LIMIT_WINDOW)
    if dry_run:
        return PurgeResult(
            removed=expired.count(), digests_cleared=stale_digests.exclude(expired_declined(now)).count()
        )
    _total, per_model = expired.delete()
    removed = per_model.get(IntakeRequest._meta.label, 0)
    return PurgeResult(removed=removed, digests_cleared=stale_digests.update(sender_digest=""))
