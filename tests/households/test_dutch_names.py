# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Dutch family names: lists sort on the main part ("van Baalen" under B) and a search finds a name with its
tussenvoegsel in either order ("Baalen, van" and "van Baalen")."""

from __future__ import annotations

import pytest
from django.urls import reverse

from eenplan.households.models import Household
from eenplan.households.names import search_forms, sort_key, split_family_name
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("van Baalen", ("van", "Baalen")),
        ("van der Berg", ("van der", "Berg")),
        ("'t Hart", ("'t", "Hart")),
        ("de Vries", ("de", "Vries")),
        ("Jansen", ("", "Jansen")),
        ("Van", ("", "Van")),
        ("Vandenberg", ("", "Vandenberg")),
    ],
)
def test_the_tussenvoegsel_is_split_from_the_main_part(name, expected):
    assert split_family_name(name) == expected


def test_the_sort_key_puts_the_main_part_first():
    assert sort_key("van Baalen") == "baalen, van"
    assert sort_key("Jansen") == "jansen"


def test_both_orders_of_a_name_give_the_same_search():
    assert search_forms("Baalen, van") == search_forms("van Baalen") == ("van Baalen", "van", "Baalen")
    assert search_forms("Jansen") is None


def test_a_household_keeps_its_sort_name_when_its_name_changes(team):
    household = factories.HouseholdFactory(owning_team=team, display_name="Jansen")
    household.display_name = "van Baalen"
    household.save(update_fields=["display_name"])
    assert Household.objects.get(pk=household.pk).sort_name == "baalen, van"


def test_bulk_created_households_get_a_sort_name(team):
    Household.objects.bulk_create(
        [Household(owning_team=team, display_name="de Clercq", street="Straat", house_number="1", postcode="3512 AB")]
    )
    assert Household.objects.get().sort_name == "clercq, de"


def household_named(team, prefix: str, last: str) -> Household:
    household = factories.HouseholdFactory(owning_team=team, display_name=f"{prefix} {last}".strip())
    factories.ResidentFactory(household=household, name_prefix=prefix, last_name=last)
    return household


def test_the_list_sorts_on_the_main_part_of_the_name(verified_client, team):
    household_named(team, "de", "Clercq")
    household_named(team, "", "Aalders")
    household_named(team, "van", "Baalen")
    page = verified_client.get(reverse("households:list"))
    assert [h.list_name for h in page.context["page"].object_list] == ["Aalders", "van Baalen", "de Clercq"]


@pytest.mark.parametrize("query", ["Baalen, van", "van Baalen", "Baalen"])
def test_a_name_with_its_tussenvoegsel_is_found_in_either_order(verified_client, team, query):
    wanted = household_named(team, "van", "Baalen")
    household_named(team, "", "Aalders")
    page = verified_client.get(reverse("households:list"), {"q": query})
    assert [h.pk for h in page.context["page"].object_list] == [wanted.pk]


def test_a_partner_finds_a_consented_resident_by_the_name_in_either_order(client, team):
    from eenplan.accounts.models import Role
    from tests import access_helpers as story
    from tests.conftest import login_verified

    household = factories.HouseholdFactory(owning_team=team, display_name="van Baalen")
    resident = factories.ResidentFactory(household=household, name_prefix="van", last_name="Baalen")
    organisation = story.partner_organisation()
    story.grant_consent(
        household, organisation, ["financien"], recorded_by=factories.wijkteam_member(team=team), resident=resident
    )
    login_verified(client, story.member_of(organisation, Role.PARTNER_PROFESSIONAL))
    page = client.get(reverse("households:list"), {"q": "Baalen, van"})
    assert [h.pk for h in page.context["page"].object_list] == [household.pk]
