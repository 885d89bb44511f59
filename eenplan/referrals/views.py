# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Referral pages: refer from an action, the household's referrals, the receiving organisation's inbox,
one referral with its moves, and the figures per service and organisation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import BooleanField, Case, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from eenplan.access import log
from eenplan.access.door import DoorKind, assigned_row_view, declare, household_view, no_household_data
from eenplan.access.models import LogAction
from eenplan.access.policy import (
    RECEIVER_ROLES,
    Decision,
    Operation,
    acting_membership,
    decide,
    is_receiver,
    is_sender,
    receiving_organisation_ids,
    visible_rows,
)
from eenplan.accounts.models import User
from eenplan.directory.models import Service
from eenplan.directory.search import search_services
from eenplan.households.models import Household
from eenplan.lib.disclosure import threshold
from eenplan.lib.requests import authenticated_user
from eenplan.plans.models import Action
from eenplan.referrals import figures as figures_of
from eenplan.referrals import services as referral_services
from eenplan.referrals.forms import MoveForm, ReferralForm
from eenplan.referrals.models import OPEN_STATES, Referral, ReferralState
from eenplan.referrals.states import MoveRefused, Side, next_moves
from eenplan.referrals.summary import withheld_categories


def sides_of(user: User, referral: Referral) -> set[Side]:
    """The referrer's side is the household's own team (or regisseur); the receiver's side is the receiving
    organisation, while the resident's consent lets it see the household (emergency access gives no side).
    Both questions are the policy's (access.policy.is_sender, is_receiver)."""
    sides = set()
    if is_sender(user, referral.household):
        sides.add(Side.REFERRER)
    if referral.state != ReferralState.CONCEPT and is_receiver(user, referral.household, referral.to_organisation_id):
        sides.add(Side.RECEIVER)
    return sides


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="referral", object_kwarg="action_pk")
def refer(request: HttpRequest, household: Household, decision: Decision, action_pk: int) -> HttpResponse:
    """Refer a plan action to a service. Sending checks the resident's consent per shared category."""
    action = get_object_or_404(decision.scoped(Action.objects.select_related("goal", "category")), pk=action_pk)
    query = request.GET.get("q", "")[:100]
    domain = request.GET.get("leefgebied", action.goal.domain if action.goal else "")
    services = list(wijk_first(search_services(query, domain=domain), household.neighbourhood_id)[:20])
    service_ids = [s.pk for s in services]
    outside_ids = {s.pk for s in services if not s.in_wijk}  # type: ignore[attr-defined]
    # On a GET the choice is among the search results, in their order; a POST may name any active service.
    in_order = Case(*(When(pk=pk, then=Value(index)) for index, pk in enumerate(service_ids)), default=Value(0))
    choices = (
        search_services() if request.method == "POST" else Service.objects.filter(pk__in=service_ids).order_by(in_order)
    )
    form = ReferralForm(
        request.POST or None,
        services=choices,
        outside_ids=outside_ids,
        initial={"summary": action.description, "categories": [action.category]},
    )
    if request.method == "POST" and form.is_valid():
        user = authenticated_user(request)
        service = form.cleaned_data["service"]
        send_now = request.POST.get("verzenden") == "1"
        try:
            with transaction.atomic():
                referral = Referral.objects.create(
                    household=household,
                    action=action,
                    service=service,
                    to_organisation=service.organisation,
                    from_user=user,
                    from_organisation_id=decision.organisation_id or household.owning_team.organisation_id,
                    summary=form.cleaned_data["summary"],
                )
                referral.shared_categories.set(form.cleaned_data["categories"])
                referral_services.record_created(referral, user)
                if send_now:
                    referral_services.send(referral, user)
        except MoveRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, _("The referral has been sent.") if send_now else _("The referral has been saved as a draft.")
            )
            return redirect("referrals:detail", referral_pk=referral.pk)
    return render(
        request,
        "referrals/refer.html",
        {
            "household": household,
            "action": action,
            "form": form,
            "services": services,
            "query": query,
            "domain": domain,
            "outside_count": len(outside_ids),
        },
        status=400 if form.errors else 200,
    )


def wijk_first(services: QuerySet[Service], neighbourhood_id: int | None) -> QuerySet[Service]:
    """Search results for a household: the services of its wijk first, then the others, marked `in_wijk` (False:
    "buiten de wijk"), each part in the search's own order. A service without wijken serves the whole municipality;
    a household without a wijk has every service in its wijk. Nothing is hidden: a service elsewhere may be the one
    the resident needs (issue 17)."""
    if neighbourhood_id is None:
        return services.annotate(in_wijk=Value(True))
    served = Service.neighbourhoods.through.objects.filter(service_id=OuterRef("pk"))
    in_wijk = ExpressionWrapper(
        Q(Exists(served.filter(neighbourhood_id=neighbourhood_id))) | ~Q(Exists(served)), output_field=BooleanField()
    )
    return services.annotate(in_wijk=in_wijk).order_by("-in_wijk", *services.query.order_by)


