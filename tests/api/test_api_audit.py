# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""FHIR AuditEvent for the privacy officer's system: with audit:all (only a client of the wijkteam or the
municipality) every access-log entry about a household, whoever looked; with audit:read only the entries of the
client's own organisation; without either a 403. Each call is itself logged; every resource validates."""

from __future__ import annotations

import pytest
from django.test import Client
from fhir.resources.R4B import get_fhir_model_class

from eenplan.access.models import AccessLogEntry
from eenplan.accounts.models import OrganisationType
from eenplan.api.admin import ApiClientForm
from eenplan.api.clients import register_client
from eenplan.api.models import Scope
from tests import factories
from tests.api.conftest import System, system_of

pytestmark = pytest.mark.django_db


def _strict(resource: dict) -> None:
    get_fhir_model_class(resource["resourceType"]).model_validate(resource)


@pytest.fixture
def gemeente():
    """The municipality (Werk & Inkomen): its privacy officer oversees the whole access log."""
    return factories.OrganisationFactory(name="Gemeente Werk & Inkomen", type=OrganisationType.WERK_EN_INKOMEN)


@pytest.fixture
def privacy_system(gemeente) -> System:
    """The municipality's privacy officer's system, with audit:all."""
    return system_of(gemeente, [Scope.READ_AUDIT_ALL])


@pytest.fixture
def looked_at(referred, household, debt_system, wijkteam_system):
    """The debt help's and the wijkteam's systems each read the household's plan (two entries of two organisations)."""
    assert debt_system.get(f"/api/v1/households/{household.pk}/plan/").status_code == 200
    assert wijkteam_system.get(f"/api/v1/households/{household.pk}/plan/").status_code == 200
    return household


def _who(bundle: dict) -> set[str]:
    return {e["resource"]["agent"][0]["who"]["display"] for e in bundle.get("entry", [])}


def test_the_privacy_officers_system_sees_every_organisations_entries_about_the_household(
    looked_at, debt_system, wijkteam_system, privacy_system
):
    anna = looked_at.residents.get()
    response = privacy_system.get(f"/fhir/AuditEvent?patient={anna.pk}")
    assert response.status_code == 200, response.content
    bundle = response.json()
    _strict(bundle)
    assert {debt_system.client.user.full_name, wijkteam_system.client.user.full_name} <= _who(bundle)
    for entry in bundle["entry"]:
        _strict(entry["resource"])
        assert entry["resource"]["entity"][0]["what"]["identifier"]["value"] == str(looked_at.pk)


def test_each_audit_event_names_the_organisation_its_user_acted_for(looked_at, debt_help, privacy_system):
    bundle = privacy_system.get(f"/fhir/AuditEvent?household={looked_at.pk}").json()
    organisations = {
        e["resource"]["agent"][0]["who"]["display"]: e["resource"]["agent"][1]["who"]["display"]
        for e in bundle["entry"]
    }
    assert organisations[f"API: Casussysteem ({debt_help.name})"] == debt_help.name


def test_the_household_number_finds_the_same_entries_as_the_patient(looked_at, privacy_system):
    anna = looked_at.residents.get()
    by_patient = privacy_system.get(f"/fhir/AuditEvent?patient=Patient/{anna.pk}").json()
    by_household = privacy_system.get(f"/fhir/AuditEvent?household={looked_at.pk}").json()
    # the second search sees the first search's own entry too
    assert by_household["total"] == by_patient["total"] + 1


def test_the_privacy_officers_search_pages_with_a_next_link(looked_at, privacy_system):
    # _id fixes the entries searched (each search adds its own entry, newest first)
    ids = ",".join(
        str(pk) for pk in AccessLogEntry.objects.filter(household_id=looked_at.pk).values_list("pk", flat=True)
    )
    first = privacy_system.get(f"/fhir/AuditEvent?household={looked_at.pk}&_id={ids}&_count=1").json()
    assert len(first["entry"]) == 1 and first["total"] == len(ids.split(",")) >= 2
    next_url = next(link["url"] for link in first["link"] if link["relation"] == "next")
    second = privacy_system.get(next_url.removeprefix("http://testserver")).json()
    assert int(second["entry"][0]["resource"]["id"]) < int(first["entry"][0]["resource"]["id"])


def test_the_privacy_officers_search_is_bounded_by_date_and_last_updated(looked_at, privacy_system):
    old = privacy_system.get(f"/fhir/AuditEvent?household={looked_at.pk}&date=lt2001-01-01").json()
    assert old["total"] == 0
    recent = privacy_system.get(f"/fhir/AuditEvent?household={looked_at.pk}&_lastUpdated=ge2001-01-01").json()
    assert recent["total"] >= 3


