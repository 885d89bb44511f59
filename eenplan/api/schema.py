# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The OpenAPI schema of the REST API (drf-spectacular), with the error answers every operation can give: RFC 9457
problem details (400 invalid input, 401 no or expired token, 403 not allowed, 404 not found, and for moves 412/428)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from eenplan.api.models import Scope
from eenplan.api.problems import PROBLEM_TYPE


class ProblemFieldErrorSerializer(serializers.Serializer):
    pointer = serializers.CharField()
    detail = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(required=False)
    errors = ProblemFieldErrorSerializer(many=True, required=False)


PROBLEMS = {
    "400": "The request is not valid.",
    "401": "No token, or an invalid or expired one.",
    "403": "Not allowed: no consent, not the own wijkteam, or a scope missing.",
    "404": "Not found.",
    "405": "Method not allowed.",
    "406": "Not acceptable.",
    "415": "Unsupported media type.",
}
WRITE_PROBLEMS = {
    "412": "The If-Match ETag is not the current one.",
    "428": "If-Match is missing.",
}


class ProblemAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        bodies: dict[str, Any] = super()._get_response_bodies(direction)
        problem = self.resolve_serializer(ProblemSerializer, "response").ref
        codes = dict(PROBLEMS)
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes.update(WRITE_PROBLEMS)
        for code, description in codes.items():
            bodies.setdefault(code, {"description": description, "content": {PROBLEM_TYPE: {"schema": problem}}})
        return bodies


class ClientCredentialsScheme(OpenApiAuthenticationExtension):
    """OAuth 2.0 client credentials in the schema, so the documentation offers "Authorize" with the token URL."""

    target_class = "eenplan.api.oauth.ClientCredentialsAuthentication"
    name = "oauth2"

    def get_security_requirement(self, auto_schema: Any) -> dict[str, list[str]]:
        needed = getattr(auto_schema.view, "scope_needed", None)
        scope = needed(auto_schema.view.request) if needed is not None and auto_schema.view.request else ""
        return {self.name: [scope] if scope else []}

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "oauth2",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": "/api/oauth/token/",
                    "scopes": {str(scope.value): str(scope.label) for scope in Scope},
                }
            },
        }
