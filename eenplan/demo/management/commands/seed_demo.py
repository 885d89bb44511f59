# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py seed_demo [--scale demo|large] [--seed N] [--if-empty]`: load deterministic demo data."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from eenplan.demo.data import SCALES, DemoDataBuilder, database_is_empty


class Command(BaseCommand):
    help = "Load deterministic demo data (Faker nl_NL). --scale large creates DESIGN.md §6's volumes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="demo")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds organisations.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:  # demo accounts share a published password and TOTP secret (eenplan.E007)
            raise CommandError("Demo data is for development only: run with DEBUG=1, never against production.")
        if not database_is_empty():
            if options["if_empty"]:
                self.stdout.write("De database bevat al gegevens; demodata overgeslagen.")
                return
            raise CommandError("The database already holds data. Use an empty database for demo data.")
        started = time.monotonic()

        def progress(message: str) -> None:
            self.stdout.write(f"[{time.monotonic() - started:7.1f}s] {message}")
            self.stdout.flush()

        builder = DemoDataBuilder(
            SCALES[options["scale"]],
            seed=options["seed"],
            progress=progress,
            batch_size=options["batch_size"],
        )
        builder.build()
        for part, seconds in builder.timings.items():
            self.stdout.write(f"  {seconds:7.1f}s  {part}")
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ({options['scale']}) loaded in {time.monotonic() - started:.1f}s.")
        )
