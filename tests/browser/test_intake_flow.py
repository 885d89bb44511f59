# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""From a resident's question to a plan, in a real browser: the access point and the integral intake.

An anonymous resident asks for help on a phone; a professional of the wijkteam serving the resident's wijk finds
the request under "Aanmeldingen", accepts it as a new household, does the integral intake and a self-reliance
assessment, sees the multi-problem signal with its chart (and the table beside it), and turns the low-scoring
domains into goals of a new plan.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from eenplan.assessments.models import Assessment
from eenplan.households.models import Household
from eenplan.intake.models import Intake, IntakeRequest, RequestStatus
from eenplan.intake.spam import HONEYPOT_FIELD
from eenplan.plans.models import Goal
from tests import access_helpers
from tests.browser.axe import assert_accessible, assert_no_horizontal_scroll
from tests.browser.conftest import log_in, nl, nl_label

QUESTION = "Ik heb schulden en de huur loopt achter. Ik slaap er slecht van."
FINANCES_NOTE = "Drie betalingsachterstanden, een deurwaarder heeft een brief gestuurd."
FINANCES_GOAL = "Ik wil weten hoeveel schuld ik heb en een regeling."
HOUSING_GOAL = "Ik wil in mijn huis kunnen blijven wonen."
LEVELS = {"financien": 1, "werk_opleiding": 2, "huisvesting": 2}


@pytest.fixture
def centrum_regisseur(team, regisseur, centrum):
    """The cast's `regisseur` (Rik), in a team that serves Wijk Centrum, where the resident lives."""
    access_helpers.serves(team, centrum)
    return regisseur


def ask_for_help(page: Page, live_server) -> None:
    page.goto(f"{live_server.url}/hulp-vragen/")
    expect(page.locator("h1")).to_have_text(nl("Ask the neighbourhood team for help"))
    page.get_by_label(nl("Your first name")).fill("Sara")
    page.get_by_label(nl("Your last name")).fill("Bakker")
    page.get_by_label(nl("Your postcode")).fill("3512 ab")
    page.get_by_label(nl("Your phone number")).fill("06 12345678")
    page.get_by_label(nl("What do you need help with?")).fill(QUESTION)
    page.get_by_role("button", name=nl("Send")).click()
    expect(page).to_have_url(re.compile(r"/hulp-vragen/verstuurd/$"))
    expect(page.locator("h1")).to_have_text(nl("Thank you. Your question has been sent."))


