# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The REST API (v1) for partners' systems: households, plans, care teams, consents, referrals and services.

Every view passes the door of eenplan/api/door.py: the access policy decides for the client's organisation and each
call writes one access-log entry. Referrals move only through eenplan.referrals.services (the one state machine).
"""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from eenplan.access.door import DoorKind
from eenplan.access.models import BASIS, Consent, InformationCategory, LogAction
from eenplan.access.policy import (
    Basis,
    Decision,
    Operation,
    organisation_households,
    organisation_is_receiver,
    organisation_is_sender,
    organisation_rows,
)
from eenplan.api import serializers as s
from eenplan.api.door import ApiView, household_call, log_list, log_read, log_refused, write_call
from eenplan.api.models import Scope
from eenplan.api.oauth import api_client
from eenplan.api.problems import PreconditionFailed, PreconditionRequired
from eenplan.directory.models import Service, ServiceStatus
from eenplan.households.models import Household, Resident
from eenplan.plans.models import Action, CareTeamMember, Goal, Plan
from eenplan.referrals import services as referral_services
from eenplan.referrals.models import Referral, ReferralState
from eenplan.referrals.states import MoveRefused, Side, next_moves

UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    OpenApiTypes.DATETIME,
    description="Only what changed at or after this moment (ISO 8601 with time zone).",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the referral as last read; 412 when it changed since, 428 when missing.",
)


class Pages(PageNumberPagination):
    page_size = settings.API_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = 200


def updated_since(request: Request) -> datetime.datetime | None:
    value = request.query_params.get("updated_since")
    if value is None:
        return None
    moment = parse_datetime(value.strip()) if len(value) <= 40 else None
    if moment is None:
        raise exceptions.ValidationError(
            {"updated_since": [_("Give a date and time in ISO 8601, such as 2025-01-31T09:00:00+01:00.")]}
        )
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, datetime.UTC)


def _history(model: Any) -> Any:
    return model.history.model


def changed_households(since: datetime.datetime) -> Q:
    """Households whose plan, goals, actions or referrals changed since then (their history rows say when)."""
    plans = _history(Plan).objects
    changed_plan_ids = _history(Goal).objects.filter(history_date__gte=since).values("plan_id")
    changed_action_plan_ids = _history(Action).objects.filter(history_date__gte=since).values("plan_id")
    return (
        Q(pk__in=plans.filter(history_date__gte=since).values("household_id"))
        | Q(pk__in=plans.filter(id__in=changed_plan_ids).values("household_id"))
        | Q(pk__in=plans.filter(id__in=changed_action_plan_ids).values("household_id"))
        | Q(pk__in=_history(Referral).objects.filter(history_date__gte=since).values("household_id"))
    )


def etag(kind: str, pk: int, version: int) -> str:
    return f'"{kind}-{pk}-v{version}"'


def check_if_match(request: Request, current: str) -> None:
    """Optimistic locking over HTTP: the write must name the version it read (RFC 9110 If-Match)."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired()
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    if "*" not in tags and current not in tags:
        raise PreconditionFailed()


class Paged(ApiView):
    def page(self, request: Request, queryset: QuerySet[Any], serializer: type[Any], **context: Any) -> Response:
        paginator = Pages()
        rows = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(serializer(rows, many=True, context=context).data)


# -- households ---------------------------------------------------------------------------------------------------


class HouseholdList(Paged):
    door_kind = DoorKind.HOUSEHOLD_LIST
    pagination_class = Pages
    required_scope = Scope.READ_PLANS

    @extend_schema(parameters=[UPDATED_SINCE], responses=s.HouseholdSummarySerializer(many=True))
    def get(self, request: Request) -> Response:
        """The households this organisation's system may see: its own wijkteam's and those with a valid consent."""
        client = api_client(request)
        since = updated_since(request)
        households = organisation_households(client.organisation_id).select_related("owning_team")
        if since is not None:
            households = households.filter(changed_households(since))
        log_list(request, "household_list")
        rows = households.order_by("id")
        paginator = Pages()
        page = paginator.paginate_queryset(rows, request, view=self) or []
        data = [
            {
                "id": h.pk,
                "basis": Basis.TEAM_TASK if h.owning_team.organisation_id == client.organisation_id else Basis.CONSENT,
            }
            for h in page
        ]
        return paginator.get_paginated_response(s.HouseholdSummarySerializer(data, many=True).data)


def _residents(decision: Decision, household: Household) -> list[Resident]:
    return list(decision.scoped(Resident.objects.filter(household=household)).order_by("date_of_birth", "id"))


