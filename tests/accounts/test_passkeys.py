# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Passkeys (WebAuthn) as an optional second factor beside TOTP: the security page (add, list, remove), the code
step's "Use your passkey", the administrator's reset, and the account events of each.

The login with a passkey is checked with a software authenticator (`SoftAuthenticator`): a P-256 key that signs the
server's challenge as a browser's passkey would; the browser test (tests/browser/test_passkey_flow.py) does the same
with Chromium's virtual authenticator."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass, field

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from eenplan.accounts import services
from eenplan.accounts.models import AccountEvent, AccountEventKind, OrganisationType, Role, User
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

SECURITY = "/beveiliging/"
ADD = "/beveiliging/passkey-toevoegen/"
MFA = "/inloggen/code/"
LOGIN = "/inloggen/"
BEGIN = "/passkeys/inloggen/begin/"
COMPLETE = "/passkeys/inloggen/klaar/"
HOUSEHOLDS = "/huishoudens/"
# The relying party of the tests is "localhost" (from SITE_URL's loopback address); the browser's origin must match.
HOST = "localhost"
ORIGIN = "http://localhost"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class SoftAuthenticator:
    """A passkey in software: an ES256 key whose public half is stored as the user's WebAuthnCredential."""

    credential_id: bytes = field(default_factory=lambda: os.urandom(32))
    key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    sign_count: int = 0

    def cose_public_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})

    def register(self, user: User, name: str = "Laptop op het werk") -> WebAuthnCredential:
        return WebAuthnCredential.objects.create(
            user=user,
            name=name,
            credential_id=self.credential_id,
            public_key=self.cose_public_key(),
            aaguid="00000000-0000-0000-0000-000000000000",
            confirmed=True,
        )

    def assertion(self, challenge: str, *, origin: str = ORIGIN, rp_id: str = HOST) -> dict[str, object]:
        """The browser's answer to navigator.credentials.get() for this challenge."""
        self.sign_count += 1
        client_data = json.dumps(
            {"type": "webauthn.get", "challenge": challenge, "origin": origin, "crossOrigin": False}
        ).encode()
        authenticator_data = (
            hashlib.sha256(rp_id.encode()).digest() + bytes([0x05]) + self.sign_count.to_bytes(4, "big")
        )
        signature = self.key.sign(authenticator_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "authenticatorData": b64url(authenticator_data),
                "clientDataJSON": b64url(client_data),
                "signature": b64url(signature),
            },
            "clientExtensionResults": {},
        }


def password_only_client(user: User) -> Client:
    """A login that has passed the password, not yet the second step (as after /inloggen/)."""
    client = Client(HTTP_HOST=HOST)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def use_passkey(client: Client, authenticator: SoftAuthenticator, *, next_url: str = "", **changes: str):
    options = client.post(BEGIN, HTTP_ACCEPT="application/json").json()
    url = f"{COMPLETE}?next={next_url}" if next_url else COMPLETE
    return client.post(
        url, json.dumps(authenticator.assertion(options["challenge"], **changes)), content_type="application/json"
    )


def is_verified(client: Client) -> bool:
    return "otp_device_id" in client.session


def events(user: User, kind: str) -> list[AccountEvent]:
    return list(AccountEvent.objects.filter(user=user, kind=kind))


# -- the security page -----------------------------------------------------------------------------------------


def test_the_security_page_needs_a_login(client):
    response = client.get(SECURITY)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_the_security_page_needs_the_second_step_too(professional):
    response = password_only_client(professional).get(SECURITY)
    assert response.status_code == 302
    assert response.url.startswith(MFA)


def test_the_security_page_lists_only_the_users_own_passkeys(verified_client, professional, colleague):
    SoftAuthenticator().register(professional, name="Mijn laptop")
    SoftAuthenticator().register(colleague, name="Telefoon van een collega")
    page = verified_client.get(SECURITY)
    assert page.status_code == 200
    assert [p.name for p in page.context["passkeys"]] == ["Mijn laptop"]
    assert "Telefoon van een collega" not in page.content.decode()


def test_adding_a_passkey_starts_with_its_name_and_leads_to_the_browser_step(verified_client):
    response = verified_client.post(SECURITY, {"name": "  Laptop op het werk "})
    assert response.status_code == 302
    assert response.url == ADD
    page = verified_client.get(ADD)
    assert "Laptop op het werk" in page.content.decode()
    assert 'id="passkey-register-button"' in page.content.decode()


