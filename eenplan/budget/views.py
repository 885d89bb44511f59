# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Wijkbudget pages: commit from a plan action, the household's commitments (pay, release), the approval queue of
those with a mandate, and the overview of a budget for the team and the budget holder (amounts only), with its CSV
and XLSX exports. All through the access door."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access import log
from eenplan.access.door import (
    DoorKind,
    declare,
    household_view,
    log_refusal,
    no_household_data,
    run_and_log_write,
)
from eenplan.access.models import LogAction
from eenplan.access.policy import Decision, Operation, acting_membership, budget_team_ids, spending_memberships
from eenplan.budget import overview, services
from eenplan.budget.forms import CommitForm, DecideForm, RealiseForm, ReleaseForm
from eenplan.budget.models import Commitment, CommitmentState, NeighbourhoodBudget, Purpose
from eenplan.households.models import Household
from eenplan.lib.formflow import submit_form
from eenplan.lib.forms import form_status
from eenplan.lib.requests import authenticated_user
from eenplan.plans.models import Action


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="commitment", object_kwarg="action_pk")
def commit(request: HttpRequest, household: Household, decision: Decision, action_pk: int) -> HttpResponse:
    """Commit wijkbudget money for a plan action: at once within the mandate, else to someone with the mandate."""
    action = get_object_or_404(
        decision.scoped(Action.objects.filter(plan__is_active=True)).select_related("goal"), pk=action_pk
    )
    budgets = services.open_budgets(household)
    today = timezone.localdate()
    initial = {
        "amount": action.cost,
        "what_for": action.description[:200],
        "expected_on": action.due_date or today,
        "budget": budgets.first() if budgets.count() == 1 else None,
    }
    form = CommitForm(request.POST or None, budgets=budgets, initial=initial)
    fields = ("budget", "amount", "what_for", "payee_kind", "expected_on")
    response = _submit(
        request,
        form,
        lambda data: services.commit(
            household=household,
            action=action,
            by=authenticated_user(request),
            role=decision.role,
            organisation_id=decision.organisation_id or household.owning_team.organisation_id,
            **{name: data[name] for name in fields},
        ),
        success=lambda commitment: (
            _("The money has been committed within your mandate.")
            if commitment.state == CommitmentState.TOEGEKEND
            else _("This is above your mandate: the commitment now awaits approval by a second person.")
        ),
        then=lambda _commitment: redirect("budget:household", pk=household.pk),
    )
    if response is not None:
        return response
    mandate = services.mandate_for(
        household,
        today.year,
        decision.organisation_id or household.owning_team.organisation_id,
        decision.role,
    )
    return render(
        request,
        "budget/commit.html",
        {"household": household, "action": action, "form": form, "mandate": mandate, "has_budgets": budgets.exists()},
        status=form_status(form),
    )


@household_view(Operation.VIEW, object_type="commitment_list")
def household_commitments(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    commitments = decision.scoped(
        Commitment.objects.select_related("budget", "action", "requested_by", "decided_by")
    ).order_by("-requested_at", "-id")
    page = Paginator(commitments, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "budget/household.html",
        {"household": household, "page": page, "may_change": decision.may_change},
    )


def _submit(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict[str, Any]], Any],
    *,
    success: str | Callable[[Any], str],
    then: Callable[[Any], HttpResponse],
) -> HttpResponse | None:
    """A budget form's POST: a service refusal is the form's error (400), a lost race or too little money left a
    conflict (409, the typed text kept)."""
    conflicts = (services.NotEnoughLeft, services.AlreadyChanged)
    return submit_form(
        request, form, save, success=success, then=then, refusals=(services.BudgetRefused,), conflicts=conflicts
    )


def _open_commitment(decision: Decision, commitment_pk: int) -> Commitment:
    return get_object_or_404(decision.scoped(Commitment.objects.select_related("budget")), pk=commitment_pk)


