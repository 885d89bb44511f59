# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Fixtures only the plan tests use; the shared cast is in tests/conftest.py and tests/cast.py."""

from __future__ import annotations

import pytest

from eenplan.accounts.models import User
from eenplan.plans import services
from eenplan.plans.models import Plan
from tests import access_helpers as story


@pytest.fixture
def started_plan(household, professional) -> Plan:
    """A plan just started through the service by `professional`, who becomes its regisseur: no goals yet."""
    return services.start_plan(household, by=professional, regisseur=professional)


@pytest.fixture
def helper() -> User:
    """Sanne Vrijwilliger, a volunteer: sees only the actions she owns."""
    return story.volunteer("Sanne Vrijwilliger")
