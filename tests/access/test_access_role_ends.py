# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Access ends when the role ends (DESIGN.md §5, invariant 9): the rights of a regisseur come from their active
membership of the team that owns the household, not from being named on it. A regisseur who left that team and now
works for a partner organisation is a partner like any other: under consent only, read only."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.access.models import Consent
from eenplan.access.policy import Basis, Operation, decide, visible_households
from eenplan.accounts.models import Membership, Role
from eenplan.households.models import Household
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def moved_regisseur(household, partner_org):
    """The household's regisseur, whose membership of the owning team ended yesterday; now a partner."""
    return story.moved_regisseur(household, partner_org)


def _fresh(user):
    """The same user as a new request sees them (active memberships are cached on the instance)."""
    return type(user).objects.get(pk=user.pk)


def test_a_regisseur_still_in_the_team_keeps_the_household(client, household):
    regisseur = factories.wijkteam_member(team=household.owning_team, role=Role.REGISSEUR)
    Household.objects.filter(pk=household.pk).update(regisseur=regisseur)
    login_verified(client, regisseur)
    assert client.get(reverse("households:detail", kwargs={"pk": household.pk})).status_code == 200


def test_a_regisseur_who_left_the_team_cannot_open_the_household(client, household, moved_regisseur):
    login_verified(client, moved_regisseur)
    assert client.get(reverse("households:detail", kwargs={"pk": household.pk})).status_code == 403


def test_a_regisseur_who_left_the_team_cannot_change_the_household(client, household, moved_regisseur):
    login_verified(client, moved_regisseur)
    response = client.post(
        reverse("households:edit", kwargs={"pk": household.pk}),
        {"street": "Andere straat", "house_number": "9", "postcode": "3512 AB", "city": "Utrecht", "version": 1},
    )
    assert response.status_code == 403
    household.refresh_from_db()
    assert household.street == "Lange Nieuwstraat"


def test_a_regisseur_who_left_the_team_cannot_record_a_consent(client, household, moved_regisseur, partner_org):
    login_verified(client, moved_regisseur)
    response = client.post(
        reverse("access:consent_create", kwargs={"pk": household.pk}),
        {
            "organisation": partner_org.pk,
            "resident": "",
            "categories": [story.category("financien").pk],
            "purpose": "Schulden regelen",
            "valid_from": "2026-01-01",
            "valid_until": "",
            "method": "mondeling",
        },
    )
    assert response.status_code == 403
    assert not Consent.objects.exists()


def test_a_regisseur_who_left_the_team_sees_only_what_the_consent_for_their_new_organisation_gives(
    household, moved_regisseur, partner_org, professional
):
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    reading = decide(_fresh(moved_regisseur), household, Operation.VIEW)
    assert (reading.allowed, reading.basis, reading.categories) == (True, Basis.CONSENT, {"basis", "financien"})
    assert not decide(_fresh(moved_regisseur), household, Operation.CHANGE).allowed
    assert not decide(_fresh(moved_regisseur), household, Operation.MANAGE_CONSENT).allowed


def test_a_regisseur_who_left_the_team_no_longer_finds_the_household(household, moved_regisseur):
    assert household not in visible_households(_fresh(moved_regisseur))


def test_a_regisseur_whose_only_membership_ended_loses_everything(household):
    regisseur = factories.wijkteam_member(team=household.owning_team, role=Role.REGISSEUR)
    Household.objects.filter(pk=household.pk).update(regisseur=regisseur)
    today = timezone.localdate()
    Membership.objects.filter(user=regisseur).update(
        since=today - datetime.timedelta(days=30), until=today - datetime.timedelta(days=1)
    )
    household.refresh_from_db()
    assert not decide(_fresh(regisseur), household, Operation.VIEW).allowed
    assert household not in visible_households(_fresh(regisseur))
