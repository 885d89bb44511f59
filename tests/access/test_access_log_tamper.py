# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The keyed, anchored access log: an attacker with write access to the database but without the key (ACCESS_LOG_KEYS)
and without the anchor folder cannot rewrite, remove or cut off entries unnoticed."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import importlib
import json
import logging
import uuid
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.db import connection

from eenplan.access import log, log_anchors, log_hash
from eenplan.access.models import GENESIS_HASH, LOG_FIELD_COLUMNS, AccessLogEntry
from tests.access.log_tampering import tamper
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KEY = "first-access-log-key-for-the-tests-0123456789"
NEWER_KEY = "second-access-log-key-for-the-tests-987654321"
ATTACKER_FIELDS = [column for column in LOG_FIELD_COLUMNS if column != "key_id"]


@pytest.fixture
def anchor_dir(settings, tmp_path) -> Path:
    settings.ACCESS_LOG_KEYS = [KEY]
    settings.ACCESS_LOG_ANCHOR_DIR = tmp_path / "anchors"
    return settings.ACCESS_LOG_ANCHOR_DIR


def _write(count: int) -> list[AccessLogEntry]:
    user = UserFactory()
    return [
        log.append(
            AccessLogEntry(
                user=user,
                role="wijkteam",
                household_id=7,
                action="view",
                object_type="household",
                object_id=7,
                justification="team_task",
                request_id=uuid.uuid4().hex,
            )
        )
        for _ in range(count)
    ]


