# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Passkeys (WebAuthn) as an optional second factor beside TOTP, through django-otp-webauthn.

A passkey is a django-otp device (`WebAuthnCredential`): a login verified with it counts as verified, exactly as one
verified with a TOTP code. The authenticator app stays mandatory (every professional links one at the first login);
a passkey is an extra, quicker way through the second step. Only for professionals: Mijn EenPlan uses DigiD.

Each passkey added, removed or used is an `AccountEvent`; the administrator's "reset the second step" removes the
passkeys with the authenticator app (`eenplan.accounts.services.reset_mfa`). Nothing here writes to the log output.
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from eenplan.accounts.models import AccountEvent, AccountEventKind, User

# The session key of the name the user typed before the browser creates the passkey (step 1 of adding one).
PENDING_NAME_KEY = "eenplan_passkey_name"
NAME_MAX_LENGTH = 64  # django-otp's Device.name


class PasskeyHelper(WebAuthnHelper):
    """django-otp-webauthn's helper with EenPlan's names and origins.

    With the relying party "localhost" (make run, the browser tests on pytest-django's live server) any port of
    http://localhost is an allowed origin: the live server picks a free port. Elsewhere only the configured origins
    (PASSKEY_ORIGINS, else SITE_URL's) count."""

    def get_allowed_origins(self) -> list[str]:
        origins = list(super().get_allowed_origins())
        if self.get_relying_party_domain() == "localhost":
            origin = f"{self.request.scheme}://{self.request.get_host()}"
            if urlsplit(origin).hostname == "localhost" and origin not in origins:
                origins.append(origin)
        return origins

    def create_credential(self, user: AbstractBaseUser, *args: Any, **kwargs: Any) -> Any:
        """The new passkey gets the name typed in step 1 (kept in the session), or a plain default."""
        device = super().create_credential(user, *args, **kwargs)
        name = str(self.request.session.pop(PENDING_NAME_KEY, "") or "").strip()
        device.name = name[:NAME_MAX_LENGTH] or _("Passkey")
        return device


def passkeys_of(user: User) -> models.QuerySet[WebAuthnCredential]:
    """The user's own passkeys, oldest first."""
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def has_passkey(user: User) -> bool:
    return passkeys_of(user).exists()


def possible_here(request: HttpRequest) -> bool:
    """Browsers refuse passkeys on an IP address (e.g. http://127.0.0.1:8000): offer them only on a name."""
    hostname = urlsplit(f"//{request.get_host()}").hostname or ""
    try:
        ipaddress.ip_address(hostname)
    except ValueError:
        return True
    return False


def _record(device: WebAuthnCredential, kind: str, *, by_id: int) -> None:
    """An account event about this passkey, named by its name."""
    AccountEvent.objects.create(user_id=device.user_id, kind=kind, by_id=by_id, detail=device.name)


def record_added(device: WebAuthnCredential) -> None:
    _record(device, AccountEventKind.PASSKEY_ADDED, by_id=device.user_id)


def record_used(device: WebAuthnCredential) -> None:
    _record(device, AccountEventKind.PASSKEY_USED, by_id=device.user_id)


@transaction.atomic
def remove(device: WebAuthnCredential, *, by: User) -> None:
    """The account holder removes one of their passkeys. The authenticator app stays, so the login keeps its second
    step."""
    _record(device, AccountEventKind.PASSKEY_REMOVED, by_id=by.pk)
    device.delete()


def remove_all(user: User) -> int:
    """Every passkey of the account (the administrator's reset, switching an account off); the caller records the
    event with its reason."""
    _total, removed = WebAuthnCredential.objects.filter(user=user).delete()
    return removed.get(WebAuthnCredential._meta.label, 0)
