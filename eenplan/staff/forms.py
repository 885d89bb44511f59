# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Forms of the account pages: invite, give a membership, reset the second factor, switch off, hand over."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.models import Organisation, Role, Team, User, grantable_roles, organisations_managed_by


class MembershipFields(forms.Form):
    """Organisation, team and role, limited to what the signed-in user may give."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        error_messages={"required": _("Choose the organisation."), "invalid_choice": _("Choose from the list.")},
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        help_text=_("Needed for a regisseur, wijkteam member or team leader."),
        error_messages={"invalid_choice": _("Choose from the list.")},
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        error_messages={"required": _("Choose the role."), "invalid_choice": _("Choose from the list.")},
    )

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        organisations = organisations_managed_by(actor)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["team"].queryset = (  # type: ignore[attr-defined]
            Team.objects.filter(organisation__in=organisations).select_related("organisation")
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        organisation, team, role = cleaned.get("organisation"), cleaned.get("team"), cleaned.get("role")
        if organisation is None or not role:
            return cleaned
        if team is not None and team.organisation_id != organisation.pk:
            self.add_error("team", _("The team must belong to the chosen organisation."))
        if role not in grantable_roles(self.actor, organisation):
            self.add_error("role", _("You may not give this role in this organisation."))
        if team is None and role in (Role.REGISSEUR, Role.WIJKTEAM_MEMBER, Role.TEAM_LEADER):
            self.add_error("team", _("Choose the team for this role."))
        return cleaned


class InviteForm(MembershipFields):
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, error_messages={"required": _("Enter the full name.")}
    )
    email = forms.EmailField(
        label=_("Work e-mail address"),
        max_length=254,
        error_messages={
            "required": _("Enter the e-mail address."),
            "invalid": _("Enter an e-mail address like name@organisation.nl."),
        },
    )
    field_order = ["full_name", "email", "organisation", "team", "role"]

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("There is already an account with this e-mail address."))
        return email


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the account's history. For example: new phone, app removed."),
        error_messages={
            "required": _("Write the reason."),
            "min_length": _("Write the reason in at least 10 characters."),
        },
    )


class DeactivateForm(ReasonForm):
    accept_without_regisseur = forms.BooleanField(
        label=_("I know that households will be left without a regisseur"),
        required=False,
    )

    def __init__(self, *args: Any, households_left: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.households_left = households_left
        self.fields["reason"].help_text = _("Kept with the account's history. For example: left the organisation.")
        if not households_left:
            del self.fields["accept_without_regisseur"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.households_left and not cleaned.get("accept_without_regisseur"):
            self.add_error(
                "accept_without_regisseur",
                _("Hand the households over first, or confirm that they will be left without a regisseur."),
            )
        return cleaned


class HandoverForm(forms.Form):
    household = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    to_user = forms.IntegerField(
        label=_("New regisseur"),
        min_value=1,
        max_value=2**31 - 1,
        error_messages={"required": _("Choose the new regisseur.")},
    )
    note = forms.CharField(
        label=_("Handover note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write a handover note for the new regisseur.")},
    )
