# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The public form from a shared address (a library, a buurthuis, a walk-in desk: many people behind one address):
a desk's normal flow is never locked out after three requests; a burst is; and when a limit applies the form comes
back with everything typed in it, a Dutch message and status 429 (docs/intake.md)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone, translation

from eenplan.intake.models import IntakeRequest

pytestmark = pytest.mark.django_db

FORM_URL = "/hulp-vragen/"
LIBRARY = "203.0.113.50"  # every computer of the library reaches EenPlan from this address
QUESTION = "Ik heb schulden en de huur loopt achter. Wie kan mij helpen?"


def send(number: int, **changes: object):
    """The request of the number-th visitor at the library's computers."""
    data: dict[str, object] = {
        "first_name": f"Bezoeker{number}",
        "last_name": "Bakker",
        "postcode": "3512ab",
        "phone": "06 12345678",
        "email": "",
        "question": QUESTION,
        "website": "",
    }
    data.update(changes)
    return Client().post(FORM_URL, data, REMOTE_ADDR=LIBRARY)


def spread_over_the_last_hour() -> None:
    """The requests so far were sent one every few minutes, as at a desk."""
    now = timezone.now()
    for index, pk in enumerate(IntakeRequest.objects.order_by("-pk").values_list("pk", flat=True)):
        IntakeRequest.objects.filter(pk=pk).update(submitted_at=now - datetime.timedelta(minutes=2 * (index + 1)))


def test_a_desk_sending_one_request_every_few_minutes_is_not_locked_out_after_three():
    for number in range(12):
        assert send(number).status_code == 302, f"request {number + 1} was refused"
        spread_over_the_last_hour()
    assert IntakeRequest.objects.count() == 12


def test_a_burst_from_one_address_is_stopped_within_the_minute():
    for number in range(3):
        assert send(number).status_code == 302
    assert send(3).status_code == 429
    assert IntakeRequest.objects.count() == 3


def test_the_hourly_limit_of_an_address_still_holds(settings):
    settings.INTAKE_REQUESTS_PER_HOUR = 5
    for number in range(5):
        send(number)
        spread_over_the_last_hour()
    assert send(5).status_code == 429


def test_a_limited_request_comes_back_with_everything_typed_in_it():
    for number in range(3):
        send(number)
    response = send(
        3, first_name="Fatima", email="fatima@example.org", question="Ik kan de energierekening niet betalen."
    )
    assert response.status_code == 429
    form = response.context["form"]
    assert (form["first_name"].value(), form["email"].value(), form["question"].value()) == (
        "Fatima",
        "fatima@example.org",
        "Ik kan de energierekening niet betalen.",
    )
    page = response.content.decode()
    assert 'value="Fatima"' in page and "Ik kan de energierekening niet betalen." in page


def test_a_limited_request_says_in_dutch_that_it_was_not_sent_and_when_to_try_again():
    for number in range(3):
        send(number)
    response = send(3)
    page = response.content.decode()
    with translation.override("nl"):
        assert translation.gettext("Your question has not been sent yet") in page
        assert translation.gettext('Wait %(minutes)s min. and press "Send" again.') % {"minutes": 1} in page
    assert 0 < int(response["Retry-After"]) <= 61


def test_the_wait_after_the_hourly_limit_is_until_the_oldest_request_leaves_the_hour(settings):
    settings.INTAKE_REQUESTS_PER_HOUR = 2
    send(0)
    send(1)
    IntakeRequest.objects.update(submitted_at=timezone.now() - datetime.timedelta(minutes=50))
    response = send(2)
    assert response.status_code == 429
    assert 9 * 60 <= int(response["Retry-After"]) <= 10 * 60 + 1