class HouseholdDetail(ApiView):
    required_scope = Scope.READ_PLANS

    @extend_schema(responses=s.HouseholdSerializer)
    def get(self, request: Request, pk: int) -> Response:
        household, decision = household_call(request, pk)
        log_read(request, decision, household, "household", household.pk)
        regisseur = household.regisseur
        data = {
            "id": household.pk,
            "basis": decision.basis,
            "categories": sorted(decision.categories),
            "name": household.display_name if decision.resident_ids is None else None,
            "street": household.street,
            "house_number": household.house_number,
            "postcode": household.postcode,
            "city": household.city,
            "regisseur": regisseur.full_name if regisseur else None,
            "regisseur_email": regisseur.email if regisseur else None,
            "residents": _residents(decision, household),
        }
        response = Response(s.HouseholdSerializer(data).data)
        response["ETag"] = etag("household", household.pk, household.version)
        return response


class PlanDetail(ApiView):
    required_scope = Scope.READ_PLANS

    @extend_schema(responses=s.PlanSerializer)
    def get(self, request: Request, pk: int) -> Response:
        """The household's active plan with the goals and actions in the categories shared."""
        household, decision = household_call(request, pk, object_type="plan")
        plan = decision.scoped(Plan.objects.filter(is_active=True)).first()
        log_read(request, decision, household, "plan", plan.pk if plan else None)
        if plan is None:
            raise exceptions.NotFound(_("This household has no active plan."))
        plan.goals_shown = list(decision.scoped(Goal.objects.filter(plan=plan)).select_related("category"))  # type: ignore[attr-defined]
        plan.actions_shown = list(  # type: ignore[attr-defined]
            decision.scoped(Action.objects.filter(plan=plan)).select_related(
                "category", "owner_user", "owner_organisation", "owner_resident", "owner_network_member"
            )
        )
        response = Response(s.PlanSerializer(plan).data)
        response["ETag"] = etag("plan", plan.pk, plan.version)
        return response


