# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The plan (*plan van aanpak*) in a real browser: one household, one plan, one regisseur.

A regisseur starts the plan, writes goals in two life domains in the resident's own words, gives actions to a
professional (themself), to the resident and to a volunteer, records the resident's agreement and prints the plan;
the PDF holds the goals. The volunteer then finds their action on the start page and marks it done.
"""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from eenplan.plans.models import Action, ActionStatus, AgreementMethod, OwnerKind, Plan, PlanStatus
from tests import access_helpers, factories
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in, nl, nl_label

FINANCES_GOAL = "Ik wil weer rustig slapen zonder zorgen over de rekeningen."
HOUSING_GOAL = "Ik wil dat de schimmel uit de slaapkamer van de kinderen verdwijnt."
OWN_ACTION = "Budgetplan maken met mevrouw"
RESIDENT_ACTION = "Zelf de woningcorporatie bellen over de schimmel"
VOLUNTEER_ACTION = "Samen de post van de afgelopen maanden sorteren"


@pytest.fixture
def volunteer():
    return access_helpers.volunteer("Sanne Vrijwilliger")


@pytest.fixture
def el_amrani_household(team):
    """The El Amrani household of `team`, with Fatima (who has a phone number) and Youssef; no plan yet."""
    household = factories.HouseholdFactory(owning_team=team, display_name="El Amrani")
    factories.ResidentFactory(household=household, first_name="Fatima", last_name="El Amrani", phone="06 12345678")
    factories.ResidentFactory(household=household, first_name="Youssef", last_name="El Amrani")
    return household


def add_goal(page: Page, domain: str, words: str) -> None:
    page.get_by_role("link", name=nl("Add a goal")).click()
    expect(page.locator("h1")).to_have_text(nl("Add a goal"))
    page.get_by_label(nl("life domain")).select_option(label=nl(domain))
    page.get_by_label(nl("the goal in the resident's own words")).fill(words)
    page.get_by_role("button", name=nl("Save"), exact=True).click()
    expect(page.locator(".ep-messages")).to_contain_text(nl("The goal has been added."))


def add_action(page: Page, domain: str, description: str, owner_kind: str, owner_field: str, owner: str) -> None:
    """An action under the goal of the domain, owned by `owner` (the text of its option in `owner_field`)."""
    page.get_by_role("link", name=f"{nl('Add an action')} — {nl(domain)}").click()
    expect(page.locator("h1")).to_have_text(nl("Add an action"))
    page.get_by_label(nl_label("what"), exact=True).fill(description)
    page.get_by_role("radio", name=nl(owner_kind), exact=True).check()
    page.get_by_role("combobox", name=nl_label(owner_field)).select_option(label=owner)
    page.get_by_role("button", name=nl("Save"), exact=True).click()
    expect(page.locator(".ep-messages")).to_contain_text(nl("The action has been added."))


def pdf_text(body: bytes) -> str:
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    return " ".join(text.split())


def test_regisseur_makes_a_plan_the_resident_agrees_it_is_printed_and_the_volunteer_does_their_action(
    page: Page, new_page, live_server, regisseur, volunteer, el_amrani_household
):
    log_in(page, live_server, regisseur)
    page.goto(f"{live_server.url}/huishoudens/{el_amrani_household.pk}/")
    page.get_by_role("navigation", name=nl("Household file")).get_by_role("link", name=nl("Plan"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/huishoudens/{el_amrani_household.pk}/plan/$"))
    expect(page.get_by_role("heading", name=nl("No plan yet"))).to_be_visible()

    # Start the plan; the regisseur offered is the one starting it.
    regisseur_choice = page.get_by_label(nl("Regisseur"))
    expect(regisseur_choice).to_have_value(str(regisseur.pk))
    page.get_by_role("button", name=nl("Start a plan")).click()
    expect(page.locator(".ep-messages")).to_contain_text(
        nl("The plan has been started. Add the goals in the resident's own words.")
    )

    add_goal(page, "Finances", FINANCES_GOAL)
    add_goal(page, "Housing", HOUSING_GOAL)
    goals = page.get_by_role("region", name=nl("Goals and actions"))
    expect(goals.locator(".ep-quote")).to_have_text([f"“{FINANCES_GOAL}”", f"“{HOUSING_GOAL}”"])

    add_action(
        page, "Finances", OWN_ACTION, OwnerKind.PROFESSIONAL.label, "professional or volunteer", regisseur.full_name
    )
    add_action(page, "Housing", RESIDENT_ACTION, OwnerKind.RESIDENT.label, "resident", "Fatima El Amrani")
    add_action(
        page, "Finances", VOLUNTEER_ACTION, OwnerKind.VOLUNTEER.label, "professional or volunteer", volunteer.full_name
    )
    finances = goals.get_by_role("article", name=nl("Finances"))
    expect(finances.get_by_role("row", name=re.compile(OWN_ACTION))).to_contain_text(regisseur.full_name)
    expect(finances.get_by_role("row", name=re.compile(VOLUNTEER_ACTION))).to_contain_text(volunteer.full_name)
    housing = goals.get_by_role("article", name=nl("Housing"))
    expect(housing.get_by_role("row", name=re.compile(RESIDENT_ACTION))).to_contain_text("Fatima El Amrani")
    plan = Plan.objects.get(household=el_amrani_household, is_active=True)
    assert dict(plan.actions.values_list("description", "owner_kind")) == {
        OWN_ACTION: OwnerKind.PROFESSIONAL,
        RESIDENT_ACTION: OwnerKind.RESIDENT,
        VOLUNTEER_ACTION: OwnerKind.VOLUNTEER,
    }

    assert_accessible(page, "the plan page")

    # The resident agrees, in person.
    page.get_by_role("link", name=nl("Record the resident's agreement")).click()
    today = timezone.localdate()
    page.get_by_label(nl("Date of agreement")).fill(today.isoformat())
    page.get_by_role("radio", name=nl(AgreementMethod.IN_PERSON.label)).check()
    page.get_by_label(nl("Evaluate together on")).fill((today + datetime.timedelta(days=90)).isoformat())
    page.get_by_role("button", name=nl("Save"), exact=True).click()
    expect(page.locator(".ep-messages")).to_contain_text(
        nl("The resident's agreement has been recorded. The plan is agreed.")
    )
    expect(page.locator(".ep-plan-head")).to_contain_text(nl(PlanStatus.VASTGESTELD.label))
    expect(page.locator(".ep-plan-head")).to_contain_text(nl(AgreementMethod.IN_PERSON.label))
    plan.refresh_from_db()
    assert (plan.status, plan.agreed_on, plan.agreement_method, plan.evaluation_date) == (
        PlanStatus.VASTGESTELD,
        today,
        AgreementMethod.IN_PERSON,
        today + datetime.timedelta(days=90),
    )
    expect(page.get_by_role("link", name=nl("Record the resident's agreement"))).to_have_count(0)

    # Print: the PDF, fetched with this browser's session, holds both goals in the resident's words.
    href = page.get_by_role("link", name=nl("Print the plan (PDF)")).get_attribute("href")
    assert href
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200, response.status
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    for words in (FINANCES_GOAL, HOUSING_GOAL, OWN_ACTION, VOLUNTEER_ACTION):
        assert words in text, f"{words!r} is not in the PDF's text: {text[:2000]}"

    # The volunteer, in their own browser, finds the action on the start page and marks it done.
    volunteer_page = new_page()
    log_in(volunteer_page, live_server, volunteer)
    expect(volunteer_page).to_have_url(f"{live_server.url}/")
    my_actions = volunteer_page.get_by_role("region", name=nl("My actions"))
    expect(my_actions.get_by_role("listitem")).to_have_count(1)
    expect(my_actions).to_contain_text(VOLUNTEER_ACTION)
    expect(my_actions).not_to_contain_text(OWN_ACTION)
    expect(my_actions).not_to_contain_text(RESIDENT_ACTION)
    # A volunteer gets the contact for their action, but no way into the household's file.
    expect(my_actions).to_contain_text("Fatima")
    expect(my_actions.get_by_role("link", name=re.compile(el_amrani_household.display_name))).to_have_count(0)
    my_actions.get_by_role("button", name=f"{nl('Mark as done')} {VOLUNTEER_ACTION}").click()
    expect(volunteer_page.locator(".ep-messages")).to_contain_text(
        nl("The action has been marked as %(status)s.") % {"status": nl(ActionStatus.GEDAAN.label)}
    )
    expect(my_actions).to_contain_text(nl("You have no open actions."))
    assert Action.objects.get(description=VOLUNTEER_ACTION).status == ActionStatus.GEDAAN

    # The regisseur sees it done on the plan.
    page.reload()
    expect(finances.get_by_role("row", name=re.compile(VOLUNTEER_ACTION))).to_contain_text(
        nl(ActionStatus.GEDAAN.label)
    )
