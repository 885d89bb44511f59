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
from eenplan.budget.models import MandateLevel, NeighbourhoodBudget, PayeeKind, Purpose
from tests import access_helpers as story
from tests import factories


@pytest.fixture
def budget_holder():
    municipality = factories.OrganisationFactory(name="Gemeente", type=OrganisationType.WERK_EN_INKOMEN)
    return story.member_of(municipality, Role.POLICY_OFFICER)


@pytest.fixture
def mandates(team):
    organisation = team.organisation
    for role, limit in ((Role.REGISSEUR, "500"), (Role.WIJKTEAM_MEMBER, "500"), (Role.TEAM_LEADER, "2500")):
        MandateLevel.objects.create(organisation=organisation, role=role, limit=Decimal(limit))


@pytest.fixture
def budget(team, budget_holder, mandates):
    today = timezone.localdate()
    return NeighbourhoodBudget.objects.create(
        name="Wijkbudget Oost",
        team=team,
        year=today.year,
        purpose=Purpose.MAATWERK,
        amount=Decimal("10000.00"),
        owner=budget_holder,
        starts_on=today.replace(month=1, day=1),
        ends_on=today.replace(month=12, day=31),
        warn_percentage=80,
    )


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
