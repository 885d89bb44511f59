# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Committing from a wijkbudget: mandate boundaries, four eyes, refusal, payment, release and no overspend."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone

from eenplan.budget import services
from eenplan.budget.models import Commitment, CommitmentState, NeighbourhoodBudget
from eenplan.plans.models import Action

pytestmark = pytest.mark.django_db


def fresh(budget: NeighbourhoodBudget) -> NeighbourhoodBudget:
    return NeighbourhoodBudget.objects.get(pk=budget.pk)


def test_exactly_at_the_mandate_is_committed_at_once(household, wijkbudget_action, budget, regisseur, committing):
    commitment = committing(household, wijkbudget_action, budget, "500.00", regisseur)
    assert commitment.state == CommitmentState.TOEGEKEND
    assert fresh(budget).committed == Decimal("500.00")


def test_one_cent_above_the_mandate_awaits_approval(household, wijkbudget_action, budget, regisseur, committing):
    commitment = committing(household, wijkbudget_action, budget, "500.01", regisseur)
    assert commitment.state == CommitmentState.AANGEVRAAGD
    assert (fresh(budget).pending, fresh(budget).committed) == (Decimal("500.01"), Decimal("0.00"))


def test_the_mandate_counts_the_households_whole_year(household, wijkbudget_action, budget, regisseur, committing):
    committing(household, wijkbudget_action, budget, "300.00", regisseur)
    second = committing(household, wijkbudget_action, budget, "250.00", regisseur)
    assert second.state == CommitmentState.AANGEVRAAGD
    assert second.year_total == Decimal("550.00")


def test_a_role_without_mandate_level_commits_nothing_alone(
    household, wijkbudget_action, budget, regisseur, committing
):
    commitment = committing(household, wijkbudget_action, budget, "1.00", regisseur, role="partner")
    assert commitment.state == CommitmentState.AANGEVRAAGD


def test_the_team_leader_approves_above_the_professionals_mandate(
    household, wijkbudget_action, budget, regisseur, team_leader, committing
):
    commitment = committing(household, wijkbudget_action, budget, "1200.00", regisseur)
    approved = services.decide(commitment, team_leader, approve=True)
    assert approved.state == CommitmentState.TOEGEKEND and approved.decided_by == team_leader
    assert (fresh(budget).pending, fresh(budget).committed) == (Decimal("0.00"), Decimal("1200.00"))


def test_the_requester_may_not_approve_their_own_commitment(
    household, wijkbudget_action, budget, team_leader, committing
):
    commitment = committing(household, wijkbudget_action, budget, "3000.00", team_leader, role="team_leader")
    with pytest.raises(services.BudgetRefused):
        services.decide(commitment, team_leader, approve=True)


def test_exactly_at_the_team_leaders_mandate_the_team_leader_decides(
    household, wijkbudget_action, budget, regisseur, team_leader, committing
):
    commitment = committing(household, wijkbudget_action, budget, "2500.00", regisseur)
    assert services.may_decide(team_leader, commitment)


def test_above_the_team_leaders_mandate_only_the_budget_holder_decides(
    household, wijkbudget_action, budget, regisseur, team_leader, budget_holder, committing
):
    commitment = committing(household, wijkbudget_action, budget, "2500.01", regisseur)
    assert not services.may_decide(team_leader, commitment)
    assert services.may_decide(budget_holder, commitment)


def test_the_approvers_are_told_and_the_requester_is_not(
    household, wijkbudget_action, budget, regisseur, team_leader, budget_holder, committing
):
    commitment = committing(household, wijkbudget_action, budget, "800.00", regisseur)
    assert set(services.approvers(commitment)) == {team_leader, budget_holder}


def test_a_refusal_needs_a_reason(household, wijkbudget_action, budget, regisseur, team_leader, committing):
    commitment = committing(household, wijkbudget_action, budget, "800.00", regisseur)
    with pytest.raises(services.BudgetRefused):
        services.decide(commitment, team_leader, approve=False, reason="  ")


def test_a_refusal_gives_the_money_back(household, wijkbudget_action, budget, regisseur, team_leader, committing):
    commitment = committing(household, wijkbudget_action, budget, "800.00", regisseur)
    services.decide(commitment, team_leader, approve=False, reason="Past bij de bijzondere bijstand")
    assert fresh(budget).left == Decimal("10000.00")


def test_a_refusal_keeps_the_action(household, wijkbudget_action, budget, regisseur, team_leader, committing):
    commitment = committing(household, wijkbudget_action, budget, "800.00", regisseur)
    services.decide(commitment, team_leader, approve=False, reason="Past bij de bijzondere bijstand")
    kept = Action.objects.get(pk=wijkbudget_action.pk)
    assert (kept.description, kept.cost, kept.funding, kept.status) == (
        wijkbudget_action.description,
        Decimal("450.00"),
        "wijkbudget",
        "open",
    )


