# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The start page: "Mijn acties" with the overdue ones first, and "Mijn huishoudens" with the next evaluation
date of each household's active plan (DESIGN.md §1, question 1: caseload and overdue actions)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import formats, timezone, translation

from eenplan.accounts.models import Role
from eenplan.plans import services
from eenplan.plans.models import CareTeamMember
from tests import access_helpers as story
from tests import factories

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def in_dutch(day: datetime.date) -> str:
    with translation.override("nl"):
        return formats.date_format(day, "j F Y")


def my_action_descriptions(client) -> list[str]:
    return [a.description for a in client.get("/").context["action_page"].object_list]


def test_overdue_actions_come_first_then_by_due_date_then_without_date(verified_client, started_plan, professional):
    for description, due in (
        ("Over tien dagen", days(10)),
        ("Drie dagen te laat", days(-3)),
        ("Zonder datum", None),
        ("Tien dagen te laat", days(-10)),
        ("Overmorgen", days(2)),
    ):
        story.add_action(started_plan, description, owner=professional, due_date=due)
    assert my_action_descriptions(verified_client) == [
        "Tien dagen te laat",
        "Drie dagen te laat",
        "Overmorgen",
        "Over tien dagen",
        "Zonder datum",
    ]


def test_an_action_due_today_is_not_overdue(verified_client, started_plan, professional):
    story.add_action(started_plan, "Vandaag", owner=professional, due_date=days(0))
    story.add_action(started_plan, "Gisteren", owner=professional, due_date=days(-1))
    assert my_action_descriptions(verified_client) == ["Gisteren", "Vandaag"]


def test_overdue_actions_are_marked_as_overdue(verified_client, started_plan, professional):
    story.add_action(started_plan, "Drie dagen te laat", owner=professional, due_date=days(-3))
    story.add_action(started_plan, "Overmorgen", owner=professional, due_date=days(2))
    page = verified_client.get("/").content.decode()
    marked = [item for item in page.split("<li") if 'class="ep-row-warning"' in item]
    assert len(marked) == 1 and "Drie dagen te laat" in marked[0]


def test_overdue_actions_stay_first_on_the_first_page_of_many(verified_client, started_plan, professional):
    for n in range(12):
        story.add_action(started_plan, f"Op tijd {n}", owner=professional, due_date=days(n + 1))
    story.add_action(started_plan, "Te laat", owner=professional, due_date=days(-1))
    assert my_action_descriptions(verified_client)[0] == "Te laat"
    assert len(verified_client.get("/?acties=2").context["action_page"].object_list) == 3


def test_only_open_actions_are_listed(verified_client, started_plan, professional):
    for status in ("open", "bezig", "gedaan", "vervallen"):
        story.add_action(started_plan, f"Actie {status}", owner=professional, status=status)
    assert sorted(my_action_descriptions(verified_client)) == ["Actie bezig", "Actie open"]


def test_only_my_own_actions_are_listed(verified_client, started_plan, professional, colleague):
    story.add_action(started_plan, "Mijn actie", owner=professional)
    story.add_action(started_plan, "Actie van een collega", owner=colleague)
    assert my_action_descriptions(verified_client) == ["Mijn actie"]


def test_actions_of_a_finished_plan_are_not_listed(verified_client, started_plan, professional):
    goal = story.add_goal(started_plan, "financien", "Ik wil rust over geld")
    story.add_action(started_plan, "Oude actie", owner=professional, goal=goal)
    services.agree(started_plan, on=timezone.localdate(), method="in_persoon")
    services.finish(started_plan, status="afgesloten", evaluation="Hulp stopt")
    assert my_action_descriptions(verified_client) == []


def test_the_households_table_shows_the_next_evaluation_date_of_the_active_plan(
    verified_client, started_plan, household
):
    started_plan.evaluation_date = days(30)
    started_plan.save()
    response = verified_client.get("/")
    assert [(h.pk, h.next_evaluation) for h in response.context["households"]] == [(household.pk, days(30))]
    assert in_dutch(days(30)) in response.content.decode()


