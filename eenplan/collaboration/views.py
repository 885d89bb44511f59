# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Pages of working together: a household's conferences and escalations (through the household door), the
participant's invitation (no household data), the decider's escalations, the helpdesk and knowledge base, the
barriers log and the team leader's view."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access import log
from eenplan.access.door import (
    DoorKind,
    assigned_row_view,
    declare,
    household_list_view,
    household_view,
    no_household_data,
)
from eenplan.access.forms import ConsentForm
from eenplan.access.models import LogAction
from eenplan.access.policy import (
    Decision,
    Operation,
    acting_membership,
    assigned_rows,
    decide,
    holds_mandate,
    is_professional,
    may_oversee_barriers,
    sees_small_counts,
    team_leader_team_ids,
)
from eenplan.accounts.models import Organisation, User
from eenplan.collaboration import figures, queries, services
from eenplan.collaboration.forms import (
    AgendaItemForm,
    AnswerForm,
    AttendanceForm,
    BarrierForm,
    BarrierResponseForm,
    ConferenceForm,
    DecisionForm,
    EscalationDecisionForm,
    EscalationForm,
    KnowledgeSearchForm,
    MinutesForm,
    PublishForm,
    QuestionForm,
)
from eenplan.collaboration.models import (
    AgendaItem,
    Barrier,
    BarrierSource,
    CaseConference,
    ConferenceDecision,
    ConferenceParticipant,
    ConferenceStatus,
    Escalation,
    EscalationStatus,
    HelpdeskQuestion,
    QuestionStatus,
)
from eenplan.collaboration.services import CollaborationRuleError
from eenplan.households.models import Household, Resident
from eenplan.lib import disclosure
from eenplan.lib.formflow import submit_form
from eenplan.lib.forms import form_status
from eenplan.lib.requests import authenticated_user
from eenplan.plans.models import NetworkMember


def _page(request: HttpRequest, queryset: QuerySet[Any], param: str = "pagina") -> Any:
    """A page of the queryset; with several lists on one page each has its own parameter, and the page carries the
    query strings of its previous and next page (collaboration/_pagination.html)."""
    page = Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get(param))
    for attribute, has, number in (
        ("previous_query", page.has_previous, page.previous_page_number),
        ("next_query", page.has_next, page.next_page_number),
    ):
        query = request.GET.copy()
        if has():
            query[param] = str(number())
            setattr(page, attribute, "?" + query.urlencode())
    return page


def _posted(request: HttpRequest) -> Any:
    """The form data of a POST, also an empty one (then every required field says so, 400); None otherwise."""
    return request.POST if request.method == "POST" else None


def _organisation_id(decision: Decision, household: Household) -> int:
    return decision.organisation_id or household.owning_team.organisation_id


def _to_conference(household: Household, conference: CaseConference) -> HttpResponse:
    return redirect("collaboration:conference", pk=household.pk, conference_pk=conference.pk)


def _household_form(
    request: HttpRequest,
    household: Household,
    form: Any,
    save: Callable[[dict[str, Any]], Any],
    *,
    success: str | Callable[[Any], str],
    then: Callable[[Any], HttpResponse],
    title: str,
    conference: CaseConference | None = None,
) -> HttpResponse:
    """A form page of one household (collaboration/form.html): saved and redirected, or the form again with why
    not (a CollaborationRuleError is the form's error, 400)."""
    response = submit_form(request, form, save, success=success, then=then, refusals=(CollaborationRuleError,))
    if response is not None:
        return response
    context = {"household": household, "form": form, "title": title, "conference": conference}
    return render(request, "collaboration/form.html", context, status=form_status(form))


def _plain_form(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict[str, Any]], Any],
    *,
    success: str,
    then: Callable[[Any], HttpResponse],
    title: str,
    intro: str,
) -> HttpResponse:
    """A form page without household data (collaboration/plain_form.html) that every professional may post."""
    context = {"title": title, "intro": intro}
    return _row_form(
        request, form, save, may_post=True, success=success, then=then, template=PLAIN_FORM, context=context
    )


