# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The triage queue per wijk (*aanmeldingen*): wijkteam professionals of a team serving the wijk see its requests
for help; others do not, and partners have no queue at all. Every triage page writes one access log entry."""

from __future__ import annotations

import pytest
from django.test import Client

from eenplan.access.models import AccessLogEntry
from eenplan.accounts.models import Role
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

QUEUE_URL = "/aanmeldingen/"


def detail_url(item) -> str:
    return f"/aanmeldingen/{item.pk}/"


@pytest.fixture
def centrum_team(team, centrum):
    story.serves(team, centrum)
    return team


@pytest.fixture
def sara_in_centrum(centrum):
    return story.request_for_help(centrum, first_name="Sara", last_name="Bakker")


@pytest.fixture
def noord_with_postcodes():
    neighbourhood = factories.NeighbourhoodFactory(name="Noord", code="noord")
    factories.PostcodeRangeFactory(neighbourhood=neighbourhood, start=3551, end=3555)
    return neighbourhood


@pytest.fixture
def noord_member(noord_with_postcodes):
    noord_team = factories.TeamFactory(name="Wijkteam Noord")
    story.serves(noord_team, noord_with_postcodes)
    return factories.wijkteam_member(team=noord_team)


@pytest.fixture
def noord_client(noord_member) -> Client:
    return login_verified(Client(), noord_member)


def listed(response) -> list:
    return list(response.context["page"].object_list)


def new_entries(since: int) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(pk__gt=since).order_by("id"))


def last_entry_id() -> int:
    return AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


# Who sees which request


def test_a_member_of_a_team_serving_the_wijk_sees_the_request_in_the_queue(
    verified_client, centrum_team, sara_in_centrum
):
    response = verified_client.get(QUEUE_URL)
    assert response.status_code == 200
    assert listed(response) == [sara_in_centrum]
    assert "Sara Bakker" in response.content.decode()


def test_a_member_of_a_team_serving_the_wijk_opens_the_request(verified_client, centrum_team, sara_in_centrum):
    response = verified_client.get(detail_url(sara_in_centrum))
    assert response.status_code == 200
    assert response.context["item"] == sara_in_centrum


def test_a_team_leader_of_the_serving_team_may_triage(centrum_team, sara_in_centrum):
    leader = factories.wijkteam_member(team=centrum_team, role=Role.TEAM_LEADER)
    client = login_verified(Client(), leader)
    assert listed(client.get(QUEUE_URL)) == [sara_in_centrum]
    assert client.get(detail_url(sara_in_centrum)).status_code == 200


def test_a_member_of_a_team_serving_another_wijk_does_not_see_the_request(noord_client, centrum_team, sara_in_centrum):
    response = noord_client.get(QUEUE_URL)
    assert response.status_code == 200
    assert listed(response) == []
    assert "Sara Bakker" not in response.content.decode()


def test_a_member_of_a_team_serving_another_wijk_gets_403_on_the_request(noord_client, centrum_team, sara_in_centrum):
    response = noord_client.get(detail_url(sara_in_centrum))
    assert response.status_code == 403
    assert "Bakker" not in response.content.decode()


def test_a_member_of_a_team_serving_another_wijk_cannot_decide_on_the_request(
    noord_client, centrum_team, sara_in_centrum
):
    response = noord_client.post(detail_url(sara_in_centrum), {"handeling": "afwijzen", "reason": "Niet onze wijk"})
    assert response.status_code == 403
    sara_in_centrum.refresh_from_db()
    assert sara_in_centrum.status == "nieuw"


def test_the_queue_filtered_on_a_wijk_shows_only_that_wijk(
    verified_client, centrum_team, sara_in_centrum, noord_with_postcodes
):
    story.serves(centrum_team, noord_with_postcodes)
    in_noord = story.request_for_help(noord_with_postcodes, first_name="Noor", postcode="3552 CD")
    assert listed(verified_client.get(QUEUE_URL, {"wijk": noord_with_postcodes.pk})) == [in_noord]
    assert listed(verified_client.get(QUEUE_URL)) == [sara_in_centrum, in_noord]


def test_a_request_without_a_wijk_goes_to_every_wijkteam(verified_client, noord_client, centrum_team):
    nowhere = story.request_for_help(None, postcode="9999 ZZ")
    assert listed(verified_client.get(QUEUE_URL)) == [nowhere]
    assert listed(noord_client.get(QUEUE_URL)) == [nowhere]
    assert verified_client.get(detail_url(nowhere)).status_code == 200


def test_handled_requests_leave_the_open_queue(verified_client, centrum_team, sara_in_centrum):
    sara_in_centrum.status, sara_in_centrum.decline_reason = "afgewezen", "Doorverwezen naar de huisarts"
    sara_in_centrum.save()
    assert listed(verified_client.get(QUEUE_URL)) == []
    assert listed(verified_client.get(QUEUE_URL, {"status": "afgehandeld"})) == [sara_in_centrum]


def test_a_partner_professional_gets_403_on_the_queue(centrum_team, sara_in_centrum):
    partner = story.member_of(story.partner_organisation(), Role.PARTNER_PROFESSIONAL)
    client = login_verified(Client(), partner)
    assert client.get(QUEUE_URL).status_code == 403
    assert client.get(detail_url(sara_in_centrum)).status_code == 403


def test_a_volunteer_gets_403_on_the_queue(centrum_team, sara_in_centrum):
    client = login_verified(Client(), story.volunteer())
    assert client.get(QUEUE_URL).status_code == 403


def test_a_request_that_does_not_exist_answers_404(verified_client, centrum_team):
    assert verified_client.get("/aanmeldingen/987654/").status_code == 404


# One access log entry per triage page


def test_opening_a_request_writes_one_access_log_entry(verified_client, professional, centrum_team, sara_in_centrum):
    since = last_entry_id()
    verified_client.get(detail_url(sara_in_centrum))
    [entry] = new_entries(since)
    assert (entry.user, entry.action, entry.object_type, entry.object_id) == (
        professional,
        "view",
        "intake_request",
        sara_in_centrum.pk,
    )
    assert entry.justification == "triage"


def test_a_decision_on_a_request_writes_one_access_log_entry(verified_client, centrum_team, sara_in_centrum):
    since = last_entry_id()
    verified_client.post(
        detail_url(sara_in_centrum), {"handeling": "afwijzen", "reason": "Doorverwezen naar de huisarts"}
    )
    [entry] = new_entries(since)
    assert (entry.action, entry.object_type, entry.object_id) == ("update", "intake_request", sara_in_centrum.pk)


def test_opening_the_queue_writes_one_access_log_entry(verified_client, professional, centrum_team, sara_in_centrum):
    story.request_for_help(sara_in_centrum.neighbourhood, first_name="Tweede")
    since = last_entry_id()
    verified_client.get(QUEUE_URL)
    [entry] = new_entries(since)
    assert (entry.user, entry.action, entry.object_type) == (professional, "view", "intake_queue")


def test_a_refused_request_page_writes_no_access_log_entry(noord_client, centrum_team, sara_in_centrum):
    since = last_entry_id()
    noord_client.get(detail_url(sara_in_centrum))
    assert new_entries(since) == []
