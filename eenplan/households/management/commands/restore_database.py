# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py restore_database FILE`: restore a backup of backup_database into the configured, EMPTY database.

PostgreSQL: `pg_restore --single-transaction --exit-on-error` into the database of DATABASE_URL, which must hold no
tables (create it first: `createdb`); a restore never mixes with existing data. SQLite: the backup API copies the
file into SQLITE_PATH, which must not exist yet or hold no tables. Then run `manage.py verify_access_log`, and
`manage.py migrate` when the code is newer than the backup (docs/deployment.md, "Backup and restore").
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from eenplan.households.management.commands.backup_database import pg_environment, pg_tool


class Command(BaseCommand):
    help = "Restore a backup_database file into the configured database, which must be empty."

    # Checks may query the database, which is empty until the restore: they run afterwards, not before.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The backup file (pg_dump custom format, or SQLite).")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")
        parser.add_argument("--pg-bin", default=None, help="Directory of pg_restore (default: PATH, then Debian's).")

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["file"]
        if not source.is_file():
            raise CommandError(f"The backup {source} does not exist.")
        alias = options["database"]
        database = settings.DATABASES[alias]
        vendor = database["ENGINE"].rsplit(".", 1)[-1]
        if vendor not in {"sqlite3"} and not vendor.startswith("postgresql"):
            raise CommandError(f"No restore for the {vendor} database engine.")
        connection = connections[alias]
        tables = connection.introspection.table_names()
        if tables:
            raise CommandError(
                f"The database {database['NAME']} is not empty ({len(tables)} tables); restore into a new database."
            )
        connection.close()
        if vendor == "sqlite3":
            self.restore_sqlite(source, Path(database["NAME"]))
        else:
            self.restore_postgresql(source, database, options["pg_bin"])
        self.stdout.write(
            self.style.SUCCESS(f"Restored {source} into {database['NAME']}. Next: manage.py verify_access_log.")
        )

    def restore_sqlite(self, source: Path, target: Path) -> None:
        with source.open("rb") as header:
            if header.read(16) != b"SQLite format 3\x00":
                raise CommandError(f"{source} is not an SQLite backup.")
        origin, copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True), sqlite3.connect(target)
        try:
            origin.backup(copy)
        finally:
            copy.close()
            origin.close()

    def restore_postgresql(self, source: Path, database: Mapping[str, Any], bin_dir: str | None) -> None:
        command = [
            pg_tool("pg_restore", bin_dir),
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            f"--dbname={database['NAME']}",
            str(source),
        ]
        result = subprocess.run(command, env=pg_environment(database), capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
