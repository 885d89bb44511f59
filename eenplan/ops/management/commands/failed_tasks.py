# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py failed_tasks`: list permanently failed background tasks; `--rerun ID …` or `--rerun-all`."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from eenplan.ops.tasks import permanently_failed, rerun


class Command(BaseCommand):
    help = "List background tasks that failed their last attempt, and enqueue them again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rerun", nargs="+", metavar="ID", default=[], help="enqueue these failed tasks again")
        parser.add_argument("--rerun-all", action="store_true", help="enqueue every permanently failed task again")

    def handle(self, *args: Any, **options: Any) -> None:
        failed = permanently_failed()
        for value in options["rerun"]:
            try:
                uuid.UUID(value)
            except ValueError:
                raise CommandError(f"{value!r} is not a task id.") from None
        if options["rerun_all"] or options["rerun"]:
            chosen = failed if options["rerun_all"] else failed.filter(pk__in=options["rerun"])
            found = list(chosen)
            missing = set(options["rerun"]) - {str(result.pk) for result in found}
            if missing and not options["rerun_all"]:
                raise CommandError(f"No permanently failed task with id {', '.join(sorted(missing))}.")
            for result in found:
                try:
                    new_id = rerun(result)
                except ImportError:
                    self.stderr.write(f"{result.pk}: task {result.task_path} no longer exists; left as it is.")
                    continue
                self.stdout.write(f"{result.pk}: enqueued again as {new_id}")
            return
        rows = list(failed)
        if not rows:
            self.stdout.write("No permanently failed tasks.")
            return
        for result in rows:
            # The error's class only: its message or traceback could hold an e-mail address.
            self.stdout.write(
                f"{result.pk}  {result.finished_at:%Y-%m-%d %H:%M}  {result.task_path}  {result.exception_class_path}"
                f"  attempts={result.args_kwargs.get('kwargs', {}).get('attempt', 1)}"
            )
        self.stdout.write(f"{len(rows)} permanently failed; re-run with --rerun ID or --rerun-all.")
