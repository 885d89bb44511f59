# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The warning before the session ends (WCAG 2.2.1), as a user meets it: for the professionals' pages
(test_session_timeout.py) and the portal's (test_portal_timeout.py)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible
from tests.browser.conftest import nl


def stay_logged_in_through_the_warning(page: Page, url: str, what: str) -> None:
    """Open `url` in a session that ends within seconds, wait for the warning (it takes the focus and passes
    axe-core), answer "Ingelogd blijven" with the keyboard, and open `url` again past the end the session had."""
    page.goto(url)
    warning = page.get_by_role("alertdialog")
    expect(warning).to_be_visible(timeout=12_000)
    expect(warning.get_by_role("heading", name=nl("You will be logged out soon"))).to_be_visible()
    expect(warning.get_by_role("button", name=nl("Stay logged in"))).to_be_focused()
    assert_accessible(page, what)

    page.keyboard.press("Enter")
    expect(warning).to_be_hidden()
    expect(page.locator("[data-session-status]")).to_have_text(nl("You stay logged in."))
    page.wait_for_timeout(8_000)  # past the end the session had before it was renewed
    page.goto(url)


def follow_log_in_again_after_the_end(page: Page, what: str) -> None:
    """Wait until the session has ended: the dialog says so, its "Log in again" link has the focus and passes
    axe-core; follow the link."""
    ended = page.get_by_role("alertdialog")
    expect(ended.get_by_role("heading", name=nl("You have been logged out"))).to_be_visible(timeout=15_000)
    log_in_again = ended.get_by_role("link", name=nl("Log in again"))
    expect(log_in_again).to_be_focused()
    assert_accessible(page, what)
    log_in_again.click()
