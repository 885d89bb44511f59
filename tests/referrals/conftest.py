# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Fixtures only the referral tests use; the shared cast is in tests/conftest.py and tests/cast.py."""

from __future__ import annotations

import pytest

from eenplan.access.models import Consent
from eenplan.directory.models import Service
from tests import access_helpers as story


@pytest.fixture
def consent(household, schuldhulp, regisseur) -> Consent:
    """The household's consent for `schuldhulp` to see Financiën, recorded by `regisseur`."""
    return story.grant_consent(household, schuldhulp, ["financien"], recorded_by=regisseur)


@pytest.fixture
def service(schuldhulp) -> Service:
    """Schuldhulpverlening of `schuldhulp` (Financiën), answering within 5 days."""
    return story.service_of(schuldhulp, "Schuldhulpverlening", expected_response_days=5, domains=("financien",))
