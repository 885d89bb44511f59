# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The warning before the session ends, in a real browser (WCAG 2.2.1 Timing Adjustable), with a session of seconds.

Before the session ends a dialog (role="alertdialog") takes the focus; "Ingelogd blijven", by keyboard, renews the
session on the server. When the session ends anyway, what was typed is kept in the browser tab and filled in again
after logging in, and forgotten once the form is sent.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from eenplan.households.models import Household
from tests import factories
from tests.browser.conftest import log_in, nl
from tests.browser.session_warning import follow_log_in_again_after_the_end, stay_logged_in_through_the_warning
from tests.conftest import login_verified

DRAFTS = "eenplan.drafts"  # the sessionStorage key of static/js/session-timeout.js


@pytest.fixture
def seconds_session(settings):
    """Sessions of a few seconds, renewed by every request (SESSION_TOUCH_SECONDS 1); the warning comes halfway."""

    def set_age(seconds: int) -> None:
        settings.SESSION_COOKIE_AGE = seconds
        settings.SESSION_TOUCH_SECONDS = 1

    return set_age


@pytest.fixture
def timeout_household(team) -> Household:
    """A household of `team` whose address the regisseur is changing when the session ends."""
    return factories.HouseholdFactory(owning_team=team, display_name="Bakker", street="Oude straat")


def sign_in_again(page: Page, live_server, user) -> None:
    """A new login of this user in the browser (as after the two login steps), without waiting for a new TOTP code."""
    client = login_verified(Client(), user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_the_warning_takes_the_focus_and_staying_logged_in_renews_the_session(
    page: Page, live_server, regisseur, seconds_session
):
    seconds_session(12)  # the warning comes 6 seconds before the end
    log_in(page, live_server, regisseur)
    stay_logged_in_through_the_warning(
        page, f"{live_server.url}{reverse('households:list')}", "the warning before the session ends"
    )
    assert "/inloggen/" not in page.url


def test_what_was_typed_is_filled_in_again_after_the_session_ended(
    page: Page, live_server, regisseur, timeout_household, seconds_session
):
    seconds_session(10)
    log_in(page, live_server, regisseur)
    edit = f"{live_server.url}{reverse('households:edit', kwargs={'pk': timeout_household.pk})}"
    page.goto(edit)
    page.locator("#id_street").fill("Nieuwe straat")

    follow_log_in_again_after_the_end(page, "the dialog after the session ended")
    page.wait_for_url(re.compile(r"/inloggen/"))

    sign_in_again(page, live_server, regisseur)
    seconds_session(600)  # time enough to check the page
    page.goto(edit)
    expect(page.locator("#id_street")).to_have_value("Nieuwe straat")
    expect(page.locator("main")).to_contain_text(
        nl("Your session had ended. What you typed before has been filled in again. Check it and save.")
    )

    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/adres/" not in url)
    assert Household.objects.get(pk=timeout_household.pk).street == "Nieuwe straat"
    assert page.evaluate(f"sessionStorage.getItem('{DRAFTS}')") is None


def test_a_form_sent_after_the_session_ended_is_kept_for_after_the_login(
    page: Page, live_server, regisseur, timeout_household, seconds_session
):
    seconds_session(600)
    log_in(page, live_server, regisseur)
    edit = f"{live_server.url}{reverse('households:edit', kwargs={'pk': timeout_household.pk})}"
    page.goto(edit)
    page.locator("#id_street").fill("Andere straat")
    Session.objects.all().delete()  # the session ends on the server without the page knowing

    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/inloggen/"))
    sign_in_again(page, live_server, regisseur)
    page.goto(edit)
    expect(page.locator("#id_street")).to_have_value("Andere straat")
    assert Household.objects.get(pk=timeout_household.pk).street == "Oude straat"


def test_logging_out_forgets_what_was_typed(page: Page, live_server, regisseur, timeout_household, seconds_session):
    seconds_session(600)
    log_in(page, live_server, regisseur)
    page.goto(f"{live_server.url}{reverse('households:edit', kwargs={'pk': timeout_household.pk})}")
    page.locator("#id_street").fill("Geheime straat")
    page.evaluate("document.querySelector('main form').dispatchEvent(new Event('submit', {bubbles: true}))")
    assert page.evaluate(f"sessionStorage.getItem('{DRAFTS}')") is not None
    page.locator("header form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/inloggen/"))
    assert page.evaluate(f"sessionStorage.getItem('{DRAFTS}')") is None
