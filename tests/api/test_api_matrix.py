# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The access matrix for API clients: every household endpoint and FHIR read × every consent state of a partner's
organisation, and the own wijkteam's system; and every route of the REST API, FHIR and HSDS (tests/api/matrix_urls.py,
checked against the URL resolver) × who calls it. Personal data only where the policy's decision allows it."""

from __future__ import annotations

import datetime
import functools

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import get_resolver
from django.utils import timezone

from eenplan.access.models import AccessLogEntry
from eenplan.api.fhir import DIRECTORY_TYPES, HOUSEHOLD_TYPES
from eenplan.directory.hsds.vocabulary import organisation_uid
from eenplan.directory.models import ContactPerson, Service
from tests import access_helpers as story
from tests.api.conftest import System, system_of
from tests.api.matrix_urls import API_PREFIXES, API_URLS
from tests.url_walk import walk

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


# -- every API, FHIR and HSDS route ----------------------------------------------------------------------------------


def _api_routes() -> set[str]:
    return {
        name
        for name, pattern in walk(get_resolver().url_patterns)
        if str(pattern.pattern).lstrip("^").startswith(API_PREFIXES) or "hsds" in name
    }


def test_every_api_fhir_and_hsds_route_is_in_the_api_access_matrix():
    routes = _api_routes()
    assert "" not in routes, "every API route needs a name to be in the matrix"
    assert sorted(routes - set(API_URLS)) == [], "routes without a row in tests/api/matrix_urls.py"
    assert sorted(set(API_URLS) - routes) == [], "rows of tests/api/matrix_urls.py without a route"


def test_every_fhir_resource_type_offered_is_in_the_api_access_matrix():
    def types(name: str) -> set[str]:
        return {url.split("/")[2].split("?")[0] for url, _kind in API_URLS[name]}

    assert types("api:fhir_search") == types("api:fhir_read") == {*HOUSEHOLD_TYPES, "AuditEvent"}
    assert types("api:fhir_directory") == types("api:fhir_directory_read") == set(DIRECTORY_TYPES)


class Callers:
    """Who calls each route: nobody (no token), the own wijkteam's system, a partner under a valid consent, a partner
    without any consent (a stranger), and a system of the own wijkteam with only plans:read."""

    def __init__(self, household, debt_help) -> None:  # type: ignore[no-untyped-def]
        self.household = household
        self.debt_help = debt_help

    @functools.cached_property
    def own(self) -> System:
        return system_of(self.household.owning_team.organisation)

    @functools.cached_property
    def partner(self) -> System:
        return system_of(self.debt_help)

    @functools.cached_property
    def stranger(self) -> System:
        return system_of(story.partner_organisation("Woonstichting Anders"))

    @functools.cached_property
    def plans_only(self) -> System:
        return system_of(self.household.owning_team.organisation, ["plans:read"])


@pytest.fixture
def matrix_world(referred, household, debt_help, debt_help_services):  # type: ignore[no-untyped-def]
    """Every id the matrix's URL templates take, and the callers."""
    callers = Callers(household, debt_help)
    assert callers.own.get(f"/api/v1/households/{household.pk}/").status_code == 200  # an access-log entry
    contact = ContactPerson.objects.create(organisation=debt_help, name="Kees de Boer", email="kees@example.org")
    service = Service.objects.get(name="Schuldhulpverlening", street="Markt 1")
    plan = household.plans.get()
    ids = {
        "household": household.pk,
        "resident": household.residents.get().pk,
        "plan": plan.pk,
        "goal": plan.goals.order_by("id").first().pk,
        "referral": referred.pk,
        "consent": household.consents.get().pk,
        "organisation": debt_help.pk,
        "service": service.pk,
        "contact": contact.pk,
        "entry": AccessLogEntry.objects.filter(household_id=household.pk).latest("id").pk,
        "hsds_organization": organisation_uid(debt_help.name),
        "hsds_service": service.uid,
        "hsds_service_at_location": Client().get("/hsds/service_at_locations").json()["contents"][0]["id"],
    }
    return ids, callers


ROWS = [(name, url, kind) for name, calls in API_URLS.items() for url, kind in calls]


def _no_personal_data(response) -> None:  # type: ignore[no-untyped-def]
    assert "Vries" not in response.content.decode()


@pytest.mark.parametrize(("name", "url", "kind"), ROWS, ids=[f"{name}:{url}" for name, url, _kind in ROWS])
def test_each_api_route_answers_each_caller_as_the_matrix_says(matrix_world, name, url, kind):
    ids, callers = matrix_world
    url = url.format(**ids)
    if kind == "public":
        assert Client().get(url).status_code == 200
        return
    if kind == "token":
        assert Client().post(url, {"grant_type": "client_credentials"}).status_code == 401
        return
    if kind == "session":
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL))
        return
    if kind == "write":
        body = {"to_state": "afgerond", "text": "Klaar."}
        assert Client().post(url, body, content_type="application/json").status_code == 401
        refused = callers.stranger.post(url, body, **{"If-Match": "*"})
        assert refused.status_code in (403, 404)
        _no_personal_data(refused)
        assert callers.own.post(url, body).status_code == 428  # through the door, stopped for the missing If-Match
        return
    assert Client().get(url).status_code == 401
    if kind == "list":
        stranger = callers.stranger.get(url)
        assert stranger.status_code == 200
        _no_personal_data(stranger)
        assert callers.own.get(url).status_code == 200
    elif kind == "household":
        stranger = callers.stranger.get(url)
        assert stranger.status_code == 403
        _no_personal_data(stranger)
        assert callers.partner.get(url).status_code == 200
        assert callers.own.get(url).status_code == 200
    elif kind == "directory":
        assert callers.plans_only.get(url).status_code == 403
        assert callers.own.get(url).status_code == 200
    elif kind in ("fhir", "audit"):
        stranger = callers.stranger.get(url)
        assert stranger.status_code in (403, 404)
        assert stranger.json()["resourceType"] == "OperationOutcome"
        _no_personal_data(stranger)
        if kind == "audit":
            assert callers.plans_only.get(url).status_code == 403
        assert callers.own.get(url).status_code == 200
    else:
        pytest.fail(f"unknown kind {kind!r} in tests/api/matrix_urls.py")
