# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Referrals over the API follow the one state machine, with optimistic locking (ETag / If-Match)."""

from __future__ import annotations

import pytest

from eenplan.referrals.models import Referral
from tests import access_helpers as story

pytestmark = pytest.mark.django_db


@pytest.fixture
def consented(household, regisseur, debt_help, plan_with_health_goal):
    return story.grant_consent(household, debt_help, ["financien"], recorded_by=regisseur)


def _send(wijkteam_system, household, plan_with_health_goal, debt_service):
    return wijkteam_system.post(
        f"/api/v1/households/{household.pk}/referrals/",
        {
            "action": plan_with_health_goal.actions.get().pk,
            "service": debt_service.pk,
            "summary": "Schulden in beeld brengen",
            "categories": ["financien"],
            "send": True,
        },
    )


def test_the_wijkteams_system_refers_an_action_and_sends_it(
    consented, household, plan_with_health_goal, wijkteam_system, debt_service
):
    response = _send(wijkteam_system, household, plan_with_health_goal, debt_service)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "verzonden"
    assert body["shared_categories"] == ["basis", "financien"]
    assert response["ETag"]


def test_sending_without_consent_is_refused_and_saves_nothing(
    household, plan_with_health_goal, wijkteam_system, debt_service
):
    response = _send(wijkteam_system, household, plan_with_health_goal, debt_service)
    assert response.status_code == 400
    assert response.json()["errors"][0]["pointer"] == "#/send"
    assert not Referral.objects.exists()


def test_the_debt_helps_system_moves_the_referral_to_afgerond_with_an_outcome(
    consented, household, plan_with_health_goal, wijkteam_system, debt_system, debt_service
):
    referral_id = _send(wijkteam_system, household, plan_with_health_goal, debt_service).json()["id"]
    url = f"/api/v1/households/{household.pk}/referrals/{referral_id}/"
    for state, text in [
        ("ontvangen", ""),
        ("geaccepteerd", ""),
        ("in_behandeling", ""),
        ("afgerond", "Schuldregeling getroffen"),
    ]:
        read = debt_system.get(url)
        assert state in read.json()["next_states"]
        moved = debt_system.post(url + "transitions/", {"to_state": state, "text": text}, **{"If-Match": read["ETag"]})
        assert moved.status_code == 200, moved.content
    referral = Referral.objects.get(pk=referral_id)
    assert (referral.state, referral.outcome) == ("afgerond", "Schuldregeling getroffen")
    assert referral.events.count() == 6  # concept, verzonden and the four moves


def test_completing_without_an_outcome_is_refused(
    consented, household, plan_with_health_goal, wijkteam_system, debt_system, debt_service
):
    referral_id = _send(wijkteam_system, household, plan_with_health_goal, debt_service).json()["id"]
    Referral.objects.filter(pk=referral_id).update(state="in_behandeling")
    url = f"/api/v1/households/{household.pk}/referrals/{referral_id}/"
    moved = debt_system.post(
        url + "transitions/", {"to_state": "afgerond"}, **{"If-Match": debt_system.get(url)["ETag"]}
    )
    assert moved.status_code == 400
    assert Referral.objects.get(pk=referral_id).state == "in_behandeling"


def test_a_move_without_if_match_is_428(
    consented, household, plan_with_health_goal, wijkteam_system, debt_system, debt_service
):
    referral_id = _send(wijkteam_system, household, plan_with_health_goal, debt_service).json()["id"]
    url = f"/api/v1/households/{household.pk}/referrals/{referral_id}/transitions/"
    response = debt_system.post(url, {"to_state": "ontvangen"})
    assert response.status_code == 428
    assert Referral.objects.get(pk=referral_id).state == "verzonden"


def test_a_move_with_a_stale_etag_is_412_and_changes_nothing(
    consented, household, plan_with_health_goal, wijkteam_system, debt_system, debt_service
):
    referral_id = _send(wijkteam_system, household, plan_with_health_goal, debt_service).json()["id"]
    url = f"/api/v1/households/{household.pk}/referrals/{referral_id}/"
    stale = debt_system.get(url)["ETag"]
    assert debt_system.post(url + "transitions/", {"to_state": "ontvangen"}, **{"If-Match": stale}).status_code == 200
    again = debt_system.post(url + "transitions/", {"to_state": "geaccepteerd"}, **{"If-Match": stale})
    assert again.status_code == 412
    assert Referral.objects.get(pk=referral_id).state == "ontvangen"


def test_the_receiver_cannot_withdraw_what_the_referrer_sent(
    consented, household, plan_with_health_goal, wijkteam_system, debt_system, debt_service
):
    referral_id = _send(wijkteam_system, household, plan_with_health_goal, debt_service).json()["id"]
    url = f"/api/v1/households/{household.pk}/referrals/{referral_id}/"
    moved = debt_system.post(
        url + "transitions/", {"to_state": "ingetrokken", "text": "Nee"}, **{"If-Match": debt_system.get(url)["ETag"]}
    )
    assert moved.status_code == 400
    assert Referral.objects.get(pk=referral_id).state == "verzonden"


def test_the_referral_list_shows_the_inbox_of_the_receiving_organisation(
    consented, household, plan_with_health_goal, wijkteam_system, debt_system, debt_service
):
    _send(wijkteam_system, household, plan_with_health_goal, debt_service)
    inbox = debt_system.get("/api/v1/referrals/?state=verzonden").json()
    assert [r["state"] for r in inbox["results"]] == ["verzonden"]
    assert inbox["results"][0]["next_states"] == ["ontvangen"]
