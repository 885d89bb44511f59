# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py flag_overdue_referrals`: notify referrer and regisseur once per late referral (run hourly)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from eenplan.referrals.services import flag_overdue


class Command(BaseCommand):
    help = "Notify referrers and regisseurs about referrals without an answer before their deadline."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{flag_overdue()} overdue referral(s) flagged.")
