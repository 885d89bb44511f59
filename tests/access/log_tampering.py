# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Changing the access log the way an attacker with database access would, for the tamper tests."""

from __future__ import annotations

from django.db import connection


def tamper(sql: str, params: list) -> None:
    """Change the table the way an attacker with database access would: around the append-only trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET session_replication_role = replica")  # a superuser switches triggers off
            cursor.execute(sql, params)
            cursor.execute("SET session_replication_role = origin")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS access_log_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS access_log_no_delete")
            cursor.execute(sql, params)
