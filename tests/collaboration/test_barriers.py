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
    for _ in range(7):
        Barrier.objects.create(kind="ict", description="ICT", raised_by=professional)
    login_verified(client, policy_officer)
    tables = client.get(reverse("collaboration:barrier_overview")).context["tables"]
    per_kind = dict(zip(BarrierKind.values, [cell.shown for cell in tables[0].cells], strict=True))
    assert (per_kind["wachtlijst"], per_kind["ict"], per_kind["samenwerking"]) == ("x", "7", "0")


def test_a_hidden_count_cannot_be_recomputed_from_the_published_total(client, professional, policy_officer):
    """Secondary suppression (lib.disclosure): with the total 9 published, hiding only the 3 would give it away."""
    for _ in range(3):
        Barrier.objects.create(kind="wachtlijst", description="Wachtlijst GGZ", raised_by=professional)
    for _ in range(6):
        Barrier.objects.create(kind="regel", description="Regel", raised_by=professional)
    login_verified(client, policy_officer)
    per_kind = client.get(reverse("collaboration:barrier_overview")).context["tables"][0]
    shown = {cell.key: cell.count for cell in per_kind.cells}
    assert per_kind.total == 9
    assert shown["wachtlijst"] is None and shown["regel"] is None


def test_a_share_is_hidden_when_its_base_is_hidden(client, professional, policy_officer):
    for _ in range(3):
        Barrier.objects.create(kind="regel", description="Regel", raised_by=professional)
    login_verified(client, policy_officer)
    per_kind = client.get(reverse("collaboration:barrier_overview")).context["tables"][0]
    assert per_kind.total is None
    assert all(cell.share is None for cell in per_kind.cells)


def test_a_team_leader_with_a_content_role_sees_every_count(client, professional, team_leader):
    """Whoever may see the households behind the barriers (a role with content access) gets the counts whole."""
    factories.MembershipFactory(user=team_leader, team=team_leader.memberships.first().team)
    Barrier.objects.create(kind="regel", description="Regel", raised_by=professional)
    login_verified(client, team_leader)
    per_kind = client.get(reverse("collaboration:barrier_overview")).context["tables"][0]
    assert {cell.key: cell.count for cell in per_kind.cells}["regel"] == 1


def _list_part(page: str) -> str:
    """The list of barriers below the figures (after its status filter)."""
    return page.split('id="status-filter"', 1)[1]


def test_the_list_gives_no_hidden_count_away_by_kind_neighbourhood_or_month(client, professional, policy_officer):
    """Barrier counts never lead back to a household: the list the overseer works on names, of each barrier, only
    what the figures publish. Counting its rows (or paging through them, or filtering them by status) per kind,
    organisation, neighbourhood or month cannot recover a count shown as "x"."""
    small = factories.NeighbourhoodFactory(name="Zuidrand", code="zuidrand")
    big = factories.NeighbourhoodFactory(name="Centrum", code="centrum")
    rare = factories.OrganisationFactory(name="Stichting Klein")
    for _ in range(2):
        barrier = Barrier.objects.create(kind="ict", description="Twee systemen", raised_by=professional)
        barrier.neighbourhood = small
        barrier.save()
        barrier.organisations.add(rare)
    for _ in range(12):
        Barrier.objects.create(kind="regel", description="Regel", raised_by=professional, neighbourhood=big)
    login_verified(client, policy_officer)
    response = client.get(reverse("collaboration:barrier_overview"))
    figures = response.context["tables"]
    assert {c.label: c.count for c in figures[2].cells}["Zuidrand"] is None
    listed = _list_part(response.content.decode())
    assert "Zuidrand" not in listed and "Centrum" not in listed
    assert "Stichting Klein" not in listed
    rows = list(response.context["page"])
    assert {row.kind_shown for row in rows if row.kind == "ict"} == {None}
    assert not any(row.place_shown for row in rows)
    for status in ("", "nieuw"):
        filtered = client.get(reverse("collaboration:barrier_overview"), {"status": status})
        assert "Zuidrand" not in _list_part(filtered.content.decode())


def test_an_overseer_opening_a_barrier_sees_no_more_than_the_list(client, professional, policy_officer):
    neighbourhood = factories.NeighbourhoodFactory(name="Zuidrand", code="zuidrand")
    barrier = Barrier.objects.create(
        kind="ict", description="Twee systemen", raised_by=professional, neighbourhood=neighbourhood
    )
    login_verified(client, policy_officer)
    response = client.get(reverse("collaboration:barrier", kwargs={"barrier_pk": barrier.pk}))
    assert response.status_code == 200
    assert "Zuidrand" not in response.content.decode()
    assert response.context["barrier"].kind_shown is None


def test_the_professional_who_raised_a_barrier_sees_it_whole(verified_client, professional):
    neighbourhood = factories.NeighbourhoodFactory(name="Zuidrand", code="zuidrand")
    barrier = Barrier.objects.create(
        kind="ict", description="Twee systemen", raised_by=professional, neighbourhood=neighbourhood
    )
    response = verified_client.get(reverse("collaboration:barrier", kwargs={"barrier_pk": barrier.pk}))
    assert "Zuidrand" in response.content.decode()
    assert response.context["barrier"].kind_shown


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
