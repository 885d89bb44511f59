# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The FHIR R4 API: a CapabilityStatement at /fhir/metadata, reads (`/fhir/{type}/{id}`) and searches answered with
searchset Bundles with paging. Through the same door as the REST API (eenplan/api/door.py).

- the household's resources (Patient, CarePlan, Goal, CareTeam, Task, ServiceRequest, Consent): searched by patient,
  _id, status and _lastUpdated, each call decided for the client's organisation and logged (a refusal too);
- AuditEvent: the access-log entries about a household: with audit:read those written under the client's own
  organisation about a household it may see; with audit:all (only the wijkteam's or the municipality's privacy
  officer's system) every entry about any household, whoever looked, as their privacy officer sees on the log page;
- the sociale kaart as an IHE mCSD directory (Organization, HealthcareService, Location, Practitioner,
  PractitionerRole): no household data, scope directory:read.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any, ClassVar
from urllib.parse import urlencode

from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from eenplan.access.door import DoorKind
from eenplan.access.models import BASIS, AccessLogEntry, Consent
from eenplan.access.policy import Decision, Operation, PrivacyScope, organisation_privacy_scope, organisation_rows
from eenplan.accounts.models import Organisation, OrganisationType
from eenplan.api import fhir
from eenplan.api.door import ApiView, household_call, log_read, log_refused, row_household_id
from eenplan.api.models import Scope
from eenplan.api.oauth import api_client
from eenplan.api.views import consents_shown, household_referrals
from eenplan.directory.models import ContactPerson, Service, ServiceDomain
from eenplan.households.models import Household, Resident
from eenplan.plans.models import Action, CareTeamMember, Goal, Plan
from eenplan.referrals.models import Referral, ReferralState

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
    "AuditEvent": Scope.READ_AUDIT,
    **dict.fromkeys(fhir.DIRECTORY_TYPES, Scope.READ_DIRECTORY),
}
OBJECT_TYPES = {
    "Patient": "resident",
    "CarePlan": "plan",
    "Goal": "goal",
    "CareTeam": "care_team_member",
    "Task": "referral",
    "ServiceRequest": "referral",
    "Consent": "consent",
    "AuditEvent": "access_log",
}
# The row a read's id names, to find its household (CareTeam: the household itself).
ROW_MODELS: dict[str, Any] = {
    "Patient": Resident,
    "CarePlan": Plan,
    "Goal": Goal,
    "Task": Referral,
    "ServiceRequest": Referral,
    "Consent": Consent,
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


def _resource_id(value: str) -> int | None:
    """The id of a read (`/fhir/Goal/12`) as a row id, or None when no row can have it."""
    return int(value) if value.isdecimal() and 0 < int(value) < 2**63 else None


# -- _lastUpdated and date: ge, le, gt, lt (and eq) -----------------------------------------------------------------

Bounds = tuple[datetime.datetime | None, datetime.datetime | None]  # [from, until): the moments a search lets through


def date_bounds(request: Request, name: str) -> Bounds:
    """The moments the `name` parameters let through, each `ge`, `le`, `gt`, `lt` or `eq` (the default) with a date
    or a date and time (FHIR's search prefixes). A date stands for the whole day (in Dutch time), a moment without
    seconds for the whole minute."""
    lower: datetime.datetime | None = None
    upper: datetime.datetime | None = None
    for raw in request.query_params.getlist(name):
        prefix, value = (raw[:2], raw[2:]) if raw[:2] in ("ge", "le", "gt", "lt", "eq") else ("eq", raw)
        start, end = _moment_range(value.strip(), name)
        if prefix in ("ge", "eq"):
            lower = max(lower, start) if lower else start
        if prefix == "gt":
            lower = max(lower, end) if lower else end
        if prefix in ("le", "eq"):
            upper = min(upper, end) if upper else end
        if prefix == "lt":
            upper = min(upper, start) if upper else start
    return lower, upper


def _moment_range(value: str, name: str) -> tuple[datetime.datetime, datetime.datetime]:
    moment = parse_datetime(value) if 10 < len(value) <= 40 else None
    if moment is not None:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        precision = datetime.timedelta(seconds=1) if value.count(":") >= 2 else datetime.timedelta(minutes=1)
        return moment, moment + precision
    day = parse_date(value) if len(value) == 10 else None
    if day is None:
        raise exceptions.ValidationError(
            {name: [_("Give a date or a date and time, with ge or le before it, such as ge2026-01-31.")]}
        )
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    return start, start + datetime.timedelta(days=1)


def _within(moment: str | None, bounds: Bounds) -> bool:
    if moment is None:
        return bounds == (None, None)
    when = datetime.datetime.fromisoformat(moment)
    lower, upper = bounds
    return (lower is None or when >= lower) and (upper is None or when < upper)


def _bounded(queryset: QuerySet[Any], field: str, bounds: Bounds) -> QuerySet[Any]:
    lower, upper = bounds
    if lower is not None:
        queryset = queryset.filter(**{f"{field}__gte": lower})
    if upper is not None:
        queryset = queryset.filter(**{f"{field}__lt": upper})
    return queryset


def _last_changes(model: Any, ids: Iterable[int], by: str = "id") -> dict[int, datetime.datetime]:
    """The last change of each row, from its history (one query)."""
    rows = (
        model.history.model.objects.filter(**{f"{by}__in": sorted(set(ids))})
        .values(by)
        .annotate(last=Max("history_date"))
    )
    return {row[by]: row["last"] for row in rows}


def _with_meta(resource: dict[str, Any], last: datetime.datetime | None) -> dict[str, Any]:
    if last is not None:
        resource["meta"] = {**resource.get("meta", {}), "lastUpdated": fhir._instant(last)}
    return resource


# -- answering -----------------------------------------------------------------------------------------------------


def searchset(request: Request, resources: list[dict[str, Any]], total: int, page: int, count: int) -> Response:
    base = request.build_absolute_uri("/fhir/")
    query = [
        (key, value) for key in request.query_params for value in request.query_params.getlist(key) if key != "page"
    ]
    self_url = request.build_absolute_uri(f"{request.path}?{urlencode([*query, ('page', page)])}")
    next_url = (
        request.build_absolute_uri(f"{request.path}?{urlencode([*query, ('page', page + 1)])}")
        if page * count < total
        else None
    )
    shown = [fhir.validated(r) for r in resources]
    return Response(fhir.validated(fhir.bundle(shown, total, self_url, next_url, base)))


def paging(request: Request) -> tuple[int, int]:
    params = request.query_params
    return _number(params.get("page"), "page", 1, 10_000), _number(params.get("_count"), "_count", 50, MAX_COUNT)


class TypedView(FhirView):
    def scope_needed(self, request: Request) -> str:
        resource_type = self.kwargs.get("resource_type", "")
        if resource_type == "AuditEvent" and oversees_all(request):
            return Scope.READ_AUDIT_ALL
        return SCOPES.get(resource_type, Scope.READ_PLANS)


def oversees_all(request: Request) -> bool:
    """Does this call's token carry audit:all (every access-log entry about a household, whoever looked)?"""
    token = request.auth
    return token is not None and bool(token.allow_scopes([Scope.READ_AUDIT_ALL]))


# -- the household's resources -------------------------------------------------------------------------------------


def household_resources(
    request: Request, resource_type: str, household: Household, decision: Decision, subject: Resident
) -> list[dict[str, Any]]:
    """Every resource of this type for the household, built from rows the decision shows, with meta.lastUpdated
    where EenPlan knows it (from the rows' history, or the consent's recording and withdrawal)."""
    if resource_type == "Patient":
        residents = decision.scoped(Resident.objects.filter(pk=subject.pk)).select_related("household")
        return [fhir.patient(r) for r in residents]
    if resource_type in ("CarePlan", "Goal"):
        plan = decision.scoped(Plan.objects.filter(is_active=True)).first()
        if plan is None:
            return []
        goals = list(decision.scoped(Goal.objects.filter(plan=plan)).order_by("id"))
        if resource_type == "Goal":
            changed = _last_changes(Goal, [g.pk for g in goals])
            return [_with_meta(fhir.goal(g, subject), changed.get(g.pk)) for g in goals]
        actions = list(
            decision.scoped(Action.objects.filter(plan=plan))
            .select_related("owner_user", "owner_organisation", "owner_resident", "owner_network_member")
            .order_by("id")
        )
        moments = [
            *_last_changes(Plan, [plan.pk]).values(),
            *_last_changes(Goal, [plan.pk], by="plan_id").values(),
            *_last_changes(Action, [plan.pk], by="plan_id").values(),
        ]
        return [_with_meta(fhir.care_plan(plan, subject, goals, actions), max(moments, default=None))]
    if resource_type == "CareTeam":
        members = decision.scoped(CareTeamMember.objects.current()).select_related("user", "organisation")
        return [fhir.care_team(household, subject, list(members.order_by("since", "id")))]
    if resource_type in ("Task", "ServiceRequest"):
        referrals = list(household_referrals(decision, api_client(request).organisation_id).order_by("id"))
        changed = _last_changes(Referral, [r.pk for r in referrals])
        build = fhir.task if resource_type == "Task" else fhir.service_request
        return [_with_meta(build(r, subject), changed.get(r.pk)) for r in referrals if r.state in ReferralState.values]
    consents = consents_shown(decision, household)
    return [
        _with_meta(fhir.consent(c, subject), max(m for m in (c.recorded_at, c.withdrawn_at) if m))
        for c in consents.order_by("id")
    ]


def first_resident(decision: Decision, household: Household) -> Resident | None:
    """The subject of a household's resources when no patient was asked for: the eldest resident the decision shows."""
    return decision.scoped(Resident.objects.filter(household=household)).order_by("date_of_birth", "id").first()


class Search(TypedView):
    """GET /fhir/{type}?patient=…: the resources of that patient's household that the client's organisation may see;
    AuditEvent?patient=…: its organisation's access-log entries about that household."""

    @extend_schema(exclude=True)
    def get(self, request: Request, resource_type: str) -> Response:
        if resource_type not in fhir.HOUSEHOLD_TYPES and resource_type != "AuditEvent":
            raise exceptions.NotFound(_("This FHIR resource type is not offered here."))
        params = request.query_params
        if params.get("_lastUpdated") is not None and "_lastUpdated" not in fhir.SEARCH_PARAMS[resource_type]:
            raise exceptions.ValidationError(
                {"_lastUpdated": [_("EenPlan does not know when this kind of resource was last changed.")]}
            )
        patient_param = params.get("patient") or params.get("subject") or params.get("for")
        if patient_param is None and resource_type == "Patient" and params.get("_id"):
            patient_param = params["_id"]
        if resource_type == "AuditEvent":
            return self.audit_events(request, patient_param)
        if patient_param is None:
            raise exceptions.ValidationError({"patient": [_("Search with a patient (the resident's id).")]})
        resident_id = _reference_id(patient_param, "Patient")
        page, count = paging(request)
        last_updated = date_bounds(request, "_lastUpdated")
        client = api_client(request)
        subject = organisation_rows(client.organisation_id, Resident.objects.filter(pk=resident_id)).first()
        if subject is None:
            log_refused(
                request,
                household_id=row_household_id(Resident, resident_id),
                object_type=OBJECT_TYPES[resource_type],
                object_id=None,
            )
            raise exceptions.NotFound(_("No such patient for your organisation."))
        household, decision = household_call(request, subject.household_id, object_type=OBJECT_TYPES[resource_type])
        log_read(request, decision, household, OBJECT_TYPES[resource_type], None)
        resources = household_resources(request, resource_type, household, decision, subject)
        if params.get("_id") is not None:
            wanted = {part.strip() for part in params["_id"].split(",")}
            resources = [r for r in resources if r["id"] in wanted]
        if params.get("status") is not None:
            statuses = {part.strip() for part in params["status"].split(",")}
            resources = [r for r in resources if r.get("status") in statuses]
        if last_updated != (None, None):
            resources = [r for r in resources if _within(r.get("meta", {}).get("lastUpdated"), last_updated)]
        return searchset(request, resources[(page - 1) * count : page * count], len(resources), page, count)

    def audit_events(self, request: Request, patient_param: str | None) -> Response:
        """The access-log entries about the household of `patient` (or of `household`, its number), newest first.
        The call is decided and logged first, so its own entry is the newest."""
        params = request.query_params
        if patient_param is None and params.get("household") is None:
            raise exceptions.ValidationError(
                {"patient": [_("Search with a patient (the resident's id) or a household (its number).")]}
            )
        page, count = paging(request)
        last_updated = date_bounds(request, "_lastUpdated")
        dates = date_bounds(request, "date")
        ids = None
        if params.get("_id") is not None:
            ids = [_resource_id(part.strip()) for part in params["_id"].split(",")]
        household, scope = audit_household(request, patient_param, params.get("household"))
        entries = scope.entries(AccessLogEntry.objects.filter(household_id=household.pk))
        entries = _bounded(_bounded(entries, "timestamp", dates), "timestamp", last_updated)
        if ids is not None:
            entries = entries.filter(pk__in=[i for i in ids if i is not None])
        total = entries.count()
        rows = list(entries.select_related("user").order_by("-timestamp", "-id")[(page - 1) * count : page * count])
        return searchset(request, audit_events(rows), total, page, count)


def _household_number(value: str) -> int:
    value = value.strip().rsplit("|", 1)[-1]  # a token: `176` or `{system}|176`
    if not value.isdecimal() or not 0 < int(value) < 2**63:
        raise exceptions.ValidationError({"household": [_("Give the number of a household.")]})
    return int(value)


def audit_household(
    request: Request, patient_param: str | None, household_param: str | None
) -> tuple[Household, PrivacyScope]:
    """The household an AuditEvent search is about, decided and logged, and whose entries the client reads.

    audit:all: any household, as the privacy officer of an organisation that oversees the whole log
    (policy.decide_for_organisation with VIEW_ACCESS_LOG); every entry. audit:read: a household the organisation may
    see now, found through a resident it may see; the entries written under its own organisation."""
    client = api_client(request)
    every = oversees_all(request)
    household_id: int | None
    if household_param is not None:
        household_id = _household_number(household_param)
    else:
        assert patient_param is not None
        resident_id = _reference_id(patient_param, "Patient")
        if every:  # the privacy officer's system: any household; the door decides on it below (VIEW_ACCESS_LOG)
            household_id = row_household_id(Resident, resident_id)
        else:
            residents = organisation_rows(client.organisation_id, Resident.objects.filter(pk=resident_id))
            household_id = residents.values_list("household_id", flat=True).first()
        if household_id is None:
            log_refused(
                request, household_id=row_household_id(Resident, resident_id), object_type="access_log", object_id=None
            )
            raise exceptions.NotFound(_("No such patient for your organisation."))
    operation = Operation.VIEW_ACCESS_LOG if every else Operation.VIEW
    household, decision = household_call(request, household_id, operation, category="", object_type="access_log")
    log_read(request, decision, household, "access_log", None)
    return household, client_privacy_scope(request)


def client_privacy_scope(request: Request) -> PrivacyScope:
    """Whose entries the client reads: with audit:all what its organisation's privacy officer oversees (everything,
    for the wijkteam and the municipality); with audit:read only those written under its own organisation."""
    client = api_client(request)
    if oversees_all(request):
        return organisation_privacy_scope(client.organisation_id, client.organisation.type)
    return PrivacyScope(everything=False, organisation_ids=frozenset({client.organisation_id}))


def audit_entries(request: Request) -> QuerySet[AccessLogEntry]:
    """The access-log entries a client may read by id (the household is decided on the read). Who else looked is, for
    a client with audit:read, that organisation's, and the resident asks EenPlan itself (docs/api.md, "AuditEvent")."""
    return client_privacy_scope(request).entries(AccessLogEntry.objects.all())


def audit_events(entries: list[AccessLogEntry]) -> list[dict[str, Any]]:
    """The entries as AuditEvents, each naming the organisation its user acted for (one query for the names)."""
    ids = {e.organisation_id_at_time for e in entries if e.organisation_id_at_time}
    names = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))
    return [fhir.audit_event(e, e.user.full_name, names.get(e.organisation_id_at_time or 0, "")) for e in entries]


