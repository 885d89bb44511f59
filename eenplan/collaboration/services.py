# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The rules of working together, each change in one transaction: conferences and their decisions (which become plan
actions), escalations and their decisions (which land in the plan's journal), helpdesk questions and barriers."""

from __future__ import annotations

import datetime
import functools

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access.models import BASIS, InformationCategory
from eenplan.access.policy import holds_mandate
from eenplan.accounts.models import Organisation, User
from eenplan.collaboration.models import (
    AgendaItem,
    Barrier,
    BarrierStatus,
    CaseConference,
    ConferenceDecision,
    ConferenceParticipant,
    ConferenceStatus,
    Escalation,
    EscalationStatus,
    HelpdeskQuestion,
    HelpdeskTopic,
    ParticipantKind,
    QuestionStatus,
)
from eenplan.households.models import Household, Resident
from eenplan.notifications.models import notify
from eenplan.plans import services as plan_services
from eenplan.plans.models import JournalNote, NetworkMember
from eenplan.plans.services import PlanRuleError


class CollaborationRuleError(Exception):
    """A change the rules do not allow; the message is shown to the user."""


# --- Case conferences --------------------------------------------------------------------------------------------


@transaction.atomic
def plan_conference(
    household: Household,
    *,
    by: User,
    organisation_id: int,
    professionals: list[User],
    residents: list[Resident],
    network: list[NetworkMember],
    **fields: object,
) -> CaseConference:
    """A planned conference with its participants. Each professional takes part for their first organisation."""
    conference = CaseConference.objects.create(
        household=household, called_by=by, called_by_organisation_id=organisation_id, **fields
    )
    invited = {by, *professionals}
    ConferenceParticipant.objects.bulk_create(
        [
            ConferenceParticipant(
                conference=conference,
                kind=ParticipantKind.PROFESSIONAL,
                user=user,
                organisation_id=_organisation_of(user, organisation_id if user == by else None),
            )
            for user in sorted(invited, key=lambda u: u.pk)
        ]
        + [ConferenceParticipant(conference=conference, kind=ParticipantKind.RESIDENT, resident=r) for r in residents]
        + [
            ConferenceParticipant(conference=conference, kind=ParticipantKind.NETWORK, network_member=n)
            for n in network
        ]
    )
    return conference


def _organisation_of(user: User, preferred: int | None) -> int:
    memberships = user.active_memberships()
    if preferred is not None:
        return preferred
    if not memberships:
        raise CollaborationRuleError(_("%(name)s works for no organisation now.") % {"name": user.full_name})
    return memberships[0].organisation_id


def participating_organisations(conference: CaseConference) -> list[Organisation]:
    """The organisations of the professionals invited, other than the household's own wijkteam organisation (which
    works on its legal task and needs no consent)."""
    own = conference.household.owning_team.organisation_id
    ids = {p.organisation_id for p in conference.participants.all() if p.organisation_id and p.organisation_id != own}
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def previous_conference(conference: CaseConference) -> CaseConference | None:
    """The household's conference before this one that was held: the next one opens with its decisions."""
    return (
        CaseConference.objects.filter(
            household_id=conference.household_id, starts_at__lt=conference.starts_at, status=ConferenceStatus.HELD
        )
        .order_by("-starts_at", "-id")
        .first()
    )


@transaction.atomic
def save_minutes(conference: CaseConference, notes: dict[AgendaItem, str], *, held: bool) -> None:
    """The minutes per agenda item (only the items the writer may see are given); `held` marks the conference held."""
    for item, text in notes.items():
        if text != item.notes:
            AgendaItem.objects.filter(pk=item.pk).update(notes=text, version=item.version + 1)
    if held and conference.status == ConferenceStatus.PLANNED:
        CaseConference.objects.filter(pk=conference.pk).update(
            status=ConferenceStatus.HELD, version=conference.version + 1
        )


@transaction.atomic
def record_attendance(values: dict[ConferenceParticipant, str]) -> None:
    for participant, value in values.items():
        if value != participant.attendance:
            ConferenceParticipant.objects.filter(pk=participant.pk).update(attendance=value)


@transaction.atomic
def record_decision(
    conference: CaseConference,
    *,
    by: User,
    description: str,
    category: InformationCategory,
    due_date: datetime.date,
    owner_user: User | None = None,
    owner_organisation: Organisation | None = None,
    owner_resident: Resident | None = None,
) -> ConferenceDecision:
    """A decision and its plan action in one step, with the same owner and due date."""
    if conference.status == ConferenceStatus.CANCELLED:
        raise CollaborationRuleError(_("This conference was cancelled."))
    plan = plan_services.active_plan(conference.household)
    if plan is None:
        raise CollaborationRuleError(_("This household has no active plan. Start the plan first."))
    try:
        action = plan_services.add_action(
            plan,
            description=description,
            category=category,
            due_date=due_date,
            owner_user=owner_user,
            owner_organisation=owner_organisation,
            owner_resident=owner_resident,
        )
    except PlanRuleError as error:
        raise CollaborationRuleError(str(error)) from error
    decision = ConferenceDecision.objects.create(
        conference=conference,
        description=description,
        category=category,
        owner_user=owner_user,
        owner_organisation=owner_organisation,
        owner_resident=owner_resident,
        due_date=due_date,
        action=action,
        decided_by=by,
    )
    if owner_user is not None and owner_user != by:
        notify(
            owner_user,
            _("A case conference gave you an action in the plan of household #%(id)s.")
            % {"id": conference.household_id},
            reverse("start"),
        )
    return decision


@transaction.atomic
def send_invitations(conference: CaseConference) -> int:
    """Queue an invitation e-mail with a calendar attachment for every participant with an address who has none yet.
    The mail names no resident and no household (eenplan.collaboration.tasks)."""
    from eenplan.collaboration.tasks import send_conference_invitation

    if conference.status != ConferenceStatus.PLANNED:
        raise CollaborationRuleError(_("Only a planned conference can be sent out."))
    now = timezone.now()
    participants = [
        p
        for p in conference.participants.select_related("user", "resident", "network_member")
        if p.invited_at is None and p.email
    ]
    ids = [p.pk for p in participants]
    ConferenceParticipant.objects.filter(pk__in=ids).update(invited_at=now)
    CaseConference.objects.filter(pk=conference.pk).update(invitations_sent_at=now)
    for participant_id in ids:
        transaction.on_commit(functools.partial(send_conference_invitation.enqueue, participant_id))
    return len(ids)


def conferences_for(user: User) -> QuerySet[CaseConference]:
    """The conferences this user is invited to (for their invitation page: date, place, public agenda only)."""
    return CaseConference.objects.filter(participants__user=user).distinct()


# --- Escalation ----------------------------------------------------------------------------------------------------


def notify_escalation(escalation: Escalation) -> None:
    """Tell the mandate holder there is an escalation to decide (the message names no resident)."""
    link = reverse("collaboration:escalation", kwargs={"escalation_pk": escalation.pk})
    notify(
        escalation.decider,
        _("An escalation waits for your decision before %(date)s.") % {"date": escalation.decide_by},
        link,
    )


@transaction.atomic
def decide_escalation(
    escalation: Escalation, *, by: User, granted: bool, decision: str, version: int | None = None
) -> Escalation:
    """The mandate holder grants (with what) or refuses (why); the decision lands in the plan's journal."""
    if escalation.decider_id != by.pk or not holds_mandate(
        by, escalation.mandate.organisation_id, escalation.mandate.role
    ):
        raise CollaborationRuleError(_("Only the person with the mandate can decide this escalation."))
    if not decision.strip():
        raise CollaborationRuleError(
            _("Write what you grant.") if granted else _("Write why you refuse, so the plan can go on another way.")
        )
    claimed = Escalation.objects.filter(
        pk=escalation.pk, status=EscalationStatus.OPEN, version=version or escalation.version
    ).update(
        status=EscalationStatus.GRANTED if granted else EscalationStatus.REFUSED,
        decision=decision,
        decided_at=timezone.now(),
        version=(version or escalation.version) + 1,
    )
    if not claimed:
        raise CollaborationRuleError(_("This escalation has been decided already."))
    escalation.refresh_from_db()
    verdict = _("Escalation granted") if granted else _("Escalation refused")
    note = JournalNote.objects.create(
        household_id=escalation.household_id,
        category_id=escalation.category_id,
        text=f"{verdict} ({escalation.mandate.title}, {by.full_name}): {decision}",
        author=by,
    )
    Escalation.objects.filter(pk=escalation.pk).update(journal_note=note)
    escalation.journal_note = note
    link = reverse("collaboration:escalation", kwargs={"escalation_pk": escalation.pk})
    notify(escalation.raised_by, _("Escalation #%(id)s has been decided.") % {"id": escalation.pk}, link)
    return escalation


def flag_overdue_escalations(today: datetime.date | None = None) -> int:
    """Flag once, and notify the decider and the raiser about, every open escalation past its date. Returns how many."""
    day = today or timezone.localdate()
    overdue = Escalation.objects.filter(
        status=EscalationStatus.OPEN, decide_by__lt=day, overdue_flagged_at__isnull=True
    ).select_related("decider", "raised_by")
    count = 0
    for escalation in overdue:
        with transaction.atomic():
            if Escalation.objects.filter(pk=escalation.pk, overdue_flagged_at__isnull=True).update(
                overdue_flagged_at=timezone.now()
            ):
                link = reverse("collaboration:escalation", kwargs={"escalation_pk": escalation.pk})
                message = _("Escalation #%(id)s has had no decision in time.") % {"id": escalation.pk}
                for person in {escalation.decider, escalation.raised_by}:
                    notify(person, message, link)
                count += 1
    return count


# --- Helpdesk ------------------------------------------------------------------------------------------------------


def is_expert(user: User, topic_id: int) -> bool:
    """Is this user in the expert pool of this topic (data, kept by the functional administrator)?"""
    return HelpdeskTopic.objects.filter(pk=topic_id, experts=user).exists()


def expert_topic_ids(user: User) -> list[int]:
    return list(HelpdeskTopic.objects.filter(experts=user).values_list("pk", flat=True))


@transaction.atomic
def ask(topic: HelpdeskTopic, *, by: User, title: str, question: str) -> HelpdeskQuestion:
    """A de-identified question (the form has refused identifying text); the topic's experts are notified."""
    asked = HelpdeskQuestion.objects.create(
        topic=topic,
        title=title,
        question=question,
        asked_by=by,
        answer_by=timezone.now() + datetime.timedelta(days=topic.response_days),
    )
    link = reverse("collaboration:question", kwargs={"question_pk": asked.pk})
    for expert in topic.experts.filter(is_active=True).exclude(pk=by.pk):
        notify(expert, _("A new helpdesk question about %(topic)s is waiting.") % {"topic": topic}, link)
    return asked


@transaction.atomic
def answer(question: HelpdeskQuestion, *, by: User, text: str, version: int | None = None) -> HelpdeskQuestion:
    if not is_expert(by, question.topic_id):
        raise CollaborationRuleError(_("Only an expert of this topic can answer."))
    opened = version or question.version
    claimed = HelpdeskQuestion.objects.filter(pk=question.pk, version=opened).update(
        answer=text,
        answered_by=by,
        answered_at=timezone.now(),
        status=QuestionStatus.ANSWERED if question.status == QuestionStatus.WAITING else question.status,
        version=opened + 1,
    )
    if not claimed:
        raise CollaborationRuleError(_("Someone else changed this question meanwhile. Reload the page."))
    question.refresh_from_db()
    link = reverse("collaboration:question", kwargs={"question_pk": question.pk})
    notify(question.asked_by, _("Your helpdesk question has been answered."), link)
    return question


@transaction.atomic
def publish(
    question: HelpdeskQuestion,
    *,
    by: User,
    title: str,
    text: str,
    answer_text: str,
    version: int | None = None,
) -> HelpdeskQuestion:
    """After the expert's review (they may edit question and answer), the pair goes into the knowledge base."""
    if not is_expert(by, question.topic_id):
        raise CollaborationRuleError(_("Only an expert of this topic can publish."))
    if question.status == QuestionStatus.WAITING:
        raise CollaborationRuleError(_("Answer the question before you publish it."))
    opened = version or question.version
    claimed = HelpdeskQuestion.objects.filter(pk=question.pk, version=opened).update(
        title=title,
        question=text,
        answer=answer_text,
        status=QuestionStatus.PUBLISHED,
        published_at=timezone.now(),
        published_by=by,
        version=opened + 1,
    )
    if not claimed:
        raise CollaborationRuleError(_("Someone else changed this question meanwhile. Reload the page."))
    question.refresh_from_db()
    return question


# --- Barriers ------------------------------------------------------------------------------------------------------


@transaction.atomic
def respond_to_barrier(
    barrier: Barrier, *, by: User, status: str, response: str, version: int | None = None
) -> Barrier:
    opened = version or barrier.version
    claimed = Barrier.objects.filter(pk=barrier.pk, version=opened).update(
        status=BarrierStatus(status),
        response=response,
        responded_by=by,
        responded_at=timezone.now(),
        version=opened + 1,
    )
    if not claimed:
        raise CollaborationRuleError(_("Someone else changed this barrier meanwhile. Reload the page."))
    barrier.refresh_from_db()
    link = reverse("collaboration:barrier", kwargs={"barrier_pk": barrier.pk})
    if barrier.raised_by_id != by.pk:
        notify(barrier.raised_by, _("Your barrier #%(id)s has a response.") % {"id": barrier.pk}, link)
    return barrier


def basis_category() -> InformationCategory:
    return InformationCategory.objects.get(code=BASIS)
