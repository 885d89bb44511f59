# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Who finds which household in "Mijn huishoudens" (the list through `access.policy.visible_households`):
the team and its team leader the team's caseload, a partner only households with a valid consent for their
organisation — gone on the next request after a withdrawal — and the roles without content nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from tests import access_helpers as story
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

LIST = "/huishoudens/"


def names_seen_by(user) -> list[str]:
    response = login_verified(Client(), user).get(LIST)
    if response.status_code != 200:
        return []
    return [household.display_name for household in response.context["page"].object_list]


def test_a_team_leader_finds_the_teams_caseload(household, other_team_household, partner_org):
    leader = story.person_in_role("team_leader", household, partner_org)
    assert names_seen_by(leader) == ["De Vries"]


def test_a_partner_without_consent_finds_no_household(household, partner_org):
    assert names_seen_by(story.person_in_role("partner", household, partner_org)) == []


def test_a_partner_finds_a_household_with_a_valid_consent_for_their_organisation(
    household, other_team_household, partner_org, professional
):
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    assert names_seen_by(story.person_in_role("partner", household, partner_org)) == ["De Vries"]


def test_a_consent_for_another_organisation_lists_nothing_for_this_partner(household, partner_org, professional):
    story.grant_consent(
        household, story.partner_organisation("Andere Partner"), ["financien"], recorded_by=professional
    )
    assert names_seen_by(story.person_in_role("partner", household, partner_org)) == []


def test_after_a_withdrawal_the_household_leaves_the_partners_list_on_the_next_request(
    household, partner_org, professional
):
    consent = story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    partner = story.person_in_role("partner", household, partner_org)
    client = login_verified(Client(), partner)
    assert [h.display_name for h in client.get(LIST).context["page"].object_list] == ["De Vries"]
    story.withdraw(consent, professional)
    assert list(client.get(LIST).context["page"].object_list) == []


@pytest.mark.parametrize("role", ["volunteer", "policy_officer", "privacy_officer", "functional_admin"])
def test_roles_without_content_access_find_no_household(household, partner_org, professional, role):
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    assert names_seen_by(story.person_in_role(role, household, partner_org)) == []
