# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Two professionals editing the same goal or action never silently overwrite each other (DESIGN.md §5.5):
both forms open on version 1, the first save wins, the second gets 409 with a clear Dutch message and keeps
what was typed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from eenplan.households.forms import HouseholdAddressForm
from eenplan.households.models import Household
from eenplan.plans import services
from eenplan.plans.models import Action, Goal
from tests import access_helpers as story
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

DUTCH_CONFLICT = "Iemand anders heeft een wijziging opgeslagen"


@pytest.fixture
def goal(plan) -> Goal:
    return plan.goals.get()


def goal_url(goal: Goal) -> str:
    return f"/huishoudens/{goal.plan.household_id}/plan/doelen/{goal.pk}/"


def action_url(action: Action) -> str:
    return f"/huishoudens/{action.plan.household_id}/plan/acties/{action.pk}/"


def goal_typed(goal: Goal, version: int, words: str) -> dict[str, object]:
    return {
        "domain": goal.domain,
        "resident_words": words,
        "professional_view": goal.professional_view,
        "category": goal.category_id,
        "version": version,
    }


def action_typed(action: Action, version: int, description: str, status: str = "open") -> dict[str, object]:
    return {
        "description": description,
        "goal": action.goal_id or "",
        "owner_kind": action.owner_kind,
        "owner_user": action.owner_user_id,
        "due_date": "",
        "status": status,
        "category": action.category_id,
        "cost": "",
        "funding": "",
        "version": version,
    }


def opened_version(response) -> int:
    return response.context["form"]["version"].value()


# Goals


def test_both_goal_forms_open_on_version_one(verified_client, colleague_client, goal):
    assert (
        opened_version(verified_client.get(goal_url(goal))) == opened_version(colleague_client.get(goal_url(goal))) == 1
    )


def test_the_first_goal_save_wins(verified_client, colleague_client, goal):
    response = verified_client.post(goal_url(goal), goal_typed(goal, 1, "Ik wil mijn schulden kwijt"))
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.resident_words, goal.version) == ("Ik wil mijn schulden kwijt", 2)


def test_a_stale_goal_save_is_a_conflict(verified_client, colleague_client, goal):
    verified_client.post(goal_url(goal), goal_typed(goal, 1, "Ik wil mijn schulden kwijt"))
    response = colleague_client.post(goal_url(goal), goal_typed(goal, 1, "Ik wil een vast inkomen"))
    assert response.status_code == 409
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == ["conflict"]


def test_a_goal_conflict_is_explained_in_dutch_on_the_page(verified_client, colleague_client, goal):
    verified_client.post(goal_url(goal), goal_typed(goal, 1, "Ik wil mijn schulden kwijt"))
    page = colleague_client.post(goal_url(goal), goal_typed(goal, 1, "Ik wil een vast inkomen")).content.decode()
    assert DUTCH_CONFLICT in page


def test_a_goal_conflict_keeps_the_text_the_second_person_typed(verified_client, colleague_client, goal):
    verified_client.post(goal_url(goal), goal_typed(goal, 1, "Ik wil mijn schulden kwijt"))
    page = colleague_client.post(goal_url(goal), goal_typed(goal, 1, "Ik wil een vast inkomen")).content.decode()
    assert "Ik wil een vast inkomen" in page


def test_a_goal_conflict_keeps_the_first_save(verified_client, colleague_client, goal):
    verified_client.post(goal_url(goal), goal_typed(goal, 1, "Ik wil mijn schulden kwijt"))
    colleague_client.post(goal_url(goal), goal_typed(goal, 1, "Ik wil een vast inkomen"))
    goal.refresh_from_db()
    assert (goal.resident_words, goal.version) == ("Ik wil mijn schulden kwijt", 2)


def test_after_a_goal_conflict_the_form_saves_on_the_current_version(verified_client, colleague_client, goal):
    verified_client.post(goal_url(goal), goal_typed(goal, 1, "Ik wil mijn schulden kwijt"))
    colleague_client.post(goal_url(goal), goal_typed(goal, 1, "Ik wil een vast inkomen"))
    assert opened_version(colleague_client.get(goal_url(goal))) == 2
    assert colleague_client.post(goal_url(goal), goal_typed(goal, 2, "Ik wil een vast inkomen")).status_code == 302


