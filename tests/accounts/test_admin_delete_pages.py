# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""/beheer/ delete pages: a functional administrator sees household data only as counts, never by name."""

from __future__ import annotations

import pytest

from eenplan.accounts.models import Team
from tests import access_helpers as story
from tests import factories

pytestmark = pytest.mark.django_db


def page_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_deleting_a_team_counts_its_households_without_naming_them(admin_client, team, household):
    page = page_of(admin_client.get(f"/beheer/accounts/team/{team.pk}/delete/"))
    assert "De Vries" not in page
    assert "1 huishouden" in page


def test_deleting_a_team_still_names_the_team_itself(admin_client, team, household):
    page = page_of(admin_client.get(f"/beheer/accounts/team/{team.pk}/delete/"))
    assert team.name in page


def test_deleting_several_teams_at_once_counts_their_households(admin_client, team, household):
    factories.HouseholdFactory(owning_team=team, display_name="Jansen")
    response = admin_client.post("/beheer/accounts/team/", {"action": "delete_selected", "_selected_action": [team.pk]})
    page = page_of(response)
    assert "De Vries" not in page and "Jansen" not in page
    assert "2 huishoudens" in page


def test_deleting_a_neighbourhood_counts_its_households_without_naming_them(admin_client, team, centrum):
    factories.HouseholdFactory(owning_team=team, neighbourhood=centrum, display_name="Bakker")
    page = page_of(admin_client.get(f"/beheer/accounts/neighbourhood/{centrum.pk}/delete/"))
    assert "Bakker" not in page
    assert "1 huishouden" in page


def test_deleting_a_neighbourhood_counts_its_requests_for_help_without_naming_them(admin_client, centrum):
    story.request_for_help(centrum, first_name="Sara", last_name="Bakker")
    page = page_of(admin_client.get(f"/beheer/accounts/neighbourhood/{centrum.pk}/delete/"))
    assert "Bakker" not in page and "Sara" not in page


def test_deleting_a_neighbourhood_still_names_its_postcode_ranges(admin_client, centrum):
    page = page_of(admin_client.get(f"/beheer/accounts/neighbourhood/{centrum.pk}/delete/"))
    assert "3511–3514" in page


def test_deleting_an_organisation_counts_its_consents_without_their_purpose(admin_client, household, professional):
    organisation = story.partner_organisation()
    story.grant_consent(household, organisation, ["financien"], recorded_by=professional)
    page = page_of(admin_client.get(f"/beheer/accounts/organisation/{organisation.pk}/delete/"))
    assert "Schulden in beeld brengen" not in page and "De Vries" not in page
    assert "1 toestemming" in page


def test_a_team_without_households_can_still_be_deleted(admin_client):
    empty = factories.TeamFactory()
    response = admin_client.post(f"/beheer/accounts/team/{empty.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Team.objects.filter(pk=empty.pk).exists()


def test_a_team_with_households_is_not_deleted(admin_client, team, household):
    admin_client.post(f"/beheer/accounts/team/{team.pk}/delete/", {"post": "yes"})
    assert Team.objects.filter(pk=team.pk).exists()


def _organisation_form_deleting(team: Team) -> dict[str, object]:
    organisation = team.organisation
    return {
        "name": organisation.name,
        "type": organisation.type,
        "website": "",
        "phone": "",
        "teams-TOTAL_FORMS": "1",
        "teams-INITIAL_FORMS": "1",
        "teams-MIN_NUM_FORMS": "0",
        "teams-MAX_NUM_FORMS": "1000",
        "teams-0-id": str(team.pk),
        "teams-0-organisation": str(organisation.pk),
        "teams-0-name": team.name,
        "teams-0-DELETE": "on",
    }


def test_deleting_a_team_from_its_organisations_page_counts_its_households(admin_client, team, household):
    response = admin_client.post(
        f"/beheer/accounts/organisation/{team.organisation_id}/change/", _organisation_form_deleting(team)
    )
    page = page_of(response)  # the form again, with the refusal
    assert "De Vries" not in page
    assert "1 huishouden" in page
    assert Team.objects.filter(pk=team.pk).exists()
