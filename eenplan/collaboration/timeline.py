# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Case conferences, their decisions and escalations on the household timeline (registered with plans.timeline)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from eenplan.access.policy import Decision
from eenplan.collaboration.models import CaseConference, ConferenceDecision, Escalation
from eenplan.households.models import Household
from eenplan.plans.timeline import WINDOW, TimelineEntry


def collaboration_entries(household: Household, decision: Decision) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    conferences = decision.scoped(CaseConference.objects.select_related("called_by")).order_by("-starts_at")[:WINDOW]
    for conference in conferences:
        entries.append(
            TimelineEntry(
                when=conference.starts_at,
                kind="conference",
                title=_("Case conference (%(status)s)") % {"status": conference.get_status_display()},
                text=conference.location or conference.video_link,
                who=conference.called_by.full_name,
                category="",
            )
        )
    decisions = decision.scoped(ConferenceDecision.objects.select_related("decided_by", "category")).order_by(
        "-decided_at"
    )[:WINDOW]
    for row in decisions:
        entries.append(
            TimelineEntry(
                when=row.decided_at,
                kind="conference_decision",
                title=_("Decision of a case conference"),
                text=row.description,
                who=row.decided_by.full_name,
                category=str(row.category),
            )
        )
    escalations = decision.scoped(Escalation.objects.select_related("raised_by", "category", "decider")).order_by(
        "-raised_at"
    )[:WINDOW]
    for escalation in escalations:
        entries.append(
            TimelineEntry(
                when=escalation.raised_at,
                kind="escalation",
                title=_("Escalation: %(kind)s") % {"kind": escalation.get_kind_display()},
                text=escalation.needed,
                who=escalation.raised_by.full_name,
                category=str(escalation.category),
            )
        )
        if escalation.decided_at is not None:
            entries.append(
                TimelineEntry(
                    when=escalation.decided_at,
                    kind="escalation",
                    title=_("Escalation decided: %(status)s") % {"status": escalation.get_status_display()},
                    text=escalation.decision,
                    who=escalation.decider.full_name,
                    category=str(escalation.category),
                )
            )
    return entries
