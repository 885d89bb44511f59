"""Forms of the sociale kaart: search filters and a service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import postcode as stdnum_postcode

from eenplan.accounts.models import Neighbourhood, OrganisationType
from eenplan.directory.models import Service, ServiceDomain
from eenplan.domains import LifeDomain


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    leefgebied = forms.ChoiceField(
        label=_("Life domain"), required=False, choices=[("", _("All")), *LifeDomain.choices]
    )
    wijk = forms.ModelChoiceField(
        label=_("Neighbourhood"), required=False, queryset=Neighbourhood.objects.all(), empty_label=_("All")
    )
    soort = forms.ChoiceField(
        label=_("Kind of organisation"), required=False, choices=[("", _("All")), *OrganisationType.choices]
    )


class ServiceForm(forms.ModelForm):
    domain_codes = forms.MultipleChoiceField(
        label=_("Life domains"), choices=LifeDomain.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Service
        fields = [
            "organisation",
            "name",
            "description",
            "target_group",
            "domain_codes",
            "neighbourhoods",
            "eligibility",
            "how_to_refer",
            "expected_response_days",
            "waiting_time_days",
            "opening_hours",
            "street",
            "postcode",
            "city",
            "phone",
            "email",
            "url",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "how_to_refer": forms.Textarea(attrs={"rows": 3}),
            "neighbourhoods": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["organisation"].disabled = True
            self.initial["domain_codes"] = self.instance.domain_codes()

    def clean_postcode(self) -> str:
        value = str(self.cleaned_data.get("postcode") or "").strip()
        if not value:
            return ""
        try:
            return str(stdnum_postcode.validate(value))
        except StdnumError as exc:
            raise forms.ValidationError(
                _("Enter a Dutch postcode of four digits and two letters, for example 1234 AB.")
            ) from exc

    def save(self, commit: bool = True) -> Service:
        service: Service = super().save(commit=commit)
        if commit:
            chosen = set(self.cleaned_data.get("domain_codes") or [])
            service.domains.exclude(code__in=chosen).delete()
            existing = set(service.domains.values_list("code", flat=True))
            ServiceDomain.objects.bulk_create(ServiceDomain(service=service, code=c) for c in chosen - existing)
        return service
