# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Registering a household first checks whether the person is known (BSN digest, name and birth date, address), as
triage does, and offers to open the existing household; registering anyway stays possible."""

from __future__ import annotations

import datetime

import pytest

from eenplan.households.models import Household
from tests import factories

pytestmark = pytest.mark.django_db

REGISTER = "/huishoudens/nieuw/"


def known(team, **resident):
    household = factories.HouseholdFactory(owning_team=team, display_name="van Dijk", postcode="3600 AA")
    defaults = {"first_name": "Sanne", "name_prefix": "", "last_name": "Janssen", "bsn": ""}
    factories.ResidentFactory(household=household, **{**defaults, **resident})
    return household


def test_the_same_bsn_is_found_and_offered_to_open(verified_client, team, registration):
    existing = known(team, bsn="999990019")
    response = verified_client.post(REGISTER, registration())
    assert response.status_code == 200
    assert Household.objects.count() == 1  # nothing saved
    [found] = response.context["known_households"]
    assert found["household"] == existing and found["reasons"] == ("bsn",) and found["visible"]
    assert f'href="/huishoudens/{existing.pk}/"' in response.content.decode()


def test_the_same_name_and_birth_date_is_found(verified_client, team, registration):
    known(team, name_prefix="van", last_name="Dijk", date_of_birth=datetime.date(1990, 3, 1))
    response = verified_client.post(REGISTER, registration(bsn=""))
    assert response.context["known_households"][0]["reasons"] == ("name_and_birth_date",)


def test_the_same_address_is_found(verified_client, team, registration):
    household = factories.HouseholdFactory(owning_team=team, postcode="3512 AB", house_number="12")
    factories.ResidentFactory(household=household, last_name="Anders", bsn="")
    response = verified_client.post(REGISTER, registration(bsn=""))
    assert response.context["known_households"][0]["reasons"] == ("address",)


def test_a_household_of_another_team_is_named_by_its_team_only(verified_client, registration):
    other = factories.TeamFactory(name="Wijkteam Oost")
    known(other, bsn="999990019", last_name="Geheim")
    response = verified_client.post(REGISTER, registration())
    page = response.content.decode()
    assert "Wijkteam Oost" in page
    assert "Geheim" not in page and "3600 AA" not in page
    assert not response.context["known_households"][0]["visible"]


def test_registering_anyway_creates_the_new_household(verified_client, team, registration):
    known(team, bsn="999990019")
    response = verified_client.post(REGISTER, {**registration(), "toch_nieuw": "1"})
    assert response.status_code == 302
    assert Household.objects.count() == 2


def test_a_new_person_is_registered_at_once(verified_client, registration):
    assert verified_client.post(REGISTER, registration()).status_code == 302
