# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""*Wijkbudget*: neighbourhood budgets, the mandate levels to spend them, and commitments from plan actions.

Money is `Decimal` (DecimalField) throughout, never a float. A budget keeps running totals (`pending`, `committed`,
`realised`); every claim on it is one conditional UPDATE that succeeds only while enough is left
(`services.py`), so two professionals committing the last euros at the same moment cannot both succeed.
EenPlan records payments; it does not execute them.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eenplan.accounts.models import Neighbourhood, Organisation, Role, Team
from eenplan.domains import LifeDomain
from eenplan.households.models import Household
from eenplan.plans.models import Action

ZERO = Decimal("0.00")


class Purpose(models.TextChoices):
    MAATWERK = "maatwerk", _("Tailored help for households")
    COLLECTIEF = "collectief", _("Collective neighbourhood initiatives")


class NeighbourhoodBudget(models.Model):
    """*Wijkbudget*: an amount a team may spend in a year, for a purpose, owned by a budget holder."""

    name = models.CharField(_("name"), max_length=150)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("team"))
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgets",
        verbose_name=_("neighbourhood"),
        help_text=_("Leave empty when the budget serves all households of the team."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)], db_index=True
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.MAATWERK)
    amount = models.DecimalField(
        _("amount (euro)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_budgets",
        verbose_name=_("budget holder"),
        help_text=_("Sees the overview and may approve any commitment of this budget."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    warn_percentage = models.PositiveSmallIntegerField(
        _("warn when this percentage is spent"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    # Running totals, changed only by services.py with conditional UPDATEs; never typed in.
    pending = models.DecimalField(_("awaiting approval"), max_digits=12, decimal_places=2, default=ZERO, editable=False)
    committed = models.DecimalField(_("committed"), max_digits=12, decimal_places=2, default=ZERO, editable=False)
    realised = models.DecimalField(_("realised"), max_digits=12, decimal_places=2, default=ZERO, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("neighbourhood budget")
        verbose_name_plural = _("neighbourhood budgets")
        ordering = ["-year", "name", "id"]
        indexes = [models.Index(fields=["team", "year"], name="budget_team_year")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="budget_ends_after_start"),
            models.CheckConstraint(
                condition=Q(pending__gte=0, committed__gte=0, realised__gte=0), name="budget_totals_not_negative"
            ),
            # The one rule of the wijkbudget: never more claimed than there is.
            models.CheckConstraint(
                condition=Q(amount__gte=F("pending") + F("committed") + F("realised")), name="budget_no_overspend"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"

    @property
    def left(self) -> Decimal:
        return self.amount - self.pending - self.committed - self.realised

    @property
    def spent_percentage(self) -> int:
        if not self.amount:
            return 100
        return int((self.pending + self.committed + self.realised) * 100 / self.amount)

    @property
    def warns(self) -> bool:
        return self.warn_percentage is not None and self.spent_percentage >= self.warn_percentage

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date must not be before the start date.")})
        if self.amount is not None and self.pk and self.amount < self.pending + self.committed + self.realised:
            raise ValidationError({"amount": _("The amount must not be lower than what is already spent.")})


class MandateLevel(models.Model):
    """*Mandaat*: how much a role in an organisation may commit per household per year without a second person.

    No limit: the role may commit up to what the budget has left."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="mandate_levels", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    limit = models.DecimalField(
        _("up to (euro per household per year)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
        help_text=_("Leave empty for no limit."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mandate level")
        verbose_name_plural = _("mandate levels")
        ordering = ["organisation__name", F("limit").asc(nulls_last=True), "role"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "role"], name="mandate_one_level_per_role"),
        ]

    def __str__(self) -> str:
        limit = f"€ {self.limit}" if self.limit is not None else "∞"
        return f"{self.organisation} — {self.get_role_display()}: {limit}"


class PayeeKind(models.TextChoices):
    CREDITOR = "schuldeiser", _("The resident's creditor")
    SUPPLIER = "leverancier", _("A supplier")
    ORGANISATION = "organisatie", _("An organisation")


class CommitmentState(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("Awaiting approval")
    TOEGEKEND = "toegekend", _("Committed")
    BETAALD = "betaald", _("Paid")
    VRIJGEGEVEN = "vrijgegeven", _("Released")
    GEWEIGERD = "geweigerd", _("Refused")


# Which states hold money of the budget, and in which running total.
HOLDING_STATES = (CommitmentState.AANGEVRAAGD, CommitmentState.TOEGEKEND, CommitmentState.BETAALD)


class Commitment(models.Model):
    """*Verplichting*: money of a wijkbudget set aside for one household's plan action."""

    budget = models.ForeignKey(
        NeighbourhoodBudget, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("budget")
    )
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("household")
    )
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="commitments", verbose_name=_("action")
    )
    domain = models.CharField(_("life domain"), max_length=30, choices=LifeDomain.choices, blank=True)
    amount = models.DecimalField(_("amount (euro)"), max_digits=12, decimal_places=2)
    # The household's total of this year's wijkbudgets with this commitment, when it was requested: the amount a
    # mandate must cover to approve it.
    year_total = models.DecimalField(_("household total this year"), max_digits=12, decimal_places=2, editable=False)
    what_for = models.CharField(
        _("what for"), max_length=200, help_text=_("Briefly, without names or health details: e.g. first rent, a bed.")
    )
    payee_kind = models.CharField(_("paid to"), max_length=20, choices=PayeeKind.choices)
    expected_on = models.DateField(_("expected payment date"))
    state = models.CharField(_("status"), max_length=20, choices=CommitmentState.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_role = models.CharField(_("role of the requester"), max_length=30, choices=Role.choices)
    requested_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation of the requester")
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved or refused by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    paid_amount = models.DecimalField(_("amount paid (euro)"), max_digits=12, decimal_places=2, null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked paid or released by"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(fields=["household", "-requested_at"], name="commitment_household"),
            models.Index(fields=["budget", "state"], name="commitment_budget_state"),
            models.Index(fields=["state", "requested_at"], name="commitment_state_requested"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="commitment_amount_positive"),
            models.CheckConstraint(
                condition=~Q(state=CommitmentState.BETAALD)
                | Q(paid_amount__isnull=False, paid_amount__gt=0, paid_amount__lte=F("amount"), paid_on__isnull=False),
                name="commitment_paid_has_amount_and_date",
            ),
            models.CheckConstraint(
                condition=~Q(state=CommitmentState.GEWEIGERD) | ~Q(reason=""), name="commitment_refusal_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} € {self.amount}"

    @property
    def held(self) -> Decimal:
        """What this commitment takes from its budget now."""
        if self.state == CommitmentState.BETAALD:
            return self.paid_amount or ZERO
        return self.amount if self.state in HOLDING_STATES else ZERO
