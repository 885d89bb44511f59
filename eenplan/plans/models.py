# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The plan of a household (*plan van aanpak*): goals per life domain, actions, care team, network, journal."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eenplan.access.models import InformationCategory
from eenplan.accounts.models import Organisation
from eenplan.households.models import Household, Resident
from eenplan.plans.domains import LifeDomain


class PlanStatus(models.TextChoices):
    CONCEPT = "concept", _("Draft")
    VASTGESTELD = "vastgesteld", _("Agreed")
    GEEVALUEERD = "geevalueerd", _("Evaluated")
    AFGESLOTEN = "afgesloten", _("Closed")


ACTIVE_STATUSES = (PlanStatus.CONCEPT, PlanStatus.VASTGESTELD)


class AgreementMethod(models.TextChoices):
    IN_PERSON = "in_persoon", _("In person")
    DIGITAL = "digitaal", _("Digitally")
    PAPER = "papier", _("On paper (signed)")


class Plan(models.Model):
    """One active plan per household (database constraint); reopening a finished plan starts a new version."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="plans", verbose_name=_("household")
    )
    number = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.CONCEPT)
    is_active = models.BooleanField(default=True, editable=False)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    own_strength = models.TextField(
        _("what the resident and their network do themselves"),
        max_length=2000,
        blank=True,
        help_text=_("Own strength (eigen kracht): first look at what the resident and their network can do."),
    )
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    agreement_method = models.CharField(
        _("how the resident agreed"), max_length=20, choices=AgreementMethod.choices, blank=True
    )
    evaluation_date = models.DateField(_("evaluation date"), null=True, blank=True, db_index=True)
    evaluation = models.TextField(_("evaluation"), max_length=4000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"], condition=Q(is_active=True), name="plan_one_active_per_household"
            ),
            models.UniqueConstraint(fields=["household", "number"], name="plan_unique_number"),
            models.CheckConstraint(
                condition=Q(is_active=True, status__in=ACTIVE_STATUSES)
                | Q(is_active=False, status__in=(PlanStatus.GEEVALUEERD, PlanStatus.AFGESLOTEN)),
                name="plan_active_matches_status",
            ),
            models.CheckConstraint(
                condition=Q(status=PlanStatus.CONCEPT) | Q(agreed_on__isnull=False) & ~Q(agreement_method=""),
                name="plan_agreed_has_date_and_method",
            ),
        ]
        indexes = [models.Index(fields=["is_active", "evaluation_date"], name="plan_active_evaluation")]

    def __str__(self) -> str:
        return f"{self.household} — plan {self.number}"


class Goal(models.Model):
    """*Doel*: per life domain, in the resident's own words, with the professional's view beside it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan"))
    domain = models.CharField(_("life domain"), max_length=30, choices=LifeDomain.choices)
    resident_words = models.TextField(_("the goal in the resident's own words"), max_length=2000)
    professional_view = models.TextField(_("the professional's view"), max_length=2000, blank=True)
    category = models.ForeignKey(
        InformationCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("information category")
    )
    achieved = models.BooleanField(_("achieved"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan_id", "id"]
        constraints = [models.CheckConstraint(condition=~Q(resident_words=""), name="goal_has_words")]

    def __str__(self) -> str:
        return self.resident_words[:60]


class OwnerKind(models.TextChoices):
    PROFESSIONAL = "professional", _("A professional")
    ORGANISATION = "organisation", _("An organisation")
    RESIDENT = "resident", _("The resident")
    NETWORK = "network", _("Someone from the network")
    VOLUNTEER = "volunteer", _("A volunteer")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    BEZIG = "bezig", _("In progress")
    GEDAAN = "gedaan", _("Done")
    VERVALLEN = "vervallen", _("Cancelled")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.BEZIG)


class Funding(models.TextChoices):
    REGULAR = "regulier", _("Regular scheme")
    NEIGHBOURHOOD_BUDGET = "wijkbudget", _("Neighbourhood budget")


class NetworkMember(models.Model):
    """Someone from the resident's own network: family, neighbour, friend."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="network_members", verbose_name=_("household")
    )
    name = models.CharField(_("name"), max_length=120)
    relation = models.CharField(_("relation"), max_length=80, help_text=_("For example: sister, neighbour"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    contribution = models.CharField(_("what they do"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.relation})"


class Action(models.Model):
    """*Actie*: what, who, when, status; optionally a cost and its funding."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("plan"))
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions", verbose_name=_("goal")
    )
    description = models.CharField(_("what"), max_length=300)
    owner_kind = models.CharField(_("who"), max_length=20, choices=OwnerKind.choices)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("professional or volunteer"),
    )
    owner_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organisation")
    )
    owner_resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("resident")
    )
    owner_network_member = models.ForeignKey(
        NetworkMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("network member"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    category = models.ForeignKey(
        InformationCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("information category")
    )
    cost = models.DecimalField(_("cost (euro)"), max_digits=9, decimal_places=2, null=True, blank=True)
    funding = models.CharField(_("funding"), max_length=20, choices=Funding.choices, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["owner_user", "status", "due_date"], name="action_owner_open_due"),
            models.Index(fields=["plan", "status"], name="action_plan_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        owner_kind__in=(OwnerKind.PROFESSIONAL, OwnerKind.VOLUNTEER),
                        owner_user__isnull=False,
                        owner_organisation__isnull=True,
                        owner_resident__isnull=True,
                        owner_network_member__isnull=True,
                    )
                    | Q(
                        owner_kind=OwnerKind.ORGANISATION,
                        owner_user__isnull=True,
                        owner_organisation__isnull=False,
                        owner_resident__isnull=True,
                        owner_network_member__isnull=True,
                    )
                    | Q(
                        owner_kind=OwnerKind.RESIDENT,
                        owner_user__isnull=True,
                        owner_organisation__isnull=True,
                        owner_resident__isnull=False,
                        owner_network_member__isnull=True,
                    )
                    | Q(
                        owner_kind=OwnerKind.NETWORK,
                        owner_user__isnull=True,
                        owner_organisation__isnull=True,
                        owner_resident__isnull=True,
                        owner_network_member__isnull=False,
                    )
                ),
                name="action_owner_matches_kind",
            ),
            models.CheckConstraint(condition=Q(cost__isnull=True) | Q(cost__gte=0), name="action_cost_not_negative"),
            models.CheckConstraint(condition=Q(cost__isnull=False) | Q(funding=""), name="action_funding_needs_cost"),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def owner_display(self) -> str:
        owner = self.owner_user or self.owner_organisation or self.owner_resident or self.owner_network_member
        return str(owner) if owner is not None else ""

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in OPEN_ACTION_STATUSES and self.due_date is not None and self.due_date < timezone.localdate()
        )


