# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Login, MFA enrolment and verification, logout."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from eenplan.accounts import passkeys, totp
from eenplan.accounts.forms import EmailAuthenticationForm, PasswordResetRequestForm, TokenForm
from eenplan.accounts.middleware import extended_session, mfa_not_required
from eenplan.accounts.models import AccountEvent, AccountEventKind, User
from eenplan.accounts.redirects import is_same_site, safe_next
from eenplan.accounts.tokens import invitation_tokens


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_redirect_url(self) -> str:  # type: ignore[override]  # the stubs add a parameter Django 5.2 lacks
        """Only a place on this site ("foo" would be followed relative to the login page by Django's own check)."""
        target = super().get_redirect_url()
        return target if is_same_site(self.request, target) else ""


login_view = mfa_not_required(LoginView.as_view())


def _safe_next(request: HttpRequest) -> str:
    return safe_next(request, request.POST.get("next") or request.GET.get("next"))


@mfa_not_required
def mfa(request: HttpRequest) -> HttpResponse:
    """The second step of every login: enrol an authenticator app the first time, then verify a code."""
    user = request.user
    assert isinstance(user, User)
    if user.is_verified():  # type: ignore[attr-defined]  # added by OTPMiddleware
        return HttpResponseRedirect(_safe_next(request))
    device = totp.confirmed_device(user)
    enrolling = device is None
    if device is None:
        device = totp.pending_device(user)
    form = TokenForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if enrolling:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            messages.success(request, _("Your authenticator app is linked. From now on you log in with a code."))
        otp_login(request, device)
        return HttpResponseRedirect(_safe_next(request))
    context = {
        "form": form,
        "enrolling": enrolling,
        "next": _safe_next(request),
        # "Use your passkey" beside the code, for whoever has one (eenplan.accounts.passkeys).
        "passkey_offered": not enrolling and passkeys.has_passkey(user) and passkeys.possible_here(request),
    }
    if enrolling:
        secret = totp.base32_secret(device)
        context.update(qr_svg=totp.qr_svg(device), secret=totp.grouped(secret))
    return render(request, "accounts/mfa.html", context, status=400 if form.errors else 200)


@mfa_not_required
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You have been logged out."))
    return redirect("accounts:login")


@require_POST
def extend_session(request: HttpRequest) -> HttpResponse:
    """Renew the session's expiry: "Ingelogd blijven" in the warning before the session ends (WCAG 2.2.1,
    static/js/session-timeout.js). Answers the seconds the session now lasts as JSON to the script; without the
    script the warning's form comes here and goes back to the page (`next`). A session that has already ended does
    not get here: the login is required first."""
    return extended_session(request, _safe_next(request))


# -- "Wachtwoord vergeten" -----------------------------------------------------------------------------------------
# Django's own views and token: the link in the e-mail expires after PASSWORD_RESET_TIMEOUT and works once. The page
# after the request says the same whether or not the address has an account (no enumeration); only an active
# account with a password gets an e-mail. A new password does not skip the second step: the next login asks a code.


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetRequestForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_sent")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["minutes"] = settings.PASSWORD_RESET_TIMEOUT // 60
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        self.extra_email_context = {"minutes": settings.PASSWORD_RESET_TIMEOUT // 60}
        return super().form_valid(form)

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["minutes"] = settings.PASSWORD_RESET_TIMEOUT // 60
        return context


class ActiveAccountOnly:
    """A link of a switched-off account does not work, even when it has not expired."""

    def get_user(self, uidb64: str) -> User | None:
        user = super().get_user(uidb64)  # type: ignore[misc]
        return user if user is not None and user.is_active else None


class OneTimeLinkView(ActiveAccountOnly, auth_views.PasswordResetConfirmView):
    """A one-time link where the account holder chooses a password: a refused form answers 400, and a password set
    through it is recorded as an account event of `event_kind`."""

    event_kind: str

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        AccountEvent.objects.create(user=form.user, kind=self.event_kind, by=form.user)
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class PasswordResetConfirmView(OneTimeLinkView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    reset_url_token = "nieuw-wachtwoord"  # noqa: S105  # a URL segment, not a password
    event_kind = AccountEventKind.PASSWORD_RESET


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class InvitationView(OneTimeLinkView):
    """The invitation's one-time link: choose a password; then the login continues with linking an authenticator
    app (the TOTP enrolment of `mfa`). The link is used up once a password is set."""

    template_name = "accounts/invitation.html"
    token_generator = invitation_tokens
    reset_url_token = "welkom"  # noqa: S105  # a URL segment, not a password
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("accounts:mfa")
    event_kind = AccountEventKind.INVITATION_ACCEPTED


def _public(view: Any) -> Any:
    return mfa_not_required(login_not_required(view))


password_reset = _public(PasswordResetView.as_view())
password_reset_sent = _public(PasswordResetSentView.as_view())
password_reset_confirm = _public(PasswordResetConfirmView.as_view())
password_reset_complete = _public(PasswordResetCompleteView.as_view())
invitation = _public(InvitationView.as_view())
