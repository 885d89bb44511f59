# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The cast of working together: the household De Vries of a wijkteam team, its regisseur (`professional`), a
partner organisation (Schuldhulp Samen) with a professional, the team's leader and a policy officer."""

from __future__ import annotations

import pytest

from eenplan.accounts.models import OrganisationType, Role
from tests import access_helpers as story
from tests import factories


@pytest.fixture
def regisseur(household, professional):
    """The shared `professional` as the household's regisseur, with an active plan."""
    from eenplan.plans import services

    services.start_plan(household, by=professional, regisseur=professional)
    return professional


@pytest.fixture
def partner_org():
    return story.partner_organisation()


@pytest.fixture
def partner(partner_org):
    return story.member_of(partner_org, Role.PARTNER_PROFESSIONAL)


@pytest.fixture
def team_leader(team):
    return factories.wijkteam_member(team=team, role=Role.TEAM_LEADER, full_name="Tara Teamleider")


@pytest.fixture
def policy_officer():
    municipality = factories.OrganisationFactory(type=OrganisationType.WERK_EN_INKOMEN)
    return story.member_of(municipality, Role.POLICY_OFFICER)


@pytest.fixture
def queries_of():
    """The number of queries of a page, after a warm-up request (session, translations, content types)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(client, path: str) -> int:
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200
        return len(captured)

    return count
