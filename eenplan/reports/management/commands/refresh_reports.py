# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py refresh_reports`: compute the outcomes summary anew (run nightly, e.g. from cron). With
`--enqueue` the work goes to the task worker instead. Prints counts only."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Compute the outcomes summary of the reports anew (nightly)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Hand the work to the task worker.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            from eenplan.reports.tasks import refresh_summary

            refresh_summary.enqueue()
            self.stdout.write("Refresh of the outcomes summary enqueued.")
            return
        from eenplan.reports.summary import refresh

        run = refresh()
        self.stdout.write(f"Outcomes summary computed: {run.fact_count} counts in {run.seconds} s.")
