# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py seed_follow_up_assessments [--seed N] [--batch-size N] [--no-refresh]`: give an already seeded
demo or bench database its follow-up assessments (eenplan.demo.outcomes), then compute the outcomes summary anew.
Does nothing when any resident already has a follow-up, so running it twice is safe. `seed_demo` does the same
step itself; this command is for databases seeded before it did."""

from __future__ import annotations

import random
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from eenplan.demo.outcomes import build_follow_up_assessments


class Command(BaseCommand):
    help = "Add follow-up assessments to seeded demo data (idempotent) and refresh the outcomes summary."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--no-refresh", action="store_true", help="Do not compute the outcomes summary anew.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:  # made-up assessments belong in demo and bench databases only
            raise CommandError("Demo data is for development only: run with DEBUG=1, never against production.")
        started = time.monotonic()

        def progress(message: str) -> None:
            self.stdout.write(f"[{time.monotonic() - started:7.1f}s] {message}")
            self.stdout.flush()

        added = build_follow_up_assessments(
            random.Random(f"{options['seed']}:follow-ups"),
            timezone.localdate(),
            batch_size=options["batch_size"],
            progress=progress,
        )
        if not added:
            self.stdout.write("Geen vervolgtaxaties toegevoegd (er zijn er al, of er is geen standaardinstrument).")
            return
        self.stdout.write(f"{added} vervolgtaxaties toegevoegd in {time.monotonic() - started:.1f}s.")
        if not options["no_refresh"]:
            from eenplan.reports.summary import refresh

            run = refresh()
            self.stdout.write(f"Outcomes summary computed: {run.fact_count} counts in {run.seconds} s.")
