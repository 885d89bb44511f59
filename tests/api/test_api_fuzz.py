"""Schemathesis fuzzes the REST API from its own OpenAPI schema: no request answers 500, and no response breaks the
schema (status codes, content types and bodies as documented). Bounded: a few derandomised examples per operation."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
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


def test_schemathesis_finds_no_500_and_no_response_breaking_the_schema(plan, household, regisseur, debt_service):
    system = system_of(household.owning_team.organisation)
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
