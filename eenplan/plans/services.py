# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Plan lifecycle and the regisseur role: the rules in one place, each change in one transaction.

concept → vastgesteld (the resident's agreement: date and how) → geëvalueerd or afgesloten.
Reopening a finished plan starts a new version that carries over the goals and the open actions.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access.models import InformationCategory
from eenplan.access.policy import may_be_assigned
from eenplan.accounts.models import Organisation, User
from eenplan.households.models import Household, Resident
from eenplan.notifications.models import notify
from eenplan.plans.models import (
    OPEN_ACTION_STATUSES,
    Action,
    Goal,
    OwnerKind,
    Plan,
    PlanStatus,
    RegisseurTransfer,
)


class PlanRuleError(Exception):
    """A change the plan's lifecycle does not allow; the message is shown to the user."""


def active_plan(household: Household) -> Plan | None:
    return household.plans.filter(is_active=True).first()


@transaction.atomic
def start_plan(household: Household, *, by: User, regisseur: User) -> Plan:
    """A new plan in concept; the household gets its one regisseur at the same moment."""
    locked = Household.objects.select_for_update().get(pk=household.pk)
    if locked.plans.filter(is_active=True).exists():
        raise PlanRuleError(_("This household already has an active plan."))
    if locked.regisseur_id != regisseur.pk:
        _set_regisseur(locked, regisseur, by=by, note=_("Regisseur when the plan was made."))
    number = (locked.plans.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    plan = Plan.objects.create(household=locked, number=number, created_by=by)
    household.regisseur = regisseur
    return plan


@transaction.atomic
def agree(plan: Plan, *, on: datetime.date, method: str, evaluate_on: datetime.date | None = None) -> Plan:
    """concept → vastgesteld, with the date and the way the resident agreed and (the form asks for it) the date
    on which the plan will be evaluated together."""
    if plan.status != PlanStatus.CONCEPT:
        raise PlanRuleError(_("Only a draft plan can be agreed."))
    if not plan.goals.exists():
        raise PlanRuleError(_("Add at least one goal before the resident agrees to the plan."))
    if evaluate_on is not None and evaluate_on <= on:
        raise PlanRuleError(_("The evaluation comes after the agreement: choose a later date."))
    plan.status, plan.agreed_on, plan.agreement_method = PlanStatus.VASTGESTELD, on, method
    if evaluate_on is not None:
        plan.evaluation_date = evaluate_on
    plan.version += 1
    plan.save()
    return plan


@transaction.atomic
def finish(plan: Plan, *, status: str, evaluation: str) -> Plan:
    if plan.status != PlanStatus.VASTGESTELD:
        raise PlanRuleError(_("Only an agreed plan can be evaluated or closed."))
    if status not in (PlanStatus.GEEVALUEERD, PlanStatus.AFGESLOTEN):
        raise PlanRuleError(_("Choose evaluated or closed."))
    plan.status, plan.evaluation, plan.is_active = status, evaluation, False
    plan.version += 1
    plan.save()
    return plan


@transaction.atomic
def reopen(plan: Plan, *, by: User) -> Plan:
    """A new version in concept with the goals and the open actions of the finished plan."""
    if plan.is_active:
        raise PlanRuleError(_("This plan is still active."))
    household = Household.objects.select_for_update().get(pk=plan.household_id)
    if household.plans.filter(is_active=True).exists():
        raise PlanRuleError(_("This household already has an active plan."))
    new = Plan.objects.create(
        household=household,
        number=plan.number + 1,
        created_by=by,
        summary=plan.summary,
        own_strength=plan.own_strength,
    )
    goal_map: dict[int, Goal] = {}
    for goal in plan.goals.filter(achieved=False):
        old_id = goal.pk
        goal.pk, goal.plan, goal.version = None, new, 1
        goal._state.adding = True
        goal.save()
        goal_map[old_id] = goal
    for action in plan.actions.filter(status__in=OPEN_ACTION_STATUSES):
        action.pk, action.plan, action.version = None, new, 1
        action._state.adding = True
        action.goal = goal_map.get(action.goal_id) if action.goal_id else None  # type: ignore[arg-type]
        action.save()
    return new


def _set_regisseur(household: Household, to_user: User, *, by: User, note: str) -> RegisseurTransfer:
    from_user = household.regisseur
    # Bumping the version makes an address form opened before the handover a conflict, not a silent undo.
    Household.objects.filter(pk=household.pk).update(regisseur=to_user, version=F("version") + 1)
    transfer = RegisseurTransfer.objects.create(
        household=household, from_user=from_user, to_user=to_user, note=note, transferred_by=by
    )
    link = reverse("households:detail", kwargs={"pk": household.pk})
    notify(to_user, _("You are now the regisseur of household #%(id)s.") % {"id": household.pk}, link)
    if from_user is not None and from_user != to_user:
        notify(
            from_user,
            _("You handed the regisseur role of household #%(id)s over.") % {"id": household.pk},
            link,
        )
    return transfer


@transaction.atomic
def transfer_regisseur(household: Household, *, to_user: User, by: User, note: str) -> RegisseurTransfer:
    """*Warme overdracht*: the role moves with a handover note; both professionals are notified."""
    locked = Household.objects.select_for_update().get(pk=household.pk)
    if not note.strip():
        raise PlanRuleError(_("Write a handover note for the new regisseur."))
    if locked.regisseur_id == to_user.pk:
        raise PlanRuleError(_("This professional is already the regisseur."))
    transfer = _set_regisseur(locked, to_user, by=by, note=note)
    household.regisseur = to_user
    return transfer


def overdue(actions: list[Action]) -> list[Action]:
    today = timezone.localdate()
    return [a for a in actions if a.status in OPEN_ACTION_STATUSES and a.due_date and a.due_date < today]


@transaction.atomic
def add_action(
    plan: Plan,
    *,
    description: str,
    category: InformationCategory,
    due_date: datetime.date | None,
    owner_user: User | None = None,
    owner_organisation: Organisation | None = None,
    owner_resident: Resident | None = None,
) -> Action:
    """An action with one owner (a professional, an organisation or the resident), as the action form makes it; used
    where another feature turns an agreement into a plan action (a case conference's decision). A professional
    owner must be one the resident's consent lets see this category (access.policy.may_be_assigned)."""
    if not plan.is_active:
        raise PlanRuleError(_("This plan is no longer active."))
    owners = [o for o in (owner_user, owner_organisation, owner_resident) if o is not None]
    if len(owners) != 1:
        raise PlanRuleError(_("Choose who does this action."))
    if owner_user is not None and not may_be_assigned(owner_user, plan.household, category.code):
        raise PlanRuleError(
            _("The resident has given %(name)s's organisation no consent for %(category)s. Record the consent first.")
            % {"name": owner_user.full_name, "category": category}
        )
    kind = (
        OwnerKind.PROFESSIONAL
        if owner_user is not None
        else OwnerKind.ORGANISATION
        if owner_organisation is not None
        else OwnerKind.RESIDENT
    )
    return Action.objects.create(
        plan=plan,
        description=description,
        category=category,
        due_date=due_date,
        owner_kind=kind,
        owner_user=owner_user,
        owner_organisation=owner_organisation,
        owner_resident=owner_resident,
    )
