# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The integral intake (*integrale vraagverheldering*): the question in the resident's own words, their own strength
and network, notes per life domain, urgency and the safety questions. Saving leads to the self-reliance
assessment; a safety concern needs notes."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from eenplan.access.models import AccessLogEntry
from eenplan.intake.models import Intake
from tests import access_helpers as story
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


def intake_url(household) -> str:
    return f"/huishoudens/{household.pk}/intake/nieuw/"


def intake_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "conducted_on": timezone.localdate().isoformat(),
        "question_in_own_words": "Ik wil van mijn schulden af en weer rust in huis.",
        "own_strength": "Ik kan goed koken en houd de post bij als iemand meekijkt.",
        "network": "Mijn zus komt elke week langs.",
        "urgency": "normaal",
        "safety_notes": "",
    }
    data.update(changes)
    return data


def test_the_intake_form_opens_with_the_question_of_the_linked_request(verified_client, household):
    story.request_for_help(household=household, question="Ik kom er niet meer uit met de rekeningen.")
    response = verified_client.get(intake_url(household))
    assert response.status_code == 200
    assert response.context["form"].initial["question_in_own_words"] == "Ik kom er niet meer uit met de rekeningen."


def test_saving_the_intake_leads_to_the_new_assessment(verified_client, household, professional):
    response = verified_client.post(intake_url(household), intake_data())
    assert response.status_code == 302
    assert response.url == f"/huishoudens/{household.pk}/zelfredzaamheid/nieuw/"
    intake = Intake.objects.get()
    assert (intake.household, intake.conducted_by, intake.urgency) == (household, professional, "normaal")


def test_the_intake_is_linked_to_the_request_it_came_from(verified_client, household):
    request = story.request_for_help(household=household)
    verified_client.post(intake_url(household), intake_data())
    assert Intake.objects.get().request == request


def test_notes_per_life_domain_are_stored_by_domain(verified_client, household):
    data = intake_data(
        domain_financien="Huurachterstand van drie maanden.",
        domain_huisvesting="  Schimmel in de slaapkamer.  ",
        domain_justitie="",
    )
    verified_client.post(intake_url(household), data)
    assert Intake.objects.get().domain_notes == {
        "financien": "Huurachterstand van drie maanden.",
        "huisvesting": "Schimmel in de slaapkamer.",
    }


def test_the_intake_form_offers_a_note_for_each_of_the_13_life_domains(verified_client, household):
    form = verified_client.get(intake_url(household)).context["form"]
    assert len([name for name in form.fields if name.startswith("domain_")]) == 13


@pytest.mark.parametrize("question", ["acute_danger", "children_at_risk", "domestic_violence"])
def test_a_safety_question_answered_yes_without_notes_answers_400_and_stores_nothing(
    verified_client, household, question
):
    response = verified_client.post(intake_url(household), intake_data(**{question: "on", "safety_notes": " "}))
    assert response.status_code == 400
    assert "safety_notes" in response.context["form"].errors
    assert not Intake.objects.exists()


def test_a_safety_concern_with_notes_is_stored(verified_client, household):
    data = intake_data(children_at_risk="on", urgency="crisis", safety_notes="Veilig Thuis is gebeld.")
    assert verified_client.post(intake_url(household), data).status_code == 302
    intake = Intake.objects.get()
    assert intake.has_safety_concern and intake.children_at_risk and not intake.acute_danger
    assert (intake.urgency, intake.safety_notes) == ("crisis", "Veilig Thuis is gebeld.")


def test_an_intake_in_the_future_answers_400(verified_client, household):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = verified_client.post(intake_url(household), intake_data(conducted_on=tomorrow))
    assert response.status_code == 400
    assert not Intake.objects.exists()


def test_an_intake_without_the_question_answers_400(verified_client, household):
    response = verified_client.post(intake_url(household), intake_data(question_in_own_words=""))
    assert response.status_code == 400
    assert "question_in_own_words" in response.context["form"].errors


def test_saving_the_intake_writes_one_access_log_entry(verified_client, household):
    before = AccessLogEntry.objects.count()
    verified_client.post(intake_url(household), intake_data())
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert (entry.action, entry.object_type, entry.household_id) == ("create", "intake", household.pk)


def test_a_member_of_another_team_cannot_do_the_intake(other_team_household, professional):
    client = login_verified(Client(), professional)
    assert client.post(intake_url(other_team_household), intake_data()).status_code == 403
    assert not Intake.objects.exists()


def test_the_saved_intake_shows_the_notes_per_domain(verified_client, household, professional):
    intake = story.intake_for(household, professional)
    intake.domain_notes = {"financien": "Huurachterstand van drie maanden."}
    intake.save()
    response = verified_client.get(f"/huishoudens/{household.pk}/intake/{intake.pk}/")
    assert response.status_code == 200
    assert "Huurachterstand van drie maanden." in response.content.decode()
