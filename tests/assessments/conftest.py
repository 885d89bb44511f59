# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Fixtures only the assessment tests use; the shared cast is in tests/conftest.py and tests/cast.py."""

from __future__ import annotations

import pytest

from eenplan.households.models import Household
from tests import access_helpers as story


@pytest.fixture
def domains() -> dict:
    """The life domains of the Zelfredzaamheid-Matrix, by code."""
    return story.zrm_domains()


@pytest.fixture
def signalled(household, professional) -> Household:
    """Anna scores low on finances, housing and social network: an integral approach is needed."""
    story.assess(household, professional, {"financien": 2, "huisvesting": 1, "sociaal_netwerk": 2})
    return household
