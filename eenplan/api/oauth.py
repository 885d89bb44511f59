# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""OAuth 2.0 for API clients: client credentials only, scopes limited to those granted, revoked clients refused."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from oauth2_provider.oauth2_validators import OAuth2Validator
from rest_framework import exceptions
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from eenplan.api.models import ApiClient


def _client_of(application: Any) -> ApiClient | None:
    if application is None:
        return None
    return ApiClient.objects.active().select_related("organisation", "user").filter(application=application).first()


class ClientValidator(OAuth2Validator):
    """django-oauth-toolkit's validator, held to EenPlan's clients: only registered, unrevoked clients get a token,
    with no more scopes than the functional administrator granted (none asked: all granted)."""

    def authenticate_client(self, request: Any, *args: Any, **kwargs: Any) -> bool:
        if not super().authenticate_client(request, *args, **kwargs):
            return False
        return _client_of(request.client) is not None

    def validate_scopes(self, client_id: str, scopes: list[str], client: Any, request: Any, *args: Any, **kwargs: Any):
        granted = _client_of(client)
        return granted is not None and set(scopes) <= set(granted.scope_list)

    def get_default_scopes(self, client_id: str, request: Any, *args: Any, **kwargs: Any) -> list[str]:
        granted = _client_of(request.client)
        return granted.scope_list if granted is not None else []


class ClientCredentialsAuthentication(OAuth2Authentication):
    """A bearer token of an active client: the call is made by the client's account, for its organisation."""

    www_authenticate_realm = "eenplan"

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        result = super().authenticate(request)
        if result is None:
            if request.META.get("HTTP_AUTHORIZATION", "").lower().startswith("bearer "):
                raise exceptions.AuthenticationFailed(_("The access token is invalid or has expired."))
            return None
        _user, token = result
        client = _client_of(token.application)
        if client is None:
            raise exceptions.AuthenticationFailed(_("This API client has been revoked."))
        request._request.api_client = client  # type: ignore[attr-defined]
        return client.user, token


def api_client(request: Request | HttpRequest) -> ApiClient:
    """The client making this call (set by ClientCredentialsAuthentication)."""
    client = getattr(request, "api_client", None)
    if client is None:
        raise exceptions.NotAuthenticated()
    return client  # type: ignore[no-any-return]


class HasScope(BasePermission):
    """The token must carry the view's `required_scope`."""

    def has_permission(self, request: Request, view: Any) -> bool:
        token = request.auth
        needed = getattr(view, "scope_needed", None)
        scope = needed(request) if needed is not None else getattr(view, "required_scope", "")
        if token is None or getattr(request._request, "api_client", None) is None:
            raise exceptions.NotAuthenticated()
        if scope and not token.allow_scopes([scope]):
            self.message = _("This token does not allow this call (scope %(scope)s needed).") % {"scope": scope}
            return False
        return True
