# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""'Wachtwoord vergeten': a one-time link by e-mail that expires, and no hint whether an address has an account."""

from __future__ import annotations

import datetime
import re
from unittest import mock

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client

from eenplan.accounts.models import AccountEvent, AccountEventKind

pytestmark = pytest.mark.django_db

RESET = "/wachtwoord-vergeten/"
NEW_PASSWORD = "paars-konijn-springt-hoog"


def reset_link(message) -> str:
    found = re.search(r"https?://[^/]+(/wachtwoord-herstellen/[^\s]+)", message.body)
    assert found, message.body
    return found.group(1)


def ask(client: Client, email: str):
    return client.post(RESET, {"email": email}, follow=True)


def test_the_login_page_links_to_forgot_password(client):
    assert RESET in client.get("/inloggen/").content.decode()


def test_a_known_address_gets_an_email_with_a_link(client, professional):
    ask(client, professional.email)
    assert [m.to for m in mail.outbox] == [[professional.email]]
    assert "/wachtwoord-herstellen/" in mail.outbox[0].body


def test_known_and_unknown_addresses_get_the_same_answer(client, professional):
    known = ask(client, professional.email)
    unknown = ask(Client(), "niemand@example.org")
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    strip = lambda response: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())  # noqa: E731
    assert strip(known) == strip(unknown)
    assert len(mail.outbox) == 1  # only the known address got mail


def test_a_switched_off_account_gets_no_email(client, professional):
    professional.is_active = False
    professional.save()
    ask(client, professional.email)
    assert mail.outbox == []


def test_the_link_sets_a_new_password_and_then_the_login_still_asks_a_code(client, professional):
    ask(client, professional.email)
    form_page = client.get(reset_link(mail.outbox[0]), follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert done.redirect_chain[-1][0] == "/wachtwoord-herstellen/klaar/"
    assert SESSION_KEY not in client.session  # not logged in by the reset
    login = Client().post("/inloggen/", {"username": professional.email, "password": NEW_PASSWORD}, follow=True)
    assert login.redirect_chain[-1][0].startswith("/inloggen/code/")
    assert AccountEvent.objects.filter(user=professional, kind=AccountEventKind.PASSWORD_RESET).exists()


def test_the_link_works_only_once(client, professional):
    ask(client, professional.email)
    link = reset_link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = Client().get(link, follow=True)
    assert again.context["validlink"] is False


def test_the_link_expires(client, professional, settings):
    ask(client, professional.email)
    link = reset_link(mail.outbox[0])
    later = datetime.datetime.now() + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    with mock.patch("django.contrib.auth.tokens.PasswordResetTokenGenerator._now", return_value=later):
        expired = Client().get(link, follow=True)
    assert expired.context["validlink"] is False
    assert "no longer works" in expired.content.decode() or "werkt niet meer" in expired.content.decode()


def test_a_bad_address_gets_a_message_and_status_400(client):
    response = client.post(RESET, {"email": "geen-adres"})
    assert response.status_code == 400
    assert mail.outbox == []
