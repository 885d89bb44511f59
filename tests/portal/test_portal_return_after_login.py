# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""After the portal's session ended, signing in again returns to the page the resident was on (where the session
warning's script fills in again what they typed); only a portal page is such a place."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tests import access_helpers as story

pytestmark = pytest.mark.django_db

ANNA_BSN = story.TEST_BSNS[0]


def sign_in_with_digid_after(client, settings, next_path: str):
    """The login page with `next` (as "Log in again" links to it), then DigiD's development login for Anna."""
    settings.DIGID_MOCK = True
    assert client.get(f"{reverse('portal:login')}?{urlencode({'next': next_path})}").status_code == 200
    return client.get(reverse("digid:acs"), {"bsn": ANNA_BSN})


def test_a_portal_page_without_a_session_sends_to_the_login_with_the_way_back(client):
    response = client.get(reverse("portal:messages"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('portal:login')}?{urlencode({'next': reverse('portal:messages')})}"


def test_signing_in_again_returns_to_the_portal_page_of_before(client, settings, portal_anna):
    response = sign_in_with_digid_after(client, settings, reverse("portal:messages"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:messages")


@pytest.mark.parametrize("elsewhere", ["/huishoudens/", "https://elders.example/mijn/", "//elders.example/mijn/"])
def test_a_way_back_outside_the_portal_leads_to_the_portals_home(client, settings, portal_anna, elsewhere):
    response = sign_in_with_digid_after(client, settings, elsewhere)
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")


def test_without_a_way_back_signing_in_leads_to_the_portals_home(client, settings, portal_anna):
    settings.DIGID_MOCK = True
    client.get(reverse("portal:login"))
    response = client.get(reverse("digid:acs"), {"bsn": ANNA_BSN})
    assert response["Location"] == reverse("portal:home")


@pytest.mark.parametrize("unreadable", ["http://[", "javascript:alert(1)", "mijn/plan/"])
def test_an_unreadable_way_back_is_ignored(client, settings, portal_anna, unreadable):
    response = sign_in_with_digid_after(client, settings, unreadable)
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
