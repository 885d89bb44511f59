# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Dates that make no sense are refused with a Dutch message that says what is allowed (issue 17): a consent
valid only in the past, an action or evaluation due decades ago or far ahead, a birth date in the future. A date
that was already saved is not checked again when something else on the form changes."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from eenplan.access.forms import ConsentForm
from eenplan.intake.forms import SignalForm
from eenplan.plans.forms import ActionForm, AgreementForm
from eenplan.plans.models import Action
from tests import access_helpers as story

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(n: int) -> str:
    return (TODAY + datetime.timedelta(days=n)).isoformat()


def consent_form(household, partner_org, **changes: str) -> ConsentForm:
    data = {
        "organisation": partner_org.pk,
        "resident": "",
        "categories": [story.category("financien").pk],
        "purpose": "Schulden regelen",
        "valid_from": days(0),
        "valid_until": "",
        "method": "mondeling",
        **changes,
    }
    return ConsentForm(data, household=household)


def codes(form, field: str) -> list[str | None]:
    return [error.code for error in form.errors.as_data().get(field, [])]


def test_a_consent_with_today_as_start_and_no_end_is_accepted(household, partner_org):
    assert consent_form(household, partner_org).is_valid()


def test_a_consent_that_ended_yesterday_is_refused(household, partner_org):
    form = consent_form(household, partner_org, valid_from=days(-30), valid_until=days(-1))
    assert codes(form, "valid_until") == ["ended"]


def test_a_consent_starting_decades_ago_is_refused(household, partner_org):
    form = consent_form(household, partner_org, valid_from="1996-01-01")
    assert codes(form, "valid_from") == ["too_early"]


def test_the_consent_method_offers_no_empty_choice(household, partner_org):
    form = ConsentForm(household=household)
    assert "" not in [value for value, _label in form.fields["method"].choices]
    assert 'value=""' not in str(form["method"])


def action_form(plan, instance=None, **changes: str) -> ActionForm:
    data = {"description": "Aanmelden", "owner_kind": "professional", "status": "open", **changes}
    return ActionForm(data, plan=plan, instance=instance)


def test_an_action_due_next_month_is_accepted(plan):
    assert "due_date" not in action_form(plan, due_date=days(30)).errors


def test_an_action_due_decades_ago_is_refused(plan):
    assert codes(action_form(plan, due_date="1996-11-20"), "due_date") == ["too_early"]


def test_an_action_due_decades_ahead_is_refused(plan):
    assert codes(action_form(plan, due_date=days(365 * 20)), "due_date") == ["too_late"]


def test_an_action_saved_long_ago_keeps_its_due_date_when_edited(plan):
    action = Action.objects.get(plan=plan)
    Action.objects.filter(pk=action.pk).update(due_date=TODAY - datetime.timedelta(days=800))
    action.refresh_from_db()
    form = action_form(plan, instance=action, due_date=action.due_date.isoformat(), version=str(action.version))
    assert "due_date" not in form.errors


def test_an_evaluation_far_ahead_is_refused_at_the_agreement():
    form = AgreementForm({"agreed_on": days(0), "method": "papier", "evaluation_date": days(365 * 30)})
    assert codes(form, "evaluation_date") == ["too_late"]


def test_the_message_names_the_last_date_allowed_in_dutch():
    form = AgreementForm({"agreed_on": days(0), "method": "papier", "evaluation_date": "2099-01-01"})
    assert str(TODAY.year + 5) in form.errors["evaluation_date"][0]


def test_a_birth_date_in_the_future_is_refused_on_a_signal():
    data = {"first_name": "An", "last_name": "Jansen", "date_of_birth": days(2), "question": "Zorgen"}
    form = SignalForm(data, visible_households=Action.objects.none())
    assert codes(form, "date_of_birth") == ["future"]
