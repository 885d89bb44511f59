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

from eenplan.accounts.models import User
from eenplan.demo.data import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DEMO_TOTP_HEX_KEY, NAMED_LOGINS


class Command(BaseCommand):
    help = "Print the demo logins (only accounts of the demo domain exist with this password)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo logins are for development only: run with DEBUG=1.")
        translation.activate("nl")
        emails = [f"{local}@{DEMO_EMAIL_DOMAIN}" for local, *_rest in NAMED_LOGINS]
        users = {
            u.email: u for u in User.objects.filter(email__in=emails).prefetch_related("memberships__organisation")
        }
        if not users:
            self.stdout.write("Geen demo-accounts gevonden. Draai eerst: python manage.py seed_demo")
            return
        secret = base64.b32encode(bytes.fromhex(DEMO_TOTP_HEX_KEY)).decode()
        code = f"{totp(bytes.fromhex(DEMO_TOTP_HEX_KEY)):06d}"
        self.stdout.write("")
        self.stdout.write("Demo-inloggegevens (alleen voor de demo):")
        self.stdout.write(f"  wachtwoord voor iedereen : {DEMO_PASSWORD}")
        self.stdout.write(f"  TOTP-sleutel (base32)    : {secret}")
        self.stdout.write(f"  code op dit moment       : {code}   (nieuwe code: python manage.py demo_logins)")
        self.stdout.write("")
        for email in emails:
            user = users.get(email)
            if user is None:
                continue
            roles = ", ".join(f"{m.get_role_display()} — {m.organisation.name}" for m in user.memberships.all())
            self.stdout.write(f"  {email:<32} {roles}")
        self.stdout.write("")
