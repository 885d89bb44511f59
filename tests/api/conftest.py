# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The cast of the API tests: a wijkteam's household with a plan (`plan_with_health_goal`, by the shared `regisseur`
of tests/cast.py), a debt-help organisation, and their systems."""

from __future__ import annotations

import base64

import pytest
from django.test import Client

from eenplan.api.clients import register_client
from eenplan.api.models import ApiClient, Scope
from tests import access_helpers as story

# Every scope any organisation's client may hold; audit:all only a wijkteam's or municipality's (see test_api_audit).
ALL_SCOPES = [scope for scope in Scope.values if scope != Scope.READ_AUDIT_ALL]


def token_for(client: ApiClient, secret: str, scope: str | None = None) -> str:
    """An access token by the client-credentials grant, as a partner's system gets one."""
    basic = base64.b64encode(f"{client.client_id}:{secret}".encode()).decode()
    data = {"grant_type": "client_credentials", **({"scope": scope} if scope else {})}
    response = Client().post("/api/oauth/token/", data, HTTP_AUTHORIZATION=f"Basic {basic}")
    assert response.status_code == 200, response.content
    return str(response.json()["access_token"])


class System:
    """An organisation's system calling the API with its token."""

    def __init__(self, client: ApiClient, secret: str) -> None:
        self.client = client
        self.secret = secret
        self.token = token_for(client, secret)
        self.http = Client(HTTP_AUTHORIZATION=f"Bearer {self.token}")

    def get(self, url: str, **headers: str):  # type: ignore[no-untyped-def]
        return self.http.get(url, headers=headers)

    def post(self, url: str, data: dict, **headers: str):  # type: ignore[no-untyped-def]
        return self.http.post(url, data, content_type="application/json", headers=headers)


def system_of(organisation, scopes: list[str] | None = None) -> System:  # type: ignore[no-untyped-def]
    client, secret = register_client("Casussysteem", organisation, scopes or ALL_SCOPES)
    return System(client, secret)


@pytest.fixture
def plan_with_health_goal(household, regisseur):
    """The plan of `household` by `regisseur` (Rik): a finances goal and action, and a health goal the debt help
    must not see."""
    plan = story.plan_with_goal_and_action(household, regisseur)
    story.add_goal(plan, "lichamelijke_gezondheid", "Weer kunnen wandelen", category_code="gezondheid")
    return plan


@pytest.fixture
def debt_help():
    return story.partner_organisation("Schuldhulp Samen")


@pytest.fixture
def debt_system(debt_help) -> System:
    return system_of(debt_help)


@pytest.fixture
def wijkteam_system(household) -> System:
    return system_of(household.owning_team.organisation)


@pytest.fixture
def debt_service(debt_help):
    return story.service_of(debt_help, "Schuldhulpverlening")


@pytest.fixture
def referred(household, regisseur, debt_help, plan_with_health_goal):
    """The debt help has the resident's consent for finances and a referral sent to it."""
    story.grant_consent(household, debt_help, ["financien"], recorded_by=regisseur)
    return story.referral_to(household, debt_help, regisseur)


@pytest.fixture
def debt_help_services(debt_help):
    """Two services of the debt help on the sociale kaart, one with an address."""
    story.service_of(
        debt_help, "Schuldhulpverlening", domains=("financien",), phone="030 123 4567", street="Markt 1", city="Utrecht"
    )
    story.service_of(debt_help, "Budgetcursus", domains=("financien",))
