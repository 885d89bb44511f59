# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The shared cast: the people, organisations and plans that tests across the apps tell their stories with.

A pytest plugin (registered in tests/conftest.py), so every test can ask for these by name. Each fixture is defined
once in tests/ (tests/project/test_test_rules.py holds that); a fixture only one app uses lives in that app's
conftest.py. The household itself (`household`: De Vries, with Anna), its `team` and the `professional` are in
tests/conftest.py.
"""

from __future__ import annotations

import pytest
from django.test import Client

from eenplan.accounts.models import Organisation, Role, User
from eenplan.households.models import Resident
from eenplan.plans.models import Action, Plan
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified


@pytest.fixture
def partner_org() -> Organisation:
    """Schuldhulp Samen, a partner organisation outside the wijkteam (debt help)."""
    return story.partner_organisation()


@pytest.fixture
def schuldhulp() -> Organisation:
    """Schuldhulp Samen as the organisation that receives referrals (a separate organisation from `partner_org`)."""
    return story.partner_organisation("Schuldhulp Samen")


@pytest.fixture
def regisseur(team) -> User:
    """Rik Regisseur, a regisseur in `team` (not yet the regisseur of any household)."""
    return factories.wijkteam_member(team=team, role=Role.REGISSEUR, full_name="Rik Regisseur")


@pytest.fixture
def plan_regisseur(household, professional) -> User:
    """The shared `professional` as the regisseur of `household`, with an active plan (started, no goals yet)."""
    from eenplan.plans import services

    services.start_plan(household, by=professional, regisseur=professional)
    return professional


@pytest.fixture
def plan(household, professional) -> Plan:
    """The plan of `household`, made by `professional` (its regisseur): a finances goal with one action."""
    return story.plan_with_goal_and_action(household, professional)


@pytest.fixture
def regisseur_plan(household, regisseur) -> Plan:
    """The plan of `household`, made by `regisseur` (Rik, its regisseur): a finances goal with one action."""
    return story.plan_with_goal_and_action(household, regisseur)


@pytest.fixture
def action(plan) -> Action:
    """The one action of `plan`."""
    return plan.actions.get()


@pytest.fixture
def anna(household) -> Resident:
    """Anna de Vries, the first resident of `household`: the household is named after her."""
    return household.residents.get(first_name="Anna")


@pytest.fixture
def admin_client(functional_admin: User) -> Client:
    """The `functional_admin` logged in (with TOTP) on a client of their own (/beheer/), so a test can have another
    user on `client` beside them."""
    return login_verified(Client(), functional_admin)


@pytest.fixture
def receiver(schuldhulp) -> User:
    """A partner professional of `schuldhulp`: the one who receives and handles the referral."""
    return story.member_of(schuldhulp, Role.PARTNER_PROFESSIONAL)


@pytest.fixture
def receiver_client(receiver: User) -> Client:
    """`receiver` logged in (with TOTP)."""
    return login_verified(Client(), receiver)


@pytest.fixture
def regisseur_client(regisseur: User) -> Client:
    """`regisseur` (Rik) logged in (with TOTP) on a client of his own."""
    return login_verified(Client(), regisseur)


@pytest.fixture
def partner(partner_org) -> User:
    """A partner professional of `partner_org` (Schuldhulp Samen); sees nothing of a household without consent."""
    return story.member_of(partner_org, Role.PARTNER_PROFESSIONAL)


@pytest.fixture
def partner_client(partner: User) -> Client:
    """`partner` logged in (with TOTP)."""
    return login_verified(Client(), partner)


@pytest.fixture
def partner_with_finances_consent(household, partner_org, professional) -> User:
    """A partner professional of `partner_org`, which has the household's consent for Financiën."""
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    return story.member_of(partner_org, Role.PARTNER_PROFESSIONAL)
