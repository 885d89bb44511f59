# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The outcomes summary (*uitkomstenoverzicht*): counts per neighbourhood, month and measure, computed by
`reports.summary.refresh` (nightly, through django-tasks or cron) so that the outcomes page reads a few thousand rows
instead of every assessment and referral. A fact names no household and no person: a neighbourhood, a month, what
was counted (a life domain, a service, a kind) and how many."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.models import Neighbourhood


class Measure(models.TextChoices):
    ZRM = "zrm", _("Change in self-reliance")
    PLANS = "plans", _("Plans closed")
    REFERRALS = "referrals", _("Referrals")
    FIRST_CONTACT = "first_contact", _("Time to first contact")
    BARRIERS = "barriers", _("Barriers raised")
    BUDGET = "budget", _("Neighbourhood budget paid")


class SummaryRun(models.Model):
    """One computation of the summary. The pages read the newest finished run and say when it was computed."""

    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("computed"), null=True, blank=True, db_index=True)
    seconds = models.FloatField(_("duration in seconds"), null=True, blank=True)
    fact_count = models.PositiveIntegerField(_("number of counts"), default=0)

    class Meta:
        verbose_name = _("summary computation")
        verbose_name_plural = _("summary computations")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"


class OutcomeFact(models.Model):
    """How many (`count`, and a sum `amount` such as days or euro cents or score steps) of one measure in one
    neighbourhood and month had this `dimension` (life domain, organisation:service, kind) and this `outcome`."""

    run = models.ForeignKey(SummaryRun, on_delete=models.CASCADE, related_name="facts")
    measure = models.CharField(max_length=20, choices=Measure.choices)
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    month = models.DateField()
    dimension = models.CharField(max_length=40)
    outcome = models.CharField(max_length=20)
    count = models.PositiveIntegerField()
    amount = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("summary count")
        verbose_name_plural = _("summary counts")
        indexes = [
            models.Index(fields=["run", "measure", "month", "neighbourhood"], name="outcomefact_filter"),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.month:%Y-%m} {self.dimension} {self.outcome}: {self.count}"


class ProtectedCounts(models.Model):
    """A protected table of counts (eenplan.lib.disclosure) kept with the run it was computed from, so a large table
    (the referrals per service: thousands of rows) is protected once per run and filter instead of on every view.
    `key` is a checksum of the counts and the options; `table` holds only what may be published."""

    run = models.ForeignKey(SummaryRun, on_delete=models.CASCADE, related_name="protected")
    key = models.CharField(max_length=64)
    table = models.JSONField()

    class Meta:
        verbose_name = _("protected table")
        verbose_name_plural = _("protected tables")
        constraints = [models.UniqueConstraint(fields=["run", "key"], name="protectedcounts_run_key")]

    def __str__(self) -> str:
        return f"{self.run_id}:{self.key[:8]}"
