# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""FHIR R4 resources validate with fhir.resources; the HSDS 3.0 API answers in the specification's shape and its
objects validate against the official (vendored) schema."""

from __future__ import annotations

import pytest
from django.test import Client
from fhir.resources.R4B import get_fhir_model_class

from eenplan.api.fhir import BSN_SYSTEM
from eenplan.directory.hsds.schema import document_validator, response_validator
from tests import access_helpers as story

pytestmark = pytest.mark.django_db

RESOURCE_TYPES = ["Patient", "CarePlan", "Goal", "CareTeam", "Task", "ServiceRequest", "Consent"]


def _strict(resource: dict) -> None:
    """Read the resource back with fhir.resources: anything FHIR R4 does not allow raises."""
    get_fhir_model_class(resource["resourceType"]).model_validate(resource)


@pytest.mark.parametrize("resource_type", RESOURCE_TYPES)
def test_every_fhir_resource_validates_with_fhir_resources(referred, household, wijkteam_system, resource_type):
    anna = household.residents.get()
    response = wijkteam_system.get(f"/fhir/{resource_type}?patient=Patient/{anna.pk}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json") or "fhir" in response["Content-Type"]
    bundle = response.json()
    _strict(bundle)
    assert bundle["total"] >= 1
    for entry in bundle["entry"]:
        assert entry["resource"]["resourceType"] == resource_type
        _strict(entry["resource"])


def test_the_bsn_is_an_identifier_only_for_a_resident_the_consent_covers(
    household, regisseur, debt_help, plan_with_health_goal, debt_system
):
    anna = household.residents.get()
    anna.bsn = "999990019"
    anna.save()
    bram = story.factories.ResidentFactory(household=household, first_name="Bram", bsn="999990020")
    story.grant_consent(household, debt_help, ["financien"], recorded_by=regisseur, resident=anna)
    patients = debt_system.get(f"/fhir/Patient?_id={anna.pk}").json()
    assert patients["entry"][0]["resource"]["identifier"] == [{"system": BSN_SYSTEM, "value": "999990019"}]
    assert debt_system.get(f"/fhir/Patient?_id={bram.pk}").status_code == 404


def test_a_partner_without_consent_gets_no_fhir_resource(household, plan_with_health_goal, debt_system):
    anna = household.residents.get()
    response = debt_system.get(f"/fhir/CarePlan?patient={anna.pk}")
    assert response.status_code == 404
    assert response.json()["resourceType"] == "OperationOutcome"


def test_the_care_team_names_the_regisseur_as_case_manager(referred, household, regisseur, wijkteam_system):
    from eenplan.plans.models import CareTeamMember

    CareTeamMember.objects.get_or_create(
        household=household, user=regisseur, organisation=household.owning_team.organisation, role="regisseur"
    )
    anna = household.residents.get()
    team = wijkteam_system.get(f"/fhir/CareTeam?patient={anna.pk}").json()["entry"][0]["resource"]
    roles = [p["role"][0] for p in team["participant"] if p.get("member", {}).get("display") == regisseur.full_name]
    assert roles[0]["coding"][0]["display"] == "Case manager"


def test_task_search_by_status(referred, household, wijkteam_system):
    anna = household.residents.get()
    assert wijkteam_system.get(f"/fhir/Task?patient={anna.pk}&status=requested").json()["total"] == 1
    assert wijkteam_system.get(f"/fhir/Task?patient={anna.pk}&status=completed").json()["total"] == 0


def test_the_capability_statement_is_public_and_valid():
    response = Client().get("/fhir/metadata")
    assert response.status_code == 200
    _strict(response.json())
    assert response.json()["fhirVersion"] == "4.0.1"


# -- HSDS 3.0 --------------------------------------------------------------------------------------------------------

PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def test_the_hsds_api_is_public_and_says_what_it_is(debt_help_services):
    body = Client().get("/hsds/").json()
    assert body["version"] == "3.0"


def test_hsds_services_are_a_page_of_officially_valid_services(debt_help_services):
    page = Client().get("/hsds/services?per_page=1").json()
    assert set(page) == PAGE_KEYS
    assert (page["total_items"], page["total_pages"], page["size"], page["last_page"]) == (2, 2, 1, False)
    assert not list(response_validator("/services").iter_errors(page))


def test_one_hsds_service_by_id_is_officially_valid(debt_help_services):
    first = Client().get("/hsds/services").json()["contents"][0]
    one = Client().get(f"/hsds/services/{first['id']}")
    assert one.status_code == 200
    assert not list(response_validator("/services/{id}").iter_errors(one.json()))
    assert Client().get("/hsds/services/00000000-0000-0000-0000-000000000000").status_code == 404


def test_hsds_organizations_validate_against_the_official_schema(debt_help_services):
    page = Client().get("/hsds/organizations?full_service=true").json()
    assert page["total_items"] >= 1
    assert not list(document_validator().iter_errors(page))
    assert not list(response_validator("/organizations").iter_errors(page))
    one = Client().get(f"/hsds/organizations/{page['contents'][0]['id']}").json()
    assert not list(response_validator("/organizations/{id}").iter_errors(one))


@pytest.mark.parametrize("path", ["/taxonomies", "/taxonomy_terms"])
def test_hsds_taxonomies_and_terms_validate_against_the_official_schema(debt_help_services, path):
    page = Client().get(f"/hsds{path}").json()
    assert set(page) == PAGE_KEYS and page["contents"]
    assert not list(response_validator(path).iter_errors(page))


def test_a_bad_hsds_page_number_is_a_400_problem(debt_help_services):
    response = Client().get("/hsds/services?page=nul")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_the_hsds_services_page_costs_the_same_number_of_queries_for_more_services(debt_help_services, debt_help):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        Client().get("/hsds/services")
    for n in range(4):
        story.service_of(debt_help, f"Dienst {n}", domains=("financien",), phone="030 000 0000")
    with CaptureQueriesContext(connection) as many:
        Client().get("/hsds/services")
    assert len(many) == len(few)
