# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Schemathesis fuzzes the REST API from its own OpenAPI schema: no request answers 500, and no response breaks the
schema (status codes, content types and bodies as documented). Bounded: a few derandomised examples per operation."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import system_of

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@contextlib.contextmanager
def connections_kept_open() -> Iterator[None]:
    """Schemathesis calls the WSGI application directly, so each request's start and end would close the database
    connection (close_old_connections), and with it the test's transaction on PostgreSQL. Django's test client
    disconnects the same handlers during its requests (and connects them again after each, so this wraps only the
    fuzzing, after the token was fetched through the test client)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_schemathesis_finds_no_500_and_no_response_breaking_the_schema(
    plan_with_health_goal, household, regisseur, debt_service
):
    system = system_of(household.owning_team.organisation)
    with connections_kept_open():
        schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
        headers = {"Authorization": f"Bearer {system.token}"}
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 9

        for operation in operations:

            @settings(
                max_examples=4,
                derandomize=True,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy())
            def fuzz(case) -> None:  # type: ignore[no-untyped-def]
                response = case.call(headers={**headers, **(case.headers or {})})
                case.validate_response(response, checks=CHECKS)

            fuzz()
