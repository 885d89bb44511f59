# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Registering a household and changing a resident: bad input gets a message and changes nothing; the BSN never
goes back to the browser in full."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from eenplan.households.models import Household, Resident
from tests import access_helpers as story
from tests import factories

pytestmark = pytest.mark.django_db

REGISTER = "/huishoudens/nieuw/"


def row_counts() -> tuple[int, int]:
    return Household.objects.count(), Resident.objects.count()


# -- a valid registration --------------------------------------------------------------------------------------


def test_the_registration_form_opens(verified_client):
    assert verified_client.get(REGISTER).status_code == 200


def test_a_valid_registration_creates_the_household_and_opens_its_page(verified_client, team, centrum, registration):
    response = verified_client.post(REGISTER, registration())
    household = Household.objects.get()
    assert response.status_code == 302
    assert response.url == f"/huishoudens/{household.pk}/"
    assert household.display_name == "van Dijk"
    assert household.postcode == "3512 AB"
    assert household.owning_team == team


def test_a_registered_household_lies_in_the_wijk_of_its_postcode(verified_client, centrum, registration):
    verified_client.post(REGISTER, registration())
    assert Household.objects.get().neighbourhood == centrum


def test_a_household_outside_every_wijk_is_registered_without_one(verified_client, centrum, registration):
    verified_client.post(REGISTER, registration(postcode="9711 AA"))
    assert Household.objects.get().neighbourhood is None


def test_a_valid_registration_stores_the_first_resident_with_the_bsn(verified_client, centrum, registration):
    verified_client.post(REGISTER, registration())
    resident = Resident.objects.get()
    assert resident.full_name == "Sanne van Dijk"
    assert resident.bsn == "999990019"
    assert resident.household == Household.objects.get()


def test_a_professional_cannot_register_a_household_for_another_team(verified_client, registration):
    other_team = factories.TeamFactory()
    response = verified_client.post(REGISTER, registration(owning_team=other_team.pk))
    assert response.status_code == 400
    assert "owning_team" in response.context["form"].errors
    assert row_counts() == (0, 0)


# -- bad input gets a message and changes nothing --------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("bsn", "999990018"),  # fails the elfproef
        ("bsn", "12345"),
        ("postcode", "1234"),
        ("postcode", "0512 AB"),
        ("email", "sanne-at-example.org"),
        ("first_name", "A" * 81),
        ("phone", "bel me"),
        ("street", ""),
    ],
)
def test_bad_input_gets_a_message_on_its_field_and_registers_nothing(verified_client, field, typed, registration):
    response = verified_client.post(REGISTER, registration(**{field: typed}))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert row_counts() == (0, 0)


def test_a_date_of_birth_in_the_future_is_refused(verified_client, registration):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = verified_client.post(REGISTER, registration(date_of_birth=tomorrow.isoformat()))
    assert response.status_code == 400
    assert "date_of_birth" in response.context["form"].errors
    assert row_counts() == (0, 0)


def test_a_date_of_birth_more_than_125_years_ago_is_refused(verified_client, registration):
    response = verified_client.post(REGISTER, registration(date_of_birth="1850-01-01"))
    assert response.status_code == 400
    assert "date_of_birth" in response.context["form"].errors


def test_a_refused_registration_keeps_what_was_typed(verified_client, registration):
    response = verified_client.post(REGISTER, registration(bsn="999990018", street="Oudegracht"))
    assert 'value="Oudegracht"' in response.content.decode()


def test_a_refused_registration_lists_the_problems_at_the_top(verified_client, registration):
    response = verified_client.post(REGISTER, registration(bsn="999990018"))
    assert 'role="alert"' in response.content.decode()


def test_the_bsn_error_is_the_elfproef_message(verified_client, registration):
    response = verified_client.post(REGISTER, registration(bsn="999990018"))
    errors = response.context["form"].errors.as_data()["bsn"]
    assert [error.code for error in errors] == ["bsn_checksum"]


# -- changing a resident ---------------------------------------------------------------------------------------


@pytest.fixture
def anna_with_bsn(household) -> Resident:
    resident = household.residents.get()
    resident.bsn = "999990019"
    resident.save()
    return resident


def edit_url(resident: Resident) -> str:
    return f"/huishoudens/{resident.household_id}/bewoners/{resident.pk}/"


def test_the_resident_edit_page_never_contains_the_full_bsn(verified_client, anna_with_bsn):
    response = verified_client.get(edit_url(anna_with_bsn))
    page = response.content.decode()
    assert response.status_code == 200
    assert "999990019" not in page
    assert "●●●●●●019" in page


def test_the_household_page_shows_the_bsn_masked(verified_client, anna_with_bsn):
    page = verified_client.get(f"/huishoudens/{anna_with_bsn.household_id}/").content.decode()
    assert "999990019" not in page
    assert "●●●●●●019" in page


def test_saving_a_resident_with_an_empty_bsn_keeps_the_stored_bsn(verified_client, anna_with_bsn):
    response = verified_client.post(edit_url(anna_with_bsn), story.resident_data(anna_with_bsn, phone="06 87654321"))
    assert response.status_code == 302
    anna_with_bsn.refresh_from_db()
    assert anna_with_bsn.phone == "06 87654321"
    assert anna_with_bsn.bsn == "999990019"


def test_typing_a_new_bsn_replaces_the_stored_one(verified_client, anna_with_bsn):
    verified_client.post(edit_url(anna_with_bsn), story.resident_data(anna_with_bsn, bsn="999990020"))
    anna_with_bsn.refresh_from_db()
    assert anna_with_bsn.bsn == "999990020"


def test_an_invalid_new_bsn_changes_nothing(verified_client, anna_with_bsn):
    response = verified_client.post(
        edit_url(anna_with_bsn), story.resident_data(anna_with_bsn, bsn="999990018", first_name="Annie")
    )
    assert response.status_code == 400
    anna_with_bsn.refresh_from_db()
    assert anna_with_bsn.bsn == "999990019"
    assert anna_with_bsn.first_name == "Anna"
    assert "999990019" not in response.content.decode()


def test_a_resident_of_another_team_cannot_be_changed(verified_client, other_team_household):
    stranger = factories.ResidentFactory(household=other_team_household, first_name="Piet")
    response = verified_client.post(edit_url(stranger), story.resident_data(stranger, first_name="Changed"))
    assert response.status_code == 403
    stranger.refresh_from_db()
    assert stranger.first_name == "Piet"


def test_a_resident_cannot_be_reached_through_another_households_address(verified_client, household, team):
    second = factories.HouseholdFactory(owning_team=team)
    sem = factories.ResidentFactory(household=second, first_name="Sem")
    response = verified_client.get(f"/huishoudens/{household.pk}/bewoners/{sem.pk}/")
    assert response.status_code == 404
