# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The sociale kaart search when referring: services outside the household's wijk are listed too, marked "buiten de
wijk", after the services of the wijk (and those serving the whole municipality), instead of hidden (issue 17)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from eenplan.households.models import Household
from eenplan.referrals.models import Referral
from tests import access_helpers as story
from tests import factories

pytestmark = pytest.mark.django_db

SUMMARY = "Schulden bij drie schuldeisers, huurachterstand van twee maanden."


@pytest.fixture
def action_to_refer(regisseur_plan, household):
    """The action of the regisseur's plan; its household lives in a wijk."""
    household.neighbourhood = factories.NeighbourhoodFactory()
    household.save(update_fields=["neighbourhood"])
    return regisseur_plan.actions.get()


@pytest.fixture
def elsewhere_service(schuldhulp):
    """Budgetcoaching (Financiën) of `schuldhulp`, only in another wijk; alphabetically before the others."""
    return story.service_of(
        schuldhulp, "Aan de slag met geld", domains=("financien",), neighbourhoods=(factories.NeighbourhoodFactory(),)
    )


@pytest.fixture
def wijk_service(schuldhulp, household, action_to_refer):
    return story.service_of(
        schuldhulp, "Schuldhulp in de wijk", domains=("financien",), neighbourhoods=(household.neighbourhood,)
    )


@pytest.fixture
def city_service(schuldhulp):
    """Serves the whole municipality (no wijken)."""
    return story.service_of(schuldhulp, "Schuldhulp voor de hele stad", domains=("financien",))


def refer_url(household, action) -> str:
    return f"/huishoudens/{household.pk}/plan/acties/{action.pk}/verwijzen/"


def outside_label(service) -> str:
    with translation.override("nl"):
        return translation.gettext("%(service)s (outside the neighbourhood)") % {"service": service.name}


def listed(response) -> list[str]:
    """The services offered, in their order, as their radio buttons are labelled."""
    return [str(label) for _value, label in response.context["form"].fields["service"].choices if _value]


def test_a_service_of_another_wijk_is_offered_marked_as_outside_the_wijk(
    verified_client, household, action_to_refer, elsewhere_service
):
    response = verified_client.get(refer_url(household, action_to_refer))
    assert response.status_code == 200
    assert outside_label(elsewhere_service) in listed(response)


def test_the_services_of_the_wijk_come_first(
    verified_client, household, action_to_refer, elsewhere_service, wijk_service, city_service
):
    response = verified_client.get(refer_url(household, action_to_refer))
    assert listed(response) == [wijk_service.name, city_service.name, outside_label(elsewhere_service)]


def test_a_search_finds_a_service_outside_the_wijk_too(
    verified_client, household, action_to_refer, elsewhere_service, wijk_service
):
    response = verified_client.get(refer_url(household, action_to_refer), {"q": "geld"})
    assert listed(response) == [outside_label(elsewhere_service)]


def test_for_a_household_without_a_wijk_no_service_is_marked(
    verified_client, household, action_to_refer, elsewhere_service, wijk_service
):
    Household.objects.filter(pk=household.pk).update(neighbourhood=None)
    response = verified_client.get(refer_url(household, action_to_refer))
    assert listed(response) == [elsewhere_service.name, wijk_service.name]


def test_a_referral_to_a_service_outside_the_wijk_can_be_sent(
    verified_client, household, action_to_refer, elsewhere_service, schuldhulp, regisseur
):
    story.grant_consent(household, schuldhulp, ["financien"], recorded_by=regisseur)
    response = verified_client.post(
        refer_url(household, action_to_refer),
        {
            "service": elsewhere_service.pk,
            "summary": SUMMARY,
            "categories": [story.category("financien").pk],
            "verzenden": "1",
        },
    )
    assert response.status_code == 302
    assert Referral.objects.get().service == elsewhere_service


def test_the_search_costs_the_same_queries_with_more_services_outside_the_wijk(
    verified_client, household, action_to_refer, elsewhere_service, schuldhulp
):
    url = refer_url(household, action_to_refer)
    verified_client.get(url)
    with CaptureQueriesContext(connection) as few:
        verified_client.get(url)
    for number in range(5):
        story.service_of(
            schuldhulp, f"Elders {number}", domains=("financien",), neighbourhoods=(factories.NeighbourhoodFactory(),)
        )
    with CaptureQueriesContext(connection) as many:
        verified_client.get(url)
    assert len(many) == len(few)