class Read(TypedView):
    """GET /fhir/{type}/{id}: one resource of a household the client's organisation may see (or one AuditEvent)."""

    @extend_schema(exclude=True)
    def get(self, request: Request, resource_type: str, resource_id: str) -> Response:
        if resource_type not in fhir.HOUSEHOLD_TYPES and resource_type != "AuditEvent":
            raise exceptions.NotFound(_("This FHIR resource type is not offered here."))
        object_type = OBJECT_TYPES[resource_type]
        pk = _resource_id(resource_id)
        if resource_type == "AuditEvent":
            entry = audit_entries(request).filter(pk=pk or 0).select_related("user").first()
            household_id = entry.household_id if entry else None
        elif resource_type == "CareTeam":
            household_id = pk
        else:
            household_id = row_household_id(ROW_MODELS[resource_type], pk) if pk else None
        if household_id is None or pk is None:
            log_refused(request, household_id=None, object_type=object_type, object_id=pk)
            raise exceptions.NotFound(_("No such resource for your organisation."))
        operation = (
            Operation.VIEW_ACCESS_LOG if resource_type == "AuditEvent" and oversees_all(request) else Operation.VIEW
        )
        household, decision = household_call(
            request,
            household_id,
            operation,
            category="" if resource_type == "AuditEvent" else BASIS,
            object_type=object_type,
            object_id=pk,
        )
        if resource_type == "AuditEvent":
            assert entry is not None
            log_read(request, decision, household, object_type, pk)
            return Response(fhir.validated(audit_events([entry])[0]))
        if resource_type == "Patient":
            subject = decision.scoped(Resident.objects.filter(pk=pk)).first()
        else:
            subject = first_resident(decision, household)
        found = (
            [r for r in household_resources(request, resource_type, household, decision, subject) if r["id"] == str(pk)]
            if subject is not None
            else []
        )
        if not found:
            log_refused(request, household_id=household.pk, object_type=object_type, object_id=pk)
            raise exceptions.NotFound(_("No such resource for your organisation."))
        log_read(request, decision, household, object_type, pk)
        return Response(fhir.validated(found[0]))


