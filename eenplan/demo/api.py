# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""API clients in the demo: the wijkteam's own system, the debt help's system (one revoked) and the municipality's
privacy officer's system (docs/api.md).

Their secrets are published here, like the demo passwords: demo data exists only in development (seed_demo refuses
to run with DEBUG off). The worked example of docs/api.md uses the debt help's client.
"""

from __future__ import annotations

from oauth2_provider.models import get_application_model

from eenplan.accounts.models import Organisation
from eenplan.api.clients import register_client, revoke_client
from eenplan.api.models import Scope

DEMO_CLIENTS: list[tuple[str, str, str, str, list[str], bool]] = [
    # (organisation, client name, client id, secret, scopes, revoked)
    (
        "Wijkteams Stad",
        "Wijkteam-registratie",
        "demo-wijkteam",
        "demo-wijkteam-geheim",
        [scope for scope in Scope.values if scope != Scope.READ_AUDIT_ALL],
        False,
    ),
    # The municipality's privacy officer's system: every access-log entry about a household, whoever looked.
    (
        "Gemeente Werk & Inkomen",
        "Privacyregistratie",
        "demo-privacy",
        "demo-privacy-geheim",
        [Scope.READ_AUDIT_ALL],
        False,
    ),
    (
        "Schuldhulp Samen",
        "Schuldhulp casussysteem",
        "demo-schuldhulp",
        "demo-schuldhulp-geheim",
        [Scope.READ_PLANS, Scope.READ_REFERRALS, Scope.WRITE_REFERRALS, Scope.READ_CONSENTS, Scope.READ_DIRECTORY],
        False,
    ),
    ("Schuldhulp Samen", "Oud casussysteem", "demo-schuldhulp-oud", "demo-oud-geheim", [Scope.READ_PLANS], True),
]


def build_api_clients() -> int:
    """Register the demo's API clients with their published ids and secrets; the number registered."""
    made = 0
    for organisation_name, name, client_id, secret, scopes, revoked in DEMO_CLIENTS:
        organisation = Organisation.objects.filter(name=organisation_name).first()
        if organisation is None:
            continue
        client, _secret = register_client(name, organisation, scopes)
        application = get_application_model().objects.get(pk=client.application_id)
        application.client_id = client_id
        application.client_secret = secret  # hashed on save
        application.save()
        if revoked:
            revoke_client(client)
        made += 1
    return made
