# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Denied attempts are logged: a refused request on household data writes one entry (who, what, refused).

A privacy officer can then see someone walking through household numbers (docs/privacy.md, "Refusals").
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eenplan.access.log import verify_chain
from eenplan.access.models import AccessLogEntry, LogAction
from eenplan.accounts.models import Role
from eenplan.households.models import Household
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

UNKNOWN = 987654  # no household, action or referral has this id in these tests


def test_a_refused_household_page_writes_one_refused_entry(outsider_client, outsider, household):
    response = outsider_client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    assert response.status_code == 403
    entry = AccessLogEntry.objects.get()
    membership = outsider.active_memberships()[0]
    assert (entry.action, entry.justification, entry.user_id) == (LogAction.REFUSED, "none", outsider.pk)
    assert (entry.household_id, entry.object_type, entry.object_id) == (household.pk, "household", household.pk)
    assert (entry.role, entry.organisation_id_at_time) == (membership.role, membership.organisation_id)
    assert not entry.break_glass


def test_a_refused_page_about_a_row_logs_the_row_as_asked(outsider_client, household):
    resident = household.residents.get()
    url = reverse("households:resident_edit", kwargs={"pk": household.pk, "resident_pk": resident.pk})
    assert outsider_client.get(url).status_code == 403
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.household_id, entry.object_type, entry.object_id) == (
        LogAction.REFUSED,
        household.pk,
        "resident",
        resident.pk,
    )


def test_an_unknown_household_is_logged_as_refused_without_a_household(outsider_client):
    response = outsider_client.get(reverse("households:detail", kwargs={"pk": UNKNOWN}))
    assert response.status_code == 403  # as a household the user may not see (test_access_unknown_or_forbidden)
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.household_id, entry.object_type, entry.object_id) == (
        LogAction.REFUSED,
        None,
        "household",
        UNKNOWN,
    )


def test_a_refused_write_keeps_its_entry_and_changes_nothing(outsider_client, household):
    response = outsider_client.post(
        reverse("households:edit", kwargs={"pk": household.pk}),
        {"street": "Andere straat", "house_number": "1", "postcode": "3511 AA", "city": "Utrecht", "version": 1},
    )
    assert response.status_code == 403
    assert Household.objects.get(pk=household.pk).street == household.street
    entry = AccessLogEntry.objects.get()  # written, not rolled back with the refused write
    assert (entry.action, entry.household_id) == (LogAction.REFUSED, household.pk)


def test_a_write_to_a_read_only_page_is_logged_as_refused(verified_client, professional, household):
    response = verified_client.post(reverse("households:detail", kwargs={"pk": household.pk}), {})
    assert response.status_code == 405
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.user_id, entry.household_id, entry.object_type) == (
        LogAction.REFUSED,
        professional.pk,
        household.pk,
        "household",
    )


def test_a_write_to_a_read_only_page_of_an_unknown_household_names_no_household(verified_client):
    response = verified_client.post(reverse("households:detail", kwargs={"pk": UNKNOWN}), {})
    assert response.status_code == 405
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.household_id, entry.object_id) == (LogAction.REFUSED, None, UNKNOWN)


def test_a_refused_row_assigned_to_others_is_logged_with_its_household(outsider_client, household, professional):
    plan = story.plan_with_goal_and_action(household, professional)
    action = plan.actions.get()
    response = outsider_client.post(reverse("plans:my_action_status", kwargs={"action_pk": action.pk}), {})
    assert response.status_code == 403
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.household_id, entry.object_type, entry.object_id) == (
        LogAction.REFUSED,
        household.pk,
        "action",
        action.pk,
    )


def test_an_unknown_row_is_refused_like_a_forbidden_one_and_names_no_household(outsider_client):
    response = outsider_client.post(reverse("plans:my_action_status", kwargs={"action_pk": UNKNOWN}), {})
    assert response.status_code == 403
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.household_id, entry.object_type, entry.object_id) == (
        LogAction.REFUSED,
        None,
        "action",
        UNKNOWN,
    )


def test_the_emergency_form_refused_to_a_role_without_it_is_logged(household):
    officer = story.member_of(factories.OrganisationFactory(), Role.POLICY_OFFICER)
    client = login_verified(Client(), officer)
    assert client.get(reverse("access:break_glass", kwargs={"pk": household.pk})).status_code == 403
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.household_id, entry.role) == (LogAction.REFUSED, household.pk, Role.POLICY_OFFICER)


def test_a_refusal_is_one_insert(outsider_client, household):
    with CaptureQueriesContext(connection) as queries:
        outsider_client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    writes = [
        q["sql"]
        for q in queries
        if (q["sql"].startswith("INSERT") and "access_accesslogentry" in q["sql"]) or "access_log_append(" in q["sql"]
    ]
    assert len(writes) == 1


def test_refusals_keep_the_chain_intact(outsider_client, verified_client, household):
    outsider_client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    verified_client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    outsider_client.get(reverse("households:detail", kwargs={"pk": UNKNOWN}))
    assert [e.action for e in AccessLogEntry.objects.order_by("id")] == ["refused", "view", "refused"]
    assert verify_chain().ok


def test_an_anonymous_visitor_is_sent_to_the_login_and_logged_nowhere(client, household):
    response = client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    assert response.status_code == 302
    assert not AccessLogEntry.objects.exists()


def test_an_allowed_page_writes_no_refusal(verified_client, household):
    verified_client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    assert not AccessLogEntry.objects.filter(action=LogAction.REFUSED).exists()


@pytest.fixture
def sent_referral(household, professional):
    story.plan_with_goal_and_action(household, professional)
    return story.referral_to(household, story.partner_organisation(), professional)


def test_a_referral_seen_under_emergency_access_but_without_a_side_is_refused_and_logged(household, sent_referral):
    """Emergency access shows the household, but gives no side in a referral: the door refuses it as a refusal,
    not as a look followed by a 403."""
    outsider = factories.wijkteam_member()
    story.take_break_glass(outsider, household)
    client = login_verified(Client(), outsider)
    response = client.get(reverse("referrals:detail", kwargs={"referral_pk": sent_referral.pk}))
    assert response.status_code == 403
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.household_id, entry.object_type, entry.object_id) == (
        LogAction.REFUSED,
        household.pk,
        "referral",
        sent_referral.pk,
    )


def test_a_write_the_view_refuses_is_rolled_back_and_logged_as_one_refusal(verified_client, sent_referral):
    """The referrer answers as if they were the receiver: the view refuses; nothing is changed, one refusal kept."""
    response = verified_client.post(
        reverse("referrals:move", kwargs={"referral_pk": sent_referral.pk}),
        {"side": "receiver", "to_state": "geaccepteerd", "text": ""},
    )
    assert response.status_code == 403
    sent_referral.refresh_from_db()
    assert sent_referral.state == "verzonden"
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.object_type, entry.object_id) == (LogAction.REFUSED, "referral", sent_referral.pk)