# -- the sociale kaart (IHE mCSD) ----------------------------------------------------------------------------------


def _services() -> QuerySet[Service]:
    return Service.objects.select_related("organisation").prefetch_related(
        Prefetch("domains", ServiceDomain.objects.order_by("code")), "neighbourhoods"
    )


def _type_label(organisation: Organisation) -> str:
    return str(OrganisationType(organisation.type).label) if organisation.type in OrganisationType.values else ""


def _reference_ids(request: Request, name: str, kind: str) -> list[int]:
    return [_reference_id(part, kind) for part in request.query_params[name].split(",")]


def directory_rows(request: Request, resource_type: str) -> tuple[QuerySet[Any], Callable[[Any], dict[str, Any]]]:
    """The rows of one mCSD type the search asks for, and how each becomes a resource."""
    params = request.query_params
    name = params.get("name", "")[:100].strip()
    if resource_type == "Organization":
        rows: QuerySet[Any] = Organisation.objects.order_by("name", "id")
        if name:
            rows = rows.filter(name__icontains=name)
        return rows, lambda o: fhir.organization(o, _type_label(o))
    if resource_type in ("HealthcareService", "Location"):
        rows = _services().order_by("name", "id")
        if resource_type == "Location":
            rows = rows.exclude(street="", postcode="", city="")
        if name:
            rows = rows.filter(name__icontains=name)
        if params.get("organization"):
            rows = rows.filter(organisation_id__in=_reference_ids(request, "organization", "Organization"))
        if resource_type == "HealthcareService" and params.get("active") in ("true", "false"):
            active = Q(status="active")
            rows = rows.filter(active) if params["active"] == "true" else rows.exclude(active)
        rows = _bounded(rows, "updated_at", date_bounds(request, "_lastUpdated"))
        return rows, fhir.healthcare_service if resource_type == "HealthcareService" else fhir.location
    rows = (
        ContactPerson.objects.select_related("organisation").prefetch_related("neighbourhoods").order_by("name", "id")
    )
    if name:
        rows = rows.filter(name__icontains=name)
    if resource_type == "PractitionerRole":
        if params.get("organization"):
            rows = rows.filter(organisation_id__in=_reference_ids(request, "organization", "Organization"))
        if params.get("service"):
            rows = rows.filter(service_id__in=_reference_ids(request, "service", "HealthcareService"))
        if params.get("practitioner"):
            rows = rows.filter(pk__in=_reference_ids(request, "practitioner", "Practitioner"))
        return rows, fhir.practitioner_role
    return rows, fhir.practitioner


