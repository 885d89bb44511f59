# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Mijn EenPlan: the resident's own pages (through `door.resident_view`), the portal's login (DigiD through
django-digid-eherkenning, or an activation letter) and the regisseur's page for the household's portal."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from eenplan.access.door import household_view, no_household_data
from eenplan.access.models import (
    AccessLogEntry,
    BreakGlassAccess,
    Consent,
    ConsentProposal,
    LogAction,
)
from eenplan.access.policy import (
    CARE_AGE_LIMIT,
    REPRESENTATIVE_ROLE,
    RESIDENT_ROLE,
    Decision,
    Operation,
    may_manage_own_consent,
    residents_in_care,
)
from eenplan.access.resident_door import portal_resident, resident_view
from eenplan.accounts.middleware import extended_session
from eenplan.accounts.models import Membership, Organisation, Role, User
from eenplan.accounts.redirects import is_same_site, safe_next
from eenplan.assessments.models import Assessment
from eenplan.households.models import Household, Resident
from eenplan.lib.forms import form_status
from eenplan.lib.requests import authenticated_user
from eenplan.plans.display import actions_by_goal
from eenplan.plans.models import Action, ActionStatus, Goal, Plan, PlanStatus
from eenplan.portal import export, oidc, services
from eenplan.portal.forms import (
    ActivationForm,
    ConsentProposalForm,
    CorrectionForm,
    MemberAccessForm,
    MessageForm,
    SelfAssessmentForm,
    WithdrawForm,
)
from eenplan.portal.models import (
    ActivationLetter,
    CorrectionRequest,
    Message,
    PlanAgreement,
    PortalAccount,
    Representative,
)
from eenplan.referrals.models import Referral, ReferralState

# -- signing in -----------------------------------------------------------------------------------------------------

# The portal page to return to after signing in (the "Log in again" link of the session warning passes it as `next`):
# kept in the session through DigiD's or the broker's round trip.
NEXT_SESSION_KEY = "eenplan_portal_next"


def _remember_next(request: HttpRequest) -> None:
    target = request.GET.get("next", "")
    # is_same_site first: it refuses what urlsplit cannot read ("http://[", a ValueError), so nothing answers 500.
    if is_same_site(request, target) and _is_portal_page(urlsplit(target).path):
        request.session[NEXT_SESSION_KEY] = target
    else:
        request.session.pop(NEXT_SESSION_KEY, None)


def _is_portal_page(path: str) -> bool:
    return path.startswith(reverse("portal:home")) and path != reverse("portal:login")


def _after_sign_in(request: HttpRequest, target: str | None) -> HttpResponse:
    """Where a fresh portal session starts: the page the resident came back for, else the portal's home."""
    return redirect(safe_next(request, target, fallback="portal:home"))


@login_not_required
@no_household_data
def login(request: HttpRequest) -> HttpResponse:
    """The portal's front door: DigiD, or the code from an activation letter."""
    if portal_resident(request) is not None:
        return redirect("portal:home")
    _remember_next(request)
    return _login_page(request, ActivationForm())


def _login_page(request: HttpRequest, form: ActivationForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "digid_mock": settings.DIGID_MOCK, "eherkenning": oidc.is_ready()}
    return render(request, "portal/login.html", context, status=status)


@login_not_required
@no_household_data
@require_POST
def activate(request: HttpRequest) -> HttpResponse:
    """Sign in with a one-time activation letter (a resident without DigiD)."""
    form = ActivationForm(request.POST)
    resident = None
    if form.is_valid():
        resident = services.redeem_activation_code(form.cleaned_data["code"], form.cleaned_data["date_of_birth"])
        if resident is None:
            form.add_error(None, _("This code and date of birth do not match, or the code was used already."))
    if resident is None:
        return _login_page(request, form, status=400)
    target = request.session.get(NEXT_SESSION_KEY)
    services.sign_in(request, resident)
    return _after_sign_in(request, target)


