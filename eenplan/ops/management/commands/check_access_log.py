"""`python manage.py check_access_log`: verify_access_log, and remember the result for the metrics."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from eenplan.access.log import verify_chain
from eenplan.ops.models import AccessLogCheck


class Command(BaseCommand):
    help = "Verify the hash chain of the access log and record the result (eenplan_access_log_chain_* metrics)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        AccessLogCheck.objects.create(
            intact=report.ok, entries_checked=report.checked, broken_entry_id=report.broken_entry_id
        )
        if report.ok:
            self.stdout.write(f"OK: {report.checked} entries, the chain is intact.")
            return
        self.stderr.write(
            f"BROKEN: entry #{report.broken_entry_id}: {report.problem}. {report.checked} entries before it are intact."
        )
        sys.exit(1)