def test_a_second_decision_on_the_same_commitment_is_refused(
    household, wijkbudget_action, budget, regisseur, team_leader, budget_holder, committing
):
    commitment = committing(household, wijkbudget_action, budget, "800.00", regisseur)
    services.decide(commitment, team_leader, approve=True)
    with pytest.raises(services.AlreadyChanged):
        services.decide(commitment, budget_holder, approve=True)
    assert fresh(budget).committed == Decimal("800.00")


def test_a_payment_below_the_commitment_gives_the_rest_back(
    household, wijkbudget_action, budget, regisseur, committing
):
    commitment = committing(household, wijkbudget_action, budget, "450.00", regisseur)
    paid = services.realise(
        commitment, regisseur, paid_amount=Decimal("425.50"), paid_on=timezone.localdate(), reference="F-2026-0042"
    )
    assert paid.state == CommitmentState.BETAALD
    budget = fresh(budget)
    assert (budget.committed, budget.realised, budget.left) == (Decimal("0.00"), Decimal("425.50"), Decimal("9574.50"))


def test_a_payment_above_the_commitment_is_refused(household, wijkbudget_action, budget, regisseur, committing):
    commitment = committing(household, wijkbudget_action, budget, "450.00", regisseur)
    with pytest.raises(services.BudgetRefused):
        services.realise(
            commitment, regisseur, paid_amount=Decimal("450.01"), paid_on=timezone.localdate(), reference="F-1"
        )


def test_a_commitment_awaiting_approval_cannot_be_paid(household, wijkbudget_action, budget, regisseur, committing):
    commitment = committing(household, wijkbudget_action, budget, "900.00", regisseur)
    with pytest.raises(services.AlreadyChanged):
        services.realise(
            commitment, regisseur, paid_amount=Decimal("900.00"), paid_on=timezone.localdate(), reference="F-1"
        )


def test_releasing_a_commitment_gives_the_money_back(household, wijkbudget_action, budget, regisseur, committing):
    commitment = committing(household, wijkbudget_action, budget, "450.00", regisseur)
    services.release(commitment, regisseur, reason="De bewoner regelde het zelf")
    assert fresh(budget).left == Decimal("10000.00")


def test_withdrawing_a_request_gives_the_held_money_back(household, wijkbudget_action, budget, regisseur, committing):
    commitment = committing(household, wijkbudget_action, budget, "900.00", regisseur)
    services.release(commitment, regisseur, reason="Niet meer nodig")
    assert (fresh(budget).pending, fresh(budget).left) == (Decimal("0.00"), Decimal("10000.00"))


def test_a_commitment_larger_than_what_is_left_saves_nothing(
    household, wijkbudget_action, budget, regisseur, committing
):
    NeighbourhoodBudget.objects.filter(pk=budget.pk).update(amount=Decimal("100.00"))
    with pytest.raises(services.NotEnoughLeft):
        committing(household, wijkbudget_action, budget, "100.01", regisseur)
    assert not Commitment.objects.exists()


def test_a_closed_budget_cannot_be_committed_from(household, wijkbudget_action, budget, regisseur, committing):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    NeighbourhoodBudget.objects.filter(pk=budget.pk).update(starts_on=yesterday, ends_on=yesterday)
    with pytest.raises(services.BudgetRefused):
        committing(household, wijkbudget_action, fresh(budget), "10.00", regisseur)


def test_the_last_euros_go_to_one_of_two_who_both_saw_them_free(
    household, wijkbudget_action, budget, regisseur, colleague, committing
):
    """Deterministic on SQLite: both professionals opened the form when € 100 was left (the same budget row in
    memory); the first claim takes it, the second finds too little and nothing of it is saved."""
    NeighbourhoodBudget.objects.filter(pk=budget.pk).update(amount=Decimal("100.00"))
    seen_by_both = fresh(budget)
    committing(household, wijkbudget_action, seen_by_both, "100.00", regisseur)
    with pytest.raises(services.NotEnoughLeft):
        committing(household, wijkbudget_action, seen_by_both, "100.00", colleague, role="wijkteam_member")
    assert Commitment.objects.count() == 1
    assert fresh(budget).left == Decimal("0.00")


def test_the_running_totals_equal_the_commitments(
    household, wijkbudget_action, budget, regisseur, team_leader, committing
):
    committing(household, wijkbudget_action, budget, "200.00", regisseur)
    waiting = committing(household, wijkbudget_action, budget, "700.00", regisseur)
    paid = committing(household, wijkbudget_action, budget, "1000.00", team_leader, role="team_leader")
    services.realise(paid, regisseur, paid_amount=Decimal("990.00"), paid_on=timezone.localdate(), reference="R1")
    budget = fresh(budget)
    by_state = dict(Commitment.objects.values_list("state").annotate(total=Sum("amount")).values_list("state", "total"))
    assert budget.pending == by_state[CommitmentState.AANGEVRAAGD] == waiting.amount
    assert budget.committed == by_state[CommitmentState.TOEGEKEND] == Decimal("200.00")
    assert budget.realised == Decimal("990.00")
