# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The privacy officer's log: a filter on refusals, and an alert for a user refused many times in a short time."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from eenplan.access import log
from eenplan.access.log import verify_chain
from eenplan.access.models import AccessLogEntry, LogAction
from eenplan.access.views import refusal_alert_settings
from eenplan.accounts.models import Role, User
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

ALERT = "Many refusals in a short time"
# Three refusals within ten minutes, looking back a week: small numbers so a test writes few entries.
alert_settings = override_settings(
    ACCESS_REFUSAL_ALERT_COUNT=3, ACCESS_REFUSAL_ALERT_MINUTES=10, ACCESS_REFUSAL_ALERT_DAYS=7
)


def entry_at(user: User, minutes_ago: float, action: str = LogAction.REFUSED) -> AccessLogEntry:
    """An entry in the log as the door writes it (chained and signed), at a chosen time in the past."""
    membership = user.active_memberships()[0]
    return log.append(
        AccessLogEntry(
            timestamp=timezone.now() - datetime.timedelta(minutes=minutes_ago),
            user=user,
            role=membership.role,
            organisation_id_at_time=membership.organisation_id,
            household_id=None,
            action=action,
            object_type="household",
            object_id=1000 + AccessLogEntry.objects.count(),
            justification="none" if action == LogAction.REFUSED else "team_task",
            request_id=f"test{AccessLogEntry.objects.count()}",
        )
    )


def refused(user: User, *minutes_ago: float) -> None:
    for minutes in minutes_ago:
        entry_at(user, minutes)


@pytest.fixture
def walker() -> User:
    team = factories.TeamFactory(organisation=factories.OrganisationFactory(name="Wijkteam Noord"))
    return factories.wijkteam_member(team=team, full_name="Walter Wandelaar")


def log_page(officer: Client, **query: str) -> str:
    response = officer.get(reverse("access:log_search"), query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def alert_of(page: str) -> str:
    """The alert's markup, or "" when the page shows none."""
    start = page.find('<div class="utrecht-alert utrecht-alert--warning"')
    return page[start : page.index("</table>", start)] if start >= 0 else ""


# -- the filter --------------------------------------------------------------------------------------------------------


def test_the_filter_shows_only_refusals(officer, walker):
    reader = factories.wijkteam_member(full_name="Rita Reader")
    entry_at(reader, 5, LogAction.VIEW)
    refused(walker, 4)
    page = log_page(officer, geweigerd="on")
    assert "Walter Wandelaar" in page and "Rita Reader" not in page


def test_without_the_filter_views_and_refusals_are_both_listed(officer, walker):
    reader = factories.wijkteam_member(full_name="Rita Reader")
    entry_at(reader, 5, LogAction.VIEW)
    refused(walker, 4)
    page = log_page(officer)
    assert "Walter Wandelaar" in page and "Rita Reader" in page


def test_a_refusal_reads_as_refused_with_no_justification(officer, walker):
    refused(walker, 1)
    page = log_page(officer, geweigerd="on")
    assert "refused" in page and "None: the request was refused" in page


# -- the alert ---------------------------------------------------------------------------------------------------------


@alert_settings
def test_many_refusals_in_a_short_time_raise_an_alert_naming_the_user(officer, walker):
    refused(walker, 9, 5, 1)
    alert = alert_of(log_page(officer))
    assert ALERT in alert
    assert "Walter Wandelaar" in alert and "Wijkteam Noord" in alert
    assert "Neighbourhood team member" in alert  # the role in words
    assert "<td>3</td>" in alert


@alert_settings
def test_the_alert_shows_the_first_and_the_last_refusal(officer, walker):
    refused(walker, 9, 5, 1)
    times = list(AccessLogEntry.objects.order_by("timestamp").values_list("timestamp", flat=True))
    alert = alert_of(log_page(officer))
    local = [timezone.localtime(t).strftime("%H:%M:%S") for t in (times[0], times[-1])]
    assert all(time in alert for time in local)


@alert_settings
def test_as_many_refusals_spread_over_a_longer_time_raise_no_alert(officer, walker):
    refused(walker, 40, 25, 10)  # three refusals, but never three within ten minutes
    assert alert_of(log_page(officer)) == ""


@alert_settings
def test_fewer_refusals_than_the_threshold_raise_no_alert(officer, walker):
    refused(walker, 2, 1)
    assert alert_of(log_page(officer)) == ""


@alert_settings
def test_looks_that_were_allowed_raise_no_alert(officer, walker):
    for minutes in (3, 2, 1):
        entry_at(walker, minutes, LogAction.VIEW)
    assert alert_of(log_page(officer)) == ""


@alert_settings
def test_a_burst_of_yesterday_night_still_alerts_the_officer_this_morning(officer, walker):
    refused(walker, 60 * 14 + 3, 60 * 14 + 2, 60 * 14)
    assert "Walter Wandelaar" in alert_of(log_page(officer))


@alert_settings
def test_a_burst_older_than_the_period_looked_back_over_raises_no_alert(officer, walker):
    eight_days = 60 * 24 * 8
    refused(walker, eight_days + 2, eight_days + 1, eight_days)
    assert alert_of(log_page(officer)) == ""


@alert_settings
def test_an_officer_of_a_partner_is_alerted_only_about_their_own_organisation(walker):
    partner_org = story.partner_organisation("Schuldhulp Samen")
    partner = story.member_of(partner_org, Role.PARTNER_PROFESSIONAL)
    partner.full_name = "Paula Partner"
    partner.save()
    refused(walker, 3, 2, 1)
    refused(partner, 3, 2, 1)
    partner_officer = login_verified(Client(), story.member_of(partner_org, Role.PRIVACY_OFFICER))
    alert = alert_of(log_page(partner_officer))
    assert "Paula Partner" in alert and "Walter Wandelaar" not in alert


def test_the_default_is_ten_refusals_within_ten_minutes_looking_back_a_week():
    assert refusal_alert_settings() == (10, 10, 7)


@alert_settings
def test_the_alert_costs_the_same_queries_for_one_user_or_many(officer, walker):
    refused(walker, 3, 2, 1)
    log_page(officer)  # the session is fresh afterwards
    with CaptureQueriesContext(connection) as one:
        page = log_page(officer)
    assert page.count("geweigerd=on") >= 1
    for index in range(4):
        other = factories.wijkteam_member(
            team=factories.TeamFactory(organisation=factories.OrganisationFactory(name=f"Org {index}")),
            full_name=f"Wandelaar {index}",
        )
        refused(other, 3, 2, 1)
    with CaptureQueriesContext(connection) as many:
        page = log_page(officer)
    assert all(f"Wandelaar {index}" in alert_of(page) for index in range(4))
    assert len(many) == len(one)


@alert_settings
def test_the_entries_written_for_the_alert_tests_form_an_intact_chain(walker):
    refused(walker, 3, 2, 1)
    assert verify_chain().ok
