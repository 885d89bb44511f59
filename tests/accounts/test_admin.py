# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""/beheer/: functional administrators manage organisations, teams and wijken; nobody manages household data there."""

from __future__ import annotations

import pytest
from django.test.client import RedirectCycleError

from eenplan.access.registry import registered_models
from eenplan.accounts.admin import site
from eenplan.accounts.models import Neighbourhood, Organisation, Team
from tests import factories

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "/beheer/accounts/organisation/",
    "/beheer/accounts/team/",
    "/beheer/accounts/neighbourhood/",
]


def test_the_admin_index_opens_for_a_functional_administrator(admin_client):
    assert admin_client.get("/beheer/").status_code == 200


@pytest.mark.parametrize("url", CHANGELISTS)
def test_a_functional_administrator_opens_the_changelist(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_the_neighbourhood_form_offers_its_postcode_ranges_to_a_functional_administrator(admin_client):
    page = admin_client.get("/beheer/accounts/neighbourhood/add/").content.decode()
    assert 'name="postcode_ranges-TOTAL_FORMS"' in page


def test_a_functional_administrator_sees_the_organisations_by_name(admin_client):
    factories.OrganisationFactory(name="Schuldhulp Samen")
    assert "Schuldhulp Samen" in admin_client.get("/beheer/accounts/organisation/").content.decode()


def test_a_functional_administrator_can_add_a_neighbourhood_with_a_postcode_range(admin_client):
    response = admin_client.post(
        "/beheer/accounts/neighbourhood/add/",
        {
            "name": "Lombok",
            "code": "lombok",
            "postcode_ranges-TOTAL_FORMS": "1",
            "postcode_ranges-INITIAL_FORMS": "0",
            "postcode_ranges-MIN_NUM_FORMS": "0",
            "postcode_ranges-MAX_NUM_FORMS": "1000",
            "postcode_ranges-0-start": "3531",
            "postcode_ranges-0-end": "3532",
        },
    )
    assert response.status_code == 302
    lombok = Neighbourhood.objects.get(code="lombok")
    assert [(r.start, r.end) for r in lombok.postcode_ranges.all()] == [(3531, 3532)]


def test_a_functional_administrator_who_skipped_the_code_step_is_sent_to_it(client, functional_admin):
    client.force_login(functional_admin)
    response = client.get("/beheer/accounts/organisation/")
    assert response.status_code == 302
    assert response.url.startswith("/inloggen/code/")


@pytest.mark.parametrize("url", CHANGELISTS)
def test_a_wijkteam_member_is_not_let_into_the_admin(verified_client, url):
    response = verified_client.get(url)
    assert response.status_code in (302, 403)
    assert "changelist" not in response.content.decode()


def test_a_wijkteam_member_refused_by_the_admin_is_not_sent_round_in_circles(verified_client):
    # Following the refusal must end on a page (a 403, or somewhere outside /beheer/), not in a redirect loop.
    try:
        response = verified_client.get("/beheer/accounts/organisation/", follow=True)
    except RedirectCycleError as loop:
        chain = [url for url, _status in loop.last_response.redirect_chain]
        pytest.fail(f"a logged-in user without admin rights is redirected in a loop: {chain}")
    final_path = response.request["PATH_INFO"]
    assert response.status_code == 403 or not final_path.startswith("/beheer/")


def test_an_anonymous_visitor_of_the_admin_is_sent_to_the_one_login_page(client):
    response = client.get("/beheer/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/inloggen/")
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()


def test_no_household_data_is_registered_in_the_admin():
    registered = set(site._registry)
    assert not {model for model in registered if model._meta.app_label == "households"}
    assert not registered & set(registered_models())


def test_organisations_teams_and_neighbourhoods_are_managed_in_the_admin():
    assert {Organisation, Team, Neighbourhood} <= set(site._registry)
