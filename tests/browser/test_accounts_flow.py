# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The first week (issue 17) in a real browser: the municipality's functional administrator invites a new
professional, who sets a password and links an authenticator app through the one-time link, logs in and sees the
team's households; the old regisseur hands the household over and is switched off. axe-core on every page."""

from __future__ import annotations

import base64
import re

import pytest
from django.core import mail
from django_otp.oath import totp
from playwright.sync_api import expect

from eenplan.accounts.models import OrganisationType, Role, User
from eenplan.households.models import Household
from tests import factories
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in

NEW_PASSWORD = "blauwe-tram-rijdt-door"


@pytest.fixture
def administrator():
    municipality = factories.OrganisationFactory(name="Gemeente", type=OrganisationType.WERK_EN_INKOMEN)
    user = factories.UserFactory(full_name="Fenna Beheer")
    factories.MembershipFactory(user=user, organisation=municipality, team=None, role=Role.FUNCTIONAL_ADMIN)
    return user


def test_an_invited_professional_takes_over_from_a_leaving_regisseur(new_page, live_server, administrator, team):
    leaving = factories.wijkteam_member(team=team, role=Role.REGISSEUR, full_name="Otto Oud")
    household = factories.HouseholdFactory(owning_team=team, regisseur=leaving, display_name="van Baalen")
    factories.ResidentFactory(household=household, first_name="Bram", name_prefix="van", last_name="Baalen")

    admin = new_page()
    log_in(admin, live_server, administrator)
    admin.goto(f"{live_server.url}/medewerkers/uitnodigen/")
    assert_accessible(admin, "invite form")
    admin.locator("#id_full_name").fill("Nadia Nieuw")
    admin.locator("#id_email").fill("nadia@wijkteam.example")
    admin.locator("#id_organisation").select_option(str(team.organisation_id))
    admin.locator("#id_team").select_option(str(team.pk))
    admin.locator("#id_role").select_option(Role.REGISSEUR)
    with admin.expect_navigation():
        admin.locator("main form button[type=submit]").click()
    assert_accessible(admin, "account page")
    link = re.search(r"https?://\S+/uitnodiging/\S+", mail.outbox[-1].body).group(0)

    newcomer = new_page()
    newcomer.goto(link)
    assert_accessible(newcomer, "invitation")
    newcomer.locator("#id_new_password1").fill(NEW_PASSWORD)
    newcomer.locator("#id_new_password2").fill(NEW_PASSWORD)
    with newcomer.expect_navigation():
        newcomer.locator("main form button[type=submit]").click()
    newcomer.wait_for_url(re.compile(r"/inloggen/code/"))
    assert_accessible(newcomer, "authenticator enrolment")
    secret = newcomer.locator("code.ep-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    newcomer.locator("#id_token").fill(f"{totp(key):06d}")
    with newcomer.expect_navigation():
        newcomer.locator("main form button[type=submit]").first.click()
    newcomer.goto(f"{live_server.url}/huishoudens/")
    expect(newcomer.get_by_role("link", name="van Baalen")).to_be_visible()

    nadia = User.objects.get(email="nadia@wijkteam.example")
    admin.goto(f"{live_server.url}/medewerkers/{leaving.pk}/uitschakelen/")
    assert_accessible(admin, "handover and switch off")
    admin.locator(f"#nieuw-{household.pk}").select_option(str(nadia.pk))
    admin.locator(f"#notitie-{household.pk}").fill("Lopende schuldhulp; moeder belt liever 's ochtends.")
    with admin.expect_navigation():
        admin.locator("form.ep-handover button[type=submit]").click()
    assert Household.objects.get(pk=household.pk).regisseur_id == nadia.pk
    admin.locator("#id_reason").fill("Uit dienst per 1 december")
    with admin.expect_navigation():
        admin.locator("main form:not(.ep-handover) button[type=submit]").last.click()
    assert not User.objects.get(pk=leaving.pk).is_active
    assert_accessible(admin, "switched-off account")


def test_after_a_failed_submit_the_error_summary_has_the_focus(page, live_server, administrator):
    log_in(page, live_server, administrator)
    page.goto(f"{live_server.url}/medewerkers/uitnodigen/")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'formulierfouten'")
    assert page.evaluate("document.activeElement.id") == "formulierfouten"


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_skip_link_reads_clearly_when_it_has_the_focus(page, live_server):
    page.goto(f"{live_server.url}/inloggen/")
    page.focus("a.utrecht-skip-link")
    colours = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.className, s.color, s.backgroundColor]; })()"
    )
    assert "utrecht-skip-link" in colours[0]
    assert colours[2].startswith("rgb("), colours  # an opaque background of its own, not what lies beneath it
    light, dark = sorted((_luminance(colours[1]), _luminance(colours[2])), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5, colours
