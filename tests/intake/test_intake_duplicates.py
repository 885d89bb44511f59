# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The duplicate check on a request for help: is this person already known? By name and date of birth, or by name
and postcode. A match in a household the triager may see is shown in full; a match in another team's household
only as that team's name, never the resident."""

from __future__ import annotations

import datetime

import pytest

from eenplan.intake import duplicates
from tests import access_helpers as story
from tests import factories

pytestmark = pytest.mark.django_db

ANNA_BORN = datetime.date(1985, 4, 12)  # the `household` fixture's Anna de Vries


def detail_url(item) -> str:
    return f"/aanmeldingen/{item.pk}/"


@pytest.fixture
def centrum_triager(verified_client, team, centrum):
    story.serves(team, centrum)
    return verified_client


@pytest.fixture
def piet_jansen(other_team_household):
    return factories.ResidentFactory(
        household=other_team_household, first_name="Piet", last_name="Jansen", date_of_birth=datetime.date(1970, 1, 1)
    )


def duplicate_section(response) -> str:
    html = response.content.decode()
    start = html.index('id="kop-dubbel"')
    return html[start : html.index("</section>", start)]


def test_a_resident_with_the_same_last_name_and_date_of_birth_is_listed(centrum_triager, household, centrum):
    request = story.request_for_help(
        centrum, first_name="Anneke", last_name="Vries", date_of_birth=ANNA_BORN, postcode="3514 XY"
    )
    response = centrum_triager.get(detail_url(request))
    anna = household.residents.get()
    assert [c.resident for c in response.context["known_candidates"]] == [anna]
    assert "Anna de Vries" in duplicate_section(response)
    assert f"/huishoudens/{household.pk}/" in duplicate_section(response)


def test_the_reasons_of_a_match_are_named(household, centrum):
    request = story.request_for_help(centrum, last_name="vries", date_of_birth=ANNA_BORN, postcode="3512 AB")
    [candidate] = duplicates.candidates(request)
    assert candidate.reasons == ["name", "date_of_birth", "postcode"]


def test_a_resident_with_the_same_last_name_and_postcode_is_listed(centrum_triager, household, centrum):
    request = story.request_for_help(centrum, last_name="Vries", postcode=household.postcode)
    response = centrum_triager.get(detail_url(request))
    assert [c.resident for c in response.context["known_candidates"]] == [household.residents.get()]


def test_a_match_in_another_teams_household_shows_only_that_teams_name(centrum_triager, piet_jansen, centrum):
    request = story.request_for_help(
        centrum, first_name="Karin", last_name="Jansen", date_of_birth=datetime.date(1970, 1, 1)
    )
    response = centrum_triager.get(detail_url(request))
    other_team = piet_jansen.household.owning_team
    assert response.context["known_candidates"] == []
    assert response.context["other_team_matches"] == [other_team.name]
    section = duplicate_section(response)
    assert other_team.name in section
    assert "Piet" not in response.content.decode()
    assert f"/huishoudens/{piet_jansen.household_id}/" not in response.content.decode()


def test_no_match_shows_the_empty_message(centrum_triager, household, centrum):
    request = story.request_for_help(
        centrum, first_name="Sara", last_name="Bakker", date_of_birth=datetime.date(2001, 1, 1)
    )
    response = centrum_triager.get(detail_url(request))
    assert response.context["known_candidates"] == []
    assert response.context["other_team_matches"] == []
    assert 'class="ep-empty"' in duplicate_section(response)


def test_the_same_last_name_with_another_date_of_birth_and_postcode_is_no_match(household, centrum):
    request = story.request_for_help(
        centrum, last_name="Vries", date_of_birth=datetime.date(2001, 1, 1), postcode="3514 XY"
    )
    assert duplicates.candidates(request) == []


def test_a_public_request_written_with_the_name_prefix_matches_the_resident_at_that_postcode(household, centrum):
    """A public request has no date of birth, so name and postcode must do. The form has one last-name field: the
    resident writes "de Vries", the file holds prefix "de" and last name "Vries"."""
    request = story.request_for_help(centrum, first_name="Anna", last_name="de Vries", postcode=household.postcode)
    assert [c.resident for c in duplicates.candidates(request)] == [household.residents.get()]
