# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Referral events on the household timeline (registered with plans.timeline)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from eenplan.access.policy import Basis, Decision
from eenplan.households.models import Household
from eenplan.plans.timeline import WINDOW, TimelineEntry
from eenplan.referrals.models import ReferralEvent, ReferralState


def referral_entries(household: Household, decision: Decision) -> list[TimelineEntry]:
    if not decision.allows_category("basis"):
        return []
    events = ReferralEvent.objects.filter(referral__household=household)
    if decision.basis == Basis.CONSENT:
        # A partner sees the referrals made to their own organisation, not those to others.
        events = events.filter(referral__to_organisation_id=decision.organisation_id)
    events = events.select_related("referral__service", "by").order_by("-at", "-id")[:WINDOW]
    return [
        TimelineEntry(
            when=event.at,
            kind="referral",
            title=_("Referral to %(service)s: %(state)s")
            % {"service": event.referral.service.name, "state": ReferralState(event.to_state).label},
            text=event.note,
            who=event.by.full_name,
            category="",
        )
        for event in events
    ]
