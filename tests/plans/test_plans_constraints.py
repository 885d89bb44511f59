# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The database holds the plan's rules even when the code around it does not (DESIGN.md §5.1):
one active plan per household, an action's owner matching its kind, funding only with a cost, no negative cost,
an agreed plan with a date and a method, a goal with the resident's words."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from eenplan.households.models import Household
from eenplan.plans.models import Action, Goal, JournalNote, NetworkMember, OwnerKind, Plan, PlanStatus
from tests import access_helpers as story

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 3)


@pytest.fixture
def bare_plan(household, professional) -> Plan:
    household.regisseur = professional
    household.save()
    return Plan.objects.create(household=household, number=1, created_by=professional)


def new_action(bare_plan: Plan, **fields) -> Action:
    values = {
        "plan": bare_plan,
        "description": "Aanvraag bijzondere bijstand indienen",
        "owner_kind": OwnerKind.PROFESSIONAL,
        "category": story.category("financien"),
    }
    values.update(fields)
    with transaction.atomic():
        return Action.objects.create(**values)


def finish(plan: Plan) -> None:
    """The plan agreed in person today and then closed: no longer the household's active plan."""
    plan.status, plan.agreed_on, plan.agreement_method, plan.is_active = ("afgesloten", TODAY, "in_persoon", False)
    plan.save()


def test_a_household_cannot_have_two_active_plans(bare_plan, household, professional):
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(household=household, number=2, created_by=professional)
    assert household.plans.filter(is_active=True).count() == 1


def test_a_household_may_have_a_finished_plan_beside_the_active_one(bare_plan, household, professional):
    finish(bare_plan)
    Plan.objects.create(household=household, number=2, created_by=professional)
    assert household.plans.count() == 2


def test_two_households_each_have_their_own_active_plan(bare_plan, professional, team):
    other = story.factories.HouseholdFactory(owning_team=team, regisseur=professional)
    Plan.objects.create(household=other, number=1, created_by=professional)
    assert Plan.objects.filter(is_active=True).count() == 2


def test_a_plan_number_is_unique_within_a_household(bare_plan, household, professional):
    finish(bare_plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(household=household, number=1, created_by=professional)


def test_an_active_plan_cannot_be_closed_at_the_same_time(household, professional):
    household.regisseur = professional
    household.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(
            household=household,
            created_by=professional,
            status=PlanStatus.AFGESLOTEN,
            agreed_on=TODAY,
            agreement_method="papier",
            is_active=True,
        )


def test_the_household_has_one_regisseur_column_not_a_list():
    field = Household._meta.get_field("regisseur")
    assert field.many_to_one and not field.many_to_many


def test_a_household_with_an_active_plan_cannot_lose_its_regisseur(bare_plan, household):
    """DESIGN.md §5.1: exactly one active regisseur once a plan exists, held by the database."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Household.objects.filter(pk=household.pk).update(regisseur=None)


def test_an_active_plan_cannot_be_made_for_a_household_without_a_regisseur(household, professional):
    """The other half of §5.1: no active plan may exist while the household has no regisseur."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(household=household, number=1, created_by=professional)
    assert not Plan.objects.filter(household=household).exists()


def test_a_finished_plan_can_be_made_active_again_only_with_a_regisseur(bare_plan, household, professional):
    Plan.objects.filter(pk=bare_plan.pk).update(
        is_active=False, status=PlanStatus.AFGESLOTEN, agreed_on=TODAY, agreement_method="papier"
    )
    Household.objects.filter(pk=household.pk).update(regisseur=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=bare_plan.pk).update(is_active=True, status=PlanStatus.CONCEPT)


def test_an_agreed_plan_needs_the_date_of_agreement(bare_plan):
    bare_plan.status, bare_plan.agreement_method = PlanStatus.VASTGESTELD, "in_persoon"
    with pytest.raises(IntegrityError), transaction.atomic():
        bare_plan.save()


def test_an_agreed_plan_needs_the_way_the_resident_agreed(bare_plan):
    bare_plan.status, bare_plan.agreed_on = PlanStatus.VASTGESTELD, TODAY
    with pytest.raises(IntegrityError), transaction.atomic():
        bare_plan.save()


def test_an_agreed_plan_with_date_and_method_is_stored(bare_plan):
    bare_plan.status, bare_plan.agreed_on, bare_plan.agreement_method = PlanStatus.VASTGESTELD, TODAY, "digitaal"
    bare_plan.save()
    bare_plan.refresh_from_db()
    assert (bare_plan.status, bare_plan.agreed_on, bare_plan.agreement_method) == ("vastgesteld", TODAY, "digitaal")


def test_a_goal_needs_the_residents_words(bare_plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.create(plan=bare_plan, domain="financien", resident_words="", category=story.category("financien"))


def test_an_action_for_a_professional_needs_the_professional(bare_plan):
    with pytest.raises(IntegrityError):
        new_action(bare_plan, owner_kind=OwnerKind.PROFESSIONAL)


def test_an_action_for_the_resident_cannot_name_a_professional(bare_plan, professional):
    with pytest.raises(IntegrityError):
        new_action(bare_plan, owner_kind=OwnerKind.RESIDENT, owner_user=professional)


def test_an_action_for_the_resident_names_a_resident_only(bare_plan, household):
    action = new_action(bare_plan, owner_kind=OwnerKind.RESIDENT, owner_resident=household.residents.get())
    assert action.owner_display == "Anna de Vries"


def test_an_action_for_an_organisation_cannot_also_name_a_professional(bare_plan, professional, team):
    with pytest.raises(IntegrityError):
        new_action(
            bare_plan, owner_kind=OwnerKind.ORGANISATION, owner_organisation=team.organisation, owner_user=professional
        )


def test_an_action_for_the_network_needs_a_network_member(bare_plan, household):
    with pytest.raises(IntegrityError):
        new_action(bare_plan, owner_kind=OwnerKind.NETWORK)
    sister = NetworkMember.objects.create(household=household, name="Petra", relation="zus")
    assert (
        new_action(bare_plan, owner_kind=OwnerKind.NETWORK, owner_network_member=sister).owner_display == "Petra (zus)"
    )


def test_an_action_for_a_volunteer_names_the_volunteer(bare_plan):
    helper = story.volunteer("Sanne Vrijwilliger")
    assert new_action(bare_plan, owner_kind=OwnerKind.VOLUNTEER, owner_user=helper).owner_user == helper


def test_an_action_of_an_unknown_kind_is_refused(bare_plan, professional):
    with pytest.raises(IntegrityError):
        new_action(bare_plan, owner_kind="buurman", owner_user=professional)


def test_a_funding_needs_a_cost(bare_plan, professional):
    with pytest.raises(IntegrityError):
        new_action(bare_plan, owner_user=professional, funding="wijkbudget", cost=None)


def test_a_cost_with_a_funding_is_stored(bare_plan, professional):
    action = new_action(bare_plan, owner_user=professional, funding="wijkbudget", cost=Decimal("125.50"))
    action.refresh_from_db()
    assert (action.cost, action.funding) == (Decimal("125.50"), "wijkbudget")


def test_a_negative_cost_is_refused(bare_plan, professional):
    with pytest.raises(IntegrityError):
        new_action(bare_plan, owner_user=professional, cost=Decimal("-5"))


def test_a_cost_of_zero_is_allowed(bare_plan, professional):
    assert new_action(bare_plan, owner_user=professional, cost=Decimal("0")).cost == 0


def test_a_journal_note_needs_text(household, professional):
    with pytest.raises(IntegrityError), transaction.atomic():
        JournalNote.objects.create(household=household, category=story.category("basis"), text="", author=professional)
