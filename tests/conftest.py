# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Shared fixtures: logged-in clients that have passed the TOTP step, and a story-like vocabulary."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from eenplan.access import categories
from eenplan.accounts.models import Role, User
from tests import factories

# The shared cast (partner organisations, regisseurs, plans, residents): tests/cast.py.
pytest_plugins = ["tests.cast"]


def login_verified(client: Client, user: User) -> Client:
    """Log the user in with password and TOTP, as the login flow does, without going through the forms."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    assert device is not None, "the user needs a confirmed TOTP device"
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture(scope="module")
def demo_for_the_module(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The demo data as `seed_demo` loads it (DEBUG on, the only place demo data may be made), seeded once for the
    test module and rolled back after its last test, as Django's TestCase.setUpTestData does: each test runs in a
    savepoint inside it, so what a test changes is gone for the next one. Every test of a module that uses it sees
    the demo data, also tests that do not ask for it: a test that needs an empty database belongs in another module.
    """
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def categories_read_afresh():
    """A rolled-back test leaves no category behind in the in-memory copy (eenplan.access.categories)."""
    categories.forget()
    yield
    categories.forget()


@pytest.fixture
def team():
    return factories.TeamFactory()


@pytest.fixture
def professional(team) -> User:
    return factories.wijkteam_member(team=team)


@pytest.fixture
def verified_client(client: Client, professional: User) -> Client:
    return login_verified(client, professional)


@pytest.fixture
def household(team):
    household = factories.HouseholdFactory(owning_team=team, display_name="De Vries")
    factories.ResidentFactory(household=household, first_name="Anna", last_name="Vries", name_prefix="de")
    return household


@pytest.fixture
def centrum():
    """Wijk Centrum: postcodes 3511–3514."""
    neighbourhood = factories.NeighbourhoodFactory(name="Centrum", code="centrum")
    factories.PostcodeRangeFactory(neighbourhood=neighbourhood, start=3511, end=3514)
    return neighbourhood


@pytest.fixture
def other_team_household():
    """A household of a wijkteam team the `professional` is not a member of."""
    return factories.HouseholdFactory(owning_team=factories.TeamFactory(), display_name="Jansen")


@pytest.fixture
def functional_admin() -> User:
    return factories.wijkteam_member(role=Role.FUNCTIONAL_ADMIN)


@pytest.fixture
def colleague(team) -> User:
    """A second professional in the same team as `professional`."""
    return factories.wijkteam_member(team=team)


@pytest.fixture
def colleague_client(colleague: User) -> Client:
    return login_verified(Client(), colleague)


@pytest.fixture
def team_leader(team) -> User:
    """The leader of `team` (workflow, not content)."""
    return factories.wijkteam_member(team=team, role=Role.TEAM_LEADER, full_name="Tara Teamleider")


@pytest.fixture
def policy_officer() -> User:
    """A policy officer of the municipality: aggregates only."""
    from eenplan.accounts.models import OrganisationType
    from tests import access_helpers as story

    return story.member_of(factories.OrganisationFactory(type=OrganisationType.WERK_EN_INKOMEN), Role.POLICY_OFFICER)
