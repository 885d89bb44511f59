# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The cast of working together: the household De Vries of a wijkteam team with the shared `professional` as its
regisseur (`plan_regisseur`), the partner organisation (`partner_org`, `partner`): all in tests/cast.py; the team's
leader and the policy officer are in tests/conftest.py."""

from __future__ import annotations

import pytest


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
