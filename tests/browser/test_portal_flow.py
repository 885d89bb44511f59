# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Mijn EenPlan on a phone (issue 15): a resident logs in through the development DigiD login, agrees to the plan,
withdraws a consent (the partner professional is refused on their next request), reads who looked at the file,
downloads the PDF and sends a message that the regisseur reads; axe-core on every portal page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from eenplan.access.models import Consent
from eenplan.accounts.models import Role
from eenplan.plans.models import AgreementMethod, Plan, PlanStatus
from tests import access_helpers as story
from tests import factories
from tests.browser.axe import look_on_a_phone as look
from tests.browser.conftest import PHONE, log_in, nl

BSN = story.TEST_BSNS[0]
MESSAGE = "Kunt u mij morgen bellen over de brief van de bank?"


def open_from_menu(page: Page, name: str) -> None:
    """Follow a link in the portal's menu and wait until its page has loaded, so the next check sees that page."""
    link = page.locator(".ep-portal-nav").get_by_role("link", name=name)
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"**{href}", wait_until="load")


@pytest.fixture
def noor_household(team, regisseur):
    """The Bakker household of `team`, with Noor (who signs in to Mijn EenPlan with her BSN) and a plan under the
    cast's `regisseur` (Rik)."""
    household = factories.HouseholdFactory(owning_team=team, display_name="Bakker")
    story.resident_with_bsn(household, BSN, first_name="Noor", last_name="Bakker")
    story.plan_with_goal_and_action(household, regisseur)
    return household


def test_a_resident_uses_mijn_eenplan_on_a_phone(
    settings, live_server, phone_page, new_page, noor_household, regisseur
):
    settings.DIGID_MOCK = True
    organisation = story.partner_organisation("Schuldhulp Zuid")
    partner = story.member_of(organisation, Role.PARTNER_PROFESSIONAL)
    consent = story.grant_consent(noor_household, organisation, ["financien"], recorded_by=regisseur)
    partner_page = new_page()
    log_in(partner_page, live_server, partner)
    household_url = f"{live_server.url}{reverse('households:detail', kwargs={'pk': noor_household.pk})}"
    assert partner_page.goto(household_url).status == 200  # the partner looks once, under the consent

    page = phone_page
    page.goto(f"{live_server.url}{reverse('portal:login')}")
    look(page, "the portal's login")
    page.get_by_role("link", name=nl("Log in with DigiD")).click()
    page.locator("a[href*='inloggen_bsn']").first.click()  # the development DigiD: log in with a test BSN
    page.locator("input[name=auth_bsn]").fill(BSN)
    page.locator("#submit-button").click()
    page.wait_for_url(re.compile(r"/mijn/$"))
    expect(page.locator("h1")).to_contain_text("Noor")
    look(page, "the portal's overview")

    open_from_menu(page, nl("My plan"))
    expect(page.locator("h1")).to_have_text(nl("My plan"))
    look(page, "my plan")
    page.get_by_role("button", name=nl("I agree to this plan")).click()
    expect(page.locator(".ep-messages")).to_contain_text(nl("Thank you. You agreed to your plan."))
    plan = Plan.objects.get(household=noor_household)
    assert (plan.status, plan.agreement_method) == (PlanStatus.VASTGESTELD, AgreementMethod.DIGITAL)

    open_from_menu(page, nl("My consents"))
    look(page, "my consents")
    page.get_by_text(nl("Stop this consent")).click()
    page.get_by_label(nl("Why do you withdraw your consent?")).fill("Ik heb geen schulden meer")
    page.get_by_role("button", name=re.compile("Schuldhulp Zuid")).click()
    expect(page.locator(".ep-messages")).to_contain_text("Schuldhulp Zuid")
    assert Consent.objects.get(pk=consent.pk).withdrawn_at is not None
    assert partner_page.goto(household_url).status == 403  # refused on the partner's next request

    open_from_menu(page, nl("Who looked at my file"))
    expect(page.locator(".ep-portal-log")).to_contain_text("Schuldhulp Zuid")
    look(page, "who looked at my file")

    open_from_menu(page, nl("My data"))
    look(page, "my data")
    with page.expect_download() as download:
        page.get_by_role("link", name=nl("Download as PDF (to read or print)")).click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    open_from_menu(page, nl("Messages"))
    look(page, "messages")
    page.get_by_label(nl("Your message")).fill(MESSAGE)
    page.get_by_role("button", name=nl("Send"), exact=True).click()
    expect(page.locator(".ep-thread")).to_contain_text(MESSAGE)

    regisseur_page = new_page(PHONE, is_mobile=True)
    log_in(regisseur_page, live_server, regisseur)
    regisseur_page.goto(f"{live_server.url}{reverse('portal:household', kwargs={'pk': noor_household.pk})}")
    expect(regisseur_page.locator(".ep-thread")).to_contain_text(MESSAGE)
    look(regisseur_page, "the household's My EenPlan for the regisseur")
