# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Who the menu offers the wijkbudget outside a team with budgets: a budget holder and a role with a mandate level,
asked in one query."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eenplan.accounts.models import Role
from eenplan.budget.models import MandateLevel
from eenplan.budget.services import sees_budgets
from tests import access_helpers as story

pytestmark = pytest.mark.django_db


def test_a_partner_without_budget_or_mandate_is_not_offered_the_wijkbudget():
    partner = story.member_of(story.partner_organisation("Schuld"), Role.PARTNER_PROFESSIONAL)
    assert not sees_budgets(partner)


def test_a_budget_holder_is_offered_the_wijkbudget(budget, budget_holder):
    assert sees_budgets(budget_holder)


def test_a_role_with_a_mandate_level_is_offered_the_wijkbudget():
    organisation = story.partner_organisation("Schuld")
    partner = story.member_of(organisation, Role.PARTNER_PROFESSIONAL)
    MandateLevel.objects.create(organisation=organisation, role=Role.PARTNER_PROFESSIONAL, limit=Decimal("100"))
    assert sees_budgets(partner)


def test_holding_a_budget_and_mandates_are_asked_in_one_query():
    partner = story.member_of(story.partner_organisation("Schuld"), Role.PARTNER_PROFESSIONAL)
    partner.active_memberships()  # the memberships are read once per request, before the menu asks
    with CaptureQueriesContext(connection) as captured:
        sees_budgets(partner)
    assert len(captured) == 1
