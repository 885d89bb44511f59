# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""FHIR reads of one resource, _lastUpdated searches, and AuditEvent for the privacy officer's system: through the
same door (a refusal is logged), and every resource valid for fhir.resources."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from fhir.resources.R4B import get_fhir_model_class

from eenplan.access.models import AccessLogEntry
from eenplan.api.fhir import SEARCHABLE
from eenplan.plans.models import Goal
from tests.api.conftest import system_of

pytestmark = pytest.mark.django_db


def _strict(resource: dict) -> None:
    get_fhir_model_class(resource["resourceType"]).model_validate(resource)


def _ids(household, referral) -> dict[str, int]:
    plan = household.plans.get()
    return {
        "Patient": household.residents.get().pk,
        "CarePlan": plan.pk,
        "Goal": plan.goals.order_by("id").first().pk,
        "CareTeam": household.pk,
        "Task": referral.pk,
        "ServiceRequest": referral.pk,
        "Consent": household.consents.get().pk,
    }


@pytest.mark.parametrize(
    "resource_type", ["Patient", "CarePlan", "Goal", "CareTeam", "Task", "ServiceRequest", "Consent"]
)
def test_one_resource_is_read_by_its_id_and_validates(referred, household, wijkteam_system, resource_type):
    pk = _ids(household, referred)[resource_type]
    response = wijkteam_system.get(f"/fhir/{resource_type}/{pk}")
    assert response.status_code == 200, response.content
    assert (response.json()["resourceType"], response.json()["id"]) == (resource_type, str(pk))
    _strict(response.json())


def test_a_read_writes_one_view_entry_for_that_object(referred, household, wijkteam_system):
    before = AccessLogEntry.objects.count()
    wijkteam_system.get(f"/fhir/Task/{referred.pk}")
    assert AccessLogEntry.objects.count() == before + 1
    entry = AccessLogEntry.objects.latest("id")
    assert (entry.action, entry.object_type, entry.object_id, entry.household_id) == (
        "view",
        "referral",
        referred.pk,
        household.pk,
    )


def test_a_goal_outside_the_consented_categories_is_not_found_and_logged_as_refused(referred, household, debt_system):
    health = Goal.objects.get(plan__household=household, category__code="gezondheid")
    finances = Goal.objects.get(plan__household=household, category__code="financien")
    assert debt_system.get(f"/fhir/Goal/{finances.pk}").status_code == 200
    response = debt_system.get(f"/fhir/Goal/{health.pk}")
    assert response.status_code == 404
    assert "wandelen" not in response.content.decode()
    entry = AccessLogEntry.objects.latest("id")
    assert (entry.action, entry.object_type, entry.object_id) == ("refused", "goal", health.pk)


def test_a_read_without_consent_is_refused_and_names_the_client(
    plan_with_health_goal, household, debt_help, debt_system
):
    response = debt_system.get(f"/fhir/CarePlan/{plan_with_health_goal.pk}")
    assert response.status_code == 403
    assert response.json()["resourceType"] == "OperationOutcome"
    entry = AccessLogEntry.objects.latest("id")
    assert (entry.action, entry.user_id, entry.organisation_id_at_time) == (
        "refused",
        debt_system.client.user_id,
        debt_help.pk,
    )


def test_a_read_of_an_unknown_id_is_a_404_outcome(wijkteam_system):
    response = wijkteam_system.get("/fhir/Task/987654")
    assert response.status_code == 404
    assert response.json()["issue"][0]["code"] == "not-found"


def _total(system, resource_type: str, **params) -> int:  # type: ignore[no-untyped-def]
    return int(system.http.get(f"/fhir/{resource_type}", params).json()["total"])


def test_last_updated_ge_and_le_select_by_the_last_change(referred, household, wijkteam_system):
    anna = household.residents.get()
    after = (timezone.now() + datetime.timedelta(minutes=5)).isoformat()
    before = (timezone.now() - datetime.timedelta(minutes=5)).isoformat()
    assert _total(wijkteam_system, "Task", patient=anna.pk, _lastUpdated=f"ge{before}") == 1
    assert _total(wijkteam_system, "Task", patient=anna.pk, _lastUpdated=f"ge{after}") == 0
    assert _total(wijkteam_system, "Task", patient=anna.pk, _lastUpdated=f"le{before}") == 0
    assert _total(wijkteam_system, "Task", patient=anna.pk, _lastUpdated=[f"ge{before}", f"le{after}"]) == 1


