# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The door filters a page's rows by information category and by the residents a consent covers."""

from __future__ import annotations

import pytest

from eenplan.access.policy import decide
from eenplan.households.models import Resident
from tests import access_helpers as story
from tests import factories

pytestmark = pytest.mark.django_db


def test_scoped_keeps_only_the_residents_a_personal_consent_covers(household, professional, partner_org, partner):
    anna = household.residents.get()
    factories.ResidentFactory(household=household, first_name="Bram")
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional, resident=anna)
    decision = decide(partner, household)
    assert list(decision.scoped(Resident.objects.filter(household=household))) == [anna]


def test_shows_row_refuses_another_resident_under_a_personal_consent(household, professional, partner_org, partner):
    anna = household.residents.get()
    bram = factories.ResidentFactory(household=household, first_name="Bram")
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional, resident=anna)
    decision = decide(partner, household)
    assert decision.shows_row(anna)
    assert not decision.shows_row(bram)


def test_scoped_keeps_only_goals_of_consented_categories(household, professional, partner_org, partner):
    plan = story.plan_with_goal_and_action(household, professional)
    money = story.add_goal(plan, "financien", "Schulden op een rij", category_code="financien")
    health = story.add_goal(plan, "geestelijke_gezondheid", "Beter slapen", category_code="gezondheid")
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    decision = decide(partner, household)
    shown = set(decision.scoped(type(money).objects.filter(pk__in=[money.pk, health.pk])))
    assert shown == {money}
    assert decision.shows_row(money) and not decision.shows_row(health)
