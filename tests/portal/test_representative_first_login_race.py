# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Two first logins of the same representative at the same moment on PostgreSQL: two threads, two connections.

Both look the representative up, wait for each other (a barrier), so both have missed, and then both insert: the
unique constraint lets one through, and the other takes its representative instead of failing (a 500 before).

In a module of its own: pytest-django runs transactional tests after the others, and with `--dist loadfile` a file is
one unit, so a transactional test in a file of ordinary ones would run among them and its flush would leave the
reference data gone for the files after it on the same worker (tests/project/test_test_rules.py)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections
from django.db.models import QuerySet

from eenplan.accounts.models import User
from eenplan.portal import services
from eenplan.portal.models import Representative

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: scripts/with-postgres.sh"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

KVK = "12345678"
ACTING = "pseudonym-of-the-employee@broker"


def test_two_simultaneous_first_logins_of_a_representative_get_the_same_representative_and_one_log_account(
    monkeypatch,
):
    try:
        _race_two_first_logins(monkeypatch)
    finally:
        # The flush after a transactional test truncates every table, which the access log's trigger refuses: as
        # in tests/budget/test_budget_race.py, triggers are off for this session only, until Django closes it.
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")


def _race_two_first_logins(monkeypatch: pytest.MonkeyPatch) -> None:
    users_before = User.objects.count()
    barrier = threading.Barrier(2)
    real_first = QuerySet.first
    per_thread = threading.local()

    def first_then_wait_for_the_other_login(queryset: QuerySet[Any]) -> Any:
        found = real_first(queryset)
        # Only the first lookup of a representative waits: both logins have missed it before either inserts.
        if queryset.model is Representative and not getattr(per_thread, "waited", False):
            per_thread.waited = True
            barrier.wait(timeout=10)
        return found

    monkeypatch.setattr(QuerySet, "first", first_then_wait_for_the_other_login)
    got: list[tuple[int, int]] = []
    failures: list[BaseException] = []

    def first_login() -> None:
        try:
            representative = services.representative_for(KVK, is_rsin=False, acting_subject=ACTING)
            got.append((representative.pk, representative.user_id))
        except BaseException as error:
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first_login) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not failures
    assert len(got) == 2 and got[0] == got[1]
    assert list(Representative.objects.values_list("pk", "user_id")) == [got[0]]
    assert User.objects.count() == users_before + 1
