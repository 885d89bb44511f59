# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""A representative's first login that loses the race to a simultaneous one (services.representative_for).

The race is simulated: the first lookup misses although the other login's representative is already there, as it
would when the other login inserted and committed between this login's read and its insert. The real race, two
threads on PostgreSQL, is in test_representative_first_login_race.py."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import QuerySet

from eenplan.accounts.models import User
from eenplan.portal import services
from eenplan.portal.models import Representative

pytestmark = pytest.mark.django_db

KVK = "12345678"
ACTING = "pseudonym-of-the-employee@broker"


def first_login_that_lost_the_race(monkeypatch: pytest.MonkeyPatch) -> tuple[Representative, Representative]:
    """The other login's representative, and what this login got, whose first lookup of the representative came
    before the other login's insert (so it missed)."""
    other = services.representative_for(KVK, is_rsin=False, acting_subject=ACTING)
    real_first = QuerySet.first
    missed: list[bool] = []

    def first_before_the_other_login_committed(queryset: QuerySet[Any]) -> Any:
        if queryset.model is Representative and not missed:
            missed.append(True)
            return None
        return real_first(queryset)

    monkeypatch.setattr(QuerySet, "first", first_before_the_other_login_committed)
    this = services.representative_for(KVK, is_rsin=False, acting_subject=ACTING)
    assert missed
    return other, this


def test_a_first_login_that_lost_the_race_gets_the_representative_the_other_login_made(monkeypatch):
    other, this = first_login_that_lost_the_race(monkeypatch)
    assert (this.pk, this.user_id) == (other.pk, other.user_id)
    assert Representative.objects.count() == 1


def test_a_first_login_that_lost_the_race_leaves_no_log_account_behind(monkeypatch):
    users_before = User.objects.count()
    first_login_that_lost_the_race(monkeypatch)
    assert User.objects.count() == users_before + 1  # the other login's log account only
