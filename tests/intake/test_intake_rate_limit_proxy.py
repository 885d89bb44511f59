# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The public form's rate limit behind the TLS proxy (BEHIND_TLS_PROXY): every request then comes from the proxy's
address, so the sender is the client address the proxy appends as the last entry of X-Forwarded-For. Without the
proxy the header is never trusted: anyone can send it."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from eenplan.intake import spam
from eenplan.intake.models import IntakeRequest

pytestmark = pytest.mark.django_db

FORM_URL = "/hulp-vragen/"
PROXY = "10.0.0.2"
RESIDENT = "203.0.113.7"
OTHER_RESIDENT = "198.51.100.42"


def request_data() -> dict[str, object]:
    return {
        "first_name": "Sara",
        "last_name": "Bakker",
        "postcode": "3512 AB",
        "phone": "06 12345678",
        "email": "",
        "question": "Ik heb schulden en de huur loopt achter.",
        "website": "",
    }


def send(forwarded_for: str | None, remote: str = PROXY):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return Client().post(FORM_URL, request_data(), REMOTE_ADDR=remote, **headers)


def address(forwarded_for: str | None, remote: str = PROXY) -> str:
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return spam.sender_address(RequestFactory().post(FORM_URL, REMOTE_ADDR=remote, **headers))


@pytest.fixture
def behind_proxy(settings):
    """As settings.py configures it when the environment variable BEHIND_TLS_PROXY is on."""
    settings.BEHIND_TLS_PROXY = True


@pytest.fixture
def without_proxy(settings):
    settings.BEHIND_TLS_PROXY = False


# Behind the proxy


def test_behind_the_proxy_the_sender_is_the_last_forwarded_address(behind_proxy):
    assert address(f"192.0.2.99, {RESIDENT}") == RESIDENT


def test_behind_the_proxy_residents_behind_one_proxy_are_counted_apart(behind_proxy, settings):
    settings.INTAKE_REQUESTS_PER_HOUR = 1
    assert send(RESIDENT).status_code == 302
    assert send(OTHER_RESIDENT).status_code == 302
    assert send(RESIDENT).status_code == 429
    assert IntakeRequest.objects.count() == 2


def test_behind_the_proxy_an_address_made_up_by_the_client_does_not_escape_the_limit(behind_proxy, settings):
    settings.INTAKE_REQUESTS_PER_HOUR = 1
    assert send(f"192.0.2.1, {RESIDENT}").status_code == 302
    assert send(f"192.0.2.2, {RESIDENT}").status_code == 429


@pytest.mark.parametrize(
    "forwarded_for",
    [
        pytest.param(None, id="no header"),
        pytest.param("not-an-address", id="not an address"),
        pytest.param(f"{RESIDENT}, ", id="empty last entry"),
    ],
)
def test_behind_the_proxy_without_a_valid_last_entry_the_proxys_own_address_counts(behind_proxy, forwarded_for):
    assert address(forwarded_for) == PROXY


# Without the proxy


def test_without_the_proxy_the_forwarded_header_is_ignored(without_proxy):
    assert address(RESIDENT, remote=OTHER_RESIDENT) == OTHER_RESIDENT


def test_without_the_proxy_a_made_up_forwarded_address_does_not_escape_the_limit(without_proxy, settings):
    settings.INTAKE_REQUESTS_PER_HOUR = 1
    assert send("192.0.2.1", remote=RESIDENT).status_code == 302
    assert send("192.0.2.2", remote=RESIDENT).status_code == 429
