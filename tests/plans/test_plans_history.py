# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""History is kept (DESIGN.md §4): every saved version of the plan, its goals and its actions, and the history
page says who changed what. The timeline puts journal notes and plan changes in one list, newest first."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from eenplan.plans import services
from eenplan.plans.models import Action, JournalNote
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def fatima_colleague(team):
    return factories.wijkteam_member(team=team, full_name="Fatima El Amrani")


@pytest.fixture
def fatima_client(fatima_colleague) -> Client:
    return login_verified(Client(), fatima_colleague)


def history_url(household) -> str:
    return f"/huishoudens/{household.pk}/plan/geschiedenis/"


def change_status(client: Client, action: Action, status: str, owner=None) -> None:
    data = {
        "description": action.description,
        "goal": action.goal_id or "",
        "owner_kind": action.owner_kind,
        "owner_user": owner.pk if owner is not None else action.owner_user_id,
        "due_date": "",
        "status": status,
        "category": action.category_id,
        "cost": "",
        "funding": "",
        "version": action.version,
    }
    response = client.post(f"/huishoudens/{action.plan.household_id}/plan/acties/{action.pk}/", data)
    assert response.status_code == 302


def action_changes(response) -> list:
    return [c for c in response.context["page"].object_list if c.kind == "action" and c.change == "changed"]


def test_every_save_of_an_action_keeps_a_version(fatima_client, action):
    change_status(fatima_client, action, "bezig")
    assert list(action.history.order_by("history_id").values_list("status", flat=True)) == ["open", "bezig"]


def test_the_history_page_lists_a_status_change_with_the_users_name(fatima_client, household, action):
    change_status(fatima_client, action, "bezig")
    [change] = action_changes(fatima_client.get(history_url(household)))
    assert change.who == "Fatima El Amrani"
    assert change.title == "Aanmelden bij schuldhulp"
    assert [(old, new) for _, old, new in change.fields] == [("Open", "Bezig")]


def test_the_history_page_shows_who_changed_what(fatima_client, household, action):
    change_status(fatima_client, action, "bezig")
    page = fatima_client.get(history_url(household)).content.decode()
    row = next(row for row in page.split("<tr>") if "<del>Open</del>" in row)
    assert "Fatima El Amrani" in row and "Bezig" in row and "Aanmelden bij schuldhulp" in row


def test_the_history_shows_the_newest_change_first(fatima_client, household, action):
    change_status(fatima_client, action, "bezig")
    action.refresh_from_db()
    change_status(fatima_client, action, "gedaan")
    changes = action_changes(fatima_client.get(history_url(household)))
    assert [c.fields[0][2] for c in changes] == ["Gedaan", "Bezig"]


def test_handing_an_action_to_someone_else_shows_both_names_in_the_history(
    fatima_client, household, action, professional, fatima_colleague
):
    change_status(fatima_client, action, action.status, owner=fatima_colleague)
    [change] = action_changes(fatima_client.get(history_url(household)))
    assert [(old, new) for _, old, new in change.fields] == [(professional.full_name, "Fatima El Amrani")]


def test_a_volunteer_marking_an_action_done_appears_in_the_history(fatima_client, household, plan):
    helper = story.volunteer("Sanne Vrijwilliger")
    action = story.add_action(plan, "Boodschappen doen", owner=helper, kind="volunteer")
    login_verified(Client(), helper).post(f"/mijn-acties/{action.pk}/status/", {"status": "gedaan"})
    [change] = action_changes(fatima_client.get(history_url(household)))
    assert (change.who, change.fields[0][1:]) == ("Sanne Vrijwilliger", ("Open", "Gedaan"))


def test_the_agreement_is_in_the_history_of_the_plan(fatima_client, household, plan):
    services.agree(plan, on=timezone.localdate(), method="in_persoon")
    changes = [c for c in fatima_client.get(history_url(household)).context["page"].object_list if c.kind == "plan"]
    assert ("Concept", "Vastgesteld") in {(old, new) for c in changes for _, old, new in c.fields}


def test_the_history_keeps_the_versions_of_a_reopened_plan(fatima_client, household, plan, professional):
    services.agree(plan, on=timezone.localdate(), method="in_persoon")
    services.finish(plan, status="geevalueerd", evaluation="Half bereikt")
    services.reopen(plan, by=professional)
    changes = fatima_client.get(history_url(household)).context["page"].object_list
    created = [c.title for c in changes if c.kind == "plan" and c.change == "created"]
    assert len(created) == 2 and created[0] != created[1]


# The timeline


def test_the_timeline_shows_notes_newest_first(fatima_client, household, fatima_colleague):
    today = timezone.localdate()
    for days_ago, text in ((10, "Intakegesprek"), (2, "Huisbezoek"), (5, "Telefoon met schuldhulp")):
        JournalNote.objects.create(
            household=household,
            category=story.category("basis"),
            text=text,
            author=fatima_colleague,
            happened_on=today - datetime.timedelta(days=days_ago),
        )
    entries = fatima_client.get(f"/huishoudens/{household.pk}/tijdlijn/").context["page"].object_list
    assert [e.text for e in entries if e.kind == "note"] == ["Huisbezoek", "Telefoon met schuldhulp", "Intakegesprek"]


def test_the_timeline_shows_who_wrote_a_note(fatima_client, household, fatima_colleague):
    JournalNote.objects.create(
        household=household, category=story.category("basis"), text="Huisbezoek", author=fatima_colleague
    )
    entries = fatima_client.get(f"/huishoudens/{household.pk}/tijdlijn/").context["page"].object_list
    assert [(e.text, e.who) for e in entries if e.kind == "note"] == [("Huisbezoek", "Fatima El Amrani")]


def test_the_timeline_shows_changes_to_the_plan(fatima_client, household, action):
    change_status(fatima_client, action, "bezig")
    entries = fatima_client.get(f"/huishoudens/{household.pk}/tijdlijn/").context["page"].object_list
    assert ("action", "Aanmelden bij schuldhulp", "Fatima El Amrani") in {(e.kind, e.title, e.who) for e in entries}
