# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""On PostgreSQL a statement that a connection runs again and again is prepared: parsed and planned once
(eenplan/settings.py, docs/deployment.md "PostgreSQL settings")."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection

from eenplan.accounts.models import User

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: scripts/with-postgres.sh"),
    pytest.mark.django_db,
]


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_query_that_runs_more_often_than_the_threshold_is_prepared():
    threshold = settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"]
    for _ in range(threshold + 1):
        list(User.objects.filter(email="nobody@example.org"))
    assert any('FROM "accounts_user"' in statement for statement in prepared_statements())


def test_a_query_that_ran_once_is_not_prepared():
    list(User.objects.filter(full_name="Ran once, not prepared"))
    assert not any('"accounts_user"."full_name" =' in statement for statement in prepared_statements())
