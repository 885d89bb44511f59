# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Dutch identifiers: the BSN (elfproef, encrypted at rest, shown masked), postcodes and the wijk of a postcode."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from eenplan.accounts.models import neighbourhood_for_postcode
from eenplan.households import crypto
from eenplan.households.models import Resident
from eenplan.households.validators import mask_bsn, normalise_bsn, normalise_postcode
from tests import factories

# -- BSN -------------------------------------------------------------------------------------------------------


def test_a_test_person_bsn_that_passes_the_elfproef_is_accepted():
    assert normalise_bsn("999990019") == "999990019"


def test_a_bsn_typed_with_spaces_or_dots_is_accepted_as_nine_digits():
    assert normalise_bsn(" 9999.90.019 ") == "999990019"


def test_a_bsn_failing_the_elfproef_is_rejected_in_dutch():
    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        normalise_bsn("999990018")
    assert caught.value.code == "bsn_checksum"
    with translation.override("nl"):
        message = str(caught.value.messages[0])
    assert "BSN" in message
    assert "elfproef" in message


def test_a_bsn_of_ten_digits_is_rejected_for_its_length():
    with pytest.raises(ValidationError) as caught:
        normalise_bsn("9999900190")
    assert caught.value.code == "bsn_length"


def test_a_bsn_with_letters_is_rejected_for_its_format():
    with pytest.raises(ValidationError) as caught:
        normalise_bsn("99999001A")
    assert caught.value.code == "bsn_format"


def test_a_masked_bsn_shows_only_the_last_three_digits():
    assert mask_bsn("999990019") == "●●●●●●019"
    assert mask_bsn("") == ""


@pytest.mark.django_db
def test_a_bsn_is_stored_encrypted_and_read_back_in_full():
    resident = factories.ResidentFactory(bsn="999990019")
    with connection.cursor() as cursor:
        cursor.execute("SELECT bsn FROM households_resident WHERE id = %s", [resident.pk])
        (stored,) = cursor.fetchone()
    assert stored
    assert "999990019" not in stored
    assert "990019" not in stored
    assert Resident.objects.get(pk=resident.pk).bsn == "999990019"


@pytest.mark.django_db
def test_a_resident_shows_their_bsn_masked():
    resident = factories.ResidentFactory(bsn="999990019")
    assert Resident.objects.get(pk=resident.pk).masked_bsn == "●●●●●●019"


@pytest.mark.django_db
def test_a_stored_bsn_gets_a_lookup_digest_to_find_it_without_decrypting():
    resident = factories.ResidentFactory(bsn="999990019")
    stored = Resident.objects.get(pk=resident.pk)
    assert stored.bsn_digest == crypto.lookup_digest("999990019")
    assert len(stored.bsn_digest) == 64
    assert "999990019" not in stored.bsn_digest
    assert Resident.objects.filter(bsn_digest=crypto.lookup_digest("999990019")).get() == stored


@pytest.mark.django_db
def test_a_resident_without_bsn_has_no_digest():
    resident = factories.ResidentFactory(bsn="")
    stored = Resident.objects.get(pk=resident.pk)
    assert stored.bsn == ""
    assert stored.bsn_digest == ""


# -- BSN on the model: every full_clean() path holds the elfproef, not only the forms ------------------------------


def _resident_with_bsn(bsn: str) -> Resident:
    household = factories.HouseholdFactory()
    return Resident(household=household, first_name="Anna", last_name="Vries", date_of_birth="1985-04-12", bsn=bsn)


@pytest.mark.django_db
def test_a_resident_whose_bsn_fails_the_elfproef_does_not_pass_the_model_check():
    resident = _resident_with_bsn("999990018")
    with pytest.raises(ValidationError) as caught:
        resident.full_clean()
    assert [error.code for error in caught.value.error_dict["bsn"]] == ["bsn_checksum"]


@pytest.mark.django_db
def test_a_resident_whose_bsn_has_ten_digits_does_not_pass_the_model_check():
    resident = _resident_with_bsn("9999900190")
    with pytest.raises(ValidationError) as caught:
        resident.full_clean()
    assert [error.code for error in caught.value.error_dict["bsn"]] == ["bsn_length"]


@pytest.mark.django_db
def test_the_model_check_keeps_a_bsn_typed_with_dots_as_nine_digits():
    resident = _resident_with_bsn(" 9999.90.019 ")
    resident.full_clean()
    assert resident.bsn == "999990019"


@pytest.mark.django_db
def test_a_resident_without_bsn_passes_the_model_check():
    _resident_with_bsn("").full_clean()


@pytest.mark.django_db
def test_the_model_check_leaves_the_bsn_alone_when_it_is_excluded():
    _resident_with_bsn("999990018").full_clean(exclude=["bsn"])


@pytest.mark.django_db
def test_the_model_check_reports_a_bad_bsn_beside_other_field_errors():
    resident = _resident_with_bsn("999990018")
    resident.first_name = ""
    with pytest.raises(ValidationError) as caught:
        resident.full_clean()
    assert {"bsn", "first_name"} <= set(caught.value.error_dict)


# -- postcodes -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["3512ab", "3512 ab", "3512AB", " 3512 AB "])
def test_a_postcode_is_written_as_four_digits_a_space_and_two_capitals(typed):
    assert normalise_postcode(typed) == "3512 AB"


@pytest.mark.parametrize("typed", ["0512 AB", "3512 SA", "12345", "3512 A", "ABCD EF", ""])
def test_an_invalid_postcode_is_rejected(typed):
    with pytest.raises(ValidationError) as caught:
        normalise_postcode(typed)
    assert caught.value.code == "postcode"


# -- the wijk of a postcode ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_postcode_inside_a_range_belongs_to_that_wijk(centrum):
    assert neighbourhood_for_postcode("3512 AB") == centrum


@pytest.mark.django_db
def test_the_first_and_last_numbers_of_a_range_belong_to_the_wijk(centrum):
    assert neighbourhood_for_postcode("3511 AA") == centrum
    assert neighbourhood_for_postcode("3514 ZZ") == centrum


@pytest.mark.django_db
def test_a_postcode_outside_every_range_belongs_to_no_wijk(centrum):
    assert neighbourhood_for_postcode("3515 AA") is None
    assert neighbourhood_for_postcode("3510 ZZ") is None


@pytest.mark.django_db
def test_a_postcode_with_no_leading_digits_belongs_to_no_wijk(centrum):
    assert neighbourhood_for_postcode("AB 3512") is None
