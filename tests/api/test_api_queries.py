# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The API's calls ask as many database queries for a plan with many goals, actions, referrals and consents as for a
plan with one of each (no query per row)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eenplan.plans.models import OwnerKind
from eenplan.referrals.models import Referral, ReferralState
from tests import access_helpers as story
from tests import factories
from tests.api.conftest import System

pytestmark = pytest.mark.django_db


def queries_of(system: System, url: str) -> int:
    """The queries of a second call (the first may fill caches: translations, content types, the token)."""
    system.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = system.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


def grow(household, plan, regisseur, debt_help, times: int) -> None:
    """More of everything a plan call shows: goals with actions of several kinds of owner, referrals, consents."""
    for number in range(times):
        goal = story.add_goal(plan, "financien", f"Doel {number}")
        story.add_action(plan, f"Actie {number}", owner=regisseur, goal=goal)
        story.add_action(plan, f"Actie van de organisatie {number}", owner=regisseur, goal=goal)
        plan.actions.filter(description=f"Actie van de organisatie {number}").update(
            owner_kind=OwnerKind.ORGANISATION, owner_user=None, owner_organisation=debt_help
        )
        service = story.service_of(debt_help, f"Dienst {number}")
        sent = story.draft_referral(household, service, regisseur)
        Referral.objects.filter(pk=sent.pk).update(state=ReferralState.VERZONDEN)
        story.grant_consent(household, debt_help, ["financien"], recorded_by=regisseur)
        factories.ResidentFactory(household=household)


@pytest.fixture
def shared(household, regisseur, debt_help, plan_with_health_goal):
    """The debt help has the resident's consent for finances and a referral sent to it."""
    story.grant_consent(household, debt_help, ["financien"], recorded_by=regisseur)
    story.referral_to(household, debt_help, regisseur)
    return plan_with_health_goal


CALLS = [
    "/api/v1/households/",
    "/api/v1/households/{h}/",
    "/api/v1/households/{h}/plan/",
    "/api/v1/households/{h}/care-team/",
    "/api/v1/households/{h}/consents/",
    "/api/v1/households/{h}/referrals/",
    "/api/v1/referrals/",
    "/api/v1/services/",
    "/fhir/Patient?patient={r}",
    "/fhir/CarePlan?patient={r}",
    "/fhir/Goal?patient={r}",
    "/fhir/Task?patient={r}",
    "/fhir/ServiceRequest?patient={r}",
    "/fhir/CareTeam?patient={r}",
    "/fhir/Consent?patient={r}",
    "/fhir/HealthcareService",
    "/fhir/Organization",
]


@pytest.mark.parametrize("who", ["wijkteam_system", "debt_system"])
@pytest.mark.parametrize("call", CALLS)
def test_a_call_asks_as_many_queries_for_many_rows_as_for_one(
    request, who, call, shared, household, regisseur, debt_help
):
    system = request.getfixturevalue(who)
    resident = household.residents.order_by("date_of_birth", "id").first()
    url = call.format(h=household.pk, r=resident.pk)
    few = queries_of(system, url)
    grow(household, shared, regisseur, debt_help, 6)
    assert queries_of(system, url) == few
