# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Self-reliance assessment (*zelfredzaamheid*): instruments are data; assessments score one resident per domain."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.access.models import InformationCategory
from eenplan.domains import LifeDomain
from eenplan.households.models import Household, Resident


class Instrument(models.Model):
    """An assessment instrument, e.g. the Zelfredzaamheid-Matrix (13 domains, 5 levels). Added as data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(_("default instrument"), default=False)
    is_active = models.BooleanField(_("in use"), default=True)
    resident_version_of = models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="resident_version",
        verbose_name=_("resident version of"),
        help_text=_(
            "Residents fill in this version themselves in My EenPlan: the same domains (same codes), "
            "in plain words. Professionals do not assess with it."
        ),
    )

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="one_default_instrument")
        ]

    def __str__(self) -> str:
        return self.name


class InstrumentDomain(models.Model):
    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="domains", verbose_name=_("instrument")
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=400, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    category = models.ForeignKey(
        InformationCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("information category")
    )
    life_domain = models.CharField(
        _("life domain for goals"),
        max_length=30,
        blank=True,
        choices=LifeDomain.choices,
        help_text=_(
            "The plan's life domain of goals made from this domain. "
            "Leave it empty if none fits: the professional then chooses it when making the goal."
        ),
    )

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        ordering = ["instrument_id", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["instrument", "code"], name="instrument_domain_unique_code")]

    def __str__(self) -> str:
        return self.name


class ScaleLevel(models.Model):
    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="levels", verbose_name=_("instrument")
    )
    value = models.PositiveSmallIntegerField(_("value"))
    label = models.CharField(_("label"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("scale level")
        verbose_name_plural = _("scale levels")
        ordering = ["instrument_id", "value"]
        constraints = [models.UniqueConstraint(fields=["instrument", "value"], name="scale_level_unique_value")]

    def __str__(self) -> str:
        return f"{self.value} — {self.label}"


class Assessment(models.Model):
    """One assessment of one resident on one instrument, on a date; repeated over time to show progress."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("household")
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("resident")
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+", verbose_name=_("instrument"))
    assessed_on = models.DateField(_("date"), default=timezone.localdate)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(default=timezone.now)
    # *Zelfbeoordeling*: filled in by the resident themself in My EenPlan (on the instrument's resident version);
    # `assessed_by` is then the resident's portal log account. Professionals never change it.
    by_resident = models.ForeignKey(
        Resident,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filled in by the resident"),
    )

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["resident_id", "assessed_on", "id"]
        indexes = [models.Index(fields=["household", "resident", "assessed_on"], name="assessment_household_date")]

    def __str__(self) -> str:
        return f"{self.resident} — {self.instrument} — {self.assessed_on}"


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    domain = models.ForeignKey(InstrumentDomain, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField(_("level"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["assessment", "domain"], name="score_one_per_domain")]

    def __str__(self) -> str:
        return f"{self.domain}: {self.value}"
