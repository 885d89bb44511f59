# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py retention_apply`: carry out every retention review a functional administrator confirmed
(run daily, after retention_due). Prints numbers only, never names."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from eenplan.retention import removal
from eenplan.retention.models import RetentionReview, ReviewStatus


class Command(BaseCommand):
    help = (
        "Remove (or, where removal is refused, anonymise) the households of confirmed retention reviews that are "
        "still due, and record per review what was done. Unconfirmed reviews are left alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, default=None, help="Check as if it were this day (YYYY-MM-DD)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        confirmed = list(RetentionReview.objects.filter(status=ReviewStatus.CONFIRMED).order_by("id"))
        if not confirmed:
            self.stdout.write("No confirmed retention review to carry out.")
        for review in confirmed:
            done = removal.carry_out(review, options["today"])
            self.stdout.write(
                f"Review #{done.pk}: {done.removed} household(s) removed, {done.anonymised} anonymised,"
                f" {done.skipped} skipped (no longer due)."
            )
