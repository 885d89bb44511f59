# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Session middleware of our own: mandatory MFA for every professional, and idle expiry."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone

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


SESSION_TOUCHED_KEY = "_eenplan_touched"
# Sent by a page that refreshes part of itself on a timer (hx-headers on the polling element): not the user's doing.
POLL_HEADER = "X-EenPlan-Poll"


class IdleSessionMiddleware:
    """Idle expiry without a session write on every request.

    The session's expiry (settings.SESSION_IDLE_MINUTES) is renewed by saving it. Saving on every request costs
    three statements per page; renewing at most once per settings.SESSION_TOUCH_SECONDS keeps the idle timeout
    within that margin of exact. Sits below SessionMiddleware, so its response phase runs first.

    A poll (a page refreshing part of itself on a timer, header POLL_HEADER) renews nothing: a page left open is not
    activity, so its session still ends, and the poll writes nothing (on SQLite a write would wait for a long
    import's lock, see docs/hsds.md).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = request.session
        if session.session_key is None or session.modified or session.is_empty() or request.headers.get(POLL_HEADER):
            return response
        now = int(timezone.now().timestamp())
        if now - int(session.get(SESSION_TOUCHED_KEY, 0)) >= settings.SESSION_TOUCH_SECONDS:
            session[SESSION_TOUCHED_KEY] = now  # marks the session modified: SessionMiddleware saves and renews it
        return response


def session_seconds_left(request: HttpRequest) -> int:
    """How many seconds this session has left after this request, at least (the session-timeout warning).

    The session's expiry is renewed when it is saved: by this request when it changes the session or when
    IdleSessionMiddleware touches it (its last touch is older than SESSION_TOUCH_SECONDS), otherwise it runs from the
    last touch. Any save the warning does not know of only makes the session last longer than it says."""
    session = request.session
    # A session of its own length (the resident's portal: set_expiry) lasts that long after each save.
    age: int = (
        session.get_expiry_age() if isinstance(session.get("_session_expiry"), int) else settings.SESSION_COOKIE_AGE
    )
    touched = int(session.get(SESSION_TOUCHED_KEY, 0))
    now = int(timezone.now().timestamp())
    if session.modified or now - touched >= settings.SESSION_TOUCH_SECONDS:
        return age
    return max(0, touched + age - now)


def touch_session(request: HttpRequest) -> None:
    """Renew the session's expiry now ("Ingelogd blijven" in the session-timeout warning): the changed session is
    saved by SessionMiddleware with a new expiry."""
    request.session[SESSION_TOUCHED_KEY] = int(timezone.now().timestamp())


def extended_session(request: HttpRequest, back_to: str) -> HttpResponse:
    """ "Ingelogd blijven" (WCAG 2.2.1, static/js/session-timeout.js), for the professionals' pages and the portal:
    renew the session; to the script, the seconds it now lasts as JSON; without the script, back to `back_to`."""
    touch_session(request)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"seconds": session_seconds_left(request)})
    return HttpResponseRedirect(back_to)
