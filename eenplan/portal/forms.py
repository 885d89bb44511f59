# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Forms of Mijn EenPlan, in plain Dutch (B1) through gettext, and of the regisseur's portal page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.access.models import ConsentProposal, InformationCategory
from eenplan.accounts.models import Organisation, OrganisationType
from eenplan.assessments.models import Instrument, InstrumentDomain
from eenplan.households.models import Household


class ActivationForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the letter"),
        max_length=20,
        help_text=_("For example: ABCD-EFGH-JKLM"),
        error_messages={"required": _("Fill in the code from the letter.")},
    )
    date_of_birth = forms.DateField(
        label=_("Your date of birth"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Fill in your date of birth."), "invalid": _("Fill in a date.")},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw your consent?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A short sentence is enough."),
        error_messages={"required": _("Write down why you withdraw your consent.")},
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a message first.")},
    )


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("What is wrong, and what should it be?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write down what is wrong.")},
    )


class ConsentProposalForm(forms.ModelForm):
    """The regisseur proposes a consent; the resident gives it (or not) in the portal."""

    class Meta:
        model = ConsentProposal
        fields = ["organisation", "resident", "categories", "purpose", "valid_until"]
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, household: Household, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(  # type: ignore[attr-defined]
            type=OrganisationType.WIJKTEAM
        ).order_by("name")
        self.fields["resident"].queryset = household.residents.all()  # type: ignore[attr-defined]
        self.fields["resident"].empty_label = _("The whole household")  # type: ignore[attr-defined]
        self.fields["categories"].queryset = InformationCategory.objects.all()  # type: ignore[attr-defined]


class SelfAssessmentForm(forms.Form):
    """*Zelfbeoordeling*: one question per life domain of the resident version, the answer one of its levels."""

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = [(level.value, f"{level.label}. {level.description}") for level in instrument.levels.all()]
        self.domains: list[InstrumentDomain] = list(instrument.domains.all())
        for domain in self.domains:
            self.fields[f"domain_{domain.pk}"] = forms.TypedChoiceField(
                label=domain.description or domain.name,
                choices=levels,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose an answer to this question."),
                    "invalid_choice": _("Choose one of the answers."),
                },
            )

    def scores(self) -> dict[InstrumentDomain, int]:
        return {domain: self.cleaned_data[f"domain_{domain.pk}"] for domain in self.domains}


class MemberAccessForm(forms.Form):
    """An adult gives another adult member of the household access to their information in My EenPlan."""

    member = forms.TypedChoiceField(
        label=_("Who may see your information?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a person."), "invalid_choice": _("Choose one of the persons.")},
    )

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = members  # type: ignore[attr-defined]
