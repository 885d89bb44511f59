# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Pages for households: "Mijn huishoudens", the household page, and registering and editing residents.

Every view goes through the access door (eenplan.access.door); none filters household data by itself.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.postgres.aggregates import ArrayAgg
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from eenplan.access import log
from eenplan.access.categories import all_categories
from eenplan.access.door import household_list_view, household_view, registration_view
from eenplan.access.models import Consent, LogAction
from eenplan.access.policy import (
    Decision,
    Operation,
    household_list_kind,
    name_search,
    registration_membership,
    teams_that_may_register,
    visible_households,
    with_list_scope,
    workflow_only_team_ids,
)
from eenplan.accounts.models import User, neighbourhood_for_postcode
from eenplan.assessments.rules import household_signal
from eenplan.household_pages.queries import next_evaluation_subquery, registration_candidates, workflow
from eenplan.households.forms import HouseholdAddressForm, NewHouseholdForm, RelationshipForm, ResidentForm
from eenplan.households.models import Household, Relationship, Resident
from eenplan.households.validators import normalise_postcode
from eenplan.intake.models import Intake
from eenplan.lib.forms import form_status
from eenplan.plans.models import CareTeamMember, JournalNote, Plan, PlanStatus
from eenplan.retention import services as retention
from eenplan.retention.forms import CloseHelpForm
from eenplan.retention.models import CaseClosure


def search_households(queryset: QuerySet[Household], query: str, user: User) -> QuerySet[Household]:
    """Search by household or resident name as this user may (access.policy.name_search), or by (the start of) a
    postcode."""
    query = query.strip()
    if not query:
        return queryset
    try:
        postcode = normalise_postcode(query)
    except ValidationError:
        postcode = ""
    if postcode:
        return queryset.filter(postcode=postcode)
    compact = query.replace(" ", "").upper()
    if compact[:4].isdigit() and len(compact) <= 6:
        prefix = compact[:4] + (" " + compact[4:] if len(compact) > 4 else "")
        return queryset.filter(postcode__startswith=prefix)
    return queryset.filter(name_search(user, query))


