# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Honest empty states: where consent hides goals or actions, the partner reads that there may be more."""

from __future__ import annotations

import pytest
from django.urls import reverse

from eenplan.accounts.models import Role
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

NOTICE = "The plan may hold more that you cannot see"
NOTICE_NL = "meer staan dat u niet kunt zien"


def notice_shown(page: str) -> bool:
    return NOTICE in page or NOTICE_NL in page


@pytest.fixture
def plan_on_finances(household, team):
    regisseur = factories.wijkteam_member(team=team, role=Role.REGISSEUR)
    story.plan_with_goal_and_action(household, regisseur)
    return regisseur


def test_a_partner_with_consent_for_another_category_reads_that_there_is_more(client, household, plan_on_finances):
    organisation = story.partner_organisation()
    story.grant_consent(household, organisation, ["wonen"], recorded_by=plan_on_finances)
    login_verified(client, story.member_of(organisation, Role.PARTNER_PROFESSIONAL))
    page = client.get(reverse("plans:plan", kwargs={"pk": household.pk})).content.decode()
    assert "Ik wil rust over geld" not in page
    assert notice_shown(page)
    assert "Write them down in the resident" not in page and "eigen woorden" not in page


def test_the_team_sees_no_such_notice(client, household, plan_on_finances):
    login_verified(client, plan_on_finances)
    page = client.get(reverse("plans:plan", kwargs={"pk": household.pk})).content.decode()
    assert "Ik wil rust over geld" in page
    assert not notice_shown(page)
