# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Account administration (*medewerkers*) for the municipality's functional administrator and, for their own
organisation, its coordinator (team leader or functional administrator): invite, memberships, second factor,
switching an account off after handing its households over.

An account the user may not manage answers exactly as one that does not exist (404): ids cannot be probed.
The handover page and the transfer name households by number and team only and write an access log entry.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eenplan.access import log
from eenplan.access.door import DoorKind, declare, log_refusal, no_household_data
from eenplan.access.models import LogAction
from eenplan.access.policy import Basis, acting_membership
from eenplan.accounts import passkeys
from eenplan.accounts import services as accounts
from eenplan.accounts.models import AccountEvent, Membership, User, organisations_managed_by
from eenplan.lib.forms import form_status
from eenplan.lib.requests import authenticated_user
from eenplan.plans.services import PlanRuleError
from eenplan.staff import services
from eenplan.staff.forms import DeactivateForm, HandoverForm, InviteForm, MembershipFields, ReasonForm


def _manager(request: HttpRequest) -> User:
    actor = authenticated_user(request)
    if not organisations_managed_by(actor).exists():
        raise PermissionDenied
    return actor


def _account(actor: User, user_id: int) -> User:
    """The account, when this user may manage it; otherwise 404, the same as for an id that does not exist."""
    user = User.objects.filter(pk=user_id).first()
    if user is None or not accounts.may_manage_account(actor, user):
        raise Http404("No such account.")
    return user


def _to_account(user: User) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("staff:account", kwargs={"user_id": user.pk}))


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@no_household_data
def account_list(request: HttpRequest) -> HttpResponse:
    actor = _manager(request)
    query = request.GET.get("zoek", "")[:100]
    page = Paginator(services.managed_accounts(actor, query), 25).get_page(request.GET.get("pagina"))
    return render(request, "staff/accounts.html", {"page": page, "query": query})


@no_household_data
def invite(request: HttpRequest) -> HttpResponse:
    actor = _manager(request)
    form = InviteForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            user = accounts.invite(
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                organisation=form.cleaned_data["organisation"],
                team=form.cleaned_data["team"],
                role=form.cleaned_data["role"],
                by=actor,
            )
        except accounts.AccountRuleError as error:
            form.add_error(None, str(error))
        else:
            accounts.send_invitation(user, base_url=_base_url(request))
            messages.success(
                request,
                _("The invitation has been sent to %(email)s. The link works for %(days)s days.")
                % {"email": user.email, "days": _invitation_days()},
            )
            return _to_account(user)
    return render(request, "staff/invite.html", {"form": form}, status=form_status(form))


def _invitation_days() -> int:
    from django.conf import settings

    return int(settings.ACCOUNT_INVITATION_DAYS)


