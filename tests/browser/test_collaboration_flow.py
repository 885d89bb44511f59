# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""A case conference in a real browser (issue 12, "Done when").

The regisseur plans a conference for a household with a professional of a second organisation and the resident,
records the resident's consent for that organisation through the conference, records two decisions, and sees them
as actions with their owners in the plan. After the conference is held, the next conference opens with the
follow-up of those decisions. Every page passes axe-core.
"""

from __future__ import annotations

import datetime
import re

from django.utils import timezone
from playwright.sync_api import Page, expect

from eenplan.access.models import Consent
from eenplan.accounts.models import Role
from eenplan.collaboration.models import CaseConference, ConferenceDecision
from eenplan.plans.models import Action, ActionStatus
from tests import factories
from tests.browser.axe import assert_accessible
from tests.browser.conftest import category_name, log_in, nl

PARTNER_ORGANISATION = "Schuldhulp Samen"
FIRST = "Schuldenoverzicht maken met de inwoner"
SECOND = "Betalingsregeling met de verhuurder"


def plan_conference(page: Page, live_server, household, partner, when: datetime.datetime) -> CaseConference:
    page.goto(f"{live_server.url}/huishoudens/{household.pk}/samenwerken/")
    assert_accessible(page, "the household's working together")
    page.get_by_role("link", name=nl("Plan a case conference")).click()
    page.get_by_label(nl("Date and time")).fill(timezone.localtime(when).strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_location").fill("Wijkcentrum De Linde")
    page.get_by_label(nl("Why this conference")).fill("De schulden lopen op; de inwoner wil één plan met iedereen.")
    page.locator("#id_public_agenda").fill("Kennismaking, wie doet wat")
    page.get_by_role("checkbox", name=re.compile(partner.full_name)).check()
    page.get_by_role("checkbox", name=re.compile("Yilmaz")).check()
    assert_accessible(page, "the conference form")
    page.get_by_role("button", name=nl("Save")).click()
    expect(page).to_have_url(re.compile(rf"/huishoudens/{household.pk}/overleggen/\d+/$"))
    return CaseConference.objects.order_by("-pk").first()  # type: ignore[return-value]


def record_decision(page: Page, description: str, owner: str) -> None:
    page.get_by_role("link", name=nl("Record a decision")).click()
    page.get_by_label(nl("What was decided")).fill(description)
    page.locator("#id_category").select_option(label=category_name("financien"))
    page.get_by_role("radio", name=nl("A professional")).check()
    page.locator("#id_owner_user").select_option(label=owner)
    page.get_by_label(nl("Due date")).fill((timezone.localdate() + datetime.timedelta(days=14)).isoformat())
    page.get_by_role("button", name=nl("Save")).click()
    expect(page.locator(".ep-messages")).to_contain_text(
        nl("The decision has been recorded and added to the plan as an action.")
    )


def test_a_conference_with_two_organisations_and_the_resident_makes_plan_actions_that_are_followed_up(
    page: Page, live_server, regisseur, yilmaz_household, bram_schuldhulp
):
    log_in(page, live_server, regisseur)
    conference = plan_conference(
        page, live_server, yilmaz_household, bram_schuldhulp, timezone.now() + datetime.timedelta(days=1)
    )
    assert set(conference.participants.values_list("kind", flat=True)) == {"professional", "resident"}
    assert conference.participants.filter(user=bram_schuldhulp).exists()
    expect(page.locator("main")).to_contain_text(PARTNER_ORGANISATION)
    assert_accessible(page, "the conference page")

    # The partner's organisation has no consent yet: record it through the conference (the one Consent model).
    page.get_by_role("link", name=re.compile(nl("record consent"))).click()
    page.get_by_role("checkbox", name=category_name("financien"), exact=True).check()
    page.get_by_role("radio", name=nl("Spoken (in conversation)")).check()
    assert_accessible(page, "the consent form of the conference")
    page.get_by_role("button", name=nl("Save")).click()
    expect(page.locator(".ep-messages")).to_contain_text(nl("The consent has been recorded."))
    assert Consent.objects.filter(household=yilmaz_household, organisation__name=PARTNER_ORGANISATION).count() == 1

    # An agenda item, then two decisions: one for the regisseur, one for the partner professional.
    page.get_by_label(nl("Agenda item"), exact=True).fill("Schulden en huurachterstand")
    page.locator("#id_category").select_option(label=category_name("financien"))
    page.get_by_role("button", name=nl("Add agenda item")).click()
    expect(page.locator("main")).to_contain_text("Schulden en huurachterstand")
    record_decision(page, FIRST, regisseur.full_name)
    record_decision(page, SECOND, bram_schuldhulp.full_name)
    assert_accessible(page, "the conference with its decisions")

    # Both are actions in the plan, with their owners.
    page.goto(f"{live_server.url}/huishoudens/{yilmaz_household.pk}/plan/")
    main = page.locator("main")
    expect(main).to_contain_text(FIRST)
    expect(main).to_contain_text(SECOND)
    expect(main).to_contain_text(bram_schuldhulp.full_name)
    first, second = (Action.objects.get(description=d) for d in (FIRST, SECOND))
    assert (first.owner_user, second.owner_user) == (regisseur, bram_schuldhulp)

    # The conference is held (the minutes); one action is done since, then the next conference is planned.
    page.goto(f"{live_server.url}/huishoudens/{yilmaz_household.pk}/overleggen/{conference.pk}/verslag/")
    page.locator("#id_held").check()
    assert_accessible(page, "the minutes")
    page.get_by_role("button", name=nl("Save")).click()
    expect(page.locator(".ep-messages")).to_contain_text(nl("The minutes have been saved."))
    CaseConference.objects.filter(pk=conference.pk).update(starts_at=timezone.now() - datetime.timedelta(days=20))
    Action.objects.filter(pk=first.pk).update(status=ActionStatus.GEDAAN)

    plan_conference(page, live_server, yilmaz_household, bram_schuldhulp, timezone.now() + datetime.timedelta(days=7))
    follow_up = page.locator("#kop-opvolging").locator("xpath=..")
    expect(follow_up).to_contain_text(FIRST)
    expect(follow_up).to_contain_text(SECOND)
    expect(follow_up.locator("tr", has_text=FIRST)).to_contain_text(nl("Done"))
    expect(follow_up.locator("tr", has_text=SECOND)).to_contain_text(nl("Open, on time"))
    assert ConferenceDecision.objects.filter(conference=conference).count() == 2
    assert_accessible(page, "the next conference with the follow-up")


# Every other page of working together, as the professional and as the team leader who oversees: axe-core on each.
PROFESSIONAL_PAGES = [
    ("/huishoudens/{household}/opschalen/", "the escalation form"),
    ("/huishoudens/{household}/knelpunten/nieuw/", "the barrier form from a household"),
    ("/vraagbaak/", "the helpdesk"),
    ("/vraagbaak/nieuw/", "the helpdesk question form"),
    ("/kennisbank/", "the knowledge base"),
    ("/knelpunten/", "the barriers list"),
    ("/knelpunten/nieuw/", "the barrier form"),
]
TEAM_LEADER_PAGES = [
    ("/samenwerken/team/", "the team leader's view"),
    ("/opschalingen/", "the escalations to decide"),
    ("/knelpunten/overzicht/", "the barrier counts"),
]


def assert_pages_pass_axe(page: Page, live_server, household, pages: list[tuple[str, str]]) -> None:
    for path, what in pages:
        response = page.goto(live_server.url + path.format(household=household.pk))
        assert response is not None and response.status == 200, f"{what}: {response and response.status}"
        assert_accessible(page, what)


def test_every_page_of_working_together_passes_axe_for_the_professional(
    page: Page, live_server, regisseur, yilmaz_household
):
    log_in(page, live_server, regisseur)
    assert_pages_pass_axe(page, live_server, yilmaz_household, PROFESSIONAL_PAGES)


def test_every_overview_of_working_together_passes_axe_for_the_team_leader(
    page: Page, live_server, team, yilmaz_household
):
    leader = factories.wijkteam_member(team=team, role=Role.TEAM_LEADER, full_name="Tess Teamleider")
    log_in(page, live_server, leader)
    assert_pages_pass_axe(page, live_server, yilmaz_household, TEAM_LEADER_PAGES)
