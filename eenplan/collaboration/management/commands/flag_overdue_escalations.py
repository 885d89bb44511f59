# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py flag_overdue_escalations`: flag and notify once per escalation without a decision in time
(run daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from eenplan.collaboration.services import flag_overdue_escalations


class Command(BaseCommand):
    help = "Flag escalations that have had no decision before their date, and notify decider and raiser."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{flag_overdue_escalations()} overdue escalation(s) flagged.")
