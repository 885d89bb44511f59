# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""*Sociale kaart*: the services of organisations and their contact persons. No resident data here."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from eenplan.accounts.models import Neighbourhood, Organisation
from eenplan.domains import LifeDomain


class ServiceStatus(models.TextChoices):
    """The statuses of Open Referral HSDS 3.0."""

    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Defunct")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")


class ServiceVersionFields(models.Model):
    """Columns of a service's historical record beyond the service's own fields: its life domains.

    The life domains of a service are rows of `ServiceDomain` (one per domain, so that filtering on a domain is an
    indexed join on any database). simple-history's `m2m_fields` only tracks a `ManyToManyField`, and a domain is a
    choice, not a model, so it cannot track these rows. Rather than keeping a second copy of the codes on the
    service itself (which every writer of `ServiceDomain` would have to keep in step), each historical record
    stores the codes the service had when the record was written, read from `ServiceDomain` by
    `_record_life_domains` below. The `ServiceDomain` rows stay the only truth; the history is a snapshot.
    The forms and the HSDS import write the record after the domains (`versioning.save_as_one_version`), so the
    snapshot is the saved result, and a change of only the domains is a version like any other.

    NULL means "not recorded": records written before the column existed (migration 0003 fills in only each
    service's newest record, the one that matches today's domains).
    """

    # NULL, not "": an old record's domains are unknown, which differs from "no domains".
    life_domains = models.CharField(_("life domains"), max_length=500, null=True, blank=True)  # noqa: DJ001

    class Meta:
        abstract = True

    def life_domain_codes(self) -> list[str] | None:
        if self.life_domains is None:
            return None
        return [code for code in self.life_domains.split(",") if code]


# Kept by name (simple-history drops these objects once the models are ready) so that
# eenplan.directory.versioning can write one record of an entry after its relations are saved.
SERVICE_HISTORY = HistoricalRecords(
    m2m_fields=["neighbourhoods"], bases=[ServiceVersionFields], excluded_fields=["version"]
)
CONTACT_HISTORY = HistoricalRecords(m2m_fields=["neighbourhoods"], excluded_fields=["version"])


class Service(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="services", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=4000)
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    eligibility = models.TextField(_("who can use it"), max_length=2000, blank=True)
    how_to_refer = models.TextField(_("how to refer"), max_length=2000, blank=True)
    expected_response_days = models.PositiveSmallIntegerField(
        _("expected response time (days)"),
        default=5,
        help_text=_("Within how many days the service answers a referral."),
    )
    waiting_time_days = models.PositiveSmallIntegerField(_("waiting time (days)"), null=True, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)
    street = models.CharField(_("street and number"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    url = models.URLField(_("website"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood,
        blank=True,
        related_name="services",
        verbose_name=_("neighbourhoods served"),
        help_text=_("Empty: the whole municipality."),
    )
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    # Optimistic locking (DESIGN.md invariant 5): a form carries the version it was opened with.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = SERVICE_HISTORY

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["status", "name"], name="service_status_name"),
            models.Index(fields=["organisation", "status"], name="service_org_status"),
        ]

    def __str__(self) -> str:
        return self.name

    def domain_codes(self) -> list[str]:
        return [d.code for d in self.domains.all()]


class ServiceDomain(models.Model):
    """A life domain a service works on (a row per domain, so filtering is an indexed join on any database)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="domains")
    code = models.CharField(_("life domain"), max_length=30, choices=LifeDomain.choices)

    class Meta:
        verbose_name = _("life domain of a service")
        verbose_name_plural = _("life domains of services")
        constraints = [models.UniqueConstraint(fields=["service", "code"], name="service_domain_unique")]
        indexes = [models.Index(fields=["code", "service"], name="service_domain_code")]

    def __str__(self) -> str:
        return self.get_code_display()


class ContactPerson(models.Model):
    """*Wie is wie*: a named contact of an organisation, for a service or neighbourhoods."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contact_persons", verbose_name=_("organisation")
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts", verbose_name=_("service")
    )
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, blank=True, related_name="contact_persons", verbose_name=_("neighbourhoods")
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = CONTACT_HISTORY

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name", "id"]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="contact_has_name")]

    def __str__(self) -> str:
        return self.name


def life_domains_text(codes: Iterable[str]) -> str:
    """The stored form of a set of life domain codes: sorted, comma-separated."""
    return ",".join(sorted(codes))


def _record_life_domains(
    sender: type, instance: Service, history_instance: ServiceVersionFields, **kwargs: object
) -> None:
    """Every historical record of a service keeps the life domains the service has at that moment."""
    codes = ServiceDomain.objects.filter(service_id=instance.pk).values_list("code", flat=True)
    history_instance.life_domains = life_domains_text(codes)


pre_create_historical_record.connect(_record_life_domains, sender=Service.history.model, weak=False)