def _verify(capsys) -> tuple[int, str]:
    """Run verify_access_log: its exit code and what it wrote."""
    try:
        call_command("verify_access_log")
        code = 0
    except SystemExit as exit_info:
        code = int(exit_info.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _rechain_unkeyed(*, start: int = 0, as_legacy: bool = False) -> None:
    """What an attacker with database access does after changing or removing rows: recompute the hashes from entry
    `start` on with the (public) unkeyed SHA-256 of the old code, so that each link and each hash looks right again."""
    previous = GENESIS_HASH
    for row in AccessLogEntry.objects.order_by("id").values("id", "entry_hash", *ATTACKER_FIELDS):
        if row["id"] < start:
            previous = row["entry_hash"]
            continue
        content = json.dumps(
            [row["timestamp"].isoformat(), *(row[c] for c in ATTACKER_FIELDS[1:]), previous], separators=(",", ":")
        )
        new_hash = hashlib.sha256(content.encode()).hexdigest()
        tamper(
            "UPDATE access_accesslogentry SET previous_hash = %s, entry_hash = %s,"
            " key_id = CASE WHEN %s THEN 'legacy' ELSE key_id END WHERE id = %s",
            [previous, new_hash, as_legacy, row["id"]],
        )
        previous = new_hash


def test_an_entry_rewritten_with_recomputed_unkeyed_hashes_is_found(anchor_dir, capsys):
    entries = _write(3)
    tamper("UPDATE access_accesslogentry SET object_id = 999 WHERE id = %s", [entries[1].pk])
    _rechain_unkeyed(start=entries[1].pk)
    code, output = _verify(capsys)
    assert code == 1
    assert f"BROKEN: entry #{entries[1].pk}: the content does not match" in output


def test_an_entry_rewritten_as_legacy_after_keyed_entries_is_found(anchor_dir):
    entries = _write(3)
    tamper("UPDATE access_accesslogentry SET object_id = 999 WHERE id = %s", [entries[1].pk])
    tamper("UPDATE access_accesslogentry SET key_id = 'legacy' WHERE id >= %s", [entries[1].pk])
    previous = entries[0].entry_hash
    for row in AccessLogEntry.objects.filter(pk__gte=entries[1].pk).order_by("id").values("id", *ATTACKER_FIELDS):
        new_hash = log_hash.legacy_hash([row[c] for c in ATTACKER_FIELDS], previous)
        tamper("UPDATE access_accesslogentry SET entry_hash = %s WHERE id = %s", [new_hash, row["id"]])
        tamper("UPDATE access_accesslogentry SET previous_hash = %s WHERE id = %s", [previous, row["id"]])
        previous = new_hash
    report = log.verify_chain()
    assert report.broken_entry_id == entries[1].pk
    assert "legacy" in report.problem


def test_the_whole_log_rewritten_as_legacy_is_found_by_an_anchor(anchor_dir, capsys):
    _write(3)
    call_command("anchor_access_log")
    _rechain_unkeyed(as_legacy=True)
    code, output = _verify(capsys)
    assert code == 1
    assert "another hash than anchored" in output


def test_a_middle_entry_removed_and_the_chain_recomputed_is_found(anchor_dir, capsys):
    entries = _write(3)
    tamper("DELETE FROM access_accesslogentry WHERE id = %s", [entries[1].pk])
    _rechain_unkeyed(start=entries[2].pk)
    code, output = _verify(capsys)
    assert code == 1
    assert f"BROKEN: entry #{entries[2].pk}: the content does not match" in output


def test_newest_entries_removed_after_an_anchor_are_reported_as_truncation(anchor_dir, capsys):
    entries = _write(5)
    call_command("anchor_access_log")
    capsys.readouterr()
    tamper("DELETE FROM access_accesslogentry WHERE id >= %s", [entries[3].pk])
    code, output = _verify(capsys)
    assert code == 1
    assert f"names entry #{entries[4].pk} but the log ends at #{entries[2].pk}" in output


def test_a_removed_anchored_entry_is_named_by_its_anchor(anchor_dir, capsys):
    entries = _write(3)
    call_command("anchor_access_log")
    capsys.readouterr()
    _write(1)
    tamper("DELETE FROM access_accesslogentry WHERE id = %s", [entries[2].pk])
    code, output = _verify(capsys)
    assert code == 1
    assert f"entry #{entries[2].pk} is missing" in output


def test_a_forged_anchor_file_is_reported(anchor_dir, capsys):
    _write(2)
    call_command("anchor_access_log")
    anchor_file = next(anchor_dir.glob("*.json"))
    forged = json.loads(anchor_file.read_text())
    forged["entries"] = 1
    (anchor_dir / "forged.json").write_text(json.dumps(forged))
    code, output = _verify(capsys)
    assert code == 1
    assert "anchor forged.json: the signature does not match" in output


def test_an_intact_log_with_its_anchors_verifies(anchor_dir, capsys):
    _write(2)
    call_command("anchor_access_log")
    _write(2)
    call_command("anchor_access_log")
    capsys.readouterr()
    code, output = _verify(capsys)
    assert code == 0
    assert "OK: 4 entries" in output and "OK: 2 anchors" in output


def test_verify_warns_when_there_are_no_anchors(anchor_dir, capsys):
    _write(1)
    code, output = _verify(capsys)
    assert code == 0
    assert "WARNING: no anchors" in output


def test_an_anchor_file_is_written_once_and_read_only(anchor_dir):
    moment = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)
    path = log_anchors.write(anchor_dir, entry_id=1, entry_hash="a" * 64, entries=1, legacy_entries=0, now=moment)
    written = path.read_text()
    with pytest.raises(FileExistsError):
        log_anchors.write(anchor_dir, entry_id=1, entry_hash="b" * 64, entries=1, legacy_entries=0, now=moment)
    assert path.read_text() == written
    assert path.stat().st_mode & 0o222 == 0


def test_anchoring_refuses_a_log_that_does_not_verify(anchor_dir):
    entries = _write(2)
    tamper("UPDATE access_accesslogentry SET object_id = 999 WHERE id = %s", [entries[0].pk])
    with pytest.raises(SystemExit):
        call_command("anchor_access_log")
    assert not list(anchor_dir.glob("*.json"))


def test_the_chain_written_on_this_database_is_keyed_and_verifies(anchor_dir):
    """On PostgreSQL the database function computes the HMAC; Python's must agree, entry by entry."""
    entries = list(AccessLogEntry.objects.filter(pk__in=[e.pk for e in _write(3)]).order_by("id"))
    key = log_hash.key_by_id(log_hash.key_id_of(KEY.encode()))
    for entry in entries:
        assert entry.key_id == key.key_id
        fields = [getattr(entry, column) for column in LOG_FIELD_COLUMNS]
        message = (entry.previous_hash + log_hash.canonical_fields(fields)).encode()
        derived = log_hash.hour_key(key, entry.timestamp)
        assert entry.entry_hash == hmac.new(derived, message, hashlib.sha256).hexdigest()
    assert log.verify_chain().ok


