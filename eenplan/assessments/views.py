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
from eenplan.households.forms import form_status
from eenplan.households.models import Household
from eenplan.plans import services as plan_services
from eenplan.plans.domains import LifeDomain
from eenplan.plans.models import Goal


@household_view(Operation.VIEW, object_type="assessment")
def overview(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    assessments = list(
        Assessment.objects.filter(household=household)
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
    return render(
        request,
        "assessments/overview.html",
        {
            "household": household,
            "charts": charts,
            "signal": household_signal(household) if decision.basis == "team_task" else None,
            "instruments": Instrument.objects.filter(is_active=True),
            "may_change": decision.basis == "team_task",
        },
    )


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="assessment")
def assessment_add(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    code = request.GET.get("instrument") or request.POST.get("instrument")
    instrument = (
        get_object_or_404(Instrument, code=code, is_active=True)
        if code
        else Instrument.objects.filter(is_default=True).first()
    )
    if instrument is None:
        messages.error(request, _("There is no assessment instrument yet. Ask your functional administrator."))
        return redirect("assessments:overview", pk=household.pk)
    initial = {"resident": request.GET.get("bewoner")} if request.GET.get("bewoner", "").isdigit() else None
    form = AssessmentForm(request.POST or None, household=household, instrument=instrument, initial=initial)
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
        {"household": household, "form": form, "instrument": instrument},
        status=form_status(form),
    )


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="goal")
def goals_from_domains(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    """One step from the multi-problem signal to a plan: goals for the low-scoring domains (and a plan if none)."""
    signal = household_signal(household)
    if not signal.low_domains:
        messages.info(request, _("There are no low-scoring domains to make goals from."))
        return redirect("assessments:overview", pk=household.pk)
    form = GoalsFromDomainsForm(request.POST or None, domains=signal.low_domains)
    if request.method == "POST" and form.is_valid():
        user = request.user
        assert isinstance(user, User)
        with transaction.atomic():
            plan = plan_services.active_plan(household)
            if plan is None:
                plan = plan_services.start_plan(household, by=user, regisseur=household.regisseur or user)
            bulk_create_with_history(
                [
                    Goal(
                        plan=plan,
                        domain=domain.life_domain
                        if domain.life_domain in LifeDomain.values
                        else LifeDomain.TIJDSBESTEDING,
                        resident_words=words,
                        category=domain.category,
                    )
                    for domain, words in form.goals()
                ],
                Goal,
                default_user=user,
            )
        messages.success(request, _("The goals have been added to the plan."))
        return redirect("plans:plan", pk=household.pk)
    return render(
        request, "assessments/goals_form.html", {"household": household, "form": form}, status=form_status(form)
    )
