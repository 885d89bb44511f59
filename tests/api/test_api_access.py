# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The API goes through the same door as the pages: consent per category, one organisation per token, one log entry
per call naming the client's account and its organisation."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import AccessToken

from eenplan.access.models import AccessLogEntry
from eenplan.access.policy import API_CLIENT_ROLE
from eenplan.api.clients import revoke_client
from tests import access_helpers as story
from tests.api.conftest import System, system_of, token_for

pytestmark = pytest.mark.django_db


def test_a_partner_system_without_consent_finds_no_household(plan_with_health_goal, household, debt_system):
    listed = debt_system.get("/api/v1/households/")
    assert listed.status_code == 200
    assert listed.json()["results"] == []


@pytest.mark.parametrize("path", ["", "plan/", "care-team/", "consents/", "referrals/"])
def test_a_partner_system_without_consent_gets_no_personal_data(plan_with_health_goal, household, debt_system, path):
    response = debt_system.get(f"/api/v1/households/{household.pk}/{path}")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "Vries" not in response.content.decode()
    assert "rust over geld" not in response.content.decode()


def test_a_partner_system_sees_only_the_consented_categories_of_the_plan(
    plan_with_health_goal, household, regisseur, debt_help, debt_system
):
    story.grant_consent(household, debt_help, ["financien"], recorded_by=regisseur)
    body = debt_system.get(f"/api/v1/households/{household.pk}/plan/").json()
    assert [goal["resident_words"] for goal in body["goals"]] == ["Ik wil rust over geld"]
    assert [action["category"] for action in body["actions"]] == ["financien"]


def test_a_withdrawn_consent_ends_the_systems_access_on_the_next_call(
    plan_with_health_goal, household, regisseur, debt_help, debt_system
):
    consent = story.grant_consent(household, debt_help, ["financien"], recorded_by=regisseur)
    assert debt_system.get(f"/api/v1/households/{household.pk}/plan/").status_code == 200
    story.withdraw(consent, regisseur)
    assert debt_system.get(f"/api/v1/households/{household.pk}/plan/").status_code == 403


def test_a_consent_for_one_resident_shows_that_resident_only(
    plan_with_health_goal, household, regisseur, debt_help, debt_system
):
    anna = household.residents.get()
    story.factories.ResidentFactory(household=household, first_name="Bram", last_name="Vries")
    story.grant_consent(household, debt_help, ["financien"], recorded_by=regisseur, resident=anna)
    body = debt_system.get(f"/api/v1/households/{household.pk}/").json()
    assert [r["first_name"] for r in body["residents"]] == ["Anna"]
    assert body["name"] is None


def test_the_own_wijkteams_system_sees_every_category(plan_with_health_goal, household, wijkteam_system):
    body = wijkteam_system.get(f"/api/v1/households/{household.pk}/plan/").json()
    assert len(body["goals"]) == 2


def test_each_call_writes_one_log_entry_naming_the_client_and_its_organisation(
    plan_with_health_goal, household, regisseur, debt_help, debt_system
):
    story.grant_consent(household, debt_help, ["financien"], recorded_by=regisseur)
    before = AccessLogEntry.objects.count()
    debt_system.get(f"/api/v1/households/{household.pk}/plan/")
    entries = list(AccessLogEntry.objects.filter(pk__gt=0).order_by("-id")[: AccessLogEntry.objects.count() - before])
    assert len(entries) == 1
    entry = entries[0]
    assert entry.user_id == debt_system.client.user_id
    assert entry.role == API_CLIENT_ROLE
    assert entry.organisation_id_at_time == debt_help.pk
    assert entry.household_id == household.pk
    assert entry.justification == "consent"


def test_the_clients_account_cannot_sign_in_to_the_pages(debt_system):
    assert not debt_system.client.user.is_active
    assert not debt_system.client.user.has_usable_password()


def test_a_token_of_organisation_a_cannot_move_a_referral_sent_to_b(
    plan_with_health_goal, household, regisseur, debt_help
):
    other = story.partner_organisation("Schuldhulp Anders")
    story.grant_consent(household, debt_help, ["financien"], recorded_by=regisseur)
    story.grant_consent(household, other, ["financien"], recorded_by=regisseur)
    referral = story.referral_to(household, other, regisseur)
    a_system = system_of(debt_help)
    url = f"/api/v1/households/{household.pk}/referrals/{referral.pk}/"
    assert a_system.get(url).status_code == 404
    moved = a_system.post(url + "transitions/", {"to_state": "ontvangen"}, **{"If-Match": "*"})
    assert moved.status_code == 404
    referral.refresh_from_db()
    assert referral.state == "verzonden"


def test_a_partner_system_cannot_change_the_household(
    plan_with_health_goal, household, regisseur, debt_help, debt_system, debt_service
):
    story.grant_consent(household, debt_help, ["financien"], recorded_by=regisseur)
    action = plan_with_health_goal.actions.get()
    response = debt_system.post(
        f"/api/v1/households/{household.pk}/referrals/",
        {"action": action.pk, "service": debt_service.pk, "summary": "Zelf doorverwijzen"},
    )
    assert response.status_code == 403


def test_a_call_without_a_token_is_refused(household):
    response = Client().get("/api/v1/households/")
    assert response.status_code == 401
    assert response.json()["status"] == 401


def test_an_expired_token_is_refused(debt_system):
    checksum = hashlib.sha256(debt_system.token.encode()).hexdigest()
    AccessToken.objects.filter(token_checksum=checksum).update(expires=timezone.now() - datetime.timedelta(seconds=1))
    assert debt_system.get("/api/v1/households/").status_code == 401


