# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Every main page fits a 320 px phone (issue 17): each main role logs in on a 320 px wide window and no page is
wider than the window (tables reflow or scroll inside their own box, and screen-reader-only text stays inside
it). Every table's scroll box takes the keyboard focus and has a name (role="region" with a label)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from eenplan.accounts.models import Role, User
from eenplan.households.models import Household
from tests import access_helpers as story
from tests import factories
from tests.browser.conftest import log_in

NARROW_PHONE = {"width": 320, "height": 740}
BSN = story.TEST_BSNS[0]

WIDTH_JS = """() => ({
    scroll: document.documentElement.scrollWidth,
    too_wide: [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > 321 && !e.closest(".ep-table-wrap"))
        .slice(0, 3)
        .map((e) => [e.tagName.toLowerCase(), e.id, e.getAttribute("class")].filter(Boolean).join(" ")),
    unnamed_scroll_boxes: [...document.querySelectorAll(".ep-table-wrap")]
        .filter((e) => e.tabIndex !== 0 || e.getAttribute("role") !== "region" || !e.getAttribute("aria-label"))
        .length,
})"""


@pytest.fixture
def phone_case(household: Household, regisseur_plan, regisseur: User, schuldhulp, receiver) -> dict[str, object]:
    """The cast's household with Rik's plan, a resident with a BSN, Schuldhulp Samen's consent for finances and
    a referral to it, so that every main page has rows to show."""
    story.resident_with_bsn(household, BSN, first_name="Noor", last_name="Bakker")
    story.grant_consent(household, schuldhulp, ["financien"], recorded_by=regisseur)
    referral = story.referral_to(household, schuldhulp, regisseur)
    return {"household": household, "referral": referral, "service": referral.service}


def too_wide(page: Page, live_server: object, paths: list[str]) -> list[str]:
    """The pages (of `paths`) wider than 320 px or with an unnamed scroll box; each must answer below 400."""
    problems = []
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")  # type: ignore[attr-defined]
        assert response is not None and response.status < 400, f"{path} answered {response and response.status}"
        widths = page.evaluate(WIDTH_JS)
        if widths["scroll"] > NARROW_PHONE["width"] or widths["unnamed_scroll_boxes"]:
            problems.append(f"{path}: {widths}")
    return problems


def professional_pages(case: dict[str, object]) -> list[str]:
    pk = case["household"].pk  # type: ignore[attr-defined]
    return [
        reverse("start"),
        reverse("households:list"),
        reverse("households:detail", kwargs={"pk": pk}),
        reverse("plans:plan", kwargs={"pk": pk}),
        reverse("plans:history", kwargs={"pk": pk}),
        reverse("plans:timeline", kwargs={"pk": pk}),
        reverse("referrals:inbox"),
        reverse("referrals:household", kwargs={"pk": pk}),
        reverse("referrals:detail", kwargs={"referral_pk": case["referral"].pk}),  # type: ignore[attr-defined]
        reverse("directory:list"),
        reverse("directory:detail", kwargs={"service_pk": case["service"].pk}),  # type: ignore[attr-defined]
        reverse("collaboration:household", kwargs={"pk": pk}),
        reverse("collaboration:helpdesk"),
        reverse("collaboration:knowledge_base"),
        reverse("collaboration:barriers"),
        reverse("access:household_log", kwargs={"pk": pk}),
        reverse("assessments:overview", kwargs={"pk": pk}),
        reverse("budget:household", kwargs={"pk": pk}),
    ]


@pytest.fixture
def phone(new_page: Callable[..., Page]) -> Page:
    return new_page(NARROW_PHONE, is_mobile=True, has_touch=True)


def test_the_regisseurs_pages_fit_a_320_px_phone(live_server, phone, phone_case, regisseur):
    log_in(phone, live_server, regisseur)
    assert too_wide(phone, live_server, professional_pages(phone_case)) == []


def test_the_partners_pages_fit_a_320_px_phone(live_server, phone, phone_case, receiver):
    log_in(phone, live_server, receiver)
    pk = phone_case["household"].pk  # type: ignore[attr-defined]
    paths = [
        reverse("start"),
        reverse("households:list"),
        reverse("households:detail", kwargs={"pk": pk}),
        reverse("plans:plan", kwargs={"pk": pk}),
        reverse("referrals:inbox"),
        reverse("referrals:detail", kwargs={"referral_pk": phone_case["referral"].pk}),  # type: ignore[attr-defined]
        reverse("directory:list"),
    ]
    assert too_wide(phone, live_server, paths) == []


def test_the_team_leaders_pages_fit_a_320_px_phone(live_server, phone, phone_case, team_leader):
    log_in(phone, live_server, team_leader)
    paths = [
        reverse("start"),
        reverse("households:list"),
        reverse("households:workflow", kwargs={"pk": phone_case["household"].pk}),  # type: ignore[attr-defined]
        reverse("reports:team"),
        reverse("collaboration:team"),
        reverse("collaboration:escalations"),
        reverse("budget:budgets"),
    ]
    assert too_wide(phone, live_server, paths) == []


def test_the_policy_officers_pages_fit_a_320_px_phone(live_server, phone, phone_case, policy_officer):
    log_in(phone, live_server, policy_officer)
    paths = [reverse("start"), reverse("reports:outcomes"), reverse("referrals:figures"), reverse("directory:list")]
    assert too_wide(phone, live_server, paths) == []


def test_the_privacy_officers_pages_fit_a_320_px_phone(live_server, phone, phone_case):
    privacy_officer = story.member_of(story.partner_organisation("Gemeente Stad"), Role.PRIVACY_OFFICER)
    log_in(phone, live_server, privacy_officer)
    paths = [reverse("start"), reverse("access:log_search"), reverse("access:break_glass_reviews")]
    assert too_wide(phone, live_server, paths) == []


def test_the_staff_pages_fit_a_320_px_phone(live_server, phone, phone_case, functional_admin):
    colleague = factories.wijkteam_member(team=functional_admin.memberships.get().team, full_name="Kees Collega")
    log_in(phone, live_server, functional_admin)
    paths = [
        reverse("staff:accounts"),
        reverse("staff:invite"),
        reverse("staff:account", kwargs={"user_id": colleague.pk}),
    ]
    assert too_wide(phone, live_server, paths) == []


def test_the_portal_pages_fit_a_320_px_phone(settings, live_server, phone, phone_case):
    settings.DIGID_MOCK = True
    phone.goto(f"{live_server.url}{reverse('portal:login')}")
    phone.locator("a[href*='digid']").first.click()
    phone.locator("a[href*='inloggen_bsn']").first.click()  # the development DigiD: log in with a test BSN
    phone.locator("input[name=auth_bsn]").fill(BSN)
    phone.locator("#submit-button").click()
    phone.wait_for_url(re.compile(r"/mijn/$"))
    paths = [
        reverse(f"portal:{name}")
        for name in ("home", "plan", "consents", "access_log", "my_data", "messages", "referrals", "self_assessment")
    ]
    assert too_wide(phone, live_server, paths) == []
