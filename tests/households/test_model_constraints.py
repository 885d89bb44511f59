# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The database itself refuses impossible data, whatever code path writes it (constraints, not only forms)."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from eenplan.accounts.models import Membership, PostcodeRange, Role, Team
from eenplan.households.models import Household, Relationship, RelationshipKind, Resident
from tests import factories

pytestmark = pytest.mark.django_db


# -- postcode ranges -------------------------------------------------------------------------------------------


def test_a_postcode_range_may_span_a_single_postcode_number():
    wijk = factories.NeighbourhoodFactory()
    PostcodeRange.objects.create(neighbourhood=wijk, start=3511, end=3511)
    assert PostcodeRange.objects.filter(neighbourhood=wijk).count() == 1


def test_a_postcode_range_cannot_start_after_it_ends():
    wijk = factories.NeighbourhoodFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PostcodeRange.objects.create(neighbourhood=wijk, start=3515, end=3511)


def test_a_postcode_range_start_has_four_digits():
    wijk = factories.NeighbourhoodFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PostcodeRange.objects.create(neighbourhood=wijk, start=999, end=3511)


def test_a_postcode_range_end_has_four_digits():
    wijk = factories.NeighbourhoodFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PostcodeRange.objects.create(neighbourhood=wijk, start=3511, end=10000)


# -- memberships -----------------------------------------------------------------------------------------------


def test_a_membership_cannot_end_before_it_starts():
    team = factories.TeamFactory()
    user = factories.UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=user,
            organisation=team.organisation,
            team=team,
            role=Role.WIJKTEAM_MEMBER,
            since=datetime.date(2026, 2, 1),
            until=datetime.date(2026, 1, 31),
        )


def test_a_membership_may_end_on_the_day_it_starts():
    membership = factories.MembershipFactory(since=datetime.date(2026, 2, 1), until=datetime.date(2026, 2, 1))
    assert membership.pk is not None


def test_a_person_has_a_role_in_a_team_only_once():
    membership = factories.MembershipFactory(role=Role.WIJKTEAM_MEMBER)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=membership.user,
            organisation=membership.organisation,
            team=membership.team,
            role=Role.WIJKTEAM_MEMBER,
        )


def test_a_person_may_have_two_different_roles_in_one_team():
    membership = factories.MembershipFactory(role=Role.WIJKTEAM_MEMBER)
    Membership.objects.create(
        user=membership.user, organisation=membership.organisation, team=membership.team, role=Role.REGISSEUR
    )
    assert membership.user.memberships.count() == 2


# -- residents, relationships, households ---------------------------------------------------------------------


def test_a_resident_must_have_a_first_name():
    household = factories.HouseholdFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Resident.objects.create(
            household=household, first_name="", last_name="Vries", date_of_birth=datetime.date(1980, 1, 1)
        )


def test_a_resident_must_have_a_last_name():
    household = factories.HouseholdFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Resident.objects.create(
            household=household, first_name="Anna", last_name="", date_of_birth=datetime.date(1980, 1, 1)
        )


def test_a_resident_cannot_have_a_relationship_with_themselves():
    anna = factories.ResidentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Relationship.objects.create(
            household=anna.household, from_resident=anna, kind=RelationshipKind.CARER, to_resident=anna
        )


def test_the_same_relationship_is_recorded_only_once():
    anna = factories.ResidentFactory(first_name="Anna")
    sem = factories.ResidentFactory(household=anna.household, first_name="Sem")
    Relationship.objects.create(
        household=anna.household, from_resident=anna, kind=RelationshipKind.PARENT, to_resident=sem
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Relationship.objects.create(
            household=anna.household, from_resident=anna, kind=RelationshipKind.PARENT, to_resident=sem
        )


def test_two_residents_may_be_related_in_two_different_ways():
    anna = factories.ResidentFactory(first_name="Anna")
    sem = factories.ResidentFactory(household=anna.household, first_name="Sem")
    Relationship.objects.create(
        household=anna.household, from_resident=anna, kind=RelationshipKind.PARENT, to_resident=sem
    )
    Relationship.objects.create(
        household=anna.household, from_resident=anna, kind=RelationshipKind.CARER, to_resident=sem
    )
    assert Relationship.objects.filter(from_resident=anna, to_resident=sem).count() == 2


def test_a_household_must_have_a_display_name():
    team = factories.TeamFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Household.objects.create(
            street="Lange Nieuwstraat",
            house_number="1",
            postcode="3512 AB",
            city="Utrecht",
            owning_team=team,
            display_name="",
        )


# -- teams -----------------------------------------------------------------------------------------------------


def test_a_team_name_is_unique_within_its_organisation():
    team = factories.TeamFactory(name="Wijkteam Noord")
    with pytest.raises(IntegrityError), transaction.atomic():
        Team.objects.create(organisation=team.organisation, name="Wijkteam Noord")


def test_two_organisations_may_each_have_a_team_with_the_same_name():
    factories.TeamFactory(name="Wijkteam Noord")
    other = factories.TeamFactory(name="Wijkteam Noord")
    assert Team.objects.filter(name="Wijkteam Noord").count() == 2
    assert other.pk is not None
