# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The household page's consents read with their categories in one query show what they showed when prefetched;
the plan and the closure (read on their own) are both shown."""

from __future__ import annotations

import datetime

import pytest

from eenplan.retention.models import CaseClosure, LegalBasis
from tests import access_helpers as story

pytestmark = pytest.mark.django_db


def page(client, household):
    response = client.get(f"/huishoudens/{household.pk}/")
    assert response.status_code == 200
    return response


def test_each_consent_lists_its_own_categories(verified_client, household, professional):
    story.grant_consent(household, story.partner_organisation("Schuld"), ["financien"], recorded_by=professional)
    huis = story.partner_organisation("Huis")
    story.grant_consent(household, huis, ["wonen", "gezondheid"], recorded_by=professional)
    consents = page(verified_client, household).context["current_consents"]
    by_organisation = {c.organisation.name: sorted(cat.code for cat in c.categories.all()) for c in consents}
    assert by_organisation == {"Schuld": ["basis", "financien"], "Huis": ["basis", "gezondheid", "wonen"]}


def test_a_closure_beside_an_active_plan_is_shown(verified_client, household, professional):
    plan = story.plan_with_goal_and_action(household, professional)
    CaseClosure.objects.create(
        household=household,
        legal_basis=LegalBasis.values[0],
        help_ended_on=datetime.date(2026, 1, 5),
        recorded_by=professional,
    )
    context = page(verified_client, household).context
    assert context["plan"] == plan
    assert context["closure"].help_ended_on == datetime.date(2026, 1, 5)


def test_a_closure_without_a_plan_is_shown(verified_client, household, professional):
    CaseClosure.objects.create(
        household=household,
        legal_basis=LegalBasis.values[0],
        help_ended_on=datetime.date(2026, 1, 5),
        recorded_by=professional,
    )
    context = page(verified_client, household).context
    assert context["plan"] is None
    assert context["closure"].household_id == household.pk


def test_an_active_plan_without_a_closure_shows_none(verified_client, household, professional):
    story.plan_with_goal_and_action(household, professional)
    assert page(verified_client, household).context["closure"] is None