@login_not_required
@no_household_data
def digid_login(request: HttpRequest) -> HttpResponseBase:
    """Start a DigiD login: the library's SAML request, or with DIGID_MOCK its development login page."""
    if settings.DIGID_MOCK:
        from digid_eherkenning.mock.views.digid import DigiDLoginMockView

        return DigiDLoginMockView.as_view()(request)
    from digid_eherkenning.exceptions import CertificateProblem
    from digid_eherkenning.views.digid import DigiDLoginView
    from django.core.exceptions import ImproperlyConfigured
    from onelogin.saml2.errors import OneLogin_Saml2_Error

    try:
        response = DigiDLoginView.as_view()(request)
        if hasattr(response, "render"):
            response.render()
    except (CertificateProblem, ImproperlyConfigured, OneLogin_Saml2_Error):
        # DigiD is not (yet) configured in /beheer/ (certificate, metadata): say so, never a 500.
        messages.error(request, _("Logging in with DigiD is not possible right now. Try again later."))
        return redirect("portal:login")
    return response


@login_not_required
@no_household_data
def digid_acs(request: HttpRequest) -> HttpResponse:
    """DigiD's answer (the assertion consumer service). The BSN comes from the resolved SAML artifact (or, with
    DIGID_MOCK only, from the development login); the resident is found by the BSN's lookup digest."""
    bsn = request.GET.get("bsn", "") if settings.DIGID_MOCK else _bsn_from_artifact(request)
    if not bsn.isdecimal() or len(bsn) != 9:
        messages.error(request, _("Signing in with DigiD did not work. Please try again."))
        return redirect("portal:login")
    resident = services.resident_for_bsn(bsn)
    if resident is None:
        return render(request, "portal/unknown.html", status=403)
    target = request.session.get(NEXT_SESSION_KEY)
    services.sign_in(request, resident)
    return _after_sign_in(request, target)


def _bsn_from_artifact(request: HttpRequest) -> str:
    from digid_eherkenning.choices import SectorType
    from digid_eherkenning.saml2.digid import DigiDClient
    from onelogin.saml2.utils import OneLogin_Saml2_ValidationError

    artifact = request.GET.get("SAMLart")
    if not artifact:
        return ""
    try:
        response = DigiDClient().artifact_resolve(request, artifact)
        sector, number = response.get_nameid().split(":")
    except (OneLogin_Saml2_ValidationError, ValueError):
        return ""
    return str(number) if sector == SectorType.bsn else ""


@login_not_required
@no_household_data
@require_http_methods(["GET"])
def eherkenning_login(request: HttpRequest) -> HttpResponseBase:
    """A representative (bewindvoerder, mentor, curator) starts eHerkenning at the municipality's OIDC broker
    (eenplan.portal.oidc); without a configuration that is switched on, the page says it is not possible now."""
    if not oidc.is_ready():
        messages.error(request, _("Logging in as a representative is not possible right now. Try again later."))
        return redirect("portal:login")
    response: HttpResponseBase = oidc.RepresentativeStartView.as_view()(request)
    return response


