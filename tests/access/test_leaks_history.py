# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Issue 18, finding 1: every version shown on the history page and the timeline obeys the consent as it is now
(DESIGN.md §5.11). A version is shown only when both the category it HAD and the category its item HAS now are
consented; a linked goal is named only as far as its own category allows."""

from __future__ import annotations

import pytest
from django.test import Client

from eenplan.plans.models import Goal
from tests import access_helpers as story
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

HEALTH_WORDS = "Ik wil weer goed slapen zonder pillen"
MONEY_WORDS = "Ik wil van mijn schulden af"


@pytest.fixture
def finances_partner_client(household, professional, partner_org) -> Client:
    """A partner professional whose organisation has consent for Financiën only."""
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    return login_verified(Client(), story.member_of(partner_org, "partner"))


def history(client: Client, household) -> str:
    response = client.get(f"/huishoudens/{household.pk}/plan/geschiedenis/")
    assert response.status_code == 200
    return response.content.decode()


def timeline(client: Client, household) -> str:
    response = client.get(f"/huishoudens/{household.pk}/tijdlijn/")
    assert response.status_code == 200
    return response.content.decode()


def move(goal: Goal, category_code: str, words: str | None = None) -> None:
    """Move a goal to another information category (and change its words), saving a new version."""
    goal.category = story.category(category_code)
    if words is not None:
        goal.resident_words = words
    goal.version += 1
    goal.save()


def test_a_finances_action_does_not_show_the_words_of_its_health_goal_in_the_history(
    plan, household, professional, finances_partner_client
):
    health = story.add_goal(plan, "lichamelijke_gezondheid", HEALTH_WORDS, category_code="gezondheid")
    story.add_action(
        plan, "Afspraak over betalingsregeling", owner=professional, goal=health, category_code="financien"
    )
    page = history(finances_partner_client, household)
    assert "Afspraak over betalingsregeling" in page
    assert HEALTH_WORDS not in page


def test_a_finances_action_still_names_its_finances_goal_in_the_history(
    plan, household, professional, finances_partner_client
):
    money = story.add_goal(plan, "financien", MONEY_WORDS, category_code="financien")
    story.add_action(plan, "Afspraak over betalingsregeling", owner=professional, goal=money)
    changes = finances_partner_client.get(f"/huishoudens/{household.pk}/plan/geschiedenis/").context["page"].object_list
    [created] = [c for c in changes if c.title == "Afspraak over betalingsregeling"]
    assert MONEY_WORDS in [new for _name, _old, new in created.fields]


def test_the_old_version_of_a_goal_moved_out_of_finances_is_no_longer_in_the_history(
    plan, household, finances_partner_client
):
    goal = story.add_goal(plan, "financien", MONEY_WORDS, category_code="financien")
    move(goal, "gezondheid")
    assert MONEY_WORDS not in history(finances_partner_client, household)


def test_the_old_version_of_a_goal_moved_out_of_finances_is_no_longer_on_the_timeline(
    plan, household, finances_partner_client
):
    goal = story.add_goal(plan, "financien", MONEY_WORDS, category_code="financien")
    move(goal, "gezondheid")
    assert MONEY_WORDS not in timeline(finances_partner_client, household)


def test_a_goal_moved_into_finances_does_not_show_its_old_health_words(plan, household, finances_partner_client):
    goal = story.add_goal(plan, "lichamelijke_gezondheid", HEALTH_WORDS, category_code="gezondheid")
    move(goal, "financien", words=MONEY_WORDS)
    page = history(finances_partner_client, household)
    assert MONEY_WORDS in page
    assert HEALTH_WORDS not in page


def test_a_goal_moved_into_finances_does_not_show_its_old_health_version_on_the_timeline(
    plan, household, finances_partner_client
):
    goal = story.add_goal(plan, "lichamelijke_gezondheid", HEALTH_WORDS, category_code="gezondheid")
    move(goal, "financien", words=MONEY_WORDS)
    page = timeline(finances_partner_client, household)
    assert MONEY_WORDS in page
    assert HEALTH_WORDS not in page


def test_an_action_moved_out_of_finances_drops_out_of_the_history(plan, household, finances_partner_client):
    action = plan.actions.get()
    action.category = story.category("gezondheid")
    action.version += 1
    action.save()
    assert "Aanmelden bij schuldhulp" not in history(finances_partner_client, household)


def test_the_team_still_sees_every_version_of_a_moved_goal(plan, household, verified_client):
    goal = story.add_goal(plan, "lichamelijke_gezondheid", HEALTH_WORDS, category_code="gezondheid")
    move(goal, "financien", words=MONEY_WORDS)
    page = history(verified_client, household)
    assert HEALTH_WORDS in page and MONEY_WORDS in page


def test_a_finances_action_of_a_health_goal_is_on_the_plan_page_without_its_goal(
    plan, household, professional, finances_partner_client
):
    health = story.add_goal(plan, "lichamelijke_gezondheid", HEALTH_WORDS, category_code="gezondheid")
    story.add_action(
        plan, "Afspraak over betalingsregeling", owner=professional, goal=health, category_code="financien"
    )
    response = finances_partner_client.get(f"/huishoudens/{household.pk}/plan/")
    assert [a.description for a in response.context["loose_actions"]] == ["Afspraak over betalingsregeling"]
    assert HEALTH_WORDS not in response.content.decode()