class DirectorySearch(TypedView):
    """GET /fhir/{Organization|HealthcareService|Location|Practitioner|PractitionerRole}: the sociale kaart as an
    IHE mCSD directory (no resident data; no access-log entry)."""

    door_kind = DoorKind.NONE

    @extend_schema(exclude=True)
    def get(self, request: Request, resource_type: str) -> Response:
        if "_lastUpdated" in request.query_params and "_lastUpdated" not in fhir.SEARCH_PARAMS[resource_type]:
            raise exceptions.ValidationError(
                {"_lastUpdated": [_("EenPlan does not know when this kind of resource was last changed.")]}
            )
        page, count = paging(request)
        rows, build = directory_rows(request, resource_type)
        if request.query_params.get("_id") is not None:
            ids = [_resource_id(part.strip()) for part in request.query_params["_id"].split(",")]
            rows = rows.filter(pk__in=[i for i in ids if i is not None])
        total = rows.count()
        return searchset(request, [build(r) for r in rows[(page - 1) * count : page * count]], total, page, count)


class DirectoryRead(TypedView):
    door_kind = DoorKind.NONE

    @extend_schema(exclude=True)
    def get(self, request: Request, resource_type: str, resource_id: str) -> Response:
        rows, build = directory_rows(request, resource_type)
        found = rows.filter(pk=_resource_id(resource_id) or 0).first()
        if found is None:
            raise exceptions.NotFound(_("No such resource in the sociale kaart."))
        return Response(fhir.validated(build(found)))
