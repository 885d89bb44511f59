# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""A closed-loop referral across two organisations, in a real browser.

The regisseur of a wijkteam refers a plan action to a debt-help service; without the resident's consent the
referral is refused with the reason on the page and nothing is stored. After recording the consent the referral
goes out; the partner professional receives it in their inbox, accepts it, works on it and completes it with an
outcome; the regisseur sees the outcome, the partner in "wie doet wat", the events on the timeline and the
notifications.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from eenplan.access.models import Consent
from eenplan.directory.models import Service, ServiceDomain
from eenplan.notifications.models import Notification
from eenplan.referrals.models import Referral, ReferralEvent, ReferralState
from tests.browser.axe import assert_accessible
from tests.browser.conftest import DESKTOP, TIMEOUT_MS, category_name, log_in, nl

ACTION = "Aanmelden bij schuldhulp"
SERVICE = "Schuldhulpverlening"
PARTNER_ORGANISATION = "Schuldhulp Samen"
OUTCOME = "Schuldenoverzicht gemaakt; budgetbeheer loopt sinds deze maand."
PURPOSE = "Schulden in beeld brengen en een regeling treffen"


@pytest.fixture
def schuldhulp_service(schuldhulp):
    service = Service.objects.create(
        organisation=schuldhulp,
        name=SERVICE,
        description="Hulp bij schulden: overzicht, budgetbeheer en een schuldregeling.",
        expected_response_days=5,
    )
    ServiceDomain.objects.create(service=service, code="financien")
    return service


