#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Full-page screenshots of the main EenPlan pages at desktop and phone width, for a look by a human.

Needs a running server with demo data (`make run`) and Playwright with Debian's Chromium:

    .venv/bin/python scripts/screenshots.py [--base-url http://127.0.0.1:8000] [--out test-artifacts/screenshots]

It logs in as the demo regisseur (password, then a TOTP code from the demo key) and saves login, code page,
start page, "Mijn huishoudens", a household page, the register form with errors, a sociale kaart search, a plan
and the referrals page, as <nn-page>-<width>.png.
It changes no data: the only form it submits with content is refused.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import re
import struct
import sys
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True},
}
DEMO_EMAIL = "regisseur@demo.eenplan.nl"
DEMO_PASSWORD = "EenPlan-demo-2026"  # noqa: S105 - the published demo password
DEMO_TOTP_HEX_KEY = "3132333435363738393031323334353637383930"
STEP = 30


def totp(hex_key: str, at: float | None = None) -> str:
    """RFC 6238 TOTP (SHA-1, 30 s, 6 digits), as authenticator apps and django-otp compute it."""
    counter = int((time.time() if at is None else at) // STEP)
    digest = hmac.new(bytes.fromhex(hex_key), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


class Shooter:
    def __init__(self, browser: Browser, base_url: str, out: Path) -> None:
        self.browser = browser
        self.base_url = base_url.rstrip("/")
        self.out = out
        self.saved: list[Path] = []

    def context(self, width: str, **options: object) -> BrowserContext:
        context = self.browser.new_context(locale="nl-NL", **WIDTHS[width], **options)  # type: ignore[arg-type]
        context.set_default_timeout(15_000)
        return context

    def shoot(self, page: Page, name: str, width: str) -> None:
        page.wait_for_load_state("networkidle")
        if page.url.startswith("chrome-error:"):
            raise PlaywrightError(f"the server did not answer for {name}")
        path = self.out / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        self.saved.append(path)
        print(f"  {path}  ({page.url})")

    @staticmethod
    def retried(step: Callable[[], None], attempts: int = 3) -> None:
        """Run a step that starts by loading a page again; a development server restarting when code changes
        refuses connections for a moment."""
        for attempt in range(1, attempts + 1):
            try:
                step()
                return
            except PlaywrightError as exc:
                if attempt == attempts:
                    raise
                print(f"  (retrying: {str(exc).splitlines()[0]})", file=sys.stderr)
                time.sleep(3)

    def password_step(self, page: Page, email: str, password: str, width: str) -> None:
        def step() -> None:
            page.goto(f"{self.base_url}/inloggen/")
            self.shoot(page, "01-login", width)
            page.locator("#id_username").fill(email)
            page.locator("#id_password").fill(password)
            page.locator("main form button[type=submit]").click()
            page.wait_for_url(re.compile(r"/inloggen/code/"))
            self.shoot(page, "02-mfa", width)

        self.retried(step)

    def code_step(self, page: Page, hex_key: str) -> None:
        """Enter the current code; a code can be used only once, so if it was just used, wait for the next one."""
        for _attempt in range(2):
            page.locator("#id_token").fill(totp(hex_key))
            with page.expect_navigation():
                page.locator("main form button[type=submit]").first.click()
            if "/inloggen/code/" not in page.url:
                return
            time.sleep(STEP - time.time() % STEP + 1)
        raise SystemExit(f"the TOTP code was refused twice; is {hex_key} the key of this account?")

    def pages_behind_login(self, page: Page, width: str) -> None:
        def start() -> None:
            page.goto(f"{self.base_url}/")
            self.shoot(page, "03-start", width)

        def households() -> None:
            page.goto(f"{self.base_url}/huishoudens/")
            self.shoot(page, "04-list", width)

        def household() -> None:
            page.goto(f"{self.base_url}/huishoudens/")
            first = page.locator("#resultaten tbody a").first
            if not first.count():
                print("  (no household in the list: skipped the household page)", file=sys.stderr)
                return
            first.click()
            page.wait_for_url(re.compile(r"/huishoudens/\d+/$"))
            self.shoot(page, "05-household", width)

        def register_with_errors() -> None:
            page.goto(f"{self.base_url}/huishoudens/nieuw/")
            if page.locator("#id_bsn").count():
                page.locator("#id_street").fill("Lange Nieuwstraat")
                page.locator("#id_postcode").fill("12")
                page.locator("#id_first_name").fill("Fatima")
                page.locator("#id_date_of_birth").fill("2099-01-01")
                page.locator("#id_bsn").fill("123456789")
                page.locator("#id_phone").fill("bel me")
                with page.expect_navigation():
                    page.locator("main form button[type=submit]").click()
            self.shoot(page, "06-register-errors", width)

        def social_map() -> None:
            page.goto(f"{self.base_url}/sociale-kaart/?q=schulden")
            self.shoot(page, "07-social-map", width)

        def plan() -> None:
            page.goto(f"{self.base_url}/")
            link = page.locator("main table a[href^='/huishoudens/']").first
            if not link.count():
                print("  (no household on the start page: skipped the plan page)", file=sys.stderr)
                return
            page.goto(f"{self.base_url}{link.get_attribute('href')}plan/")
            self.shoot(page, "08-plan", width)

        def referrals() -> None:
            page.goto(f"{self.base_url}/verwijzingen/")
            self.shoot(page, "09-referrals", width)

        for step in (start, households, household, register_with_errors, social_map, plan, referrals):
            self.retried(step)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=Path("test-artifacts/screenshots"))
    parser.add_argument("--email", default=DEMO_EMAIL)
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument("--totp-hex", default=DEMO_TOTP_HEX_KEY)
    parser.add_argument("--chromium", default=CHROMIUM)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        shooter = Shooter(browser, args.base_url, args.out)
        try:
            # Desktop: the whole login, then the pages behind it. Its verified session is reused for the phone.
            desktop = shooter.context("desktop")
            page = desktop.new_page()
            shooter.password_step(page, args.email, args.password, "desktop")
            shooter.code_step(page, args.totp_hex)
            shooter.pages_behind_login(page, "desktop")
            session = desktop.storage_state()
            desktop.close()

            # Phone: the login pages in a fresh context (no code used up), the rest with the desktop's session.
            phone_login = shooter.context("phone")
            shooter.password_step(phone_login.new_page(), args.email, args.password, "phone")
            phone_login.close()
            phone = shooter.context("phone", storage_state=session)
            shooter.pages_behind_login(phone.new_page(), "phone")
            phone.close()
        finally:
            browser.close()
    print(f"{len(shooter.saved)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
