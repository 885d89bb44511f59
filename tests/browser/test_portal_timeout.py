# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The warning before the portal's session ends, in a real browser (WCAG 2.2.1), as the professionals have it
(tests/browser/test_session_timeout.py), with a portal session of seconds: the dialog takes the focus and "Ingelogd
blijven" renews the portal session; when it ends anyway, what the resident typed is filled in again after logging in.
"""

from __future__ import annotations

import re

from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from eenplan.households.models import Resident
from eenplan.portal.models import Message
from tests import access_helpers as story
from tests.browser.conftest import nl
from tests.browser.session_warning import follow_log_in_again_after_the_end, stay_logged_in_through_the_warning


def portal_session(page: Page, live_server, resident: Resident, seconds: int) -> None:
    """A portal session of `seconds` for this resident in the browser (as the portal's login starts one)."""
    client = story.sign_in_to_portal(Client(), resident)
    session = client.session
    session.set_expiry(seconds)
    session.save()
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_the_portal_warning_takes_the_focus_and_staying_logged_in_renews_the_session(
    page: Page, live_server, household, settings
):
    settings.SESSION_TOUCH_SECONDS = 1
    anna = story.resident_with_bsn(household, story.TEST_BSNS[0], first_name="Anna", last_name="Vries")
    portal_session(page, live_server, anna, 12)  # the warning comes 6 seconds before the end
    stay_logged_in_through_the_warning(
        page, f"{live_server.url}{reverse('portal:home')}", "the portal's warning before the session ends"
    )
    assert page.url.endswith(reverse("portal:home"))


def test_a_message_typed_in_the_portal_is_filled_in_again_after_the_session_ended(
    page: Page, live_server, household, settings
):
    settings.SESSION_TOUCH_SECONDS = 1
    anna = story.resident_with_bsn(household, story.TEST_BSNS[0], first_name="Anna", last_name="Vries")
    portal_session(page, live_server, anna, 10)
    messages = f"{live_server.url}{reverse('portal:messages')}"
    page.goto(messages)
    page.locator("textarea[name=body]").fill("Kunnen we volgende week praten?")

    follow_log_in_again_after_the_end(page, "the portal's dialog after the session ended")
    page.wait_for_url(re.compile(re.escape(reverse("portal:login"))))

    portal_session(page, live_server, anna, 600)
    page.goto(messages)
    expect(page.locator("textarea[name=body]")).to_have_value("Kunnen we volgende week praten?")
    expect(page.locator("main")).to_contain_text(
        nl("Your session had ended. What you typed before has been filled in again. Check it and save.")
    )
    page.get_by_role("button", name=nl("Send"), exact=True).click()
    page.wait_for_url(re.compile(re.escape(reverse("portal:messages"))))
    assert Message.objects.filter(body="Kunnen we volgende week praten?").exists()
