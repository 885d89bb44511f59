# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The access point: the public request form, signals, the triage queue per wijk, and the integral intake.

Requests are personal data outside a household: the triage pages check `access.policy.triage_membership` and
write one access log entry each (object type "intake_request"). The intake itself is a household page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eenplan.access import log
from eenplan.access.door import DoorKind, declare, household_view
from eenplan.access.models import LogAction
from eenplan.access.policy import (
    TRIAGE_ROLES,
    Decision,
    Operation,
    acting_membership,
    may_signal,
    teams_that_may_register,
    triage_membership,
    triage_neighbourhood_ids,
    visible_households,
)
from eenplan.accounts.middleware import mfa_not_required
from eenplan.accounts.models import Neighbourhood, Role, User, neighbourhood_for_postcode
from eenplan.households.models import Household
from eenplan.intake import duplicates, spam
from eenplan.intake.forms import (
    AcceptNewHouseholdForm,
    AssignForm,
    DeclineForm,
    IntakeForm,
    LinkForm,
    PublicRequestForm,
    SignalForm,
)
from eenplan.intake.models import OPEN_STATUSES, Intake, IntakeRequest, RequestStatus, Source
from eenplan.lib.requests import authenticated_user
from eenplan.plans.domains import LifeDomain

# -- public ------------------------------------------------------------------------------------------------------


