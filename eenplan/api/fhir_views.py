"""The FHIR R4 API: a CapabilityStatement at /fhir/metadata and searches by patient, _id and status, answered with
searchset Bundles with paging. Through the same door as the REST API (eenplan/api/door.py)."""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import urlencode

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from eenplan.access.door import DoorKind
from eenplan.access.policy import Decision, organisation_rows
from eenplan.api import fhir
from eenplan.api.door import ApiView, household_call, log_read
from eenplan.api.models import Scope
from eenplan.api.oauth import api_client
from eenplan.api.views import consents_shown, household_referrals
from eenplan.households.models import Household, Resident
from eenplan.plans.models import Action, CareTeamMember, Goal, Plan
from eenplan.referrals.models import ReferralState

FHIR_JSON = "application/fhir+json"
MAX_COUNT = 200


class FhirRenderer(JSONRenderer):
    media_type = FHIR_JSON
    format = "fhir"


class FhirView(ApiView):
    renderer_classes = [FhirRenderer, JSONRenderer]

    def handle_exception(self, exc: Exception) -> Response:
        """Errors as an OperationOutcome, as FHIR expects (the problem's text as diagnostics)."""
        response = super().handle_exception(exc)
        data = response.data if isinstance(response.data, dict) else {}
        text = str(data.get("detail") or data.get("title") or "")
        for error in data.get("errors", []):
            text += f" {error['pointer']}: {error['detail']}"
        code = {401: "login", 403: "forbidden", 404: "not-found", 412: "conflict"}.get(response.status_code, "invalid")
        response.data = fhir.operation_outcome("error", code, text.strip())
        response.content_type = FHIR_JSON
        return response


class Metadata(FhirView):
    door_kind = DoorKind.NONE
    authentication_classes: ClassVar[list[Any]] = []
    permission_classes: ClassVar[list[Any]] = [AllowAny]

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        return Response(fhir.capability_statement(request.build_absolute_uri("/fhir/")))


SCOPES = {
    "Patient": Scope.READ_PLANS,
    "CarePlan": Scope.READ_PLANS,
    "Goal": Scope.READ_PLANS,
    "CareTeam": Scope.READ_PLANS,
    "Task": Scope.READ_REFERRALS,
    "ServiceRequest": Scope.READ_REFERRALS,
    "Consent": Scope.READ_CONSENTS,
}
OBJECT_TYPES = {
    "Patient": "resident",
    "CarePlan": "plan",
    "Goal": "goal",
    "CareTeam": "care_team_member",
    "Task": "referral",
    "ServiceRequest": "referral",
    "Consent": "consent",
}


def _number(value: str | None, name: str, default: int, largest: int) -> int:
    if value is None:
        return default
    value = value.strip()
    if not value.isdecimal() or not 0 < int(value) <= largest:
        raise exceptions.ValidationError({name: [_("Give a whole number from 1 to %(max)s.") % {"max": largest}]})
    return int(value)


def _reference_id(value: str, kind: str) -> int:
    value = value.strip().removeprefix(f"{kind}/")
    if not value.isdecimal() or not 0 < int(value) < 2**63:
        raise exceptions.ValidationError({kind.lower(): [_("Give the id of a %(kind)s.") % {"kind": kind}]})
    return int(value)


class Search(FhirView):
    """GET /fhir/{type}?patient=…: the resources of that patient's household that the client's organisation may see."""

    def scope_needed(self, request: Request) -> str:
        return SCOPES.get(self.kwargs.get("resource_type", ""), Scope.READ_PLANS)

    @extend_schema(exclude=True)
    def get(self, request: Request, resource_type: str) -> Response:
        if resource_type not in fhir.SEARCHABLE:
            raise exceptions.NotFound(_("This FHIR resource type is not offered here."))
        params = request.query_params
        patient_param = params.get("patient") or params.get("subject") or params.get("for")
        if patient_param is None and resource_type == "Patient" and params.get("_id"):
            patient_param = params["_id"]
        if patient_param is None:
            raise exceptions.ValidationError({"patient": [_("Search with a patient (the resident's id).")]})
        resident_id = _reference_id(patient_param, "Patient")
        count = _number(params.get("_count"), "_count", 50, MAX_COUNT)
        page = _number(params.get("page"), "page", 1, 10_000)
        client = api_client(request)
        subject = organisation_rows(client.organisation_id, Resident.objects.filter(pk=resident_id)).first()
        if subject is None:
            raise exceptions.NotFound(_("No such patient for your organisation."))
        household, decision = household_call(request, subject.household_id)
        log_read(request, decision, household, OBJECT_TYPES[resource_type], None)
        resources = self.resources(resource_type, household, decision, subject)
        if params.get("_id") is not None:
            wanted = {part.strip() for part in params["_id"].split(",")}
            resources = [r for r in resources if r["id"] in wanted]
        if params.get("status") is not None:
            statuses = {part.strip() for part in params["status"].split(",")}
            resources = [r for r in resources if r.get("status") in statuses]
        total = len(resources)
        shown = [fhir.validated(r) for r in resources[(page - 1) * count : page * count]]
        base = request.build_absolute_uri("/fhir/")
        query = {key: value for key, value in params.items() if key != "page"}
        self_url = request.build_absolute_uri(f"{request.path}?{urlencode({**query, 'page': page})}")
        next_url = (
            request.build_absolute_uri(f"{request.path}?{urlencode({**query, 'page': page + 1})}")
            if page * count < total
            else None
        )
        return Response(fhir.validated(fhir.bundle(shown, total, self_url, next_url, base)))

    def resources(
        self, resource_type: str, household: Household, decision: Decision, subject: Resident
    ) -> list[dict[str, Any]]:
        """Every resource of this type for the household, built from rows the decision shows."""
        if resource_type == "Patient":
            residents = decision.scoped(Resident.objects.filter(pk=subject.pk)).select_related("household")
            return [fhir.patient(r) for r in residents]
        if resource_type in ("CarePlan", "Goal"):
            plan = decision.scoped(Plan.objects.filter(is_active=True)).first()
            if plan is None:
                return []
            goals = list(decision.scoped(Goal.objects.filter(plan=plan)).order_by("id"))
            if resource_type == "Goal":
                return [fhir.goal(g, subject) for g in goals]
            actions = list(
                decision.scoped(Action.objects.filter(plan=plan))
                .select_related("owner_user", "owner_organisation", "owner_resident", "owner_network_member")
                .order_by("id")
            )
            return [fhir.care_plan(plan, subject, goals, actions)]
        if resource_type == "CareTeam":
            members = decision.scoped(CareTeamMember.objects.current()).select_related("user", "organisation")
            return [fhir.care_team(household, subject, list(members.order_by("since", "id")))]
        if resource_type in ("Task", "ServiceRequest"):
            referrals = household_referrals(decision, api_client(self.request).organisation_id).order_by("id")
            build = fhir.task if resource_type == "Task" else fhir.service_request
            return [build(r, subject) for r in referrals if r.state in ReferralState.values]
        consents = consents_shown(decision, household)
        return [fhir.consent(c, subject) for c in consents.order_by("id")]
