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
