# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Ends of help (*afsluitingen*) in the demo: four households of the demo regisseur's team whose help ended.

One under each legal basis, and one Wmo household whose help ended sixteen years ago, past the fifteen years, so
`retention_due` lists it. They are households without a plan or an intake (no help started after the end), and each
is dated as registered some time before its help ended. No random draws: the rest of the demo stays the same per seed.
"""

from __future__ import annotations

import datetime

from eenplan.accounts.models import Membership
from eenplan.demo.history import bulk_history
from eenplan.households.models import Household
from eenplan.retention.models import CaseClosure, LegalBasis

# (legal basis, days between the end of help and now, days the household was known before the help ended)
CLOSURES = [
    (LegalBasis.WMO, 40, 300),
    (LegalBasis.JEUGDWET, 400, 700),
    (LegalBasis.PARTICIPATIEWET, 12, 200),
    (LegalBasis.WMO, 16 * 365 + 30, 500),  # past the Wmo's 15 years: due
]


def build_closures(now: datetime.datetime, regisseur_email: str) -> int:
    """Close the help of a few planless households of the demo regisseur's team; the number closed."""
    membership = Membership.objects.filter(user__email=regisseur_email).select_related("user").first()
    if membership is None or membership.team_id is None:
        return 0
    households = list(
        Household.objects.filter(owning_team_id=membership.team_id, plans__isnull=True, intakes__isnull=True)
        .order_by("pk")
        .distinct()[: len(CLOSURES)]
    )
    closures = []
    for household, (basis, ended_days_ago, known_days) in zip(households, CLOSURES, strict=False):
        ended = now - datetime.timedelta(days=ended_days_ago)
        Household.objects.filter(pk=household.pk).update(created_at=ended - datetime.timedelta(days=known_days))
        closures.append(
            CaseClosure(
                household=household,
                legal_basis=basis,
                help_ended_on=ended.date(),
                recorded_by=membership.user,
                recorded_at=ended.replace(hour=15, minute=30, second=0, microsecond=0),
            )
        )
    CaseClosure.objects.bulk_create(closures)
    bulk_history(CaseClosure, closures, lambda c: c.recorded_at, lambda c: c.recorded_by_id)
    return len(closures)
