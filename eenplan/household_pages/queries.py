# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Small query helpers shared by the start page and the household pages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from eenplan.accounts.models import User
from eenplan.households.models import Household, Resident
from eenplan.plans.models import OPEN_ACTION_STATUSES, Action, CareTeamMember, Plan


def with_next_evaluation(households: QuerySet[Household]) -> QuerySet[Household]:
    """Annotate each household with the evaluation date of its active plan (one subquery, no N+1)."""
    return households.annotate(next_evaluation=next_evaluation_subquery())


def own_households(households: QuerySet[Household], user: User) -> QuerySet[Household]:
    """Of the households the user may see, those they coordinate or are in the care team of (*mijn huishoudens*),
    as a UNION of two indexed look-ups."""
    mine = Household.objects.filter(regisseur=user).values("pk").order_by()
    in_care_team = CareTeamMember.objects.current().filter(user=user).values("household_id").order_by()
    return households.filter(pk__in=mine.union(in_care_team))


def next_evaluation_subquery() -> Subquery:
    # At most one plan per household is active (a constraint), so no ordering: its partial unique index answers.
    return Subquery(
        Plan.objects.filter(household=OuterRef("pk"), is_active=True).order_by().values("evaluation_date")[:1]
    )


def resident_count_subquery() -> Coalesce:
    """The number of residents per household as a subquery: computed for the rows of one page only, where a JOIN
    with GROUP BY would also make the paginator's count read every resident."""
    counts = Resident.objects.filter(household=OuterRef("pk")).order_by().values("household").annotate(n=Count("pk"))
    return Coalesce(Subquery(counts.values("n")), 0)


def contact_for_actions(actions: list[Action]) -> dict[int, Resident]:
    """The first resident of each action's household: the minimum contact a volunteer needs (one query)."""
    household_ids = {action.plan.household_id for action in actions}
    first: dict[int, Resident] = {}
    for resident in Resident.objects.filter(household_id__in=household_ids).order_by("household_id", "id"):
        first.setdefault(resident.household_id, resident)
    return first


@dataclass(frozen=True)
class Workflow:
    """A household's workflow without its content (the team leader's view, Operation.VIEW_WORKFLOW): the active
    plan's status and dates, and its actions counted — open, overdue, the oldest overdue date. No goal, no action
    text, no category."""

    plan: Plan | None
    open_actions: int
    overdue_actions: int
    oldest_overdue: datetime.date | None
    next_due: datetime.date | None
    evaluation_overdue: bool


def workflow(household: Household) -> Workflow:
    today = timezone.localdate()
    plan = (
        Plan.objects.filter(household=household, is_active=True)
        .only("id", "number", "status", "agreed_on", "evaluation_date", "created_at", "household_id")
        .first()
    )
    counts: dict[str, Any] = {"open": 0, "overdue": 0, "oldest": None, "next_due": None}
    if plan is not None:
        counts = Action.objects.filter(plan=plan, status__in=OPEN_ACTION_STATUSES).aggregate(
            open=Count("id"),
            overdue=Count("id", filter=Q(due_date__lt=today)),
            oldest=Min("due_date", filter=Q(due_date__lt=today)),
            next_due=Min("due_date", filter=Q(due_date__gte=today)),
        )
    return Workflow(
        plan=plan,
        open_actions=counts["open"],
        overdue_actions=counts["overdue"],
        oldest_overdue=counts["oldest"],
        next_due=counts["next_due"],
        evaluation_overdue=bool(plan and plan.evaluation_date and plan.evaluation_date < today),
    )


@dataclass(frozen=True)
class KnownHousehold:
    """A household that may be the one being registered, and why (`bsn`, `name_and_birth_date`, `address`)."""

    household: Household
    reasons: tuple[str, ...]


def registration_candidates(
    *,
    bsn: str,
    name_prefix: str,
    last_name: str,
    date_of_birth: datetime.date | None,
    postcode: str,
    house_number: str,
    limit: int = 10,
) -> list[KnownHousehold]:
    """Households that may already hold this person, as the triage's duplicate check does: the same BSN (by its
    lookup digest; the BSN itself is encrypted), the same family name and date of birth, or the same address."""
    from eenplan.households import crypto

    conditions = Q()
    digests = crypto.lookup_digests(bsn) if bsn else []  # every key: also while a key rotation is under way
    if digests:
        conditions |= Q(residents__bsn_digest__in=digests)
    if last_name and date_of_birth:
        conditions |= Q(
            residents__last_name__iexact=last_name.strip(),
            residents__name_prefix__iexact=name_prefix.strip(),
            residents__date_of_birth=date_of_birth,
        )
    if postcode and house_number:
        conditions |= Q(postcode=postcode, house_number__iexact=house_number.strip())
    if not conditions:
        return []
    found = list(Household.objects.filter(conditions).distinct().select_related("owning_team").order_by("id")[:limit])
    residents = Resident.objects.filter(household__in=found).only(
        "household_id", "bsn_digest", "last_name", "name_prefix", "date_of_birth"
    )
    reasons: dict[int, set[str]] = {h.pk: set() for h in found}
    for resident in residents:
        if digests and resident.bsn_digest in digests:
            reasons[resident.household_id].add("bsn")
        if (
            date_of_birth
            and resident.date_of_birth == date_of_birth
            and resident.last_name.lower() == last_name.strip().lower()
            and resident.name_prefix.lower() == name_prefix.strip().lower()
        ):
            reasons[resident.household_id].add("name_and_birth_date")
    for household in found:
        if household.postcode == postcode and household.house_number.lower() == house_number.strip().lower():
            reasons[household.pk].add("address")
    order = ("bsn", "name_and_birth_date", "address")
    return [KnownHousehold(h, tuple(r for r in order if r in reasons[h.pk])) for h in found]
