# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Two triagers deciding on the same request at once: the decision takes a lock on the request and checks inside it
that the request is still open. The second decision is refused with a clear message and changes nothing: no second
household, no overwritten decision."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.households.models import Household, Resident
from eenplan.intake import views
from eenplan.intake.models import IntakeRequest, RequestStatus
from tests import access_helpers as story

pytestmark = pytest.mark.django_db

ALREADY_HANDLED = "This request has already been handled, perhaps by a colleague just now. Your decision was not saved."


def detail_url(item) -> str:
    return f"/aanmeldingen/{item.pk}/"


@pytest.fixture
def colleague_decides_meanwhile(monkeypatch, sara, colleague, household):
    """The colleague links the request to a household after this triager's page loaded it (still open), before
    this triager's decision takes the lock: the moment two triagers race."""
    real = views.triage_membership

    def membership_while_the_colleague_decides(user, neighbourhood_id):
        IntakeRequest.objects.filter(pk=sara.pk).update(
            status=RequestStatus.ACCEPTED, household=household, decided_by=colleague, decided_at=timezone.now()
        )
        return real(user, neighbourhood_id)

    monkeypatch.setattr(views, "triage_membership", membership_while_the_colleague_decides)


def shown_messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_second_acceptance_racing_the_first_creates_no_household(
    verified_client, sara, team, household, colleague_decides_meanwhile
):
    verified_client.post(detail_url(sara), story.new_household_data(team, handeling="aannemen"))
    assert list(Household.objects.all()) == [household]
    assert not Resident.objects.filter(first_name="Sara").exists()


def test_a_second_acceptance_racing_the_first_leaves_the_first_decision_standing(
    verified_client, sara, team, household, colleague, colleague_decides_meanwhile
):
    verified_client.post(detail_url(sara), story.new_household_data(team, handeling="aannemen"))
    after = IntakeRequest.objects.get(pk=sara.pk)
    assert (after.status, after.household, after.decided_by, after.version) == ("geaccepteerd", household, colleague, 1)


def test_the_second_decision_is_told_clearly_that_it_was_not_saved(
    verified_client, sara, team, colleague_decides_meanwhile
):
    response = verified_client.post(detail_url(sara), story.new_household_data(team, handeling="aannemen"))
    assert response.status_code == 302 and response.url == detail_url(sara)
    assert shown_messages(response) == [_(ALREADY_HANDLED)]


def test_a_decline_racing_an_acceptance_is_refused(verified_client, sara, colleague_decides_meanwhile):
    verified_client.post(detail_url(sara), {"handeling": "afwijzen", "reason": "Doorverwezen naar de huisarts"})
    after = IntakeRequest.objects.get(pk=sara.pk)
    assert (after.status, after.decline_reason) == ("geaccepteerd", "")


def test_a_link_racing_an_acceptance_is_refused(
    verified_client, sara, household, colleague, colleague_decides_meanwhile
):
    verified_client.post(detail_url(sara), {"handeling": "koppelen", "household_number": household.pk})
    after = IntakeRequest.objects.get(pk=sara.pk)
    assert (after.decided_by, after.version) == (colleague, 1)


def test_an_assignment_racing_an_acceptance_is_refused(verified_client, sara, colleague, colleague_decides_meanwhile):
    verified_client.post(detail_url(sara), {"handeling": "toewijzen", "assigned_to": colleague.pk})
    after = IntakeRequest.objects.get(pk=sara.pk)
    assert (after.status, after.assigned_to) == ("geaccepteerd", None)


def test_a_second_acceptance_after_the_first_is_refused_with_the_same_message(verified_client, sara, team):
    verified_client.post(detail_url(sara), story.new_household_data(team, handeling="aannemen"))
    response = verified_client.post(detail_url(sara), story.new_household_data(team, handeling="aannemen"))
    assert Household.objects.count() == 1
    assert _(ALREADY_HANDLED) in shown_messages(response)


# The lock itself: on PostgreSQL the decision reads the request with SELECT ... FOR UPDATE, so a second decision
# waits for the first to commit and then finds the request closed. (SQLite takes the write lock at BEGIN instead:
# settings.py opens every transaction IMMEDIATE.) Two truly concurrent requests cannot be staged here: a
# transactional test would have to truncate the append-only access log, which PostgreSQL refuses.

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")


@on_postgres
@pytest.mark.postgres_only
def test_on_postgres_the_decision_locks_the_requests_row(verified_client, sara, team):
    with CaptureQueriesContext(connection) as queries:
        verified_client.post(detail_url(sara), story.new_household_data(team, handeling="aannemen"))
    locking = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"] and '"intake_intakerequest"' in q["sql"]]
    assert len(locking) == 1
    assert Household.objects.count() == 1
