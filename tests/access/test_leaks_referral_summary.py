# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Issue 18, finding 3: a referral shows the receiving organisation what the resident's consent allows TODAY, not
what it allowed when the referral was sent (DESIGN.md §5.11). When the consent is narrowed so that a shared
category is no longer covered, the referral's summary is hidden from the receiver; the referrer keeps seeing it."""

from __future__ import annotations

import pytest
from django.test import Client

from eenplan.referrals import services
from tests import access_helpers as story

pytestmark = pytest.mark.django_db

SUMMARY = "Schulden bij drie schuldeisers, huurachterstand van twee maanden."


@pytest.fixture
def consent_for_finances_and_housing(household, schuldhulp, regisseur):
    """Consent for Financiën and Wonen: narrowing it to Wonen keeps the household visible to the receiver."""
    return story.grant_consent(household, schuldhulp, ["financien", "wonen"], recorded_by=regisseur)


@pytest.fixture
def sent_by_regisseur(household, regisseur_plan, schuldhulp, consent_for_finances_and_housing, regisseur):
    service = story.service_of(schuldhulp, "Schuldhulpverlening", domains=("financien",))
    referral = story.draft_referral(household, service, regisseur, summary=SUMMARY)
    return services.send(referral, regisseur)


def narrow_to_housing(consent_for_finances_and_housing) -> None:
    consent_for_finances_and_housing.categories.set([story.category("basis"), story.category("wonen")])


def detail(client: Client, referral) -> str:
    response = client.get(f"/verwijzingen/{referral.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_receiver_reads_the_summary_while_the_consent_covers_it(sent_by_regisseur, receiver_client):
    assert SUMMARY in detail(receiver_client, sent_by_regisseur)


def test_the_summary_is_hidden_from_the_receiver_once_the_consent_no_longer_covers_finances(
    sent_by_regisseur, consent_for_finances_and_housing, receiver_client
):
    narrow_to_housing(consent_for_finances_and_housing)
    assert SUMMARY not in detail(receiver_client, sent_by_regisseur)


def test_the_summary_is_hidden_from_the_receiver_when_the_finances_consent_is_withdrawn_and_another_remains(
    sent_by_regisseur, consent_for_finances_and_housing, household, schuldhulp, regisseur, receiver_client
):
    story.grant_consent(household, schuldhulp, ["wonen"], recorded_by=regisseur)
    story.withdraw(consent_for_finances_and_housing, regisseur)
    assert SUMMARY not in detail(receiver_client, sent_by_regisseur)


def test_the_referrer_still_reads_the_summary_after_the_consent_is_narrowed(
    sent_by_regisseur, consent_for_finances_and_housing, verified_client
):
    narrow_to_housing(consent_for_finances_and_housing)
    assert SUMMARY in detail(verified_client, sent_by_regisseur)
