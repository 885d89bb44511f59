# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The access matrix for API clients: every household endpoint and FHIR read × every consent state of a partner's
organisation, and the own wijkteam's system. Personal data only where the policy's decision allows it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests import access_helpers as story
from tests.api.conftest import system_of

pytestmark = pytest.mark.django_db

ENDPOINTS = ["", "plan/", "care-team/", "consents/", "referrals/"]
TODAY = timezone.localdate


def _consent_state(state, household, organisation, regisseur):  # type: ignore[no-untyped-def]
    day = datetime.timedelta(days=1)
    if state == "none":
        return
    if state == "valid":
        story.grant_consent(household, organisation, ["financien"], recorded_by=regisseur)
    elif state == "withdrawn":
        story.withdraw(story.grant_consent(household, organisation, ["financien"], recorded_by=regisseur), regisseur)
    elif state == "expired":
        story.grant_consent(
            household,
            organisation,
            ["financien"],
            recorded_by=regisseur,
            valid_from=TODAY() - 10 * day,
            valid_until=TODAY() - day,
        )
    elif state == "future":
        story.grant_consent(household, organisation, ["financien"], recorded_by=regisseur, valid_from=TODAY() + day)
    elif state == "other_organisation":
        story.grant_consent(household, story.partner_organisation("Anders"), ["financien"], recorded_by=regisseur)


@pytest.mark.parametrize("state", ["none", "valid", "withdrawn", "expired", "future", "other_organisation"])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_partner_system_sees_a_household_only_under_a_valid_consent(
    plan_with_health_goal, household, regisseur, debt_help, state, endpoint
):
    _consent_state(state, household, debt_help, regisseur)
    response = system_of(debt_help).get(f"/api/v1/households/{household.pk}/{endpoint}")
    if state == "valid":
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert "Vries" not in response.content.decode()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_own_wijkteams_system_sees_every_household_endpoint(plan_with_health_goal, household, endpoint):
    assert (
        system_of(household.owning_team.organisation).get(f"/api/v1/households/{household.pk}/{endpoint}").status_code
        == 200
    )


FHIR_READS = ["Patient", "CarePlan", "CareTeam"]


def _fhir_id(resource_type: str, household) -> int:  # type: ignore[no-untyped-def]
    return {
        "Patient": household.residents.get().pk,
        "CarePlan": household.plans.get().pk,
        "CareTeam": household.pk,
    }[resource_type]


@pytest.mark.parametrize("state", ["none", "valid", "withdrawn", "expired", "future", "other_organisation"])
@pytest.mark.parametrize("resource_type", FHIR_READS)
def test_a_partner_system_reads_a_fhir_resource_only_under_a_valid_consent(
    plan_with_health_goal, household, regisseur, debt_help, state, resource_type
):
    _consent_state(state, household, debt_help, regisseur)
    response = system_of(debt_help).get(f"/fhir/{resource_type}/{_fhir_id(resource_type, household)}")
    if state == "valid":
        assert response.status_code == 200
    else:
        assert response.status_code in (403, 404)
        assert response.json()["resourceType"] == "OperationOutcome"
        assert "Vries" not in response.content.decode()
