# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Mijn EenPlan on a phone, the rest of issue 15: a resident fills in their self-assessment and sees it beside the
professional's, reads their referrals' state in plain words, gives their partner access and stops it; the regisseur
sees the self-assessment on the household's assessment page. axe-core on every page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from eenplan.access.models import MemberAccessGrant
from eenplan.assessments.models import Assessment
from eenplan.directory.models import Service
from eenplan.referrals.models import Referral, ReferralState
from tests import access_helpers as story
from tests import factories
from tests.browser.axe import assert_accessible
from tests.browser.axe import look_on_a_phone as look
from tests.browser.conftest import log_in, nl

SARA_BSN = story.TEST_BSNS[1]


@pytest.fixture
def jansen_household(team, regisseur):
    """The Jansen household of `team`: Sara (who signs in with her BSN) and her partner Tom, both adults; a plan under
    the cast's `regisseur`, his assessment of Sara, and a referral sent to debt help."""
    household = factories.HouseholdFactory(owning_team=team, display_name="Jansen")
    sara = story.resident_with_bsn(household, SARA_BSN, first_name="Sara", last_name="Jansen")
    factories.ResidentFactory(household=household, first_name="Tom", last_name="Jansen")
    story.plan_with_goal_and_action(household, regisseur)
    story.assess(household, regisseur, {"financien": 2}, resident=sara)
    organisation = story.partner_organisation("Schuldhulp West")
    Referral.objects.create(
        household=household,
        service=Service.objects.create(organisation=organisation, name="Budgetcoaching", description="Hulp"),
        to_organisation=organisation,
        from_user=regisseur,
        from_organisation=team.organisation,
        summary="Schulden",
        state=ReferralState.VERZONDEN,
        sent_at=timezone.now(),
    )
    return household


def test_a_resident_assesses_herself_reads_her_referrals_and_gives_her_partner_access_on_a_phone(
    settings, live_server, phone_page, new_page, jansen_household, regisseur
):
    settings.DIGID_MOCK = True
    page = phone_page
    page.goto(f"{live_server.url}{reverse('portal:login')}")
    page.get_by_role("link", name=nl("Log in with DigiD")).click()
    page.locator("a[href*='inloggen_bsn']").first.click()  # the development DigiD: log in with a test BSN
    page.locator("input[name=auth_bsn]").fill(SARA_BSN)
    page.locator("#submit-button").click()
    page.wait_for_url(re.compile(r"/mijn/$"))

    page.locator(".ep-portal-nav").get_by_role("link", name=nl("How am I doing?")).click()
    expect(page.locator("h1")).to_have_text(nl("How am I doing?"))
    look(page, "my self-assessment before filling it in")
    with page.expect_navigation():
        page.get_by_role("link", name=nl("Fill in"), exact=True).click()
    look(page, "the self-assessment form")
    page.get_by_role("button", name=nl("Save my answers")).click()  # nothing answered: refused, said on the page
    expect(page.locator(".utrecht-alert--error")).to_be_visible()
    look(page, "the self-assessment form with its errors")
    for fieldset in page.locator("fieldset").all():
        fieldset.locator("input[value='4']").check()
    page.get_by_role("button", name=nl("Save my answers")).click()
    expect(page.locator(".ep-messages")).to_contain_text(
        nl("Thank you. Your answers are saved. Your regisseur can see them too.")
    )
    table = page.locator("table.ep-compare")
    expect(table).to_contain_text("Geld")
    expect(table).to_contain_text("Het gaat goed")  # my 4
    expect(table).to_contain_text("Het gaat slecht")  # the professional's 2
    look(page, "my self-assessment beside the professional's")
    assert Assessment.objects.filter(by_resident__first_name="Sara").count() == 1

    page.locator(".ep-portal-nav").get_by_role("link", name=nl("My referrals")).click()
    expect(page.locator("main")).to_contain_text("Budgetcoaching")
    expect(page.locator("main")).to_contain_text(nl("Sent, waiting for an answer"))
    look(page, "my referrals")

    with page.expect_navigation():
        page.locator(".ep-portal-nav").get_by_role("link", name=nl("Who may see my information")).click()
    look(page, "who may see my information")
    page.get_by_label("Tom Jansen").check()
    page.get_by_role("button", name=nl("Give access")).click()
    expect(page.locator(".ep-messages")).to_contain_text("Tom")
    assert MemberAccessGrant.objects.filter(withdrawn_at__isnull=True).count() == 1
    look(page, "who may see my information, with access given")
    page.get_by_role("button", name=re.compile("Tom")).click()
    expect(page.locator(".ep-messages")).to_contain_text(
        nl("You stopped the access. This person can no longer see your information.")
    )
    assert not MemberAccessGrant.objects.filter(withdrawn_at__isnull=True).exists()

    regisseur_page = new_page()
    log_in(regisseur_page, live_server, regisseur)
    regisseur_page.goto(f"{live_server.url}{reverse('assessments:overview', kwargs={'pk': jansen_household.pk})}")
    expect(regisseur_page.locator("main")).to_contain_text("Zelfredzaamheid-Matrix (inwonerversie)")
    assert_accessible(regisseur_page, "the household's assessments with the resident's self-assessment")
