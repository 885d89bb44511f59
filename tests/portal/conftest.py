# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The portal's residents, shared by the portal's test modules."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from tests import access_helpers as story
from tests import factories


@pytest.fixture
def portal_anna(household):
    """A second Anna (Vries) in `household`, with a BSN: the resident who signs in to the portal."""
    return story.resident_with_bsn(household, story.TEST_BSNS[0], first_name="Anna", last_name="Vries")


@pytest.fixture
def anna_client(portal_anna) -> Client:
    return story.sign_in_to_portal(Client(), portal_anna)


@pytest.fixture
def portal_piet(household):
    """Piet (Vries), another adult of `household` with a BSN: Anna sees nothing personal of his unless he allows it."""
    return factories.ResidentFactory(
        household=household, first_name="Piet", last_name="Vries", date_of_birth=datetime.date(1980, 1, 1)
    )


@pytest.fixture
def piet_client(portal_piet) -> Client:
    return story.sign_in_to_portal(Client(), portal_piet)
