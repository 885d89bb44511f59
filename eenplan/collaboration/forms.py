# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Forms of working together. Text that leaves the household's file (the helpdesk, the barriers log, a conference's
place and agenda without personal data) is refused when it identifies a resident (deidentify.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.access.models import InformationCategory
from eenplan.accounts.models import Neighbourhood, Organisation, Role, User
from eenplan.collaboration.deidentify import validate_no_identifiers
from eenplan.collaboration.models import (
    Attendance,
    BarrierKind,
    BarrierStatus,
    EscalationKind,
    EscalationMandate,
    HelpdeskTopic,
)
from eenplan.households.models import Household
from eenplan.lib.dates import check_planning_date

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
PROFESSIONAL_ROLES = (Role.REGISSEUR, Role.WIJKTEAM_MEMBER, Role.PARTNER_PROFESSIONAL, Role.TEAM_LEADER)


def professionals() -> Any:
    return (
        User.objects.filter(is_active=True, memberships__role__in=PROFESSIONAL_ROLES)
        .distinct()
        .order_by("full_name", "id")
    )


class ConferenceForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"), widget=DATETIME_WIDGET, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=15, max_value=480, initial=60)
    location = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        validators=[validate_no_identifiers],
        help_text=_("It goes into the invitation. No home address: write for example 'at the resident's home'."),
    )
    video_link = forms.URLField(label=_("Video link"), max_length=300, required=False, assume_scheme="https")
    reason = forms.CharField(
        label=_("Why this conference"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only participants with the resident's consent see this."),
    )
    public_agenda = forms.CharField(
        label=_("Agenda without personal data"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_identifiers],
        help_text=_("Every participant sees this, also without consent. For example: introductions, who does what."),
    )
    professionals = forms.ModelMultipleChoiceField(
        label=_("Professionals"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Of any organisation. You take part yourself."),
    )
    residents = forms.ModelMultipleChoiceField(
        label=_("Residents"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    network = forms.ModelMultipleChoiceField(
        label=_("People from the network"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, household: Household, residents: Any, network: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.household = household
        self.fields["professionals"].queryset = professionals()  # type: ignore[attr-defined]
        self.fields["professionals"].label_from_instance = _professional_label  # type: ignore[attr-defined]
        self.fields["residents"].queryset = residents  # type: ignore[attr-defined]
        self.fields["network"].queryset = network  # type: ignore[attr-defined]

    def clean_starts_at(self) -> datetime.datetime:
        starts_at: datetime.datetime = self.cleaned_data["starts_at"]
        if starts_at < timezone.now() - datetime.timedelta(days=1):
            raise forms.ValidationError(_("Plan the conference today or later."))
        if starts_at > timezone.now() + datetime.timedelta(days=366):
            raise forms.ValidationError(_("The date is more than a year away. Check the date."))
        return starts_at

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("location") and not cleaned.get("video_link") and "location" not in self.errors:
            self.add_error("location", _("Give a place or a video link."))
        return cleaned


def _professional_label(user: User) -> str:
    organisations = sorted({m.organisation.name for m in user.active_memberships()})
    return f"{user.full_name} ({', '.join(organisations)})" if organisations else user.full_name


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=200)
    category = forms.ModelChoiceField(
        label=_("Information category"),
        queryset=InformationCategory.objects.all(),
        help_text=_("Only participants whose organisation has consent for this category see the item."),
    )


class MinutesForm(forms.Form):
    """One notes field per agenda item the user may see; `held` marks the conference as held."""

    held = forms.BooleanField(label=_("The conference has been held"), required=False)

    def __init__(self, *args: Any, items: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"notes_{item.pk}"] = forms.CharField(
                label=item.title,
                required=False,
                max_length=4000,
                initial=item.notes,
                widget=forms.Textarea(attrs={"rows": 3}),
            )


class DecisionForm(forms.Form):
    OWNER_KINDS = [
        ("professional", _("A professional")),
        ("organisation", _("An organisation")),
        ("resident", _("The resident")),
    ]
    description = forms.CharField(label=_("What was decided"), max_length=300)
    category = forms.ModelChoiceField(label=_("Information category"), queryset=InformationCategory.objects.all())
    owner_kind = forms.ChoiceField(label=_("Who does it"), choices=OWNER_KINDS, widget=forms.RadioSelect)
    owner_user = forms.ModelChoiceField(label=_("Professional"), queryset=User.objects.none(), required=False)
    owner_organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name"), required=False
    )
    owner_resident = forms.ModelChoiceField(label=_("Resident"), queryset=User.objects.none(), required=False)
    due_date = forms.DateField(label=_("Due date"), widget=DATE_WIDGET)

    FIELD = {"professional": "owner_user", "organisation": "owner_organisation", "resident": "owner_resident"}

    def __init__(self, *args: Any, participants: Any, residents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = participants  # type: ignore[attr-defined]
        self.fields["owner_resident"].queryset = residents  # type: ignore[attr-defined]

    def clean_due_date(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["due_date"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return check_planning_date(day)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("owner_kind")
        if kind in self.FIELD:
            wanted = self.FIELD[kind]
            if not cleaned.get(wanted):
                self.add_error(wanted, _("Choose who does this action."))
            for field in set(self.FIELD.values()) - {wanted}:
                cleaned[field] = None
        return cleaned


class AttendanceForm(forms.Form):
    def __init__(self, *args: Any, participants: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for participant in participants:
            self.fields[f"attendance_{participant.pk}"] = forms.ChoiceField(
                label=str(participant), choices=Attendance.choices, initial=participant.attendance
            )


class EscalationForm(forms.Form):
    kind = forms.ChoiceField(label=_("What blocks the plan"), choices=EscalationKind.choices, widget=forms.RadioSelect)
    stuck = forms.CharField(label=_("What is stuck"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    needed = forms.CharField(
        label=_("What is needed"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Be concrete: an exception to a rule, a place on a waiting list, an amount."),
    )
    category = forms.ModelChoiceField(
        label=_("Information category"),
        queryset=InformationCategory.objects.all(),
        help_text=_("The decision lands in the plan's journal in this category."),
    )
    mandate = forms.ModelChoiceField(label=_("Mandate"), queryset=EscalationMandate.objects.none())
    decider = forms.ModelChoiceField(label=_("Who decides"), queryset=User.objects.none())
    decide_by = forms.DateField(label=_("Decision needed by"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, holders: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mandate"].queryset = EscalationMandate.objects.filter(active=True).select_related(  # type: ignore[attr-defined]
            "organisation"
        )
        self.fields["decider"].queryset = holders  # type: ignore[attr-defined]

    def clean_decide_by(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["decide_by"]
        if day <= timezone.localdate():
            raise forms.ValidationError(_("Give the decider at least one day: choose a date after today."))
        if day > timezone.localdate() + datetime.timedelta(days=366):
            raise forms.ValidationError(_("The date is more than a year away. Check the date."))
        return day

    def clean(self) -> dict[str, Any]:
        from eenplan.access.policy import holds_mandate

        cleaned = super().clean() or {}
        mandate, decider = cleaned.get("mandate"), cleaned.get("decider")
        if mandate is not None and decider is not None:
            if not holds_mandate(decider, mandate.organisation_id, mandate.role):
                self.add_error("decider", _("This person does not hold the chosen mandate. Choose someone who does."))
            elif "decide_by" in cleaned:
                latest = timezone.localdate() + datetime.timedelta(days=mandate.response_days)
                cleaned["decide_by"] = min(cleaned["decide_by"], latest)
        return cleaned


class EscalationDecisionForm(forms.Form):
    granted = forms.TypedChoiceField(
        label=_("Your decision"),
        choices=[("1", _("Granted")), ("0", _("Refused"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    decision = forms.CharField(
        label=_("Granted with what, or refused why"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class QuestionForm(forms.Form):
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=HelpdeskTopic.objects.all())
    title = forms.CharField(label=_("Short title"), max_length=150, validators=[validate_no_identifiers])
    question = forms.CharField(
        label=_("Your question"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[validate_no_identifiers],
        help_text=_(
            "Describe the situation without anything that identifies the resident: no name, BSN, address, postcode "
            "with house number, e-mail address, phone number or date of birth."
        ),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[validate_no_identifiers],
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class PublishForm(forms.Form):
    title = forms.CharField(
        label=_("Title in the knowledge base"), max_length=150, validators=[validate_no_identifiers]
    )
    question = forms.CharField(
        label=_("Question"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[validate_no_identifiers],
    )
    answer = forms.CharField(
        label=_("Answer"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[validate_no_identifiers],
    )
    reviewed = forms.BooleanField(
        label=_(
            "I have checked that this question and answer do not identify anyone and may be read by every professional"
        )
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class BarrierForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of barrier"), choices=BarrierKind.choices, widget=forms.RadioSelect)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations involved"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Neighbourhood.objects.all(), required=False
    )
    description = forms.CharField(
        label=_("What gets in the way"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[validate_no_identifiers],
        help_text=_("Without personal data: describe the barrier, not the resident."),
    )


class BarrierResponseForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=BarrierStatus.choices)
    response = forms.CharField(
        label=_("Response to the professionals who raised it"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_no_identifiers],
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class KnowledgeSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    onderwerp = forms.ModelChoiceField(
        label=_("Topic"), queryset=HelpdeskTopic.objects.all(), required=False, empty_label=_("All topics")
    )