def test_a_revoked_client_can_neither_call_nor_get_a_new_token(debt_system):
    revoke_client(debt_system.client)
    assert debt_system.get("/api/v1/households/").status_code == 401
    basic_refused = Client().post(
        "/api/oauth/token/",
        {
            "grant_type": "client_credentials",
            "client_id": debt_system.client.client_id,
            "client_secret": debt_system.secret,
        },
    )
    assert basic_refused.status_code == 401


def test_a_token_carries_no_scope_the_client_was_not_granted(debt_help):
    system = system_of(debt_help, ["directory:read"])
    assert system.get("/api/v1/households/").status_code == 403
    assert system.get("/api/v1/services/").status_code == 200
    with pytest.raises(AssertionError):
        token_for(system.client, system.secret, scope="plans:read")


def test_errors_are_problem_details_in_dutch_by_default_and_in_english_on_request(household):
    dutch = Client().get("/api/v1/households/")
    english = Client().get("/api/v1/households/", headers={"Accept-Language": "en"})
    assert dutch["Content-Type"] == english["Content-Type"] == "application/problem+json"
    assert english.json()["title"] == "Not authenticated"
    assert english.json()["detail"] == "Authentication credentials were not provided."
    assert dutch.json()["detail"] != english.json()["detail"]
    assert {"type", "title", "status", "detail", "instance"} <= set(dutch.json())


def test_bad_updated_since_is_a_400_problem_saying_where(debt_system):
    response = debt_system.get("/api/v1/households/?updated_since=gisteren")
    assert response.status_code == 400
    assert response.json()["errors"][0]["pointer"] == "#/updated_since"


def test_updated_since_lists_only_households_changed_since(plan_with_health_goal, household, wijkteam_system):
    later = (timezone.now() + datetime.timedelta(minutes=5)).isoformat()
    earlier = (timezone.now() - datetime.timedelta(minutes=5)).isoformat()
    assert wijkteam_system.http.get("/api/v1/households/", {"updated_since": later}).json()["results"] == []
    listed = wijkteam_system.http.get("/api/v1/households/", {"updated_since": earlier}).json()["results"]
    assert [h["id"] for h in listed] == [household.pk]


def test_the_household_list_costs_the_same_number_of_queries_for_more_households(
    django_assert_max_num_queries, plan_with_health_goal, household, wijkteam_system: System
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        wijkteam_system.get("/api/v1/households/")
    for _ in range(5):
        story.factories.HouseholdFactory(owning_team=household.owning_team)
    with CaptureQueriesContext(connection) as many:
        wijkteam_system.get("/api/v1/households/")
    assert len(many) == len(few)


def _refusals() -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(action="refused").order_by("id"))


def test_a_token_of_another_organisation_reading_a_household_writes_one_refused_entry_naming_the_client(
    plan_with_health_goal, household, debt_help, debt_system
):
    before = AccessLogEntry.objects.count()
    assert debt_system.get(f"/api/v1/households/{household.pk}/").status_code == 403
    assert AccessLogEntry.objects.count() == before + 1
    [entry] = _refusals()
    assert entry.user_id == debt_system.client.user_id
    assert entry.role == API_CLIENT_ROLE
    assert entry.organisation_id_at_time == debt_help.pk
    assert entry.household_id == household.pk
    assert entry.justification == "none"
    assert (entry.object_type, entry.object_id) == ("household", household.pk)


def test_an_unknown_household_is_logged_as_a_refusal_without_a_household(debt_system):
    assert debt_system.get("/api/v1/households/999999/plan/").status_code == 404
    [entry] = _refusals()
    assert entry.household_id is None
    assert entry.object_type == "plan"


def test_a_referral_of_another_organisation_is_one_refused_entry_for_a_read_and_for_a_move(
    plan_with_health_goal, household, regisseur, debt_help
):
    other = story.partner_organisation("Schuldhulp Anders")
    story.grant_consent(household, debt_help, ["financien"], recorded_by=regisseur)
    referral = story.referral_to(household, other, regisseur)
    a_system = system_of(debt_help)
    url = f"/api/v1/households/{household.pk}/referrals/{referral.pk}/"
    before = AccessLogEntry.objects.count()
    a_system.get(url)
    a_system.post(url + "transitions/", {"to_state": "ontvangen"}, **{"If-Match": "*"})
    assert AccessLogEntry.objects.count() == before + 2
    assert [(e.action, e.object_type, e.object_id) for e in _refusals()] == [("refused", "referral", referral.pk)] * 2


def test_a_partner_system_making_a_referral_is_one_refused_entry(
    plan_with_health_goal, household, regisseur, debt_help, debt_system, debt_service
):
    story.grant_consent(household, debt_help, ["financien"], recorded_by=regisseur)
    before = AccessLogEntry.objects.count()
    debt_system.post(
        f"/api/v1/households/{household.pk}/referrals/",
        {"action": plan_with_health_goal.actions.get().pk, "service": debt_service.pk, "summary": "Zelf doorverwijzen"},
    )
    assert AccessLogEntry.objects.count() == before + 1
    assert [e.object_type for e in _refusals()] == ["referral"]


def test_an_invalid_move_is_still_one_entry_and_changes_nothing(plan_with_health_goal, household, regisseur, debt_help):
    story.grant_consent(household, debt_help, ["financien"], recorded_by=regisseur)
    referral = story.referral_to(household, debt_help, regisseur)
    system = system_of(debt_help)
    before = AccessLogEntry.objects.count()
    url = f"/api/v1/households/{household.pk}/referrals/{referral.pk}/transitions/"
    assert system.post(url, {"to_state": "afgerond"}, **{"If-Match": "*"}).status_code == 400
    assert AccessLogEntry.objects.count() == before + 1
    assert AccessLogEntry.objects.latest("id").action == "view"
