# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The portal's residents, shared by the portal's test modules."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.test import Client

from tests import access_helpers as story
from tests import factories


@pytest.fixture
def portal_anna(household):
    """A second Anna (Vries) in `household`, with a BSN: the resident who signs in to the portal."""
    return story.resident_with_bsn(household, story.TEST_BSNS[0], first_name="Anna", last_name="Vries")


@pytest.fixture
def anna_client(portal_anna) -> Client:
    return story.sign_in_to_portal(Client(), portal_anna)


@pytest.fixture
def portal_piet(household):
    """Piet (Vries), another adult of `household` with a BSN: Anna sees nothing personal of his unless he allows it."""
    return factories.ResidentFactory(
        household=household, first_name="Piet", last_name="Vries", date_of_birth=datetime.date(1980, 1, 1)
    )


@pytest.fixture
def piet_client(portal_piet) -> Client:
    return story.sign_in_to_portal(Client(), portal_piet)


# -- eHerkenning for a representative: a real OpenID Connect provider on loopback -----------------------------------
# oidc-provider-mock (Authlib's OpenID Connect server in a small Flask app) serves discovery, authorize, token,
# userinfo and JWKS on a free loopback port in a thread; its ID tokens are RS256-signed with its own key. EenPlan
# talks to it over real HTTP: nothing is mocked on EenPlan's side.


@pytest.fixture
def eherkenning_broker(monkeypatch) -> Iterator[str]:
    """The base URL of a running OIDC provider (the municipality's eHerkenning broker in the tests)."""
    import oidc_provider_mock

    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")  # plain http on loopback, for the provider's checks only
    with oidc_provider_mock.run_server_in_thread(require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def eherkenning_config(eherkenning_broker: str, settings):
    """EenPlan's configuration for representatives pointing at the broker, with the bewindvoering claim paths of
    django-digid-eherkenning's schema (their defaults) and claims taken from the verified ID token."""
    from eenplan.portal.models import EHerkenningBewindvoeringConfig

    settings.EHERKENNING_OIDC_CLIENT_SECRET = "secret-from-the-environment"
    config = EHerkenningBewindvoeringConfig.get_solo()
    config.enabled = True
    config.oidc_op_authorization_endpoint = f"{eherkenning_broker}/oauth2/authorize"
    config.oidc_op_token_endpoint = f"{eherkenning_broker}/oauth2/token"
    config.oidc_op_user_endpoint = f"{eherkenning_broker}/userinfo"
    config.oidc_op_jwks_endpoint = f"{eherkenning_broker}/jwks"
    config.oidc_rp_client_id = "eenplan-test"
    config.full_clean()
    config.save()
    return config
