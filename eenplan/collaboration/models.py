# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Working together (*samenwerken*): case conferences (*casusoverleg / MDO*) with decisions that become plan actions,
escalation to someone with the mandate to break through (*opschalen / doorbraak*), the advice helpdesk
(*consultatie / vraagbaak*) with its knowledge base, and the barriers log (*knelpunten*).

Conferences, their agenda items, decisions and participants and escalations are household-scoped (registered with
`eenplan.access.registry` in apps.py). Helpdesk questions and barriers hold no household data: the forms refuse
identifying text, and a barrier raised from a household keeps that link in a separate row (`BarrierSource`) that no
aggregate reads.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.access.models import InformationCategory
from eenplan.accounts.models import Neighbourhood, Organisation, Role
from eenplan.households.models import Household, Resident
from eenplan.plans.models import Action, JournalNote, NetworkMember

# --- Case conferences -------------------------------------------------------------------------------------------


class ConferenceStatus(models.TextChoices):
    PLANNED = "gepland", _("Planned")
    HELD = "gehouden", _("Held")
    CANCELLED = "geannuleerd", _("Cancelled")


class CaseConference(models.Model):
    """*Casusoverleg*: a meeting about one household, with the resident and their network where possible."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="case_conferences", verbose_name=_("household")
    )
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("called by")
    )
    called_by_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    reason = models.TextField(_("why this conference"), max_length=2000)
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    location = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), max_length=300, blank=True)
    public_agenda = models.TextField(
        _("agenda without personal data"),
        max_length=2000,
        blank=True,
        help_text=_("Every invited participant sees this part, also without the resident's consent."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ConferenceStatus.choices, default=ConferenceStatus.PLANNED
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["household", "-starts_at"], name="conference_household"),
            models.Index(fields=["starts_at", "status"], name="conference_when"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(location="") | ~Q(video_link=""), name="conference_has_place"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)


class ParticipantKind(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    RESIDENT = "resident", _("Resident")
    NETWORK = "network", _("Someone from the network")


class Attendance(models.TextChoices):
    UNKNOWN = "onbekend", _("Not recorded")
    PRESENT = "aanwezig", _("Present")
    EXCUSED = "afgemeld", _("Sent apologies")
    ABSENT = "afwezig", _("Absent")


class ConferenceParticipant(models.Model):
    """Someone invited: a professional (with their organisation), a resident, or a member of their network."""

    conference = models.ForeignKey(CaseConference, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(_("who"), max_length=20, choices=ParticipantKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conference_invitations",
        verbose_name=_("professional"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organisation")
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("resident")
    )
    network_member = models.ForeignKey(
        NetworkMember, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("network")
    )
    attendance = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["kind", "id"]
        indexes = [models.Index(fields=["user", "conference"], name="participant_user")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=ParticipantKind.PROFESSIONAL, user__isnull=False, organisation__isnull=False)
                | Q(kind=ParticipantKind.RESIDENT, resident__isnull=False, user__isnull=True)
                | Q(kind=ParticipantKind.NETWORK, network_member__isnull=False, user__isnull=True),
                name="participant_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user or self.resident or self.network_member)

    @property
    def email(self) -> str:
        person = self.user or self.resident or self.network_member
        return str(getattr(person, "email", "") or "")


class AgendaItem(models.Model):
    """A point on the agenda about the household, in one information category; its notes are the minutes."""

    conference = models.ForeignKey(CaseConference, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(_("agenda item"), max_length=200)
    category = models.ForeignKey(
        InformationCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("information category")
    )
    notes = models.TextField(_("minutes"), max_length=4000, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class FollowUp(models.TextChoices):
    OPEN = "open", _("Open, on time")
    DONE = "gedaan", _("Done")
    LATE = "te_laat", _("Late")
    CHANGED = "gewijzigd", _("Changed since the conference")
    REMOVED = "verwijderd", _("Action removed")


class ConferenceDecision(models.Model):
    """*Besluit*: what was agreed, by whom, by when. Recording it creates the plan action in the same step; the
    decision keeps what was agreed, so the next conference can see whether the action was done, is late, or was
    changed since."""

    conference = models.ForeignKey(CaseConference, on_delete=models.CASCADE, related_name="decisions")
    description = models.CharField(_("decision"), max_length=300)
    category = models.ForeignKey(
        InformationCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("information category")
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_resident = models.ForeignKey(Resident, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    due_date = models.DateField(_("due date"))
    action = models.OneToOneField(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="conference_decision"
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description

    @property
    def owner_display(self) -> str:
        return str(self.owner_user or self.owner_organisation or self.owner_resident or "")

    def follow_up(self, today: datetime.date | None = None) -> FollowUp:
        """Done, late or changed: how the action this decision created stands now."""
        from eenplan.plans.models import OPEN_ACTION_STATUSES, ActionStatus

        action = self.action
        if action is None:
            return FollowUp.REMOVED
        if action.status == ActionStatus.GEDAAN:
            return FollowUp.DONE
        changed = (
            action.status == ActionStatus.VERVALLEN
            or action.description != self.description
            or action.due_date != self.due_date
            or (action.owner_user_id, action.owner_organisation_id, action.owner_resident_id)
            != (self.owner_user_id, self.owner_organisation_id, self.owner_resident_id)
        )
        if changed:
            return FollowUp.CHANGED
        day = today or timezone.localdate()
        if action.status in OPEN_ACTION_STATUSES and action.due_date is not None and action.due_date < day:
            return FollowUp.LATE
        return FollowUp.OPEN


# --- Escalation with mandate ---------------------------------------------------------------------------------------


class EscalationMandate(models.Model):
    """*Mandaat* as data: what a role in an organisation may decide (e.g. a team leader up to €2,500, the municipal
    doorbraak-regisseur beyond the rules), and how many days it has to decide."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="escalation_mandates", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    level = models.PositiveSmallIntegerField(_("level"), default=1, help_text=_("1 is the first step up."))
    title = models.CharField(_("title"), max_length=120, help_text=_("For example: doorbraak-regisseur"))
    description = models.TextField(_("what this role may decide"), max_length=2000)
    max_amount = models.DecimalField(
        _("up to (euro)"), max_digits=10, decimal_places=2, null=True, blank=True, help_text=_("Empty: no limit.")
    )
    response_days = models.PositiveSmallIntegerField(_("days to decide"), default=10)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("escalation mandate")
        verbose_name_plural = _("escalation mandates")
        ordering = ["level", "organisation__name", "title"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "role", "level"], name="escalation_mandate_unique_level"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation.name}, {_('level')} {self.level})"


