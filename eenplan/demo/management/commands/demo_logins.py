# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py demo_logins`: print the demo accounts, their password, TOTP secret and the current code."""

from __future__ import annotations

import base64
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django_otp.oath import totp

from eenplan.accounts.models import Membership, OrganisationType, User
from eenplan.demo.data import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DEMO_TOTP_HEX_KEY, NAMED_LOGINS


def _where(membership: Membership) -> str:
    """A wijkteam member's team ("Wijkteam Noord", as README.md lists them), else the organisation."""
    if membership.team is not None and membership.organisation.type == OrganisationType.WIJKTEAM:
        return membership.team.name
    return membership.organisation.name


class Command(BaseCommand):
    help = "Print the demo logins (only accounts of the demo domain exist with this password)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo logins are for development only: run with DEBUG=1.")
        translation.activate("nl")
        emails = [f"{local}@{DEMO_EMAIL_DOMAIN}" for local, *_rest in NAMED_LOGINS]
        users = {
            u.email: u
            for u in User.objects.filter(email__in=emails).prefetch_related(
                "memberships__organisation", "memberships__team"
            )
        }
        if not users:
            self.stdout.write(
                "Geen demo-accounts gevonden. Laad eerst de demodata: make run (of: DEBUG=1 python manage.py seed_demo)"
            )
            return
        secret = base64.b32encode(bytes.fromhex(DEMO_TOTP_HEX_KEY)).decode()
        code = f"{totp(bytes.fromhex(DEMO_TOTP_HEX_KEY)):06d}"
        self.stdout.write("")
        self.stdout.write("Demo-inloggegevens (alleen voor de demo):")
        self.stdout.write(f"  wachtwoord voor iedereen : {DEMO_PASSWORD}")
        self.stdout.write(f"  TOTP-sleutel (base32)    : {secret}")
        self.stdout.write(f"  code op dit moment       : {code}   (nieuwe code: make demo-logins)")
        self.stdout.write("")
        for email in emails:
            user = users.get(email)
            if user is None:
                continue
            roles = ", ".join(f"{m.get_role_display()} — {_where(m)}" for m in user.memberships.all())
            self.stdout.write(f"  {email:<32} {roles}")
        self.stdout.write("")
