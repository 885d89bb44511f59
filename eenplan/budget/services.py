# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Committing wijkbudget money from a plan action, within a mandate or with a second person's approval, and
recording what was paid or released. The money moves with conditional UPDATEs on the budget's running totals.

Every move of money is one statement of the form
`UPDATE budget SET committed = committed + x WHERE id = b AND amount >= pending + committed + realised + x`:
on PostgreSQL a second transaction waits for the first one's row lock and then re-evaluates the condition against
the committed row, on SQLite writers are serialised; either way, of two claims on the last euros one succeeds and
the other finds too little left. Every change of a commitment first claims its state with
`UPDATE … WHERE id = c AND state = old`, so an approval, payment or release happens once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, DecimalField, Exists, F, Q, QuerySet, Sum, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access.policy import budget_team_ids, spending_memberships
from eenplan.accounts.models import Membership, User
from eenplan.budget.models import (
    ZERO,
    Commitment,
    CommitmentState,
    MandateLevel,
    NeighbourhoodBudget,
)
from eenplan.households.models import Household
from eenplan.notifications.models import notify
from eenplan.plans.models import Action


class BudgetRefused(Exception):
    """A move of money that the rules refuse; the message is for the user (Dutch through gettext)."""


class NotEnoughLeft(BudgetRefused):
    pass


class AlreadyChanged(BudgetRefused):
    """Someone else changed the commitment first (approved, refused, paid or released it)."""


def open_budgets(household: Household, on: datetime.date | None = None) -> QuerySet[NeighbourhoodBudget]:
    """The budgets this household's plan may draw on: of its owning team, for its wijk or for the whole team, and
    running on this day (default today)."""
    day = on or timezone.localdate()
    return NeighbourhoodBudget.objects.filter(
        Q(neighbourhood__isnull=True) | Q(neighbourhood_id=household.neighbourhood_id),
        team_id=household.owning_team_id,
        starts_on__lte=day,
        ends_on__gte=day,
    ).order_by("name", "id")


def _held() -> Case:
    """What a commitment takes from its budget: its amount while awaiting approval or committed, what was paid."""
    return Case(
        When(state=CommitmentState.BETAALD, then=F("paid_amount")),
        When(state__in=(CommitmentState.AANGEVRAAGD, CommitmentState.TOEGEKEND), then=F("amount")),
        default=ZERO,
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )


def household_year_total(household_id: int, year: int) -> Decimal:
    """What this household's commitments hold of the wijkbudgets of this year: the sum a mandate is measured by."""
    total = Commitment.objects.filter(household_id=household_id, budget__year=year).aggregate(
        total=Coalesce(Sum(_held()), ZERO)
    )["total"]
    return Decimal(total)


def mandate_limit(organisation_id: int | None, role: str) -> Decimal | None:
    """The limit of this role in this organisation per household per year; None: no limit. A role without a
    mandate level may commit nothing alone (limit zero)."""
    if organisation_id is None:
        return ZERO
    level = MandateLevel.objects.filter(organisation_id=organisation_id, role=role).first()
    if level is None:
        return ZERO
    return level.limit


def covers(limit: Decimal | None, total: Decimal) -> bool:
    """Does a mandate with this limit cover this total? Exactly at the limit is within it."""
    return limit is None or total <= limit


@dataclass(frozen=True)
class Mandate:
    """What a professional may still commit alone for one household this year."""

    limit: Decimal | None
    used: Decimal

    @property
    def left(self) -> Decimal | None:
        return None if self.limit is None else max(self.limit - self.used, ZERO)


def mandate_for(household: Household, year: int, organisation_id: int | None, role: str) -> Mandate:
    return Mandate(mandate_limit(organisation_id, role), household_year_total(household.pk, year))


def _claim_budget(budget_id: int, amount: Decimal, into: str) -> bool:
    """Add `amount` to the budget's running total `into` only while that leaves the budget not overspent."""
    return bool(
        NeighbourhoodBudget.objects.filter(
            pk=budget_id, amount__gte=F("pending") + F("committed") + F("realised") + amount
        ).update(**{into: F(into) + amount})
    )


def _move_budget(budget_id: int, amount: Decimal, out_of: str, into: str | None = None, paid: Decimal = ZERO) -> None:
    """Move money between the running totals (never more than the budget had claimed)."""
    changes = {out_of: F(out_of) - amount}
    if into is not None:
        changes[into] = F(into) + (paid if into == "realised" else amount)
    moved = NeighbourhoodBudget.objects.filter(pk=budget_id, **{f"{out_of}__gte": amount}).update(**changes)
    if not moved:  # the totals disagree with the commitments: stop rather than lose track of money
        raise RuntimeError(f"budget {budget_id}: the running total {out_of} is lower than a commitment it holds")


