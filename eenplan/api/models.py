# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""API clients (*API-clients*): an organisation's system that acts for that organisation through the same door.

A client is an OAuth 2.0 application (django-oauth-toolkit, client credentials) of one organisation, with the scopes
the functional administrator granted it. Every call is logged in the access log under the client's own account
(`user`: an inactive account that can never sign in to the pages), with the role "api_client" and the organisation.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oauth2_provider.settings import oauth2_settings

from eenplan.access.policy import oversees_whole_access_log
from eenplan.accounts.models import Organisation
from eenplan.households.fields import EncryptedTextField


class Scope(models.TextChoices):
    """What a client may do. A token carries some of its client's scopes; each endpoint needs one."""

    READ_PLANS = "plans:read", _("Read households, plans, goals, actions and care teams")
    READ_REFERRALS = "referrals:read", _("Read referrals")
    WRITE_REFERRALS = "referrals:write", _("Make and move referrals")
    READ_CONSENTS = "consents:read", _("Read consents")
    READ_DIRECTORY = "directory:read", _("Read the sociale kaart")
    READ_AUDIT = "audit:read", _("Read the access log entries of a household (privacy officer's system)")
    # Every entry about a household, whoever looked: only for the wijkteam's or the municipality's privacy officer's
    # system (policy.oversees_whole_access_log), as their privacy officer oversees the whole log on the pages.
    READ_AUDIT_ALL = (
        "audit:all",
        _(
            "Read every access log entry about a household, whoever looked (the privacy officer's system of the "
            "wijkteam or the municipality)"
        ),
    )


# Scopes only a client of some organisations may hold: the functional administrator cannot grant them to another.
def scope_allowed_for(scope: str, organisation_type: str) -> bool:
    """May a client of an organisation of this type hold this scope?"""
    if scope == Scope.READ_AUDIT_ALL:
        return oversees_whole_access_log(organisation_type)
    return scope in Scope.values


class ApiClientQuerySet(models.QuerySet["ApiClient"]):
    def active(self) -> ApiClientQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiClient(models.Model):
    name = models.CharField(_("name"), max_length=120, help_text=_("The system, e.g. the debt-help case system."))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="api_clients", verbose_name=_("organisation")
    )
    scopes = models.CharField(_("scopes"), max_length=300, help_text=_("Separated by spaces."))
    application = models.OneToOneField(
        oauth2_settings.APPLICATION_MODEL, on_delete=models.PROTECT, related_name="api_client", editable=False
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client", editable=False
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    webhook_url = models.URLField(
        _("webhook URL"),
        blank=True,
        max_length=500,
        help_text=_("Where EenPlan posts a signed event when a referral of this organisation changes state."),
    )
    # The key of the webhooks' HMAC-SHA256 signature: EenPlan must read it to sign, so it is encrypted, not hashed.
    webhook_secret = EncryptedTextField(_("webhook secret"), blank=True, editable=False)

    objects = ApiClientQuerySet.as_manager()

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    @property
    def scope_list(self) -> list[str]:
        """The granted scopes this client may hold now (a scope its organisation may no longer hold is left out)."""
        return [scope for scope in self.scopes.split() if scope_allowed_for(scope, self.organisation.type)]

    @property
    def client_id(self) -> str:
        return str(self.application.client_id)
