# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Helpers for the demo tests: run `seed_demo` as `make run` does, or seed, look and roll back."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.db import transaction

from eenplan.households.models import Household


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def first_household_names_after_seeding(seed_value: int, count: int = 20) -> list[str]:
    """Seed an empty database, note the first households' names, and roll everything back."""
    with transaction.atomic():
        seed("--seed", str(seed_value))
        names = list(Household.objects.order_by("id").values_list("display_name", flat=True)[:count])
        transaction.set_rollback(True)
    return names
