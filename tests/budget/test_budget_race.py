# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The race for the last euro on PostgreSQL: two professionals, two connections, the same moment.

Both transactions start together (a barrier) and claim the last € 100 of the budget. The conditional UPDATE makes
the second wait for the first one's row lock and then re-check the condition against the committed row: one
succeeds, the other finds too little left, and the budget's totals equal its commitments (nothing lost)."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from eenplan.budget import services
from eenplan.budget.models import Commitment, NeighbourhoodBudget
from tests import access_helpers as story
from tests import factories

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: scripts/with-postgres.sh"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _flush_may_empty_the_access_log(django_db_blocker):
    """The flush after a transactional test truncates every table; the access log's trigger refuses that. As in
    tests/browser/conftest.py: switch triggers off for this session only, which ends when Django closes it."""
    yield
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")


def test_two_commitments_of_the_last_euros_at_once_one_succeeds_and_nothing_is_lost(
    household, wijkbudget_action, budget, regisseur, colleague, committing
):
    """Two households of the team, so that nothing but the budget row stands between the two claims."""
    other = factories.HouseholdFactory(owning_team=household.owning_team, display_name="Jansen")
    other_action = story.plan_with_goal_and_action(other, regisseur).actions.get()
    NeighbourhoodBudget.objects.filter(pk=budget.pk).update(amount=Decimal("100.00"))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def professional(user, role, for_household, for_action):
        try:
            barrier.wait(timeout=10)
            committing(for_household, for_action, budget, "100.00", user, role=role)
            outcomes.append("committed")
        except services.NotEnoughLeft:
            outcomes.append("too little left")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=professional, args=(regisseur, "regisseur", household, wijkbudget_action)),
        threading.Thread(target=professional, args=(colleague, "wijkteam_member", other, other_action)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["committed", "too little left"]
    budget = NeighbourhoodBudget.objects.get(pk=budget.pk)
    assert (budget.committed, budget.left) == (Decimal("100.00"), Decimal("0.00"))
    assert [c.amount for c in Commitment.objects.all()] == [Decimal("100.00")]
