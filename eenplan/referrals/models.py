# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Closed-loop referrals (*verwijzingen*) from a plan action to a service of the sociale kaart."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eenplan.access.models import InformationCategory
from eenplan.accounts.models import Organisation
from eenplan.directory.models import Service
from eenplan.households.models import Household
from eenplan.plans.models import Action


class ReferralState(models.TextChoices):
    CONCEPT = "concept", _("Draft")
    VERZONDEN = "verzonden", _("Sent")
    ONTVANGEN = "ontvangen", _("Received")
    GEACCEPTEERD = "geaccepteerd", _("Accepted")
    AFGEWEZEN = "afgewezen", _("Declined")
    IN_BEHANDELING = "in_behandeling", _("Being handled")
    AFGEROND = "afgerond", _("Completed")
    GESTOPT = "gestopt", _("Stopped")
    INGETROKKEN = "ingetrokken", _("Withdrawn")


WAITING_STATES = (ReferralState.VERZONDEN, ReferralState.ONTVANGEN)
OPEN_STATES = (*WAITING_STATES, ReferralState.GEACCEPTEERD, ReferralState.IN_BEHANDELING)
FINAL_STATES = (ReferralState.AFGEWEZEN, ReferralState.AFGEROND, ReferralState.GESTOPT, ReferralState.INGETROKKEN)


class Referral(models.Model):
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("household")
    )
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals", verbose_name=_("action")
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("service"))
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="referrals_received", verbose_name=_("to organisation")
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals_sent", verbose_name=_("referrer")
    )
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="referrals_sent", verbose_name=_("from organisation")
    )
    summary = models.TextField(_("summary for the receiver"), max_length=2000)
    shared_categories = models.ManyToManyField(
        InformationCategory, related_name="+", verbose_name=_("information shared")
    )
    state = models.CharField(_("status"), max_length=20, choices=ReferralState.choices, default=ReferralState.CONCEPT)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    outcome = models.TextField(_("outcome"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    response_deadline = models.DateTimeField(_("answer expected before"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_handled",
        verbose_name=_("handled by"),
    )
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[shared_categories])

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["to_organisation", "state", "sent_at"], name="referral_inbox"),
            models.Index(fields=["household", "-created_at"], name="referral_household"),
            models.Index(fields=["state", "response_deadline"], name="referral_deadline"),
            models.Index(fields=["service", "state"], name="referral_service_state"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} → {self.service}"

    @property
    def is_overdue(self) -> bool:
        return (
            self.state in WAITING_STATES
            and self.response_deadline is not None
            and self.response_deadline < timezone.now()
        )


class ReferralEvent(models.Model):
    """Every state change: from, to, when, by whom, with what note. The closed loop's memory."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=20, choices=ReferralState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=ReferralState.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(max_length=2000, blank=True)

    class Meta:
        verbose_name = _("referral event")
        verbose_name_plural = _("referral events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"
