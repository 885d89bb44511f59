# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py backup_database FILE`: a consistent backup of the whole database, with the standard tools.

PostgreSQL: `pg_dump --format=custom` (one file, restored with pg_restore, see restore_database). SQLite: Python's
sqlite3 backup API, the same online backup as the sqlite3 shell's `.backup`, safe while the application runs.
The backup holds BSNs only encrypted; the keys (FIELD_ENCRYPTION_KEYS, ACCESS_LOG_KEYS) are never in it and must be
kept apart from it (docs/deployment.md, "Backup and restore").
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

# Debian's PostgreSQL packages keep pg_dump and pg_restore per version outside PATH.
PG_BIN_DIRS = ["/usr/lib/postgresql/15/bin"]


def pg_tool(name: str, bin_dir: str | None = None) -> str:
    """The path of pg_dump or pg_restore: from --pg-bin / PG_BIN_DIR, else PATH, else Debian's version directory."""
    for directory in [bin_dir or os.environ.get("PG_BIN_DIR", "")]:
        if directory and (Path(directory) / name).is_file():
            return str(Path(directory) / name)
    found = shutil.which(name)
    if found:
        return found
    for directory in PG_BIN_DIRS:
        if (Path(directory) / name).is_file():
            return str(Path(directory) / name)
    raise CommandError(f"{name} was not found; install the PostgreSQL client or pass --pg-bin.")


def pg_environment(database: Mapping[str, Any]) -> dict[str, str]:
    """The libpq environment for the Django database settings: the password never on a command line."""
    env = dict(os.environ)
    for variable, key in [("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")]:
        if database.get(key):
            env[variable] = str(database[key])
    env["PGDATABASE"] = str(database["NAME"])
    return env


class Command(BaseCommand):
    help = "Back up the whole database to one file (pg_dump custom format, or the SQLite backup API)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The backup file to write; it must not exist yet.")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")
        parser.add_argument("--pg-bin", default=None, help="Directory of pg_dump (default: PATH, then Debian's).")

    def handle(self, *args: Any, **options: Any) -> None:
        target: Path = options["file"]
        if target.exists():
            raise CommandError(f"{target} exists already; a backup never overwrites a file.")
        database = settings.DATABASES[options["database"]]
        vendor = database["ENGINE"].rsplit(".", 1)[-1]
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        try:
            if vendor == "sqlite3":
                self.backup_sqlite(Path(database["NAME"]), partial)
            elif vendor.startswith("postgresql"):
                self.backup_postgresql(database, partial, options["pg_bin"])
            else:
                raise CommandError(f"No backup for the {vendor} database engine.")
            partial.rename(target)  # only a finished backup carries the name asked for
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(self.style.SUCCESS(f"Backup written: {target} ({target.stat().st_size} bytes)."))

    def backup_sqlite(self, source: Path, target: Path) -> None:
        if not source.is_file():
            raise CommandError(f"The SQLite database {source} does not exist.")
        origin, copy = sqlite3.connect(source), sqlite3.connect(target)
        try:
            origin.backup(copy)
        finally:
            copy.close()
            origin.close()

    def backup_postgresql(self, database: Mapping[str, Any], target: Path, bin_dir: str | None) -> None:
        command = [pg_tool("pg_dump", bin_dir), "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
        result = subprocess.run(command, env=pg_environment(database), capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
