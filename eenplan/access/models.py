# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Consent (*toestemming*), break-the-glass access (*noodtoegang*) and the access log (*logging van inzage*)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eenplan.access.log_hash import chain_hash
from eenplan.accounts.models import Organisation
from eenplan.households.models import Household, Resident


class InformationCategory(models.Model):
    """The unit of consent (DESIGN.md §3): basis, financiën, werk & inkomen, wonen, gezondheid, gezin, justitie."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, help_text=_("In Dutch."))
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("information category")
        verbose_name_plural = _("information categories")

    def __str__(self) -> str:
        from django.utils.translation import get_language

        if self.name_en and (get_language() or "nl").startswith("en"):
            return self.name_en
        return self.name


BASIS = "basis"


class ConsentMethod(models.TextChoices):
    MONDELING = "mondeling", _("Spoken (in conversation)")
    SCHRIFTELIJK = "schriftelijk", _("In writing (signed)")
    DIGITAAL = "digitaal", _("Digital (through the portal)")


class ConsentQuerySet(models.QuerySet["Consent"]):
    def valid_on(self, day: object = None) -> ConsentQuerySet:
        day = day or timezone.localdate()
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day), valid_from__lte=day, withdrawn_at__isnull=True
        )


class Consent(models.Model):
    """A resident (or the whole household) allows one organisation to see some categories, for a purpose."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="consents", verbose_name=_("household")
    )
    resident = models.ForeignKey(
        Resident,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("resident"),
        help_text=_("Leave empty when the consent covers the whole household."),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="consents", verbose_name=_("organisation")
    )
    categories = models.ManyToManyField(InformationCategory, related_name="consents", verbose_name=_("information"))
    purpose = models.CharField(_("purpose"), max_length=300)
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    method = models.CharField(_("how given"), max_length=20, choices=ConsentMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[categories])
    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-valid_from", "-id"]
        indexes = [
            models.Index(fields=["organisation", "household", "withdrawn_at"], name="consent_org_household"),
            models.Index(fields=["household", "withdrawn_at"], name="consent_household"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="consent_until_after_from",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""),
                name="consent_withdrawal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.purpose}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def is_valid_on(self, day: object = None) -> bool:
        day = day or timezone.localdate()
        return (
            self.withdrawn_at is None
            and self.valid_from <= day  # type: ignore[operator]
            and (self.valid_until is None or self.valid_until >= day)  # type: ignore[operator]
        )

    @property
    def state(self) -> str:
        if self.withdrawn_at is not None:
            return "withdrawn"
        today = timezone.localdate()
        if self.valid_from > today:
            return "future"
        if self.valid_until is not None and self.valid_until < today:
            return "expired"
        return "valid"


class ConsentProposal(models.Model):
    """A consent a professional proposes and the resident gives (or declines) in the portal (Mijn EenPlan).

    A proposal gives no access: only the Consent the resident's acceptance creates does (method "digitaal",
    recorded by the resident's portal account)."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="consent_proposals", verbose_name=_("household")
    )
    resident = models.ForeignKey(
        Resident,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consent_proposals",
        verbose_name=_("resident"),
        help_text=_("Leave empty when the consent covers the whole household."),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="consent_proposals", verbose_name=_("organisation")
    )
    categories = models.ManyToManyField(InformationCategory, related_name="+", verbose_name=_("information"))
    purpose = models.CharField(_("purpose"), max_length=300)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    accepted = models.BooleanField(_("accepted"), null=True, blank=True)
    consent = models.OneToOneField(
        Consent, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposal", verbose_name=_("consent")
    )

    class Meta:
        verbose_name = _("consent proposal")
        verbose_name_plural = _("consent proposals")
        ordering = ["-proposed_at", "-id"]
        indexes = [models.Index(fields=["household", "decided_at"], name="consentproposal_open")]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_at__isnull=True, accepted__isnull=True)
                | Q(decided_at__isnull=False, accepted__isnull=False),
                name="consentproposal_answer_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.purpose}"


class MemberAccessGrant(models.Model):
    """An adult member of a household lets another adult member see their information in the portal (Mijn EenPlan).
    Without it a resident sees nothing personal of another adult member; withdrawn at once (`withdrawn_at`)."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="member_access_grants", verbose_name=_("household")
    )
    from_resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="access_given", verbose_name=_("given by")
    )
    to_resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="access_received", verbose_name=_("given to")
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("access given to a household member")
        verbose_name_plural = _("access given to household members")
        ordering = ["-given_at", "-id"]
        indexes = [models.Index(fields=["to_resident", "withdrawn_at"], name="memberaccess_to")]
        constraints = [
            models.CheckConstraint(condition=~Q(from_resident=models.F("to_resident")), name="memberaccess_not_self"),
            models.UniqueConstraint(
                fields=["from_resident", "to_resident"],
                condition=Q(withdrawn_at__isnull=True),
                name="memberaccess_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"member access {self.pk}"


class BreakGlassReason(models.TextChoices):
    SAFETY = "veiligheid", _("Acute safety of a resident or others")
    MELDCODE = "meldcode", _("Meldcode domestic violence and child abuse")
    HEALTH = "gezondheid", _("Acute medical or mental-health emergency")
    OTHER = "anders", _("Other emergency (explain)")


class BreakGlassAccess(models.Model):
    """*Noodtoegang*: time-limited emergency access without consent; always reviewed by the privacy officer."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="break_glass", verbose_name=_("household")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=BreakGlassReason.choices)
    explanation = models.TextField(_("explanation"), max_length=1000)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_comment = models.TextField(_("review comment"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["user", "household", "expires_at"], name="breakglass_user_household"),
            models.Index(fields=["reviewed_at", "started_at"], name="breakglass_review_queue"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(explanation=""), name="breakglass_has_explanation"),
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("started_at")), name="breakglass_expires"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.household_id} — {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.started_at <= timezone.now() < self.expires_at


class LogAction(models.TextChoices):
    VIEW = "view", _("viewed")
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    EXPORT = "export", _("exported")
    PRINT = "print", _("printed")
    BREAK_GLASS = "break_glass", _("emergency access")
    # The door refused the request (403, 404 of an unknown id, 405 of a write to a read-only page): nothing shown.
    REFUSED = "refused", _("refused")


GENESIS_HASH = "0" * 64


class AccessLogEntry(models.Model):
    """One entry per request that touches household data (NEN 7513 style). Append-only and hash-chained.

    Identifiers only, no free text about the resident. Household and resident are plain numbers, not foreign
    keys, so the log outlives the data it describes (it is kept at least five years).
    """

    timestamp = models.DateTimeField(_("time"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=30, blank=True)
    organisation_id_at_time = models.BigIntegerField(_("organisation"), null=True, blank=True)
    household_id = models.BigIntegerField(_("household"), null=True, blank=True)
    resident_id = models.BigIntegerField(_("resident"), null=True, blank=True)
    action = models.CharField(_("what happened"), max_length=20, choices=LogAction.choices)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.BigIntegerField(_("object"), null=True, blank=True)
    justification = models.CharField(_("justification"), max_length=60)
    break_glass = models.BooleanField(_("emergency access"), default=False)
    request_id = models.CharField(_("request"), max_length=32)
    # Which key of ACCESS_LOG_KEYS the hash is made with (its fingerprint); "legacy": unkeyed, before keys existed.
    key_id = models.CharField(max_length=16)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["household_id", "-timestamp"], name="accesslog_household_time"),
            models.Index(fields=["user", "-timestamp"], name="accesslog_user_time"),
            models.Index(fields=["-timestamp"], name="accesslog_time"),
            # Refusals are few: partial indexes for the privacy officer's "only refusals" filter (newest first)
            # and for the alert on many refusals by one user in a short time.
            models.Index(fields=["-id"], condition=Q(action="refused"), name="accesslog_refused"),
            models.Index(fields=["timestamp", "user"], condition=Q(action="refused"), name="accesslog_refused_time"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.timestamp:%Y-%m-%d %H:%M:%S} {self.action} {self.object_type}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Access log entries are append-only.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Access log entries are append-only.")

    def content_fields(self) -> tuple[Any, ...]:
        """The hashed fields, in LOG_FIELD_COLUMNS order (the key id last)."""
        return (
            self.timestamp,
            self.user_id,
            self.role,
            self.organisation_id_at_time,
            self.household_id,
            self.resident_id,
            self.action,
            self.object_type,
            self.object_id,
            self.justification,
            self.break_glass,
            self.request_id,
            self.key_id,
        )

    def compute_hash(self) -> str:
        """The hash this entry must have after its predecessor (raises log_hash.UnknownKey for an unknown key)."""
        return chain_hash(self.content_fields(), self.previous_hash)


# The fields an entry's hash covers, in order; the previous hash is chained in front of them (log_hash).
LOG_FIELD_COLUMNS = (
    "timestamp",
    "user_id",
    "role",
    "organisation_id_at_time",
    "household_id",
    "resident_id",
    "action",
    "object_type",
    "object_id",
    "justification",
    "break_glass",
    "request_id",
    "key_id",
)
# All stored columns of an entry but its id, in the order bulk writers (demo, bench) give them.
LOG_CONTENT_COLUMNS = (*LOG_FIELD_COLUMNS, "previous_hash", "entry_hash")
