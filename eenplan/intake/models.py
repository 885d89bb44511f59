# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The access point (*toegang*): requests for help (*aanmeldingen*), signals, triage and integral intake.

A request stores as little as possible until a professional accepts it: a name, one way to reach the person,
a postcode to route it to the right wijk, and the question in their own words.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.models import Neighbourhood
from eenplan.households.models import Household


class Source(models.TextChoices):
    PUBLIC = "publiek", _("Request from a resident")
    SIGNAL = "signaal", _("Signal from a professional")


class RequestStatus(models.TextChoices):
    NEW = "nieuw", _("New")
    ASSIGNED = "toegewezen", _("Assigned")
    ACCEPTED = "geaccepteerd", _("Accepted")
    DECLINED = "afgewezen", _("Declined")


OPEN_STATUSES = (RequestStatus.NEW, RequestStatus.ASSIGNED)


class IntakeRequest(models.Model):
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    status = models.CharField(_("status"), max_length=15, choices=RequestStatus.choices, default=RequestStatus.NEW)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intake_requests",
        verbose_name=_("neighbourhood"),
    )
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=120)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    question = models.TextField(_("question"), max_length=2000)
    submitted_at = models.DateTimeField(_("received"), default=timezone.now)
    sender_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    signal_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signalled by"),
    )
    signal_household = models.ForeignKey(
        Household, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("about household")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_requests",
        verbose_name=_("assigned to"),
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intake_requests",
        verbose_name=_("household"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("request for help")
        verbose_name_plural = _("requests for help")
        ordering = ["submitted_at", "id"]
        indexes = [
            models.Index(fields=["neighbourhood", "status", "submitted_at"], name="request_queue"),
            models.Index(fields=["sender_digest", "submitted_at"], name="request_rate_limit"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(source=Source.SIGNAL) | ~Q(phone="") | ~Q(email=""), name="request_has_contact"
            ),
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.DECLINED) | ~Q(decline_reason=""), name="request_decline_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_source_display()}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Urgency(models.TextChoices):
    LOW = "laag", _("Can wait a few weeks")
    NORMAL = "normaal", _("Within two weeks")
    HIGH = "hoog", _("This week")
    CRISIS = "crisis", _("Crisis: today")


class Intake(models.Model):
    """*Integrale vraagverheldering*: one structured record across all life domains."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="intakes", verbose_name=_("household")
    )
    request = models.ForeignKey(
        IntakeRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intakes",
        verbose_name=_("request"),
    )
    question_in_own_words = models.TextField(_("the question in the resident's own words"), max_length=4000)
    own_strength = models.TextField(_("what the resident can do themselves"), max_length=2000, blank=True)
    network = models.TextField(_("what the network can do"), max_length=2000, blank=True)
    domain_notes = models.JSONField(_("situation per life domain"), default=dict, blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    acute_danger = models.BooleanField(_("Is anyone in acute danger?"), default=False)
    children_at_risk = models.BooleanField(_("Are there worries about the safety of children?"), default=False)
    domestic_violence = models.BooleanField(_("Are there signs of domestic violence?"), default=False)
    safety_notes = models.TextField(_("notes on safety"), max_length=2000, blank=True)
    conducted_on = models.DateField(_("date"), default=timezone.localdate)
    conducted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        ordering = ["-conducted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.household} — {self.conducted_on}"

    @property
    def has_safety_concern(self) -> bool:
        return self.acute_danger or self.children_at_risk or self.domestic_violence
