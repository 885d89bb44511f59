# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Fixtures only the access tests use; the shared cast is in tests/conftest.py and tests/cast.py."""

from __future__ import annotations

import pytest
from django.test import Client

from eenplan.accounts.models import OrganisationType, Role, User
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified


@pytest.fixture
def outsider() -> User:
    """A wijkteam member of another team: no access to the `household` fixture."""
    return factories.wijkteam_member()


@pytest.fixture
def outsider_client(outsider: User) -> Client:
    """`outsider` logged in (with TOTP)."""
    return login_verified(Client(), outsider)


@pytest.fixture
def officer(client: Client) -> Client:
    """A privacy officer of the municipality, logged in on the test client: oversees every organisation."""
    municipality = factories.OrganisationFactory(name="Gemeente", type=OrganisationType.WERK_EN_INKOMEN)
    return login_verified(client, story.member_of(municipality, Role.PRIVACY_OFFICER))
