# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The number of database queries of a page does not grow with the amount of data (DESIGN.md §5.8):
the plan page, the start page, the timeline, the history and the printed plan."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from eenplan.accounts.models import Role
from eenplan.plans import services
from eenplan.plans.models import Action, CareTeamMember, JournalNote, NetworkMember, OwnerKind
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

DOMAINS = ["financien", "huisvesting", "werk_opleiding", "geestelijke_gezondheid", "sociaal_netwerk", "justitie"]


@pytest.fixture
def plan_with_care_team(household, professional):
    plan_with_care_team = story.plan_with_goal_and_action(household, professional)
    CareTeamMember.objects.create(
        household=household,
        user=professional,
        organisation=professional.memberships.get().organisation,
        role="Maatschappelijk werker",
    )
    NetworkMember.objects.create(household=household, name="Petra", relation="zus")
    JournalNote.objects.create(
        household=household, category=story.category("basis"), text="Intake", author=professional
    )
    return plan_with_care_team


def grow(plan_with_care_team, household, professional, team) -> None:
    """From 1 goal and 1 action to 8 goals and 16 actions of every kind of owner, a bigger care team and network."""
    anna = household.residents.get()
    helper = story.volunteer()
    for n in range(7):
        goal = story.add_goal(plan_with_care_team, DOMAINS[n % len(DOMAINS)], f"Doel {n} in eigen woorden")
        story.add_action(
            plan_with_care_team, f"Actie {n}a", owner=professional, goal=goal, due_date=timezone.localdate()
        )
        if n == 0:
            continue
        Action.objects.create(
            plan=plan_with_care_team,
            goal=goal,
            description=f"Actie {n}b",
            owner_kind=OwnerKind.RESIDENT,
            owner_resident=anna,
            category=goal.category,
        )
    story.add_action(plan_with_care_team, "Boodschappen", owner=helper, kind="volunteer")
    sister = NetworkMember.objects.create(household=household, name="Karin", relation="buurvrouw")
    Action.objects.create(
        plan=plan_with_care_team,
        description="Oppassen",
        owner_kind=OwnerKind.NETWORK,
        owner_network_member=sister,
        category=story.category("gezin_opvoeding"),
    )
    for n in range(4):
        colleague = factories.wijkteam_member(team=team)
        CareTeamMember.objects.create(
            household=household, user=colleague, organisation=team.organisation, role=f"Rol {n}"
        )
    CareTeamMember.objects.create(
        household=household, organisation=team.organisation, role="Organisatie zonder persoon"
    )
    for n in range(5):
        JournalNote.objects.create(
            household=household, category=story.category("gezondheid"), text=f"Notitie {n}", author=professional
        )
    assert plan_with_care_team.goals.count() == 8 and plan_with_care_team.actions.count() == 16


@pytest.mark.parametrize(
    "subpath", ["plan/", "tijdlijn/", "plan/pdf/"], ids=["the plan page", "the timeline", "the printed plan"]
)
def test_a_page_of_the_plan_asks_the_same_number_of_queries_for_a_big_plan_with_more_notes_and_changes(
    verified_client, household, professional, team, plan_with_care_team, subpath
):
    path = f"/huishoudens/{household.pk}/{subpath}"
    small = queries_of(verified_client, path)
    grow(plan_with_care_team, household, professional, team)
    assert queries_of(verified_client, path) == small


def test_the_plan_page_of_a_partner_asks_the_same_number_of_queries_for_a_big_plan(
    household, professional, team, plan_with_care_team
):
    organisation = story.partner_organisation()
    story.grant_consent(household, organisation, ["financien", "gezondheid"], recorded_by=professional)
    partner_client = login_verified(Client(), story.member_of(organisation, Role.PARTNER_PROFESSIONAL))
    path = f"/huishoudens/{household.pk}/plan/"
    small = queries_of(partner_client, path)
    grow(plan_with_care_team, household, professional, team)
    assert queries_of(partner_client, path) == small


def test_the_start_page_asks_the_same_number_of_queries_for_more_actions_and_households(
    verified_client, household, professional, team, plan_with_care_team
):
    small = queries_of(verified_client, "/")
    for n in range(15):
        story.add_action(
            plan_with_care_team,
            f"Actie {n}",
            owner=professional,
            due_date=timezone.localdate() + datetime.timedelta(days=n - 5),
        )
    for n in range(4):
        other = factories.HouseholdFactory(owning_team=team)
        factories.ResidentFactory(household=other)
        other_plan = services.start_plan(other, by=professional, regisseur=professional)
        story.add_action(other_plan, f"Actie elders {n}", owner=professional)
    assert queries_of(verified_client, "/") == small


def test_the_start_page_of_a_volunteer_asks_the_same_number_of_queries_for_more_actions(team, professional):
    helper = story.volunteer()
    helper_client = login_verified(Client(), helper)
    first = factories.HouseholdFactory(owning_team=team)
    factories.ResidentFactory(household=first)
    story.add_action(
        services.start_plan(first, by=professional, regisseur=professional), "Eerste", owner=helper, kind="volunteer"
    )
    small = queries_of(helper_client, "/")
    for n in range(6):
        other = factories.HouseholdFactory(owning_team=team)
        factories.ResidentFactory(household=other)
        other_plan = services.start_plan(other, by=professional, regisseur=professional)
        story.add_action(other_plan, f"Klus {n}", owner=helper, kind="volunteer")
    assert queries_of(helper_client, "/") == small


def test_the_history_asks_the_same_number_of_queries_for_more_changes(
    verified_client, household, professional, team, plan_with_care_team
):
    path = f"/huishoudens/{household.pk}/plan/geschiedenis/"
    small = queries_of(verified_client, path)
    grow(plan_with_care_team, household, professional, team)
    colleague = factories.wijkteam_member(team=team)
    for action in plan_with_care_team.actions.all()[:5]:
        action.status = "bezig"
        action.owner_kind, action.owner_user, action.owner_resident = OwnerKind.PROFESSIONAL, colleague, None
        action.save()
    assert queries_of(verified_client, path) == small
