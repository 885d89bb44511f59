# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The account holder's own security page (*beveiliging*): the authenticator app, and passkeys to add, list and
remove; and django-otp-webauthn's four ceremony endpoints with EenPlan's rules (eenplan.accounts.passkey_urls).

Adding a passkey takes two steps: the name (a plain form), then the browser's own dialog (the library's script,
served from this site under the CSP). Using one is the "Use your passkey" button on the code step of the login.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import views as webauthn_views
from django_otp_webauthn.models import AbstractWebAuthnCredential, WebAuthnCredential

from eenplan.accounts import passkeys, totp
from eenplan.accounts.middleware import mfa_not_required
from eenplan.accounts.models import User
from eenplan.accounts.redirects import safe_next


class PasskeyNameForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the passkey"),
        max_length=passkeys.NAME_MAX_LENGTH,
        help_text=gettext_lazy("So that you recognise it later, for example “Laptop at work” or “My phone”."),
        error_messages={
            "required": gettext_lazy("Give the passkey a name."),
            "max_length": gettext_lazy("The name can have at most %(limit_value)d characters."),
        },
    )


def _own_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def security(request: HttpRequest) -> HttpResponse:
    """The account holder's second step: the authenticator app (mandatory) and their passkeys (optional). POST is
    step 1 of adding a passkey: its name, kept in the session for the browser's dialog of step 2."""
    user = _own_user(request)
    form = PasskeyNameForm(request.POST or None, auto_id="passkey_%s")
    if request.method == "POST" and form.is_valid():
        request.session[passkeys.PENDING_NAME_KEY] = form.cleaned_data["name"].strip()
        return redirect("accounts:passkey_add")
    context = {
        "form": form,
        "passkeys": passkeys.passkeys_of(user),
        "has_authenticator": totp.confirmed_device(user) is not None,
        "possible_here": passkeys.possible_here(request),
    }
    return render(request, "accounts/security.html", context, status=400 if form.errors else 200)


def passkey_add(request: HttpRequest) -> HttpResponse:
    """Step 2 of adding a passkey: the button that opens the browser's dialog (django-otp-webauthn's script)."""
    name = request.session.get(passkeys.PENDING_NAME_KEY)
    if not name:
        return redirect("accounts:security")
    return render(
        request, "accounts/passkey_add.html", {"name": name, "possible_here": passkeys.possible_here(request)}
    )


def passkey_remove(request: HttpRequest, passkey_id: int) -> HttpResponse:
    """Remove one of one's own passkeys, after a confirmation page; another user's passkey answers 404."""
    user = _own_user(request)
    device = get_object_or_404(WebAuthnCredential, pk=passkey_id, user=user)
    if request.method == "POST":
        passkeys.remove(device, by=user)
        messages.success(request, _("The passkey “%(name)s” has been removed.") % {"name": device.name})
        return redirect("accounts:security")
    return render(request, "accounts/passkey_remove.html", {"passkey": device})


# -- django-otp-webauthn's endpoints with EenPlan's rules ------------------------------------------------------------
# Registration needs a verified login (RequireVerifiedLoginMiddleware): a passkey is never a way around the
# authenticator app. Authentication is the code step's alternative, so it is open to a login that has only passed
# the password (mfa_not_required), never to an anonymous visitor (LoginRequiredMiddleware): no passwordless login.


class CompleteRegistration(webauthn_views.CompleteCredentialRegistrationView):
    """Saves the passkey (named by PasskeyHelper) and records it as an account event."""

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().post(*args, **kwargs)
        device = WebAuthnCredential.objects.get(pk=json.loads(response.content)["id"])
        passkeys.record_added(device)
        messages.success(self.request, _("Your passkey “%(name)s” has been added.") % {"name": device.name})
        return response


class CompleteAuthentication(webauthn_views.CompleteCredentialAuthenticationView):
    """Verifies the login as a TOTP code does (django-otp's otp_login, in the library), records the use, and sends
    the user where the code step would: `next` when it is a place on this site, else the start page."""

    def complete_auth(self, device: AbstractWebAuthnCredential) -> None:
        super().complete_auth(device)
        assert isinstance(device, WebAuthnCredential)
        passkeys.record_used(device)

    def get_success_url(self) -> str:
        return safe_next(self.request, self.request.GET.get("next"))


def _as_ours(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """The library's view as one of this module (its attributes kept, e.g. csrf_exempt): the door's URL walk
    (tests/access/test_access_door.py) counts it with the accounts views, which hold no household data."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return view(request, *args, **kwargs)

    wrapped.__module__ = __name__
    return wrapped


begin_registration = _as_ours(webauthn_views.BeginCredentialRegistrationView.as_view())
complete_registration = CompleteRegistration.as_view()
begin_authentication = _as_ours(mfa_not_required(webauthn_views.BeginCredentialAuthenticationView.as_view()))
complete_authentication = mfa_not_required(CompleteAuthentication.as_view())
# The library's script texts (Dutch in its own catalogue); read on the code step too, before the login is verified.
script_texts = _as_ours(mfa_not_required(JavaScriptCatalog.as_view(packages=["django_otp_webauthn"])))
