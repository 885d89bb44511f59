# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Bad input on the privacy officer's pages gets a message on the form and never a 500 (DESIGN.md §5.7)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from eenplan.access.models import AccessLogEntry

pytestmark = pytest.mark.django_db

TOO_LARGE = "99999999999999999999"  # more than a 64-bit column holds


def search(officer: Client, **query: str):
    return officer.get(reverse("access:log_search"), query)


def test_a_household_number_too_large_is_refused_on_the_form(officer):
    response = search(officer, huishouden=TOO_LARGE)
    assert response.status_code == 400
    assert response.context["form"].has_error("huishouden", "max_value")


def test_a_household_number_too_large_is_explained_in_words(officer):
    response = officer.get(reverse("access:log_search"), {"huishouden": TOO_LARGE}, HTTP_ACCEPT_LANGUAGE="en")
    assert "No household has a number this large." in response.content.decode()


def test_a_search_with_a_household_number_too_large_is_logged_without_a_household(officer):
    search(officer, huishouden=TOO_LARGE)
    entry = AccessLogEntry.objects.get()
    assert (entry.object_type, entry.household_id) == ("access_log_search", None)


def test_a_superscript_digit_as_household_number_is_refused_on_the_form(officer):
    response = search(officer, huishouden="²")
    assert response.status_code == 400
    assert response.context["form"].has_error("huishouden", "invalid")
    assert AccessLogEntry.objects.get().household_id is None


def test_a_household_number_is_still_logged_as_the_household_searched_for(officer, household):
    assert search(officer, huishouden=str(household.pk)).status_code == 200
    assert AccessLogEntry.objects.get().household_id == household.pk


def test_a_start_date_in_the_year_one_is_refused_on_the_form(officer):
    response = search(officer, van="0001-01-01")
    assert response.status_code == 400
    assert response.context["form"].has_error("van", "out_of_range")


def test_an_end_date_on_the_last_day_of_the_calendar_is_refused_on_the_form(officer):
    response = search(officer, tot="9999-12-31")
    assert response.status_code == 400
    assert response.context["form"].has_error("tot", "out_of_range")


def test_a_date_out_of_range_is_explained_in_words(officer):
    response = officer.get(reverse("access:log_search"), {"tot": "9999-12-31"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Enter a date between 1 January 2000 and 31 December 2100." in response.content.decode()


def test_the_emergency_access_list_ignores_a_household_number_too_large(officer):
    response = officer.get(reverse("access:break_glass_reviews"), {"huishouden": TOO_LARGE})
    assert response.status_code == 200
    assert AccessLogEntry.objects.get().household_id is None


def test_a_page_number_that_is_no_number_shows_the_first_page(officer):
    assert search(officer, pagina="1e400").status_code == 200
    assert officer.get(reverse("access:break_glass_reviews"), {"pagina": TOO_LARGE}).status_code == 200
