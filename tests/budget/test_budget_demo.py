# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The demo's wijkbudget: budgets with commitments in every state, and running totals equal to their commitments."""

from __future__ import annotations

import pytest
from django.db.models import Q, Sum

from eenplan.budget.models import Commitment, CommitmentState, NeighbourhoodBudget

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_for_the_module")]


def test_the_demo_has_commitments_in_every_state():
    assert set(Commitment.objects.values_list("state", flat=True)) == set(CommitmentState.values)


def test_the_demo_budgets_totals_equal_their_commitments():
    for budget in NeighbourhoodBudget.objects.all():
        sums = Commitment.objects.filter(budget=budget).aggregate(
            pending=Sum("amount", filter=Q(state=CommitmentState.AANGEVRAAGD)),
            committed=Sum("amount", filter=Q(state=CommitmentState.TOEGEKEND)),
            realised=Sum("paid_amount", filter=Q(state=CommitmentState.BETAALD)),
        )
        assert (budget.pending, budget.committed, budget.realised) == tuple(v or 0 for v in sums.values()), budget


def test_every_demo_commitment_has_its_first_historical_row():
    assert Commitment.history.filter(history_type="+").values("id").distinct().count() == Commitment.objects.count()
