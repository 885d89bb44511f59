# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Consent in a real browser, two users side by side (DESIGN.md §5, invariant 2).

A partner professional is refused a household; the regisseur records the resident's consent for the partner's
organisation and one category; the partner now sees the household with only that category; the regisseur sees the
partner's visit in "wie heeft dit dossier bekeken"; after the regisseur withdraws the consent, the partner's very
next request is refused again.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from eenplan.access.models import Consent, ConsentMethod
from eenplan.accounts.models import OrganisationType, Role
from tests import factories
from tests.browser.axe import assert_accessible
from tests.browser.conftest import category_name, log_in, nl

PARTNER_ORGANISATION = "Schuldhulp Samen"
PURPOSE = "Schulden in beeld brengen en een regeling treffen"
WITHDRAWAL = "Mevrouw trok haar toestemming in tijdens het huisbezoek."


@pytest.fixture
def yilmaz_dogan_household(team):
    """A household of `team` with a name beyond ASCII; the cast's `regisseur` (Rik) is in its team but not yet its
    regisseur."""
    household = factories.HouseholdFactory(owning_team=team, display_name="Yilmaz-Doğan")
    factories.ResidentFactory(household=household, first_name="Ayşe", last_name="Yilmaz-Doğan")
    return household


@pytest.fixture
def pieter():
    """Pieter Partner of Schuldhulp Samen; GGZ Centraal, a second organisation outside the wijkteam, exists too, so
    that the regisseur has to choose."""
    organisation = factories.OrganisationFactory(name=PARTNER_ORGANISATION, type=OrganisationType.SCHULDHULP)
    factories.OrganisationFactory(name="GGZ Centraal", type=OrganisationType.GGZ)
    return factories.wijkteam_member(
        team=factories.TeamFactory(organisation=organisation, name="Schuldhulp team"),
        role=Role.PARTNER_PROFESSIONAL,
        full_name="Pieter Partner",
    )


def expect_refused(page: Page, status: int | None, household) -> None:
    assert status == 403, f"expected a refusal (403), got {status}"
    expect(page.locator("h1")).to_have_text(nl("You have no access to this household"))
    content = page.content()
    assert household.display_name not in content
    assert "Ayşe" not in content


def test_partner_sees_a_household_only_under_consent_and_only_its_categories(
    page: Page, new_page, live_server, regisseur, yilmaz_dogan_household, pieter
):
    household_url = f"{live_server.url}/huishoudens/{yilmaz_dogan_household.pk}/"

    # The partner professional, in their own browser: no consent yet, so no access.
    partner_page = page
    log_in(partner_page, live_server, pieter)
    expect_refused(partner_page, partner_page.goto(household_url).status, yilmaz_dogan_household)

    # The regisseur, in a second browser, records the resident's consent.
    regisseur_page = new_page()
    log_in(regisseur_page, live_server, regisseur)
    regisseur_page.goto(household_url)
    consents = regisseur_page.get_by_role("region", name=nl("Consents"))
    expect(consents).to_contain_text(nl("No organisation outside the neighbourhood team has consent."))
    consents.get_by_role("link", name=nl("Record consent")).click()
    expect(regisseur_page).to_have_url(re.compile(rf"/huishoudens/{yilmaz_dogan_household.pk}/toestemmingen/nieuw/$"))
    expect(regisseur_page.locator("h1")).to_have_text(nl("Record consent"))
    assert_accessible(regisseur_page, "the consent form")

    regisseur_page.get_by_label(nl("organisation")).select_option(label=PARTNER_ORGANISATION)
    regisseur_page.get_by_role("checkbox", name=category_name("financien"), exact=True).check()
    regisseur_page.get_by_label(nl("purpose")).fill(PURPOSE)
    regisseur_page.get_by_role("radio", name=nl(ConsentMethod.MONDELING.label)).check()
    regisseur_page.get_by_role("button", name=nl("Save consent")).click()

    expect(regisseur_page).to_have_url(household_url)
    expect(regisseur_page.locator(".ep-messages")).to_contain_text(nl("The consent has been recorded."))
    row = consents.get_by_role("row", name=re.compile(PARTNER_ORGANISATION))
    expect(row).to_contain_text(category_name("financien"))
    expect(row).to_contain_text(PURPOSE)
    consent = Consent.objects.get(household=yilmaz_dogan_household)
    assert set(consent.categories.values_list("code", flat=True)) == {"basis", "financien"}
    assert consent.recorded_by == regisseur

    # The partner reloads: now they see the household, with only the consented categories.
    response = partner_page.reload()
    assert response is not None and response.status == 200
    expect(partner_page.locator("h1")).to_contain_text(yilmaz_dogan_household.display_name)
    expect(partner_page.locator("main")).to_contain_text(
        nl(
            "You see this household because the resident gave your organisation consent. "
            "You see only the information the consent covers."
        )
    )
    information = partner_page.get_by_role("region", name=nl("Information you can see"))
    finances = information.get_by_role("listitem").filter(has_text=category_name("financien"))
    health = information.get_by_role("listitem").filter(has_text=category_name("gezondheid"))
    expect(finances).to_contain_text(nl("visible"))
    expect(finances).not_to_contain_text(nl("shielded (no consent)"))
    expect(health).to_contain_text(nl("shielded (no consent)"))
    # A partner reads; consents and the access log are the regisseur's.
    expect(partner_page.get_by_role("link", name=nl("Record consent"))).to_have_count(0)
    expect(partner_page.get_by_role("link", name=nl("Who looked at this file"))).to_have_count(0)

    # The regisseur sees the partner's visit in "wie heeft dit dossier bekeken".
    regisseur_page.reload()
    regisseur_page.get_by_role("link", name=nl("Who looked at this file")).click()
    expect(regisseur_page).to_have_url(re.compile(rf"/huishoudens/{yilmaz_dogan_household.pk}/inzage/$"))
    expect(regisseur_page.locator("h1")).to_have_text(nl("Who looked at this file"))
    # The partner's refused look before the consent is in the log too, as a refusal; the visit is the one under consent.
    rows = regisseur_page.locator("main tbody tr", has_text=pieter.full_name)
    visit = rows.filter(has_text=nl("Consent of the resident"))
    expect(visit).to_have_count(1)
    expect(visit).to_contain_text(PARTNER_ORGANISATION)
    expect(visit).to_contain_text(nl("Consent of the resident"))

    # The regisseur withdraws the consent, with a reason.
    regisseur_page.goto(household_url)
    consents.get_by_role("link", name=f"{nl('Withdraw')} {PARTNER_ORGANISATION}").click()
    expect(regisseur_page.locator("h1")).to_have_text(nl("Withdraw consent"))
    assert_accessible(regisseur_page, "the withdrawal form")
    regisseur_page.get_by_label(nl("Why is the consent withdrawn?")).fill(WITHDRAWAL)
    regisseur_page.get_by_role("button", name=nl("Withdraw consent")).click()
    expect(regisseur_page).to_have_url(household_url)
    expect(regisseur_page.locator(".ep-messages")).to_contain_text(PARTNER_ORGANISATION)
    expect(consents).to_contain_text(nl("Earlier consents"))
    expect(consents).to_contain_text(WITHDRAWAL)
    consent.refresh_from_db()
    assert consent.withdrawn_by == regisseur and consent.withdrawal_reason == WITHDRAWAL

    # The partner's very next request is refused again.
    response = partner_page.reload()
    expect_refused(partner_page, response.status if response else None, yilmaz_dogan_household)
