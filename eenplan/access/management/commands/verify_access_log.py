"""`python manage.py verify_access_log`: prints OK, or the first broken entry and exits non-zero."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from eenplan.access.log import verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the access log."

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if report.ok:
            self.stdout.write(f"OK: {report.checked} entries, the chain is intact.")
            return
        self.stderr.write(
            f"BROKEN: entry #{report.broken_entry_id}: {report.problem}. {report.checked} entries before it are intact."
        )
        sys.exit(1)
