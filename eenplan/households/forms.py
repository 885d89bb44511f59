# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Forms for households and residents. Every message is in the UI language; bad input saves nothing."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.models import Team
from eenplan.households.models import Household, Relationship, Resident
from eenplan.households.validators import normalise_bsn, normalise_postcode
from eenplan.lib.versioning import claim_version

OLDEST_AGE_YEARS = 125


class VersionedForm(forms.ModelForm):
    """Optimistic locking: the form carries the version it was opened with; a newer saved version is a conflict."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    conflict_message = _(
        "Someone else saved a change while you were editing. Your text is still in the form below; "
        "compare it with the current data and save again."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk:
            opened = cleaned.get("version")
            current = type(self.instance).objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if opened != current:
                self.has_conflict = True
                raise forms.ValidationError(self.conflict_message, code="conflict")
        return cleaned

    has_conflict = False

    def save_versioned(self) -> bool:
        """Save only if nobody saved since the form was opened; False (and a form error) on a conflict.

        The conditional UPDATE claims the row, so of two simultaneous saves exactly one wins.
        """
        instance = self.save(commit=False)
        with transaction.atomic():
            if not claim_version(instance, self.cleaned_data.get("version")):
                self.has_conflict = True
                self.add_error(None, forms.ValidationError(self.conflict_message, code="conflict"))
                return False
            instance.save()
            self.save_m2m()
        return True


class AddressFields(forms.ModelForm):
    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data["postcode"])


class HouseholdAddressForm(AddressFields, VersionedForm):
    class Meta:
        model = Household
        fields = ["street", "house_number", "postcode", "city"]


class ResidentFields(forms.ModelForm):
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=11,
        help_text=_("Nine digits. It is stored encrypted and shown only partly."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Resident
        fields = ["first_name", "name_prefix", "last_name", "date_of_birth", "bsn", "email", "phone"]
        widgets = {"date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # Never send the full BSN back to the browser; an empty field keeps the stored number.
            self.initial["bsn"] = ""
            if self.instance.bsn:
                self.fields["bsn"].help_text = _(
                    "Stored: %(masked)s. Leave empty to keep it; type a new number to replace it."
                ) % {"masked": self.instance.masked_bsn}

    def clean_bsn(self) -> str:
        value = str(self.cleaned_data.get("bsn") or "").strip()
        if not value:
            return self.instance.bsn if self.instance.pk else ""
        return normalise_bsn(value)

    def clean_date_of_birth(self) -> datetime.date:
        born: datetime.date = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        if born.year < today.year - OLDEST_AGE_YEARS:
            raise forms.ValidationError(_("Check the date of birth: this person would be older than 125."))
        return born

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data.get("phone") or "").strip()
        allowed = set("0123456789+ -()")
        if phone and (not set(phone) <= allowed or sum(c.isdigit() for c in phone) < 10):
            raise forms.ValidationError(_("Enter a phone number of at least ten digits, for example 06 12345678."))
        return phone


class ResidentForm(ResidentFields, VersionedForm):
    class Meta(ResidentFields.Meta):
        pass


class NewHouseholdForm(AddressFields, ResidentFields):
    """Registers a household with its first resident in one step."""

    street = forms.CharField(label=_("street"), max_length=120)
    house_number = forms.CharField(label=_("house number"), max_length=20)
    postcode = forms.CharField(label=_("postcode"), max_length=7)
    city = forms.CharField(label=_("city"), max_length=80)
    owning_team = forms.ModelChoiceField(label=_("responsible team"), queryset=Team.objects.none())

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owning_team"].queryset = teams  # type: ignore[attr-defined]
        if teams.count() == 1:
            self.fields["owning_team"].initial = teams.first()
            self.fields["owning_team"].widget = forms.HiddenInput()

    field_order = ["street", "house_number", "postcode", "city", "owning_team"]


class RelationshipForm(forms.ModelForm):
    class Meta:
        model = Relationship
        fields = ["from_resident", "kind", "to_resident"]

    def __init__(self, *args: Any, household: Household, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.household = household
        residents = household.residents.all()
        self.fields["from_resident"].queryset = residents  # type: ignore[attr-defined]
        self.fields["to_resident"].queryset = residents  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("from_resident"), cleaned.get("to_resident")
        if first and second and first == second:
            raise forms.ValidationError(_("Choose two different people."))
        return cleaned
