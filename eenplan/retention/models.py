# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Retention (*bewaartermijnen*): the periods as data, the end of help per household, and the reviewed batches.

- `RetentionPeriod`: how long a kind of file is kept, one row per subject (Wmo 2015, Jeugdwet, Participatiewet, the
  access log), seeded by a data migration and read and changed by the functional administrator in the admin.
- `CaseClosure` (*afsluiting van het dossier*): the help to a household ended on a date, under a legal basis. A
  household without one is open and never due.
- `RetentionReview` with its `RetentionItem`s: what `retention_due` found due on a day (numbers only, never names),
  confirmed by a functional administrator, then carried out by `retention_apply`, which records what it did.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eenplan.households.models import Household


class LegalBasis(models.TextChoices):
    """The wijkteam's legal task under which a household was helped (DESIGN.md §3)."""

    WMO = "wmo", _("Wmo 2015")
    JEUGDWET = "jeugdwet", _("Jeugdwet")
    PARTICIPATIEWET = "participatiewet", _("Participatiewet")


class RetentionSubject(models.TextChoices):
    WMO = "wmo", _("Wmo 2015 file")
    JEUGDWET = "jeugdwet", _("Jeugdwet file")
    PARTICIPATIEWET = "participatiewet", _("Participatiewet file")
    ACCESS_LOG = "access_log", _("Access log")


class RetentionPeriod(models.Model):
    """How many years a kind of file is kept. Empty: no period set, so nothing of that kind is ever due."""

    subject = models.CharField(_("what"), max_length=30, choices=RetentionSubject.choices, unique=True)
    years = models.PositiveSmallIntegerField(
        _("years kept"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the period is not decided: then nothing of this kind is removed."),
    )
    counted_from = models.CharField(_("counted from"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        ordering = ["subject"]

    def __str__(self) -> str:
        return str(self.get_subject_display())


class CaseClosure(models.Model):
    """*Afsluiting*: the help to this household ended on `help_ended_on`, given under `legal_basis`.

    One per household at a time (the one-to-one key holds that, also against a double submit). Reopening the help
    deletes the row; its history (django-simple-history) keeps who closed and who reopened, and when.
    """

    household = models.OneToOneField(
        Household, on_delete=models.CASCADE, related_name="closure", verbose_name=_("household")
    )
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis.choices)
    help_ended_on = models.DateField(_("help ended on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("end of help")
        verbose_name_plural = _("ends of help")
        indexes = [models.Index(fields=["legal_basis", "help_ended_on"], name="closure_basis_end")]

    def __str__(self) -> str:
        return f"{self.household_id}: {self.legal_basis} {self.help_ended_on}"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed, not yet carried out")
    DONE = "done", _("Carried out")


OPEN_REVIEW_STATUSES = (ReviewStatus.PENDING, ReviewStatus.CONFIRMED)


class RetentionReview(models.Model):
    """One batch of what was due on `due_on`; removed only after a functional administrator confirms it."""

    due_on = models.DateField(_("due on"))
    created_at = models.DateTimeField(_("listed at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)
    households = models.PositiveIntegerField(_("households due"), default=0)
    access_log_older = models.PositiveIntegerField(
        _("access log entries past their period (kept)"),
        default=0,
        help_text=_("The access log is append-only: entries past their period are counted, not removed."),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    carried_out_at = models.DateTimeField(_("carried out at"), null=True, blank=True)
    removed = models.PositiveIntegerField(_("households removed"), default=0)
    anonymised = models.PositiveIntegerField(_("households anonymised"), default=0)
    skipped = models.PositiveIntegerField(_("households skipped (no longer due)"), default=0)

    class Meta:
        verbose_name = _("retention review")
        verbose_name_plural = _("retention reviews")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ReviewStatus.PENDING) | Q(confirmed_by__isnull=False, confirmed_at__isnull=False),
                name="retention_review_confirmed_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.due_on}"


class ItemOutcome(models.TextChoices):
    PENDING = "pending", _("Not carried out yet")
    REMOVED = "removed", _("Removed")
    ANONYMISED = "anonymised", _("Anonymised")
    SKIPPED = "skipped", _("Skipped: no longer due")


class RetentionItem(models.Model):
    """One household in a review, by number only: it outlives the household it names, as the record of what was
    done. `removed_rows` counts the rows removed per kind ("plans.Plan": 2)."""

    review = models.ForeignKey(
        RetentionReview, on_delete=models.CASCADE, related_name="items", verbose_name=_("review")
    )
    household_id = models.BigIntegerField(_("household"))
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis.choices)
    help_ended_on = models.DateField(_("help ended on"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=ItemOutcome.choices, default=ItemOutcome.PENDING)
    removed_rows = models.JSONField(_("rows removed per kind"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("household in a review")
        verbose_name_plural = _("households in a review")
        ordering = ["review_id", "household_id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "household_id"], name="retention_item_once_per_review"),
        ]

    def __str__(self) -> str:
        return f"{self.household_id}"
