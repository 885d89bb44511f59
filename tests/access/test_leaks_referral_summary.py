"""Issue 18, finding 3: a referral shows the receiving organisation what the resident's consent allows TODAY, not
what it allowed when the referral was sent (DESIGN.md §5.11). When the consent is narrowed so that a shared
category is no longer covered, the referral's summary is hidden from the receiver; the referrer keeps seeing it."""

from __future__ import annotations

import pytest
from django.test import Client

from eenplan.accounts.models import Role
from eenplan.referrals import services
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

SUMMARY = "Schulden bij drie schuldeisers, huurachterstand van twee maanden."


@pytest.fixture
def regisseur(team):
    return factories.wijkteam_member(team=team, role=Role.REGISSEUR)


@pytest.fixture
def plan(household, regisseur):
    return story.plan_with_goal_and_action(household, regisseur)


@pytest.fixture
def schuldhulp():
    return story.partner_organisation("Schuldhulp Samen")


@pytest.fixture
def consent(household, schuldhulp, regisseur):
    """Consent for Financiën and Wonen: narrowing it to Wonen keeps the household visible to the receiver."""
    return story.grant_consent(household, schuldhulp, ["financien", "wonen"], recorded_by=regisseur)


@pytest.fixture
def sent(household, plan, schuldhulp, consent, regisseur):
    service = story.service_of(schuldhulp, "Schuldhulpverlening", domains=("financien",))
    referral = story.draft_referral(household, service, regisseur, summary=SUMMARY)
    return services.send(referral, regisseur)


@pytest.fixture
def receiver_client(schuldhulp) -> Client:
    return login_verified(Client(), story.member_of(schuldhulp, Role.PARTNER_PROFESSIONAL))


def narrow_to_housing(consent) -> None:
    consent.categories.set([story.category("basis"), story.category("wonen")])


def detail(client: Client, referral) -> str:
    response = client.get(f"/verwijzingen/{referral.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_receiver_reads_the_summary_while_the_consent_covers_it(sent, receiver_client):
    assert SUMMARY in detail(receiver_client, sent)


def test_the_summary_is_hidden_from_the_receiver_once_the_consent_no_longer_covers_finances(
    sent, consent, receiver_client
):
    narrow_to_housing(consent)
    assert SUMMARY not in detail(receiver_client, sent)


def test_the_summary_is_hidden_from_the_receiver_when_the_finances_consent_is_withdrawn_and_another_remains(
    sent, consent, household, schuldhulp, regisseur, receiver_client
):
    story.grant_consent(household, schuldhulp, ["wonen"], recorded_by=regisseur)
    story.withdraw(consent, regisseur)
    assert SUMMARY not in detail(receiver_client, sent)


def test_the_referrer_still_reads_the_summary_after_the_consent_is_narrowed(sent, consent, verified_client):
    narrow_to_housing(consent)
    assert SUMMARY in detail(verified_client, sent)
