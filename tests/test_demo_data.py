"""`seed_demo` loads deterministic demo data with test-person BSNs only; `demo_logins` prints the demo accounts."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from stdnum.nl import bsn as stdnum_bsn

from eenplan.accounts.models import Neighbourhood, Organisation, User
from eenplan.households.models import Household, Resident
from eenplan.web.demo_data import DEMO_EMAIL_DOMAIN, NAMED_LOGINS

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def first_household_names_after_seeding(seed_value: int, count: int = 20) -> list[str]:
    """Seed an empty database, note the first households' names, and roll everything back."""
    with transaction.atomic():
        seed("--seed", str(seed_value))
        names = list(Household.objects.order_by("id").values_list("display_name", flat=True)[:count])
        transaction.set_rollback(True)
    return names


@pytest.fixture
def seeded():
    seed()


def test_the_demo_has_three_neighbourhoods_each_with_postcodes(seeded):
    assert Neighbourhood.objects.count() == 3
    assert not Neighbourhood.objects.filter(postcode_ranges__isnull=True).exists()


def test_the_demo_has_ten_organisations(seeded):
    assert Organisation.objects.count() == 10


def test_the_demo_has_forty_professionals_each_with_an_authenticator(seeded):
    assert User.objects.count() == 40
    assert TOTPDevice.objects.filter(confirmed=True).values("user").distinct().count() == 40


def test_the_demo_has_three_hundred_households_each_with_residents(seeded):
    assert Household.objects.count() == 300
    assert not Household.objects.filter(residents__isnull=True).exists()


def test_every_demo_household_lies_in_the_wijk_of_its_postcode(seeded):
    from eenplan.accounts.models import neighbourhood_for_postcode

    wijk_by_id = {n.pk: n for n in Neighbourhood.objects.all()}
    for household in Household.objects.all()[:50]:
        assert neighbourhood_for_postcode(household.postcode) == wijk_by_id[household.neighbourhood_id]


def test_every_demo_bsn_is_a_valid_test_person_number(seeded):
    bsns = [resident.bsn for resident in Resident.objects.exclude(bsn_digest="")]
    assert bsns
    assert all(bsn.startswith("9999") for bsn in bsns)
    assert all(stdnum_bsn.is_valid(bsn) for bsn in bsns)
    assert len(set(bsns)) == len(bsns)


def test_seeding_again_with_if_empty_adds_nothing(seeded):
    before = (Organisation.objects.count(), User.objects.count(), Household.objects.count(), Resident.objects.count())
    seed("--if-empty")
    after = (Organisation.objects.count(), User.objects.count(), Household.objects.count(), Resident.objects.count())
    assert after == before


def test_seeding_a_database_that_holds_data_without_if_empty_is_refused(seeded):
    with pytest.raises(CommandError):
        seed()
    assert Household.objects.count() == 300


def test_the_same_seed_gives_the_same_households():
    first_run = first_household_names_after_seeding(7)
    assert len(first_run) == 20
    assert Household.objects.count() == 0
    assert first_household_names_after_seeding(7) == first_run


def test_a_different_seed_gives_different_households():
    assert first_household_names_after_seeding(7) != first_household_names_after_seeding(8)


def test_demo_logins_prints_the_demo_addresses(seeded):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    printed = out.getvalue()
    for local, *_rest in NAMED_LOGINS:
        assert f"{local}@{DEMO_EMAIL_DOMAIN}" in printed


def test_demo_logins_on_an_empty_database_says_to_seed_first():
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "seed_demo" in out.getvalue()


def test_a_demo_login_works_with_the_printed_password_and_code(seeded, client):
    from django_otp.oath import totp

    from eenplan.web.demo_data import DEMO_PASSWORD, DEMO_TOTP_HEX_KEY

    response = client.post("/inloggen/", {"username": f"wijkteam@{DEMO_EMAIL_DOMAIN}", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    code = f"{totp(bytes.fromhex(DEMO_TOTP_HEX_KEY)):06d}"
    client.post("/inloggen/code/", {"token": code})
    assert client.get("/huishoudens/").status_code == 200
