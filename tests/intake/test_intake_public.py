# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The public request for help (*hulp vragen*): anyone may ask the wijkteam for help without logging in. The form
stores as little as possible, routes the request to the wijk of its postcode, and keeps spam out without external
services: a honeypot field and a rate limit per sender address, of which only a keyed digest is stored."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from eenplan.intake.forms import PublicRequestForm
from eenplan.intake.models import IntakeRequest

pytestmark = pytest.mark.django_db

FORM_URL = "/hulp-vragen/"
THANKS_URL = "/hulp-vragen/verstuurd/"
SENDER = "203.0.113.7"
OTHER_SENDER = "198.51.100.42"


def request_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "first_name": "Sara",
        "last_name": "Bakker",
        "postcode": "3512ab",
        "phone": "06 12345678",
        "email": "",
        "question": "Ik heb schulden en de huur loopt achter. Wie kan mij helpen?",
        "website": "",
    }
    data.update(changes)
    return data


def send(client: Client, address: str = SENDER, **changes: object):
    return client.post(FORM_URL, request_data(**changes), REMOTE_ADDR=address)


@pytest.fixture
def anonymous() -> Client:
    return Client()


# The form


def test_anyone_can_open_the_form_without_logging_in(anonymous):
    response = anonymous.get(FORM_URL)
    assert response.status_code == 200
    assert "website" in response.context["form"].fields


def test_the_confirmation_page_opens_without_logging_in(anonymous):
    assert anonymous.get(THANKS_URL).status_code == 200


def test_the_form_asks_only_what_is_needed_to_call_back():
    asked = set(PublicRequestForm().fields)
    assert asked == {"first_name", "last_name", "postcode", "phone", "email", "question", "website"}


def test_a_valid_request_is_stored_once_and_leads_to_the_confirmation_page(anonymous, centrum):
    response = send(anonymous)
    assert response.status_code == 302 and response.url == THANKS_URL
    stored = IntakeRequest.objects.get()
    assert (stored.source, stored.status, stored.first_name, stored.last_name) == (
        "publiek",
        "nieuw",
        "Sara",
        "Bakker",
    )


def test_the_request_is_routed_to_the_wijk_of_its_postcode(anonymous, centrum):
    send(anonymous)
    stored = IntakeRequest.objects.get()
    assert stored.postcode == "3512 AB"
    assert stored.neighbourhood == centrum


def test_a_postcode_outside_every_wijk_is_stored_without_a_wijk(anonymous, centrum):
    send(anonymous, postcode="9999 ZZ")
    assert IntakeRequest.objects.get().neighbourhood is None


def test_an_email_address_alone_is_enough_to_be_reached(anonymous):
    response = send(anonymous, phone="", email="sara@example.org")
    assert response.status_code == 302
    assert IntakeRequest.objects.get().email == "sara@example.org"


# Bad input: 400 with a message at the field, and nothing stored


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"first_name": ""}, "first_name", id="no first name"),
        pytest.param({"last_name": ""}, "last_name", id="no last name"),
        pytest.param({"postcode": "35122 AB"}, "postcode", id="invalid postcode"),
        pytest.param({"postcode": "AB 3512"}, "postcode", id="postcode letters first"),
        pytest.param({"phone": "", "email": ""}, "phone", id="neither phone nor e-mail"),
        pytest.param({"phone": "12345"}, "phone", id="phone too short"),
        pytest.param({"phone": "", "email": "sara@"}, "email", id="invalid e-mail"),
        pytest.param({"question": ""}, "question", id="no question"),
        pytest.param({"question": "x" * 2001}, "question", id="question over 2000 characters"),
    ],
)
def test_bad_input_answers_400_with_a_field_error_and_stores_nothing(anonymous, changes, field):
    response = send(anonymous, **changes)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not IntakeRequest.objects.exists()


def test_a_question_of_exactly_2000_characters_is_accepted(anonymous):
    assert send(anonymous, question="x" * 2000).status_code == 302
    assert IntakeRequest.objects.count() == 1


# Spam protection


def test_a_filled_honeypot_gets_the_confirmation_page_but_nothing_is_stored(anonymous):
    response = send(anonymous, website="https://cheap-pills.example")
    assert response.status_code == 302 and response.url == THANKS_URL
    assert not IntakeRequest.objects.exists()


def test_three_requests_within_a_minute_from_one_address_are_accepted(anonymous):
    for _ in range(3):
        assert send(anonymous).status_code == 302
    assert IntakeRequest.objects.count() == 3


def test_the_fourth_request_within_a_minute_from_one_address_answers_429_and_is_not_stored(anonymous):
    for _ in range(3):
        send(anonymous)
    response = send(anonymous, first_name="Vierde")
    assert response.status_code == 429
    assert IntakeRequest.objects.count() == 3
    assert not IntakeRequest.objects.filter(first_name="Vierde").exists()


def test_another_address_may_still_send_when_one_address_reached_the_limit(anonymous):
    for _ in range(3):
        send(anonymous)
    assert send(anonymous, address=SENDER).status_code == 429
    assert send(anonymous, address=OTHER_SENDER).status_code == 302
    assert IntakeRequest.objects.count() == 4


def test_requests_older_than_an_hour_do_not_count_for_the_limit(anonymous, settings):
    settings.INTAKE_REQUESTS_PER_HOUR = 3
    for _ in range(3):
        send(anonymous)
    IntakeRequest.objects.update(submitted_at=timezone.now() - datetime.timedelta(hours=1, minutes=1))
    assert send(anonymous).status_code == 302


def test_the_limit_follows_the_setting(anonymous, settings):
    settings.INTAKE_REQUESTS_PER_HOUR = 1
    assert send(anonymous).status_code == 302
    assert send(anonymous).status_code == 429


def test_the_sender_address_itself_is_never_stored(anonymous):
    send(anonymous)
    stored = IntakeRequest.objects.get()
    assert stored.sender_digest and SENDER not in stored.sender_digest
    assert len(stored.sender_digest) == 64
    assert all(SENDER not in str(value) for value in IntakeRequest.objects.values().get().values())


def test_the_digest_is_the_same_for_one_address_and_differs_between_addresses(anonymous):
    send(anonymous, address=SENDER)
    send(anonymous, address=SENDER)
    send(anonymous, address=OTHER_SENDER)
    digests = list(IntakeRequest.objects.order_by("id").values_list("sender_digest", flat=True))
    assert digests[0] == digests[1] != digests[2]