def test_the_log_is_written_in_one_statement_per_entry(anchor_dir):
    from django.test.utils import CaptureQueriesContext

    user = UserFactory()
    with CaptureQueriesContext(connection) as queries:
        log.append(AccessLogEntry(user=user, action="view", object_type="household", justification="team_task"))
    expected = 1 if connection.vendor == "postgresql" else 2  # SQLite: read the last hash, then INSERT
    assert len([q for q in queries if "access_accesslogentry" in q["sql"] or "access_log_append" in q["sql"]]) == (
        expected
    )


def test_entries_under_a_rotated_key_still_verify(anchor_dir, settings):
    _write(2)
    settings.ACCESS_LOG_KEYS = [NEWER_KEY, KEY]
    newer = _write(2)
    assert newer[0].key_id == log_hash.key_id_of(NEWER_KEY.encode())
    assert log.verify_chain().ok


def test_entries_under_a_key_no_longer_configured_are_named(anchor_dir, settings):
    first = _write(1)[0]
    settings.ACCESS_LOG_KEYS = [NEWER_KEY]
    _write(1)
    report = log.verify_chain()
    assert report.broken_entry_id == first.pk and "does not hold" in report.problem


def test_legacy_entries_before_the_keyed_ones_verify_and_are_counted(anchor_dir, capsys):
    """Entries written before the log was keyed keep their unkeyed hash and the key id "legacy" (migration 0005)."""
    previous = GENESIS_HASH
    legacy = _write(2)
    for entry in legacy:
        fields = [getattr(entry, column) for column in ATTACKER_FIELDS]
        new_hash = log_hash.legacy_hash(fields, previous)
        tamper(
            "UPDATE access_accesslogentry SET key_id = 'legacy', previous_hash = %s, entry_hash = %s WHERE id = %s",
            [previous, new_hash, entry.pk],
        )
        previous = new_hash
    _write(1)
    code, output = _verify(capsys)
    assert code == 0, output
    assert "OK: 3 entries (2 of them legacy" in output


def test_production_without_access_log_keys_fails_the_system_check(settings):
    settings.DEBUG = False
    settings.ACCESS_LOG_KEYS = []
    assert "access.E002" in [message.id for message in run_checks()]


def test_production_with_a_short_key_fails_the_system_check(settings):
    settings.DEBUG = False
    settings.ACCESS_LOG_KEYS = ["too-short"]
    assert "access.E002" in [message.id for message in run_checks()]


def test_debug_derives_a_development_key(settings):
    settings.DEBUG = True
    settings.ACCESS_LOG_KEYS = []
    assert "access.E002" not in [message.id for message in run_checks()]
    assert len(log_hash.current_key().key_id) == log_hash.KEY_ID_LENGTH


def test_writing_without_a_key_in_production_is_refused(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.DEBUG = False
    settings.ACCESS_LOG_KEYS = []
    with pytest.raises(ImproperlyConfigured):
        _write(1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database function exists on PostgreSQL only")
def test_a_replaced_database_function_is_noticed_at_the_next_entry(anchor_dir, caplog):
    keyed = importlib.import_module("eenplan.access.migrations.0005_keyed_access_log")
    unkeyed = keyed.APPEND_FUNCTION.replace(
        "sha256(outer_pad || sha256(inner_pad || convert_to(previous || body, 'UTF8')))",
        "sha256(convert_to(previous || body, 'UTF8'))",
    )
    assert unkeyed != keyed.APPEND_FUNCTION
    with connection.cursor() as cursor:
        cursor.execute(unkeyed)
    with caplog.at_level(logging.ERROR, logger="eenplan.access.log"):
        entry = _write(1)[0]
    assert "wrong hash" in caplog.text
    assert log.verify_chain().broken_entry_id == entry.pk