@login_not_required
@no_household_data
@require_http_methods(["GET"])
def eherkenning_callback(request: HttpRequest) -> HttpResponse:
    """The broker's answer. The state must be one this session started (else 400, nothing else happens); then
    mozilla-django-oidc's backend exchanges the code at the broker's token endpoint, checks the ID token's
    signature with the broker's keys and the nonce, and the claims are checked (oidc.check_claims). The represented
    resident is found by the BSN's lookup digest; the portal session is then the resident's, acted in by the
    representative. No Django user is logged in."""
    states = request.session.get("oidc_states") or {}
    state = request.GET.get("state", "")
    started = states.pop(state, None)
    request.session["oidc_states"] = states
    if request.GET.get("error"):  # the representative stopped, or the broker refused: nobody is signed in
        return _eherkenning_failed(request)
    if started is None:
        raise SuspiciousOperation("eHerkenning callback with a state this session did not start.")
    if not request.GET.get("code") or not oidc.is_ready():
        return _eherkenning_failed(request)
    backend = oidc.RepresentativeBackend(oidc.config())
    try:
        user = backend.authenticate(request, nonce=started.get("nonce"), code_verifier=started.get("code_verifier"))
    except (PermissionDenied, requests.RequestException):
        user = None
    claims = oidc.RepresentativeClaims.from_session(request.session.pop(oidc.CLAIMS_SESSION_KEY, None))
    if user is None or claims is None:
        return _eherkenning_failed(request)
    resident = services.resident_for_bsn(claims.represented_bsn)
    if resident is None:
        request.session.flush()
        return render(request, "portal/unknown.html", {"representative": True}, status=403)
    representative = services.representative_for(
        claims.legal_subject, is_rsin=claims.legal_subject_is_rsin, acting_subject=claims.acting_subject
    )
    target = request.session.get(NEXT_SESSION_KEY)
    services.sign_in_representative(request, resident, representative)
    return _after_sign_in(request, target)


def _eherkenning_failed(request: HttpRequest) -> HttpResponse:
    request.session.pop(oidc.CLAIMS_SESSION_KEY, None)
    messages.error(
        request, _("Logging in as a representative did not work. Please try again, or ask the resident's regisseur.")
    )
    return redirect("portal:login")


def mock_only(view: Any) -> Any:
    """The library's development DigiD pages exist only while DIGID_MOCK is on (never in production)."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.DIGID_MOCK:
            raise Http404
        response: HttpResponse = view(request, *args, **kwargs)
        return response

    return login_not_required(no_household_data(wrapped))


@login_not_required
@no_household_data
@require_POST
def extend_session(request: HttpRequest) -> HttpResponse:
    """ "Stay logged in" in the warning before the portal's session ends (WCAG 2.2.1, static/js/session-timeout.js):
    renews the portal session and answers how long it now lasts; without the script, back to the page. Without a
    portal session (it ended): the portal's login page."""
    if portal_resident(request) is None:
        return redirect("portal:login")
    return extended_session(request, safe_next(request, request.POST.get("next"), fallback="portal:home"))


@login_not_required
@no_household_data
@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    services.sign_out(request)
    return redirect("portal:login")


# -- the resident's pages -------------------------------------------------------------------------------------------


def _plan(decision: Decision) -> Plan | None:
    plans = decision.scoped(Plan.objects.filter(is_active=True))
    return plans.select_related("household__regisseur").first()


@resident_view(object_type="portal_home")
def home(
    request: HttpRequest, resident: Resident, household: Household, decision: Decision, actor: User
) -> HttpResponse:
    plan = _plan(decision)
    my_open = 0
    if plan is not None:
        my_open = (
            decision.scoped(Action.objects.filter(plan=plan, owner_resident_id__in=sorted(decision.resident_ids or ())))
            .filter(status__in=(ActionStatus.OPEN, ActionStatus.BEZIG))
            .count()
        )
    return render(
        request,
        "portal/home.html",
        {
            "resident": resident,
            "plan": plan,
            "my_open": my_open,
            "proposals": decision.scoped(ConsentProposal.objects.filter(decided_at__isnull=True)).count(),
            "unread": decision.scoped(Message.objects.filter(from_resident__isnull=True, read_at__isnull=True)).count(),
            "regisseur": household.regisseur,
        },
    )


