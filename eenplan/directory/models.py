"""*Sociale kaart*: the services of organisations and their contact persons. No resident data here."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eenplan.accounts.models import Neighbourhood, Organisation
from eenplan.domains import LifeDomain


class ServiceStatus(models.TextChoices):
    """The statuses of Open Referral HSDS 3.0."""

    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Defunct")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")


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

    history = HistoricalRecords(m2m_fields=[neighbourhoods])

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

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name", "id"]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="contact_has_name")]

    def __str__(self) -> str:
        return self.name
