# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The reports in a real browser (issue 14, "Done when").

The policy officer logs in and lands on the outcomes, filters a neighbourhood and a period, downloads the CSV, and
finds no link to a household anywhere; the team leader logs in and lands on the team dashboard, filters it and
downloads it. axe-core is clean on both pages and neither scrolls sideways at 320 px.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from eenplan.accounts.models import Role
from eenplan.referrals.models import Referral, ReferralState
from eenplan.reports.summary import refresh
from tests import access_helpers as story
from tests import factories
from tests.browser.axe import assert_accessible, assert_no_horizontal_scroll
from tests.browser.conftest import DESKTOP, log_in

NARROW = {"width": 320, "height": 740}
HOUSEHOLD_NAMES = ("Jansen", "Bakker", "Visser")


@pytest.fixture
def reported(team, centrum):
    """Three households of Wijk Centrum in the team's care, with plans under a regisseur, and referrals from them
    this month: fourteen to Schuldhulpverlening, three to Budgetcoaching (a small count); the summary computed."""
    team.neighbourhoods.add(centrum)
    regisseur = factories.wijkteam_member(team=team, role=Role.REGISSEUR, full_name="Ilse Regisseur")
    households = []
    for name in HOUSEHOLD_NAMES:
        household = factories.HouseholdFactory(owning_team=team, neighbourhood=centrum, display_name=name)
        factories.ResidentFactory(household=household, first_name="Sam", last_name=name)
        story.plan_with_goal_and_action(household, regisseur)
        households.append(household)
    schuldhulp = story.partner_organisation("Schuldhulp Samen")
    sent_at = timezone.now() - datetime.timedelta(days=2)
    for service_name, number in (("Schuldhulpverlening", 14), ("Budgetcoaching", 3)):
        service = story.service_of(schuldhulp, service_name)
        for index in range(number):
            Referral.objects.create(
                household=households[index % len(households)],
                service=service,
                to_organisation=schuldhulp,
                from_user=regisseur,
                from_organisation=team.organisation,
                summary="Verwijzing",
                state=ReferralState.AFGEROND,
                sent_at=sent_at,
                response_deadline=sent_at + datetime.timedelta(days=5),
                accepted_at=sent_at + datetime.timedelta(days=1),
            )
    refresh()
    return households


def assert_no_household_in_sight(page: Page) -> None:
    """Nothing on the page names or links to a household."""
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.getAttribute('href'))")
    one_household = [href for href in hrefs if re.search(r"/huishoudens/\d", href)]
    assert one_household == [], f"a report links to a household: {one_household}"
    text = page.locator("main").inner_text()
    for name in HOUSEHOLD_NAMES:
        assert name not in text, f"a report names household {name}"


def assert_fits_a_narrow_phone(page: Page, what: str) -> None:
    page.set_viewport_size(NARROW)
    assert_no_horizontal_scroll(page, f"{what} at 320 px")
    page.set_viewport_size(DESKTOP)


def download_csv(page: Page, tmp_path: Path) -> list[list[str]]:
    with page.expect_download() as info:
        page.locator("main a[href*='formaat=csv']").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig")), delimiter=";"))


def test_the_policy_officer_filters_the_outcomes_and_downloads_them(
    page: Page, live_server, policy_officer, reported, centrum, tmp_path
):
    log_in(page, live_server, policy_officer)
    expect(page).to_have_url(re.compile(r"/rapportages/uitkomsten/$"))
    assert_accessible(page, "the outcomes")
    assert_fits_a_narrow_phone(page, "the outcomes")

    page.locator("#wijk").select_option(label="Centrum")
    page.locator("#periode").select_option("3m")
    page.locator("main form.ep-filter button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"wijk={centrum.pk}.*periode=3m|periode=3m.*wijk={centrum.pk}"))
    expect(page.locator("#wijk")).to_have_value(str(centrum.pk))
    expect(page.locator("main")).to_contain_text("Schuldhulpverlening")
    assert_no_household_in_sight(page)
    assert_accessible(page, "the outcomes of Centrum")
    assert_fits_a_narrow_phone(page, "the outcomes of Centrum")

    rows = download_csv(page, tmp_path)
    flat = [cell for row in rows for cell in row]
    assert any("Schuldhulpverlening" in cell for cell in flat)
    assert "3" not in [cell.strip() for row in rows if any("Budgetcoaching" in c for c in row) for cell in row[1:]]
    assert not any(name in cell for cell in flat for name in HOUSEHOLD_NAMES)


def test_the_team_leader_opens_filters_and_downloads_the_team_dashboard(
    page: Page, live_server, team_leader, reported, tmp_path
):
    log_in(page, live_server, team_leader)
    expect(page).to_have_url(re.compile(r"/rapportages/team/$"))
    expect(page.locator("main")).to_contain_text("Ilse Regisseur")
    assert_accessible(page, "the team dashboard")
    assert_fits_a_narrow_phone(page, "the team dashboard")

    page.locator("#periode").select_option("3m")
    page.locator("main form.ep-filter button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"periode=3m"))
    assert_no_household_in_sight(page)
    assert_accessible(page, "the team dashboard for 3 months")

    rows = download_csv(page, tmp_path)
    assert any("Ilse Regisseur" in cell for row in rows for cell in row)
    assert not any(name in cell for row in rows for cell in row for name in HOUSEHOLD_NAMES)