@resident_view(object_type="plan")
@require_http_methods(["GET", "POST"])
def plan(
    request: HttpRequest, resident: Resident, household: Household, decision: Decision, actor: User
) -> HttpResponse:
    current = _plan(decision)
    if request.method == "POST" and current is not None:
        try:
            if request.POST.get("agree"):
                services.agree_to_plan(current, resident)
                messages.success(request, _("Thank you. You agreed to your plan."))
            elif request.POST.get("done"):
                action = decision.scoped(Action.objects.filter(plan=current, pk=_id(request.POST["done"]))).first()
                if action is None:
                    return HttpResponseBadRequest(_("This action does not exist."))
                services.mark_action_done(action, residents_in_care(resident))
                messages.success(request, _("Well done! The action is marked as done."))
            return redirect("portal:plan")
        except services.PortalError as error:
            messages.error(request, str(error))
            return redirect("portal:plan")
    goals: list[Goal] = []
    actions: list[Action] = []
    agreement = None
    if current is not None:
        goals = list(decision.scoped(Goal.objects.filter(plan=current)).order_by("id"))
        actions = list(
            decision.scoped(Action.objects.filter(plan=current)).select_related(
                "owner_user", "owner_organisation", "owner_resident", "owner_network_member"
            )
        )
        agreement = decision.scoped(PlanAgreement.objects.filter(plan=current)).select_related("resident").first()
    _name_or_role(actions)
    grouped = actions_by_goal(goals, actions)
    return render(
        request,
        "portal/plan.html",
        {
            "may_mark": residents_in_care(resident),
            "me": resident.pk,
            "plan": current,
            "draft": current is not None and current.status == PlanStatus.CONCEPT,
            "goals": [(goal, grouped.get(goal.pk, [])) for goal in goals],
            "loose_actions": grouped.get(None, []),
            "my_ids": decision.resident_ids or frozenset(),
            "agreement": agreement,
        },
    )


def _name_or_role(actions: list[Action]) -> None:
    """Set `portal_who` on every action a professional does: their name where their organisation's policy lets
    residents see names, else their role and organisation ("Partner professional, Schuldhulp")."""
    user_ids = {a.owner_user_id for a in actions if a.owner_user_id}
    if not user_ids:
        return
    memberships: dict[int, Membership] = {}
    today = timezone.localdate()
    for membership in (
        Membership.objects.filter(user_id__in=user_ids, since__lte=today)
        .filter(Q(until__isnull=True) | Q(until__gte=today))
        .select_related("organisation")
        .order_by("since", "id")
    ):
        memberships.setdefault(membership.user_id, membership)
    naming = services.organisations_showing_names({m.organisation_id for m in memberships.values()})
    for action in actions:
        found = memberships.get(action.owner_user_id or 0)
        if found is None:
            continue
        membership = found
        if membership.organisation_id in naming:
            action.portal_who = f"{action.owner_user}, {membership.organisation.name}"  # type: ignore[attr-defined]
        else:
            action.portal_who = f"{ROLE_LABELS.get(membership.role, membership.role)}, {membership.organisation.name}"  # type: ignore[attr-defined]


def _id(value: str) -> int:
    return int(value) if value.isdecimal() and len(value) < 18 else 0


