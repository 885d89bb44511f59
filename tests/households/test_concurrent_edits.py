# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Two people editing the same resident never silently overwrite each other (DESIGN.md §5.5): the second save
gets a clear conflict, keeps the typed text and leaves the first save in place."""

from __future__ import annotations

import pytest

from tests import access_helpers as story

pytestmark = pytest.mark.django_db


def edit_url(resident) -> str:
    return f"/huishoudens/{resident.household_id}/bewoners/{resident.pk}/"


def opened_version(response) -> int:
    return response.context["form"]["version"].value()


def test_both_forms_open_on_the_same_version(verified_client, colleague_client, anna):
    first = verified_client.get(edit_url(anna))
    second = colleague_client.get(edit_url(anna))
    assert opened_version(first) == opened_version(second) == 1


def test_the_first_save_wins(verified_client, colleague_client, anna):
    response = verified_client.post(edit_url(anna), story.resident_data(anna, version=1, phone="06 11111111"))
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.phone == "06 11111111"
    assert anna.version == 2


def test_a_save_on_a_stale_version_is_a_conflict(verified_client, colleague_client, anna):
    verified_client.post(edit_url(anna), story.resident_data(anna, version=1, phone="06 11111111"))
    response = colleague_client.post(edit_url(anna), story.resident_data(anna, version=1, phone="06 22222222"))
    assert response.status_code == 409
    codes = [error.code for error in response.context["form"].non_field_errors().as_data()]
    assert codes == ["conflict"]


def test_a_conflict_is_explained_on_the_page(verified_client, colleague_client, anna):
    verified_client.post(edit_url(anna), story.resident_data(anna, version=1, phone="06 11111111"))
    response = colleague_client.post(edit_url(anna), story.resident_data(anna, version=1, phone="06 22222222"))
    page = response.content.decode()
    assert str(response.context["form"].non_field_errors()[0]) in page
    assert 'role="alert"' in page


def test_a_conflict_keeps_the_text_the_second_person_typed(verified_client, colleague_client, anna):
    verified_client.post(edit_url(anna), story.resident_data(anna, version=1, phone="06 11111111"))
    response = colleague_client.post(
        edit_url(anna), story.resident_data(anna, version=1, phone="06 22222222", email="nieuw@example.org")
    )
    page = response.content.decode()
    assert 'value="06 22222222"' in page
    assert 'value="nieuw@example.org"' in page


def test_a_conflict_does_not_overwrite_the_first_save(verified_client, colleague_client, anna):
    verified_client.post(edit_url(anna), story.resident_data(anna, version=1, phone="06 11111111"))
    colleague_client.post(edit_url(anna), story.resident_data(anna, version=1, phone="06 22222222"))
    anna.refresh_from_db()
    assert anna.phone == "06 11111111"
    assert anna.version == 2


def test_after_a_conflict_the_form_can_be_saved_on_the_current_version(verified_client, colleague_client, anna):
    verified_client.post(edit_url(anna), story.resident_data(anna, version=1, phone="06 11111111"))
    colleague_client.post(edit_url(anna), story.resident_data(anna, version=1, phone="06 22222222"))
    reopened = colleague_client.get(edit_url(anna))
    assert opened_version(reopened) == 2
    response = colleague_client.post(edit_url(anna), story.resident_data(anna, version=2, phone="06 22222222"))
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.phone == "06 22222222"
    assert anna.version == 3
