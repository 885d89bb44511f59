# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""A professional's memberships are kept between requests, and every change to them counts from the next request:
the cache's key changes with the change (eenplan/accounts/membership_cache.py)."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.db import transaction
from django.test import Client

from eenplan.accounts.models import Membership, OrganisationType, Role, User
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


def next_request_user(user: User) -> User:
    """The user as the next request loads it (the login middleware reads the row afresh)."""
    return User.objects.get(pk=user.pk)


def roles_of(user: User) -> list[str]:
    return [membership.role for membership in next_request_user(user).active_memberships()]


def test_a_later_request_reads_the_memberships_without_a_query(professional, django_assert_num_queries):
    next_request_user(professional).active_memberships()
    user = next_request_user(professional)
    with django_assert_num_queries(0):
        assert [m.role for m in user.active_memberships()] == [Role.WIJKTEAM_MEMBER]


def test_a_given_membership_counts_from_the_next_request(professional, team):
    assert roles_of(professional) == [Role.WIJKTEAM_MEMBER]
    factories.MembershipFactory(user=professional, team=team, role=Role.REGISSEUR)
    assert sorted(roles_of(professional)) == sorted([Role.REGISSEUR, Role.WIJKTEAM_MEMBER])


def test_an_ended_membership_counts_from_the_next_request(professional):
    assert roles_of(professional) == [Role.WIJKTEAM_MEMBER]
    membership = Membership.objects.get(user=professional)
    membership.since = datetime.date(2020, 1, 1)
    membership.until = datetime.date(2020, 12, 31)
    membership.save()
    assert roles_of(professional) == []


def test_a_removed_membership_counts_from_the_next_request(professional):
    assert roles_of(professional) == [Role.WIJKTEAM_MEMBER]
    Membership.objects.filter(user=professional).delete()
    assert roles_of(professional) == []


def test_a_renamed_team_shows_its_new_name_on_the_next_request(professional, team):
    next_request_user(professional).active_memberships()
    team.name = "Wijkteam Oost"
    team.save()
    assert [m.team.name for m in next_request_user(professional).active_memberships()] == ["Wijkteam Oost"]


def test_a_changed_organisation_shows_on_the_next_request(professional, team):
    next_request_user(professional).active_memberships()
    organisation = team.organisation
    organisation.type = OrganisationType.SCHULDHULP
    organisation.save()
    found = next_request_user(professional).active_memberships()
    assert [m.organisation.type for m in found] == [OrganisationType.SCHULDHULP]


def test_a_membership_that_starts_tomorrow_counts_from_tomorrow(professional, team):
    today = datetime.date(2026, 12, 2)
    tomorrow = today + datetime.timedelta(days=1)
    factories.MembershipFactory(user=professional, team=team, role=Role.REGISSEUR, since=tomorrow)
    with mock.patch("django.utils.timezone.localdate", return_value=today):
        assert roles_of(professional) == [Role.WIJKTEAM_MEMBER]
    with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        assert sorted(roles_of(professional)) == sorted([Role.REGISSEUR, Role.WIJKTEAM_MEMBER])


def test_a_change_that_is_rolled_back_leaves_no_membership_behind(professional, team):
    roles_of(professional)
    with transaction.atomic():
        factories.MembershipFactory(user=professional, team=team, role=Role.REGISSEUR)
        assert Role.REGISSEUR in roles_of(professional)  # cached inside the transaction, under its token
        transaction.set_rollback(True)
    assert roles_of(professional) == [Role.WIJKTEAM_MEMBER]
    team.name = "Wijkteam Oost"  # a later change's token is not the rolled-back one's
    team.save()
    assert roles_of(professional) == [Role.WIJKTEAM_MEMBER]


def test_the_user_object_a_membership_is_given_with_sees_it_at_once(professional, team):
    professional.active_memberships()
    Membership.objects.create(user=professional, organisation=team.organisation, team=team, role=Role.REGISSEUR)
    assert Role.REGISSEUR in [m.role for m in professional.active_memberships()]


def test_a_user_read_without_the_token_asks_the_database_and_nothing_more(professional, django_assert_num_queries):
    user = User.objects.only("id", "email").get(pk=professional.pk)
    with django_assert_num_queries(1):  # the memberships, not the deferred token
        assert [m.role for m in user.active_memberships()] == [Role.WIJKTEAM_MEMBER]


def test_a_professional_whose_membership_ended_is_refused_the_household_on_the_next_page(professional, household):
    client = login_verified(Client(), professional)
    path = f"/huishoudens/{household.pk}/"
    assert client.get(path).status_code == 200
    membership = Membership.objects.get(user=professional)
    membership.since = datetime.date(2020, 1, 1)
    membership.until = datetime.date(2020, 12, 31)
    membership.save()
    assert client.get(path).status_code == 403


def test_saving_a_user_read_before_a_membership_ended_keeps_the_ending(professional):
    assert roles_of(professional) == [Role.WIJKTEAM_MEMBER]
    read_earlier = User.objects.get(pk=professional.pk)  # e.g. an administrator's form, open meanwhile
    membership = Membership.objects.get(user=professional)
    membership.since = datetime.date(2020, 1, 1)
    membership.until = datetime.date(2020, 12, 31)
    membership.save()
    read_earlier.full_name = "Renamed meanwhile"
    read_earlier.save()
    assert roles_of(professional) == []


def test_memberships_ended_in_bulk_count_from_the_next_request(professional):
    assert roles_of(professional) == [Role.WIJKTEAM_MEMBER]
    professional.memberships.update(since=datetime.date(2020, 1, 1), until=datetime.date(2020, 12, 31))
    assert roles_of(professional) == []


def test_memberships_created_in_bulk_count_from_the_next_request(professional, team):
    assert roles_of(professional) == [Role.WIJKTEAM_MEMBER]
    Membership.objects.bulk_create(
        [Membership(user=professional, organisation=team.organisation, team=team, role=Role.REGISSEUR)]
    )
    assert sorted(roles_of(professional)) == sorted([Role.REGISSEUR, Role.WIJKTEAM_MEMBER])


def test_memberships_changed_in_bulk_by_object_count_from_the_next_request(professional):
    assert roles_of(professional) == [Role.WIJKTEAM_MEMBER]
    membership = Membership.objects.get(user=professional)
    membership.role = Role.REGISSEUR
    Membership.objects.bulk_update([membership], ["role"])
    assert roles_of(professional) == [Role.REGISSEUR]


def test_a_membership_moved_to_another_user_leaves_the_first_user_on_the_next_request(professional):
    assert roles_of(professional) == [Role.WIJKTEAM_MEMBER]
    membership = Membership.objects.get(user=professional)
    membership.user = factories.UserFactory()
    membership.save()
    assert roles_of(professional) == []


def test_a_membership_moved_in_bulk_leaves_the_first_user_on_the_next_request(professional):
    assert roles_of(professional) == [Role.WIJKTEAM_MEMBER]
    membership = Membership.objects.get(user=professional)
    membership.user = factories.UserFactory()
    Membership.objects.bulk_update([membership], ["user"])
    assert roles_of(professional) == []


def test_a_membership_moved_in_bulk_counts_for_its_new_user_on_the_next_request(professional):
    newcomer = factories.UserFactory()
    assert roles_of(newcomer) == []
    membership = Membership.objects.get(user=professional)
    membership.user = newcomer
    Membership.objects.bulk_update([membership], ["user"])
    assert roles_of(newcomer) == [Role.WIJKTEAM_MEMBER]
