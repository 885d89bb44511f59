# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""A team leader opens their team's households as workflow only: regisseur, plan status, dates, what is overdue —
never the content (goals, actions, notes) unless also a member of the team (docs/privacy.md)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.access.models import AccessLogEntry
from eenplan.accounts.models import Role
from eenplan.plans.models import Action
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(team):
    return factories.wijkteam_member(team=team, role=Role.TEAM_LEADER, full_name="Tamara Teamleider")


@pytest.fixture
def coordinated(team, household):
    regisseur = factories.wijkteam_member(team=team, role=Role.REGISSEUR, full_name="Ruben Regisseur")
    household.regisseur = regisseur
    household.save()
    plan = story.plan_with_goal_and_action(household, regisseur)
    Action.objects.filter(plan=plan).update(due_date=timezone.localdate() - datetime.timedelta(days=12))
    return household


def test_the_team_leader_sees_the_workflow_without_content(client, leader, coordinated):
    login_verified(client, leader)
    response = client.get(reverse("households:workflow", kwargs={"pk": coordinated.pk}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ruben Regisseur" in page
    assert response.context["workflow"].overdue_actions == 1
    assert "Aanmelden bij schuldhulp" not in page  # the action's text
    assert "Ik wil rust over geld" not in page  # the goal
    assert "Anna" not in page  # a resident


def test_the_workflow_view_is_logged_as_caseload(client, leader, coordinated):
    login_verified(client, leader)
    client.get(reverse("households:workflow", kwargs={"pk": coordinated.pk}))
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert (entry.household_id, entry.justification, entry.role) == (coordinated.pk, "caseload", Role.TEAM_LEADER)


def test_the_household_page_refuses_content_but_offers_the_workflow(client, leader, coordinated):
    login_verified(client, leader)
    response = client.get(reverse("households:detail", kwargs={"pk": coordinated.pk}))
    assert response.status_code == 403
    assert f'href="{reverse("households:workflow", kwargs={"pk": coordinated.pk})}"' in response.content.decode()


def test_the_caseload_list_links_the_team_leader_to_the_workflow(client, leader, coordinated):
    login_verified(client, leader)
    page = client.get(reverse("households:list")).content.decode()
    assert f'href="{reverse("households:workflow", kwargs={"pk": coordinated.pk})}"' in page
    assert f'href="{reverse("households:detail", kwargs={"pk": coordinated.pk})}"' not in page


def test_a_team_leader_who_is_also_a_member_opens_the_content(client, leader, coordinated, team):
    factories.MembershipFactory(user=leader, team=team, role=Role.WIJKTEAM_MEMBER)
    login_verified(client, leader)
    assert client.get(reverse("households:detail", kwargs={"pk": coordinated.pk})).status_code == 200
    page = client.get(reverse("households:list")).content.decode()
    assert f'href="{reverse("households:detail", kwargs={"pk": coordinated.pk})}"' in page


def test_the_leader_of_another_team_sees_no_workflow(client, coordinated):
    other_leader = factories.wijkteam_member(role=Role.TEAM_LEADER)
    login_verified(client, other_leader)
    response = client.get(reverse("households:workflow", kwargs={"pk": coordinated.pk}))
    assert response.status_code == 403
    assert f'href="{reverse("households:workflow", kwargs={"pk": coordinated.pk})}"' not in response.content.decode()