@transaction.atomic
def commit(
    *,
    household: Household,
    action: Action,
    budget: NeighbourhoodBudget,
    amount: Decimal,
    what_for: str,
    payee_kind: str,
    expected_on: datetime.date,
    by: User,
    role: str,
    organisation_id: int,
) -> Commitment:
    """Commit money of `budget` for the household's `action`. Within the mandate of the acting role (per household
    per year, this commitment included) it is committed at once; above it, it awaits the approval of someone with
    that mandate, and the money is held meanwhile. Raises NotEnoughLeft when the budget has too little left."""
    if amount <= ZERO:
        raise BudgetRefused(_("The amount must be more than zero."))
    if action.plan.household_id != household.pk:
        raise BudgetRefused(_("This action is not of this household's plan."))
    if not open_budgets(household).filter(pk=budget.pk).exists():
        raise BudgetRefused(_("This budget is not open for this household."))
    # One commitment per household at a time: the mandate is measured over the household's year.
    Household.objects.select_for_update().filter(pk=household.pk).first()
    total = household_year_total(household.pk, budget.year) + amount
    within = covers(mandate_limit(organisation_id, role), total)
    if not _claim_budget(budget.pk, amount, "committed" if within else "pending"):
        left = NeighbourhoodBudget.objects.get(pk=budget.pk).left
        raise NotEnoughLeft(
            _("This budget has too little left: € %(left)s. Nothing has been committed.") % {"left": left}
        )
    goal = action.goal
    commitment = Commitment.objects.create(
        budget=budget,
        household=household,
        action=action,
        domain=goal.domain if goal is not None else "",
        amount=amount,
        what_for=what_for,
        payee_kind=payee_kind,
        expected_on=expected_on,
        state=CommitmentState.TOEGEKEND if within else CommitmentState.AANGEVRAAGD,
        requested_by=by,
        requested_role=role,
        requested_organisation_id=organisation_id,
        decided_by=by if within else None,
        decided_at=timezone.now() if within else None,
        year_total=total,
    )
    if not within:
        link = reverse("budget:decide", kwargs={"commitment_pk": commitment.pk})
        for person in approvers(commitment):
            notify(
                person,
                _("A commitment of € %(amount)s from %(budget)s awaits your approval.")
                % {"amount": amount, "budget": budget.name},
                link,
            )
    return commitment


def _deciding_limits(user: User) -> dict[int, Decimal | None]:
    """Per organisation: the highest mandate this user holds there through a membership that may spend."""
    memberships: list[Membership] = spending_memberships(user)
    levels = {
        (level.organisation_id, level.role): level.limit
        for level in MandateLevel.objects.filter(organisation_id__in={m.organisation_id for m in memberships})
    }
    limits: dict[int, Decimal | None] = {}
    for m in memberships:
        if (m.organisation_id, m.role) not in levels:
            continue
        limit = levels[(m.organisation_id, m.role)]
        known = limits.get(m.organisation_id, ZERO)
        limits[m.organisation_id] = None if limit is None or known is None else max(known, limit)
    return limits


def _decidable_condition(user: User) -> Q:
    """Commitments this user may approve or refuse: not their own (four eyes); of a budget they hold, or of a budget
    of an organisation where their mandate covers the household's year total."""
    condition = Q(budget__owner=user)
    for organisation_id, limit in _deciding_limits(user).items():
        reach = Q(budget__team__organisation_id=organisation_id)
        if limit is not None:
            reach &= Q(year_total__lte=limit)
        condition |= reach
    return condition & ~Q(requested_by=user)


def awaiting_decision(user: User) -> QuerySet[Commitment]:
    """The approval queue: commitments awaiting approval that this user may decide on (four eyes)."""
    return decidable(user).filter(state=CommitmentState.AANGEVRAAGD)


def may_decide(user: User, commitment: Commitment) -> bool:
    """May this user approve or refuse this commitment? Someone other than the requester, with the mandate for the
    household's year total, or the budget's holder."""
    return awaiting_decision(user).filter(pk=commitment.pk).exists()


def approvers(commitment: Commitment) -> list[User]:
    """Who may decide on this commitment: the budget holder, and everyone of the budget's organisation whose role's
    mandate covers the household's year total; never the requester."""
    today = timezone.localdate()
    roles = [
        level.role
        for level in MandateLevel.objects.filter(organisation_id=commitment.budget.team.organisation_id)
        if covers(level.limit, commitment.year_total)
    ]
    people = {commitment.budget.owner_id: commitment.budget.owner}
    for membership in Membership.objects.filter(
        Q(until__isnull=True) | Q(until__gte=today),
        since__lte=today,
        organisation_id=commitment.budget.team.organisation_id,
        role__in=roles,
        user__is_active=True,
    ).select_related("user"):
        if membership.role in {m.role for m in spending_memberships(membership.user)}:
            people[membership.user_id] = membership.user
    people.pop(commitment.requested_by_id, None)
    return list(people.values())