class CareTeamQuerySet(models.QuerySet["CareTeamMember"]):
    def current(self, on: datetime.date | None = None) -> CareTeamQuerySet:
        """Members on this day (default today): started, and not yet ended — an end date later on still counts."""
        day = on or timezone.localdate()
        return self.filter(Q(until__isnull=True) | Q(until__gte=day), since__lte=day)


class CareTeamMember(models.Model):
    """*Betrokkene*: a professional or organisation in this household's care team, with role and task."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="care_team", verbose_name=_("household")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_teams",
        verbose_name=_("professional"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="care_teams", verbose_name=_("organisation")
    )
    role = models.CharField(_("role in this household"), max_length=120)
    task = models.CharField(_("task"), max_length=300, blank=True)
    since = models.DateField(_("since"), default=timezone.localdate)
    until = models.DateField(_("until"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = CareTeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("care team member")
        verbose_name_plural = _("care team members")
        ordering = ["since", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")), name="careteam_until_after_since"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user or self.organisation} — {self.role}"


class RegisseurTransfer(models.Model):
    """*Warme overdracht*: the regisseur role moved from one professional to another, with a handover note."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="regisseur_transfers", verbose_name=_("household")
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("from")
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    note = models.TextField(_("handover note"), max_length=4000)
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    transferred_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("regisseur transfer")
        verbose_name_plural = _("regisseur transfers")
        ordering = ["-transferred_at"]

    def __str__(self) -> str:
        return f"{self.from_user} → {self.to_user}"


class JournalNote(models.Model):
    """*Journaal*: a dated note on the household timeline, in one information category."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="journal", verbose_name=_("household")
    )
    category = models.ForeignKey(
        InformationCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("information category")
    )
    text = models.TextField(_("note"), max_length=4000)
    happened_on = models.DateField(_("date"), default=timezone.localdate)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("journal note")
        verbose_name_plural = _("journal notes")
        ordering = ["-happened_on", "-id"]
        indexes = [models.Index(fields=["household", "-happened_on"], name="journal_household_date")]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="journal_has_text")]

    def __str__(self) -> str:
        return f"{self.happened_on}: {self.text[:40]}"