def refer_the_action(page: Page, live_server, household) -> None:
    """From the plan page: "Verwijzen" on the action, choose the service, keep the summary, share Financiën, send."""
    page.goto(f"{live_server.url}/huishoudens/{household.pk}/plan/")
    page.get_by_role("link", name=f"{nl('Refer')} {ACTION}", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/huishoudens/{household.pk}/plan/acties/\d+/verwijzen/$"))
    page.get_by_role("radio", name=SERVICE).check()
    expect(page.get_by_role("textbox", name=nl("Summary for the receiver"))).to_have_value(ACTION)
    page.get_by_role("checkbox", name=category_name("financien"), exact=True).check()
    page.get_by_role("button", name=nl("Send referral"), exact=True).click()


def record_consent(page: Page, live_server, household) -> None:
    """On the household page, "Toestemming vastleggen": the partner organisation may see Financiën."""
    page.goto(f"{live_server.url}/huishoudens/{household.pk}/")
    page.locator("#toestemmingen").get_by_role("link", name=nl("Record consent")).click()
    expect(page).to_have_url(re.compile(rf"/huishoudens/{household.pk}/toestemmingen/nieuw/$"))
    page.locator("#id_organisation").select_option(label=PARTNER_ORGANISATION)
    page.get_by_role("checkbox", name=category_name("financien"), exact=True).check()
    page.locator("#id_purpose").fill(PURPOSE)
    page.get_by_role("radio", name=nl("Spoken (in conversation)")).check()
    page.get_by_role("button", name=nl("Save consent")).click()
    expect(page).to_have_url(re.compile(rf"/huishoudens/{household.pk}/$"))
    expect(page.locator(".ep-messages")).to_contain_text(nl("The consent has been recorded."))
    consent_row = page.locator("#toestemmingen tbody tr", has_text=PARTNER_ORGANISATION)
    expect(consent_row).to_contain_text(category_name("financien"))
    expect(consent_row).to_contain_text(PURPOSE)


def move(page: Page, button: str, expected_state: str) -> None:
    page.locator(".ep-move").get_by_role("button", name=button, exact=True).click()
    expect(page.locator("#kop-verwijzing")).to_have_text(expected_state)
    expect(page.locator(".ep-messages")).to_contain_text(expected_state)


def test_a_referral_needs_consent_and_comes_back_with_an_outcome(
    browser: Browser,
    page: Page,
    live_server,
    regisseur,
    yilmaz_household,
    schuldhulp,
    schuldhulp_service,
    bram_schuldhulp,
):
    # The regisseur refers the action; the resident has given the debt-help organisation no consent yet.
    log_in(page, live_server, regisseur)
    refer_the_action(page, live_server, yilmaz_household)

    errors = page.locator("#formulierfouten")
    expect(errors).to_be_visible()
    expect(errors).to_have_attribute("role", "alert")
    expect(errors).to_contain_text(PARTNER_ORGANISATION)
    expect(errors).to_contain_text(category_name("financien"))
    # What was chosen stays in the form.
    expect(page.get_by_role("radio", name=SERVICE)).to_be_checked()
    expect(page.get_by_role("checkbox", name=category_name("financien"), exact=True)).to_be_checked()
    assert not Referral.objects.exists()
    assert not ReferralEvent.objects.exists()
    assert_accessible(page, "the refer form with the consent refusal")

    # The regisseur records the consent and sends the referral again.
    record_consent(page, live_server, yilmaz_household)
    assert Consent.objects.filter(household=yilmaz_household, organisation=schuldhulp).count() == 1
    refer_the_action(page, live_server, yilmaz_household)

    expect(page).to_have_url(re.compile(r"/verwijzingen/\d+/$"))
    referral = Referral.objects.get()
    assert page.url.endswith(f"/verwijzingen/{referral.pk}/")
    expect(page.locator("#kop-verwijzing")).to_have_text(nl("Sent"))
    expect(page.locator(".ep-messages")).to_contain_text(nl("The referral has been sent."))
    assert referral.state == ReferralState.VERZONDEN
    assert referral.to_organisation == schuldhulp
    assert referral.summary == ACTION
    assert set(referral.shared_categories.values_list("code", flat=True)) == {"basis", "financien"}
    assert referral.response_deadline is not None and referral.sent_at is not None
    assert (referral.response_deadline - referral.sent_at).days == 5

    # The partner professional, in their own browser, finds it in the inbox ("Verwijzingen" in the menu).
    partner_context = browser.new_context(locale="nl-NL", viewport=DESKTOP)  # type: ignore[arg-type]
    partner_context.set_default_timeout(TIMEOUT_MS)
    try:
        partner_page = partner_context.new_page()
        log_in(partner_page, live_server, bram_schuldhulp)
        partner_page.locator("header nav").get_by_role("link", name=nl("Referrals"), exact=True).click()
        expect(partner_page).to_have_url(f"{live_server.url}/verwijzingen/")
        row = partner_page.locator("main tbody tr", has_text=SERVICE)
        expect(row).to_have_count(1)
        expect(row).to_contain_text(nl("Sent"))
        expect(row).to_contain_text(yilmaz_household.display_name)
        expect(row).to_contain_text(regisseur.full_name)
        row.get_by_role("link", name=f"#{referral.pk}").click()

        # Opening it marks it received; the receiver's page passes axe-core with its next steps on show.
        expect(partner_page).to_have_url(f"{live_server.url}/verwijzingen/{referral.pk}/")
        expect(partner_page.locator("#kop-verwijzing")).to_have_text(nl("Received"))
        expect(partner_page.locator("main")).to_contain_text(ACTION)
        assert_accessible(partner_page, "the receiver's referral page")

        move(partner_page, nl("Accept"), nl("Accepted"))
        move(partner_page, nl("Start handling"), nl("Being handled"))
        partner_page.get_by_label(nl("Outcome"), exact=True).fill(OUTCOME)
        move(partner_page, nl("Complete"), nl("Completed"))
        expect(partner_page.locator("#kop-stappen")).to_have_count(0)
    finally:
        partner_context.close()

    # The regisseur sees the outcome on the referral page.
    page.reload()
    expect(page.locator("#kop-verwijzing")).to_have_text(nl("Completed"))
    expect(page.locator(".ep-dl")).to_contain_text(OUTCOME)
    history = page.locator("section[aria-labelledby=kop-verloop] .ep-timeline__item")
    expect(history).to_have_count(6)
    expect(history.last).to_contain_text(f"{nl('Completed')}: {OUTCOME}")

    # "Wie doet wat" on the household page now names the partner and their organisation.
    page.get_by_role("link", name=yilmaz_household.display_name, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/huishoudens/{yilmaz_household.pk}/")
    care_team = page.locator("section[aria-labelledby=kop-betrokkenen]")
    expect(care_team).to_contain_text(regisseur.full_name)
    expect(care_team.locator("li", has_text=PARTNER_ORGANISATION)).to_contain_text(
        f"{bram_schuldhulp.full_name}, {PARTNER_ORGANISATION} — {SERVICE}"
    )

    # The timeline shows every step of the referral.
    page.locator("nav.ep-subnav").get_by_role("link", name=nl("Timeline"), exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/huishoudens/{yilmaz_household.pk}/tijdlijn/")
    referral_items = page.locator(".ep-timeline__item--referral")
    with translation.override("nl"):
        titles = [
            translation.gettext("Referral to %(service)s: %(state)s") % {"service": SERVICE, "state": state.label}
            for state in (
                ReferralState.AFGEROND,
                ReferralState.IN_BEHANDELING,
                ReferralState.GEACCEPTEERD,
                ReferralState.ONTVANGEN,
                ReferralState.VERZONDEN,
                ReferralState.CONCEPT,
            )
        ]
    expect(referral_items).to_have_count(len(titles))
    for item, title in zip(referral_items.all(), titles, strict=True):
        expect(item).to_contain_text(title)
    timeline_texts = referral_items.all_inner_texts()

    # The regisseur (also the referrer) was told in the app about every answer of the receiver.
    link = f"/verwijzingen/{referral.pk}/"
    with translation.override("nl"):
        expected = {
            translation.gettext("Referral #%(id)s to %(service)s is now: %(state)s.")
            % {"id": referral.pk, "service": SERVICE, "state": state.label}
            for state in (ReferralState.GEACCEPTEERD, ReferralState.IN_BEHANDELING, ReferralState.AFGEROND)
        }
    told = Notification.objects.filter(user=regisseur, link=link)
    assert sorted(told.values_list("message", flat=True)) == sorted(expected)
    assert Notification.objects.filter(user=bram_schuldhulp, link=link).count() == 1
    referral.refresh_from_db()
    assert referral.state == ReferralState.AFGEROND
    assert referral.outcome == OUTCOME
    assert referral.handled_by == bram_schuldhulp

    # A referral step on the timeline is not a change to an action. (Known bug: plans/timeline.html labels every
    # entry that is not a note, plan or goal as "Actie gewijzigd", so each step reads "Actie gewijzigd: Verwijzing
    # naar …"; this is checked last so that the rest of the loop above is still verified.)
    mislabelled = [text for text in timeline_texts if f"{nl('Action')} {nl('changed')}" in text]
    assert not mislabelled, f"referral steps on the timeline are labelled as action changes: {mislabelled}"
