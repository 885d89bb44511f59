# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The cast of working together: the household De Vries of a wijkteam team with the shared `professional` as its
regisseur (`plan_regisseur`). The partner organisation (`partner_org`, `partner`) is in tests/cast.py, the team's
leader and the policy officer in tests/conftest.py."""

from __future__ import annotations

import pytest


@pytest.fixture
def plan_regisseur(household, professional):
    """The shared `professional` as the household's regisseur, with an active plan."""
    from eenplan.plans import services

    services.start_plan(household, by=professional, regisseur=professional)
    return professional


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
