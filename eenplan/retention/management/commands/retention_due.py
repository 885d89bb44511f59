# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py retention_due`: list what is past its retention period in a review for a functional
administrator to confirm (run daily). Removes nothing. Prints numbers only, never names."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from eenplan.retention import due
from eenplan.retention.models import RetentionSubject


class Command(BaseCommand):
    help = (
        "List the households whose help ended longer ago than the retention period of their legal basis in a new "
        "review (confirm it in /beheer/, then run retention_apply); count access-log entries past the log's period."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, default=None, help="Count as if it were this day (YYYY-MM-DD)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today: datetime.date | None = options["today"]
        review = due.list_due(today)
        if review is None:
            self.stdout.write("No household newly past its retention period.")
        else:
            self.stdout.write(
                f"Review #{review.pk}: {review.households} household(s) past their retention period, waiting for"
                " confirmation by a functional administrator."
            )
        years = due.period_years(RetentionSubject.ACCESS_LOG)
        if years is not None:
            self.stdout.write(
                f"Access log: {due.access_log_past_period(today)} entries older than {years} years; kept"
                " (append-only, never removed by the application; docs/privacy.md#retention)."
            )
