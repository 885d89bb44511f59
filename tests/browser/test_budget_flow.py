# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The wijkbudget in a real browser (issue 13, "Done when").

The regisseur adds an action with a cost to the plan and commits it from the wijkbudget within their mandate; a
second, larger action goes above the mandate and the team leader approves it in their own browser; the regisseur
marks the first one paid; the budget's overview shows the right totals. axe-core checks the new pages.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from eenplan.accounts.models import OrganisationType, Role
from eenplan.budget.models import Commitment, CommitmentState
from eenplan.budget.templatetags.budget_tags import euro
from tests import access_helpers, factories
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in, nl

FIRST = "Eerste huur nieuwe woning"
SECOND = "Achterstand energierekening"


@pytest.fixture
def tineke(team):
    return factories.wijkteam_member(team=team, role=Role.TEAM_LEADER, full_name="Tineke Teamleider")


@pytest.fixture
def bakker_household(team, regisseur):
    """The Bakker household of `team`, with Sara, and a plan under the cast's `regisseur` (Rik)."""
    household = factories.HouseholdFactory(owning_team=team, display_name="Bakker")
    factories.ResidentFactory(household=household, first_name="Sara", last_name="Bakker")
    access_helpers.plan_with_goal_and_action(household, regisseur)
    return household


@pytest.fixture
def wijkbudget_oost(team):
    municipality = factories.OrganisationFactory(name="Gemeente", type=OrganisationType.WERK_EN_INKOMEN)
    access_helpers.budget_mandates(team.organisation)
    return access_helpers.wijkbudget_oost(team, access_helpers.member_of(municipality, Role.POLICY_OFFICER))


def add_action_with_cost(page: Page, live_server, household, description: str, cost: str, owner: str) -> None:
    page.goto(f"{live_server.url}/huishoudens/{household.pk}/plan/")
    page.get_by_role("link", name=f"{nl('Add an action')} — {nl('Finances')}").click()
    page.locator("#id_description").fill(description)
    page.get_by_role("radio", name=nl("A professional"), exact=True).check()
    page.locator("#id_owner_user").select_option(label=owner)
    page.locator("#id_cost").fill(cost)
    page.locator("#id_funding").select_option(value="wijkbudget")
    page.get_by_role("button", name=nl("Save"), exact=True).click()
    expect(page.locator(".ep-messages")).to_contain_text(nl("The action has been added."))


def commit_action(page: Page, description: str, payee: str) -> None:
    page.get_by_role("link", name=f"{nl('Commit from the neighbourhood budget')} {description}").click()
    expect(page.locator("h1")).to_have_text(nl("Commit from the neighbourhood budget"))
    page.get_by_role("radio", name=re.compile("Wijkbudget Oost")).check()
    page.locator("#id_what_for").fill(description)
    page.get_by_role("radio", name=nl(payee), exact=True).check()
    page.get_by_role("button", name=nl("Commit"), exact=True).click()


def test_commit_within_and_above_the_mandate_approve_pay_and_see_the_totals(
    page: Page, new_page, live_server, regisseur, tineke, bakker_household, wijkbudget_oost
):
    log_in(page, live_server, regisseur)

    # Within the mandate: committed at once.
    add_action_with_cost(page, live_server, bakker_household, FIRST, "450", regisseur.full_name)
    commit_action(page, FIRST, "A supplier")
    expect(page).to_have_url(re.compile(rf"/huishoudens/{bakker_household.pk}/wijkbudget/$"))
    expect(page.locator(".ep-messages")).to_contain_text(nl("The money has been committed within your mandate."))
    first = Commitment.objects.get(what_for=FIRST)
    assert (first.state, first.amount) == (CommitmentState.TOEGEKEND, Decimal("450.00"))
    assert_accessible(page, "the household's commitments")

    # Above the mandate (€ 450 + € 1.200 this year): it awaits a second person.
    add_action_with_cost(page, live_server, bakker_household, SECOND, "1200", regisseur.full_name)
    with page.expect_navigation():
        page.get_by_role("link", name=f"{nl('Commit from the neighbourhood budget')} {SECOND}").click()
    assert_accessible(page, "the commit form")
    page.get_by_role("radio", name=re.compile("Wijkbudget Oost")).check()
    page.locator("#id_what_for").fill(SECOND)
    page.get_by_role("radio", name=nl("The resident's creditor"), exact=True).check()
    page.get_by_role("button", name=nl("Commit"), exact=True).click()
    expect(page.locator(".ep-messages")).to_contain_text(
        nl("This is above your mandate: the commitment now awaits approval by a second person.")
    )
    second = Commitment.objects.get(what_for=SECOND)
    assert second.state == CommitmentState.AANGEVRAAGD

    # The team leader approves it in their own browser, from the menu.
    leader = new_page()
    log_in(leader, live_server, tineke)
    leader.locator("header nav").get_by_role("link", name=nl("Neighbourhood budget"), exact=True).click()
    leader.locator("main a[href='/wijkbudget/beslissen/']").click()
    expect(leader).to_have_url(f"{live_server.url}/wijkbudget/beslissen/")
    leader.get_by_role("link", name=re.compile(rf"#{second.pk}")).click()
    expect(leader.locator("main")).to_contain_text(SECOND)
    expect(leader.locator("main")).not_to_contain_text("Sara")
    assert_accessible(leader, "the decision page")
    leader.get_by_role("radio", name=nl("Approve"), exact=True).check()
    leader.get_by_role("button", name=nl("Save the decision"), exact=True).click()
    expect(leader.locator(".ep-messages")).to_contain_text(nl("The commitment has been approved."))
    second.refresh_from_db()
    assert (second.state, second.decided_by) == (CommitmentState.TOEGEKEND, tineke)

    # The regisseur marks the first one paid.
    page.goto(f"{live_server.url}/huishoudens/{bakker_household.pk}/wijkbudget/")
    page.get_by_role("link", name=f"{nl('Mark as paid')} #{first.pk}").click()
    page.locator("#id_reference").fill("FIN-2026-0042")
    page.get_by_role("button", name=nl("Save"), exact=True).click()
    expect(page.locator(".ep-messages")).to_contain_text(nl("The payment has been recorded."))
    first.refresh_from_db()
    assert (first.state, first.paid_amount, first.payment_reference) == (
        CommitmentState.BETAALD,
        Decimal("450.00"),
        "FIN-2026-0042",
    )

    # The overview shows the right totals: 10.000 budgeted, 1.200 committed, 450 realised, 8.350 left.
    page.goto(f"{live_server.url}/wijkbudget/")
    page.get_by_role("link", name="Wijkbudget Oost").click()
    total = page.locator("section[aria-labelledby=kop-totaal] tbody tr")
    for amount in ("10000.00", "0.00", "1200.00", "450.00", "8350.00"):
        expect(total).to_contain_text(euro(Decimal(amount)))
    expect(page.locator("main")).not_to_contain_text("Bakker")
    assert_accessible(page, "the budget overview")
