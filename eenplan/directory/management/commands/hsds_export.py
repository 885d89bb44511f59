# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py hsds_export [--output FILE]`: the sociale kaart as an Open Referral HSDS 3.0 JSON document."""

from __future__ import annotations

import json
import pathlib
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from eenplan.directory.hsds.export import export_directory


class Command(BaseCommand):
    help = "Export the sociale kaart as Open Referral HSDS 3.0 JSON (a page of organizations with their services)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", help="File to write; standard output when left out.")

    def handle(self, *args: Any, **options: Any) -> None:
        text = json.dumps(export_directory(), ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            path = pathlib.Path(options["output"])
            path.write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {path}.")
        else:
            self.stdout.write(text, ending="")
