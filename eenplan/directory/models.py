# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""*Sociale kaart*: the services of organisations and their contact persons. No resident data here."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable

from django.conf import settings
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


class HSDSImportJob(models.Model):
    """One HSDS upload through the page, imported by a background task (docs/hsds.md, "Importing").

    The uploaded file is kept, gzip-compressed, in `document` until the task has run, then emptied: in the database,
    because the worker (`manage.py db_worker`) need not share a disk with the web server. The report is kept as JSON
    data (`ImportReport.to_data`), never as a pickle. No resident data: the sociale kaart holds none.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    class Stage(models.TextChoices):
        CHECKING = "checking", _("checking")
        SAVING = "saving", _("saving")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    # Set by every change of the job (also by the task's `update()` calls): a job that stays queued or running without
    # a change for long has lost its worker (`stalled`).
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), default=0)
    language = models.CharField(_("language"), max_length=10, blank=True)
    document = models.BinaryField(null=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, blank=True)
    processed = models.PositiveIntegerField(_("records processed"), default=0)
    total = models.PositiveIntegerField(_("records in the file"), default=0)
    report = models.JSONField(_("report"), null=True, blank=True)
    imported = models.BooleanField(_("imported"), default=False)  # the report's verdict, without reading the report

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    class Meta:
        verbose_name = _("HSDS import")
        verbose_name_plural = _("HSDS imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "updated_at"], name="hsds_import_job_active")]

    def __str__(self) -> str:
        return f"HSDS import {self.pk} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def is_stalled(self) -> bool:
        """Queued or running, but unchanged for STALLED_AFTER: its worker is gone (stopped, or restarted mid-task)."""
        return self.is_active and self.updated_at < timezone.now() - STALLED_AFTER


# An import reports progress at least every PROGRESS_EVERY records; even saving 20,000 changed services (about
# five minutes on SQLite, which cannot show progress while saving) stays far below this.
STALLED_AFTER = datetime.timedelta(hours=1)


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
