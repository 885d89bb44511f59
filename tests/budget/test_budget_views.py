# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Wijkbudget pages through the door: commit from an action, approve above a mandate, pay, release; bad input,
conflicts and the access log."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from eenplan.access.models import AccessLogEntry
from eenplan.budget import services
from eenplan.budget.forms import AMOUNT_ERRORS
from eenplan.budget.models import Commitment, CommitmentState, NeighbourhoodBudget
from tests import access_helpers as story
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


def commit_url(household, wijkbudget_action) -> str:
    return reverse("budget:commit", kwargs={"pk": household.pk, "action_pk": wijkbudget_action.pk})


def typed(budget, amount: str = "450,00", **fields: str) -> dict[str, str]:
    return {
        "budget": str(budget.pk),
        "amount": amount,
        "what_for": "Eerste huur",
        "payee_kind": "leverancier",
        "expected_on": timezone.localdate().isoformat(),
        **fields,
    }


def test_the_commit_form_offers_the_actions_cost(regisseur_client, household, wijkbudget_action, budget):
    response = regisseur_client.get(commit_url(household, wijkbudget_action))
    assert response.status_code == 200
    assert response.context["form"].initial["amount"] == Decimal("450.00")


def test_committing_within_the_mandate_commits_at_once(regisseur_client, household, wijkbudget_action, budget):
    response = regisseur_client.post(commit_url(household, wijkbudget_action), typed(budget))
    assert response.status_code == 302
    assert Commitment.objects.get().state == CommitmentState.TOEGEKEND


def test_committing_is_logged_as_a_creation_once(regisseur_client, household, wijkbudget_action, budget):
    regisseur_client.post(commit_url(household, wijkbudget_action), typed(budget))
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.object_type, entry.household_id) == ("create", "commitment", household.pk)


def test_an_amount_that_is_no_number_is_refused_in_dutch_and_saves_nothing(
    regisseur_client, household, wijkbudget_action, budget
):
    response = regisseur_client.post(
        commit_url(household, wijkbudget_action), typed(budget, amount="veel"), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 400
    with translation.override("nl"):
        message = str(AMOUNT_ERRORS["invalid"])
    assert escape(message) in response.content.decode()
    assert not Commitment.objects.exists()


def test_too_little_left_is_a_conflict_that_keeps_the_typed_text(
    regisseur_client, household, wijkbudget_action, budget
):
    NeighbourhoodBudget.objects.filter(pk=budget.pk).update(amount=Decimal("100.00"))
    response = regisseur_client.post(
        commit_url(household, wijkbudget_action), typed(budget, amount="400,00", what_for="Een bed en een matras")
    )
    assert response.status_code == 409
    assert "Een bed en een matras" in response.content.decode()
    assert not Commitment.objects.exists()


def test_a_partner_may_not_commit(household, wijkbudget_action, budget, regisseur):
    partner_org = story.partner_organisation()
    story.grant_consent(household, partner_org, ["financien"], recorded_by=regisseur)
    partner = login_verified(Client(), story.member_of(partner_org, "partner"))
    response = partner.post(commit_url(household, wijkbudget_action), typed(budget))
    assert response.status_code == 403
    assert not Commitment.objects.exists()


def test_the_team_leader_approves_on_the_decision_page(
    household, wijkbudget_action, budget, regisseur, team_leader, committing
):
    commitment = committing(household, wijkbudget_action, budget, "1200.00", regisseur)
    client = login_verified(Client(), team_leader)
    response = client.post(
        reverse("budget:decide", kwargs={"commitment_pk": commitment.pk}), {"decision": "goedkeuren"}
    )
    assert response.status_code == 302
    assert Commitment.objects.get().state == CommitmentState.TOEGEKEND


def test_the_decision_is_in_the_access_log_with_the_household(
    household, wijkbudget_action, budget, regisseur, team_leader, committing
):
    commitment = committing(household, wijkbudget_action, budget, "1200.00", regisseur)
    client = login_verified(Client(), team_leader)
    client.post(reverse("budget:decide", kwargs={"commitment_pk": commitment.pk}), {"decision": "goedkeuren"})
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.household_id, entry.object_id, entry.justification) == (
        "update",
        household.pk,
        commitment.pk,
        "mandate",
    )


