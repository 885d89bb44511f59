# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Fixtures only the intake tests use; the shared cast is in tests/conftest.py and tests/cast.py."""

from __future__ import annotations

import pytest

from eenplan.intake.models import IntakeRequest
from tests import access_helpers as story


@pytest.fixture
def sara(team, centrum) -> IntakeRequest:
    """Sara Bakker asks for help from 3512 AB in Centrum, the wijk `team` serves."""
    story.serves(team, centrum)
    return story.request_for_help(centrum, first_name="Sara", last_name="Bakker", postcode="3512 AB")
