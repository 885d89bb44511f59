# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Households (*huishoudens*), residents (*bewoners*) and the relationships between them."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.models import Neighbourhood, Team
from eenplan.households import crypto, names
from eenplan.households.fields import EncryptedTextField
from eenplan.households.validators import mask_bsn, normalise_bsn


class HouseholdManager(models.Manager["Household"]):
    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Household]:
        """As Django's, with each household's sort name set (bulk_create does not call save)."""
        objs = list(objs)
        for household in objs:
            household.sort_name = names.sort_key(household.display_name)
        return super().bulk_create(objs, *args, **kwargs)


class Household(models.Model):
    """*Huishouden*: the people living at one address, owned by one wijkteam for its legal task."""

    street = models.CharField(_("street"), max_length=120)
    house_number = models.CharField(_("house number"), max_length=20)
    postcode = models.CharField(_("postcode"), max_length=7, db_index=True)
    city = models.CharField(_("city"), max_length=80)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="households",
        verbose_name=_("neighbourhood"),
    )
    owning_team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="households", verbose_name=_("responsible team")
    )
    # *De regisseur*: the one coordinator of this household. One column, so never two at once; the plans app
    # sets it when a plan is made and moves it with a handover note (*warme overdracht*).
    regisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_households",
        verbose_name=_("coordinator (regisseur)"),
    )
    # Denormalised from the first resident so lists can sort and search without a join per row.
    display_name = models.CharField(_("name"), max_length=200, db_index=True)
    # What a Dutch list sorts by: the main part of the family name first ("baalen, van"), kept with display_name.
    # Nullable only so SQLite can add the column in place (a NOT NULL column rebuilds the table, which breaks the
    # plans' triggers on it); save() and bulk_create() always fill it.
    sort_name = models.CharField(max_length=210, null=True, db_index=True, editable=False)  # noqa: DJ001
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = HouseholdManager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["display_name", "id"]
        indexes = [
            models.Index(fields=["owning_team", "display_name", "id"], name="household_team_name"),
            models.Index(fields=["owning_team", "sort_name", "id"], name="household_team_sort"),
        ]
        constraints = [models.CheckConstraint(condition=~Q(display_name=""), name="household_has_name")]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sort_name = names.sort_key(self.display_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "display_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)

    @property
    def address_line(self) -> str:
        return f"{self.street} {self.house_number}, {self.postcode} {self.city}"

    def refresh_display_name(self) -> None:
        """Name the household after its first resident: "Huishouden De Vries"."""
        first = self.residents.order_by("id").first()
        if first is not None:
            self.display_name = first.family_name_display


class Resident(models.Model):
    """*Bewoner / inwoner*: a person in a household. The BSN is optional, encrypted at rest, shown masked."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="residents", verbose_name=_("household")
    )
    first_name = models.CharField(_("first name"), max_length=80)
    name_prefix = models.CharField(_("prefix"), max_length=20, blank=True, help_text=_("For example: van, de"))
    last_name = models.CharField(_("last name"), max_length=120)
    date_of_birth = models.DateField(_("date of birth"))
    bsn = EncryptedTextField(_("BSN"), blank=True)
    bsn_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        ordering = ["household_id", "date_of_birth", "id"]
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="resident_name"),
            models.Index(fields=["household", "date_of_birth"], name="resident_household_dob"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(first_name="") & ~Q(last_name=""), name="resident_has_name"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.bsn_digest = crypto.lookup_digest(self.bsn) if self.bsn else ""
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        """Also the BSN's elfproef, so every full_clean() path (model forms included) holds it, not only our forms.

        Here rather than as a validator on the field: the field is encrypted, and a validator would be a change of
        the field (a migration) for what is a check of the decrypted value in Python.
        """
        errors: dict[str, list[ValidationError]] = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.bsn and "bsn" not in (exclude or ()) and "bsn" not in errors:
            try:
                self.bsn = normalise_bsn(self.bsn)
            except ValidationError as error:
                errors.setdefault("bsn", []).extend(error.error_list)
        if errors:
            raise ValidationError(errors)

    @property
    def family_name_display(self) -> str:
        prefix = f"{self.name_prefix} " if self.name_prefix else ""
        return f"{prefix}{self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.family_name_display}"

    @property
    def masked_bsn(self) -> str:
        return mask_bsn(self.bsn)

    @property
    def age(self) -> int:
        today = timezone.localdate()
        born = self.date_of_birth
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class RelationshipKind(models.TextChoices):
    PARTNER = "partner", _("partner of")
    PARENT = "parent", _("parent of")
    SIBLING = "sibling", _("brother or sister of")
    CARER = "carer", _("carer of")
    OTHER = "other", _("other relation to")


class Relationship(models.Model):
    """How two residents of the same household relate: "Anna is parent of Sem"."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="relationships", verbose_name=_("household")
    )
    from_resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="relationships_from", verbose_name=_("resident")
    )
    kind = models.CharField(_("relation"), max_length=20, choices=RelationshipKind.choices)
    to_resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="relationships_to", verbose_name=_("other resident")
    )

    class Meta:
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_resident=models.F("to_resident")), name="relationship_not_to_self"
            ),
            models.UniqueConstraint(fields=["from_resident", "kind", "to_resident"], name="relationship_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.from_resident} — {self.get_kind_display()} — {self.to_resident}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.from_resident_id and self.to_resident_id:
            if self.from_resident_id == self.to_resident_id:
                raise ValidationError(_("A person cannot have a relationship with themselves."))
            if (
                self.from_resident.household_id != self.household_id
                or self.to_resident.household_id != self.household_id
            ):
                raise ValidationError(_("Both people must belong to this household."))
