# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Registering and revoking API clients (the functional administrator does both in /beheer/)."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import AccessToken, RefreshToken, get_application_model

from eenplan.accounts.models import Organisation, User
from eenplan.api.models import ApiClient, Scope, scope_allowed_for


@transaction.atomic
def register_client(name: str, organisation: Organisation, scopes: list[str]) -> tuple[ApiClient, str]:
    """A new client for this organisation; returns it with its secret, which is stored hashed and shown only now."""
    unknown = sorted(set(scopes) - set(Scope.values))
    if unknown:
        raise ValueError(f"Unknown scopes: {', '.join(unknown)}")
    refused = sorted(scope for scope in set(scopes) if not scope_allowed_for(scope, organisation.type))
    if refused:
        raise ValueError(f"Scopes not for a client of this organisation: {', '.join(refused)}")
    secret = generate_client_secret()
    application = get_application_model().objects.create(
        name=f"{organisation.name}: {name}"[:255],
        client_type="confidential",
        authorization_grant_type="client-credentials",
        client_secret=secret,
        redirect_uris="",
        skip_authorization=True,
    )
    account = User.objects.create_user(
        email=f"api-client-{uuid.uuid4().hex[:12]}@api.eenplan.invalid",
        password=None,
        full_name=f"API: {name} ({organisation.name})"[:150],
        is_active=False,  # the account only names the client in the access log; it never signs in
    )
    client = ApiClient.objects.create(
        name=name,
        organisation=organisation,
        scopes=" ".join(sorted(set(scopes))),
        application=application,
        user=account,
    )
    return client, secret


@transaction.atomic
def revoke_client(client: ApiClient) -> None:
    """Revoke at once: its tokens are removed and its secret replaced, so it can neither call nor get a new token."""
    if client.revoked_at is not None:
        return
    application = client.application
    RefreshToken.objects.filter(application=application).delete()
    AccessToken.objects.filter(application=application).delete()
    application.client_secret = generate_client_secret()  # hashed on save; nobody knows it
    application.save()
    client.revoked_at = timezone.now()
    client.save(update_fields=["revoked_at"])
