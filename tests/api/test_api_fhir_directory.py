# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The sociale kaart as an IHE mCSD directory in FHIR: Organization, HealthcareService, Location, Practitioner and
PractitionerRole, each valid for fhir.resources, behind the directory:read scope and without an access-log entry."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from fhir.resources.R4B import get_fhir_model_class

from eenplan.access.models import AccessLogEntry
from eenplan.directory.models import ContactPerson, Service
from tests import access_helpers as story
from tests.api.conftest import system_of

pytestmark = pytest.mark.django_db

DIRECTORY_TYPES = ["Organization", "HealthcareService", "Location", "Practitioner", "PractitionerRole"]


def _strict(resource: dict) -> None:
    get_fhir_model_class(resource["resourceType"]).model_validate(resource)


@pytest.fixture
def contact(debt_help_services, debt_help):
    service = Service.objects.get(name="Schuldhulpverlening")
    return ContactPerson.objects.create(
        organisation=debt_help, service=service, name="Sanne de Wit", role="Schuldhulpmaatje", email="s@example.nl"
    )


@pytest.fixture
def directory_system(debt_help):
    return system_of(debt_help, ["directory:read"])


@pytest.mark.parametrize("resource_type", DIRECTORY_TYPES)
def test_every_directory_resource_validates_and_is_read_by_its_id(contact, directory_system, resource_type):
    bundle = directory_system.get(f"/fhir/{resource_type}").json()
    _strict(bundle)
    assert bundle["total"] >= 1
    first = bundle["entry"][0]["resource"]
    _strict(first)
    read = directory_system.get(f"/fhir/{resource_type}/{first['id']}")
    assert read.status_code == 200
    assert read.json() == first


def test_a_service_points_to_its_organisation_and_its_location(contact, debt_help, directory_system):
    bundle = directory_system.get("/fhir/HealthcareService?name=Schuldhulp").json()
    [service] = [e["resource"] for e in bundle["entry"]]
    assert service["providedBy"]["reference"] == f"Organization/{debt_help.pk}"
    location = directory_system.get(f"/fhir/{service['location'][0]['reference']}").json()
    assert location["address"]["city"] == "Utrecht"
    assert location["managingOrganization"]["reference"] == f"Organization/{debt_help.pk}"


def test_only_services_with_an_address_are_locations(debt_help_services, directory_system):
    assert directory_system.get("/fhir/HealthcareService").json()["total"] == 2
    assert directory_system.get("/fhir/Location").json()["total"] == 1


def test_a_contact_person_is_a_practitioner_role_of_the_organisation_and_service(contact, debt_help, directory_system):
    role = directory_system.get(f"/fhir/PractitionerRole?organization=Organization/{debt_help.pk}").json()
    [found] = [e["resource"] for e in role["entry"]]
    assert found["practitioner"]["display"] == "Sanne de Wit"
    assert found["healthcareService"][0]["reference"] == f"HealthcareService/{contact.service_id}"
    assert found["code"][0]["text"] == "Schuldhulpmaatje"


def test_services_are_searched_by_last_update(debt_help_services, directory_system):
    Service.objects.filter(name="Budgetcursus").update(updated_at=timezone.now() - datetime.timedelta(days=30))
    week_ago = (timezone.now() - datetime.timedelta(days=7)).date().isoformat()
    found = directory_system.http.get("/fhir/HealthcareService", {"_lastUpdated": f"ge{week_ago}"}).json()
    assert [e["resource"]["name"] for e in found["entry"]] == ["Schuldhulpverlening"]
    older = directory_system.http.get("/fhir/HealthcareService", {"_lastUpdated": f"le{week_ago}"}).json()
    assert [e["resource"]["name"] for e in older["entry"]] == ["Budgetcursus"]


def test_the_directory_needs_the_directory_scope_and_writes_no_log_entry(debt_help_services, debt_help):
    before = AccessLogEntry.objects.count()
    assert system_of(debt_help, ["plans:read"]).get("/fhir/HealthcareService").status_code == 403
    assert system_of(debt_help, ["directory:read"]).get("/fhir/HealthcareService").status_code == 200
    assert AccessLogEntry.objects.count() == before


def test_an_unknown_directory_id_is_a_404_outcome(debt_help_services, directory_system):
    response = directory_system.get("/fhir/Organization/999999")
    assert response.status_code == 404
    assert response.json()["resourceType"] == "OperationOutcome"


def test_the_service_search_costs_the_same_number_of_queries_for_more_services(
    debt_help_services, debt_help, directory_system
):
    with CaptureQueriesContext(connection) as few:
        directory_system.get("/fhir/HealthcareService")
    for n in range(4):
        story.service_of(debt_help, f"Dienst {n}", domains=("financien",), street="Plein 2", city="Utrecht")
    with CaptureQueriesContext(connection) as many:
        directory_system.get("/fhir/HealthcareService")
    assert len(many) == len(few)
