# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Counting a page's database queries, for the tests that hold a page's queries steady as the data grows."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def queries_of(client: Client, path: str, params: dict | None = None) -> int:
    """How many queries a second GET of the page asks (the first warms up the session, translations and content
    types); the page must answer 200."""
    client.get(path, params)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(captured)
