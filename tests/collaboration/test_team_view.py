# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The team leader's view: open escalations, this week's conferences, barriers raised, helpdesk questions waiting."""

from __future__ import annotations

import pytest
from django.urls import reverse

from eenplan.accounts.models import Role
from eenplan.collaboration import services
from eenplan.collaboration.models import Barrier, HelpdeskTopic
from tests import access_helpers as story
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_team(household, plan_regisseur, partner, team_leader):
    mandate = story.escalation_mandate(household.owning_team.organisation, Role.TEAM_LEADER)
    story.escalation_for(household, plan_regisseur, team_leader, mandate)
    story.conference_for(household, plan_regisseur, professionals=(partner,))
    Barrier.objects.create(kind="wachtlijst", description="Wachtlijst beschermd wonen", raised_by=plan_regisseur)
    topic = HelpdeskTopic.objects.get(code="wonen")
    topic.experts.add(team_leader)
    services.ask(
        topic, by=plan_regisseur, title="Urgentie bij huisuitzetting", question="Wanneer krijgt een gezin urgentie?"
    )


def test_the_team_leader_sees_escalations_conferences_barriers_and_waiting_questions(
    client, busy_team, team_leader, queries_of
):
    login_verified(client, team_leader)
    response = client.get(reverse("collaboration:team"))
    context = response.context
    assert response.status_code == 200
    assert context["escalations"].paginator.count == 1
    assert context["barriers"].paginator.count == 1
    assert context["questions"].paginator.count == 1
    assert context["conferences"].paginator.count in (0, 1)  # in two days: this week unless the week ends first


def test_the_team_view_shows_no_escalation_content(client, busy_team, team_leader):
    login_verified(client, team_leader)
    page = client.get(reverse("collaboration:team")).content.decode()
    assert "Wachtlijst schuldhulp vier maanden" not in page


def test_a_professional_who_leads_no_team_is_refused(verified_client):
    assert verified_client.get(reverse("collaboration:team")).status_code == 403


def test_the_team_view_takes_the_same_number_of_queries_for_more_work(
    client, busy_team, household, plan_regisseur, team_leader, queries_of
):
    login_verified(client, team_leader)
    few = queries_of(client, reverse("collaboration:team"))
    mandate = story.escalation_mandate(household.owning_team.organisation, Role.TEAM_LEADER, level=2)
    for _ in range(3):
        story.escalation_for(household, plan_regisseur, team_leader, mandate)
        Barrier.objects.create(kind="ict", description="Dubbele registratie", raised_by=plan_regisseur)
    assert queries_of(client, reverse("collaboration:team")) == few


def test_the_team_view_names_a_barriers_kind_only_where_its_count_is_shown(client, busy_team, team_leader):
    """One waiting-list barrier: its kind's count (1) is hidden in the overview, so the team's list does not name it."""
    login_verified(client, team_leader)
    barriers = list(client.get(reverse("collaboration:team")).context["barriers"])
    assert [barrier.kind_shown for barrier in barriers] == [None]