@household_view(Operation.CHANGE, object_type="commitment", object_kwarg="commitment_pk")
def pay(request: HttpRequest, household: Household, decision: Decision, commitment_pk: int) -> HttpResponse:
    """Record that a committed amount was paid (by the finance department: EenPlan does not pay)."""
    commitment = _open_commitment(decision, commitment_pk)
    form = RealiseForm(
        request.POST or None,
        committed=commitment.amount,
        initial={"paid_amount": commitment.amount, "paid_on": timezone.localdate()},
    )
    response = _submit(
        request,
        form,
        lambda data: services.realise(
            commitment,
            authenticated_user(request),
            paid_amount=data["paid_amount"],
            paid_on=data["paid_on"],
            reference=data["reference"],
        ),
        success=_("The payment has been recorded."),
        then=lambda _commitment: redirect("budget:household", pk=household.pk),
    )
    if response is not None:
        return response
    if request.method != "POST" and commitment.state != CommitmentState.TOEGEKEND:
        messages.info(request, _("Only a committed amount can be marked as paid."))
    actionable = commitment.state == CommitmentState.TOEGEKEND
    return _change_page(request, household, commitment, form, _("Mark as paid"), actionable)


@household_view(Operation.CHANGE, object_type="commitment", object_kwarg="commitment_pk")
def release(request: HttpRequest, household: Household, decision: Decision, commitment_pk: int) -> HttpResponse:
    """Release money that will not be paid (or withdraw a request awaiting approval)."""
    commitment = _open_commitment(decision, commitment_pk)
    form = ReleaseForm(request.POST or None)
    response = _submit(
        request,
        form,
        lambda data: services.release(commitment, authenticated_user(request), reason=data["reason"]),
        success=_("The money has gone back to the budget."),
        then=lambda _commitment: redirect("budget:household", pk=household.pk),
    )
    if response is not None:
        return response
    if request.method != "POST" and commitment.state not in (
        CommitmentState.AANGEVRAAGD,
        CommitmentState.TOEGEKEND,
    ):
        messages.info(request, _("This commitment holds no money any more."))
    actionable = commitment.state in (CommitmentState.AANGEVRAAGD, CommitmentState.TOEGEKEND)
    return _change_page(request, household, commitment, form, _("Release the money"), actionable)


def _change_page(
    request: HttpRequest, household: Household, commitment: Commitment, form: Any, title: str, actionable: bool
) -> HttpResponse:
    return render(
        request,
        "budget/change.html",
        {"household": household, "commitment": commitment, "form": form, "title": title, "actionable": actionable},
        status=form_status(form),
    )


def _log_as_approver(request: HttpRequest, **entry: Any) -> dict[str, Any]:
    user = authenticated_user(request)
    memberships = spending_memberships(user)
    acting = memberships[0] if memberships else acting_membership(user)
    return {
        "justification": "mandate",
        "role": acting.role if acting else "",
        "organisation_id": acting.organisation_id if acting else None,
        **entry,
    }


