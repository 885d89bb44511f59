# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The main journeys in a real browser: log in with MFA, find a household, enrol an authenticator, bad input."""

from __future__ import annotations

import base64
import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from eenplan.households.models import Household, Resident
from eenplan.households.validators import normalise_bsn
from tests import factories
from tests.browser.conftest import log_in, nl, submit_code, submit_password

FULL_BSN = "999990019"


@pytest.fixture
def sanne(team):
    """Sanne Bakker, a professional of `team`."""
    return factories.wijkteam_member(team=team, full_name="Sanne Bakker")


@pytest.fixture
def households(team):
    vries = factories.HouseholdFactory(owning_team=team, display_name="de Vries")
    factories.ResidentFactory(household=vries, first_name="Anna", name_prefix="de", last_name="Vries", bsn=FULL_BSN)
    factories.ResidentFactory(
        household=vries, first_name="Daan", name_prefix="de", last_name="Vries", date_of_birth=datetime.date(2012, 6, 1)
    )
    jansen = factories.HouseholdFactory(owning_team=team, display_name="Jansen")
    factories.ResidentFactory(household=jansen, first_name="Piet", last_name="Jansen")
    return vries, jansen


def test_professional_logs_in_finds_a_household_and_sees_its_residents(page: Page, live_server, sanne, households):
    vries, _jansen = households
    log_in(page, live_server, sanne)

    # The login ends on the start page; the main menu leads to "Mijn huishoudens".
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("header")).to_contain_text("Sanne Bakker")
    page.locator("header nav").get_by_role("link", name=nl("My households")).click()
    expect(page).to_have_url(re.compile(r"/huishoudens/$"))
    expect(page.locator("h1")).to_have_text(nl("My households"))
    results = page.locator("#resultaten")
    expect(results.get_by_role("link", name="Jansen")).to_be_visible()

    # Typing searches as you type (htmx); the address bar follows the search.
    page.locator("#zoekterm").fill("Vries")
    expect(results.get_by_role("link", name="Jansen")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"[?&]q=Vries"))
    results.get_by_role("link", name="de Vries").click()

    expect(page).to_have_url(re.compile(rf"/huishoudens/{vries.pk}/$"))
    expect(page.locator("h1")).to_contain_text("de Vries")
    residents = page.locator("#kop-bewoners + .ep-table-wrap table tbody")
    expect(residents.locator("th[scope=row]")).to_have_text(["Anna de Vries", "Daan de Vries"])
    anna = residents.locator("tr", has_text="Anna de Vries")
    expect(anna.locator(".ep-mono")).to_have_text("●●●●●●019")
    assert FULL_BSN not in page.content()

    # The edit form does not send the BSN back to the browser either.
    anna.get_by_role("link").click()
    expect(page.locator("#id_bsn")).to_have_value("")
    assert FULL_BSN not in page.content()


def test_first_login_links_an_authenticator_app(page: Page, live_server):
    user = factories.wijkteam_member(totp=False)
    submit_password(page, live_server, user)

    expect(page.locator(".ep-qr svg")).to_be_visible()
    secret = page.locator(".ep-secret").inner_text()
    compact = "".join(secret.split()).upper()
    assert re.fullmatch(r"[A-Z2-7]{16,}", compact), secret
    key = base64.b32decode(compact + "=" * (-len(compact) % 8))
    submit_code(page, f"{totp(key):06d}")

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator(".ep-messages")).to_contain_text(
        nl("Your authenticator app is linked. From now on you log in with a code.")
    )
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1


def test_a_wrong_code_is_refused_with_a_message(page: Page, live_server, sanne):
    submit_password(page, live_server, sanne)
    wrong = (totp(bytes.fromhex(factories.TOTP_HEX_KEY)) + 500_000) % 1_000_000
    submit_code(page, f"{wrong:06d}")

    expect(page).to_have_url(re.compile(r"/inloggen/code/"))
    expect(page.locator("#id_token_error")).to_have_text(
        nl("This code is not correct or has expired. Try the current code.")
    )
    expect(page.locator("#id_token")).to_have_attribute("aria-invalid", "true")


def test_registering_a_household_with_an_invalid_bsn_shows_the_error_and_saves_nothing(page: Page, live_server, sanne):
    log_in(page, live_server, sanne)
    page.goto(f"{live_server.url}/huishoudens/")
    page.locator("main").get_by_role("link", name=nl("Register a household")).click()
    expect(page).to_have_url(re.compile(r"/huishoudens/nieuw/$"))

    page.locator("#id_street").fill("Lange Nieuwstraat")
    page.locator("#id_house_number").fill("12")
    page.locator("#id_postcode").fill("3512 AB")
    page.locator("#id_city").fill("Utrecht")
    page.locator("#id_first_name").fill("Fatima")
    page.locator("#id_last_name").fill("El Amrani")
    page.locator("#id_date_of_birth").fill("1990-03-15")
    page.locator("#id_bsn").fill("123456789")
    page.locator("main form button[type=submit]").click()

    with translation.override("nl"), pytest.raises(ValidationError) as invalid:
        normalise_bsn("123456789")
    expected = invalid.value.messages[0]
    expect(page.locator("#id_bsn_error")).to_have_text(expected)
    expect(page.locator("#formulierfouten")).to_be_visible()
    expect(page.locator("#formulierfouten")).to_contain_text(expected)
    expect(page.locator("#id_bsn")).to_have_attribute("aria-invalid", "true")
    # What was typed stays in the form.
    expect(page.locator("#id_last_name")).to_have_value("El Amrani")
    assert Household.objects.count() == 0
    assert Resident.objects.count() == 0