def _claim_state(commitment: Commitment, from_states: tuple[str, ...], to_state: str, **fields: object) -> Commitment:
    """Claim the commitment's move (`UPDATE … WHERE state IN from_states`), with the fields the new state needs;
    the loser of a race gets AlreadyChanged. The caller saves the row again, for its history."""
    claimed = Commitment.objects.filter(pk=commitment.pk, state__in=from_states).update(
        state=to_state, version=F("version") + 1, **fields
    )
    if not claimed:
        raise AlreadyChanged(_("Someone else changed this commitment just now. Look at it again."))
    locked = Commitment.objects.select_related("budget").get(pk=commitment.pk)
    return locked


@transaction.atomic
def decide(commitment: Commitment, by: User, *, approve: bool, reason: str = "") -> Commitment:
    """Approve (the held money becomes committed) or refuse with a reason (the money goes back to the budget; the
    plan action stays as it is)."""
    if not approve and not reason.strip():
        raise BudgetRefused(_("Give the reason for the refusal."))
    if not decidable(by).filter(pk=commitment.pk).exists():
        raise BudgetRefused(_("You may not decide on this commitment."))
    to_state = CommitmentState.TOEGEKEND if approve else CommitmentState.GEWEIGERD
    locked = _claim_state(commitment, (CommitmentState.AANGEVRAAGD,), to_state, reason=reason.strip())
    _move_budget(locked.budget_id, locked.amount, "pending", "committed" if approve else None)
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.reason = reason.strip()
    locked.save()
    message = (
        _("Your commitment of € %(amount)s has been approved.")
        if approve
        else _("Your commitment of € %(amount)s has been refused.")
    )
    notify(
        locked.requested_by,
        message % {"amount": locked.amount},
        reverse("budget:household", kwargs={"pk": locked.household_id}),
    )
    return locked


@transaction.atomic
def realise(
    commitment: Commitment, by: User, *, paid_amount: Decimal, paid_on: datetime.date, reference: str
) -> Commitment:
    """Record the payment (EenPlan records it; the finance department pays). What is paid below the committed
    amount goes back to the budget."""
    if paid_amount <= ZERO or paid_amount > commitment.amount:
        raise BudgetRefused(
            _("The amount paid must be more than zero and at most € %(amount)s.") % {"amount": commitment.amount}
        )
    locked = _claim_state(
        commitment, (CommitmentState.TOEGEKEND,), CommitmentState.BETAALD, paid_amount=paid_amount, paid_on=paid_on
    )
    _move_budget(locked.budget_id, locked.amount, "committed", "realised", paid=paid_amount)
    locked.paid_amount = paid_amount
    locked.paid_on = paid_on
    locked.payment_reference = reference.strip()
    locked.closed_by = by
    locked.closed_at = timezone.now()
    locked.save()
    return locked


@transaction.atomic
def release(commitment: Commitment, by: User, *, reason: str) -> Commitment:
    """Release a commitment that will not be paid (or a request withdrawn): its money goes back to the budget."""
    if not reason.strip():
        raise BudgetRefused(_("Give the reason for releasing the money."))
    try:  # two claims, each atomic: the money leaves the total the commitment was in at that very moment
        locked = _claim_state(commitment, (CommitmentState.AANGEVRAAGD,), CommitmentState.VRIJGEGEVEN)
        _move_budget(locked.budget_id, locked.amount, "pending")
    except AlreadyChanged:
        locked = _claim_state(commitment, (CommitmentState.TOEGEKEND,), CommitmentState.VRIJGEGEVEN)
        _move_budget(locked.budget_id, locked.amount, "committed")
    locked.reason = reason.strip()
    locked.closed_by = by
    locked.closed_at = timezone.now()
    locked.save()
    return locked


def decidable(user: User) -> QuerySet[Commitment]:
    """Commitments this user may decide on, whatever their state now: a decision page stays open to the approvers
    (it then says that someone decided first)."""
    return Commitment.objects.filter(_decidable_condition(user))


def sees_budgets(user: User) -> bool:
    """Whether the menu offers the wijkbudget: to the teams with budgets' members, budget holders, and those whose
    role has a mandate level (they decide above others' mandates)."""
    if budget_team_ids(user):
        return True
    # One round trip for both questions (the menu asks on every page): a budget they hold, or a mandate level of
    # one of their roles.
    owns = NeighbourhoodBudget.objects.filter(owner=user)
    levels = Q(pk__in=[])
    for m in spending_memberships(user)[:3]:
        levels |= Q(organisation_id=m.organisation_id, role=m.role)
    mandated = MandateLevel.objects.filter(levels)
    return User.objects.filter(pk=user.pk).filter(Exists(owns) | Exists(mandated)).exists()


def household_id_of(commitment_pk: int) -> int | None:
    """The household of a commitment by its id, for the access log of a refused request (None: no such row)."""
    found: int | None = Commitment.objects.filter(pk=commitment_pk).values_list("household_id", flat=True).first()
    return found