@resident_view(object_type="consent")
@require_http_methods(["GET", "POST"])
def consents(
    request: HttpRequest, resident: Resident, household: Household, decision: Decision, actor: User
) -> HttpResponse:
    withdraw_form = WithdrawForm()
    withdrawing: Consent | None = None
    if request.method == "POST":
        if "proposal" in request.POST:
            proposal = decision.scoped(
                ConsentProposal.objects.filter(pk=_id(request.POST["proposal"]), decided_at__isnull=True)
            ).first()
            if proposal is None or (proposal.resident_id and proposal.resident_id not in residents_in_care(resident)):
                return HttpResponseBadRequest(_("This request does not exist."))
            accept = request.POST.get("answer") == "yes"
            try:
                services.answer_proposal(proposal, actor=actor, accept=accept)
            except services.PortalError as error:
                messages.error(request, str(error))
                return redirect("portal:consents")
            messages.success(
                request,
                _("You gave your consent to %(organisation)s.") % {"organisation": proposal.organisation.name}
                if accept
                else _("You said no. %(organisation)s gets no access.") % {"organisation": proposal.organisation.name},
            )
            return redirect("portal:consents")
        withdrawing = (
            Consent.objects.filter(household=household, pk=_id(request.POST.get("consent", "")))
            .select_related("organisation")
            .first()
        )
        if withdrawing is None or not may_manage_own_consent(resident, withdrawing):
            return HttpResponseBadRequest(_("This consent does not exist."))
        withdraw_form = WithdrawForm(request.POST)
        if withdraw_form.is_valid():
            if services.withdraw_consent(withdrawing, actor=actor, reason=withdraw_form.cleaned_data["reason"]):
                messages.success(
                    request,
                    _("You withdrew your consent. %(organisation)s can no longer see your information.")
                    % {"organisation": withdrawing.organisation.name},
                )
            else:
                messages.info(request, _("This consent was already withdrawn."))
            return redirect("portal:consents")
    rows = list(
        Consent.objects.filter(household=household)
        .select_related("organisation", "resident")
        .prefetch_related("categories")
        .order_by("withdrawn_at", "-valid_from", "-id")
    )
    rows = [c for c in rows if c.resident_id is None or decision.shows_resident(c.resident_id)]
    proposals = list(
        decision.scoped(ConsentProposal.objects.filter(decided_at__isnull=True))
        .select_related("organisation", "resident")
        .prefetch_related("categories")
    )
    in_care = residents_in_care(resident)  # a proposal is answered by the person it is about (or their parent)
    proposals = [p for p in proposals if p.resident_id is None or p.resident_id in in_care]
    return render(
        request,
        "portal/consents.html",
        {
            "current": [c for c in rows if c.is_valid_on() or c.state == "future"],
            "ended": [c for c in rows if not (c.is_valid_on() or c.state == "future")],
            "proposals": proposals,
            "withdraw_form": withdraw_form,
            "withdrawing": withdrawing,
            "may_manage": {c.pk for c in rows if may_manage_own_consent(resident, c)},
        },
        status=form_status(withdraw_form) if withdrawing is not None else 200,
    )


ROLE_LABELS = {**dict(Role.choices), REPRESENTATIVE_ROLE: gettext_lazy("Representative")}