def test_a_request_for_help_becomes_a_household_with_an_intake_an_assessment_and_a_plan(
    page: Page, phone_page: Page, live_server, centrum, centrum_regisseur
):
    # The public form, anonymous, at desktop and at phone size.
    page.goto(f"{live_server.url}/hulp-vragen/")
    assert_accessible(page, "the public request form (desktop)")
    phone_page.goto(f"{live_server.url}/hulp-vragen/")
    assert_accessible(phone_page, "the public request form (phone)")
    assert_no_horizontal_scroll(phone_page, "the public request form")

    # A resident asks for help from their phone.
    ask_for_help(phone_page, live_server)
    request = IntakeRequest.objects.get()
    assert (request.neighbourhood, request.status) == (centrum, RequestStatus.NEW)

    # The professional finds it under "Aanmeldingen".
    log_in(page, live_server, centrum_regisseur)
    page.get_by_role("navigation", name=nl("Main menu")).get_by_role("link", name=nl("Requests for help")).click()
    expect(page.locator("h1")).to_have_text(nl("Requests for help"))
    page.get_by_role("link", name="Sara Bakker").click()
    expect(page).to_have_url(re.compile(rf"/aanmeldingen/{request.pk}/$"))
    expect(page.get_by_role("region", name=nl("The question"))).to_contain_text(QUESTION)

    # Accept it as a new household.
    accept = page.get_by_role("region", name=nl("Accept as a new household"))
    expect(accept.get_by_label(nl_label("first name"), exact=True)).to_have_value("Sara")
    accept.get_by_label(nl_label("date of birth"), exact=True).fill("1988-02-29")
    accept.get_by_label(nl_label("street"), exact=True).fill("Oudegracht")
    accept.get_by_label(nl_label("house number"), exact=True).fill("101")
    accept.get_by_label(nl_label("city"), exact=True).fill("Utrecht")
    accept.get_by_role("button", name=nl("Accept and start the intake")).click()

    household = Household.objects.get()
    assert (household.owning_team, household.neighbourhood) == (centrum_regisseur.memberships.get().team, centrum)
    expect(page).to_have_url(re.compile(rf"/huishoudens/{household.pk}/intake/nieuw/$"))
    expect(page.locator(".ep-messages")).to_contain_text(nl("The household has been registered. Now do the intake."))

    # The integral intake: the question in the resident's words, one note on a life domain.
    expect(page.locator("h1")).to_have_text(nl("Integral intake"))
    question = page.get_by_label(nl("the question in the resident's own words"))
    expect(question).to_have_value(QUESTION)
    question.fill(QUESTION + " Ze wil vooral rust.")
    page.get_by_label(nl("Finances")).fill(FINANCES_NOTE)
    page.get_by_role("button", name=nl("Save and assess self-reliance")).click()
    intake = Intake.objects.get(household=household)
    assert intake.domain_notes == {"financien": FINANCES_NOTE}

    # The assessment: Financiën 1, Werk & opleiding 2, Huisvesting 2, the other domains 4.
    expect(page).to_have_url(re.compile(rf"/huishoudens/{household.pk}/zelfredzaamheid/nieuw/$"))
    page.get_by_label(nl("Who"), exact=True).select_option(label="Sara Bakker")
    domains = access_helpers.zrm_domains()
    assert set(LEVELS) <= set(domains)
    for code, domain in domains.items():
        level = LEVELS.get(code, 4)
        group = page.get_by_role("radiogroup", name=domain.name, exact=True)
        group.get_by_role("radio", name=re.compile(rf"^{level} ")).check()
    page.get_by_role("button", name=nl("Save"), exact=True).click()

    # The self-reliance page: the signal, the chart, and the same figures as a table.
    expect(page).to_have_url(re.compile(rf"/huishoudens/{household.pk}/zelfredzaamheid/$"))
    assessment = Assessment.objects.get(household=household)
    assert {s.domain.code: s.value for s in assessment.scores.select_related("domain")} == {
        code: LEVELS.get(code, 4) for code in domains
    }
    signal = page.locator(".ep-signal")
    expect(signal).to_contain_text(nl("Integral approach needed"))
    for code in LEVELS:
        expect(signal).to_contain_text(domains[code].name)
    chart = page.get_by_role(
        "img", name=nl("Bar chart of the first and latest level per domain. The table below gives the same figures.")
    )
    expect(chart).to_be_visible()
    expect(chart.locator("rect")).to_have_count(2 * len(domains))
    table = page.locator(".ep-chart table")
    expect(table).to_be_hidden()
    page.get_by_text(nl("Show as a table"), exact=True).click()
    expect(table).to_be_visible()
    expect(table.get_by_role("row", name=re.compile(re.escape(domains["financien"].name)))).to_contain_text("1")
    assert_accessible(page, "the self-reliance page")

    # Goals from the low-scoring domains: two of the three, in the resident's words.
    page.get_by_role("link", name=nl("Make goals from these domains")).click()
    expect(page.locator("h1")).to_have_text(nl("Goals from low-scoring domains"))
    words = {"financien": FINANCES_GOAL, "huisvesting": HOUSING_GOAL}
    for code in LEVELS:
        name = domains[code].name
        tick = page.get_by_role("checkbox", name=nl("Make a goal for %(domain)s") % {"domain": name})
        expect(tick).to_be_checked()
        if code in words:
            page.get_by_label(nl("The goal in the resident's own words (%(domain)s)") % {"domain": name}).fill(
                words[code]
            )
        else:
            tick.uncheck()
    page.get_by_role("button", name=nl("Add the goals to the plan")).click()

    expect(page).to_have_url(re.compile(rf"/huishoudens/{household.pk}/plan/$"))
    expect(page.locator(".ep-messages")).to_contain_text(nl("The goals have been added to the plan."))
    goals = page.get_by_role("region", name=nl("Goals and actions"))
    expect(goals.locator(".ep-quote")).to_have_text([f"“{FINANCES_GOAL}”", f"“{HOUSING_GOAL}”"])
    expect(goals.get_by_role("heading", level=3)).to_have_text([nl("Finances"), nl("Housing")])
    assert sorted(Goal.objects.filter(plan__household=household).values_list("domain", flat=True)) == [
        "financien",
        "huisvesting",
    ]
    household.refresh_from_db()
    assert household.regisseur == centrum_regisseur


def test_the_public_forms_spam_trap_is_hidden_from_residents(phone_page: Page, live_server):
    """The honeypot is for bots only. A resident must not see it, nor meet it with a screen reader: whoever fills
    it in has their request thrown away without a word (intake.spam.is_bot), after filling in everything else."""
    phone_page.goto(f"{live_server.url}/hulp-vragen/")
    trap = phone_page.locator(f"main form [name={HONEYPOT_FIELD}]")
    expect(trap).to_have_count(1)  # still there for bots

    expect(
        phone_page.get_by_role("textbox", name=nl("Leave this field empty")),
        "the spam trap is in the accessibility tree (screen readers announce it)",
    ).to_have_count(0, timeout=2_000)  # a static page: nothing to wait for
    for what, element in (("field", trap), ("label", phone_page.locator(f"label[for={trap.get_attribute('id')}]"))):
        box = element.bounding_box()  # None when not rendered
        shown = box is not None and box["width"] * box["height"] > 1 and box["x"] + box["width"] > 0
        assert not shown, f"the spam trap's {what} is shown to residents on the public form: {box}"
