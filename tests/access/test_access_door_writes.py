# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Writes through the door: a read-only page takes no write, and the log says what a write request really did."""

from __future__ import annotations

import pytest
from django.urls import reverse

from eenplan.access.models import AccessLogEntry
from eenplan.households.models import Resident
from tests import access_helpers as story
from tests.access.matrix_urls import URLS
from tests.conftest import login_verified
from tests.url_walk import takes_only_the_household

pytestmark = pytest.mark.django_db

# Read-only pages addressed by the household alone; pages of one row (a conference, a referral) are in the matrix.
READ_ONLY_PAGES = sorted(
    name for name, kind in URLS.items() if kind in {"read", "log"} and takes_only_the_household(name)
)


def resident_edit_url(resident: Resident) -> str:
    return reverse("households:resident_edit", kwargs={"pk": resident.household_id, "resident_pk": resident.pk})


# -- a read-only page takes no write ---------------------------------------------------------------------------------


def test_a_partners_post_to_the_household_page_is_not_allowed(client, household, partner_with_finances_consent):
    login_verified(client, partner_with_finances_consent)
    response = client.post(reverse("households:detail", kwargs={"pk": household.pk}), {"street": "Elders"})
    assert response.status_code == 405


def test_a_refused_post_to_the_household_page_writes_one_refused_entry(
    client, household, partner_with_finances_consent
):
    login_verified(client, partner_with_finances_consent)
    client.post(reverse("households:detail", kwargs={"pk": household.pk}))
    entry = AccessLogEntry.objects.get()  # the refusal, not a look and not a change
    assert (entry.user_id, entry.action, entry.household_id) == (
        partner_with_finances_consent.pk,
        "refused",
        household.pk,
    )


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_write_methods_to_the_household_page_are_not_allowed(
    client, household, partner_with_finances_consent, method
):
    login_verified(client, partner_with_finances_consent)
    response = getattr(client, method)(reverse("households:detail", kwargs={"pk": household.pk}))
    assert response.status_code == 405


@pytest.mark.parametrize("name", READ_ONLY_PAGES)
def test_a_read_only_page_refuses_a_post_even_from_the_regisseur(client, household, regisseur, name):
    story.plan_with_goal_and_action(household, regisseur)
    login_verified(client, regisseur)
    response = client.post(reverse(name, kwargs={"pk": household.pk}))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_a_read_only_page_still_opens_for_a_partner(client, household, partner_with_finances_consent):
    login_verified(client, partner_with_finances_consent)
    assert client.get(reverse("households:detail", kwargs={"pk": household.pk})).status_code == 200


# -- the log says what a write request did ---------------------------------------------------------------------------


def test_a_rejected_change_is_logged_as_a_view_not_an_update(verified_client, household):
    anna = household.residents.get()
    response = verified_client.post(resident_edit_url(anna), story.resident_data(anna, first_name=""))
    assert response.status_code == 400
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.object_type, entry.object_id) == ("view", "resident", anna.pk)


def test_a_rejected_creation_is_logged_as_a_view_not_a_create(verified_client, household):
    response = verified_client.post(
        reverse("households:resident_add", kwargs={"pk": household.pk}), {"first_name": "", "last_name": ""}
    )
    assert response.status_code == 400
    assert AccessLogEntry.objects.get().action == "view"
    assert household.residents.count() == 1


def test_an_edit_conflict_is_logged_as_a_view(verified_client, colleague_client, household):
    anna = household.residents.get()
    colleague_client.post(resident_edit_url(anna), story.resident_data(anna, first_name="Anne"))
    response = verified_client.post(resident_edit_url(anna), story.resident_data(anna, first_name="Annie"))
    assert response.status_code == 409
    assert list(AccessLogEntry.objects.order_by("id").values_list("action", flat=True)) == ["update", "view"]


def test_a_refusal_answered_with_a_redirect_is_logged_as_a_view(client, household, regisseur, colleague):
    """Someone of the team marks another person's action done: refused with a message, nothing changes."""
    plan = story.plan_with_goal_and_action(household, regisseur)
    action = plan.actions.get()
    login_verified(client, colleague)
    response = client.post(reverse("plans:my_action_status", kwargs={"action_pk": action.pk}), {"status": "gedaan"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "open"
    assert AccessLogEntry.objects.order_by("-id").values_list("action", flat=True).first() == "view"


def test_a_change_by_the_owner_of_an_action_is_logged_as_an_update(client, household, regisseur):
    plan = story.plan_with_goal_and_action(household, regisseur)
    action = plan.actions.get()
    login_verified(client, regisseur)
    client.post(reverse("plans:my_action_status", kwargs={"action_pk": action.pk}), {"status": "gedaan"})
    action.refresh_from_db()
    assert action.status == "gedaan"
    assert AccessLogEntry.objects.order_by("-id").values_list("action", flat=True).first() == "update"


def test_an_accepted_creation_is_logged_as_a_create_once(verified_client, household):
    response = verified_client.post(
        reverse("households:resident_add", kwargs={"pk": household.pk}),
        {"first_name": "Sem", "last_name": "Vries", "name_prefix": "de", "date_of_birth": "2015-06-01"},
    )
    assert response.status_code == 302
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.object_type, entry.household_id) == ("create", "resident", household.pk)


def test_a_partners_post_to_a_change_page_is_refused_with_one_refused_entry(
    client, household, partner_with_finances_consent
):
    login_verified(client, partner_with_finances_consent)
    response = client.post(reverse("households:edit", kwargs={"pk": household.pk}), {"street": "Elders"})
    assert response.status_code == 403
    entry = AccessLogEntry.objects.get()  # kept, although the request changed nothing
    assert (entry.user_id, entry.action, entry.object_type) == (
        partner_with_finances_consent.pk,
        "refused",
        "household",
    )
