# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`rotate_bsn_key`: after a new key is put first, every BSN and its lookup digest move to it, in resumable batches."""

from __future__ import annotations

import secrets
from io import StringIO

import pytest
from cryptography.fernet import InvalidToken
from django.core.management import call_command

from eenplan.households import crypto
from eenplan.households.models import Resident
from tests import factories

pytestmark = pytest.mark.django_db

OLD_KEY = secrets.token_urlsafe(32)
NEW_KEY = secrets.token_urlsafe(32)


@pytest.fixture
def residents_under_the_old_key(settings) -> dict[int, str]:
    """Five residents with a test-person BSN and one without, stored while only the old key existed."""
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    stored = {factories.ResidentFactory(bsn=bsn).pk: bsn for bsn in factories.VALID_TEST_BSNS}
    factories.ResidentFactory(bsn="")
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    return stored


def rotate(*args: str) -> str:
    out = StringIO()
    call_command("rotate_bsn_key", *args, stdout=out)
    return out.getvalue()


def check_exit_code() -> int:
    with pytest.raises(SystemExit) as exited:
        rotate("--check")
        raise SystemExit(0)
    return int(exited.value.code or 0)


def test_after_rotation_every_bsn_decrypts_with_only_the_new_key(settings, residents_under_the_old_key):
    rotate()
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    assert {r.pk: r.bsn for r in Resident.objects.exclude(bsn_digest="")} == residents_under_the_old_key


def test_after_rotation_a_resident_is_found_by_bsn_with_only_the_new_key(settings, residents_under_the_old_key):
    rotate()
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    for pk, bsn in residents_under_the_old_key.items():
        assert Resident.objects.get(bsn_digest=crypto.lookup_digest(bsn)).pk == pk


def test_without_rotation_the_old_key_is_still_needed(settings, residents_under_the_old_key):
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    with pytest.raises(InvalidToken):
        list(Resident.objects.exclude(bsn_digest=""))


def test_during_rotation_a_resident_is_found_by_the_digest_under_any_configured_key(residents_under_the_old_key):
    pk, bsn = next(iter(residents_under_the_old_key.items()))
    assert Resident.objects.get(bsn_digest__in=crypto.lookup_digests(bsn)).pk == pk


def test_an_interrupted_rotation_goes_on_where_it_stopped_when_run_again(settings, residents_under_the_old_key):
    first = rotate("--batch-size", "2", "--max-batches", "1")
    assert "2 BSNs re-encrypted" in first
    assert "run again" in first
    assert check_exit_code() == 1

    second = rotate("--batch-size", "2")
    assert "3 BSNs re-encrypted, 2 were already under the newest key" in second
    assert "Done" in second
    assert check_exit_code() == 0
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    assert {r.pk: r.bsn for r in Resident.objects.exclude(bsn_digest="")} == residents_under_the_old_key


def test_a_second_rotation_changes_nothing(residents_under_the_old_key):
    rotate()
    tokens = list(Resident.objects.order_by("pk").values_list("bsn_digest", flat=True))
    again = rotate()
    assert "0 BSNs re-encrypted, 5 were already under the newest key" in again
    assert list(Resident.objects.order_by("pk").values_list("bsn_digest", flat=True)) == tokens


def test_the_check_changes_nothing(settings, residents_under_the_old_key):
    assert check_exit_code() == 1
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    with pytest.raises(InvalidToken):
        list(Resident.objects.exclude(bsn_digest=""))


def test_rotation_never_prints_a_bsn(residents_under_the_old_key):
    out = rotate("--batch-size", "2")
    assert not any(bsn in out or bsn[-3:] in out.split() for bsn in residents_under_the_old_key.values())


def test_rotation_leaves_residents_without_bsn_and_the_edit_version_alone(residents_under_the_old_key):
    rotate()
    without = Resident.objects.get(bsn_digest="")
    assert without.bsn == ""
    assert set(Resident.objects.values_list("version", flat=True)) == {1}