def test_a_found_resource_says_when_it_last_changed(referred, household, wijkteam_system):
    task = wijkteam_system.get(f"/fhir/Task/{referred.pk}").json()
    assert datetime.datetime.fromisoformat(task["meta"]["lastUpdated"]) <= timezone.now()


def test_last_updated_takes_a_date_for_the_whole_day(referred, household, wijkteam_system):
    anna = household.residents.get()
    today = timezone.localdate().isoformat()
    assert wijkteam_system.http.get("/fhir/Goal", {"patient": anna.pk, "_lastUpdated": today}).json()["total"] == 2


def test_a_bad_last_updated_is_a_400(referred, household, wijkteam_system):
    anna = household.residents.get()
    response = wijkteam_system.http.get("/fhir/Task", {"patient": anna.pk, "_lastUpdated": "gisteren"})
    assert response.status_code == 400
    assert response.json()["resourceType"] == "OperationOutcome"


def test_the_capability_statement_offers_read_and_the_last_updated_parameter():
    statement = Client().get("/fhir/metadata").json()
    _strict(statement)
    resources = {r["type"]: r for r in statement["rest"][0]["resource"]}
    assert set(resources) == set(SEARCHABLE)
    assert {"code": "read"} in resources["Goal"]["interaction"]
    assert "_lastUpdated" in [p["name"] for p in resources["Task"]["searchParam"]]
    assert "_lastUpdated" not in [p["name"] for p in resources["CareTeam"]["searchParam"]]


# -- AuditEvent ---------------------------------------------------------------------------------------------------


@pytest.fixture
def audit_system(household):
    """The wijkteam organisation's privacy officer's system."""
    return system_of(household.owning_team.organisation, ["audit:read"])


def test_audit_events_are_the_organisations_own_entries_about_the_household(
    referred, household, regisseur, debt_system, wijkteam_system, audit_system
):
    anna = household.residents.get()
    debt_system.get(f"/api/v1/households/{household.pk}/plan/")  # the debt help's read: not the wijkteam's entry
    wijkteam_system.get(f"/api/v1/households/{household.pk}/plan/")
    bundle = audit_system.get(f"/fhir/AuditEvent?patient={anna.pk}").json()
    _strict(bundle)
    users = {e["resource"]["agent"][0]["who"]["display"] for e in bundle["entry"]}
    assert wijkteam_system.client.user.full_name in users
    assert debt_system.client.user.full_name not in users
    for entry in bundle["entry"]:
        _strict(entry["resource"])
        assert entry["resource"]["entity"][0]["what"]["identifier"]["value"] == str(household.pk)


def test_an_audit_event_is_read_by_its_id_and_only_by_its_own_organisation(
    referred, household, debt_help, debt_system, wijkteam_system, audit_system
):
    wijkteam_system.get(f"/api/v1/households/{household.pk}/plan/")
    own = AccessLogEntry.objects.latest("id")
    debt_system.get(f"/api/v1/households/{household.pk}/plan/")
    theirs = AccessLogEntry.objects.latest("id")
    read = audit_system.get(f"/fhir/AuditEvent/{own.pk}")
    assert read.status_code == 200
    assert read.json()["action"] == "R"
    _strict(read.json())
    assert audit_system.get(f"/fhir/AuditEvent/{theirs.pk}").status_code == 404


def test_audit_events_need_the_audit_scope(referred, household, wijkteam_system, debt_help):
    anna = household.residents.get()
    reader = system_of(debt_help, ["plans:read"])
    assert reader.get(f"/fhir/AuditEvent?patient={anna.pk}").status_code == 403


def test_a_refusal_is_an_audit_event_with_a_failed_outcome(
    plan_with_health_goal, household, wijkteam_system, audit_system
):
    moved = wijkteam_system.post(
        f"/api/v1/households/{household.pk}/referrals/987654/transitions/",
        {"to_state": "ontvangen"},
        **{"If-Match": "*"},
    )
    assert moved.status_code == 404
    anna = household.residents.get()
    events = [e["resource"] for e in audit_system.get(f"/fhir/AuditEvent?patient={anna.pk}").json()["entry"]]
    refused = [e for e in events if e["outcome"] == "4"]
    assert [e["subtype"][0]["code"] for e in refused] == ["refused"]
    assert "action" not in refused[0]
