# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The warning before the portal's session ends (WCAG 2.2.1), as the professionals have it
(tests/accounts/test_session_timeout.py) but with the portal's own length (15 minutes) and its own "Stay logged in".
The dialog itself is tried in tests/browser/test_portal_timeout.py."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from eenplan.accounts.middleware import SESSION_TOUCHED_KEY
from eenplan.portal.services import PORTAL_SESSION_SECONDS
from tests import access_helpers as story

pytestmark = pytest.mark.django_db

EXTEND = "/mijn/sessie-verlengen/"


def signed_in(client: Client, resident) -> Client:
    """A portal session with the portal's own length, as the portal's login starts it (services.sign_in)."""
    story.sign_in_to_portal(client, resident)
    session = client.session
    session.set_expiry(PORTAL_SESSION_SECONDS)
    session.save()
    return client


def dialog_of(page: str) -> str:
    found = re.search(r'<dialog id="sessie-verloopt"[^>]*>', page)
    assert found is not None, "no session-timeout dialog"
    return found.group(0)


def test_the_endpoint_is_the_one_the_portal_dialog_posts_to(client, portal_anna):
    assert reverse("portal:extend_session") == EXTEND
    page = signed_in(client, portal_anna).get(reverse("portal:home")).content.decode()
    assert f'action="{EXTEND}" data-session-extend' in page
    assert f'data-logout-url="{reverse("portal:logout")}"' in page


def test_a_portal_page_carries_the_warning_with_the_portals_own_length(client, portal_anna):
    signed_in(client, portal_anna)
    session = client.session
    session[SESSION_TOUCHED_KEY] = int(timezone.now().timestamp()) - 30
    session.save()
    dialog = dialog_of(client.get(reverse("portal:plan")).content.decode())
    assert 'role="alertdialog"' in dialog
    seconds = int(re.search(r'data-seconds-left="(\d+)"', dialog).group(1))
    assert PORTAL_SESSION_SECONDS - 32 <= seconds <= PORTAL_SESSION_SECONDS - 29
    assert PORTAL_SESSION_SECONDS < settings.SESSION_COOKIE_AGE  # so the professionals' length would be wrong here


def test_there_is_one_warning_on_a_portal_page(client, portal_anna):
    page = signed_in(client, portal_anna).get(reverse("portal:home")).content.decode()
    assert page.count('id="sessie-verloopt"') == 1


def test_staying_logged_in_renews_the_portal_session_for_its_own_length(client, portal_anna):
    signed_in(client, portal_anna)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + datetime.timedelta(seconds=60)
    )
    response = client.post(EXTEND, HTTP_ACCEPT="application/json")
    assert response.json() == {"seconds": PORTAL_SESSION_SECONDS}
    row = Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)
    left = row.expire_date - timezone.now()
    assert (
        datetime.timedelta(seconds=PORTAL_SESSION_SECONDS - 30)
        < left
        <= datetime.timedelta(seconds=PORTAL_SESSION_SECONDS)
    )


def test_without_the_script_the_form_goes_back_to_the_page(client, portal_anna):
    signed_in(client, portal_anna)
    response = client.post(EXTEND, {"next": reverse("portal:plan")})
    assert (response.status_code, response["Location"]) == (302, reverse("portal:plan"))
    elsewhere = client.post(EXTEND, {"next": "https://elders.example/"})
    assert elsewhere["Location"] == reverse("portal:home")


def test_without_the_script_a_bare_word_as_next_goes_to_the_portals_home(client, portal_anna):
    signed_in(client, portal_anna)
    response = client.post(EXTEND, {"next": "plan"})
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")


def test_an_ended_portal_session_is_not_renewed(client):
    response = client.post(EXTEND, HTTP_ACCEPT="application/json")
    assert (response.status_code, response["Location"]) == (302, reverse("portal:login"))


def test_the_portal_session_is_not_renewed_by_a_get(client, portal_anna):
    assert signed_in(client, portal_anna).get(EXTEND).status_code == 405


def test_the_portal_login_page_has_no_warning_but_the_script(client):
    page = client.get(reverse("portal:login")).content.decode()
    assert "sessie-verloopt" not in page
    assert "js/session-timeout" in page
