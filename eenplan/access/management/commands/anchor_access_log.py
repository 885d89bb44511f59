# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py anchor_access_log`: write a signed checkpoint of the access log outside the database.

Run it periodically (docs/privacy.md, "Threat model of the access log"). It first checks the entries written since
the newest valid anchor (all entries the first time) and refuses to anchor a log that does not verify.
"""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from eenplan.access import log_anchors
from eenplan.access.log import verify_chain
from eenplan.access.models import AccessLogEntry


class Command(BaseCommand):
    help = "Write a signed anchor (newest entry, its hash, the count) of the access log to ACCESS_LOG_ANCHOR_DIR."

    def handle(self, *args: Any, **options: Any) -> None:
        directory = settings.ACCESS_LOG_ANCHOR_DIR
        anchors, problems = log_anchors.load(directory)
        for problem in problems:
            self.stderr.write(f"WARNING: anchor {problem.name}: {problem.problem}; run verify_access_log.")
        newest = max(anchors, key=lambda anchor: anchor.entry_id, default=None)
        if newest is not None:
            stored = AccessLogEntry.objects.filter(pk=newest.entry_id).values_list("entry_hash", flat=True).first()
            if stored != newest.entry_hash:
                self.stderr.write(f"NOT ANCHORED: anchor {newest.name}: its entry is gone or changed.")
                sys.exit(1)
        report = verify_chain(since=newest)
        if not report.ok:
            self.stderr.write(f"NOT ANCHORED: entry #{report.broken_entry_id}: {report.problem}.")
            sys.exit(1)
        if report.last_entry_id is None:
            self.stdout.write("The access log is empty: nothing to anchor.")
            return
        path = log_anchors.write(
            directory,
            entry_id=report.last_entry_id,
            entry_hash=report.last_hash,
            entries=report.entries,
            legacy_entries=report.legacy,
        )
        self.stdout.write(f"Anchored entry #{report.last_entry_id} ({report.entries} entries) in {path}.")