def test_a_finished_plans_evaluation_date_is_not_the_next_one(verified_client, started_plan, household, professional):
    story.add_goal(started_plan, "financien", "Ik wil rust over geld")
    started_plan.evaluation_date = days(-60)
    started_plan.save()
    services.agree(started_plan, on=timezone.localdate(), method="in_persoon")
    services.finish(started_plan, status="geevalueerd", evaluation="Half bereikt")
    new = services.reopen(started_plan, by=professional)
    new.evaluation_date = days(45)
    new.save()
    [row] = verified_client.get("/").context["households"]
    assert row.next_evaluation == days(45)


def test_a_household_without_a_plan_has_no_evaluation_date(verified_client, household, professional):
    household.regisseur = professional
    household.save()
    [row] = verified_client.get("/").context["households"]
    assert row.pk == household.pk and row.next_evaluation is None


def test_households_with_the_soonest_evaluation_come_first(
    verified_client, started_plan, household, team, professional
):
    started_plan.evaluation_date = days(60)
    started_plan.save()
    sooner = factories.HouseholdFactory(owning_team=team, display_name="Bakker")
    sooner_plan = services.start_plan(sooner, by=professional, regisseur=professional)
    sooner_plan.evaluation_date = days(7)
    sooner_plan.save()
    without = factories.HouseholdFactory(owning_team=team, display_name="Aydin", regisseur=professional)
    assert [h.pk for h in verified_client.get("/").context["households"]] == [sooner.pk, household.pk, without.pk]


def test_households_of_another_team_are_not_listed(verified_client, started_plan, household, other_team_household):
    assert [h.pk for h in verified_client.get("/").context["households"]] == [household.pk]


def test_a_team_household_someone_else_coordinates_is_not_among_my_households(
    verified_client, started_plan, household, team, professional
):
    colleague = factories.wijkteam_member(team=team, role=Role.REGISSEUR)
    theirs = factories.HouseholdFactory(owning_team=team, display_name="Yilmaz")
    services.start_plan(theirs, by=colleague, regisseur=colleague)
    assert [h.pk for h in verified_client.get("/").context["households"]] == [household.pk]


def test_a_household_whose_care_team_i_am_in_is_among_my_households(verified_client, team, professional):
    colleague = factories.wijkteam_member(team=team, role=Role.REGISSEUR)
    theirs = factories.HouseholdFactory(owning_team=team, display_name="Yilmaz")
    services.start_plan(theirs, by=colleague, regisseur=colleague)
    CareTeamMember.objects.create(
        household=theirs, user=professional, organisation=team.organisation, role="Jongerenwerker"
    )
    assert [h.pk for h in verified_client.get("/").context["households"]] == [theirs.pk]


def test_a_care_team_part_that_has_ended_no_longer_counts(verified_client, team, professional):
    colleague = factories.wijkteam_member(team=team, role=Role.REGISSEUR)
    theirs = factories.HouseholdFactory(owning_team=team, display_name="Yilmaz")
    services.start_plan(theirs, by=colleague, regisseur=colleague)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    CareTeamMember.objects.create(
        household=theirs,
        user=professional,
        organisation=team.organisation,
        role="Jongerenwerker",
        since=yesterday - datetime.timedelta(days=30),
        until=yesterday,
    )
    assert list(verified_client.get("/").context["households"]) == []


def test_a_professional_gets_a_link_to_the_plan_from_their_action(
    verified_client, started_plan, household, professional
):
    story.add_action(started_plan, "Mijn actie", owner=professional)
    assert f'href="/huishoudens/{household.pk}/plan/"' in verified_client.get("/").content.decode()


def test_a_professional_marks_their_action_in_progress(verified_client, started_plan, professional):
    action = story.add_action(started_plan, "Mijn actie", owner=professional)
    verified_client.post(f"/mijn-acties/{action.pk}/status/", {"status": "bezig"})
    action.refresh_from_db()
    assert action.status == "bezig"


def test_a_colleague_cannot_mark_my_action_done(colleague_client, started_plan, professional):
    action = story.add_action(started_plan, "Mijn actie", owner=professional)
    colleague_client.post(f"/mijn-acties/{action.pk}/status/", {"status": "gedaan"})
    action.refresh_from_db()
    assert action.status == "open"
