# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Signals (*signalen*): a logged-in professional — also of a partner organisation — passes a worry about a
resident to the wijkteam. Volunteers, policy officers and administrators may not; a signal may name only a
household the professional can see."""

from __future__ import annotations

import pytest
from django.test import Client

from eenplan.access.models import AccessLogEntry
from eenplan.intake.models import IntakeRequest
from tests import access_helpers as story
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

SIGNAL_URL = "/signalen/nieuw/"


def signal_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "first_name": "Kees",
        "last_name": "Smit",
        "date_of_birth": "1958-03-14",
        "postcode": "3512 AB",
        "phone": "",
        "email": "",
        "question": "Meneer opent zijn post niet meer en de energie wordt afgesloten.",
        "household_number": "",
    }
    data.update(changes)
    return data


def test_a_partner_professional_can_open_the_signal_form(partner_client):
    assert partner_client.get(SIGNAL_URL).status_code == 200


def test_a_partner_professional_sends_a_signal_stored_with_its_sender(partner_client, partner, centrum):
    response = partner_client.post(SIGNAL_URL, signal_data())
    assert response.status_code == 302
    signal = IntakeRequest.objects.get()
    assert (signal.source, signal.signal_by, signal.status) == ("signaal", partner, "nieuw")
    assert signal.neighbourhood == centrum


def test_a_signal_needs_no_phone_or_email_of_the_resident(partner_client):
    assert partner_client.post(SIGNAL_URL, signal_data(phone="", email="")).status_code == 302
    assert IntakeRequest.objects.count() == 1


def test_sending_a_signal_writes_one_access_log_entry(partner_client, partner):
    before = AccessLogEntry.objects.count()
    partner_client.post(SIGNAL_URL, signal_data())
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert (entry.user, entry.action, entry.object_type) == (partner, "create", "intake_request")
    assert entry.object_id == IntakeRequest.objects.get().pk


def test_a_wijkteam_member_can_name_a_household_of_their_team(verified_client, professional, household):
    response = verified_client.post(SIGNAL_URL, signal_data(household_number=household.pk))
    assert response.status_code == 302
    assert IntakeRequest.objects.get().signal_household == household


def test_a_household_number_the_sender_cannot_see_gives_a_form_error(partner_client, household):
    response = partner_client.post(SIGNAL_URL, signal_data(household_number=household.pk))
    assert response.status_code == 400
    assert "household_number" in response.context["form"].errors
    assert not IntakeRequest.objects.exists()


def test_a_household_number_that_does_not_exist_gives_a_form_error(verified_client):
    response = verified_client.post(SIGNAL_URL, signal_data(household_number=987654))
    assert response.status_code == 400
    assert "household_number" in response.context["form"].errors


def test_a_signal_without_the_worry_answers_400_and_stores_nothing(partner_client):
    response = partner_client.post(SIGNAL_URL, signal_data(question=""))
    assert response.status_code == 400
    assert "question" in response.context["form"].errors
    assert not IntakeRequest.objects.exists()


def test_a_volunteer_may_not_send_a_signal():
    client = login_verified(Client(), story.volunteer())
    assert client.get(SIGNAL_URL).status_code == 403
    assert client.post(SIGNAL_URL, signal_data()).status_code == 403
    assert not IntakeRequest.objects.exists()


def test_a_functional_administrator_may_not_send_a_signal(functional_admin):
    client = login_verified(Client(), functional_admin)
    assert client.post(SIGNAL_URL, signal_data()).status_code == 403
    assert not IntakeRequest.objects.exists()


def test_an_anonymous_visitor_is_sent_to_the_login(client):
    response = client.post(SIGNAL_URL, signal_data())
    assert response.status_code == 302 and response.url.startswith("/inloggen/")
    assert not IntakeRequest.objects.exists()
