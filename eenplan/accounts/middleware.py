"""Every logged-in professional must pass the TOTP step before any other page (mandatory MFA)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

MFA_EXEMPT_ATTRIBUTE = "mfa_not_required"


ViewT = TypeVar("ViewT", bound=Callable[..., object])


def mfa_not_required(view: ViewT) -> ViewT:
    """Mark a view as reachable by a user who has logged in with a password but not yet with TOTP."""
    setattr(view, MFA_EXEMPT_ATTRIBUTE, True)
    return view


class RequireVerifiedLoginMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: object,
        view_kwargs: object,
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or getattr(view_func, MFA_EXEMPT_ATTRIBUTE, False):
            return None
        if getattr(view_func, "login_required", True) is False:
            return None  # public pages (login_not_required) stay public
        if user.is_verified():  # type: ignore[union-attr,attr-defined]  # added by OTPMiddleware
            return None
        return HttpResponseRedirect(f"{reverse('accounts:mfa')}?{urlencode({'next': request.get_full_path()})}")
