# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`manage.py create_first_admin`: the first functional administrator of a fresh installation.

Makes (or finds) the municipality's organisation, an account with the functional administrator's role in it, and
prints the one-time invitation path: the administrator opens it, chooses a password and links an authenticator app.
Refuses when an active functional administrator exists already (use the account pages then).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from eenplan.accounts.models import (
    AccountEvent,
    AccountEventKind,
    Membership,
    Organisation,
    OrganisationType,
    Role,
    User,
)
from eenplan.accounts.services import invitation_path


class Command(BaseCommand):
    help = "Create the first functional administrator and print a one-time link to set the password and TOTP."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True, help="the administrator's work e-mail address")
        parser.add_argument("--name", required=True, help="the administrator's full name")
        parser.add_argument(
            "--organisation", default="Gemeente", help="the municipality's organisation (made when missing)"
        )
        parser.add_argument(
            "--base-url", default="", help="scheme and host of the site, e.g. https://eenplan.gemeente.nl"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = str(options["email"]).strip().lower()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError("Not a valid e-mail address.") from error
        today = timezone.localdate()
        admins = Membership.objects.filter(
            Q(until__isnull=True) | Q(until__gte=today), role=Role.FUNCTIONAL_ADMIN, user__is_active=True
        )
        if admins.exists():
            raise CommandError("There is a functional administrator already; invite colleagues on /medewerkers/.")
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError("An account with this e-mail address exists already.")
        with transaction.atomic():
            organisation, _created = Organisation.objects.get_or_create(
                name=options["organisation"], defaults={"type": OrganisationType.WERK_EN_INKOMEN}
            )
            if organisation.type != OrganisationType.WERK_EN_INKOMEN:
                raise CommandError("That organisation exists and is not the municipality (type werk_inkomen).")
            user = User.objects.create_user(email=email, password=None, full_name=str(options["name"]).strip())
            Membership.objects.create(user=user, organisation=organisation, role=Role.FUNCTIONAL_ADMIN)
            AccountEvent.objects.create(user=user, kind=AccountEventKind.INVITED, detail="create_first_admin")
        self.stdout.write(f"Account {user.pk} created as functional administrator of {organisation.name}.")
        self.stdout.write("Open this link (once) to choose a password and link an authenticator app:")
        self.stdout.write(f"{options['base_url'].rstrip('/')}{invitation_path(user)}")
