# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Plan pages: the plan with goals and actions, care team ("wie doet wat"), network, journal and timeline,
history, the printable PDF, the regisseur handover and "Mijn acties". All through the access door."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from eenplan.access.door import assigned_row_view, household_view
from eenplan.access.models import LogAction
from eenplan.access.policy import Decision, Operation, assigned_rows, contact_residents
from eenplan.accounts.models import User
from eenplan.households.models import Household, Resident
from eenplan.lib.formflow import submit_form
from eenplan.lib.forms import form_status
from eenplan.lib.requests import authenticated_user
from eenplan.plans import services
from eenplan.plans.display import actions_by_goal
from eenplan.plans.forms import (
    ActionForm,
    AgreementForm,
    CareTeamForm,
    FinishForm,
    GoalForm,
    JournalNoteForm,
    NetworkMemberForm,
    PlanForm,
    StartPlanForm,
    TransferForm,
)
from eenplan.plans.models import Action, ActionStatus, CareTeamMember, Goal, JournalNote, NetworkMember, Plan
from eenplan.plans.timeline import history_entries, timeline_entries


def _form_page(request: HttpRequest, household: Household, form: Any, title: str, **extra: Any) -> HttpResponse:
    return render(
        request,
        "plans/form.html",
        {"household": household, "form": form, "title": title, **extra},
        status=form_status(form),
    )


def _to_plan(household: Household) -> HttpResponse:
    return redirect("plans:plan", pk=household.pk)


def _plan_form(
    request: HttpRequest,
    household: Household,
    form: Any,
    save: Callable[[dict[str, Any]], Any],
    *,
    success: str,
    title: str,
    then: Callable[[Any], HttpResponse] | None = None,
    **extra: Any,
) -> HttpResponse:
    """A form page of the plan: saved (a PlanRuleError is the form's error, 400; a lost race 409) and back to the plan
    (or `then`), or the form again."""
    back = then or (lambda _result: _to_plan(household))
    response = submit_form(request, form, save, success=success, then=back, refusals=(services.PlanRuleError,))
    if response is not None:
        return response
    return _form_page(request, household, form, title, **extra)


def _saved_versioned(form: Any) -> Callable[[dict[str, Any]], bool]:
    """The save of an edit with optimistic locking: False (and the conflict on the form) when someone saved first."""
    return lambda _data: bool(form.save_versioned())


def _saved(form: Any) -> Callable[[dict[str, Any]], Any]:
    return lambda _data: form.save()


def visible_plan_content(plan: Plan, decision: Decision) -> tuple[list[Goal], list[Action]]:
    """Goals and actions of the plan in the categories this decision allows (constant number of queries).

    An action owned by a resident the consent does not cover keeps its owner's name to itself: `owner_hidden`
    tells the templates to show a neutral label instead (DESIGN.md §5.10)."""
    goals = list(decision.scoped(plan.goals.select_related("category")))
    actions = list(
        decision.scoped(plan.actions.all()).select_related(
            "category", "owner_user", "owner_organisation", "owner_resident", "owner_network_member", "goal"
        )
    )
    for action in actions:
        hidden = action.owner_resident_id is not None and not decision.shows_resident(action.owner_resident_id)
        setattr(action, "owner_hidden", hidden)  # noqa: B010 -- a display flag, not a model field
    return goals, actions


