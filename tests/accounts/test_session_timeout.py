# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The warning before the session ends (WCAG 2.2.1): "Ingelogd blijven" renews the session; the page tells the
script how long the session has left. The dialog itself is tried in tests/browser/test_session_timeout.py."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from eenplan.accounts.middleware import SESSION_TOUCHED_KEY

pytestmark = pytest.mark.django_db

EXTEND = "/sessie-verlengen/"


def session_row(client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def almost_ended(client) -> None:
    """The session was last renewed long ago: it ends in a minute."""
    session = client.session
    session[SESSION_TOUCHED_KEY] = int(timezone.now().timestamp()) - settings.SESSION_COOKIE_AGE + 60
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + datetime.timedelta(seconds=60)
    )


def test_the_endpoint_is_the_one_the_dialog_posts_to():
    assert reverse("accounts:extend_session") == EXTEND


def test_staying_logged_in_renews_the_session(verified_client):
    almost_ended(verified_client)
    response = verified_client.post(EXTEND, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    left = session_row(verified_client).expire_date - timezone.now()
    assert left > datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 30)


def test_staying_logged_in_tells_the_script_how_long_the_session_lasts(verified_client):
    response = verified_client.post(EXTEND, HTTP_ACCEPT="application/json")
    assert response.json() == {"seconds": settings.SESSION_COOKIE_AGE}


def test_without_the_script_the_form_goes_back_to_the_page(verified_client):
    response = verified_client.post(EXTEND, {"next": "/huishoudens/"})
    assert (response.status_code, response["Location"]) == (302, "/huishoudens/")


def test_without_the_script_a_next_of_another_site_goes_to_the_start_page(verified_client):
    response = verified_client.post(EXTEND, {"next": "https://elders.example/"})
    assert response["Location"] == reverse("start")


def test_the_session_is_not_renewed_by_a_get(verified_client):
    assert verified_client.get(EXTEND).status_code == 405


def test_an_ended_session_is_not_renewed(client):
    response = client.post(EXTEND, HTTP_ACCEPT="application/json")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_page_carries_the_warning_with_the_seconds_left(verified_client):
    """Renewed 30 seconds ago, so this page does not renew it (SESSION_TOUCH_SECONDS): 30 seconds less."""
    session = verified_client.session
    session[SESSION_TOUCHED_KEY] = int(timezone.now().timestamp()) - 30
    session.save()
    page = verified_client.get(reverse("households:list")).content.decode()
    dialog = re.search(r'<dialog id="sessie-verloopt"[^>]*>', page)
    assert dialog is not None
    assert 'role="alertdialog"' in dialog.group(0)
    seconds = int(re.search(r'data-seconds-left="(\d+)"', dialog.group(0)).group(1))
    assert settings.SESSION_COOKIE_AGE - 32 <= seconds <= settings.SESSION_COOKIE_AGE - 29


def test_a_page_that_renews_the_session_says_it_lasts_the_whole_age(verified_client):
    session = verified_client.session
    session[SESSION_TOUCHED_KEY] = int(timezone.now().timestamp()) - settings.SESSION_TOUCH_SECONDS - 1
    session.save()
    page = verified_client.get(reverse("households:list")).content.decode()
    assert f'data-seconds-left="{settings.SESSION_COOKIE_AGE}"' in page


def test_the_login_page_has_no_warning_but_the_script(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "sessie-verloopt" not in page
    assert "js/session-timeout" in page  # it keeps a form sent after the session ended, for after the login


def test_the_warning_has_no_inline_script(verified_client):
    page = verified_client.get(reverse("households:list")).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)


def test_a_page_polling_by_itself_does_not_renew_the_session(verified_client):
    session = verified_client.session
    touched = int(timezone.now().timestamp()) - settings.SESSION_TOUCH_SECONDS - 1
    session[SESSION_TOUCHED_KEY] = touched
    session.save()
    expires = session_row(verified_client).expire_date

    verified_client.get(reverse("households:list"), headers={"X-EenPlan-Poll": "1", "HX-Request": "true"})

    assert session_row(verified_client).expire_date == expires
    assert verified_client.session[SESSION_TOUCHED_KEY] == touched


def test_the_same_request_without_the_poll_header_renews_the_session(verified_client):
    session = verified_client.session
    session[SESSION_TOUCHED_KEY] = int(timezone.now().timestamp()) - settings.SESSION_TOUCH_SECONDS - 1
    session.save()
    expires = session_row(verified_client).expire_date

    verified_client.get(reverse("households:list"), headers={"HX-Request": "true"})

    assert session_row(verified_client).expire_date > expires