def test_the_requester_cannot_open_their_own_decision_page(household, wijkbudget_action, budget, regisseur, committing):
    commitment = committing(household, wijkbudget_action, budget, "1200.00", regisseur)
    client = login_verified(Client(), regisseur)
    response = client.get(reverse("budget:decide", kwargs={"commitment_pk": commitment.pk}))
    assert response.status_code == 403


def test_a_refusal_without_reason_is_refused_in_dutch(
    household, wijkbudget_action, budget, regisseur, team_leader, committing
):
    commitment = committing(household, wijkbudget_action, budget, "1200.00", regisseur)
    client = login_verified(Client(), team_leader)
    response = client.post(
        reverse("budget:decide", kwargs={"commitment_pk": commitment.pk}),
        {"decision": "weigeren", "reason": ""},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 400
    assert Commitment.objects.get().state == CommitmentState.AANGEVRAAGD


def test_deciding_after_someone_else_did_is_a_conflict(
    household, wijkbudget_action, budget, regisseur, team_leader, budget_holder, committing
):
    commitment = committing(household, wijkbudget_action, budget, "1200.00", regisseur)
    services.decide(commitment, budget_holder, approve=True)
    client = login_verified(Client(), team_leader)
    response = client.post(
        reverse("budget:decide", kwargs={"commitment_pk": commitment.pk}),
        {"decision": "weigeren", "reason": "Te duur voor het wijkbudget"},
    )
    assert response.status_code == 409
    assert "Te duur voor het wijkbudget" in response.content.decode()


def test_marking_paid_records_date_and_reference(
    regisseur_client, household, wijkbudget_action, budget, regisseur, committing
):
    commitment = committing(household, wijkbudget_action, budget, "450.00", regisseur)
    url = reverse("budget:pay", kwargs={"pk": household.pk, "commitment_pk": commitment.pk})
    response = regisseur_client.post(
        url, {"paid_amount": "450,00", "paid_on": timezone.localdate().isoformat(), "reference": "F-2026-0042"}
    )
    assert response.status_code == 302
    paid = Commitment.objects.get()
    assert (paid.state, paid.payment_reference) == (CommitmentState.BETAALD, "F-2026-0042")


def test_releasing_asks_a_reason(regisseur_client, household, wijkbudget_action, budget, regisseur, committing):
    commitment = committing(household, wijkbudget_action, budget, "450.00", regisseur)
    url = reverse("budget:release", kwargs={"pk": household.pk, "commitment_pk": commitment.pk})
    assert regisseur_client.post(url, {"reason": ""}).status_code == 400
    assert regisseur_client.post(url, {"reason": "Niet meer nodig"}).status_code == 302
    assert Commitment.objects.get().state == CommitmentState.VRIJGEGEVEN


def test_the_plan_page_shows_the_households_commitments(
    regisseur_client, household, wijkbudget_action, budget, regisseur, committing
):
    committing(household, wijkbudget_action, budget, "450.00", regisseur, what_for="Eerste huur nieuwe woning")
    response = regisseur_client.get(reverse("plans:plan", kwargs={"pk": household.pk}))
    assert "Eerste huur nieuwe woning" in response.content.decode()


def test_the_plan_page_hides_commitments_from_a_partner_without_consent_for_finances(
    household, wijkbudget_action, budget, regisseur, committing
):
    committing(household, wijkbudget_action, budget, "450.00", regisseur, what_for="Eerste huur nieuwe woning")
    partner_org = story.partner_organisation()
    story.grant_consent(household, partner_org, ["wonen"], recorded_by=regisseur)
    partner = login_verified(Client(), story.member_of(partner_org, "partner"))
    response = partner.get(reverse("plans:plan", kwargs={"pk": household.pk}))
    assert response.status_code == 200
    assert "Eerste huur nieuwe woning" not in response.content.decode()