# Actions


def test_both_action_forms_open_on_version_one(verified_client, colleague_client, action):
    first, second = verified_client.get(action_url(action)), colleague_client.get(action_url(action))
    assert opened_version(first) == opened_version(second) == 1


def test_the_first_action_save_wins(verified_client, action):
    response = verified_client.post(action_url(action), action_typed(action, 1, "Aanmelden bij schuldhulp", "bezig"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.version) == ("bezig", 2)


def test_a_stale_action_save_is_a_conflict(verified_client, colleague_client, action):
    verified_client.post(action_url(action), action_typed(action, 1, "Aanmelden bij schuldhulp", "bezig"))
    response = colleague_client.post(action_url(action), action_typed(action, 1, "Bellen met de Kredietbank"))
    assert response.status_code == 409


def test_an_action_conflict_is_explained_in_dutch_and_keeps_the_typed_text(verified_client, colleague_client, action):
    verified_client.post(action_url(action), action_typed(action, 1, "Aanmelden bij schuldhulp", "bezig"))
    page = colleague_client.post(action_url(action), action_typed(action, 1, "Bellen met de Kredietbank")).content
    assert DUTCH_CONFLICT in page.decode()
    assert 'value="Bellen met de Kredietbank"' in page.decode()


def test_an_action_conflict_keeps_the_first_save(verified_client, colleague_client, action):
    verified_client.post(action_url(action), action_typed(action, 1, "Aanmelden bij schuldhulp", "bezig"))
    colleague_client.post(action_url(action), action_typed(action, 1, "Bellen met de Kredietbank"))
    action.refresh_from_db()
    assert (action.description, action.status, action.version) == ("Aanmelden bij schuldhulp", "bezig", 2)


def test_marking_an_action_done_from_my_actions_makes_an_open_edit_form_stale(verified_client, household, plan):
    helper = story.volunteer()
    action = story.add_action(plan, "Boodschappen doen", owner=helper, kind="volunteer")
    verified_client.get(action_url(action))
    volunteer_client = login_verified(Client(), helper)
    assert volunteer_client.post(f"/mijn-acties/{action.pk}/status/", {"status": "gedaan"}).status_code == 302
    response = verified_client.post(action_url(action), action_typed(action, 1, "Boodschappen doen met Anna"))
    assert response.status_code == 409
    action.refresh_from_db()
    assert (action.status, action.description) == ("gedaan", "Boodschappen doen")


# The regisseur role and the household it belongs to


def test_an_address_saved_during_a_handover_does_not_undo_the_handover(household, plan, professional, colleague):
    """Request A opens and saves the address; meanwhile request B hands the regisseur role over. A's save must
    not silently put the old regisseur back (a lost update): it either keeps the new regisseur or is a conflict."""
    opened = Household.objects.get(pk=household.pk)  # what request A's door loaded
    typed = {"street": "Kerkstraat", "house_number": "5", "postcode": "3512 AB", "city": "Utrecht", "version": 1}
    address_form = HouseholdAddressForm(typed, instance=opened)
    services.transfer_regisseur(household, to_user=colleague, by=professional, note="Warme overdracht")
    saved = address_form.is_valid() and address_form.save_versioned()
    household.refresh_from_db()
    assert household.regisseur == colleague
    assert saved or address_form.has_conflict


# The plan itself


def test_a_stale_plan_save_after_the_agreement_is_a_conflict(verified_client, household, plan):
    form_data = {"summary": "Samenvatting", "own_strength": "Zus helpt", "evaluation_date": "", "version": 1}
    services.agree(plan, on=timezone.localdate(), method="in_persoon")
    response = verified_client.post(f"/huishoudens/{household.pk}/plan/wijzigen/", form_data)
    assert response.status_code == 409
    plan.refresh_from_db()
    assert plan.own_strength == ""
