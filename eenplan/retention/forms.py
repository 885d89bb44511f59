# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The form to close the help to a household (*hulp afsluiten*); the rules themselves are in `services`."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.households.models import Household
from eenplan.retention.models import LegalBasis
from eenplan.retention.services import end_date_problem

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CONFIRMED = "ja"


class CloseHelpForm(forms.Form):
    legal_basis = forms.ChoiceField(
        label=_("Legal basis of the help"),
        choices=LegalBasis.choices,
        widget=forms.RadioSelect,
        help_text=_("The law under which the neighbourhood team helped. It decides how long the file is kept."),
        error_messages={
            "required": _("Choose the legal basis under which the help was given."),
            "invalid_choice": _("Choose the legal basis under which the help was given."),
        },
    )
    help_ended_on = forms.DateField(
        label=_("Help ended on"),
        initial=timezone.localdate,
        widget=DATE_WIDGET,
        help_text=_("Usually today. Not in the future, and not before the household was registered."),
        error_messages={"required": _("Fill in the date on which the help ended.")},
    )
    # One checkbox, rendered as a group of one so that its statement stands beside the box as its label.
    confirm = forms.MultipleChoiceField(
        label=_("Confirmation"),
        choices=[(CONFIRMED, _("I confirm that the help to this household has ended."))],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The retention period counts from the date above. If the help starts again, you can reopen it."),
        error_messages={
            "required": _("Confirm that the help to this household has ended."),
            "invalid_choice": _("Confirm that the help to this household has ended."),
        },
    )

    def __init__(self, *args: Any, household: Household, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.household = household

    def clean_help_ended_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["help_ended_on"]
        problem = end_date_problem(self.household, day)
        if problem:
            raise forms.ValidationError(problem)
        return day
