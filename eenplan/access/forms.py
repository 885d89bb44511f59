# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Forms for consent, withdrawal, emergency access and the privacy officer's review and search."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.access.log import MAX_ID
from eenplan.access.models import (
    BASIS,
    BreakGlassAccess,
    BreakGlassReason,
    Consent,
    ConsentMethod,
    InformationCategory,
)
from eenplan.accounts.models import Organisation, OrganisationType
from eenplan.households.models import Household
from eenplan.lib.dates import check_consent_end, check_consent_start
from eenplan.lib.versioning import claim_version


class ConsentForm(forms.ModelForm):
    """Grant or change a consent. The "basis" category is always included: no sharing without knowing who."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Consent
        fields = ["organisation", "resident", "categories", "purpose", "valid_from", "valid_until", "method"]
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "method": forms.RadioSelect,
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "categories": _(
                "Only this information is shared with the organisation. Basic details are always included."
            ),
            "purpose": _("What the organisation needs the information for, in the resident's words if possible."),
            "valid_until": _("Optional. Without an end date the consent lasts until it is withdrawn."),
        }

    conflict_message = _(
        "Someone else changed this consent while you were editing. Your choices are still in the form; "
        "check the current consent and save again."
    )

    def __init__(self, *args: Any, household: Household, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.household = household
        self.has_conflict = False
        self.fields["organisation"].queryset = Organisation.objects.exclude(  # type: ignore[attr-defined]
            type=OrganisationType.WIJKTEAM
        ).order_by("name")
        self.fields["resident"].queryset = household.residents.all()  # type: ignore[attr-defined]
        self.fields["resident"].empty_label = _("The whole household")  # type: ignore[attr-defined]
        self.fields["resident"].label = _("Whose consent")
        self.fields["categories"].queryset = InformationCategory.objects.all()  # type: ignore[attr-defined]
        self.fields["method"].choices = ConsentMethod.choices  # type: ignore[attr-defined]  # no empty radio
        if self.instance.pk:
            self.fields["organisation"].disabled = True
            self.fields["resident"].disabled = True
            if not self.is_bound:
                self.initial["version"] = self.instance.version
        else:
            self.initial.setdefault("categories", list(InformationCategory.objects.filter(code=BASIS)))

    def clean_valid_from(self) -> Any:
        day = self.cleaned_data.get("valid_from")
        return check_consent_start(day) if day and "valid_from" in self.changed_data else day

    def clean_valid_until(self) -> Any:
        day = self.cleaned_data.get("valid_until")
        return check_consent_end(day) if day and "valid_until" in self.changed_data else day

    def clean_categories(self) -> Any:
        chosen = self.cleaned_data["categories"]
        basis = InformationCategory.objects.filter(code=BASIS)
        return chosen | basis

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end date cannot be before the start date."))
        if start and start > timezone.localdate() + datetime.timedelta(days=366):
            self.add_error("valid_from", _("The start date is more than a year away. Check the date."))
        return cleaned

    def save_consent(self, user: Any) -> Consent | None:
        """Create, or change with optimistic locking; None (and a form error) when someone saved in between."""
        consent: Consent = self.save(commit=False)
        with transaction.atomic():
            if consent.pk is None:
                consent.household = self.household
                consent.recorded_by = user
                consent.save()
            else:
                opened = int(self.cleaned_data.get("version") or 0)
                if not claim_version(consent, opened, among=Consent.objects.filter(withdrawn_at__isnull=True)):
                    self.has_conflict = True
                    self.add_error(None, forms.ValidationError(self.conflict_message, code="conflict"))
                    return None
                consent.save()
            self.save_m2m()
        return consent


class WithdrawConsentForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the consent withdrawn?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the resident withdrew it in a conversation on this date."),
        error_messages={"required": _("Give the reason for the withdrawal.")},
    )


class BreakGlassForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=BreakGlassReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the reason for emergency access.")},
    )
    explanation = forms.CharField(
        label=_("Explain the emergency"),
        max_length=1000,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Describe why you need the file now, without waiting for consent. At least 20 characters."),
        error_messages={
            "required": _("Explain why you need emergency access."),
            "min_length": _("Explain the emergency in at least 20 characters."),
        },
    )


class ReviewForm(forms.ModelForm):
    class Meta:
        model = BreakGlassAccess
        fields = ["review_comment"]
        widgets = {"review_comment": forms.Textarea(attrs={"rows": 3})}
        labels = {"review_comment": _("Your assessment")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["review_comment"].required = True
        self.fields["review_comment"].error_messages["required"] = _("Write down your assessment.")


# The period a log search may name: the log holds nothing older, and the day after "until" must still be a date.
SEARCH_FIRST_DAY = datetime.date(2000, 1, 1)
SEARCH_LAST_DAY = datetime.date(2100, 12, 31)

_HOUSEHOLD_NUMBER_MESSAGES = {
    "invalid": _("Enter the household number in digits only, for example 1234."),
    "min_value": _("A household number is 1 or higher."),
    "max_value": _("No household has a number this large. Check the household number."),
}
_SEARCH_DATE_MESSAGES = {
    "invalid": _("Enter a date, for example 31-12-2025."),
}


class AccessLogSearchForm(forms.Form):
    user = forms.EmailField(label=_("E-mail address of the user"), required=False)
    huishouden = forms.IntegerField(
        label=_("Household number"),
        required=False,
        min_value=1,
        max_value=MAX_ID,
        error_messages=_HOUSEHOLD_NUMBER_MESSAGES,
    )
    van = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=_SEARCH_DATE_MESSAGES,
    )
    tot = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=_SEARCH_DATE_MESSAGES,
    )
    noodtoegang = forms.BooleanField(label=_("Only emergency access"), required=False)
    geweigerd = forms.BooleanField(label=_("Only refusals"), required=False)

    def _clean_day(self, name: str) -> datetime.date | None:
        day: datetime.date | None = self.cleaned_data.get(name)
        if day is not None and not SEARCH_FIRST_DAY <= day <= SEARCH_LAST_DAY:
            raise forms.ValidationError(
                _("Enter a date between 1 January 2000 and 31 December 2100."), code="out_of_range"
            )
        return day

    def clean_van(self) -> datetime.date | None:
        return self._clean_day("van")

    def clean_tot(self) -> datetime.date | None:
        return self._clean_day("tot")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("van"), cleaned.get("tot")
        if start and end and end < start:
            self.add_error("tot", _("The end date cannot be before the start date."))
        return cleaned
