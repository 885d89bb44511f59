# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""backup_database and restore_database: a backup restored into an EMPTY database loses nothing.

Each run builds a database of its own in subprocesses, the way an operator would: migrate, demo data (in DEBUG, the
only place demo data may be made), then backup and restore with production settings (DEBUG off). Proof that nothing
is lost: the row count of every table is equal, `verify_access_log` says OK on the restored copy, and residents' BSNs
decrypt to the same values. SQLite in the normal suite; PostgreSQL under scripts/with-postgres.sh (postgres_only),
where the test creates both databases itself on that server.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parents[2]

# Printed by the subprocesses: every table's row count, and a few residents' BSNs (test persons, 9999xxxxx).
SNAPSHOT = """
import json
from django.db import connection
from eenplan.households.models import Resident
tables = sorted(connection.introspection.table_names())
with connection.cursor() as cursor:
    counts = {}
    for table in tables:
        cursor.execute("SELECT COUNT(*) FROM " + connection.ops.quote_name(table))
        counts[table] = cursor.fetchone()[0]
bsns = {r.pk: r.bsn for r in Resident.objects.exclude(bsn_digest="").order_by("pk")[:20]}
print(json.dumps({"counts": counts, "bsns": bsns}))
"""


@dataclass
class Pipeline:
    source: dict[str, str]
    restored: dict[str, str]
    before: dict[str, object]
    after: dict[str, object]
    verify: subprocess.CompletedProcess[str]


def manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(  # noqa: S603 - our own manage.py with arguments written in this file
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def production_env(tmp: Path, **database: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(tmp)),
        "DJANGO_SETTINGS_MODULE": "eenplan.settings",
        "DEBUG": "0",
        "SECRET_KEY": "backup-test-" + secrets.token_urlsafe(40),
        "FIELD_ENCRYPTION_KEYS": secrets.token_urlsafe(32),
        "ACCESS_LOG_KEYS": secrets.token_urlsafe(32),
        "ACCESS_LOG_ANCHOR_DIR": str(tmp / "anchors"),
        "ALLOWED_HOSTS": "eenplan.gemeente.example",
        **database,
    }


def snapshot(env: dict[str, str]) -> dict[str, object]:
    # The shell may say first what it imported automatically: the snapshot is its last line.
    return json.loads(manage(env, "shell", "--no-imports", "-c", SNAPSHOT).stdout.strip().splitlines()[-1])


def run_pipeline(tmp: Path, source: dict[str, str], restored: dict[str, str]) -> Pipeline:
    manage(source, "migrate", "--no-input", "-v", "0")
    manage({**source, "DEBUG": "1"}, "seed_demo")
    before = snapshot(source)
    backup = tmp / "eenplan.backup"
    manage(source, "backup_database", str(backup))
    manage(restored, "restore_database", str(backup))
    verify = manage(restored, "verify_access_log", check=False)
    after = snapshot(restored)
    return Pipeline(source, restored, before, after, verify)


def assert_nothing_lost(pipeline: Pipeline) -> None:
    counts_before, counts_after = pipeline.before["counts"], pipeline.after["counts"]
    assert isinstance(counts_before, dict)
    assert counts_after == counts_before
    assert counts_before["households_resident"] > 0
    assert counts_before["access_accesslogentry"] > 0
    assert pipeline.verify.returncode == 0, pipeline.verify.stderr
    assert pipeline.verify.stdout.startswith("OK")
    bsns = pipeline.after["bsns"]
    assert isinstance(bsns, dict)
    assert bsns == pipeline.before["bsns"]
    assert bsns and all(len(bsn) == 9 and bsn.startswith("9999") for bsn in bsns.values())


# -- SQLite -------------------------------------------------------------------------------------------------------

# The SQLite pipeline builds its own files and does not touch the suite's database: it runs once, in the SQLite run.
sqlite_run_only = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="the SQLite pipeline runs in the SQLite run"
)


@pytest.fixture(scope="module")
def sqlite_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    tmp = tmp_path_factory.mktemp("sqlite-backup")
    source = production_env(tmp, SQLITE_PATH=str(tmp / "source.sqlite3"))
    restored = {**source, "SQLITE_PATH": str(tmp / "restored.sqlite3")}  # the same keys: they are not in a backup
    return run_pipeline(tmp, source, restored)


@sqlite_run_only
def test_sqlite_backup_restored_into_an_empty_database_loses_nothing(sqlite_pipeline):
    assert_nothing_lost(sqlite_pipeline)


@sqlite_run_only
def test_restore_refuses_a_database_that_is_not_empty(sqlite_pipeline):
    backup = Path(sqlite_pipeline.restored["SQLITE_PATH"]).parent / "eenplan.backup"
    result = manage(sqlite_pipeline.source, "restore_database", str(backup), check=False)
    assert result.returncode != 0
    assert "not empty" in result.stderr


def test_a_backup_never_overwrites_a_file(tmp_path):
    existing = tmp_path / "earlier.backup"
    existing.write_bytes(b"an earlier backup")
    with pytest.raises(CommandError, match="exists"):
        call_command("backup_database", str(existing), stdout=StringIO())
    assert existing.read_bytes() == b"an earlier backup"


# -- PostgreSQL ---------------------------------------------------------------------------------------------------

SERVER_URL = os.environ.get("DATABASE_URL", "")


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture
def postgres_databases() -> Iterator[tuple[str, str]]:
    """Two new databases on the server of DATABASE_URL: the source and the empty target. Dropped afterwards."""
    import psycopg

    suffix = secrets.token_hex(4)
    names = (f"eenplan_backup_source_{suffix}", f"eenplan_backup_restored_{suffix}")
    with psycopg.connect(SERVER_URL, autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_database(SERVER_URL, names[0]), with_database(SERVER_URL, names[1])
    finally:
        with psycopg.connect(SERVER_URL, autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres_only
@pytest.mark.skipif(not SERVER_URL.startswith("postgres"), reason="needs PostgreSQL: scripts/with-postgres.sh")
def test_postgresql_backup_restored_into_an_empty_database_loses_nothing(postgres_databases, tmp_path):
    source_url, restored_url = postgres_databases
    source = production_env(tmp_path, DATABASE_URL=source_url, PG_BIN_DIR="/usr/lib/postgresql/15/bin")
    restored = {**source, "DATABASE_URL": restored_url}
    assert_nothing_lost(run_pipeline(tmp_path, source, restored))
