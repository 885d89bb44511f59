# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Search, sort and counts of "Mijn huishoudens" respect the same scope as the pages (DESIGN.md §5, invariant 10):
a partner whose consent covers one resident finds the household by that resident's name only, and the list tells
them nothing about the other residents — not their name, not how many there are, not where their name sorts."""

from __future__ import annotations

import pytest
from django.test import Client

from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

LIST = "/huishoudens/"


@pytest.fixture
def bram(household):
    return factories.ResidentFactory(household=household, first_name="Bram", last_name="Brouwer")


@pytest.fixture
def bram_consents(household, professional, partner_org, anna, bram):
    """Bram consents for himself; Anna gave no consent."""
    return story.grant_consent(household, partner_org, ["financien"], recorded_by=professional, resident=bram)


def rows(user, query: str = "") -> list:
    response = login_verified(Client(), user).get(LIST, {"q": query} if query else {})
    assert response.status_code == 200
    return list(response.context["page"].object_list)


def test_a_partner_with_consent_for_one_resident_cannot_find_another_resident_of_that_household_by_name_search(
    partner, bram_consents
):
    assert rows(partner, "Anna") == []


def test_a_partner_with_consent_for_one_resident_cannot_find_the_household_by_its_name_taken_from_another_resident(
    partner, bram_consents
):
    assert rows(partner, "Vries") == []


def test_a_partner_finds_the_household_by_the_name_of_the_resident_who_consented(household, partner, bram_consents):
    assert [row.pk for row in rows(partner, "Bram")] == [household.pk]
    assert [row.pk for row in rows(partner, "Brouwer")] == [household.pk]


def test_the_list_counts_and_names_only_the_residents_the_consent_covers(partner, bram_consents):
    (row,) = rows(partner)
    assert (row.list_name, row.resident_count) == ("Brouwer", 1)


def test_the_list_sorts_by_the_name_the_partner_sees(household, partner, partner_org, professional, bram_consents):
    """Sorted by "De Vries" the household would come before "Cornelissen"; by the name shown it comes after."""
    other = factories.HouseholdFactory(owning_team=household.owning_team, display_name="Cornelissen")
    factories.ResidentFactory(household=other, first_name="Cor", last_name="Cornelissen")
    story.grant_consent(other, partner_org, ["financien"], recorded_by=professional)
    assert [row.list_name for row in rows(partner)] == ["Brouwer", "Cornelissen"]


def test_a_consent_for_the_whole_household_still_finds_every_resident(
    household, partner, partner_org, professional, anna, bram
):
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    assert [row.pk for row in rows(partner, "Anna")] == [household.pk]
    (row,) = rows(partner)
    assert (row.list_name, row.resident_count) == ("De Vries", 2)


def test_the_team_finds_the_household_by_any_residents_name(household, professional, anna, bram, bram_consents):
    assert [row.pk for row in rows(professional, "Bram")] == [household.pk]
    assert [row.pk for row in rows(professional, "Vries")] == [household.pk]
    (row,) = rows(professional)
    assert (row.list_name, row.resident_count) == ("De Vries", 2)