@declare(DoorKind.HOUSEHOLD_LIST)
def approvals(request: HttpRequest) -> HttpResponse:
    """Commitments above someone's mandate that this user may approve or refuse (never their own)."""
    user = authenticated_user(request)
    waiting = services.awaiting_decision(user).select_related("budget", "requested_by").order_by("requested_at", "id")
    page = Paginator(waiting, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    log.log_request(request, action=LogAction.VIEW, **_log_as_approver(request, object_type="commitment_approvals"))
    return render(request, "budget/approvals.html", {"page": page})


@declare(DoorKind.HOUSEHOLD)
def decide(request: HttpRequest, commitment_pk: int) -> HttpResponse:
    """Approve or refuse one commitment above the requester's mandate. Shows amounts and the household's number,
    no resident's name."""
    user = authenticated_user(request)
    commitment = services.decidable(user).filter(pk=commitment_pk).select_related("budget", "requested_by").first()
    if commitment is None:
        log_refusal(
            request,
            user,
            household_id=services.household_id_of(commitment_pk),
            object_type="commitment",
            object_id=commitment_pk,
        )
        raise PermissionDenied
    entry = _log_as_approver(
        request, household_id=commitment.household_id, object_type="commitment", object_id=commitment.pk
    )
    form = DecideForm(request.POST or None)

    def run() -> HttpResponse:
        def save(data: dict[str, Any]) -> str:
            approved = data["decision"] == "goedkeuren"
            services.decide(commitment, user, approve=approved, reason=data["reason"])
            return _("The commitment has been approved.") if approved else _("The commitment has been refused.")

        response = _submit(
            request,
            form,
            save,
            success=lambda message: message,
            then=lambda _message: redirect("budget:approvals"),
        )
        if response is not None:
            return response
        if request.method != "POST" and commitment.state != CommitmentState.AANGEVRAAGD:
            messages.info(request, _("This commitment has already been decided on."))
        return render(
            request,
            "budget/decide.html",
            {
                "commitment": commitment,
                "form": form,
                "year_total": commitment.year_total,
            },
            status=form_status(form),
        )

    if request.method == "POST":
        return run_and_log_write(request, run, changed=LogAction.UPDATE, unchanged=LogAction.VIEW, **entry)
    log.log_request(request, action=LogAction.VIEW, **entry)
    return run()


def visible_budgets(request: HttpRequest) -> Any:
    """Budgets of the user's teams and those they hold: the policy says which teams (access.policy)."""
    user = authenticated_user(request)
    return NeighbourhoodBudget.objects.filter(Q(team_id__in=budget_team_ids(user)) | Q(owner=user))


def _log_overview(request: HttpRequest, action: str, budget_id: int | None = None) -> None:
    user = authenticated_user(request)
    acting = acting_membership(user)
    log.log_request(
        request,
        action=action,
        justification="budget",
        role=acting.role if acting else "",
        organisation_id=acting.organisation_id if acting else None,
        object_type="budget_overview",
        object_id=budget_id,
    )


@no_household_data
def budgets(request: HttpRequest) -> HttpResponse:
    """The budgets this user sees, per year, with the totals per purpose. Amounts only."""
    visible = visible_budgets(request)
    years = sorted(set(visible.values_list("year", flat=True)), reverse=True)
    chosen = request.GET.get("jaar", "")
    year = int(chosen) if chosen.isdecimal() and int(chosen) in years else (years[0] if years else None)
    of_year = visible.filter(year=year).select_related("team", "neighbourhood")
    page = Paginator(of_year.order_by("name", "id"), settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    _log_overview(request, LogAction.VIEW)
    return render(
        request,
        "budget/budgets.html",
        {
            "page": page,
            "years": years,
            "year": year,
            "purposes": overview.purpose_rows(of_year),
            "waiting": services.awaiting_decision(authenticated_user(request)).count(),
            "purpose_choices": Purpose.choices,
        },
    )


EXPORTS = {"csv", "xlsx"}


@no_household_data
def budget_overview(request: HttpRequest, budget_pk: int) -> HttpResponse:
    """One budget: total, per month, per life domain, per payee kind; `?formaat=csv|xlsx` exports the same."""
    budget = get_object_or_404(visible_budgets(request).select_related("team", "neighbourhood", "owner"), pk=budget_pk)
    parts = overview.sections(budget)
    export = request.GET.get("formaat", "")
    if export in EXPORTS:
        _log_overview(request, LogAction.EXPORT, budget.pk)
        rows = overview.table(budget, parts)
        filename = f"wijkbudget-{budget.pk}-{budget.year}"
        if export == "csv":
            response = HttpResponse(
                "\ufeff" + overview.as_csv(rows), content_type="text/csv; charset=utf-8"
            )  # the BOM: Excel reads UTF-8
        else:
            response = HttpResponse(
                overview.as_xlsx(str(budget), rows),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{filename}.{export}"'
        return response
    _log_overview(request, LogAction.VIEW, budget.pk)
    return render(request, "budget/overview.html", {"budget": budget, "sections": parts})
