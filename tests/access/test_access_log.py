# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The access log is append-only and tamper-evident: each entry hashes its content and its predecessor."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from eenplan.access.log import verify_chain
from eenplan.access.models import GENESIS_HASH, AccessLogEntry
from tests.access.log_tampering import tamper
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_entries(client, household, professional):
    login_verified(client, professional)
    for _ in range(3):
        client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    return list(AccessLogEntry.objects.order_by("id"))


def test_entries_form_a_chain_from_the_genesis_hash(three_entries):
    first, second, third = three_entries
    assert first.previous_hash == GENESIS_HASH
    assert second.previous_hash == first.entry_hash and third.previous_hash == second.entry_hash
    assert verify_chain().ok and verify_chain().checked == 3


def test_verify_command_prints_ok_for_an_intact_chain(three_entries, capsys):
    call_command("verify_access_log")
    assert "OK: 3 entries" in capsys.readouterr().out


def test_a_changed_entry_is_named_by_the_verify_command(three_entries, capsys):
    second = three_entries[1]
    tamper("UPDATE access_accesslogentry SET object_id = 999 WHERE id = %s", [second.pk])
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_access_log")
    assert exit_info.value.code == 1
    assert f"entry #{second.pk}" in capsys.readouterr().err


def test_a_removed_entry_breaks_the_link_of_the_next_one(three_entries):
    _first, second, third = three_entries
    tamper("DELETE FROM access_accesslogentry WHERE id = %s", [second.pk])
    report = verify_chain()
    assert not report.ok and report.broken_entry_id == third.pk


def test_the_database_refuses_to_update_an_entry(three_entries):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE access_accesslogentry SET action = 'print' WHERE id = %s", [three_entries[0].pk])


def test_the_database_refuses_to_delete_an_entry(three_entries):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM access_accesslogentry WHERE id = %s", [three_entries[0].pk])


def test_the_model_refuses_to_save_an_existing_entry_or_delete_one(three_entries):
    entry = three_entries[0]
    entry.action = "print"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_an_entry_holds_identifiers_only(three_entries, household):
    resident = household.residents.get()
    entry = three_entries[0]
    stored = " ".join(str(v) for v in AccessLogEntry.objects.filter(pk=entry.pk).values().get().values())
    for personal in (resident.first_name, resident.last_name, household.street, household.postcode):
        assert personal not in stored
