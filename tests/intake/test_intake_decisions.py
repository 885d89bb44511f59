# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Triage decisions on a request for help: assign it to a colleague, decline it with a reason, link it to a known
household, or accept it as a new household. Accepting leads straight to the intake. A handled request takes no
further decision; bad input answers 400 and changes nothing (DESIGN.md §5.7)."""

from __future__ import annotations

import pytest

from eenplan.households.models import Household, Resident
from eenplan.intake.models import IntakeRequest
from tests import access_helpers as story
from tests import factories

pytestmark = pytest.mark.django_db


def detail_url(item) -> str:
    return f"/aanmeldingen/{item.pk}/"


def intake_url(household) -> str:
    return f"/huishoudens/{household.pk}/intake/nieuw/"


@pytest.fixture
def triager(verified_client, sara):
    return verified_client


def decide(client, item, action: str, **data: object):
    return client.post(detail_url(item), {"handeling": action, **data})


def fresh(item) -> IntakeRequest:
    return IntakeRequest.objects.get(pk=item.pk)


# Assign


def test_assigning_sets_the_status_and_the_colleague(triager, sara, colleague):
    response = decide(triager, sara, "toewijzen", assigned_to=colleague.pk)
    assert response.status_code == 302 and response.url == detail_url(sara)
    sara = fresh(sara)
    assert (sara.status, sara.assigned_to) == ("toegewezen", colleague)


def test_assigning_to_someone_outside_the_team_answers_400_and_changes_nothing(triager, sara):
    outsider = factories.wijkteam_member()
    assert decide(triager, sara, "toewijzen", assigned_to=outsider.pk).status_code == 400
    assert (fresh(sara).status, fresh(sara).assigned_to) == ("nieuw", None)


def test_an_assigned_request_stays_in_the_open_queue(triager, sara, colleague):
    decide(triager, sara, "toewijzen", assigned_to=colleague.pk)
    assert list(triager.get("/aanmeldingen/").context["page"].object_list) == [fresh(sara)]


# Decline


def test_declining_without_a_reason_answers_400_and_changes_nothing(triager, sara):
    response = decide(triager, sara, "afwijzen", reason="   ")
    assert response.status_code == 400
    assert "reason" in response.context["decline_form"].errors
    unchanged = fresh(sara)
    assert (unchanged.status, unchanged.decline_reason, unchanged.version) == ("nieuw", "", 1)


def test_declining_with_a_reason_closes_the_request(triager, sara, professional):
    response = decide(triager, sara, "afwijzen", reason="Doorverwezen naar de huisarts")
    assert response.status_code == 302 and response.url == "/aanmeldingen/"
    declined = fresh(sara)
    assert (declined.status, declined.decline_reason, declined.decided_by) == (
        "afgewezen",
        "Doorverwezen naar de huisarts",
        professional,
    )
    assert declined.decided_at is not None


# Link to a known household


def test_linking_to_a_visible_household_accepts_and_leads_to_its_intake(triager, sara, household, professional):
    response = decide(triager, sara, "koppelen", household_number=household.pk)
    assert response.status_code == 302 and response.url == intake_url(household)
    linked = fresh(sara)
    assert (linked.status, linked.household, linked.decided_by) == ("geaccepteerd", household, professional)


def test_linking_to_a_household_the_triager_cannot_see_answers_400_and_changes_nothing(
    triager, sara, other_team_household
):
    response = decide(triager, sara, "koppelen", household_number=other_team_household.pk)
    assert response.status_code == 400
    assert "household_number" in response.context["link_form"].errors
    assert (fresh(sara).status, fresh(sara).household) == ("nieuw", None)


# Accept as a new household


def test_accepting_as_a_new_household_creates_it_in_the_chosen_team_and_wijk(triager, sara, team, centrum):
    response = decide(triager, sara, "aannemen", **story.new_household_data(team))
    household = Household.objects.get()
    assert response.status_code == 302 and response.url == intake_url(household)
    assert (household.owning_team, household.neighbourhood) == (team, centrum)
    assert (household.street, household.house_number, household.postcode, household.city) == (
        "Oudegracht",
        "12a",
        "3512 AB",
        "Utrecht",
    )


def test_accepting_as_a_new_household_registers_the_resident(triager, sara, team):
    decide(triager, sara, "aannemen", **story.new_household_data(team))
    resident = Resident.objects.get()
    assert (resident.full_name, resident.date_of_birth.isoformat()) == ("Sara Bakker", "1990-02-03")
    assert resident.household.display_name == "Bakker"


def test_accepting_as_a_new_household_closes_the_request_with_that_household(triager, sara, team, professional):
    decide(triager, sara, "aannemen", **story.new_household_data(team))
    accepted = fresh(sara)
    assert (accepted.status, accepted.household, accepted.decided_by) == (
        "geaccepteerd",
        Household.objects.get(),
        professional,
    )


@pytest.mark.parametrize("missing", ["street", "house_number", "city", "date_of_birth"])
def test_accepting_without_an_address_or_date_of_birth_answers_400_and_creates_nothing(triager, sara, team, missing):
    response = decide(triager, sara, "aannemen", **story.new_household_data(team, **{missing: ""}))
    assert response.status_code == 400
    assert missing in response.context["accept_form"].errors
    assert not Household.objects.exists() and not Resident.objects.exists()
    assert fresh(sara).status == "nieuw"


def test_accepting_into_a_team_the_triager_is_not_in_answers_400(triager, sara):
    response = decide(triager, sara, "aannemen", **story.new_household_data(factories.TeamFactory()))
    assert response.status_code == 400
    assert not Household.objects.exists()


# A handled request


@pytest.mark.parametrize("action", ["toewijzen", "afwijzen", "koppelen", "aannemen"])
def test_a_handled_request_refuses_further_decisions(triager, sara, household, colleague, team, action):
    decide(triager, sara, "koppelen", household_number=household.pk)
    handled = fresh(sara)
    data = {
        "toewijzen": {"assigned_to": colleague.pk},
        "afwijzen": {"reason": "Toch niet"},
        "koppelen": {"household_number": household.pk},
        "aannemen": story.new_household_data(team),
    }[action]
    response = decide(triager, sara, action, **data)
    assert response.status_code == 302 and response.url == detail_url(sara)
    after = fresh(sara)
    assert (after.status, after.assigned_to, after.decline_reason, after.version) == (
        "geaccepteerd",
        None,
        "",
        handled.version,
    )
    assert Household.objects.count() == 1


def test_a_handled_request_offers_no_decision_forms(triager, sara):
    decide(triager, sara, "afwijzen", reason="Doorverwezen naar de huisarts")
    response = triager.get(detail_url(sara))
    assert response.context["is_open"] is False
    assert 'name="handeling"' not in response.content.decode()