@household_view(Operation.VIEW, object_type="plan")
def plan_page(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    # The active plan and the earlier versions in one query (every decision shows the basic category, Plan's).
    all_plans = list(decision.scoped(Plan.objects.order_by("-number")))
    plan = next((p for p in all_plans if p.is_active), None)
    goals: list[Goal] = []
    actions: list[Action] = []
    if plan is not None:
        goals, actions = visible_plan_content(plan, decision)
    grouped = actions_by_goal(goals, actions)
    may_change = decision.may_change
    return render(
        request,
        "plans/plan.html",
        {
            "household": household,
            "plan": plan,
            "goals": [(goal, grouped.get(goal.pk, [])) for goal in goals],
            "loose_actions": grouped.get(None, []),
            "care_team": decision.scoped(CareTeamMember.objects.select_related("user", "organisation")),
            "network": decision.scoped(NetworkMember.objects.all()),
            "earlier_plans": [p for p in all_plans if not p.is_active],
            "may_change": may_change,
            "decision": decision,
            "start_form": StartPlanForm(household=household, user=authenticated_user(request))
            if may_change and not plan
            else None,
        },
    )


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="plan")
@require_POST
def plan_start(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    form = StartPlanForm(request.POST, household=household, user=authenticated_user(request))
    if not form.is_valid():
        return _form_page(request, household, form, _("Start a plan"))
    try:
        services.start_plan(household, by=authenticated_user(request), regisseur=form.cleaned_data["regisseur"])
    except services.PlanRuleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The plan has been started. Add the goals in the resident's own words."))
    return _to_plan(household)


def _active_plan_or_404(household: Household) -> Plan:
    plan = services.active_plan(household)
    if plan is None:
        raise Http404
    return plan


@household_view(Operation.CHANGE, object_type="plan")
def plan_edit(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    plan = _active_plan_or_404(household)
    form = PlanForm(request.POST or None, instance=plan)
    success, title = _("The plan has been saved."), _("Change the plan")
    return _plan_form(request, household, form, _saved_versioned(form), success=success, title=title)


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="goal")
def goal_add(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    plan = _active_plan_or_404(household)
    form = GoalForm(request.POST or None, instance=Goal(plan=plan))
    success, title = _("The goal has been added."), _("Add a goal")
    return _plan_form(request, household, form, _saved(form), success=success, title=title)


@household_view(Operation.CHANGE, object_type="goal", object_kwarg="goal_pk")
def goal_edit(request: HttpRequest, household: Household, decision: Decision, goal_pk: int) -> HttpResponse:
    goal = get_object_or_404(decision.scoped(Goal.objects.filter(plan__is_active=True)), pk=goal_pk)
    form = GoalForm(request.POST or None, instance=goal)
    success, title = _("The goal has been saved."), _("Change a goal")
    return _plan_form(request, household, form, _saved_versioned(form), success=success, title=title)


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="action")
def action_add(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    plan = _active_plan_or_404(household)
    initial = {"goal": request.GET.get("doel")} if request.GET.get("doel", "").isdigit() else None
    form = ActionForm(request.POST or None, instance=Action(plan=plan), plan=plan, initial=initial)
    success, title = _("The action has been added."), _("Add an action")
    return _plan_form(request, household, form, _saved(form), success=success, title=title)


@household_view(Operation.CHANGE, object_type="action", object_kwarg="action_pk")
def action_edit(request: HttpRequest, household: Household, decision: Decision, action_pk: int) -> HttpResponse:
    action = get_object_or_404(decision.scoped(Action.objects.filter(plan__is_active=True)), pk=action_pk)
    form = ActionForm(request.POST or None, instance=action, plan=action.plan)
    success, title = _("The action has been saved."), _("Change an action")
    return _plan_form(request, household, form, _saved_versioned(form), success=success, title=title)


@household_view(Operation.CHANGE, object_type="plan")
def plan_agree(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    plan = _active_plan_or_404(household)
    form = AgreementForm(request.POST or None, plan=plan)
    return _plan_form(
        request,
        household,
        form,
        lambda data: services.agree(
            plan, on=data["agreed_on"], method=data["method"], evaluate_on=data["evaluation_date"]
        ),
        success=_("The resident's agreement has been recorded. The plan is agreed."),
        title=_("Record the resident's agreement"),
    )


@household_view(Operation.CHANGE, object_type="plan")
def plan_finish(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    plan = _active_plan_or_404(household)
    return _plan_form(
        request,
        household,
        FinishForm(request.POST or None),
        lambda data: services.finish(plan, status=data["status"], evaluation=data["evaluation"]),
        success=_("The plan has been evaluated."),
        title=_("Evaluate or close the plan"),
    )


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="plan", object_kwarg="plan_pk")
@require_POST
def plan_reopen(request: HttpRequest, household: Household, decision: Decision, plan_pk: int) -> HttpResponse:
    plan = get_object_or_404(decision.scoped(Plan.objects.all()), pk=plan_pk)
    try:
        new = services.reopen(plan, by=authenticated_user(request))
    except services.PlanRuleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Version %(number)s of the plan has been started.") % {"number": new.number})
    return _to_plan(household)


@household_view(Operation.CHANGE, object_type="household")
def regisseur_transfer(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    return _plan_form(
        request,
        household,
        TransferForm(request.POST or None, household=household),
        lambda data: services.transfer_regisseur(
            household, to_user=data["to_user"], by=authenticated_user(request), note=data["note"]
        ),
        success=_("The regisseur role has been handed over."),
        title=_("Hand over the regisseur role"),
        transfers=household.regisseur_transfers.select_related("from_user", "to_user")[:10],
    )


MEMBER_PAGES: dict[type[Any], tuple[Any, Any, Any, Any, Any]] = {
    # model: (form, added, title of adding, saved, title of changing)
    CareTeamMember: (
        CareTeamForm,
        gettext_lazy("The care team member has been added."),
        gettext_lazy("Add someone to the care team"),
        gettext_lazy("The care team member has been saved."),
        gettext_lazy("Change a care team member"),
    ),
    NetworkMember: (
        NetworkMemberForm,
        gettext_lazy("The network member has been added."),
        gettext_lazy("Add someone from the network"),
        gettext_lazy("The network member has been saved."),
        gettext_lazy("Change a network member"),
    ),
}


def _member_page(
    request: HttpRequest, household: Household, decision: Decision, model: type[Any], member_pk: int | None = None
) -> HttpResponse:
    """Add (without `member_pk`) or change a care team member or a network member of the household."""
    form_class, added, add_title, saved, change_title = MEMBER_PAGES[model]
    if member_pk is None:
        form = form_class(request.POST or None, instance=model(household=household))
        return _plan_form(request, household, form, _saved(form), success=str(added), title=str(add_title))
    member = get_object_or_404(decision.scoped(model.objects.all()), pk=member_pk)
    form = form_class(request.POST or None, instance=member)
    return _plan_form(request, household, form, _saved_versioned(form), success=str(saved), title=str(change_title))


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="care_team_member")
def care_team_add(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    return _member_page(request, household, decision, CareTeamMember)


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="network_member")
def network_add(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    return _member_page(request, household, decision, NetworkMember)


@household_view(Operation.CHANGE, object_type="care_team_member", object_kwarg="member_pk")
def care_team_edit(request: HttpRequest, household: Household, decision: Decision, member_pk: int) -> HttpResponse:
    """Change a care team member's role or task, or end their part with an end date (*tot*)."""
    return _member_page(request, household, decision, CareTeamMember, member_pk)


@household_view(Operation.CHANGE, object_type="network_member", object_kwarg="member_pk")
def network_edit(request: HttpRequest, household: Household, decision: Decision, member_pk: int) -> HttpResponse:
    return _member_page(request, household, decision, NetworkMember, member_pk)


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="journal_note")
def journal_add(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    form = JournalNoteForm(
        request.POST or None, instance=JournalNote(household=household, author=authenticated_user(request))
    )
    return _plan_form(
        request,
        household,
        form,
        _saved(form),
        success=_("The note has been added to the timeline."),
        title=_("Write a note"),
        then=lambda _note: redirect("plans:timeline", pk=household.pk),
    )


@household_view(Operation.VIEW, object_type="timeline")
def timeline(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    entries = timeline_entries(household, decision)
    page = Paginator(entries, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "plans/timeline.html",
        {"household": household, "page": page, "may_change": decision.may_change},
    )


@household_view(Operation.VIEW, object_type="plan_history")
def history(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    entries = history_entries(household, decision)
    page = Paginator(entries, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "plans/history.html", {"household": household, "page": page})


@household_view(Operation.VIEW, read_action=LogAction.PRINT, object_type="plan")
def plan_pdf(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    from eenplan.plans.pdf import render_plan_pdf

    plan = _active_plan_or_404(household)
    goals, actions = visible_plan_content(plan, decision)
    residents = list(decision.scoped(Resident.objects.all()))
    pdf = render_plan_pdf(request, household, plan, goals, actions, residents)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plan-{household.pk}-v{plan.number}.pdf"'
    return response


@assigned_row_view(Action, "action_pk")
@require_POST
def my_action_status(request: HttpRequest, row: Action) -> HttpResponse:
    """The owner of an action (also a volunteer) marks it in progress or done from "Mijn acties"."""
    status = request.POST.get("status", "")
    if not row.plan.is_active:
        messages.error(request, _("This plan has been finished; its actions can no longer change."))
        return redirect("start")
    if row.owner_user_id != request.user.pk or status not in (ActionStatus.BEZIG, ActionStatus.GEDAAN):
        messages.error(request, _("You can only change the status of your own actions."))
        return redirect("start")
    row.status = status
    row.version += 1
    row.save(update_fields=["status", "version"])  # through save(), so the history keeps this version
    messages.success(request, _("The action has been marked as %(status)s.") % {"status": row.get_status_display()})
    return redirect("start")


def my_actions(user: User) -> QuerySet[Action]:
    return (
        assigned_rows(user, Action.objects.all())
        .filter(plan__is_active=True)
        .select_related("plan__household", "category")
    )


def my_action_contacts(user: User, actions: list[Action]) -> dict[int, Resident]:
    """The contact person for each household of these actions of "Mijn acties": its first resident the user may see
    (one query). A partner professional sees only the residents their organisation's consent covers, so under a
    consent given by one resident that resident and no other member (DESIGN.md §5.10); a volunteer, working on the
    team's behalf, gets the minimum contact details of the household's first resident."""
    residents = contact_residents(user, {action.plan.household_id for action in actions})
    first: dict[int, Resident] = {}
    for resident in residents.order_by("household_id", "id"):
        first.setdefault(resident.household_id, resident)
    return first
