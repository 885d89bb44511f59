# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""'Mijn huishoudens' says what each role can have: no page promises team households to a role without them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from eenplan.accounts.models import Role
from tests import access_helpers as story
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

TEAM_PROMISE = "De huishoudens van uw team komen hier te staan"  # the page is Dutch by default


def empty_list(client, user) -> str:
    login_verified(client, user)
    return client.get(reverse("households:list")).content.decode()


def test_a_volunteer_reads_that_their_actions_are_on_the_start_page(client):
    page = empty_list(client, story.volunteer())
    assert TEAM_PROMISE not in page
    assert "As a volunteer you see no households" in page or "Als vrijwilliger ziet u geen huishoudens" in page


def test_a_partner_reads_that_households_come_with_consent(client):
    page = empty_list(client, story.member_of(story.partner_organisation(), Role.PARTNER_PROFESSIONAL))
    assert TEAM_PROMISE not in page
    assert "when a resident gives your organisation consent" in page or "toestemming geeft" in page


def test_a_policy_officer_is_promised_no_households(client):
    page = empty_list(client, story.member_of(story.partner_organisation(), Role.POLICY_OFFICER))
    assert TEAM_PROMISE not in page


def test_a_wijkteam_member_is_told_their_teams_households_appear(client, professional):
    assert TEAM_PROMISE in empty_list(client, professional)