def test_each_call_of_the_privacy_officers_system_is_logged(looked_at, gemeente, privacy_system):
    before = AccessLogEntry.objects.count()
    privacy_system.get(f"/fhir/AuditEvent?household={looked_at.pk}")
    assert AccessLogEntry.objects.count() == before + 1
    entry = AccessLogEntry.objects.latest("id")
    assert (entry.user_id, entry.organisation_id_at_time, entry.household_id, entry.object_type) == (
        privacy_system.client.user_id,
        gemeente.pk,
        looked_at.pk,
        "access_log",
    )
    assert (entry.action, entry.justification) == ("view", "privacy_officer")


def test_the_privacy_officers_system_reads_another_organisations_entry_by_its_id(
    looked_at, debt_system, privacy_system
):
    theirs = AccessLogEntry.objects.filter(user=debt_system.client.user).latest("id")
    read = privacy_system.get(f"/fhir/AuditEvent/{theirs.pk}")
    assert read.status_code == 200, read.content
    _strict(read.json())
    assert read.json()["agent"][0]["who"]["display"] == debt_system.client.user.full_name


def test_the_privacy_officers_system_gets_no_resident_data(looked_at, privacy_system):
    anna = looked_at.residents.get()
    assert privacy_system.get(f"/fhir/Patient?patient={anna.pk}").status_code == 403
    body = privacy_system.get(f"/fhir/AuditEvent?patient={anna.pk}").content.decode()
    assert "Vries" not in body and "Anna" not in body


def test_an_unknown_patient_is_a_404_and_logged_as_refused(looked_at, privacy_system):
    response = privacy_system.get("/fhir/AuditEvent?patient=987654321")
    assert response.status_code == 404
    assert response.json()["resourceType"] == "OperationOutcome"
    assert AccessLogEntry.objects.latest("id").action == "refused"


def test_a_partner_system_with_audit_read_sees_only_its_own_organisations_entries(
    looked_at, debt_help, debt_system, wijkteam_system
):
    partner_privacy = system_of(debt_help, [Scope.READ_AUDIT])
    anna = looked_at.residents.get()
    bundle = partner_privacy.get(f"/fhir/AuditEvent?patient={anna.pk}").json()
    _strict(bundle)
    assert debt_system.client.user.full_name in _who(bundle)
    assert wijkteam_system.client.user.full_name not in _who(bundle)
    theirs = AccessLogEntry.objects.filter(user=wijkteam_system.client.user).latest("id")
    assert partner_privacy.get(f"/fhir/AuditEvent/{theirs.pk}").status_code == 404


def test_a_partner_system_with_audit_read_but_no_consent_sees_no_entries(plan_with_health_goal, household, debt_help):
    partner_privacy = system_of(debt_help, [Scope.READ_AUDIT])
    anna = household.residents.get()
    assert partner_privacy.get(f"/fhir/AuditEvent?patient={anna.pk}").status_code == 404
    assert partner_privacy.get(f"/fhir/AuditEvent?household={household.pk}").status_code == 403


def test_a_client_without_an_audit_scope_gets_a_403(looked_at, gemeente):
    reader = system_of(gemeente, [Scope.READ_DIRECTORY])
    response = reader.get(f"/fhir/AuditEvent?household={looked_at.pk}")
    assert response.status_code == 403
    assert response.json()["resourceType"] == "OperationOutcome"
    assert "audit:read" in response.json()["issue"][0]["diagnostics"]


def test_audit_all_is_not_granted_to_a_partners_client(debt_help):
    with pytest.raises(ValueError, match="audit:all"):
        register_client("Privacy", debt_help, [Scope.READ_AUDIT_ALL])


def test_the_functional_administrator_cannot_grant_audit_all_to_a_partner(debt_help, gemeente):
    refused = ApiClientForm({"name": "Privacy", "organisation": debt_help.pk, "scope_choices": ["audit:all"]})
    assert not refused.is_valid()
    assert "scope_choices" in refused.errors
    allowed = ApiClientForm({"name": "Privacy", "organisation": gemeente.pk, "scope_choices": ["audit:all"]})
    assert allowed.is_valid(), allowed.errors


def test_a_partners_client_given_audit_all_behind_the_administrators_back_gets_no_such_token(looked_at, debt_help):
    partner = system_of(debt_help, [Scope.READ_AUDIT])
    partner.client.scopes = "audit:all audit:read"
    partner.client.save(update_fields=["scopes"])
    import base64

    basic = base64.b64encode(f"{partner.client.client_id}:{partner.secret}".encode()).decode()
    asked = Client().post(
        "/api/oauth/token/",
        {"grant_type": "client_credentials", "scope": "audit:all"},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert asked.status_code == 400
    default = Client().post(
        "/api/oauth/token/", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {basic}"
    )
    assert default.json()["scope"] == "audit:read"