@household_list_view
def household_list(request: HttpRequest, households: QuerySet[Household]) -> HttpResponse:
    assert isinstance(request.user, User)
    query = request.GET.get("q", "")[:100]
    results = (
        with_list_scope(request.user, search_households(households, query, request.user))
        .select_related("neighbourhood")
        .annotate(next_evaluation=next_evaluation_subquery())
    )
    page = Paginator(results, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    context = {
        "page": page,
        "query": query,
        "can_register": teams_that_may_register(request.user).exists(),
        "workflow_team_ids": workflow_only_team_ids(request.user),
        "list_kind": household_list_kind(request.user),
        "user_id": request.user.pk,
        "live_search": bool(request.headers.get("HX-Request")),
    }
    template = "households/list.html#results" if context["live_search"] else "households/list.html"
    return render(request, template, context)


@household_view(Operation.VIEW_WORKFLOW)
def household_workflow(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    """The household's workflow without its content: regisseur, the plan's status and dates, what is overdue
    (counted). What a team leader opens of their team's households (docs/privacy.md)."""
    return render(
        request,
        "households/workflow.html",
        {"household": household, "workflow": workflow(household), "decision": decision},
    )


@household_view(Operation.VIEW)
def household_detail(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    residents = list(decision.scoped(Resident.objects.all()))
    # A relationship joins two residents the page shows: with fewer than two shown there is none to ask for.
    relationships = (
        [
            r
            for r in Relationship.objects.filter(household=household).select_related("from_resident", "to_resident")
            if decision.shows_resident(r.from_resident_id) and decision.shows_resident(r.to_resident_id)
        ]
        if len(residents) > 1
        else []
    )
    categories = all_categories()
    may_manage = decision.may_change
    consents = consents_with_categories(household) if may_manage else []
    plan = decision.scoped(Plan.objects.filter(is_active=True)).first()
    closure = decision.scoped(CaseClosure.objects.all()).first()
    notes = list(
        decision.scoped(JournalNote.objects.all())
        .select_related("author", "category")
        .order_by("-happened_on", "-id")[:3]
    )
    return render(
        request,
        "households/detail.html",
        {
            "household": household,
            "plan": plan,
            "closure": closure,
            "kept_until": retention.kept_until(closure) if closure else None,
            "care_team": list(decision.scoped(CareTeamMember.objects.current()).select_related("user", "organisation")),
            "notes": notes,
            "signal": household_signal(household) if may_manage else None,
            "intakes": list(decision.scoped(Intake.objects.order_by("-conducted_on", "-id"))[:3]) if may_manage else [],
            "residents": residents,
            # Under a consent for some residents the page says so, but not whether (or how many) others exist.
            "hidden_residents": decision.resident_ids is not None,
            "relationships": relationships,
            "decision": decision,
            "may_change": may_manage,
            "may_view_log": decision.offers_access_log,
            "category_access": [(c, c.code in decision.categories) for c in categories],
            "current_consents": [c for c in consents if c.state in ("valid", "future")],
            "past_consents": [c for c in consents if c.state in ("expired", "withdrawn")],
        },
    )


def consents_with_categories(household: Household) -> list[Consent]:
    """The household's consents, newest first, each with its information categories: on PostgreSQL in one query
    (the category ids aggregated, the categories taken from the ones kept in memory), elsewhere prefetched."""
    consents = (
        Consent.objects.filter(household=household)
        .select_related("organisation", "resident")
        .order_by("-valid_from", "-id")
    )
    if connection.vendor != "postgresql":
        return list(consents.prefetch_related("categories"))
    known = {category.pk: (position, category) for position, category in enumerate(all_categories())}
    rows: list[Any] = list(consents.annotate(category_ids=ArrayAgg("categories__id")))
    for consent in rows:
        shown = sorted((known[pk] for pk in consent.category_ids if pk in known), key=lambda item: item[0])
        cached = consent.categories.all()
        cached._result_cache = [category for _, category in shown]  # as prefetch_related leaves it
        cached._prefetch_done = True
        consent._prefetched_objects_cache = {"categories": cached}
    return rows


@registration_view
def household_create(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    teams = teams_that_may_register(request.user)
    if not teams.exists():
        raise PermissionDenied
    form = NewHouseholdForm(request.POST or None, teams=teams)
    known: list[dict[str, object]] = []
    if request.method == "POST" and form.is_valid():
        known = _known_households(request.user, form.cleaned_data)
    if request.method == "POST" and form.is_valid() and (not known or request.POST.get("toch_nieuw") == "1"):
        with transaction.atomic():
            data = form.cleaned_data
            household = Household.objects.create(
                street=data["street"],
                house_number=data["house_number"],
                postcode=data["postcode"],
                city=data["city"],
                owning_team=data["owning_team"],
                neighbourhood=neighbourhood_for_postcode(data["postcode"]),
                display_name=form.instance.family_name_display,
            )
            resident = form.save(commit=False)
            resident.household = household
            resident.save()
            membership = registration_membership(request.user, household.owning_team_id)
            assert membership is not None  # the form offers only teams_that_may_register
            log.log_request(
                request,
                action=LogAction.CREATE,
                justification="team_task",
                role=membership.role,
                organisation_id=membership.organisation_id,
                household_id=household.pk,
                resident_id=resident.pk,
                object_type="household",
                object_id=household.pk,
            )
        messages.success(request, _("The household has been registered."))
        return redirect("households:detail", pk=household.pk)
    context = _form_context(form, _("Register a household"))
    context["known_households"] = known
    return render(request, "households/form.html", context, status=form_status(form))


def _known_households(user: User, data: dict[str, object]) -> list[dict[str, object]]:
    """The duplicate check before registering (as triage does): households that may hold this person. Those the
    user may see are offered to open; of the others only the team is named, never a name or an address."""
    found = registration_candidates(
        bsn=str(data.get("bsn") or ""),
        name_prefix=str(data.get("name_prefix") or ""),
        last_name=str(data.get("last_name") or ""),
        date_of_birth=data.get("date_of_birth"),  # type: ignore[arg-type]
        postcode=str(data.get("postcode") or ""),
        house_number=str(data.get("house_number") or ""),
    )
    visible = set(visible_households(user).filter(pk__in=[k.household.pk for k in found]).values_list("pk", flat=True))
    return [
        {
            "household": k.household,
            "reasons": k.reasons,
            "visible": k.household.pk in visible,
            "team": k.household.owning_team,
        }
        for k in found
    ]


@household_view(Operation.CHANGE)
def household_edit(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    form = HouseholdAddressForm(request.POST or None, instance=household)
    if request.method == "POST" and form.is_valid():
        household.neighbourhood = neighbourhood_for_postcode(form.cleaned_data["postcode"])
        if form.save_versioned():
            messages.success(request, _("The address has been saved."))
            return redirect("households:detail", pk=household.pk)
    return render(
        request, "households/form.html", _form_context(form, _("Change address"), household), status=form_status(form)
    )


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="resident")
def resident_add(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    form = ResidentForm(request.POST or None, instance=Resident(household=household))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The resident has been added."))
        return redirect("households:detail", pk=household.pk)
    return render(
        request, "households/form.html", _form_context(form, _("Add a resident"), household), status=form_status(form)
    )


@household_view(Operation.CHANGE, object_type="resident", object_kwarg="resident_pk")
def resident_edit(request: HttpRequest, household: Household, decision: Decision, resident_pk: int) -> HttpResponse:
    resident = get_object_or_404(decision.scoped(Resident.objects.all()), pk=resident_pk)
    form = ResidentForm(request.POST or None, instance=resident)
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        household.refresh_display_name()
        household.save(update_fields=["display_name"])
        messages.success(request, _("The details of %(name)s have been saved.") % {"name": resident.full_name})
        return redirect("households:detail", pk=household.pk)
    return render(
        request,
        "households/form.html",
        _form_context(form, _("Change details of %(name)s") % {"name": resident.full_name}, household),
        status=form_status(form),
    )


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="relationship")
def relationship_add(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    form = RelationshipForm(request.POST or None, household=household)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The relationship has been saved."))
        return redirect("households:detail", pk=household.pk)
    return render(
        request,
        "households/form.html",
        _form_context(form, _("Add a relationship"), household),
        status=form_status(form),
    )


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="case_closure")
def household_close(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    """*Hulp afsluiten*: record the legal basis and the day the help ended; refused while a plan is active."""
    assert isinstance(request.user, User)
    if request.method != "POST" and decision.scoped(CaseClosure.objects.all()).exists():
        messages.info(request, _("The help to this household has already been closed."))
        return redirect("households:detail", pk=household.pk)
    plan = decision.scoped(Plan.objects.filter(is_active=True)).first()
    form = CloseHelpForm(request.POST or None, household=household)
    status = 200
    if request.method == "POST":
        status = 400
        if plan is None and form.is_valid():
            try:
                retention.close_help(
                    household,
                    legal_basis=form.cleaned_data["legal_basis"],
                    ended_on=form.cleaned_data["help_ended_on"],
                    by=request.user,
                )
            except retention.AlreadyClosed as error:
                form.add_error(None, str(error))
                status = 409
            except retention.ClosureError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The help has been closed. The retention period counts from its end."))
                return redirect("households:detail", pk=household.pk)
    context = {
        "form": form,
        "title": _("Close the help"),
        "household": household,
        "plan": plan,
        "plan_may_finish": plan is not None and plan.status == PlanStatus.VASTGESTELD,
    }
    return render(request, "households/close.html", context, status=status)


@household_view(Operation.CHANGE, write_action=LogAction.DELETE, object_type="case_closure")
def household_reopen(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    """*Hulp heropenen*: the help starts again, so the closure goes (its history stays)."""
    assert isinstance(request.user, User)
    closure = decision.scoped(CaseClosure.objects.all()).first()
    if closure is None:
        messages.info(request, _("The help to this household is not closed."))
        return redirect("households:detail", pk=household.pk)
    if request.method == "POST":
        try:
            retention.reopen_help(closure, by=request.user)
        except retention.ClosureError as error:
            messages.info(request, str(error))
        else:
            messages.success(request, _("The help has been reopened. Nothing of this household is due for removal."))
        return redirect("households:detail", pk=household.pk)
    context = {
        "title": _("Reopen the help"),
        "household": household,
        "closure": closure,
        "kept_until": retention.kept_until(closure),
    }
    return render(request, "households/reopen.html", context)


def _form_context(form: object, title: str, household: Household | None = None) -> dict[str, object]:
    return {"form": form, "title": title, "household": household}
