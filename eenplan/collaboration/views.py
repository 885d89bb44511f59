# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Pages of working together: a household's conferences and escalations (through the household door), the
participant's invitation (no household data), the decider's escalations, the helpdesk and knowledge base, the
barriers log and the team leader's view."""

from __future__ import annotations

import datetime
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


def _organisation_id(decision: Decision, household: Household) -> int:
    return decision.organisation_id or household.owning_team.organisation_id


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
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            conference = services.plan_conference(
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
        except CollaborationRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The case conference has been planned. Add agenda items, then invite."))
            return redirect("collaboration:conference", pk=household.pk, conference_pk=conference.pk)
    return render(
        request,
        "collaboration/form.html",
        {"household": household, "form": form, "title": _("Plan a case conference")},
        status=form_status(form),
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
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        AgendaItem.objects.create(conference=conference, **form.cleaned_data)
        messages.success(request, _("The agenda item has been added."))
        return redirect("collaboration:conference", pk=household.pk, conference_pk=conference.pk)
    return render(
        request,
        "collaboration/form.html",
        {"household": household, "form": form, "title": _("Add an agenda item"), "conference": conference},
        status=400,
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
    if request.method == "POST" and form.is_valid():
        services.save_minutes(
            conference,
            {item: form.cleaned_data[f"notes_{item.pk}"] for item in items},
            held=form.cleaned_data["held"],
        )
        messages.success(request, _("The minutes have been saved."))
        return redirect("collaboration:conference", pk=household.pk, conference_pk=conference.pk)
    return render(
        request,
        "collaboration/form.html",
        {"household": household, "form": form, "title": _("Minutes"), "conference": conference},
        status=form_status(form),
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
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_decision(
                conference,
                by=authenticated_user(request),
                description=data["description"],
                category=data["category"],
                due_date=data["due_date"],
                owner_user=data["owner_user"],
                owner_organisation=data["owner_organisation"],
                owner_resident=data["owner_resident"],
            )
        except CollaborationRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The decision has been recorded and added to the plan as an action."))
            return redirect("collaboration:conference", pk=household.pk, conference_pk=conference.pk)
    return render(
        request,
        "collaboration/form.html",
        {"household": household, "form": form, "title": _("Record a decision"), "conference": conference},
        status=form_status(form),
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
    if request.method == "POST" and form.is_valid() and form.save_consent(request.user):
        messages.success(request, _("The consent has been recorded."))
        return redirect("collaboration:conference", pk=household.pk, conference_pk=conference.pk)
    return render(
        request,
        "collaboration/form.html",
        {"household": household, "form": form, "title": _("Consent for the conference"), "conference": conference},
        status=form_status(form),
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
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = authenticated_user(request)
        escalation = Escalation.objects.create(
            household=household,
            raised_by=user,
            raised_by_organisation_id=_organisation_id(decision, household),
            **{k: data[k] for k in ("kind", "stuck", "needed", "category", "mandate", "decider", "decide_by")},
        )
        services.notify_escalation(escalation)
        messages.success(request, _("The escalation has been sent to %(name)s.") % {"name": escalation.decider})
        return redirect("collaboration:household", pk=household.pk)
    return render(
        request,
        "collaboration/form.html",
        {"household": household, "form": form, "title": _("Escalate")},
        status=form_status(form),
    )


@assigned_row_view(Escalation, "escalation_pk")
def escalation_detail(request: HttpRequest, row: Escalation) -> HttpResponse:
    user = authenticated_user(request)
    may_decide = (
        row.status == EscalationStatus.OPEN
        and row.decider_id == user.pk
        and holds_mandate(user, row.mandate.organisation_id, row.mandate.role)
    )
    form = EscalationDecisionForm(request.POST or None, initial={"version": row.version})
    status = 200
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.decide_escalation(
                    row,
                    by=user,
                    granted=form.cleaned_data["granted"],
                    decision=form.cleaned_data["decision"],
                    version=form.cleaned_data["version"],
                )
            except CollaborationRuleError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("Your decision has been recorded in the plan."))
                return redirect("collaboration:escalation", escalation_pk=row.pk)
        else:
            status = 400
    return render(
        request,
        "collaboration/escalation.html",
        {
            "escalation": row,
            "form": form if may_decide else None,
            "may_open_household": decide(user, row.household).allowed,
        },
        status=status,
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
    return render(
        request,
        "collaboration/team.html",
        {
            "escalations": _page(request, queries.open_escalations(team_households), "opschalingen"),
            "conferences": _page(request, queries.conferences_between(team_households, week_start), "overleggen"),
            "week_start": week_start,
            "week_end": week_start + datetime.timedelta(days=6),
            "barriers": _page(request, queries.barriers_of_teams(team_ids), "knelpunten"),
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
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question = services.ask(
            form.cleaned_data["topic"],
            by=user,
            title=form.cleaned_data["title"],
            question=form.cleaned_data["question"],
        )
        messages.success(request, _("Your question has been sent to the experts of this topic."))
        return redirect("collaboration:question", question_pk=question.pk)
    return render(
        request,
        "collaboration/plain_form.html",
        {"form": form, "title": _("Ask the helpdesk"), "intro": _("Ask about a situation without saying who it is.")},
        status=form_status(form),
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
    status = 200
    form = AnswerForm(request.POST or None, initial={"answer": question.answer, "version": question.version})
    if request.method == "POST":
        if not expert or question.status == QuestionStatus.PUBLISHED:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.answer(
                    question, by=user, text=form.cleaned_data["answer"], version=form.cleaned_data["version"]
                )
            except CollaborationRuleError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("Your answer has been sent to the asker."))
                return redirect("collaboration:question", question_pk=question.pk)
        else:
            status = 400
    return render(
        request,
        "collaboration/question.html",
        {"question": question, "expert": expert, "form": form if expert else None},
        status=status,
    )


@no_household_data
def question_publish(request: HttpRequest, question_pk: int) -> HttpResponse:
    """The expert's review: edit question and answer where needed, confirm, and publish to the knowledge base."""
    user = _professional(request)
    question, expert = _question_for(user, question_pk)
    if not expert or question.status == QuestionStatus.WAITING:
        raise PermissionDenied
    form = PublishForm(
        request.POST or None,
        initial={
            "title": question.title,
            "question": question.question,
            "answer": question.answer,
            "version": question.version,
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.publish(
                    question, by=user, title=data["title"], text=data["question"], answer_text=data["answer"]
                )
            except CollaborationRuleError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("The question and answer are now in the knowledge base."))
                return redirect("collaboration:knowledge_item", question_pk=question.pk)
        else:
            status = 400
    return render(
        request,
        "collaboration/plain_form.html",
        {
            "form": form,
            "title": _("Review and publish"),
            "intro": _("Every professional can read the knowledge base. Remove anything that could identify someone."),
        },
        status=status,
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


def _save_barrier(form: BarrierForm, user: User) -> Barrier:
    barrier = Barrier.objects.create(
        kind=form.cleaned_data["kind"],
        neighbourhood=form.cleaned_data["neighbourhood"],
        description=form.cleaned_data["description"],
        raised_by=user,
    )
    barrier.organisations.set(form.cleaned_data["organisations"])
    return barrier


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
    form = BarrierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        barrier = _save_barrier(form, user)
        messages.success(request, _("The barrier has been recorded. You will see the response here."))
        return redirect("collaboration:barrier", barrier_pk=barrier.pk)
    return render(
        request,
        "collaboration/plain_form.html",
        {"form": form, "title": _("Record a barrier"), "intro": _("What gets in the way of helping households?")},
        status=form_status(form),
    )


@household_view(Operation.CHANGE, write_action=LogAction.CREATE, object_type="barrier")
def household_barrier_add(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    """A barrier met while helping this household. The household is remembered apart (BarrierSource): the barrier
    itself, its counts and every overview name no household."""
    form = BarrierForm(request.POST or None, initial={"neighbourhood": household.neighbourhood_id})
    if request.method == "POST" and form.is_valid():
        barrier = _save_barrier(form, authenticated_user(request))
        BarrierSource.objects.create(barrier=barrier, household=household)
        messages.success(request, _("The barrier has been recorded. You will see the response here."))
        return redirect("collaboration:barrier", barrier_pk=barrier.pk)
    return render(
        request,
        "collaboration/form.html",
        {"household": household, "form": form, "title": _("Record a barrier")},
        status=form_status(form),
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
    form = BarrierResponseForm(
        request.POST or None,
        initial={"status": barrier.status, "response": barrier.response, "version": barrier.version},
    )
    status = 200
    if request.method == "POST":
        if not oversees:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.respond_to_barrier(
                    barrier,
                    by=user,
                    status=form.cleaned_data["status"],
                    response=form.cleaned_data["response"],
                    version=form.cleaned_data["version"],
                )
            except CollaborationRuleError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("The status and response have been saved."))
                return redirect("collaboration:barrier", barrier_pk=barrier.pk)
        else:
            status = 400
    return render(
        request,
        "collaboration/barrier.html",
        {"barrier": barrier, "form": form if oversees else None},
        status=status,
    )


@no_household_data
def barrier_overview(request: HttpRequest) -> HttpResponse:
    """Barriers counted per kind, organisation, neighbourhood and month, and listed, for team leaders and policy
    officers. Nothing here reads the household a barrier was raised from."""
    user = authenticated_user(request)
    if not may_oversee_barriers(user):
        raise PermissionDenied
    suppress = not sees_small_counts(user)
    status_filter = request.GET.get("status", "")
    rows = (
        Barrier.objects.select_related("neighbourhood", "raised_by")
        .prefetch_related(Prefetch("organisations", queryset=Organisation.objects.order_by("name")))
        .order_by("-raised_at", "-id")
    )
    if status_filter in {choice for choice, _label in Barrier._meta.get_field("status").choices}:  # type: ignore[union-attr]
        rows = rows.filter(status=status_filter)
    return render(
        request,
        "collaboration/barrier_overview.html",
        {
            "tables": figures.barrier_tables(suppress=suppress),
            "suppress": suppress,
            "small_cell": disclosure.threshold(),
            "page": _page(request, rows),
            "status_filter": status_filter,
            "statuses": Barrier._meta.get_field("status").choices,  # type: ignore[union-attr]
        },
    )
