# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""WCAG 2.1 AA checks in a real browser: axe-core finds no serious or critical violation; phones need no sideways
scrolling; the skip link works from the keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests import factories
from tests.browser.axe import assert_accessible, assert_no_horizontal_scroll
from tests.browser.conftest import log_in, submit_password


@pytest.fixture
def mohamed(team):
    """Mohamed El Idrissi, a professional of `team` with a long name for the header."""
    return factories.wijkteam_member(team=team, full_name="Mohamed El Idrissi")


@pytest.fixture
def long_named_household(team):
    """A household of `team` with long names and two residents, so that tables have something to be wide about."""
    household = factories.HouseholdFactory(
        owning_team=team,
        display_name="van den Berg-Oudshoorn",
        street="Burgemeester Reigerstraat",
        house_number="118 bis",
    )
    factories.ResidentFactory(
        household=household,
        first_name="Johanna Wilhelmina",
        name_prefix="van den",
        last_name="Berg-Oudshoorn",
        bsn=factories.VALID_TEST_BSNS[1],
        email="johanna.vandenberg-oudshoorn@voorbeeld-provider.nl",
        phone="06 12345678",
    )
    factories.ResidentFactory(household=household, first_name="Sem", name_prefix="van den", last_name="Berg")
    for _ in range(3):
        factories.ResidentFactory(household=factories.HouseholdFactory(owning_team=team))
    return household


def test_login_and_code_pages_have_no_serious_violations(page: Page, live_server, mohamed):
    page.goto(f"{live_server.url}/inloggen/")
    assert_accessible(page, "the login page")

    submit_password(page, live_server, mohamed)
    assert_accessible(page, "the code page")


def test_enrolment_page_has_no_serious_violations(page: Page, live_server):
    submit_password(page, live_server, factories.wijkteam_member(totp=False))
    expect(page.locator(".ep-qr svg")).to_be_visible()
    assert_accessible(page, "the enrolment page")


def test_household_pages_have_no_serious_violations(page: Page, live_server, mohamed, long_named_household):
    log_in(page, live_server, mohamed)
    assert_accessible(page, "the start page")

    page.goto(f"{live_server.url}/huishoudens/")
    expect(page.locator("#resultaten tbody tr")).to_have_count(4)
    assert_accessible(page, "the households list")

    page.get_by_role("link", name=long_named_household.display_name).click()
    expect(page).to_have_url(re.compile(rf"/huishoudens/{long_named_household.pk}/$"))
    assert_accessible(page, "the household page")


def test_register_form_with_errors_has_no_serious_violations(page: Page, live_server, mohamed):
    log_in(page, live_server, mohamed)
    page.goto(f"{live_server.url}/huishoudens/nieuw/")
    page.locator("#id_postcode").fill("12")
    page.locator("#id_bsn").fill("123456789")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#formulierfouten")).to_be_visible()
    assert_accessible(page, "the register form with errors")


def test_on_a_phone_the_list_and_household_page_fit_and_are_accessible(
    phone_page: Page, live_server, mohamed, long_named_household
):
    page = phone_page
    log_in(page, live_server, mohamed)
    page.goto(f"{live_server.url}/huishoudens/")
    expect(page.locator("#resultaten tbody tr")).to_have_count(4)
    assert_no_horizontal_scroll(page, "the households list")
    assert_accessible(page, "the households list on a phone")

    page.goto(f"{live_server.url}/huishoudens/{long_named_household.pk}/")
    expect(page.locator("h1")).to_contain_text(long_named_household.display_name)
    assert_no_horizontal_scroll(page, "the household page")
    assert_accessible(page, "the household page on a phone")


@pytest.mark.parametrize("path", ["/huishoudens/", "household"])
def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(
    page: Page, live_server, mohamed, long_named_household, path
):
    log_in(page, live_server, mohamed)
    page.goto(live_server.url + (f"/huishoudens/{long_named_household.pk}/" if path == "household" else path))

    page.keyboard.press("Tab")
    skip_link = page.locator("a.utrecht-skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_have_attribute("href", "#inhoud")
    expect(skip_link).to_be_visible()
    box = skip_link.bounding_box()
    assert box is not None and box["height"] > 1 and box["width"] > 1, f"the focused skip link is not shown: {box}"

    page.keyboard.press("Enter")
    expect(page.locator("main#inhoud")).to_be_focused()
    # The next tab stop is inside the content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('inhoud').contains(document.activeElement)")
