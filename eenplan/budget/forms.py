# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Forms of the wijkbudget: commit from an action, decide above a mandate, record a payment, release money."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.budget.models import PayeeKind

AMOUNT_ERRORS = {
    "required": _("Give the amount in euros."),
    "invalid": _("Give the amount in euros, for example 125,50."),
    "min_value": _("The amount must be more than zero."),
    "max_digits": _("That amount is too large."),
    "max_decimal_places": _("Give at most two digits after the comma."),
    "max_whole_digits": _("That amount is too large."),
}


def amount_field(label: Any, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        localize=True,
        help_text=help_text,
        error_messages=AMOUNT_ERRORS,
    )


class ConflictMixin:
    """A form whose save lost a race: 409 with the typed text kept (lib.forms.form_status)."""

    has_conflict = False

    def conflict(self, message: str) -> None:
        self.has_conflict = True
        self.add_error(None, message)  # type: ignore[attr-defined]


class BudgetChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        from eenplan.budget.templatetags.budget_tags import euro

        return _("%(name)s, %(purpose)s (%(left)s left)") % {
            "name": str(obj),
            "purpose": obj.get_purpose_display().lower(),
            "left": euro(obj.left),
        }


class CommitForm(ConflictMixin, forms.Form):
    budget = BudgetChoiceField(
        label=_("Budget"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose the budget to commit from."),
            "invalid_choice": _("Choose a budget from the list."),
        },
    )
    amount = amount_field(_("Amount (euro)"))
    what_for = forms.CharField(
        label=_("What for"),
        max_length=200,
        help_text=_("Briefly, without names or health details: e.g. first rent, a bed."),
        error_messages={
            "required": _("Say what the money is for."),
            "max_length": _("Keep it to at most %(limit_value)d characters."),
        },
    )
    payee_kind = forms.ChoiceField(
        label=_("Paid to"),
        choices=PayeeKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who is paid."), "invalid_choice": _("Choose who is paid.")},
    )
    expected_on = forms.DateField(
        label=_("Expected payment date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Give the expected payment date."), "invalid": _("Give a valid date.")},
    )

    def __init__(self, *args: Any, budgets: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["budget"].queryset = budgets  # type: ignore[attr-defined]


class DecideForm(ConflictMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("goedkeuren", _("Approve")), ("weigeren", _("Refuse"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose approve or refuse."), "invalid_choice": _("Choose approve or refuse.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you refuse. The requester reads it."),
        error_messages={"max_length": _("Keep the reason to at most %(limit_value)d characters.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "weigeren" and not data.get("reason", "").strip():
            self.add_error("reason", _("Give the reason for the refusal."))
        return data


class RealiseForm(ConflictMixin, forms.Form):
    paid_amount = amount_field(_("Amount paid (euro)"), _("At most the committed amount; the rest goes back."))
    paid_on = forms.DateField(
        label=_("Paid on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Give the date of payment."), "invalid": _("Give a valid date.")},
    )
    reference = forms.CharField(
        label=_("Payment reference"),
        max_length=100,
        help_text=_("The reference of the finance department, e.g. the invoice or booking number."),
        error_messages={
            "required": _("Give the payment reference."),
            "max_length": _("Keep it to at most %(limit_value)d characters."),
        },
    )

    def __init__(self, *args: Any, committed: Decimal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.committed = committed

    def clean_paid_amount(self) -> Decimal:
        paid: Decimal = self.cleaned_data["paid_amount"]
        if paid > self.committed:
            raise forms.ValidationError(
                _("At most the committed amount: € %(amount)s."), params={"amount": self.committed}
            )
        return paid


class ReleaseForm(ConflictMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the money not needed?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Give the reason for releasing the money."),
            "max_length": _("Keep the reason to at most %(limit_value)d characters."),
        },
    )
