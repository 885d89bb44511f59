# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The sociale kaart's cast: two neighbourhoods, two partner organisations and the coordinator who keeps
Schuldhulp Samen's entries up to date."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from eenplan.accounts.models import OrganisationType, Role
from eenplan.directory.models import Service
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified


@pytest.fixture
def noord():
    return factories.NeighbourhoodFactory(name="Noord", code="noord")


@pytest.fixture
def zuid():
    return factories.NeighbourhoodFactory(name="Zuid", code="zuid")


@pytest.fixture
def corporatie():
    return factories.OrganisationFactory(name="Woonstichting Thuis", type=OrganisationType.WONINGCORPORATIE)


@pytest.fixture
def coordinator(schuldhulp):
    """The team leader of Schuldhulp Samen: keeps its entries on the sociale kaart up to date."""
    return story.member_of(schuldhulp, Role.TEAM_LEADER)


@pytest.fixture
def coordinator_client(coordinator) -> Client:
    return login_verified(Client(), coordinator)


def municipal_admin():
    """The municipality's functional administrator (Werk & Inkomen), who keeps the whole sociale kaart."""
    werk_inkomen = factories.OrganisationFactory(
        name="Gemeente — Werk & Inkomen", type=OrganisationType.WERK_EN_INKOMEN
    )
    team = factories.TeamFactory(organisation=werk_inkomen)
    return factories.MembershipFactory(team=team, role=Role.FUNCTIONAL_ADMIN).user


@pytest.fixture
def hsds_kaart() -> dict[str, Any]:
    """Three organisations with twelve services (with the administrator's organisation: 16 records in an export)."""
    services = []
    for number in range(3):
        organisation = factories.OrganisationFactory(name=f"Aanbieder {number}", type=OrganisationType.OVERIG)
        services += [
            Service.objects.create(organisation=organisation, name=f"Dienst {number}-{n}", description="Hulp.")
            for n in range(4)
        ]
    return {"services": services}


@pytest.fixture
def importer_client() -> Client:
    return login_verified(Client(), municipal_admin())
