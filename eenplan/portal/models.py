# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Mijn EenPlan, the resident's portal: portal accounts, activation letters, agreements, messages, AVG requests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from solo.models import SingletonModel

from eenplan.accounts.models import Organisation
from eenplan.households.models import Household, Resident
from eenplan.plans.models import Plan

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


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


class Representative(models.Model):
    """*Vertegenwoordiger*: an employee of an organisation (a bewindvoerder, mentor or curator, with a KvK number or
    RSIN) who logged in with eHerkenning under a machtiging to act for a resident (docs/portal.md). `user` is the
    account the access log records them under (role "vertegenwoordiger"): no password, no membership. Kept per
    organisation and employee pseudonym, so the log tells which employee looked; no BSN is kept here."""

    legal_subject = models.CharField(_("KvK number or RSIN"), max_length=9)
    legal_subject_is_rsin = models.BooleanField(_("RSIN"), default=False)
    acting_subject = models.CharField(_("employee (pseudonym)"), max_length=255)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="portal_representative",
        verbose_name=_("log account"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_login_at = models.DateTimeField(_("last signed in"), null=True, blank=True)

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.UniqueConstraint(fields=["legal_subject", "acting_subject"], name="portal_representative_unique")
        ]

    def __str__(self) -> str:
        return f"representative {self.pk}"

    @property
    def organisation_label(self) -> str:
        """ "KvK 12345678" (or "RSIN 123456789"): how the organisation is named to the resident and in the log."""
        return f"{'RSIN' if self.legal_subject_is_rsin else 'KvK'} {self.legal_subject}"


def default_bewindvoering_options() -> dict[str, object]:
    from eenplan.portal.oidc import default_options

    return default_options()


class EHerkenningBewindvoeringConfig(SingletonModel):
    """How EenPlan reaches the municipality's eHerkenning broker over OpenID Connect for representatives
    (eenplan.portal.oidc, docs/portal.md). The claim paths are the options of django-digid-eherkenning's
    bewindvoering schema; the client secret is not here but in the environment (EHERKENNING_OIDC_CLIENT_SECRET)."""

    class ClaimsSource(models.TextChoices):
        ID_TOKEN = "id_token", _("ID token")
        USERINFO = "userinfo_endpoint", _("Userinfo endpoint")

    enabled = models.BooleanField(
        _("enabled"), default=False, help_text=_("On: the portal's login page offers eHerkenning for a representative.")
    )
    oidc_op_authorization_endpoint = models.URLField(_("authorization endpoint"), max_length=1000, blank=True)
    oidc_op_token_endpoint = models.URLField(_("token endpoint"), max_length=1000, blank=True)
    oidc_op_user_endpoint = models.URLField(_("userinfo endpoint"), max_length=1000, blank=True)
    oidc_op_jwks_endpoint = models.URLField(
        _("JSON Web Key Set endpoint"), max_length=1000, blank=True, help_text=_("The broker's keys (RS256, ES256).")
    )
    oidc_rp_client_id = models.CharField(_("client id"), max_length=1000, blank=True)
    oidc_rp_scopes = models.CharField(_("scopes"), max_length=500, default="openid")
    oidc_rp_sign_algo = models.CharField(_("signing algorithm"), max_length=50, default="RS256")
    claims_source = models.CharField(
        _("claims from"), max_length=30, choices=ClaimsSource.choices, default=ClaimsSource.ID_TOKEN
    )
    options = models.JSONField(
        _("claim paths"),
        default=default_bewindvoering_options,
        help_text=_(
            "The options of django-digid-eherkenning's eHerkenning bewindvoering schema: where the broker puts "
            "the represented BSN, the KvK number, the employee and the mandate's service."
        ),
    )

    class Meta:
        verbose_name = _("eHerkenning for representatives (OIDC)")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    def clean(self) -> None:
        if problems := self.problems():
            raise ValidationError(problems)

    def problems(self) -> dict[str, list[StrOrPromise]]:
        """What is wrong with this configuration, by field (NON_FIELD_ERRORS: what is missing for switching it on);
        empty when nothing is. The one check behind both the form (`clean`) and whether the login is offered
        (`oidc.is_ready`). A configuration that is off may be incomplete; one that is on needs every endpoint the
        flow calls, the JWKS endpoint included: the ID token's signature is checked with the broker's keys; and the
        userinfo endpoint when the claims are read from it (`claims_source`), as every login would fail without it."""
        from eenplan.portal.oidc import endpoint_is_safe, options_errors

        found: dict[str, list[StrOrPromise]] = {}
        if errors := options_errors(self.options):
            found["options"] = list(errors)
        for name in (
            "oidc_op_authorization_endpoint",
            "oidc_op_token_endpoint",
            "oidc_op_user_endpoint",
            "oidc_op_jwks_endpoint",
        ):
            url = getattr(self, name)
            if url and not endpoint_is_safe(url):
                found[name] = [_("Use https (plain http only on this machine, for tests).")]
        if self.enabled and not all(
            (
                self.oidc_op_authorization_endpoint,
                self.oidc_op_token_endpoint,
                self.oidc_op_jwks_endpoint,
                self.oidc_rp_client_id,
            )
        ):
            found[NON_FIELD_ERRORS] = [_("Fill in the endpoints and the client id before switching it on.")]
        if self.enabled and self.claims_source == self.ClaimsSource.USERINFO and not self.oidc_op_user_endpoint:
            found["oidc_op_user_endpoint"] = [_("Fill in the userinfo endpoint: the claims are read from it.")]
        return found
