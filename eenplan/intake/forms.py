# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Forms of the access point: the public request (B1 Dutch), signals, triage decisions and the integral intake."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.models import Team, User
from eenplan.households.forms import ResidentFields
from eenplan.households.validators import normalise_postcode
from eenplan.intake.models import Intake, IntakeRequest
from eenplan.intake.spam import HONEYPOT_FIELD
from eenplan.lib.dates import check_birth_date
from eenplan.plans.domains import LifeDomain

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContactFields(forms.ModelForm):
    def clean_date_of_birth(self) -> Any:
        born = self.cleaned_data.get("date_of_birth")
        return check_birth_date(born) if born else born

    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data.get("phone") or "").strip()
        if phone and (not set(phone) <= set("0123456789+ -()") or sum(c.isdigit() for c in phone) < 10):
            raise forms.ValidationError(_("Fill in a phone number of at least ten digits, for example 06 12345678."))
        return phone

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("phone") and not cleaned.get("email") and not self.errors.get("email"):
            self.add_error("phone", _("Fill in a phone number or an e-mail address, so we can reach you."))
        return cleaned


class PublicRequestForm(ContactFields):
    """Asks only what the wijkteam needs to call back. Labels in plain language (B1)."""

    website = forms.CharField(  # type: ignore[call-arg]  # template_name is in Django, not yet in the stubs
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        template_name="forms/honeypot_field.html",
    )

    class Meta:
        model = IntakeRequest
        fields = ["first_name", "last_name", "postcode", "phone", "email", "question"]
        labels = {
            "first_name": _("Your first name"),
            "last_name": _("Your last name"),
            "postcode": _("Your postcode"),
            "phone": _("Your phone number"),
            "email": _("Your e-mail address"),
            "question": _("What do you need help with?"),
        }
        help_texts = {
            "postcode": _("So we know which neighbourhood team helps you. For example: 3551 AB."),
            "phone": _("We call you back. Fill in a phone number or an e-mail address."),
            "question": _("Tell it in your own words. You do not have to explain everything."),
        }
        # The purpose of each personal field, so browsers and assistive technology can fill it in (WCAG 1.3.5).
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "question": forms.Textarea(attrs={"rows": 6}),
        }

    field_order = [*Meta.fields, HONEYPOT_FIELD]


class SignalForm(ContactFields):
    household_number = forms.IntegerField(
        label=_("Household number"),
        required=False,
        min_value=1,
        help_text=_("Optional: the number of a household you can see, if the worry is about a known household."),
    )

    class Meta:
        model = IntakeRequest
        fields = ["first_name", "last_name", "date_of_birth", "postcode", "phone", "email", "question"]
        labels = {"question": _("Your worry"), "phone": _("Phone number of the resident")}
        widgets = {"question": forms.Textarea(attrs={"rows": 5}), "date_of_birth": DATE_WIDGET}

    def __init__(self, *args: Any, visible_households: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.visible_households = visible_households

    def clean_household_number(self) -> Any:
        number = self.cleaned_data.get("household_number")
        if number is None:
            return None
        household = self.visible_households.filter(pk=number).first()
        if household is None:
            raise forms.ValidationError(_("You have no household with this number."))
        return household

    def clean(self) -> dict[str, Any]:
        cleaned = forms.ModelForm.clean(self) or {}
        return cleaned


class AssignForm(forms.Form):
    assigned_to = forms.ModelChoiceField(label=_("Assign to"), queryset=User.objects.none())

    def __init__(self, *args: Any, professionals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = professionals  # type: ignore[attr-defined]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the request declined?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: referred to the GP; the resident withdrew the request."),
        error_messages={"required": _("Give the reason for declining.")},
    )


class LinkForm(forms.Form):
    household_number = forms.IntegerField(label=_("Household number"), min_value=1)


class AcceptNewHouseholdForm(ResidentFields):
    """Accept the request as a new household: the details the request did not hold yet."""

    street = forms.CharField(label=_("street"), max_length=120)
    house_number = forms.CharField(label=_("house number"), max_length=20)
    city = forms.CharField(label=_("city"), max_length=80)
    owning_team = forms.ModelChoiceField(label=_("responsible team"), queryset=Team.objects.none())

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owning_team"].queryset = teams  # type: ignore[attr-defined]
        if teams.count() == 1:
            self.fields["owning_team"].initial = teams.first()

    field_order = ["first_name", "name_prefix", "last_name", "date_of_birth", "street", "house_number", "city"]


class IntakeForm(forms.ModelForm):
    class Meta:
        model = Intake
        fields = [
            "conducted_on",
            "question_in_own_words",
            "own_strength",
            "network",
            "urgency",
            "acute_danger",
            "children_at_risk",
            "domestic_violence",
            "safety_notes",
        ]
        widgets = {
            "conducted_on": DATE_WIDGET,
            "question_in_own_words": forms.Textarea(attrs={"rows": 4}),
            "own_strength": forms.Textarea(attrs={"rows": 3}),
            "network": forms.Textarea(attrs={"rows": 3}),
            "safety_notes": forms.Textarea(attrs={"rows": 3}),
            "urgency": forms.RadioSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        notes = self.instance.domain_notes or {}
        for domain in LifeDomain:
            self.fields[f"domain_{domain.value}"] = forms.CharField(
                label=domain.label,
                required=False,
                max_length=1000,
                initial=notes.get(domain.value, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean_conducted_on(self) -> Any:
        day = self.cleaned_data["conducted_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The intake cannot be in the future."))
        return day

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.instance.domain_notes = {
            d.value: cleaned[f"domain_{d.value}"].strip()
            for d in LifeDomain
            if cleaned.get(f"domain_{d.value}", "").strip()
        }
        if (
            cleaned.get("acute_danger") or cleaned.get("children_at_risk") or cleaned.get("domestic_violence")
        ) and not (cleaned.get("safety_notes") or "").strip():
            self.add_error("safety_notes", _("Describe the safety concern and what has been done about it."))
        return cleaned
