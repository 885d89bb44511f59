# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py check_access_log`: runs verify_access_log (chain and anchors) and remembers the outcome for the
metrics (eenplan_access_log_chain_*); prints what verify_access_log prints and exits as it does."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db.models import Max

from eenplan.access.models import AccessLogEntry
from eenplan.ops.models import AccessLogCheck


class Command(BaseCommand):
    help = "verify_access_log, and record whether the access log was intact (for the Prometheus metrics)."

    def handle(self, *args: Any, **options: Any) -> None:
        newest = AccessLogEntry.objects.aggregate(newest=Max("id"))["newest"] or 0
        try:
            call_command("verify_access_log", stdout=self.stdout, stderr=self.stderr)
        except SystemExit as exit_:
            AccessLogCheck.objects.create(intact=exit_.code in (0, None), entries_checked=newest)
            raise
        AccessLogCheck.objects.create(intact=True, entries_checked=newest)
