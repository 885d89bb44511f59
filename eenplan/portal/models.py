# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Mijn EenPlan, the resident's portal: portal accounts, activation letters, agreements, messages, AVG requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.models import Organisation
from eenplan.households.models import Household, Resident
from eenplan.plans.models import Plan


class PortalAccount(models.Model):
    """A resident's way into the portal. `user` is the account the access log records the resident under (role
    "inwoner"): it has no password, no membership and never signs in to the professionals' pages."""

    resident = models.OneToOneField(
        Resident, on_delete=models.CASCADE, related_name="portal_account", verbose_name=_("resident")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="portal_account", verbose_name=_("log account")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_login_at = models.DateTimeField(_("last signed in"), null=True, blank=True)

    class Meta:
        verbose_name = _("portal account")
        verbose_name_plural = _("portal accounts")

    def __str__(self) -> str:
        return f"portal account {self.pk}"


class ActivationLetter(models.Model):
    """*Activeringsbrief*: a one-time code the regisseur gives a resident without DigiD. Only its digest is kept."""

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="activation_letters", verbose_name=_("resident")
    )
    code_digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("made by")
    )
    created_at = models.DateTimeField(_("made at"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("activation letter")
        verbose_name_plural = _("activation letters")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["resident", "-created_at"], name="activation_resident")]

    def __str__(self) -> str:
        return f"activation letter {self.pk}"


class PlanAgreement(models.Model):
    """A resident agreed to a plan in the portal: who and at what moment (the plan records "digitaal" and the day)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="portal_agreements", verbose_name=_("plan"))
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="+", verbose_name=_("resident"))
    agreed_at = models.DateTimeField(_("agreed at"), default=timezone.now)

    class Meta:
        verbose_name = _("plan agreement")
        verbose_name_plural = _("plan agreements")
        ordering = ["-agreed_at"]

    def __str__(self) -> str:
        return f"agreement {self.pk}"


class Message(models.Model):
    """A secure message between a resident and the household's regisseur, kept in EenPlan; an e-mail only says that
    there is a new one."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="portal_messages", verbose_name=_("household")
    )
    from_resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("from resident")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"), max_length=4000)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["household", "-sent_at"], name="portalmessage_household")]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="portalmessage_has_body")]

    def __str__(self) -> str:
        return f"message {self.pk}"

    @property
    def by_resident(self) -> bool:
        return self.from_resident_id is not None


class CorrectionRequest(models.Model):
    """A request for correction (AVG art. 16): a task for the regisseur, to be answered within a month (art. 12)."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="correction_requests", verbose_name=_("household")
    )
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="+", verbose_name=_("resident"))
    text = models.TextField(_("what is wrong, and what should it be"), max_length=2000)
    requested_at = models.DateTimeField(_("asked on"), default=timezone.now)
    due_on = models.DateField(_("answer before"))
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answer = models.TextField(_("answer"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("request for correction")
        verbose_name_plural = _("requests for correction")
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["household", "handled_at"], name="correction_household_open")]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="correction_has_text")]

    def __str__(self) -> str:
        return f"correction request {self.pk}"


class OrganisationPortalPolicy(models.Model):
    """An organisation's choice for My EenPlan: may residents see the names of its professionals (in "who looked at
    my file" and as "who" in the plan)? Without a row, or with the box off, residents see roles only."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="portal_policy", verbose_name=_("organisation")
    )
    show_professional_names = models.BooleanField(
        _("show professionals' names to residents"),
        default=False,
        help_text=_(
            "On: residents see the name of the professional who looked at their file or does an action. "
            "Off: they see the role only (for example 'Partner professional')."
        ),
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("My EenPlan: names policy")
        verbose_name_plural = _("My EenPlan: names policies")

    def __str__(self) -> str:
        return str(self.organisation)
