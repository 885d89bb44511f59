# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Logging in: e-mail and password, then always a TOTP code; lockout after repeated failures; idle expiry."""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = "/inloggen/"
MFA = "/inloggen/code/"
LOGOUT = "/uitloggen/"
HOUSEHOLDS = "/huishoudens/"


def log_in_with_password(client: Client, email: str, password: str, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def is_logged_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def redirect_target(response) -> tuple[str, str | None]:
    """The path a redirect leads to, and its `next` parameter."""
    url = urlsplit(response.url)
    return url.path, parse_qs(url.query).get("next", [None])[0]


def device_of(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user)


# -- password step ---------------------------------------------------------------------------------------------


def test_the_login_page_asks_for_email_and_password(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_a_correct_password_leads_to_the_code_step(client, professional):
    response = log_in_with_password(client, professional.email, factories.PASSWORD, follow=True)
    assert response.redirect_chain[-1][0].startswith(MFA)
    assert response.status_code == 200
    assert response.context["enrolling"] is False


def test_the_email_address_is_not_case_sensitive(client, professional):
    response = log_in_with_password(client, professional.email.upper(), factories.PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_a_wrong_password_shows_an_error_and_stays_on_the_login_page(client, professional):
    response = log_in_with_password(client, professional.email, "not-the-password")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "utrecht-alert--error" in response.content.decode()
    assert not is_logged_in(client)


def test_after_five_wrong_passwords_the_account_is_locked(client, professional):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in_with_password(client, professional.email, "not-the-password").status_code == 200
    response = log_in_with_password(client, professional.email, "not-the-password")
    assert response.status_code == 429


def test_a_locked_account_refuses_even_the_correct_password(client, professional):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in_with_password(client, professional.email, "not-the-password")
    response = log_in_with_password(client, professional.email, factories.PASSWORD)
    assert response.status_code == 429
    assert not is_logged_in(client)


def test_a_lockout_of_one_account_leaves_other_accounts_alone(client, professional):
    colleague = factories.wijkteam_member()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in_with_password(client, professional.email, "not-the-password")
    response = log_in_with_password(Client(), colleague.email, factories.PASSWORD)
    assert response.status_code == 302


# -- the code step (mandatory MFA) -----------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(HOUSEHOLDS)
    assert response.status_code == 302
    assert redirect_target(response) == (LOGIN, HOUSEHOLDS)


def test_a_password_only_login_is_sent_to_the_code_step(client, professional):
    client.force_login(professional)
    response = client.get(HOUSEHOLDS)
    assert response.status_code == 302
    assert redirect_target(response) == (MFA, HOUSEHOLDS)


def test_a_correct_code_verifies_the_login_and_opens_the_page(client, professional):
    client.force_login(professional)
    code = factories.current_totp_code(device_of(professional))
    response = client.post(f"{MFA}?next=/huishoudens/", {"token": code, "next": HOUSEHOLDS})
    assert response.status_code == 302
    assert response.url == HOUSEHOLDS
    assert client.get(HOUSEHOLDS).status_code == 200


def test_a_wrong_code_is_refused_and_the_login_stays_unverified(client, professional):
    client.force_login(professional)
    response = client.post(MFA, {"token": factories.wrong_totp_code(device_of(professional)), "next": HOUSEHOLDS})
    assert response.status_code == 400
    assert "token" in response.context["form"].errors
    assert client.get(HOUSEHOLDS).url.startswith(MFA)


def test_a_code_with_letters_is_refused(client, professional):
    client.force_login(professional)
    response = client.post(MFA, {"token": "12345a"})
    assert response.status_code == 400
    assert "token" in response.context["form"].errors


def test_the_code_step_does_not_send_a_user_to_another_site(client, professional):
    client.force_login(professional)
    code = factories.current_totp_code(device_of(professional))
    response = client.post(MFA, {"token": code, "next": "https://evil.example.com/"})
    assert response.status_code == 302
    assert "evil.example.com" not in response.url


def test_a_first_login_without_an_authenticator_shows_the_enrolment_with_a_qr_code(client):
    newcomer = factories.wijkteam_member(totp=False)
    client.force_login(newcomer)
    response = client.get(MFA)
    assert response.status_code == 200
    assert response.context["enrolling"] is True
    page = response.content.decode()
    assert "<svg" in page
    assert response.context["secret"]
    assert response.context["secret"] in page


def test_the_enrolment_shows_the_same_secret_on_every_reload(client):
    newcomer = factories.wijkteam_member(totp=False)
    client.force_login(newcomer)
    first = client.get(MFA).context["secret"]
    second = client.get(MFA).context["secret"]
    assert first == second
    assert TOTPDevice.objects.filter(user=newcomer).count() == 1


def test_a_correct_code_during_enrolment_confirms_the_authenticator(client):
    newcomer = factories.wijkteam_member(totp=False)
    client.force_login(newcomer)
    client.get(MFA)
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    response = client.post(MFA, {"token": factories.current_totp_code(device), "next": HOUSEHOLDS})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get(HOUSEHOLDS).status_code == 200


def test_a_wrong_code_during_enrolment_leaves_the_authenticator_unconfirmed(client):
    newcomer = factories.wijkteam_member(totp=False)
    client.force_login(newcomer)
    client.get(MFA)
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    response = client.post(MFA, {"token": factories.wrong_totp_code(device)})
    assert response.status_code == 400
    device.refresh_from_db()
    assert device.confirmed is False


def test_the_full_login_with_password_and_code_reaches_the_households(client, professional):
    log_in_with_password(client, professional.email, factories.PASSWORD)
    code = factories.current_totp_code(device_of(professional))
    client.post(MFA, {"token": code, "next": HOUSEHOLDS})
    assert client.get(HOUSEHOLDS).status_code == 200


# -- logout ----------------------------------------------------------------------------------------------------


def test_logout_is_refused_on_get(verified_client):
    response = verified_client.get(LOGOUT)
    assert response.status_code == 405
    assert is_logged_in(verified_client)


def test_logout_by_post_ends_the_session(verified_client):
    response = verified_client.post(LOGOUT)
    assert response.status_code == 302
    assert response.url == LOGIN
    assert not is_logged_in(verified_client)
    assert verified_client.get(HOUSEHOLDS).url.startswith(LOGIN)


# -- idle expiry -----------------------------------------------------------------------------------------------


def test_the_session_lives_as_long_as_the_idle_time():
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60


def _session_writes(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(HOUSEHOLDS).status_code == 200
    return sum(1 for q in queries if q["sql"].startswith("UPDATE") and "django_session" in q["sql"])


def test_the_session_is_not_written_again_within_a_minute(verified_client):
    _session_writes(verified_client)
    assert _session_writes(verified_client) == 0


def test_the_session_is_renewed_once_the_touch_interval_has_passed(verified_client):
    _session_writes(verified_client)
    with minutes_later(2):
        assert _session_writes(verified_client) == 1


@contextmanager
def minutes_later(minutes: int):
    """Let the server's clock run ahead, as if the professional left the screen alone for a while."""
    later = timezone.now() + datetime.timedelta(minutes=minutes)
    with mock.patch("django.utils.timezone.now", return_value=later):
        yield


def test_a_session_used_within_the_idle_time_stays_logged_in(verified_client):
    idle = settings.SESSION_IDLE_MINUTES
    with minutes_later(idle - 1):
        assert verified_client.get(HOUSEHOLDS).status_code == 200
    # The request above renewed the session: the same wait again, counted from the login, is more than the idle time.
    with minutes_later(2 * idle - 2):
        assert verified_client.get(HOUSEHOLDS).status_code == 200


def test_a_session_left_idle_too_long_is_logged_out(verified_client):
    with minutes_later(settings.SESSION_IDLE_MINUTES + 1):
        response = verified_client.get(HOUSEHOLDS)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
