# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""eenplan.lib: the shared helpers every app uses instead of its own copy."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from eenplan.households.models import Household
from eenplan.lib.forms import form_status
from eenplan.lib.requests import authenticated_user
from eenplan.lib.versioning import claim_version
from tests import factories


def test_an_anonymous_request_has_no_authenticated_user():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        authenticated_user(request)


@pytest.mark.django_db
def test_a_signed_in_request_gives_its_user():
    user = factories.UserFactory()
    request = RequestFactory().get("/")
    request.user = user
    assert authenticated_user(request) == user


@pytest.mark.django_db
def test_claiming_the_opened_version_bumps_it_in_the_row_and_the_instance(household):
    assert claim_version(household, household.version)
    assert Household.objects.get(pk=household.pk).version == household.version == 2


@pytest.mark.django_db
def test_a_stale_version_claims_nothing(household):
    Household.objects.filter(pk=household.pk).update(version=5)
    assert not claim_version(household, 4)
    assert Household.objects.get(pk=household.pk).version == 5 and household.version == 1


@pytest.mark.django_db
def test_a_row_outside_the_narrower_set_is_not_claimed(household):
    assert not claim_version(household, household.version, among=Household.objects.none())
    assert Household.objects.get(pk=household.pk).version == 1


@pytest.mark.parametrize(
    ("has_conflict", "errors", "status"),
    [(True, {"__all__": ["conflict"]}, 409), (False, {"name": ["required"]}, 400), (False, {}, 200)],
)
def test_a_form_page_answers_409_on_a_conflict_400_on_errors_else_200(has_conflict, errors, status):
    class Form:
        pass

    form = Form()
    form.has_conflict, form.errors = has_conflict, errors  # type: ignore[attr-defined]
    assert form_status(form) == status
