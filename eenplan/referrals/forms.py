# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Forms for referring an action to a service and for moving a referral along."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.access.models import InformationCategory
from eenplan.directory.models import Service


class ReferralForm(forms.Form):
    service = forms.ModelChoiceField(
        label=_("Service"),
        queryset=Service.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the service to refer to."),
            "invalid_choice": _("Choose a service from the list."),
        },
    )
    summary = forms.CharField(
        label=_("Summary for the receiver"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only what the receiver needs. They also see the information categories you share below."),
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Information to share"),
        queryset=InformationCategory.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Only categories the resident gave this organisation consent for. Basic details are always shared."
        ),
    )

    def __init__(self, *args: Any, services: Any, outside_ids: set[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["service"]
        field.queryset = services  # type: ignore[attr-defined]
        outside = outside_ids or set()

        def label(service: Service) -> str:
            """A service outside the household's wijk is listed too, marked as such."""
            if service.pk in outside:
                return str(_("%(service)s (outside the neighbourhood)") % {"service": service})
            return str(service)

        field.label_from_instance = label  # type: ignore[attr-defined]

    def clean_categories(self) -> Any:
        return self.cleaned_data["categories"] | InformationCategory.objects.filter(code="basis")


class MoveForm(forms.Form):
    to_state = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Reason or outcome"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Keep the reason or outcome to at most %(limit_value)d characters.")},
    )
