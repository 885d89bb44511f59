# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py seed_demo [--scale demo|large] [--seed N] [--if-empty]`: load deterministic demo data."""

from __future__ import annotations

import datetime
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from eenplan.demo.data import SCALES, DemoDataBuilder, database_is_empty

# Tasks that tell a person about something (an e-mail) or another system (a webhook): demo data is not news, so the
# seed drops the ones it queued; otherwise `make run`'s worker would start by sending a burst of e-mails about it.
MESSAGE_TASKS = (
    "eenplan.notifications.tasks.send_notification_email",
    "eenplan.collaboration.tasks.send_conference_invitation",
    "eenplan.api.webhooks.deliver_referral_event",
)


def drop_queued_messages(since: datetime.datetime) -> int:
    """Remove the message tasks queued since `since` from the database task queue; the number removed."""
    if "django_tasks_db" not in settings.INSTALLED_APPS:
        return 0
    from django_tasks_db.models import DBTaskResult

    removed, _per_model = DBTaskResult.objects.filter(task_path__in=MESSAGE_TASKS, enqueued_at__gte=since).delete()
    return removed


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
        seeding_since = timezone.now()

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
        dropped = drop_queued_messages(seeding_since)
        if dropped:
            self.stdout.write(f"  {dropped} meldingen over demodata niet verstuurd (geen e-mails bij de start).")
        for part, seconds in builder.timings.items():
            self.stdout.write(f"  {seconds:7.1f}s  {part}")
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ({options['scale']}) loaded in {time.monotonic() - started:.1f}s.")
        )