class EscalationKind(models.TextChoices):
    RULE = "regel", _("A rule")
    WAITING_LIST = "wachtlijst", _("A waiting list")
    BUDGET = "budget", _("A budget")
    OTHER = "anders", _("Something else")


class EscalationStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a decision")
    GRANTED = "toegekend", _("Granted")
    REFUSED = "geweigerd", _("Refused")


class Escalation(models.Model):
    """*Opschaling*: a plan is stuck on a rule, waiting list or budget; someone with the mandate decides by a date."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="escalations", verbose_name=_("household")
    )
    category = models.ForeignKey(
        InformationCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("information category")
    )
    kind = models.CharField(_("what blocks the plan"), max_length=20, choices=EscalationKind.choices)
    stuck = models.TextField(_("what is stuck"), max_length=2000)
    needed = models.TextField(_("what is needed"), max_length=2000)
    decide_by = models.DateField(_("decision needed by"))
    mandate = models.ForeignKey(
        EscalationMandate, on_delete=models.PROTECT, related_name="escalations", verbose_name=_("mandate")
    )
    decider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="escalations_to_decide",
        verbose_name=_("decides"),
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("raised by")
    )
    raised_by_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(_("raised"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=EscalationStatus.choices, default=EscalationStatus.OPEN
    )
    decision = models.TextField(_("decision"), max_length=2000, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    journal_note = models.OneToOneField(
        JournalNote, on_delete=models.SET_NULL, null=True, blank=True, related_name="escalation"
    )
    overdue_flagged_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["decide_by", "id"]
        indexes = [
            models.Index(fields=["status", "decide_by"], name="escalation_deadline"),
            models.Index(fields=["decider", "status", "decide_by"], name="escalation_decider"),
            models.Index(fields=["household", "-raised_at"], name="escalation_household"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=EscalationStatus.OPEN) | (~Q(decision="") & Q(decided_at__isnull=False)),
                name="escalation_decided_has_text",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()}"

    @property
    def is_overdue(self) -> bool:
        return self.status == EscalationStatus.OPEN and self.decide_by < timezone.localdate()


# --- Advice helpdesk ----------------------------------------------------------------------------------------------


class HelpdeskTopic(models.Model):
    """A helpdesk topic (data): fraud and enforcement, debts, income, Wmo, youth, housing, privacy, safety."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, help_text=_("In Dutch."))
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    response_days = models.PositiveSmallIntegerField(_("days to answer"), default=5)
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="helpdesk_topics", verbose_name=_("experts")
    )

    class Meta:
        verbose_name = _("helpdesk topic")
        verbose_name_plural = _("helpdesk topics")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        from django.utils.translation import get_language

        if self.name_en and (get_language() or "nl").startswith("en"):
            return self.name_en
        return self.name


