# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Passkeys in a real browser (issue 17), with Chromium's virtual authenticator (DevTools protocol) standing in for
a fingerprint reader: a regisseur logs in with password and code, adds a passkey on the security page, logs out,
logs in with password and the passkey, and lands on the start page. A passkey that fails says so in Dutch and leaves
the code step as it was. axe-core on the security pages; the security page fits a 320 px phone."""

from __future__ import annotations

import re

from django.utils import timezone
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import Page, expect

from eenplan.accounts.models import AccountEvent, AccountEventKind, User
from tests.browser.axe import assert_accessible, assert_no_horizontal_scroll
from tests.browser.conftest import log_in, nl, submit_password

PASSKEY_NAME = "Laptop op het werk"


def virtual_authenticator(page: Page) -> None:
    """A platform authenticator (like a laptop's fingerprint reader) that says yes to every question."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )


def add_passkey(page: Page, live_server: object, user: User) -> None:
    """Log in with password and code, and add a passkey on the security page (two steps: name, then browser)."""
    log_in(page, live_server, user)
    page.get_by_role("link", name=re.compile(re.escape(user.full_name))).click()
    page.wait_for_url(re.compile(r"/beveiliging/$"))
    assert_accessible(page, "security page without passkeys")
    page.get_by_label(nl("Name of the passkey")).fill(PASSKEY_NAME)
    with page.expect_navigation():
        page.get_by_role("button", name=nl("Add a passkey")).click()
    page.wait_for_url(re.compile(r"/beveiliging/passkey-toevoegen/$"))
    assert_accessible(page, "the browser step of adding a passkey")
    page.get_by_role("button", name=nl("Create the passkey")).click()
    page.wait_for_url(re.compile(r"/beveiliging/$"))


def log_out(page: Page) -> None:
    with page.expect_navigation():
        page.locator(".ep-user form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/inloggen/$"))


def test_a_regisseur_adds_a_passkey_and_logs_in_with_it(page, live_server, regisseur):
    virtual_authenticator(page)
    add_passkey(page, live_server, regisseur)
    expect(page.locator(".ep-passkey-list")).to_contain_text(PASSKEY_NAME)
    expect(page.locator(".ep-messages")).to_contain_text(PASSKEY_NAME)
    assert_accessible(page, "security page with a passkey")
    assert WebAuthnCredential.objects.get(user=regisseur).name == PASSKEY_NAME

    log_out(page)
    submit_password(page, live_server, regisseur)
    page.get_by_role("button", name=nl("Use your passkey")).click()
    page.wait_for_url(lambda url: "/inloggen/" not in url)
    assert page.url == f"{live_server.url}/"
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert AccountEvent.objects.filter(user=regisseur, kind=AccountEventKind.PASSKEY_USED).count() == 1


def test_a_failed_passkey_says_so_in_dutch_and_the_code_step_stays(page, live_server, regisseur):
    virtual_authenticator(page)
    add_passkey(page, live_server, regisseur)
    log_out(page)
    # The server no longer trusts what this authenticator signs (a count far ahead of it: a cloned passkey).
    WebAuthnCredential.objects.filter(user=regisseur).update(sign_count=10_000)
    submit_password(page, live_server, regisseur)
    page.get_by_role("button", name=nl("Use your passkey")).click()
    expect(page.locator("#passkey-verification-status-message")).to_have_text(
        nl(
            "Logging in with your passkey did not work, and nothing has been changed. Try again, or enter the code "
            "from your authenticator app."
        )
    )
    assert "/inloggen/code/" in page.url
    expect(page.locator("#id_token")).to_be_visible()
    assert not AccountEvent.objects.filter(user=regisseur, kind=AccountEventKind.PASSKEY_USED).exists()


def test_the_security_page_fits_a_320_px_phone(new_page, live_server, regisseur):
    WebAuthnCredential.objects.create(
        user=regisseur,
        name="Telefoon met een heel lange naam voor de passkey",
        credential_id=b"\x01" * 32,
        public_key=b"\x02",
        aaguid="00000000-0000-0000-0000-000000000000",
        confirmed=True,
        last_used_at=timezone.now(),
    )
    phone = new_page({"width": 320, "height": 740}, is_mobile=True, has_touch=True)
    log_in(phone, live_server, regisseur)
    phone.goto(f"{live_server.url}/beveiliging/")
    assert_no_horizontal_scroll(phone, "security page at 320 px")
    assert_accessible(phone, "security page at 320 px")
