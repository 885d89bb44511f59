# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The assessment form: one level per domain of the chosen instrument, for one resident, on one date."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.assessments.models import Instrument, InstrumentDomain
from eenplan.domains import LifeDomain
from eenplan.households.models import Household, Resident

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AssessmentForm(forms.Form):
    resident: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Who"), queryset=Resident.objects.none())
    assessed_on = forms.DateField(label=_("Date"), initial=timezone.localdate, widget=DATE_WIDGET)

    def __init__(self, *args: Any, household: Household, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.fields["resident"].queryset = household.residents.all()  # type: ignore[attr-defined]
        levels = [(level.value, f"{level.value} — {level.label}") for level in instrument.levels.all()]
        self.domains: list[InstrumentDomain] = list(instrument.domains.all())
        for domain in self.domains:
            self.fields[f"domain_{domain.pk}"] = forms.TypedChoiceField(
                label=domain.name,
                help_text=domain.description,
                choices=levels,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a level for this domain.")},
            )

    def clean_assessed_on(self) -> Any:
        day = self.cleaned_data["assessed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("An assessment cannot be in the future."))
        return day

    def scores(self) -> dict[InstrumentDomain, int]:
        return {domain: self.cleaned_data[f"domain_{domain.pk}"] for domain in self.domains}


def mapped_life_domain(domain: InstrumentDomain) -> str | None:
    """The plan's life domain for goals from this domain, if the instrument names one; None: ask the professional."""
    return domain.life_domain if domain.life_domain in LifeDomain.values else None


class GoalsFromDomainsForm(forms.Form):
    """For each low-scoring domain: tick it and write the goal in the resident's own words.

    A goal gets the life domain the instrument names for its domain. Where the instrument names none, nothing is
    guessed: the form asks the professional to choose the plan's life domain for that goal.
    """

    def __init__(self, *args: Any, domains: list[InstrumentDomain], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.domains = domains
        for domain in domains:
            self.fields[f"make_{domain.pk}"] = forms.BooleanField(
                label=_("Make a goal for %(domain)s") % {"domain": domain.name}, required=False, initial=True
            )
            self.fields[f"words_{domain.pk}"] = forms.CharField(
                label=_("The goal in the resident's own words (%(domain)s)") % {"domain": domain.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if mapped_life_domain(domain) is None:
                self.fields[f"life_domain_{domain.pk}"] = forms.ChoiceField(
                    label=_("Life domain in the plan (%(domain)s)") % {"domain": domain.name},
                    help_text=_("This domain of the instrument has no life domain of its own. Choose one."),
                    choices=[("", "—"), *LifeDomain.choices],
                    required=False,
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen = [d for d in self.domains if cleaned.get(f"make_{d.pk}")]
        if not chosen:
            raise forms.ValidationError(_("Tick at least one domain."))
        for domain in chosen:
            if not str(cleaned.get(f"words_{domain.pk}") or "").strip():
                self.add_error(f"words_{domain.pk}", _("Write the goal in the resident's own words."))
            if mapped_life_domain(domain) is None and not cleaned.get(f"life_domain_{domain.pk}"):
                self.add_error(f"life_domain_{domain.pk}", _("Choose the life domain of this goal in the plan."))
        return cleaned

    def goals(self) -> list[tuple[InstrumentDomain, str, str]]:
        """(instrument domain, the plan's life domain, the resident's words) of every ticked domain."""
        return [
            (
                d,
                mapped_life_domain(d) or self.cleaned_data[f"life_domain_{d.pk}"],
                self.cleaned_data[f"words_{d.pk}"].strip(),
            )
            for d in self.domains
            if self.cleaned_data.get(f"make_{d.pk}")
        ]
