# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Forms for the plan, its goals and actions, the care team, the network, the journal and the handover."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.access.models import InformationCategory
from eenplan.access.policy import may_be_assigned
from eenplan.accounts.models import Organisation, Role, User
from eenplan.households.forms import VersionedForm
from eenplan.households.models import Household
from eenplan.lib.dates import check_planning_date
from eenplan.plans.domains import DEFAULT_CATEGORY, LifeDomain
from eenplan.plans.models import (
    Action,
    AgreementMethod,
    CareTeamMember,
    Goal,
    JournalNote,
    NetworkMember,
    OwnerKind,
    Plan,
    PlanStatus,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def team_professionals(household: Household) -> QuerySet[User]:
    """Who may be regisseur: active regisseurs and members of the team that owns the household."""
    today = timezone.localdate()
    return (
        User.objects.filter(
            is_active=True,
            memberships__team_id=household.owning_team_id,
            memberships__role__in=(Role.REGISSEUR, Role.WIJKTEAM_MEMBER),
            memberships__since__lte=today,
        )
        .filter(Q(memberships__until__isnull=True) | Q(memberships__until__gte=today))
        .distinct()
        .order_by("full_name")
    )


class StartPlanForm(forms.Form):
    regisseur = forms.ModelChoiceField(
        label=_("Regisseur"),
        queryset=User.objects.none(),
        help_text=_("The one coordinator of this household. Usually you."),
        error_messages={"required": _("Choose the regisseur."), "invalid_choice": _("Choose someone from the team.")},
    )

    def __init__(self, *args: Any, household: Household, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = team_professionals(household)
        self.fields["regisseur"].queryset = choices  # type: ignore[attr-defined]
        self.fields["regisseur"].initial = household.regisseur_id or (
            user.pk if choices.filter(pk=user.pk).exists() else None
        )


class PlanForm(VersionedForm):
    class Meta:
        model = Plan
        fields = ["summary", "own_strength", "evaluation_date"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "own_strength": forms.Textarea(attrs={"rows": 3}),
            "evaluation_date": DATE_WIDGET,
        }

    def clean_evaluation_date(self) -> Any:
        day = self.cleaned_data.get("evaluation_date")
        agreed_on = self.instance.agreed_on
        if day is not None and agreed_on is not None and day <= agreed_on:
            raise forms.ValidationError(_("The evaluation comes after the agreement: choose a later date."))
        if day is not None and "evaluation_date" in self.changed_data:
            check_planning_date(day)
        return day


class GoalForm(VersionedForm):
    category = forms.ModelChoiceField(
        label=_("information category"),
        queryset=InformationCategory.objects.all(),
        required=False,
        help_text=_("Who may see this goal. Empty: the category that belongs to the life domain."),
    )

    class Meta:
        model = Goal
        fields = ["domain", "resident_words", "professional_view", "category", "achieved"]
        widgets = {
            "resident_words": forms.Textarea(attrs={"rows": 3}),
            "professional_view": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_category(self) -> InformationCategory | None:
        chosen: InformationCategory | None = self.cleaned_data.get("category")
        domain = self.data.get(self.add_prefix("domain"))
        if chosen is None and domain in LifeDomain.values:
            return InformationCategory.objects.filter(code=DEFAULT_CATEGORY[LifeDomain(domain)]).first()
        return chosen


class ActionForm(VersionedForm):
    """One owner field per kind of owner; the clean method keeps exactly the chosen one."""

    category = forms.ModelChoiceField(
        label=_("information category"),
        queryset=InformationCategory.objects.all(),
        required=False,
        help_text=_("Who may see this action. Empty: the category of the goal."),
    )

    class Meta:
        model = Action
        fields = [
            "description",
            "goal",
            "owner_kind",
            "owner_user",
            "owner_organisation",
            "owner_resident",
            "owner_network_member",
            "due_date",
            "status",
            "category",
            "cost",
            "funding",
        ]
        widgets = {"due_date": DATE_WIDGET, "owner_kind": forms.RadioSelect}
        help_texts = {"cost": _("Optional. Amount in euros, for example 125.50.")}

    OWNER_FIELD = {
        OwnerKind.PROFESSIONAL: "owner_user",
        OwnerKind.VOLUNTEER: "owner_user",
        OwnerKind.ORGANISATION: "owner_organisation",
        OwnerKind.RESIDENT: "owner_resident",
        OwnerKind.NETWORK: "owner_network_member",
    }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        household = plan.household
        self.plan = plan
        self.fields["goal"].queryset = plan.goals.all()  # type: ignore[attr-defined]
        self.fields["owner_user"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(
                is_active=True,
                memberships__role__in=(Role.REGISSEUR, Role.WIJKTEAM_MEMBER, Role.PARTNER_PROFESSIONAL, Role.VOLUNTEER),
            )
            .distinct()
            .order_by("full_name")
        )
        self.fields["owner_organisation"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["owner_resident"].queryset = household.residents.all()  # type: ignore[attr-defined]
        self.fields["owner_network_member"].queryset = household.network_members.all()  # type: ignore[attr-defined]
        self.fields["owner_user"].label = _("professional or volunteer")
        self.fields["cost"].localize = True
        self.fields["cost"].widget.is_localized = True

    def clean_due_date(self) -> Any:
        day = self.cleaned_data.get("due_date")
        if day is not None and "due_date" in self.changed_data:
            check_planning_date(day)
        return day

    def clean_cost(self) -> Any:
        cost = self.cleaned_data.get("cost")
        if cost is not None and cost < 0:
            raise forms.ValidationError(_("The cost cannot be negative."))
        return cost

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("owner_kind")
        if kind in self.OWNER_FIELD:
            wanted = self.OWNER_FIELD[OwnerKind(kind)]
            if not cleaned.get(wanted):
                self.add_error(wanted, _("Choose who does this action."))
            for field in set(self.OWNER_FIELD.values()) - {wanted}:
                cleaned[field] = None
            user = cleaned.get("owner_user")
            if kind == OwnerKind.VOLUNTEER and user is not None and not user.has_role(Role.VOLUNTEER):
                self.add_error("owner_user", _("This person is not a volunteer. Choose 'A professional'."))
        if cleaned.get("funding") and cleaned.get("cost") is None:
            self.add_error("cost", _("Enter the cost when you choose a funding."))
        if cleaned.get("category") is None:
            goal = cleaned.get("goal")
            cleaned["category"] = goal.category if goal else InformationCategory.objects.filter(code="basis").first()
        owner, category = cleaned.get("owner_user"), cleaned.get("category")
        if (
            owner is not None
            and category is not None
            and not may_be_assigned(owner, self.plan.household, category.code)
        ):
            self.add_error(
                "owner_user",
                _(
                    "The resident has given %(name)s's organisation no consent for %(category)s. Record the consent "
                    "first, or choose someone else."
                )
                % {"name": owner.full_name, "category": category},
            )
        return cleaned


class AgreementForm(forms.Form):
    agreed_on = forms.DateField(label=_("Date of agreement"), initial=timezone.localdate, widget=DATE_WIDGET)
    method = forms.ChoiceField(
        label=_("How did the resident agree?"), choices=AgreementMethod.choices, widget=forms.RadioSelect
    )

    evaluation_date = forms.DateField(
        label=_("Evaluate together on"),
        widget=DATE_WIDGET,
        help_text=_("When you and the resident look at the plan again. Usually within six months."),
        error_messages={"required": _("Choose the date on which you will evaluate the plan together.")},
    )

    def __init__(self, *args: Any, plan: Plan | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if plan is not None and plan.evaluation_date:
            self.initial["evaluation_date"] = plan.evaluation_date

    def clean_agreed_on(self) -> Any:
        day = self.cleaned_data["agreed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The agreement cannot be in the future."))
        return day

    def clean_evaluation_date(self) -> Any:
        day = self.cleaned_data["evaluation_date"]
        if "evaluation_date" in self.changed_data:
            check_planning_date(day)
        return day

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        agreed_on, evaluation_date = cleaned.get("agreed_on"), cleaned.get("evaluation_date")
        if agreed_on and evaluation_date and evaluation_date <= agreed_on:
            self.add_error("evaluation_date", _("The evaluation comes after the agreement: choose a later date."))
        return cleaned


class FinishForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (PlanStatus.GEEVALUEERD, _("Evaluated: we continue with a new version")),
            (PlanStatus.AFGESLOTEN, _("Closed: the help ends")),
        ],
        widget=forms.RadioSelect,
    )
    evaluation = forms.CharField(
        label=_("Evaluation"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What went well, what did not, in plain words."),
    )


class TransferForm(forms.Form):
    to_user = forms.ModelChoiceField(label=_("New regisseur"), queryset=User.objects.none())
    note = forms.CharField(
        label=_("Handover note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Warm handover: what the new regisseur must know. Both of you get a notification."),
        error_messages={"required": _("Write a handover note for the new regisseur.")},
    )

    def __init__(self, *args: Any, household: Household, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = team_professionals(household).exclude(  # type: ignore[attr-defined,misc]
            pk=household.regisseur_id
        )


class CareTeamForm(VersionedForm):
    class Meta:
        model = CareTeamMember
        fields = ["organisation", "user", "role", "task", "since", "until"]
        widgets = {"since": DATE_WIDGET, "until": DATE_WIDGET}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by("full_name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        user, organisation = cleaned.get("user"), cleaned.get("organisation")
        if user and organisation and not user.memberships.filter(organisation=organisation).exists():
            self.add_error("user", _("This professional does not work for the chosen organisation."))
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date cannot be before the start date."))
        return cleaned


class NetworkMemberForm(VersionedForm):
    class Meta:
        model = NetworkMember
        fields = ["name", "relation", "phone", "email", "contribution"]


class JournalNoteForm(forms.ModelForm):
    class Meta:
        model = JournalNote
        fields = ["happened_on", "category", "text"]
        widgets = {"happened_on": DATE_WIDGET, "text": forms.Textarea(attrs={"rows": 4})}

    def clean_happened_on(self) -> Any:
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A note is about something that happened: the date cannot be in the future."))
        return day
