# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py verify_access_log`: checks the keyed chain and every anchor; OK, or every finding and exit 1."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from eenplan.access import log_anchors
from eenplan.access.log import verify_chain


class Command(BaseCommand):
    help = "Verify the keyed hash chain of the access log against the anchors in ACCESS_LOG_ANCHOR_DIR."

    def handle(self, *args: Any, **options: Any) -> None:
        anchors, problems = log_anchors.load(settings.ACCESS_LOG_ANCHOR_DIR)
        report = verify_chain(anchors, problems)
        legacy = f" ({report.legacy} of them legacy, unkeyed, from before the log was keyed)" if report.legacy else ""
        if report.ok:
            self.stdout.write(f"OK: {report.entries} entries{legacy}, the chain is intact.")
            if anchors:
                self.stdout.write(f"OK: {len(anchors)} anchors agree with the log.")
            else:
                self.stdout.write(
                    f"WARNING: no anchors in {settings.ACCESS_LOG_ANCHOR_DIR}: removing the newest entries would go"
                    " unnoticed. Run anchor_access_log periodically."
                )
            return
        if report.broken_entry_id is not None:
            self.stderr.write(
                f"BROKEN: entry #{report.broken_entry_id}: {report.problem}."
                f" {report.checked} entries before it are intact."
            )
        for finding in report.findings:
            if not finding.startswith(f"entry #{report.broken_entry_id}:"):
                self.stderr.write(f"BROKEN: {finding}.")
        self.stderr.write(f"{report.entries} entries{legacy}, {len(anchors)} anchors checked.")
        sys.exit(1)
