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
def sara(centrum):
    return story.request_for_help(centrum, first_name="Sara", last_name="Bakker")


@pytest.fixture
def noord():
    neighbourhood = factories.NeighbourhoodFactory(name="Noord", code="noord")
    factories.PostcodeRangeFactory(neighbourhood=neighbourhood, start=3551, end=3555)
    return neighbourhood


@pytest.fixture
def noord_member(noord):
    noord_team = factories.TeamFactory(name="Wijkteam Noord")
    story.serves(noord_team, noord)
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


def test_a_member_of_a_team_serving_the_wijk_sees_the_request_in_the_queue(verified_client, centrum_team, sara):
    response = verified_client.get(QUEUE_URL)
    assert response.status_code == 200
    assert listed(response) == [sara]
    assert "Sara Bakker" in response.content.decode()


def test_a_member_of_a_team_serving_the_wijk_opens_the_request(verified_client, centrum_team, sara):
    response = verified_client.get(detail_url(sara))
    assert response.status_code == 200
    assert response.context["item"] == sara


def test_a_team_leader_of_the_serving_team_may_triage(centrum_team, sara):
    leader = factories.wijkteam_member(team=centrum_team, role=Role.TEAM_LEADER)
    client = login_verified(Client(), leader)
    assert listed(client.get(QUEUE_URL)) == [sara]
    assert client.get(detail_url(sara)).status_code == 200


def test_a_member_of_a_team_serving_another_wijk_does_not_see_the_request(noord_client, centrum_team, sara):
    response = noord_client.get(QUEUE_URL)
    assert response.status_code == 200
    assert listed(response) == []
    assert "Sara Bakker" not in response.content.decode()


def test_a_member_of_a_team_serving_another_wijk_gets_403_on_the_request(noord_client, centrum_team, sara):
    response = noord_client.get(detail_url(sara))
    assert response.status_code == 403
    assert "Bakker" not in response.content.decode()


def test_a_member_of_a_team_serving_another_wijk_cannot_decide_on_the_request(noord_client, centrum_team, sara):
    response = noord_client.post(detail_url(sara), {"handeling": "afwijzen", "reason": "Niet onze wijk"})
    assert response.status_code == 403
    sara.refresh_from_db()
    assert sara.status == "nieuw"


def test_the_queue_filtered_on_a_wijk_shows_only_that_wijk(verified_client, centrum_team, sara, noord):
    story.serves(centrum_team, noord)
    in_noord = story.request_for_help(noord, first_name="Noor", postcode="3552 CD")
    assert listed(verified_client.get(QUEUE_URL, {"wijk": noord.pk})) == [in_noord]
    assert listed(verified_client.get(QUEUE_URL)) == [sara, in_noord]


def test_a_request_without_a_wijk_goes_to_every_wijkteam(verified_client, noord_client, centrum_team):
    nowhere = story.request_for_help(None, postcode="9999 ZZ")
    assert listed(verified_client.get(QUEUE_URL)) == [nowhere]
    assert listed(noord_client.get(QUEUE_URL)) == [nowhere]
    assert verified_client.get(detail_url(nowhere)).status_code == 200


def test_handled_requests_leave_the_open_queue(verified_client, centrum_team, sara):
    sara.status, sara.decline_reason = "afgewezen", "Doorverwezen naar de huisarts"
    sara.save()
    assert listed(verified_client.get(QUEUE_URL)) == []
    assert listed(verified_client.get(QUEUE_URL, {"status": "afgehandeld"})) == [sara]


def test_a_partner_professional_gets_403_on_the_queue(centrum_team, sara):
    partner = story.member_of(story.partner_organisation(), Role.PARTNER_PROFESSIONAL)
    client = login_verified(Client(), partner)
    assert client.get(QUEUE_URL).status_code == 403
    assert client.get(detail_url(sara)).status_code == 403


def test_a_volunteer_gets_403_on_the_queue(centrum_team, sara):
    client = login_verified(Client(), story.volunteer())
    assert client.get(QUEUE_URL).status_code == 403


def test_a_request_that_does_not_exist_answers_404(verified_client, centrum_team):
    assert verified_client.get("/aanmeldingen/987654/").status_code == 404


# One access log entry per triage page


def test_opening_a_request_writes_one_access_log_entry(verified_client, professional, centrum_team, sara):
    since = last_entry_id()
    verified_client.get(detail_url(sara))
    [entry] = new_entries(since)
    assert (entry.user, entry.action, entry.object_type, entry.object_id) == (
        professional,
        "view",
        "intake_request",
        sara.pk,
    )
    assert entry.justification == "triage"


def test_a_decision_on_a_request_writes_one_access_log_entry(verified_client, centrum_team, sara):
    since = last_entry_id()
    verified_client.post(detail_url(sara), {"handeling": "afwijzen", "reason": "Doorverwezen naar de huisarts"})
    [entry] = new_entries(since)
    assert (entry.action, entry.object_type, entry.object_id) == ("update", "intake_request", sara.pk)


def test_opening_the_queue_writes_one_access_log_entry(verified_client, professional, centrum_team, sara):
    story.request_for_help(sara.neighbourhood, first_name="Tweede")
    since = last_entry_id()
    verified_client.get(QUEUE_URL)
    [entry] = new_entries(since)
    assert (entry.user, entry.action, entry.object_type) == (professional, "view", "intake_queue")


def test_a_refused_request_page_writes_no_access_log_entry(noord_client, centrum_team, sara):
    since = last_entry_id()
    noord_client.get(detail_url(sara))
    assert new_entries(since) == []
