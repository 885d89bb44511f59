# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py hsds_import FILE`: import an Open Referral HSDS 3.0 JSON document into the sociale kaart.

Prints what was decided per record and exits non-zero when anything was rejected (then nothing is imported).
"""

from __future__ import annotations

import pathlib
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from eenplan.directory.hsds.importer import (
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_MEGABYTES,
    ImportReport,
    import_directory,
    parse_document,
)


def report_lines(report: ImportReport) -> list[str]:
    lines = [f"document: {error}" for error in report.errors]
    for record in report.records:
        verdict = "REJECTED" if not record.accepted else (record.action or "accepted")
        lines.append(f"{verdict:9} {record.kind:12} {record.id or '-'}  {record.name or '-'}  ({record.path})")
        lines.extend(f"          - {reason}" for reason in record.reasons)
        lines.extend(f"          · {note}" for note in record.notes)
    return lines


class Command(BaseCommand):
    help = "Import an Open Referral HSDS 3.0 JSON file into the sociale kaart: all records, or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The HSDS JSON file (a page of organizations with their services).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = pathlib.Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        if len(data) > MAX_UPLOAD_BYTES:
            raise CommandError(f"{path} is larger than {MAX_UPLOAD_MEGABYTES} MB. Nothing was imported.")
        try:
            document = parse_document(data)
        except ValueError as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        report = import_directory(document)
        for line in report_lines(report):
            self.stdout.write(line)
        if not report.imported:
            raise CommandError(
                f"Nothing was imported: {len(report.rejected)} of {len(report.records)} records rejected"
                f"{', and the file as a whole has problems' if report.errors else ''}."
            )
        self.stdout.write(f"All {len(report.records)} records were imported.")
