# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Factories that make a test read like a story: a wijkteam, a professional in it, a household they own."""

from __future__ import annotations

import datetime
import itertools

import factory
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from eenplan.accounts.models import (
    Membership,
    Neighbourhood,
    Organisation,
    OrganisationType,
    PostcodeRange,
    Role,
    Team,
    User,
)
from eenplan.households.models import Household, Resident

PASSWORD = "correct-horse-battery-staple"
TOTP_HEX_KEY = "3132333435363738393031323334353637383930"

# Test-person BSNs (9999xxxxx) that pass the elfproef.
VALID_TEST_BSNS = ["999990019", "999990020", "999990032", "999990044", "999990056"]
_bsn_cycle = itertools.cycle(VALID_TEST_BSNS)


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Wijk {n}")
    code = factory.Sequence(lambda n: f"wijk-{n}")


class PostcodeRangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostcodeRange

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    start = 3511
    end = 3514


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    type = OrganisationType.WIJKTEAM


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"professional{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Professional {n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def totp(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        """Every professional has a confirmed authenticator unless the test says `totp=False`."""
        if create and extracted is not False:
            TOTPDevice.objects.create(user=self, name="test", key=TOTP_HEX_KEY, confirmed=True)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    organisation = factory.SelfAttribute("team.organisation")
    role = Role.WIJKTEAM_MEMBER


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    street = "Lange Nieuwstraat"
    house_number = factory.Sequence(lambda n: str(n + 1))
    postcode = "3512 AB"
    city = "Utrecht"
    owning_team = factory.SubFactory(TeamFactory)
    display_name = factory.Sequence(lambda n: f"Familie {n}")


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    household = factory.SubFactory(HouseholdFactory)
    first_name = "Anna"
    last_name = factory.SelfAttribute("household.display_name")
    date_of_birth = datetime.date(1985, 4, 12)


def wijkteam_member(team: Team | None = None, role: str = Role.WIJKTEAM_MEMBER, **user_fields: object) -> User:
    """A professional with an active membership of a (new) wijkteam team."""
    membership = MembershipFactory(
        role=role, user=UserFactory(**user_fields), **({"team": team} if team is not None else {})
    )
    return membership.user


def current_totp_code(device: TOTPDevice) -> str:
    """The six-digit code the user's authenticator app shows right now."""
    return f"{totp(bytes.fromhex(device.key), step=device.step, t0=device.t0, digits=device.digits):06d}"


def wrong_totp_code(device: TOTPDevice) -> str:
    """A six-digit code that is not accepted now (it differs from the codes of the tolerated time steps)."""
    key = bytes.fromhex(device.key)
    accepted = {
        f"{totp(key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}" for drift in (-1, 0, 1)
    }
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in accepted)
