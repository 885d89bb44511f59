# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""/healthz tells a load balancer whether this app process can reach its database, without logging in."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_the_health_check_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}


def test_the_health_check_needs_no_login_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_health_check_answers_503_when_the_database_is_unreachable(client):
    with mock.patch("eenplan.web.views.connection") as connection:
        connection.cursor.side_effect = DatabaseError("connection refused")
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["database"] != "ok"


def test_the_health_check_answers_503_when_the_query_fails(client):
    with mock.patch("eenplan.web.views.connection") as connection:
        cursor = connection.cursor.return_value.__enter__.return_value
        cursor.execute.side_effect = DatabaseError("server closed the connection unexpectedly")
        response = client.get("/healthz")
    assert response.status_code == 503