PLAIN_FORM = "collaboration/plain_form.html"


def _row_form(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict[str, Any]], Any],
    *,
    may_post: bool,
    success: str,
    then: Callable[[Any], HttpResponse],
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """The page of one row with the form of the one who may act on it (an escalation's decider, a question's expert,
    a barrier's overseer; for a plain form every professional): a POST by anyone else is refused (403); a
    CollaborationRuleError on saving (a rule or someone else's save meanwhile) is a conflict (409)."""
    if request.method == "POST" and not may_post:
        raise PermissionDenied
    response = submit_form(request, form, save, success=success, then=then, conflicts=(CollaborationRuleError,))
    if response is not None:
        return response
    return render(request, template, {**context, "form": form if may_post else None}, status=form_status(form))


# --- A household's working together -------------------------------------------------------------------------------


@household_view(Operation.VIEW, object_type="collaboration")
def household_overview(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    """The household's case conferences, escalations and the barriers raised from it."""
    conferences = decision.scoped(CaseConference.objects.select_related("called_by")).order_by("-starts_at", "-id")
    escalations = decision.scoped(Escalation.objects.select_related("decider", "mandate__organisation")).order_by(
        "-raised_at", "-id"
    )
    sources = decision.scoped(BarrierSource.objects.select_related("barrier")).order_by("-barrier__raised_at")
    return render(
        request,
        "collaboration/household.html",
        {
            "household": household,
            "conferences": _page(request, conferences, "overleggen"),
            "escalations": _page(request, escalations, "opschalingen"),
            "barriers": _page(request, sources, "knelpunten"),
            "may_change": decision.may_change,
        },
    )


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="case_conference")
def conference_add(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    residents = decision.scoped(Resident.objects.all()).order_by("id")
    network = decision.scoped(NetworkMember.objects.all()).order_by("name")
    form = ConferenceForm(request.POST or None, household=household, residents=residents, network=network)

    def save(data: dict[str, Any]) -> CaseConference:
        return services.plan_conference(
            household,
            by=authenticated_user(request),
            organisation_id=_organisation_id(decision, household),
            professionals=list(data["professionals"]),
            residents=list(data["residents"]),
            network=list(data["network"]),
            starts_at=data["starts_at"],
            duration_minutes=data["duration_minutes"],
            location=data["location"],
            video_link=data["video_link"],
            reason=data["reason"],
            public_agenda=data["public_agenda"],
        )

    return _household_form(
        request,
        household,
        form,
        save,
        success=_("The case conference has been planned. Add agenda items, then invite."),
        then=lambda conference: _to_conference(household, conference),
        title=_("Plan a case conference"),
    )


def _conference(decision: Decision, conference_pk: int) -> CaseConference:
    return get_object_or_404(
        decision.scoped(CaseConference.objects.select_related("called_by", "called_by_organisation")),
        pk=conference_pk,
    )


def _participants(decision: Decision, conference: CaseConference) -> list[ConferenceParticipant]:
    rows = decision.scoped(
        ConferenceParticipant.objects.filter(conference=conference).select_related(
            "user", "organisation", "resident", "network_member"
        )
    )
    # A consent given by one resident shows that resident only (DESIGN.md §5, invariant 10).
    return [p for p in rows if p.resident_id is None or decision.shows_resident(p.resident_id)]


def _decisions(decision: Decision, conference: CaseConference) -> list[ConferenceDecision]:
    return list(
        decision.scoped(
            ConferenceDecision.objects.filter(conference=conference).select_related(
                "category", "owner_user", "owner_organisation", "owner_resident", "action"
            )
        )
    )


@household_view(Operation.VIEW, object_type="case_conference", object_kwarg="conference_pk")
def conference_detail(
    request: HttpRequest, household: Household, decision: Decision, conference_pk: int
) -> HttpResponse:
    conference = _conference(decision, conference_pk)
    participants = _participants(decision, conference)
    previous = services.previous_conference(conference)
    follow_up = []
    if previous is not None:
        today = min(timezone.localdate(), timezone.localdate(conference.starts_at))
        follow_up = [(row, row.follow_up(today)) for row in _decisions(decision, previous)]
    organisations = services.participating_organisations(conference)
    return render(
        request,
        "collaboration/conference.html",
        {
            "household": household,
            "conference": conference,
            "participants": participants,
            "items": decision.scoped(AgendaItem.objects.filter(conference=conference).select_related("category")),
            "decisions": _decisions(decision, conference),
            "previous": previous,
            "follow_up": follow_up,
            "consents": queries.conference_consents(household, organisations) if decision.may_change else [],
            "may_change": decision.may_change,
            "agenda_form": AgendaItemForm(),
            "attendance_form": AttendanceForm(participants=participants),
        },
    )


@household_view(
    Operation.CHANGE, write_action=LogAction.CREATE, object_type="agenda_item", object_kwarg="conference_pk"
)
def agenda_item_add(request: HttpRequest, household: Household, decision: Decision, conference_pk: int) -> HttpResponse:
    conference = _conference(decision, conference_pk)
    if request.method != "POST":
        return redirect("collaboration:conference", pk=household.pk, conference_pk=conference.pk)
    return _household_form(
        request,
        household,
        AgendaItemForm(request.POST),
        lambda data: AgendaItem.objects.create(conference=conference, **data),
        success=_("The agenda item has been added."),
        then=lambda _item: _to_conference(household, conference),
        title=_("Add an agenda item"),
        conference=conference,
    )


@household_view(Operation.CHANGE, object_type="case_conference", object_kwarg="conference_pk")
def conference_minutes(
    request: HttpRequest, household: Household, decision: Decision, conference_pk: int
) -> HttpResponse:
    conference = _conference(decision, conference_pk)
    items = list(decision.scoped(AgendaItem.objects.filter(conference=conference)))
    form = MinutesForm(
        request.POST or None,
        items=items,
        initial={"held": conference.status == ConferenceStatus.HELD},
    )
    return _household_form(
        request,
        household,
        form,
        lambda data: services.save_minutes(
            conference, {item: data[f"notes_{item.pk}"] for item in items}, held=data["held"]
        ),
        success=_("The minutes have been saved."),
        then=lambda _none: _to_conference(household, conference),
        title=_("Minutes"),
        conference=conference,
    )


@household_view(
    Operation.CHANGE, write_action=LogAction.CREATE, object_type="conference_decision", object_kwarg="conference_pk"
)
def decision_add(request: HttpRequest, household: Household, decision: Decision, conference_pk: int) -> HttpResponse:
    """A decision and its plan action, with owner and due date, in one step."""
    conference = _conference(decision, conference_pk)
    participant_ids = [p.user_id for p in _participants(decision, conference) if p.user_id]
    form = DecisionForm(
        request.POST or None,
        participants=User.objects.filter(pk__in=participant_ids).order_by("full_name"),
        residents=decision.scoped(Resident.objects.all()).order_by("id"),
    )
    fields = ("description", "category", "due_date", "owner_user", "owner_organisation", "owner_resident")
    return _household_form(
        request,
        household,
        form,
        lambda data: services.record_decision(
            conference, by=authenticated_user(request), **{name: data[name] for name in fields}
        ),
        success=_("The decision has been recorded and added to the plan as an action."),
        then=lambda _decision: _to_conference(household, conference),
        title=_("Record a decision"),
        conference=conference,
    )


@household_view(Operation.CHANGE, object_type="case_conference", object_kwarg="conference_pk")
def attendance(request: HttpRequest, household: Household, decision: Decision, conference_pk: int) -> HttpResponse:
    conference = _conference(decision, conference_pk)
    if request.method != "POST":
        return redirect("collaboration:conference", pk=household.pk, conference_pk=conference.pk)
    participants = _participants(decision, conference)
    form = AttendanceForm(request.POST, participants=participants)
    if not form.is_valid():
        messages.error(request, _("Choose present, sent apologies or absent for every participant."))
        return redirect("collaboration:conference", pk=household.pk, conference_pk=conference.pk)
    services.record_attendance({p: form.cleaned_data[f"attendance_{p.pk}"] for p in participants})
    messages.success(request, _("Attendance has been recorded."))
    return redirect("collaboration:conference", pk=household.pk, conference_pk=conference.pk)


@household_view(Operation.CHANGE, object_type="case_conference", object_kwarg="conference_pk")
def invite(request: HttpRequest, household: Household, decision: Decision, conference_pk: int) -> HttpResponse:
    conference = _conference(decision, conference_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        count = services.send_invitations(conference)
    except CollaborationRuleError as error:
        messages.error(request, str(error))
    else:
        if count:
            messages.success(request, _("%(count)s invitation(s) are being sent.") % {"count": count})
        else:
            messages.info(request, _("Everyone with an e-mail address has been invited already."))
    return redirect("collaboration:conference", pk=household.pk, conference_pk=conference.pk)


@household_view(
    Operation.MANAGE_CONSENT,
    write_action=LogAction.CREATE,
    object_type="consent",
    object_kwarg="conference_pk",
    category="",
)
def conference_consent(
    request: HttpRequest, household: Household, decision: Decision, conference_pk: int
) -> HttpResponse:
    """The resident's consent for a participating organisation: the same Consent (eenplan.access) as everywhere,
    with the conference as its purpose."""
    conference = _conference(decision, conference_pk)
    organisations = services.participating_organisations(conference)
    initial = {
        "purpose": _("Case conference of %(date)s") % {"date": timezone.localtime(conference.starts_at).date()},
        "organisation": request.GET.get("organisatie"),
    }
    form = ConsentForm(request.POST or None, household=household, initial=initial)
    form.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
        pk__in=[o.pk for o in organisations]
    ).order_by("name")
    form.fields["resident"].queryset = decision.scoped(Resident.objects.all())  # type: ignore[attr-defined]
    return _household_form(
        request,
        household,
        form,
        lambda _data: form.save_consent(request.user) is not None,
        success=_("The consent has been recorded."),
        then=lambda _saved: _to_conference(household, conference),
        title=_("Consent for the conference"),
        conference=conference,
    )


@no_household_data
def invitation(request: HttpRequest, conference_pk: int) -> HttpResponse:
    """What every invited professional sees, also without the resident's consent: when, where, and the agenda's
    part without personal data. No household, no resident, no reason. Those with access get a link to the rest."""
    user = authenticated_user(request)
    conference = services.conferences_for(user).filter(pk=conference_pk).first()
    if conference is None:
        raise Http404
    household = Household.objects.select_related("owning_team").get(pk=conference.household_id)
    full_access = decide(user, household).allowed
    return render(
        request,
        "collaboration/invitation.html",
        {"conference": conference, "full_access": full_access, "household_id": conference.household_id},
    )


# --- Escalation ----------------------------------------------------------------------------------------------------


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="escalation")
def escalation_add(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    form = EscalationForm(request.POST or None, holders=queries.mandate_holders())

    def save(data: dict[str, Any]) -> Escalation:
        escalation = Escalation.objects.create(
            household=household,
            raised_by=authenticated_user(request),
            raised_by_organisation_id=_organisation_id(decision, household),
            **{k: data[k] for k in ("kind", "stuck", "needed", "category", "mandate", "decider", "decide_by")},
        )
        services.notify_escalation(escalation)
        return escalation

    return _household_form(
        request,
        household,
        form,
        save,
        success=lambda escalation: _("The escalation has been sent to %(name)s.") % {"name": escalation.decider},
        then=lambda _escalation: redirect("collaboration:household", pk=household.pk),
        title=_("Escalate"),
    )


@assigned_row_view(Escalation, "escalation_pk")
def escalation_detail(request: HttpRequest, row: Escalation) -> HttpResponse:
    user = authenticated_user(request)
    may_decide = (
        row.status == EscalationStatus.OPEN
        and row.decider_id == user.pk
        and holds_mandate(user, row.mandate.organisation_id, row.mandate.role)
    )
    form = EscalationDecisionForm(_posted(request), initial={"version": row.version})
    return _row_form(
        request,
        form,
        lambda data: services.decide_escalation(
            row, by=user, granted=data["granted"], decision=data["decision"], version=data["version"]
        ),
        may_post=may_decide,
        success=_("Your decision has been recorded in the plan."),
        then=lambda _row: redirect("collaboration:escalation", escalation_pk=row.pk),
        template="collaboration/escalation.html",
        context={"escalation": row, "may_open_household": decide(user, row.household).allowed},
    )


@declare(DoorKind.HOUSEHOLD_LIST)
def escalations_to_decide(request: HttpRequest) -> HttpResponse:
    """The escalations assigned to this user to decide, the open ones first by their date."""
    user = authenticated_user(request)
    acting = acting_membership(user)
    if acting is None:
        raise PermissionDenied
    rows = (
        assigned_rows(user, Escalation.objects.all())
        .select_related("mandate__organisation", "raised_by")
        .order_by("-status", "decide_by", "id")
    )
    show_decided = request.GET.get("status") == "besloten"
    rows = rows.exclude(status=EscalationStatus.OPEN) if show_decided else rows.filter(status=EscalationStatus.OPEN)
    log.log_request(
        request,
        action=LogAction.VIEW,
        justification="assigned",
        role=acting.role,
        organisation_id=acting.organisation_id,
        object_type="escalation_list",
    )
    return render(
        request, "collaboration/escalations.html", {"page": _page(request, rows), "show_decided": show_decided}
    )


# --- Team leader's view ------------------------------------------------------------------------------------------


@household_list_view
def team_view(request: HttpRequest, households: QuerySet[Household]) -> HttpResponse:
    """The team's open escalations, this week's conferences, barriers raised by the team and helpdesk questions
    waiting in the user's topics. Workflow only: dates, numbers and who, no content of a household."""
    user = authenticated_user(request)
    team_ids = team_leader_team_ids(user)
    if not team_ids:
        raise PermissionDenied
    team_households = households.filter(owning_team_id__in=team_ids)
    week_start = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    barriers = _page(request, queries.barriers_of_teams(team_ids), "knelpunten")
    figures.mask(barriers, _barrier_figures(user), organisations=False)
    return render(
        request,
        "collaboration/team.html",
        {
            "escalations": _page(request, queries.open_escalations(team_households), "opschalingen"),
            "conferences": _page(request, queries.conferences_between(team_households, week_start), "overleggen"),
            "week_start": week_start,
            "week_end": week_start + datetime.timedelta(days=6),
            "barriers": barriers,
            "questions": _page(request, queries.waiting_questions(user), "vragen"),
        },
    )


# --- Helpdesk ------------------------------------------------------------------------------------------------------


def _professional(request: HttpRequest) -> User:
    user = authenticated_user(request)
    if not is_professional(user):
        raise PermissionDenied
    return user


@no_household_data
def helpdesk(request: HttpRequest) -> HttpResponse:
    user = _professional(request)
    mine = HelpdeskQuestion.objects.filter(asked_by=user).select_related("topic").order_by("-asked_at", "-id")
    return render(
        request,
        "collaboration/helpdesk.html",
        {
            "mine": _page(request, mine, "mijn"),
            "waiting": _page(request, queries.waiting_questions(user), "wachtend"),
            "is_expert": bool(services.expert_topic_ids(user)),
        },
    )


@no_household_data
def question_add(request: HttpRequest) -> HttpResponse:
    """A de-identified question. Text that identifies a resident is refused with the reason, and nothing is saved."""
    user = _professional(request)
    return _plain_form(
        request,
        QuestionForm(request.POST or None),
        lambda data: services.ask(data["topic"], by=user, title=data["title"], question=data["question"]),
        success=_("Your question has been sent to the experts of this topic."),
        then=lambda question: redirect("collaboration:question", question_pk=question.pk),
        title=_("Ask the helpdesk"),
        intro=_("Ask about a situation without saying who it is."),
    )


def _question_for(user: User, question_pk: int) -> tuple[HelpdeskQuestion, bool]:
    question = get_object_or_404(
        HelpdeskQuestion.objects.select_related("topic", "asked_by", "answered_by"), pk=question_pk
    )
    expert = services.is_expert(user, question.topic_id)
    if question.asked_by_id != user.pk and not expert:
        raise PermissionDenied
    return question, expert


@no_household_data
def question_detail(request: HttpRequest, question_pk: int) -> HttpResponse:
    user = _professional(request)
    question, expert = _question_for(user, question_pk)
    if request.method == "POST" and question.status == QuestionStatus.PUBLISHED:
        raise PermissionDenied
    return _row_form(
        request,
        AnswerForm(_posted(request), initial={"answer": question.answer, "version": question.version}),
        lambda data: services.answer(question, by=user, text=data["answer"], version=data["version"]),
        may_post=expert,
        success=_("Your answer has been sent to the asker."),
        then=lambda _question: redirect("collaboration:question", question_pk=question.pk),
        template="collaboration/question.html",
        context={"question": question, "expert": expert},
    )


@no_household_data
def question_publish(request: HttpRequest, question_pk: int) -> HttpResponse:
    """The expert's review: edit question and answer where needed, confirm, and publish to the knowledge base."""
    user = _professional(request)
    question, expert = _question_for(user, question_pk)
    if not expert or question.status == QuestionStatus.WAITING:
        raise PermissionDenied
    initial = {"title": question.title, "question": question.question, "answer": question.answer}
    return _plain_form(
        request,
        PublishForm(_posted(request), initial={**initial, "version": question.version}),
        lambda data: services.publish(
            question, by=user, title=data["title"], text=data["question"], answer_text=data["answer"]
        ),
        success=_("The question and answer are now in the knowledge base."),
        then=lambda _question: redirect("collaboration:knowledge_item", question_pk=question.pk),
        title=_("Review and publish"),
        intro=_("Every professional can read the knowledge base. Remove anything that could identify someone."),
    )


@no_household_data
def knowledge_base(request: HttpRequest) -> HttpResponse:
    _professional(request)
    form = KnowledgeSearchForm(request.GET or None)
    published = HelpdeskQuestion.objects.filter(status=QuestionStatus.PUBLISHED).select_related("topic")
    if form.is_valid():
        query, topic = form.cleaned_data["q"], form.cleaned_data["onderwerp"]
        for word in query.split()[:8]:
            published = published.filter(
                Q(title__icontains=word) | Q(question__icontains=word) | Q(answer__icontains=word)
            )
        if topic is not None:
            published = published.filter(topic=topic)
    return render(
        request,
        "collaboration/knowledge_base.html",
        {"form": form, "page": _page(request, published.order_by("-published_at", "-id"))},
        status=400 if form.errors else 200,
    )


@no_household_data
def knowledge_item(request: HttpRequest, question_pk: int) -> HttpResponse:
    _professional(request)
    question = get_object_or_404(
        HelpdeskQuestion.objects.select_related("topic", "answered_by"), pk=question_pk, status=QuestionStatus.PUBLISHED
    )
    return render(request, "collaboration/knowledge_item.html", {"question": question})


# --- Barriers ------------------------------------------------------------------------------------------------------


def _save_barrier(data: dict[str, Any], user: User) -> Barrier:
    barrier = Barrier.objects.create(
        kind=data["kind"], neighbourhood=data["neighbourhood"], description=data["description"], raised_by=user
    )
    barrier.organisations.set(data["organisations"])
    return barrier


def _to_barrier(barrier: Barrier) -> HttpResponse:
    return redirect("collaboration:barrier", barrier_pk=barrier.pk)


@no_household_data
def barriers(request: HttpRequest) -> HttpResponse:
    """The barriers this user raised, with their status and the response."""
    user = _professional(request)
    mine = (
        Barrier.objects.filter(raised_by=user)
        .select_related("neighbourhood")
        .prefetch_related(Prefetch("organisations", queryset=Organisation.objects.order_by("name")))
        .order_by("-raised_at", "-id")
    )
    return render(
        request,
        "collaboration/barriers.html",
        {"page": _page(request, mine), "may_oversee": may_oversee_barriers(user)},
    )


@no_household_data
def barrier_add(request: HttpRequest) -> HttpResponse:
    user = _professional(request)
    return _plain_form(
        request,
        BarrierForm(request.POST or None),
        lambda data: _save_barrier(data, user),
        success=_("The barrier has been recorded. You will see the response here."),
        then=_to_barrier,
        title=_("Record a barrier"),
        intro=_("What gets in the way of helping households?"),
    )


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="barrier")
def household_barrier_add(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    """A barrier met while helping this household. The household is remembered apart (BarrierSource): the barrier
    itself, its counts and every overview name no household."""
    form = BarrierForm(request.POST or None, initial={"neighbourhood": household.neighbourhood_id})

    def save(data: dict[str, Any]) -> Barrier:
        barrier = _save_barrier(data, authenticated_user(request))
        BarrierSource.objects.create(barrier=barrier, household=household)
        return barrier

    return _household_form(
        request,
        household,
        form,
        save,
        success=_("The barrier has been recorded. You will see the response here."),
        then=_to_barrier,
        title=_("Record a barrier"),
    )


@no_household_data
def barrier_detail(request: HttpRequest, barrier_pk: int) -> HttpResponse:
    user = _professional(request)
    barrier = get_object_or_404(
        Barrier.objects.select_related("neighbourhood", "responded_by").prefetch_related("organisations"), pk=barrier_pk
    )
    oversees = may_oversee_barriers(user)
    if barrier.raised_by_id != user.pk and not oversees:
        raise PermissionDenied
    # The one who raised it sees it whole; an overseer what the overview may name of it (figures.mask).
    figures.mask([barrier], figures.WHOLE if barrier.raised_by_id == user.pk else _barrier_figures(user))
    initial = {"status": barrier.status, "response": barrier.response, "version": barrier.version}
    return _row_form(
        request,
        BarrierResponseForm(_posted(request), initial=initial),
        lambda data: services.respond_to_barrier(
            barrier, by=user, status=data["status"], response=data["response"], version=data["version"]
        ),
        may_post=oversees,
        success=_("The status and response have been saved."),
        then=lambda _barrier: _to_barrier(barrier),
        template="collaboration/barrier.html",
        context={"barrier": barrier},
    )


def _barrier_figures(user: User) -> figures.BarrierFigures:
    """The barrier figures as this user may see them: small counts hidden unless the role has content access."""
    return figures.barrier_figures(suppress=not sees_small_counts(user))


@no_household_data
def barrier_overview(request: HttpRequest) -> HttpResponse:
    """Barriers counted per kind, organisation, neighbourhood and month, and listed, for team leaders and policy
    officers. Nothing here reads the household a barrier was raised from. Under suppression the list names of each
    barrier only what the figures publish (figures.mask): no neighbourhood, no month, no raiser, and a kind or an
    organisation only where its count is shown, so no filter, page or paginator total gives away a hidden count."""
    user = authenticated_user(request)
    if not may_oversee_barriers(user):
        raise PermissionDenied
    shown = _barrier_figures(user)
    suppress = shown.suppress
    status_filter = request.GET.get("status", "")
    rows = (
        Barrier.objects.select_related("neighbourhood", "raised_by")
        .prefetch_related(Prefetch("organisations", queryset=Organisation.objects.order_by("name")))
        .order_by("-raised_at", "-id")
    )
    if status_filter in {choice for choice, _label in Barrier._meta.get_field("status").choices}:  # type: ignore[union-attr]
        rows = rows.filter(status=status_filter)
    page = _page(request, rows)
    figures.mask(page, shown)
    return render(
        request,
        "collaboration/barrier_overview.html",
        {
            "tables": shown.tables,
            "suppress": suppress,
            "small_cell": disclosure.threshold(),
            "page": page,
            "status_filter": status_filter,
            "statuses": Barrier._meta.get_field("status").choices,  # type: ignore[union-attr]
        },
    )
