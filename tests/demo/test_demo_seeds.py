# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`seed_demo` on an empty database: the same seed gives the same households, another seed others; `demo_logins`
before seeding says to seed first. (The demo's content is read in test_demo_data.py, seeded once for that module.)"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from eenplan.households.models import Household
from tests.demo.seeding import first_household_names_after_seeding

pytestmark = pytest.mark.django_db


def test_the_same_seed_gives_the_same_households():
    first_run = first_household_names_after_seeding(7)
    assert len(first_run) == 20
    assert Household.objects.count() == 0
    assert first_household_names_after_seeding(7) == first_run


def test_a_different_seed_gives_different_households():
    assert first_household_names_after_seeding(7) != first_household_names_after_seeding(8)


def test_demo_logins_on_an_empty_database_says_to_seed_first():
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "seed_demo" in out.getvalue()
