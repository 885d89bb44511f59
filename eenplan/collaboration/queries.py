# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Read-only queries of working together that the pages share: what the team leader's view shows (of the households
the door's list gives it), consents for a conference's organisations, mandate holders, questions waiting."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from eenplan.access.models import Consent
from eenplan.accounts.models import Membership, Organisation, User
from eenplan.collaboration.models import (
    Barrier,
    CaseConference,
    ConferenceStatus,
    Escalation,
    EscalationMandate,
    EscalationStatus,
    HelpdeskQuestion,
    QuestionStatus,
)
from eenplan.households.models import Household


@dataclass
class OrganisationConsent:
    organisation: Organisation
    categories: list[str]


def conference_consents(household: Household, organisations: list[Organisation]) -> list[OrganisationConsent]:
    """Per participating organisation, the categories the resident's valid consents give it now (one query)."""
    pairs = (
        Consent.objects.valid_on()
        .filter(household=household, organisation__in=organisations)
        .values_list("organisation_id", "categories__name")
    )
    found: dict[int, set[str]] = {}
    for organisation_id, name in pairs:
        found.setdefault(organisation_id, set()).add(name)
    return [OrganisationConsent(o, sorted(found.get(o.pk, set()))) for o in organisations]


def mandate_holders() -> QuerySet[User]:
    """Everyone who holds, today, a role in an organisation that an active mandate level is given to."""
    today = timezone.localdate()
    levels = list(EscalationMandate.objects.filter(active=True).values_list("organisation_id", "role"))
    if not levels:
        return User.objects.none()
    condition = Q()
    for organisation_id, role in levels:
        condition |= Q(organisation_id=organisation_id, role=role)
    memberships = Membership.objects.filter(condition, Q(until__isnull=True) | Q(until__gte=today), since__lte=today)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by("full_name")


def open_escalations(households: QuerySet[Household]) -> QuerySet[Escalation]:
    return (
        Escalation.objects.filter(household__in=households.values("pk"), status=EscalationStatus.OPEN)
        .select_related("household", "decider", "raised_by", "mandate")
        .order_by("decide_by", "id")
    )


def conferences_between(households: QuerySet[Household], start: datetime.date) -> QuerySet[CaseConference]:
    begin = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    return (
        CaseConference.objects.filter(
            household__in=households.values("pk"),
            starts_at__gte=begin,
            starts_at__lt=begin + datetime.timedelta(days=7),
        )
        .exclude(status=ConferenceStatus.CANCELLED)
        .select_related("household", "called_by")
        .order_by("starts_at", "id")
    )


def barriers_of_teams(team_ids: list[int]) -> QuerySet[Barrier]:
    """Barriers raised by members of these teams (no household: a barrier has none)."""
    members = Membership.objects.filter(team_id__in=team_ids).values("user_id")
    return (
        Barrier.objects.filter(raised_by__in=members)
        .select_related("raised_by", "neighbourhood")
        .order_by("-raised_at", "-id")
    )


def waiting_questions(user: User) -> QuerySet[HelpdeskQuestion]:
    """Helpdesk questions waiting for an answer in the topics this user is an expert of, the oldest deadline first."""
    return (
        HelpdeskQuestion.objects.filter(topic__experts=user, status=QuestionStatus.WAITING)
        .select_related("topic")
        .order_by("answer_by", "id")
    )
