# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The wijkbudget's cast: Wijkteam Oost with a regisseur, a colleague and a team leader; the municipality's budget
holder; a budget of € 10.000 for tailored help; mandate levels of € 500 (professionals) and € 2.500 (team leader);
and the De Vries household, whose plan has an action with a cost paid from the wijkbudget (`wijkbudget_action`).
The regisseur (`regisseur`, Rik) and his plan (`regisseur_plan`) are in tests/cast.py, the team leader in
tests/conftest.py."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from eenplan.accounts.models import OrganisationType, Role
from eenplan.budget import services
from eenplan.budget.models import PayeeKind
from tests import access_helpers as story
from tests import factories


@pytest.fixture
def budget_holder():
    municipality = factories.OrganisationFactory(name="Gemeente", type=OrganisationType.WERK_EN_INKOMEN)
    return story.member_of(municipality, Role.POLICY_OFFICER)


@pytest.fixture
def mandates(team):
    story.budget_mandates(team.organisation)


@pytest.fixture
def budget(team, budget_holder, mandates):
    return story.wijkbudget_oost(team, budget_holder)


@pytest.fixture
def wijkbudget_action(regisseur_plan):
    """The one action of `regisseur_plan`, costing € 450 paid from the wijkbudget."""
    action = regisseur_plan.actions.get()
    action.cost = Decimal("450.00")
    action.funding = "wijkbudget"
    action.save()
    return action


def commit(household, action, budget, amount, by, role=Role.REGISSEUR, **fields):
    """Commit as the given professional, acting in the given role of the owning team's organisation."""
    values = {
        "what_for": "Eerste huur",
        "payee_kind": PayeeKind.SUPPLIER,
        "expected_on": timezone.localdate() + datetime.timedelta(days=14),
        **fields,
    }
    return services.commit(
        household=household,
        action=action,
        budget=budget,
        amount=Decimal(amount),
        by=by,
        role=role,
        organisation_id=household.owning_team.organisation_id,
        **values,
    )


@pytest.fixture
def committing():
    return commit