class QuestionStatus(models.TextChoices):
    WAITING = "wacht", _("Waiting for an answer")
    ANSWERED = "beantwoord", _("Answered")
    PUBLISHED = "gepubliceerd", _("In the knowledge base")


class HelpdeskQuestion(models.Model):
    """*Consultatie*: a question about a situation, without anything that identifies the resident."""

    topic = models.ForeignKey(
        HelpdeskTopic, on_delete=models.PROTECT, related_name="questions", verbose_name=_("topic")
    )
    title = models.CharField(_("short title"), max_length=150)
    question = models.TextField(_("question"), max_length=4000)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="helpdesk_questions", verbose_name=_("asker")
    )
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    answer_by = models.DateTimeField(_("answer expected before"))
    status = models.CharField(
        _("status"), max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.WAITING
    )
    answer = models.TextField(_("answer"), max_length=6000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("helpdesk question")
        verbose_name_plural = _("helpdesk questions")
        ordering = ["-asked_at", "-id"]
        indexes = [
            models.Index(fields=["topic", "status", "answer_by"], name="question_queue"),
            models.Index(fields=["asked_by", "-asked_at"], name="question_asker"),
            models.Index(fields=["status", "-published_at"], name="question_published"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=QuestionStatus.WAITING) | (~Q(answer="") & Q(answered_at__isnull=False)),
                name="question_answered_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.status == QuestionStatus.WAITING and self.answer_by < timezone.now()


# --- Barriers log ---------------------------------------------------------------------------------------------------


class BarrierKind(models.TextChoices):
    RULE = "regel", _("A rule")
    FUNDING = "financieel_schot", _("Separate budgets (funding silo)")
    WAITING_LIST = "wachtlijst", _("A waiting list")
    MISSING = "ontbrekend_aanbod", _("A missing service")
    COOPERATION = "samenwerking", _("Cooperation")
    ICT = "ict", _("ICT")


class BarrierStatus(models.TextChoices):
    NEW = "nieuw", _("New")
    RECOGNISED = "erkend", _("Recognised")
    WORKING = "in_behandeling", _("Being worked on")
    SOLVED = "opgelost", _("Solved")
    NOT_SOLVABLE = "niet_oplosbaar", _("Not solvable")


class Barrier(models.Model):
    """*Knelpunt*: what gets in the way of helping households, without personal data. No household field: a barrier
    raised from a household keeps that link in `BarrierSource`, which no count or list of barriers reads."""

    kind = models.CharField(_("kind"), max_length=30, choices=BarrierKind.choices)
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="barriers", verbose_name=_("organisations involved")
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="barriers",
        verbose_name=_("neighbourhood"),
    )
    description = models.TextField(_("description"), max_length=2000)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="barriers_raised", verbose_name=_("raised by")
    )
    raised_at = models.DateTimeField(_("raised"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=BarrierStatus.choices, default=BarrierStatus.NEW)
    response = models.TextField(_("response"), max_length=2000, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("barrier")
        verbose_name_plural = _("barriers")
        ordering = ["-raised_at", "-id"]
        indexes = [
            models.Index(fields=["kind", "raised_at"], name="barrier_kind"),
            models.Index(fields=["neighbourhood", "raised_at"], name="barrier_neighbourhood"),
            models.Index(fields=["status", "raised_at"], name="barrier_status"),
            models.Index(fields=["raised_by", "-raised_at"], name="barrier_raiser"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()}"


class BarrierSource(models.Model):
    """The household a barrier was raised from: shown only on that household's own pages, never in an aggregate."""

    barrier = models.OneToOneField(Barrier, on_delete=models.CASCADE, related_name="source")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="barrier_sources")

    class Meta:
        verbose_name = _("barrier source")
        verbose_name_plural = _("barrier sources")

    def __str__(self) -> str:
        return f"{self.barrier_id} ← {self.household_id}"