@resident_view(object_type="access_log")
def access_log(
    request: HttpRequest, resident: Resident, household: Household, decision: Decision, actor: User
) -> HttpResponse:
    """*Wie heeft mijn dossier bekeken*: the professionals' entries about my household (not my own), in plain words.
    Entries about another member of the household are left out, unless a child in my care."""
    shown = sorted(decision.resident_ids or ())
    entries = (
        AccessLogEntry.objects.filter(household_id=household.pk)
        .exclude(role=RESIDENT_ROLE)
        .filter(Q(resident_id__isnull=True) | Q(resident_id__in=shown))
        .order_by("-id")
    )
    page = Paginator(entries, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = list(page.object_list)
    organisations = dict(
        Organisation.objects.filter(
            pk__in={e.organisation_id_at_time for e in rows if e.organisation_id_at_time}
        ).values_list("pk", "name")
    )
    emergency_ids = [_id(e.justification.split(":", 1)[1]) for e in rows if e.justification.startswith("break_glass:")]
    reasons = {
        access.pk: access.get_reason_display()
        for access in BreakGlassAccess.objects.filter(pk__in=emergency_ids).only("pk", "reason")
    }
    representatives = {
        r.user_id: r
        for r in Representative.objects.filter(
            user_id__in={e.user_id for e in rows if e.role == REPRESENTATIVE_ROLE}
        ).select_related("user")
    }
    naming = services.organisations_showing_names(set(organisations))
    names = dict(
        User.objects.filter(pk__in={e.user_id for e in rows if e.organisation_id_at_time in naming}).values_list(
            "pk", "full_name"
        )
    )
    items = [
        {
            "when": e.timestamp,
            "organisation": representatives[e.user_id].organisation_label
            if e.user_id in representatives
            else organisations.get(e.organisation_id_at_time or 0, ""),
            "role": ROLE_LABELS.get(e.role, e.role),
            "name": names.get(e.user_id, "") if e.organisation_id_at_time in naming else "",
            "what": _what(e),
            "emergency": e.break_glass,
            "reason": reasons.get(_id(e.justification.split(":", 1)[1]), "") if e.break_glass else "",
        }
        for e in rows
    ]
    return render(request, "portal/access_log.html", {"page": page, "items": items})


WHAT = {
    "household": (gettext_lazy("looked at your household"), gettext_lazy("changed something in your household")),
    "plan": (gettext_lazy("looked at your plan"), gettext_lazy("changed your plan")),
    "consent": (gettext_lazy("looked at your consents"), gettext_lazy("changed a consent")),
    "referral": (gettext_lazy("looked at a referral"), gettext_lazy("changed a referral")),
}
OTHER = (gettext_lazy("looked at your file"), gettext_lazy("changed something in your file"))


def _what(entry: AccessLogEntry) -> str:
    read, write = WHAT.get(entry.object_type, OTHER)
    if entry.action in (LogAction.EXPORT, LogAction.PRINT):
        return _("printed or downloaded your file")
    return str(read) if entry.action == LogAction.VIEW else str(write)


@resident_view(object_type="my_data", write_action=LogAction.CREATE)
@require_http_methods(["GET", "POST"])
def my_data(
    request: HttpRequest, resident: Resident, household: Household, decision: Decision, actor: User
) -> HttpResponse:
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_correction(household, resident, form.cleaned_data["text"])
        messages.success(request, _("We received your request. Your regisseur will answer within a month."))
        return redirect("portal:my_data")
    requests = decision.scoped(CorrectionRequest.objects.all()).order_by("-requested_at")[:20]
    return render(request, "portal/my_data.html", {"form": form, "requests": requests}, status=form_status(form))


@resident_view(object_type="export", read_action=LogAction.EXPORT)
@require_http_methods(["GET"])
def export_json(
    request: HttpRequest, resident: Resident, household: Household, decision: Decision, actor: User
) -> HttpResponse:
    data = export.collect(household, resident, decision)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-eenplan-gegevens.json"'
    return response


@resident_view(object_type="export", read_action=LogAction.EXPORT)
@require_http_methods(["GET"])
def export_pdf(
    request: HttpRequest, resident: Resident, household: Household, decision: Decision, actor: User
) -> HttpResponse:
    data = export.collect(household, resident, decision)
    response = HttpResponse(export.render_pdf(request, data), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="mijn-eenplan-gegevens.pdf"'
    return response


@resident_view(object_type="message", write_action=LogAction.CREATE, representative_may_write=True)
@require_http_methods(["GET", "POST"])
def messages_page(
    request: HttpRequest, resident: Resident, household: Household, decision: Decision, actor: User
) -> HttpResponse:
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.send_resident_message(household, resident, actor, form.cleaned_data["body"])
        messages.success(request, _("Your message has been sent to your regisseur."))
        return redirect("portal:messages")
    thread = (
        decision.scoped(Message.objects.all())
        .select_related("from_resident", "author__portal_representative")
        .order_by("-sent_at")
    )
    page = Paginator(thread, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    if request.method == "GET":
        decision.scoped(Message.objects.filter(from_resident__isnull=True, read_at__isnull=True)).update(
            read_at=timezone.now()
        )
    return render(
        request,
        "portal/messages.html",
        {"form": form, "page": page, "regisseur": household.regisseur},
        status=form_status(form),
    )


@resident_view(object_type="assessment")
def self_assessment(
    request: HttpRequest, resident: Resident, household: Household, decision: Decision, actor: User
) -> HttpResponse:
    """*Mijn zelfbeoordeling*: my latest scores beside the professional's latest, per life domain."""
    instrument = services.resident_instrument()
    rows: list[services.DomainComparison] = []
    mine = professional = None
    if instrument is not None:
        own = decision.scoped(Assessment.objects.filter(resident=resident)).order_by("-assessed_on", "-id")
        mine = own.filter(instrument=instrument, by_resident=resident).first()
        base_id = instrument.resident_version_of_id or 0
        professional = own.filter(instrument_id=base_id, by_resident__isnull=True).first()
        rows = services.compare_scores(instrument, mine, professional)
    return render(
        request,
        "portal/self_assessment.html",
        {"instrument": instrument, "rows": rows, "mine": mine, "professional": professional},
    )


@resident_view(object_type="assessment", write_action=LogAction.CREATE)
@require_http_methods(["GET", "POST"])
def self_assessment_form(
    request: HttpRequest, resident: Resident, household: Household, decision: Decision, actor: User
) -> HttpResponse:
    """Fill in my self-assessment: one question per life domain, in plain words."""
    instrument = services.resident_instrument()
    if instrument is None:
        raise Http404
    form = SelfAssessmentForm(request.POST or None, instrument=instrument)
    if request.method == "POST" and form.is_valid():
        services.save_self_assessment(resident, actor, instrument, form.scores())
        messages.success(request, _("Thank you. Your answers are saved. Your regisseur can see them too."))
        return redirect("portal:self_assessment")
    return render(
        request, "portal/self_assessment_form.html", {"form": form, "instrument": instrument}, status=form_status(form)
    )


@resident_view(object_type="referral")
def referrals(
    request: HttpRequest, resident: Resident, household: Household, decision: Decision, actor: User
) -> HttpResponse:
    """*Mijn verwijzingen*: to which service my regisseur referred us, and how far it is, in plain words. Drafts are
    left out; so is a referral for an action of another adult member (unless they gave me access)."""
    rows = (
        decision.scoped(Referral.objects.exclude(state=ReferralState.CONCEPT))
        .filter(
            Q(action__isnull=True)
            | Q(action__owner_resident__isnull=True)
            | Q(action__owner_resident_id__in=sorted(decision.resident_ids or ()))
        )
        .select_related("service", "to_organisation")
        .order_by("-sent_at", "-id")
    )
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    items = [
        {
            "service": r.service.name,
            "organisation": r.to_organisation.name,
            "state": services.REFERRAL_STATE_WORDS.get(ReferralState(r.state), r.get_state_display()),
            "sent": r.sent_at,
            "closed": r.closed_at,
            "waiting": r.state in (ReferralState.VERZONDEN, ReferralState.ONTVANGEN),
        }
        for r in page.object_list
    ]
    return render(request, "portal/referrals.html", {"page": page, "items": items})


@resident_view(object_type="member_access", write_action=LogAction.CREATE)
@require_http_methods(["GET", "POST"])
def member_access(
    request: HttpRequest, resident: Resident, household: Household, decision: Decision, actor: User
) -> HttpResponse:
    """*Wie mag mijn gegevens zien*: an adult gives another adult member of the household access to their
    information in My EenPlan, or stops it; and sees who gave access to them."""
    others = services.members_to_share_with(resident)
    form = MemberAccessForm(
        request.POST if request.method == "POST" and "withdraw" not in request.POST else None,
        members=[(r.pk, r.full_name) for r in others],
    )
    if request.method == "POST":
        if "withdraw" in request.POST:
            grant = services.open_grants_given(resident).filter(pk=_id(request.POST["withdraw"])).first()
            if grant is None:
                return HttpResponseBadRequest(_("This access does not exist."))
            services.withdraw_member_access(grant)
            messages.success(request, _("You stopped the access. This person can no longer see your information."))
            return redirect("portal:member_access")
        if form.is_valid():
            receiver = next(r for r in others if r.pk == form.cleaned_data["member"])
            try:
                services.give_member_access(resident, receiver)
            except services.PortalError as error:
                messages.error(request, str(error))
                return redirect("portal:member_access")
            messages.success(
                request,
                _("%(name)s can now see your information in My EenPlan.") % {"name": receiver.first_name},
            )
            return redirect("portal:member_access")
    given = list(services.open_grants_given(resident).select_related("to_resident"))
    received = list(services.open_grants_received(resident).select_related("from_resident"))
    return render(
        request,
        "portal/member_access.html",
        {
            "form": form,
            "given": given,
            "received": received,
            "adult": resident.age >= CARE_AGE_LIMIT,
            "has_others": bool(others),
        },
        status=400 if request.method == "POST" else 200,
    )


# -- the regisseur's side -------------------------------------------------------------------------------------------


@household_view(Operation.CHANGE, object_type="portal")
@require_http_methods(["GET", "POST"])
def household_portal(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    """The household's portal for the team: messages with the residents, requests for correction, activation
    letters and consents proposed to the residents."""
    user = authenticated_user(request)
    message_form = MessageForm(request.POST if "body" in request.POST else None)
    proposal_form = ConsentProposalForm(
        request.POST if "voorstel-purpose" in request.POST else None, household=household, prefix="voorstel"
    )
    residents = list(decision.scoped(Resident.objects.all()))
    if request.method == "POST":
        if "body" in request.POST and message_form.is_valid():
            services.send_regisseur_message(household, user, message_form.cleaned_data["body"])
            messages.success(request, _("The message has been sent."))
            return redirect("portal:household", pk=household.pk)
        if "letter_for" in request.POST:
            target = next((r for r in residents if r.pk == _id(request.POST["letter_for"])), None)
            if target is None:
                return HttpResponseBadRequest(_("This resident does not exist."))
            _letter, code = services.make_activation_letter(target, by=user)
            return render(
                request, "portal/activation_letter.html", {"resident": target, "code": code, "household": household}
            )
        if "handled" in request.POST:
            handled = decision.scoped(
                CorrectionRequest.objects.filter(pk=_id(request.POST["handled"]), handled_at__isnull=True)
            ).update(handled_at=timezone.now(), handled_by=user)
            if handled:
                messages.success(request, _("The request is marked as handled."))
            return redirect("portal:household", pk=household.pk)
        if "voorstel-purpose" in request.POST and proposal_form.is_valid():
            proposal = proposal_form.save(commit=False)
            proposal.household = household
            proposal.proposed_by = user
            proposal.save()
            proposal_form.save_m2m()
            messages.success(request, _("The consent is proposed. The resident can give it in My EenPlan."))
            return redirect("portal:household", pk=household.pk)
    thread = (
        decision.scoped(Message.objects.all())
        .select_related("from_resident", "author__portal_representative")
        .order_by("-sent_at")
    )
    page = Paginator(thread, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    if request.method == "GET":
        decision.scoped(Message.objects.filter(from_resident__isnull=False, read_at__isnull=True)).update(
            read_at=timezone.now()
        )
    accounts = {a.resident_id: a for a in decision.scoped(PortalAccount.objects.all())}
    letters: dict[int, ActivationLetter] = {}
    for letter in decision.scoped(ActivationLetter.objects.all()).order_by("created_at"):
        letters[letter.resident_id] = letter
    return render(
        request,
        "portal/household.html",
        {
            "household": household,
            "page": page,
            "message_form": message_form,
            "proposal_form": proposal_form,
            "residents": [(r, accounts.get(r.pk), letters.get(r.pk)) for r in residents],
            "corrections": decision.scoped(CorrectionRequest.objects.all()).select_related("resident")[:50],
            "proposals": decision.scoped(ConsentProposal.objects.all()).select_related("organisation")[:50],
            "now": timezone.now(),
        },
        status=400 if request.method == "POST" else 200,
    )