@declare(DoorKind.PUBLIC_FORM)
@login_not_required
@mfa_not_required
@require_http_methods(["GET", "POST"])
def public_request(request: HttpRequest) -> HttpResponse:
    """*Hulp vragen*: anyone may ask the wijkteam for help, without logging in."""
    form = PublicRequestForm(request.POST or None)
    if request.method == "POST":
        if spam.is_bot(request.POST):
            return redirect("intake:public_thanks")  # say nothing to a bot, store nothing
        digest = spam.sender_digest(request)
        wait = spam.retry_after(digest)
        if wait is not None:
            # The form again with everything typed in it, not sent: nothing is lost (a shared address in a library
            # or buurthuis reaches the limit through other people's requests).
            minutes = -(-wait // 60)
            response = render(request, "intake/public_form.html", {"form": form, "wait_minutes": minutes}, status=429)
            response["Retry-After"] = str(wait)
            return response
        if form.is_valid():
            submitted = form.save(commit=False)
            submitted.source = Source.PUBLIC
            submitted.sender_digest = digest
            submitted.neighbourhood = neighbourhood_for_postcode(submitted.postcode)
            submitted.save()
            return redirect("intake:public_thanks")
    return render(request, "intake/public_form.html", {"form": form}, status=400 if form.errors else 200)


@declare(DoorKind.PUBLIC_FORM)
@login_not_required
@mfa_not_required
def public_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/public_thanks.html")


# -- signals -------------------------------------------------------------------------------------------------------


@declare(DoorKind.SIGNAL)
def signal_create(request: HttpRequest) -> HttpResponse:
    user = authenticated_user(request)
    membership = may_signal(user)
    if membership is None:
        raise PermissionDenied
    form = SignalForm(request.POST or None, visible_households=visible_households(user))
    if request.method == "POST" and form.is_valid():
        signal = form.save(commit=False)
        signal.source = Source.SIGNAL
        signal.signal_by = user
        signal.signal_household = form.cleaned_data.get("household_number")
        signal.neighbourhood = neighbourhood_for_postcode(signal.postcode)
        signal.save()
        log.log_request(
            request,
            action=LogAction.CREATE,
            justification="signal",
            role=membership.role,
            organisation_id=membership.organisation_id,
            household_id=signal.signal_household_id,
            object_type="intake_request",
            object_id=signal.pk,
        )
        messages.success(request, _("Your signal has been sent to the neighbourhood team."))
        return redirect("start")
    return render(request, "intake/signal_form.html", {"form": form}, status=400 if form.errors else 200)


# -- triage ----------------------------------------------------------------------------------------------------------


def triage_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Guard one request for help: only wijkteam professionals of its wijk; one access log entry per request."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, request_pk: int) -> HttpResponse:
        user = authenticated_user(request)
        intake_request = get_object_or_404(
            IntakeRequest.objects.select_related("neighbourhood", "assigned_to", "signal_by", "household"),
            pk=request_pk,
        )
        membership = triage_membership(user, intake_request.neighbourhood_id)
        if membership is None:
            raise PermissionDenied
        log.log_request(
            request,
            action=LogAction.UPDATE if request.method == "POST" else LogAction.VIEW,
            justification="triage",
            role=membership.role,
            organisation_id=membership.organisation_id,
            household_id=intake_request.household_id,
            object_type="intake_request",
            object_id=intake_request.pk,
        )
        return view(request, intake_request=intake_request, membership=membership)

    return declare(DoorKind.TRIAGE)(wrapped)


@declare(DoorKind.TRIAGE)
def queue(request: HttpRequest) -> HttpResponse:
    """The triage queue per wijk: open requests first, oldest first."""
    user = authenticated_user(request)
    neighbourhood_ids = triage_neighbourhood_ids(user)
    if not neighbourhood_ids and triage_membership(user, None) is None:
        raise PermissionDenied
    neighbourhoods = list(Neighbourhood.objects.filter(id__in=neighbourhood_ids))
    chosen = request.GET.get("wijk", "")
    requests = IntakeRequest.objects.select_related("neighbourhood", "assigned_to")
    if chosen == "geen":
        requests = requests.filter(neighbourhood__isnull=True)
    elif chosen.isdigit() and int(chosen) in neighbourhood_ids:
        requests = requests.filter(neighbourhood_id=int(chosen))
    else:
        requests = requests.filter(neighbourhood_id__in=neighbourhood_ids) | requests.filter(neighbourhood__isnull=True)
    show_closed = request.GET.get("status") == "afgehandeld"
    requests = requests.exclude(status__in=OPEN_STATUSES) if show_closed else requests.filter(status__in=OPEN_STATUSES)
    page = Paginator(requests.order_by("submitted_at", "id"), settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    triager = acting_membership(user, TRIAGE_ROLES)
    assert triager is not None  # refused above without a triage membership
    log.log_request(
        request,
        action=LogAction.VIEW,
        justification="triage",
        role=triager.role,
        organisation_id=triager.organisation_id,
        object_type="intake_queue",
    )
    return render(
        request,
        "intake/queue.html",
        {"page": page, "neighbourhoods": neighbourhoods, "chosen": chosen, "show_closed": show_closed},
    )


def _professionals_of(membership: Any) -> Any:
    return (
        User.objects.filter(
            is_active=True,
            memberships__team_id=membership.team_id,
            memberships__role__in=(Role.REGISSEUR, Role.WIJKTEAM_MEMBER),
        )
        .distinct()
        .order_by("full_name")
    )


@triage_view
def request_detail(request: HttpRequest, intake_request: IntakeRequest, membership: Any) -> HttpResponse:
    user = authenticated_user(request)
    is_open = intake_request.status in OPEN_STATUSES
    action = request.POST.get("handeling", "") if request.method == "POST" else ""
    teams = teams_that_may_register(user)
    assign_form = AssignForm(
        request.POST if action == "toewijzen" else None, professionals=_professionals_of(membership)
    )
    decline_form = DeclineForm(request.POST if action == "afwijzen" else None)
    link_form = LinkForm(request.POST if action == "koppelen" else None)
    accept_form = AcceptNewHouseholdForm(
        request.POST if action == "aannemen" else None,
        teams=teams,
        initial={
            "first_name": intake_request.first_name,
            "last_name": intake_request.last_name,
            "date_of_birth": intake_request.date_of_birth,
            "phone": intake_request.phone,
            "email": intake_request.email,
        },
    )
    if action and not is_open:
        return _already_handled(request, intake_request)
    try:
        if action == "toewijzen" and assign_form.is_valid():
            _decide(
                intake_request,
                status=RequestStatus.ASSIGNED,
                assigned_to=assign_form.cleaned_data["assigned_to"],
            )
            messages.success(request, _("The request has been assigned."))
            return redirect("intake:request", request_pk=intake_request.pk)
        if action == "afwijzen" and decline_form.is_valid():
            _decide(
                intake_request,
                status=RequestStatus.DECLINED,
                decline_reason=decline_form.cleaned_data["reason"],
                decided_by=user,
                decided_at=timezone.now(),
            )
            messages.success(request, _("The request has been declined."))
            return redirect("intake:queue")
        if action == "koppelen" and link_form.is_valid():
            household = visible_households(user).filter(pk=link_form.cleaned_data["household_number"]).first()
            if household is None:
                link_form.add_error("household_number", _("You have no household with this number."))
            else:
                _accept(intake_request, user, household=household)
                messages.success(request, _("The request is linked to the household. Now do the intake."))
                return redirect("intake:intake_add", pk=household.pk)
        if action == "aannemen" and accept_form.is_valid():
            household = _accept(intake_request, user, new_household=accept_form)
            messages.success(request, _("The household has been registered. Now do the intake."))
            return redirect("intake:intake_add", pk=household.pk)
    except AlreadyHandled:
        return _already_handled(request, intake_request)
    candidates = duplicates.candidates(intake_request)
    visible_ids = set(
        visible_households(user)
        .filter(pk__in=[c.resident.household_id for c in candidates])
        .values_list("pk", flat=True)
    )
    forms_with_errors = any(f.errors for f in (assign_form, decline_form, link_form, accept_form))
    return render(
        request,
        "intake/request_detail.html",
        {
            "item": intake_request,
            "is_open": is_open,
            "assign_form": assign_form,
            "decline_form": decline_form,
            "link_form": link_form,
            "accept_form": accept_form,
            "may_register": teams.exists(),
            "known_candidates": [c for c in candidates if c.resident.household_id in visible_ids],
            "other_team_matches": sorted(
                {
                    c.resident.household.owning_team.name
                    for c in candidates
                    if c.resident.household_id not in visible_ids
                }
            ),
        },
        status=400 if forms_with_errors else 200,
    )


class AlreadyHandled(Exception):
    """The request was closed by someone else between loading the page and taking the lock."""


def _already_handled(request: HttpRequest, intake_request: IntakeRequest) -> HttpResponse:
    messages.error(
        request,
        _("This request has already been handled, perhaps by a colleague just now. Your decision was not saved."),
    )
    return redirect("intake:request", request_pk=intake_request.pk)


def _update(intake_request: IntakeRequest, **changes: Any) -> None:
    for name, value in changes.items():
        setattr(intake_request, name, value)
    intake_request.version += 1
    intake_request.save()


def _lock_open(intake_request: IntakeRequest) -> IntakeRequest:
    """Lock the request's row (within the caller's transaction) and check it is still open; else AlreadyHandled.

    Two triagers deciding at once queue on this lock; the second finds the request closed and changes nothing.
    """
    locked = IntakeRequest.objects.select_for_update().get(pk=intake_request.pk)
    if locked.status not in OPEN_STATUSES:
        raise AlreadyHandled
    return locked


@transaction.atomic
def _decide(intake_request: IntakeRequest, **changes: Any) -> None:
    _update(_lock_open(intake_request), **changes)


@transaction.atomic
def _accept(
    intake_request: IntakeRequest,
    user: User,
    *,
    household: Household | None = None,
    new_household: AcceptNewHouseholdForm | None = None,
) -> Household:
    """Accept the request for a known household or a new one: in one transaction, under the request's lock."""
    locked = _lock_open(intake_request)
    if household is None:
        assert new_household is not None
        household = _new_household(locked, new_household)
    _update(locked, status=RequestStatus.ACCEPTED, household=household, decided_by=user, decided_at=timezone.now())
    return household


def _new_household(intake_request: IntakeRequest, form: AcceptNewHouseholdForm) -> Household:
    data = form.cleaned_data
    household = Household.objects.create(
        street=data["street"],
        house_number=data["house_number"],
        postcode=intake_request.postcode,
        city=data["city"],
        owning_team=data["owning_team"],
        neighbourhood=neighbourhood_for_postcode(intake_request.postcode),
        display_name=form.instance.family_name_display,
    )
    resident = form.save(commit=False)
    resident.household = household
    resident.save()
    return household


# -- the integral intake ---------------------------------------------------------------------------------------------


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="intake")
def intake_add(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    user = authenticated_user(request)
    open_request = household.intake_requests.order_by("-submitted_at").first()
    initial = {"question_in_own_words": open_request.question} if open_request else None
    form = IntakeForm(
        request.POST or None,
        instance=Intake(household=household, conducted_by=user, request=open_request),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The intake has been saved. Next: assess self-reliance per life domain."))
        return redirect("assessments:add", pk=household.pk)
    return render(
        request, "intake/intake_form.html", {"household": household, "form": form}, status=400 if form.errors else 200
    )


@household_view(Operation.CHANGE, object_type="intake", object_kwarg="intake_pk")
def intake_detail(request: HttpRequest, household: Household, decision: Decision, intake_pk: int) -> HttpResponse:
    intake = get_object_or_404(decision.scoped(Intake.objects.select_related("conducted_by")), pk=intake_pk)
    notes = [(d.label, intake.domain_notes.get(d.value)) for d in LifeDomain if intake.domain_notes.get(d.value)]
    return render(request, "intake/intake_detail.html", {"household": household, "intake": intake, "notes": notes})
