# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The barriers log: counted per kind, organisation, neighbourhood and month for team leaders and policy officers,
never leading back to a household; small counts suppressed for roles without content access; the status and response
visible to the professional who raised it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from eenplan.collaboration.models import Barrier, BarrierKind, BarrierSource, BarrierStatus
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

DESCRIPTION = "De Wmo-regel sluit begeleiding uit zolang er een schuldhulptraject loopt."


def raise_barrier(client, url_name: str = "collaboration:barrier_add", **kwargs) -> object:
    return client.post(
        reverse(url_name, kwargs=kwargs or None),
        {"kind": "regel", "description": DESCRIPTION},
    )


def test_a_barrier_raised_from_a_household_keeps_the_household_out_of_every_overview(
    verified_client, household, team_leader, policy_officer
):
    response = raise_barrier(verified_client, "collaboration:household_barrier_add", pk=household.pk)
    barrier = Barrier.objects.get()
    assert response.status_code == 302
    assert BarrierSource.objects.get(barrier=barrier).household == household
    for overseer in (team_leader, policy_officer):
        client = login_verified(Client(), overseer)
        for url in (
            reverse("collaboration:barrier_overview"),
            reverse("collaboration:barrier", kwargs={"barrier_pk": barrier.pk}),
        ):
            page = client.get(url).content.decode()
            assert DESCRIPTION in page
            assert "De Vries" not in page
            assert f"/huishoudens/{household.pk}/" not in page


def test_a_description_with_personal_data_is_refused_and_nothing_is_stored(verified_client):
    response = verified_client.post(
        reverse("collaboration:barrier_add"), {"kind": "regel", "description": "Mevrouw, 06-12345678, wacht al lang."}
    )
    assert response.status_code == 400 and not Barrier.objects.exists()


def test_counts_below_five_are_hidden_for_a_policy_officer(client, professional, policy_officer):
    for _ in range(3):
        Barrier.objects.create(kind="wachtlijst", description="Wachtlijst GGZ", raised_by=professional)
    for _ in range(6):
        Barrier.objects.create(kind="regel", description="Regel", raised_by=professional)
    login_verified(client, policy_officer)
    tables = client.get(reverse("collaboration:barrier_overview")).context["tables"]
    per_kind = dict(zip(BarrierKind.values, [cell.shown for cell in tables[0].cells], strict=True))
    assert (per_kind["wachtlijst"], per_kind["regel"], per_kind["ict"]) == ("x", "6", "0")


def test_counts_of_organisations_and_neighbourhoods_are_given(client, professional, team_leader):
    organisation = factories.OrganisationFactory(name="Woonstede")
    neighbourhood = factories.NeighbourhoodFactory(name="Noord", code="noord")
    for _ in range(5):
        barrier = Barrier.objects.create(
            kind="wachtlijst", description="Wachtlijst", raised_by=professional, neighbourhood=neighbourhood
        )
        barrier.organisations.add(organisation)
    login_verified(client, team_leader)
    tables = client.get(reverse("collaboration:barrier_overview")).context["tables"]
    assert {c.label: c.shown for c in tables[1].cells} == {"Woonstede": "5"}
    assert {c.label: c.shown for c in tables[2].cells} == {"Noord": "5"}
    assert [c.shown for c in tables[3].cells] == ["5"]


def test_a_professional_without_oversight_does_not_see_the_overview(verified_client):
    assert verified_client.get(reverse("collaboration:barrier_overview")).status_code == 403


def test_the_raiser_sees_the_status_and_response_of_the_team_leader(verified_client, professional, team_leader):
    barrier = Barrier.objects.create(kind="ict", description="Twee systemen", raised_by=professional)
    client = login_verified(Client(), team_leader)
    client.post(
        reverse("collaboration:barrier", kwargs={"barrier_pk": barrier.pk}),
        {"status": "in_behandeling", "response": "Besproken met de gemeente, koppeling komt in maart.", "version": 1},
    )
    barrier.refresh_from_db()
    assert barrier.status == BarrierStatus.WORKING
    page = verified_client.get(reverse("collaboration:barriers")).content.decode()
    assert "koppeling komt in maart" in page


def test_the_raiser_cannot_set_the_status(verified_client, professional):
    barrier = Barrier.objects.create(kind="ict", description="Twee systemen", raised_by=professional)
    response = verified_client.post(
        reverse("collaboration:barrier", kwargs={"barrier_pk": barrier.pk}),
        {"status": "opgelost", "response": "", "version": 1},
    )
    barrier.refresh_from_db()
    assert response.status_code == 403 and barrier.status == BarrierStatus.NEW


def test_a_stale_response_is_a_conflict_and_keeps_the_text(client, professional, team_leader):
    barrier = Barrier.objects.create(kind="ict", description="Twee systemen", raised_by=professional)
    Barrier.objects.filter(pk=barrier.pk).update(version=2)
    login_verified(client, team_leader)
    response = client.post(
        reverse("collaboration:barrier", kwargs={"barrier_pk": barrier.pk}),
        {"status": "erkend", "response": "Mijn reactie", "version": 1},
    )
    assert response.status_code == 409 and "Mijn reactie" in response.content.decode()


def test_the_overview_takes_the_same_number_of_queries_for_more_barriers(client, professional, team_leader, queries_of):
    organisation = factories.OrganisationFactory()

    def add() -> None:
        barrier = Barrier.objects.create(kind="regel", description="Regel", raised_by=professional)
        barrier.organisations.add(organisation)

    add()
    login_verified(client, team_leader)
    few = queries_of(client, reverse("collaboration:barrier_overview"))
    for _ in range(4):
        add()
    assert queries_of(client, reverse("collaboration:barrier_overview")) == few
