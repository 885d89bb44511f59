# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Assessment pages: the household's self-reliance overview with charts, a new assessment, goals from low domains."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from eenplan.access.door import household_view
from eenplan.access.models import LogAction
from eenplan.access.policy import Decision, Operation
from eenplan.accounts.models import User
from eenplan.assessments.charts import resident_chart
from eenplan.assessments.forms import AssessmentForm, GoalsFromDomainsForm
from eenplan.assessments.models import Assessment, Instrument, Score
from eenplan.assessments.rules import household_signal
from eenplan.households.models import Household
from eenplan.lib.forms import form_status
from eenplan.plans import services as plan_services
from eenplan.plans.models import Goal


@household_view(Operation.VIEW, object_type="assessment")
def overview(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    assessments = list(
        decision.scoped(Assessment.objects.all())
        .select_related("resident", "instrument", "assessed_by")
        .prefetch_related("scores")
        .order_by("resident_id", "instrument_id", "assessed_on", "id")
    )
    instruments = {a.instrument_id: a.instrument for a in assessments}
    domains_by_instrument = {
        i.pk: list(i.domains.select_related("category")) for i in Instrument.objects.filter(pk__in=instruments)
    }
    scale_max = {i.pk: max((lvl.value for lvl in i.levels.all()), default=5) for i in instruments.values()}
    scale_min = {i.pk: min((lvl.value for lvl in i.levels.all()), default=1) for i in instruments.values()}
    groups: dict[tuple[int, int], list[Assessment]] = {}
    for assessment in assessments:
        groups.setdefault((assessment.resident_id, assessment.instrument_id), []).append(assessment)
    charts = []
    for (_resident_id, instrument_id), group in groups.items():
        domains = domains_by_instrument[instrument_id]
        visible = {d.pk for d in domains if decision.allows_category(d.category.code)}
        charts.append(
            resident_chart(
                group[0].resident.full_name,
                instruments[instrument_id],
                domains,
                group,
                scale_max[instrument_id],
                visible,
                scale_min[instrument_id],
            )
        )
    may_change = decision.may_change
    # A resident version is filled in by the resident in My EenPlan only, never by a professional.
    in_use = list(Instrument.objects.filter(is_active=True, resident_version_of__isnull=True)) if may_change else []
    return render(
        request,
        "assessments/overview.html",
        {
            "household": household,
            "charts": charts,
            "signal": household_signal(household) if may_change else None,
            "first_instrument": in_use[0] if in_use else None,
            "other_instruments": in_use[1:],
            "may_change": may_change,
            # Without a plan the page always offers the way to one (the plan page starts it with a regisseur).
            "needs_plan": may_change and plan_services.active_plan(household) is None,
        },
    )


def _instrument_to_use(code: str | None) -> Instrument | None:
    """The chosen instrument (404 if unknown or not in use), else the default, else the first one in use."""
    if code:
        return get_object_or_404(Instrument, code=code, is_active=True, resident_version_of__isnull=True)
    # The default comes first (Meta.ordering).
    return Instrument.objects.filter(is_active=True, resident_version_of__isnull=True).first()


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="assessment")
def assessment_add(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    instrument = _instrument_to_use(request.GET.get("instrument") or request.POST.get("instrument"))
    if instrument is None:
        messages.error(request, _("There is no assessment instrument yet. Ask your functional administrator."))
        return redirect("assessments:overview", pk=household.pk)
    initial = {"resident": request.GET.get("bewoner")} if request.GET.get("bewoner", "").isdigit() else None
    form = AssessmentForm(request.POST or None, household=household, instrument=instrument, initial=initial)
    levels = list(instrument.levels.all())
    if request.method == "POST" and form.is_valid():
        user = request.user
        assert isinstance(user, User)
        with transaction.atomic():
            assessment = Assessment.objects.create(
                household=household,
                resident=form.cleaned_data["resident"],
                instrument=instrument,
                assessed_on=form.cleaned_data["assessed_on"],
                assessed_by=user,
            )
            Score.objects.bulk_create(
                Score(assessment=assessment, domain=domain, value=value) for domain, value in form.scores().items()
            )
        messages.success(request, _("The assessment has been saved."))
        return redirect("assessments:overview", pk=household.pk)
    return render(
        request,
        "assessments/form.html",
        {
            "household": household,
            "form": form,
            "instrument": instrument,
            "lowest": levels[0] if levels else None,
            "highest": levels[-1] if levels else None,
        },
        status=form_status(form),
    )


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="goal")
def goals_from_domains(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    """One step from the multi-problem signal to a plan: goals for the low-scoring domains (and a plan if none)."""
    signal = household_signal(household)
    if not signal.low_domains:
        messages.info(request, _("There are no low-scoring domains to make goals from."))
        return redirect("assessments:overview", pk=household.pk)
    user = request.user
    assert isinstance(user, User)
    plan = plan_services.active_plan(household)
    # Who becomes regisseur when the goals start the plan: the household's regisseur, or else the user.
    regisseur = household.regisseur or user
    form = GoalsFromDomainsForm(request.POST or None, domains=signal.low_domains)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                plan = plan_services.active_plan(household)
                started = plan is None
                if plan is None:
                    plan = plan_services.start_plan(household, by=user, regisseur=regisseur)
                bulk_create_with_history(
                    [
                        Goal(plan=plan, domain=life_domain, resident_words=words, category=domain.category)
                        for domain, life_domain, words in form.goals()
                    ],
                    Goal,
                    default_user=user,
                )
        except plan_services.PlanRuleError as error:
            messages.error(request, str(error))
            return redirect("plans:plan", pk=household.pk)
        messages.success(request, _("The goals have been added to the plan."))
        if started and regisseur == user:
            messages.info(
                request,
                _(
                    "A new plan has been started for this household, with you as regisseur. "
                    "Should someone else be the regisseur? Hand it over on the plan page."
                ),
            )
        elif started:
            messages.info(
                request,
                _("A new plan has been started for this household, with %(name)s as regisseur.")
                % {"name": regisseur.full_name},
            )
        return redirect("plans:plan", pk=household.pk)
    return render(
        request,
        "assessments/goals_form.html",
        {
            "household": household,
            "form": form,
            "plan": plan,
            "regisseur": regisseur,
            "user_is_regisseur": regisseur == user,
        },
        status=form_status(form),
    )