class CareTeam(ApiView):
    required_scope = Scope.READ_PLANS

    @extend_schema(responses=s.CareTeamMemberSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        """The care team (*betrokkenen*) now, the regisseur first."""
        household, decision = household_call(request, pk, object_type="care_team_member")
        log_read(request, decision, household, "care_team_member", None)
        members = decision.scoped(CareTeamMember.objects.current()).select_related("user", "organisation")
        rows = [
            {
                "id": m.pk,
                "name": m.user.full_name if m.user else None,
                "organisation": m.organisation,
                "role": m.role,
                "task": m.task,
                "since": m.since,
                "until": m.until,
                "is_regisseur": m.user_id is not None and m.user_id == household.regisseur_id,
            }
            for m in members.order_by("since", "id")
        ]
        rows.sort(key=lambda row: not row["is_regisseur"])
        return Response(s.CareTeamMemberSerializer(rows, many=True).data)


def consents_shown(decision: Decision, household: Household) -> QuerySet[Consent]:
    """All consents of the household for its own wijkteam; a partner only those given to its organisation."""
    consents = Consent.objects.filter(household=household).select_related("organisation")
    if decision.basis != Basis.TEAM_TASK:
        consents = consents.filter(organisation_id=decision.organisation_id or 0)
        if decision.resident_ids is not None:
            consents = consents.filter(Q(resident__isnull=True) | Q(resident_id__in=sorted(decision.resident_ids)))
    return consents.prefetch_related(Prefetch("categories", InformationCategory.objects.order_by("position")))


class ConsentList(ApiView):
    required_scope = Scope.READ_CONSENTS

    @extend_schema(responses=s.ConsentSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        household, decision = household_call(request, pk, object_type="consent")
        log_read(request, decision, household, "consent", None)
        rows = [
            {
                "id": c.pk,
                "organisation": c.organisation,
                "resident_id": c.resident_id,
                "categories": [cat.code for cat in c.categories.all()],
                "purpose": c.purpose,
                "valid_from": c.valid_from,
                "valid_until": c.valid_until,
                "state": c.state,
            }
            for c in consents_shown(decision, household).order_by("-valid_from", "-id")
        ]
        return Response(s.ConsentSerializer(rows, many=True).data)


# -- referrals ----------------------------------------------------------------------------------------------------


def _with_details(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.select_related(
        "service", "to_organisation", "from_organisation", "household__owning_team"
    ).prefetch_related(Prefetch("shared_categories", InformationCategory.objects.order_by("position")))


def sides(organisation_id: int, referral: Referral) -> set[Side]:
    """The sides of a referral a system of this organisation is on (the policy answers both questions)."""
    found = set()
    if organisation_is_sender(organisation_id, referral.household):
        found.add(Side.REFERRER)
    if referral.state != ReferralState.CONCEPT and organisation_is_receiver(
        organisation_id, referral.household, referral.to_organisation_id
    ):
        found.add(Side.RECEIVER)
    return found


def referral_data(referral: Referral, organisation_id: int, its_sides: set[Side] | None = None) -> dict[str, Any]:
    """The referral as the API shows it, with the states this organisation's system may move it to."""
    if its_sides is None:
        its_sides = sides(organisation_id, referral)
    referral.shared_codes = [c.code for c in referral.shared_categories.all()]  # type: ignore[attr-defined]
    referral.next_states = sorted({to for side in its_sides for to in next_moves(referral.state, side)})  # type: ignore[attr-defined]
    return dict(s.ReferralSerializer(referral).data)


def listed_sides(organisation_id: int, referral: Referral) -> set[Side]:
    """The sides of a referral in a list that `organisation_rows` already let through (so the resident's consent, or
    the own task, holds): the referrer is the household's own wijkteam organisation, the receiver the addressee."""
    found = set()
    if referral.household.owning_team.organisation_id == organisation_id:
        found.add(Side.REFERRER)
    if referral.state != ReferralState.CONCEPT and referral.to_organisation_id == organisation_id:
        found.add(Side.RECEIVER)
    return found


def household_referrals(decision: Decision, organisation_id: int) -> QuerySet[Referral]:
    referrals = _with_details(decision.scoped(Referral.objects.all()))
    if not decision.may_change:  # the receiving side sees what was sent to its organisation, once sent
        referrals = referrals.filter(to_organisation_id=organisation_id).exclude(state=ReferralState.CONCEPT)
    return referrals


class ReferralList(ApiView):
    door_kind = DoorKind.HOUSEHOLD_LIST
    pagination_class = Pages
    required_scope = Scope.READ_REFERRALS

    @extend_schema(
        parameters=[
            UPDATED_SINCE,
            OpenApiParameter("state", OpenApiTypes.STR, enum=ReferralState.values, description="Only this state."),
        ],
        responses=s.ReferralSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        """Referrals sent by this organisation's wijkteam and those sent to this organisation (its inbox)."""
        client = api_client(request)
        org = client.organisation_id
        referrals = _with_details(organisation_rows(org, Referral.objects.all())).filter(
            Q(household__owning_team__organisation_id=org) | Q(to_organisation_id=org) & ~Q(state=ReferralState.CONCEPT)
        )
        state = request.query_params.get("state")
        if state is not None:
            if state not in ReferralState.values:
                raise exceptions.ValidationError({"state": [_("This is not a state a referral can have.")]})
            referrals = referrals.filter(state=state)
        since = updated_since(request)
        if since is not None:
            referrals = referrals.filter(pk__in=_history(Referral).objects.filter(history_date__gte=since).values("id"))
        log_list(request, "referral_inbox")
        paginator = Pages()
        page = paginator.paginate_queryset(referrals.order_by("-created_at", "-id"), request, view=self) or []
        return paginator.get_paginated_response([referral_data(r, org, listed_sides(org, r)) for r in page])


class HouseholdReferrals(ApiView):
    required_scopes: ClassVar[dict[str, str]] = {"GET": Scope.READ_REFERRALS, "POST": Scope.WRITE_REFERRALS}

    @extend_schema(responses=s.ReferralSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        household, decision = household_call(request, pk, object_type="referral_list")
        log_read(request, decision, household, "referral_list", None)
        org = api_client(request).organisation_id
        rows = household_referrals(decision, org).order_by("-created_at", "-id")
        return Response([referral_data(r, org, listed_sides(org, r)) for r in rows])

    @extend_schema(request=s.ReferralCreateSerializer, responses={201: s.ReferralSerializer})
    def post(self, request: Request, pk: int) -> HttpResponse:
        """Refer a plan action to a service (a draft, or sent at once with `send`); only the household's own
        wijkteam, and sending needs the resident's consent for every shared category."""
        household, decision = household_call(request, pk, Operation.CHANGE, object_type="referral")
        client = api_client(request)

        def run() -> HttpResponse:
            form = s.ReferralCreateSerializer(data=request.data)
            form.is_valid(raise_exception=True)
            values = form.validated_data
            action = decision.scoped(Action.objects.all()).filter(pk=values["action"]).first()
            if action is None:
                raise exceptions.ValidationError({"action": [_("This household's plan has no such action.")]})
            service = Service.objects.filter(pk=values["service"], status=ServiceStatus.ACTIVE).first()
            if service is None:
                raise exceptions.ValidationError({"service": [_("Choose an active service of the sociale kaart.")]})
            codes = {*values["categories"], BASIS}
            categories = list(InformationCategory.objects.filter(code__in=sorted(codes)))
            if len(categories) != len(codes):
                raise exceptions.ValidationError({"categories": [_("Unknown information category.")]})
            try:
                with transaction.atomic():
                    referral = Referral.objects.create(
                        household=household,
                        action=action,
                        service=service,
                        to_organisation=service.organisation,
                        from_user=client.user,
                        from_organisation_id=client.organisation_id,
                        summary=values["summary"],
                    )
                    referral.shared_categories.set(categories)
                    referral_services.record_created(referral, client.user)
                    if values["send"]:
                        referral_services.send(referral, client.user)
            except MoveRefused as refusal:
                raise exceptions.ValidationError({"send": [str(refusal)]}) from refusal
            created = _with_details(decision.scoped(Referral.objects.filter(pk=referral.pk))).get()
            response = Response(referral_data(created, client.organisation_id), status=status.HTTP_201_CREATED)
            response["ETag"] = etag("referral", created.pk, created.version)
            response["Location"] = f"{request.path}{created.pk}/"
            return response

        return write_call(request, run, decision, household, "referral", None, changed=LogAction.CREATE)


class ReferralDetail(ApiView):
    required_scope = Scope.READ_REFERRALS

    @extend_schema(responses=s.ReferralSerializer)
    def get(self, request: Request, pk: int, referral_pk: int) -> Response:
        household, decision = household_call(request, pk, object_type="referral", object_id=referral_pk)
        org = api_client(request).organisation_id
        referral = household_referrals(decision, org).filter(pk=referral_pk).first()
        if referral is None:
            log_refused(request, household_id=household.pk, object_type="referral", object_id=referral_pk)
            raise exceptions.NotFound(_("This household has no such referral for you."))
        log_read(request, decision, household, "referral", referral.pk)
        response = Response(referral_data(referral, org))
        response["ETag"] = etag("referral", referral.pk, referral.version)
        return response


class ReferralTransition(ApiView):
    required_scope = Scope.WRITE_REFERRALS

    @extend_schema(parameters=[IF_MATCH], request=s.TransitionSerializer, responses=s.ReferralSerializer)
    def post(self, request: Request, pk: int, referral_pk: int) -> HttpResponse:
        """Move a referral along the one state machine: receive, accept, decline (reason), start, complete
        (outcome), stop (reason) by the receiver; send or withdraw (reason) by the referrer."""
        household, decision = household_call(request, pk, object_type="referral", object_id=referral_pk)
        client = api_client(request)

        def run() -> HttpResponse:
            form = s.TransitionSerializer(data=request.data)
            form.is_valid(raise_exception=True)
            to_state, text = form.validated_data["to_state"], form.validated_data["text"]
            locked = (
                household_referrals(decision, client.organisation_id)
                .select_for_update(of=("self",))
                .filter(pk=referral_pk)
                .first()
            )
            if locked is None:
                raise exceptions.NotFound(_("This household has no such referral for you."))
            check_if_match(request, etag("referral", locked.pk, locked.version))
            its_sides = sides(client.organisation_id, locked)
            side = next((side for side in its_sides if to_state in next_moves(locked.state, side)), None)
            try:
                if side is None:
                    if not its_sides:
                        raise exceptions.PermissionDenied(_("Your organisation is on neither side of this referral."))
                    side = next(iter(its_sides))
                moved = referral_services.move(locked, to_state, client.user, side, text)
            except MoveRefused as refusal:
                raise exceptions.ValidationError({"to_state": [str(refusal)]}) from refusal
            fresh = _with_details(decision.scoped(Referral.objects.filter(pk=moved.pk))).get()
            response = Response(referral_data(fresh, client.organisation_id))
            response["ETag"] = etag("referral", fresh.pk, fresh.version)
            return response

        return write_call(request, run, decision, household, "referral", referral_pk)


# -- the sociale kaart --------------------------------------------------------------------------------------------


class ServiceList(Paged):
    door_kind = DoorKind.NONE
    pagination_class = Pages
    required_scope = Scope.READ_DIRECTORY

    @extend_schema(
        parameters=[UPDATED_SINCE, OpenApiParameter("q", OpenApiTypes.STR, description="Words in the name.")],
        responses=s.ServiceSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        """The active services of the sociale kaart (no resident data; see also the public HSDS API)."""
        services = Service.objects.filter(status=ServiceStatus.ACTIVE).select_related("organisation")
        query = request.query_params.get("q", "")[:100].strip()
        if query:
            services = services.filter(name__icontains=query)
        since = updated_since(request)
        if since is not None:
            services = services.filter(updated_at__gte=since)
        return self.page(request, services.order_by("name", "id"), s.ServiceSerializer)
