# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py purge_intake_requests`: remove declined requests for help after their retention period and
clear sender digests older than the rate-limit window (run daily). Prints counts only, never personal data."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from eenplan.intake import retention


class Command(BaseCommand):
    help = (
        "Remove requests for help declined (or withdrawn) longer ago than INTAKE_DECLINED_RETENTION_DAYS "
        "(default 42) and clear sender digests older than the rate-limit window."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be removed or cleared.")

    def handle(self, *args: Any, **options: Any) -> None:
        result = retention.purge(dry_run=options["dry_run"])
        days = retention.declined_retention().days
        verb = ("would be removed", "would be cleared") if options["dry_run"] else ("removed", "cleared")
        self.stdout.write(f"{result.removed} declined request(s) for help older than {days} days {verb[0]}.")
        self.stdout.write(f"{result.digests_cleared} sender digest(s) older than the rate-limit window {verb[1]}.")