def _account_page(
    request: HttpRequest,
    actor: User,
    user: User,
    *,
    membership_form: MembershipFields | None = None,
    mfa_form: ReasonForm | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    memberships = list(
        Membership.objects.filter(user=user).select_related("organisation", "team").order_by("-since", "id")
    )
    managed = set(organisations_managed_by(actor).values_list("id", flat=True))
    for membership in memberships:
        membership.is_current = membership.since <= today and (  # type: ignore[attr-defined]
            membership.until is None or membership.until >= today
        )
        membership.may_end = membership.organisation_id in managed and (  # type: ignore[attr-defined]
            membership.until is None or membership.until >= today
        )
    membership_form = membership_form or MembershipFields(actor=actor, auto_id="lid_%s")
    mfa_form = mfa_form or ReasonForm(auto_id="mfa_%s")
    forms_with_errors = [f for f in (membership_form, mfa_form) if f.errors]
    return render(
        request,
        "staff/account.html",
        {
            "account": user,
            "memberships": memberships,
            "membership_form": membership_form,
            "mfa_form": mfa_form,
            "has_device": user.totpdevice_set.filter(confirmed=True).exists(),  # type: ignore[attr-defined]
            "passkey_count": passkeys.passkeys_of(user).count(),
            "invited": not user.has_usable_password(),
            "events": AccountEvent.objects.filter(user=user).select_related("by")[:20],
        },
        status=400 if forms_with_errors else 200,
    )


@no_household_data
def account(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = _manager(request)
    return _account_page(request, actor, _account(actor, user_id))


@no_household_data
@require_POST
def give_membership(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = _manager(request)
    user = _account(actor, user_id)
    form = MembershipFields(request.POST, actor=actor, auto_id="lid_%s")
    if form.is_valid():
        try:
            accounts.give_membership(
                user,
                organisation=form.cleaned_data["organisation"],
                team=form.cleaned_data["team"],
                role=form.cleaned_data["role"],
                by=actor,
            )
        except accounts.AccountRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The role has been given."))
            return _to_account(user)
    return _account_page(request, actor, user, membership_form=form)


@no_household_data
@require_POST
def end_membership(request: HttpRequest, user_id: int, membership_id: int) -> HttpResponse:
    actor = _manager(request)
    user = _account(actor, user_id)
    membership = Membership.objects.filter(pk=membership_id, user=user).select_related("team").first()
    if membership is None:
        raise Http404("No such membership.")
    try:
        accounts.end_membership(membership, by=actor)
    except accounts.AccountRuleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The role has ended."))
    return _to_account(user)


@no_household_data
@require_POST
def reset_mfa(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = _manager(request)
    user = _account(actor, user_id)
    form = ReasonForm(request.POST, auto_id="mfa_%s")
    if form.is_valid():
        accounts.reset_mfa(user, by=actor, reason=form.cleaned_data["reason"])
        messages.success(
            request, _("The second step has been reset. At the next login they link their authenticator app again.")
        )
        return _to_account(user)
    return _account_page(request, actor, user, mfa_form=form)


@no_household_data
@require_POST
def resend_invitation(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = _manager(request)
    user = _account(actor, user_id)
    if user.has_usable_password() or not user.is_active:
        messages.error(request, _("This account has accepted its invitation already or is switched off."))
    else:
        accounts.send_invitation(user, base_url=_base_url(request))
        messages.success(request, _("A new invitation has been sent to %(email)s.") % {"email": user.email})
    return _to_account(user)


@no_household_data
@require_POST
def reactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = _manager(request)
    user = _account(actor, user_id)
    if not user.is_active:
        accounts.reactivate(user, by=actor)
        messages.success(request, _("The account is switched on again. Give it a role to let it work."))
    return _to_account(user)


def _log_handover(request: HttpRequest, actor: User, user: User, *, action: str, household_id: int | None) -> None:
    acting = acting_membership(actor)
    log.log_request(
        request,
        action=action,
        justification=Basis.CASELOAD,
        role=acting.role if acting else "",
        organisation_id=acting.organisation_id if acting else None,
        household_id=household_id,
        object_type="household_list" if household_id is None else "household",
        object_id=household_id,
    )


@declare(DoorKind.HOUSEHOLD_LIST)
def deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    """Switch an account off: first its handover list (households as regisseur, open actions), then the reason.
    Nothing is left without a regisseur without a warning and an explicit confirmation."""
    actor = _manager(request)
    user = _account(actor, user_id)
    _log_handover(request, actor, user, action=LogAction.VIEW, household_id=None)
    items = services.handover(user, actor=actor)
    left = sum(1 for item in items if item.is_regisseur)
    form = DeactivateForm(request.POST or None, households_left=left)
    if request.method == "POST" and user.is_active and form.is_valid():
        try:
            accounts.deactivate(user, by=actor, reason=form.cleaned_data["reason"])
        except accounts.AccountRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The account has been switched off and its roles have ended."))
            return _to_account(user)
    return render(
        request,
        "staff/deactivate.html",
        {"account": user, "items": items, "households_left": left, "form": form, "handover_form": HandoverForm()},
        status=form_status(form),
    )


@declare(DoorKind.HOUSEHOLD_LIST)
@require_POST
def hand_over(request: HttpRequest, user_id: int) -> HttpResponse:
    """Give one of the leaving person's households another regisseur (plans' *warme overdracht*), logged."""
    actor = _manager(request)
    user = _account(actor, user_id)
    form = HandoverForm(request.POST)
    target = reverse("staff:deactivate", kwargs={"user_id": user.pk})
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        _log_handover(request, actor, user, action=LogAction.VIEW, household_id=None)
        return HttpResponseRedirect(target)
    household_id = form.cleaned_data["household"]
    try:
        with transaction.atomic():  # the transfer and its log entry together
            household, _acting = services.hand_over_household(
                user, household_id, to_user_id=form.cleaned_data["to_user"], actor=actor, note=form.cleaned_data["note"]
            )
            _log_handover(request, actor, user, action=LogAction.UPDATE, household_id=household.pk)
    except PermissionDenied:
        log_refusal(request, actor, household_id=None, object_type="household", object_id=household_id)
        raise
    except PlanRuleError as error:
        messages.error(request, str(error))
        _log_handover(request, actor, user, action=LogAction.VIEW, household_id=None)
    else:
        messages.success(request, _("Household #%(id)s has a new regisseur.") % {"id": household.pk})
    return HttpResponseRedirect(target)
