# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""/beheer/: the functional administrator registers an API client (its secret shown once) and sets its webhook (the
webhook's secret shown once)."""

from __future__ import annotations

import pytest

from eenplan.api.models import ApiClient
from tests import access_helpers as story

pytestmark = pytest.mark.django_db


def test_registering_a_client_shows_its_secret_once(admin_client):
    debt_help = story.partner_organisation("Schuldhulp Samen")
    added = admin_client.post(
        "/beheer/api/apiclient/add/",
        {"name": "Casussysteem", "organisation": debt_help.pk, "scope_choices": ["plans:read", "referrals:write"]},
        follow=True,
    )
    client = ApiClient.objects.get()
    assert client.scope_list == ["plans:read", "referrals:write"]
    assert client.client_id in added.content.decode()
    again = admin_client.get(f"/beheer/api/apiclient/{client.pk}/change/").content.decode()
    assert "secret:" not in again.lower()


def test_setting_a_webhook_shows_its_secret_once(admin_client, debt_system):
    client = debt_system.client
    changed = admin_client.post(
        f"/beheer/api/apiclient/{client.pk}/change/",
        {"name": client.name, "webhook_url": "https://schuldhulp.example/eenplan-events"},
        follow=True,
    )
    client.refresh_from_db()
    assert client.webhook_url == "https://schuldhulp.example/eenplan-events"
    assert client.webhook_secret and client.webhook_secret in changed.content.decode()
    assert client.webhook_secret not in admin_client.get(f"/beheer/api/apiclient/{client.pk}/change/").content.decode()
