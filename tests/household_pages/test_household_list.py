# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
""" "Mijn huishoudens": a professional sees their own team's households, can search them, page through them,
and the page costs the same number of queries however many households there are."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eenplan.households.models import Relationship, RelationshipKind
from tests import factories

pytestmark = pytest.mark.django_db

LIST = "/huishoudens/"


def names_on(response) -> list[str]:
    return [household.display_name for household in response.context["page"].object_list]


# -- whose households -----------------------------------------------------------------------------------------


def test_the_list_shows_the_households_of_the_professionals_team(verified_client, household):
    response = verified_client.get(LIST)
    assert response.status_code == 200
    assert names_on(response) == ["De Vries"]


def test_the_list_leaves_out_households_of_other_teams(verified_client, household, other_team_household):
    response = verified_client.get(LIST)
    assert "Jansen" not in names_on(response)
    assert "Jansen" not in response.content.decode()


def test_a_household_of_another_team_cannot_be_opened(verified_client, other_team_household):
    response = verified_client.get(f"/huishoudens/{other_team_household.pk}/")
    assert response.status_code == 403
    assert "Jansen" not in response.content.decode()


def test_a_household_of_the_professionals_team_can_be_opened(verified_client, household):
    response = verified_client.get(f"/huishoudens/{household.pk}/")
    assert response.status_code == 200
    assert "De Vries" in response.content.decode()


def test_a_household_that_does_not_exist_answers_as_a_forbidden_one(verified_client):
    assert verified_client.get("/huishoudens/999999/").status_code == 403  # so ids cannot be probed


def test_a_professional_in_two_teams_sees_the_households_of_both(verified_client, professional, household):
    second_team = factories.TeamFactory(organisation=household.owning_team.organisation)
    factories.MembershipFactory(user=professional, team=second_team)
    factories.HouseholdFactory(owning_team=second_team, display_name="Bakker")
    assert names_on(verified_client.get(LIST)) == ["Bakker", "De Vries"]


# -- search ----------------------------------------------------------------------------------------------------


@pytest.fixture
def three_households(team):
    vries = factories.HouseholdFactory(owning_team=team, display_name="De Vries", postcode="3512 AB")
    factories.ResidentFactory(household=vries, first_name="Anna", last_name="Vries", name_prefix="de")
    bakker = factories.HouseholdFactory(owning_team=team, display_name="Bakker", postcode="3512 CD")
    factories.ResidentFactory(household=bakker, first_name="Mohammed", last_name="Bakker")
    smit = factories.HouseholdFactory(owning_team=team, display_name="Smit", postcode="3581 KL")
    factories.ResidentFactory(household=smit, first_name="Fatima", last_name="Smit")
    return vries, bakker, smit


def test_search_finds_a_household_by_its_name(verified_client, three_households):
    assert names_on(verified_client.get(LIST, {"q": "bakk"})) == ["Bakker"]


def test_search_finds_a_household_by_a_residents_first_name(verified_client, three_households):
    assert names_on(verified_client.get(LIST, {"q": "Fatima"})) == ["Smit"]


def test_search_finds_a_household_by_its_full_postcode_typed_loosely(verified_client, three_households):
    assert names_on(verified_client.get(LIST, {"q": "3512ab"})) == ["De Vries"]


def test_search_finds_households_by_the_four_digits_of_a_postcode(verified_client, three_households):
    assert names_on(verified_client.get(LIST, {"q": "3512"})) == ["Bakker", "De Vries"]


def test_search_never_finds_a_household_of_another_team(verified_client, three_households, other_team_household):
    factories.ResidentFactory(household=other_team_household, first_name="Fatima", last_name="Jansen")
    assert names_on(verified_client.get(LIST, {"q": "Fatima"})) == ["Smit"]
    assert names_on(verified_client.get(LIST, {"q": "Jansen"})) == []


def test_a_search_without_results_says_so(verified_client, three_households):
    response = verified_client.get(LIST, {"q": "Zwart"})
    assert response.status_code == 200
    assert names_on(response) == []
    assert "Zwart" in response.content.decode()


def test_an_htmx_search_answers_with_only_the_results(verified_client, three_households):
    response = verified_client.get(LIST, {"q": "bakk"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bakker" in page
    assert "<html" not in page


# -- pagination ------------------------------------------------------------------------------------------------


def test_the_list_shows_25_households_per_page(verified_client, team):
    factories.HouseholdFactory.create_batch(30, owning_team=team)
    first = verified_client.get(LIST)
    assert settings.PAGE_SIZE == 25
    assert len(first.context["page"].object_list) == 25
    assert first.context["page"].paginator.num_pages == 2


def test_the_second_page_holds_the_remaining_households(verified_client, team):
    factories.HouseholdFactory.create_batch(30, owning_team=team)
    second = verified_client.get(LIST, {"pagina": 2})
    assert second.status_code == 200
    assert second.context["page"].number == 2
    assert len(second.context["page"].object_list) == 5


def test_a_page_number_beyond_the_end_shows_the_last_page(verified_client, team):
    factories.HouseholdFactory.create_batch(30, owning_team=team)
    response = verified_client.get(LIST, {"pagina": 99})
    assert response.status_code == 200
    assert response.context["page"].number == 2


# -- queries do not grow with data -----------------------------------------------------------------------------


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_households(team, count: int, neighbourhood) -> None:
    for household in factories.HouseholdFactory.create_batch(count, owning_team=team, neighbourhood=neighbourhood):
        factories.ResidentFactory.create_batch(2, household=household)


def test_the_list_needs_as_many_queries_for_40_households_as_for_5(verified_client, team, centrum):
    add_households(team, 5, centrum)
    verified_client.get(LIST)  # the first request of a session may fill caches
    with_5 = queries_for(verified_client, LIST)
    add_households(team, 35, centrum)
    with_40 = queries_for(verified_client, LIST)
    assert with_40 == with_5


def test_the_household_page_needs_as_many_queries_for_six_residents_as_for_two(verified_client, team):
    small = factories.HouseholdFactory(owning_team=team)
    factories.ResidentFactory.create_batch(2, household=small)
    large = factories.HouseholdFactory(owning_team=team)
    residents = factories.ResidentFactory.create_batch(6, household=large, bsn="999990019")
    for child in residents[1:]:
        Relationship.objects.create(
            household=large, from_resident=residents[0], kind=RelationshipKind.PARENT, to_resident=child
        )
    verified_client.get(f"/huishoudens/{small.pk}/")
    with_two = queries_for(verified_client, f"/huishoudens/{small.pk}/")
    with_six = queries_for(verified_client, f"/huishoudens/{large.pk}/")
    assert with_six == with_two


def test_the_household_page_of_one_resident_asks_no_relationships(verified_client, team):
    """A relationship joins two shown residents: with one resident the page does not ask for them."""
    single = factories.HouseholdFactory(owning_team=team)
    factories.ResidentFactory(household=single)
    couple = factories.HouseholdFactory(owning_team=team)
    factories.ResidentFactory.create_batch(2, household=couple)
    verified_client.get(f"/huishoudens/{single.pk}/")
    assert queries_for(verified_client, f"/huishoudens/{single.pk}/") == (
        queries_for(verified_client, f"/huishoudens/{couple.pk}/") - 1
    )