def test_a_passkey_without_a_name_is_refused(verified_client):
    response = verified_client.post(SECURITY, {"name": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["name"]


def test_the_browser_step_without_a_name_goes_back_to_the_security_page(verified_client):
    response = verified_client.get(ADD)
    assert response.status_code == 302
    assert response.url == SECURITY


def test_the_passkey_scripts_are_served_from_this_site_under_the_csp(verified_client):
    verified_client.post(SECURITY, {"name": "Laptop"})
    page = verified_client.get(ADD)
    html = page.content.decode()
    assert "script-src 'self'" in page["Content-Security-Policy"]
    assert "/static/django_otp_webauthn/otp_webauthn_register.js" in html
    assert "<script>" not in html  # no inline script: only src= from this site and the JSON configuration


def test_the_library_script_texts_are_dutch(verified_client):
    catalog = verified_client.get("/passkeys/jsi18n/").content.decode()
    assert "Registratie afgebroken" in catalog


def test_on_an_ip_address_the_page_explains_instead_of_offering_a_passkey(professional):
    client = login_verified(Client(HTTP_HOST="127.0.0.1"), professional)
    page = client.get(SECURITY)
    assert page.context["possible_here"] is False
    assert 'name="name"' not in page.content.decode()


# -- removing --------------------------------------------------------------------------------------------------


def test_removing_asks_for_confirmation_first(verified_client, professional):
    passkey = SoftAuthenticator().register(professional)
    page = verified_client.get(reverse("accounts:passkey_remove", args=[passkey.pk]))
    assert page.status_code == 200
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


def test_removing_ones_own_passkey_keeps_the_authenticator_app_and_logs_it(verified_client, professional):
    passkey = SoftAuthenticator().register(professional, name="Oude telefoon")
    response = verified_client.post(reverse("accounts:passkey_remove", args=[passkey.pk]))
    assert response.status_code == 302
    assert not WebAuthnCredential.objects.filter(pk=passkey.pk).exists()
    assert TOTPDevice.objects.filter(user=professional, confirmed=True).exists()
    [event] = events(professional, AccountEventKind.PASSKEY_REMOVED)
    assert event.by == professional and event.detail == "Oude telefoon"


def test_another_users_passkey_answers_404_and_stays(verified_client, colleague):
    passkey = SoftAuthenticator().register(colleague)
    url = reverse("accounts:passkey_remove", args=[passkey.pk])
    assert verified_client.get(url).status_code == 404
    assert verified_client.post(url).status_code == 404
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


# -- the code step ---------------------------------------------------------------------------------------------


def test_the_code_step_offers_the_passkey_to_a_user_who_has_one(professional):
    SoftAuthenticator().register(professional)
    page = password_only_client(professional).get(MFA)
    assert page.context["passkey_offered"] is True
    assert 'id="passkey-verification-button"' in page.content.decode()


def test_the_code_step_does_not_offer_a_passkey_to_a_user_without_one(professional, colleague):
    SoftAuthenticator().register(colleague)
    page = password_only_client(professional).get(MFA)
    assert page.context["passkey_offered"] is False
    assert "passkey-verification-button" not in page.content.decode()


def test_a_passkey_verifies_the_login_as_a_code_does(professional):
    authenticator = SoftAuthenticator()
    authenticator.register(professional)
    client = password_only_client(professional)
    assert client.get(HOUSEHOLDS).status_code == 302
    response = use_passkey(client, authenticator, next_url=HOUSEHOLDS)
    assert response.status_code == 200
    assert response.json()["redirect_url"] == HOUSEHOLDS
    assert is_verified(client)
    assert client.get(HOUSEHOLDS).status_code == 200


def test_using_a_passkey_is_logged_and_its_last_use_kept(professional):
    authenticator = SoftAuthenticator()
    passkey = authenticator.register(professional, name="Mijn telefoon")
    use_passkey(password_only_client(professional), authenticator)
    [event] = events(professional, AccountEventKind.PASSKEY_USED)
    assert event.detail == "Mijn telefoon"
    passkey.refresh_from_db()
    assert passkey.last_used_at is not None


def test_the_passkey_login_does_not_send_a_user_to_another_site(professional):
    authenticator = SoftAuthenticator()
    authenticator.register(professional)
    response = use_passkey(password_only_client(professional), authenticator, next_url="https://elders.example/")
    assert response.json()["redirect_url"] == "/"


def test_a_wrong_signature_leaves_the_login_unverified_and_the_passkey_unused(professional):
    authenticator = SoftAuthenticator()
    passkey = authenticator.register(professional)
    client = password_only_client(professional)
    impostor = SoftAuthenticator(credential_id=authenticator.credential_id)  # same id, another key
    response = use_passkey(client, impostor)
    assert response.status_code == 422
    assert not is_verified(client)
    passkey.refresh_from_db()
    assert passkey.last_used_at is None
    assert not events(professional, AccountEventKind.PASSKEY_USED)


def test_a_passkey_made_for_another_site_is_refused(professional):
    authenticator = SoftAuthenticator()
    authenticator.register(professional)
    client = password_only_client(professional)
    response = use_passkey(client, authenticator, origin="https://elders.example", rp_id="elders.example")
    assert response.status_code == 422
    assert not is_verified(client)


def test_a_colleagues_passkey_does_not_verify_this_login(professional, colleague):
    authenticator = SoftAuthenticator()
    authenticator.register(colleague)
    client = password_only_client(professional)
    response = use_passkey(client, authenticator)
    assert response.status_code == 403
    assert not is_verified(client)


def test_a_passkey_alone_does_not_log_anybody_in(professional):
    authenticator = SoftAuthenticator()
    authenticator.register(professional)
    client = Client(HTTP_HOST=HOST)
    response = client.post(BEGIN, HTTP_ACCEPT="application/json")
    assert response.status_code == 302  # to the login page: the password always comes first
    assert SESSION_KEY not in client.session


def test_a_locked_out_account_does_not_get_to_the_passkey(client, professional):
    for _attempt in range(5):
        client.post(LOGIN, {"username": professional.email, "password": "not-the-password"})
    client.post(LOGIN, {"username": professional.email, "password": factories.PASSWORD})
    assert SESSION_KEY not in client.session
    assert client.post(BEGIN, HTTP_ACCEPT="application/json").status_code == 302


def test_adding_a_passkey_needs_the_second_step_first(professional):
    """Registration is never a way around the authenticator app: a password-only login is sent to the code step."""
    response = password_only_client(professional).post("/passkeys/registratie/begin/", HTTP_ACCEPT="application/json")
    assert response.status_code == 302
    assert response.url.startswith(MFA)


# -- the administrator's reset and switching off -------------------------------------------------------------------


def municipal_administrator() -> User:
    municipality = factories.OrganisationFactory(type=OrganisationType.WERK_EN_INKOMEN)
    user = factories.UserFactory(full_name="Fenna Beheer")
    factories.MembershipFactory(user=user, organisation=municipality, team=None, role=Role.FUNCTIONAL_ADMIN)
    return user


def test_the_administrators_reset_removes_the_passkeys_with_the_app(professional):
    administrator = municipal_administrator()
    SoftAuthenticator().register(professional)
    SoftAuthenticator().register(professional, name="Reservesleutel")
    client = login_verified(Client(), administrator)
    url = reverse("staff:reset_mfa", kwargs={"user_id": professional.pk})
    client.post(url, {"reason": "Telefoon en sleutel kwijt, gebeld en gecontroleerd"})
    assert not WebAuthnCredential.objects.filter(user=professional).exists()
    assert not TOTPDevice.objects.filter(user=professional).exists()
    [event] = events(professional, AccountEventKind.MFA_RESET)
    assert event.by == administrator and "kwijt" in event.reason and "2" in event.detail


def test_the_reset_leaves_other_users_passkeys_alone(professional, colleague):
    SoftAuthenticator().register(colleague)
    services.reset_mfa(professional, by=municipal_administrator(), reason="Telefoon gestolen, gecontroleerd")
    assert WebAuthnCredential.objects.filter(user=colleague).count() == 1


def test_switching_an_account_off_removes_its_passkeys(professional):
    SoftAuthenticator().register(professional)
    services.deactivate(professional, by=municipal_administrator(), reason="Uit dienst")
    assert not WebAuthnCredential.objects.filter(user=professional).exists()