@household_view(Operation.VIEW, object_type="referral_list")
def household_referrals(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    referrals = decision.scoped(Referral.objects.select_related("service", "to_organisation", "from_user"))
    if not decision.may_change:  # the receiving side sees what was sent to its organisations
        referrals = referrals.filter(to_organisation_id__in=receiving_organisation_ids(authenticated_user(request)))
    page = Paginator(referrals.order_by("-created_at", "-id"), settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "referrals/household_list.html", {"household": household, "page": page})


@declare(DoorKind.HOUSEHOLD_LIST)
def inbox(request: HttpRequest) -> HttpResponse:
    """The receiving organisation's inbox: referrals sent to it that the resident's consent lets it see."""
    user = authenticated_user(request)
    organisation_ids = receiving_organisation_ids(user)
    if not organisation_ids:
        raise PermissionDenied
    show_closed = request.GET.get("status") == "afgesloten"
    referrals = (
        visible_rows(user, Referral.objects.all())
        .filter(to_organisation_id__in=organisation_ids)
        .exclude(state=ReferralState.CONCEPT)
    )
    referrals = referrals.exclude(state__in=OPEN_STATES) if show_closed else referrals.filter(state__in=OPEN_STATES)
    ids = referrals.order_by("response_deadline", "id").values_list("pk", flat=True)
    page: Any = Paginator(ids, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    # The page's rows in a second query, with their household, service, sender and organisation joined: joined in
    # the first, the database would read them for every open referral of the organisation before sorting.
    page_ids = list(page.object_list)
    rows = visible_rows(user, Referral.objects.filter(pk__in=page_ids)).select_related(
        "to_organisation", "service", "household", "from_user"
    )
    by_id = {row.pk: row for row in rows}
    page.object_list = [by_id[pk] for pk in page_ids if pk in by_id]
    receiver = acting_membership(user, RECEIVER_ROLES, organisation_ids)
    assert receiver is not None  # organisation_ids come from the user's receiving memberships
    log.log_request(
        request,
        action=LogAction.VIEW,
        justification="consent",
        role=receiver.role,
        organisation_id=receiver.organisation_id,
        object_type="referral_inbox",
    )
    return render(request, "referrals/inbox.html", {"page": page, "show_closed": show_closed})


def has_side(user: User, referral: Referral) -> bool:
    """Whether the user is on a side of this referral: the door refuses (and logs) the others."""
    return bool(sides_of(user, referral))


@assigned_row_view(Referral, "referral_pk", allows=has_side)
def referral_detail(request: HttpRequest, row: Referral) -> HttpResponse:
    user = authenticated_user(request)
    sides = sides_of(user, row)
    if not sides:
        raise PermissionDenied
    if Side.RECEIVER in sides and row.state == ReferralState.VERZONDEN:
        row = referral_services.move(row, ReferralState.ONTVANGEN, user, Side.RECEIVER)
    moves = [(side, state) for side in sorted(sides) for state in next_moves(row.state, side)]
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": row,
            "events": row.events.select_related("by"),
            "shared": row.shared_categories.all(),
            "withheld": withheld_categories(row, sides),
            "moves": [(side, ReferralState(state)) for side, state in moves],
            "may_open_household": Side.REFERRER in sides or decide(user, row.household).allowed,
        },
    )


@assigned_row_view(Referral, "referral_pk", allows=has_side)
def referral_move(request: HttpRequest, row: Referral) -> HttpResponse:
    user = authenticated_user(request)
    if not sides_of(user, row):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MoveForm(request.POST)
    side = Side(request.POST.get("side", "")) if request.POST.get("side") in Side.__members__.values() else None
    if side is None or side not in sides_of(user, row):
        raise PermissionDenied
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return redirect("referrals:detail", referral_pk=row.pk)
    try:
        referral_services.move(row, form.cleaned_data["to_state"], user, side, form.cleaned_data["text"])
    except MoveRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("The referral is now: %(state)s.") % {"state": ReferralState(form.cleaned_data["to_state"]).label},
        )
    return redirect("referrals:detail", referral_pk=row.pk)


@no_household_data
def figures(request: HttpRequest) -> HttpResponse:
    """Per organisation and per service: received, median days to accept, % accepted, % completed.

    The shared disclosure control decides what is shown (referrals.figures): small counts read "x", and so do the
    counts that would let a reader work them out from the organisation's total."""
    all_organisations, all_services = figures_of.protected()
    organisations = Paginator(all_organisations, settings.PAGE_SIZE).get_page(request.GET.get("organisaties"))
    services = Paginator(all_services, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    organisation_medians = figures_of.median_days("to_organisation_id", [row.key for row in organisations])
    service_medians = figures_of.median_days("service_id", [row.key for row in services])
    return render(
        request,
        "referrals/figures.html",
        {
            "organisation_page": organisations,
            "organisation_rows": [row.published(organisation_medians.get(row.key)) for row in organisations],
            "page": services,
            "service_rows": [row.published(service_medians.get(row.key)) for row in services],
            "small_cell": threshold(),
        },
    )
