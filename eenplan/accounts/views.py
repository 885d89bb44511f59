"""Login, MFA enrolment and verification, logout."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from eenplan.accounts import totp
from eenplan.accounts.forms import EmailAuthenticationForm, TokenForm
from eenplan.accounts.middleware import mfa_not_required
from eenplan.accounts.models import User
from eenplan.accounts.redirects import is_same_site, safe_next


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
    context = {"form": form, "enrolling": enrolling, "next": _safe_next(request)}
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
