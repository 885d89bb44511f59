# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""A privacy officer of the wijkteam or the municipality oversees everything; one of another organisation oversees
only what users of their own organisation did: their log entries and their emergency accesses."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from eenplan.access.models import BreakGlassAccess
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

WIJKTEAM_USER = "Wendy Wijkteam"
PARTNER_USER = "Piet Partner"


@pytest.fixture
def team_member(household):
    return factories.wijkteam_member(team=household.owning_team, full_name=WIJKTEAM_USER)


@pytest.fixture
def named_partner(household, partner_org, team_member):
    story.grant_consent(household, partner_org, ["financien"], recorded_by=team_member)
    team = factories.TeamFactory(organisation=partner_org)
    return factories.wijkteam_member(team=team, role="partner", full_name=PARTNER_USER)


@pytest.fixture
def both_looked(household, team_member, named_partner):
    """The wijkteam member and the partner each opened the household's page once."""
    for user in (team_member, named_partner):
        login_verified(Client(), user).get(reverse("households:detail", kwargs={"pk": household.pk}))


def officer_of(organisation) -> Client:
    return login_verified(Client(), story.member_of(organisation, "privacy_officer"))


def searched(officer: Client) -> str:
    response = officer.get(reverse("access:log_search"))
    assert response.status_code == 200
    return response.content.decode()


# -- the log search ----------------------------------------------------------------------------------------------------


def test_a_wijkteam_privacy_officer_finds_the_entries_of_every_organisation(household, both_looked):
    page = searched(officer_of(household.owning_team.organisation))
    assert WIJKTEAM_USER in page and PARTNER_USER in page


def test_a_municipal_privacy_officer_finds_the_entries_of_every_organisation(both_looked):
    page = searched(officer_of(factories.OrganisationFactory(type="werk_inkomen")))
    assert WIJKTEAM_USER in page and PARTNER_USER in page


def test_a_partner_privacy_officer_finds_only_the_entries_of_their_own_organisation(partner_org, both_looked):
    page = searched(officer_of(partner_org))
    assert PARTNER_USER in page
    assert WIJKTEAM_USER not in page


def test_a_privacy_officer_of_an_organisation_without_entries_finds_none(both_looked):
    page = searched(officer_of(story.partner_organisation("Woningcorporatie Thuis")))
    assert PARTNER_USER not in page and WIJKTEAM_USER not in page


def test_a_partner_privacy_officer_is_told_the_search_covers_their_organisation(partner_org):
    officer = officer_of(partner_org)
    page = officer.get(reverse("access:log_search"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You see only what users of your own organisation did." in page


# -- who looked at this file -------------------------------------------------------------------------------------------


def test_a_partner_privacy_officer_sees_only_their_organisation_on_the_household_log(
    household, partner_org, both_looked
):
    response = officer_of(partner_org).get(reverse("access:household_log", kwargs={"pk": household.pk}))
    assert response.status_code == 200
    page = response.content.decode()
    assert PARTNER_USER in page and WIJKTEAM_USER not in page


def test_a_wijkteam_privacy_officer_sees_every_organisation_on_the_household_log(household, both_looked):
    officer = officer_of(household.owning_team.organisation)
    page = officer.get(reverse("access:household_log", kwargs={"pk": household.pk})).content.decode()
    assert PARTNER_USER in page and WIJKTEAM_USER in page


def test_the_household_log_names_the_household_to_a_privacy_officer_by_number_only(household, both_looked):
    officer = officer_of(household.owning_team.organisation)
    page = officer.get(reverse("access:household_log", kwargs={"pk": household.pk})).content.decode()
    assert household.display_name not in page
    assert f"#{household.pk}" in page


def test_the_regisseur_still_sees_every_organisation_on_the_household_log(household, both_looked):
    regisseur = factories.wijkteam_member(team=household.owning_team, role="regisseur")
    page = login_verified(Client(), regisseur).get(reverse("access:household_log", kwargs={"pk": household.pk}))
    assert PARTNER_USER in page.content.decode() and WIJKTEAM_USER in page.content.decode()


# -- emergency accesses ------------------------------------------------------------------------------------------------


@pytest.fixture
def two_emergencies(household, partner_org):
    """A wijkteam member of another team and a partner without consent each took emergency access."""
    outsider = factories.wijkteam_member(full_name=WIJKTEAM_USER)
    named_partner = story.member_of(partner_org, "partner")
    named_partner.full_name = PARTNER_USER
    named_partner.save()
    return story.take_break_glass(outsider, household), story.take_break_glass(named_partner, household)


def reviews(officer: Client) -> str:
    response = officer.get(reverse("access:break_glass_reviews"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_municipal_privacy_officer_lists_every_emergency_access(two_emergencies):
    page = reviews(officer_of(factories.OrganisationFactory(type="werk_inkomen")))
    assert WIJKTEAM_USER in page and PARTNER_USER in page


def test_a_partner_privacy_officer_lists_only_their_organisations_emergency_accesses(partner_org, two_emergencies):
    page = reviews(officer_of(partner_org))
    assert PARTNER_USER in page and WIJKTEAM_USER not in page


def test_a_partner_privacy_officer_cannot_open_another_organisations_emergency_access(partner_org, two_emergencies):
    theirs, _ours = two_emergencies
    url = reverse("access:break_glass_review", kwargs={"access_pk": theirs.pk})
    assert officer_of(partner_org).get(url).status_code == 404


def test_a_partner_privacy_officer_cannot_review_another_organisations_emergency_access(partner_org, two_emergencies):
    theirs, _ours = two_emergencies
    url = reverse("access:break_glass_review", kwargs={"access_pk": theirs.pk})
    officer_of(partner_org).post(url, {"review_comment": "Terecht"})
    assert BreakGlassAccess.objects.get(pk=theirs.pk).reviewed_at is None


def test_a_partner_privacy_officer_reviews_their_own_organisations_emergency_access(partner_org, two_emergencies):
    _theirs, ours = two_emergencies
    url = reverse("access:break_glass_review", kwargs={"access_pk": ours.pk})
    assert officer_of(partner_org).post(url, {"review_comment": "Terecht, melding bevestigd"}).status_code == 302
    assert BreakGlassAccess.objects.get(pk=ours.pk).reviewed_at is not None
