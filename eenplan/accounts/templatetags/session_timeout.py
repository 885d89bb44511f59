# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The warning before the session ends (WCAG 2.2.1): the dialog that static/js/session-timeout.js opens."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from eenplan.accounts.middleware import session_seconds_left

register = template.Library()

# The warning comes this long before the end, or halfway through a shorter session: time enough to react
# (WCAG 2.2.1 asks for at least 20 seconds).
WARNING_SECONDS = 120


@register.inclusion_tag("accounts/_session_timeout.html", takes_context=True)
def session_timeout_warning(context: template.Context) -> dict[str, Any]:
    """The dialog for a signed-in professional (after the second step); nothing for anyone else."""
    request = context.get("request")
    user = getattr(request, "user", None)
    is_verified = getattr(user, "is_verified", None)  # added by OTPMiddleware
    if request is None or user is None or not user.is_authenticated or not (is_verified and is_verified()):
        return {"show": False}
    return dialog_context(request, **PROFESSIONAL_URLS)


# Where the dialog's buttons and links go for a professional; the resident's portal gives its own (eenplan.portal).
PROFESSIONAL_URLS = {
    "extend_url": "accounts:extend_session",
    "logout_url": "accounts:logout",
    "login_url": "accounts:login",
}


def dialog_context(request: Any, *, extend_url: str, logout_url: str, login_url: str) -> dict[str, Any]:
    """The partial's context: the seconds this session has left, when to warn (from the session's own length), and
    the URLs of "Stay logged in", logging out and logging in again (given as URL names)."""
    age = int(request.session.get_expiry_age())
    return {
        "show": True,
        "request": request,
        "seconds_left": session_seconds_left(request),
        "warning_seconds": min(WARNING_SECONDS, max(age // 2, 1)),
        "extend_url": reverse(extend_url),
        "logout_url": reverse(logout_url),
        "login_url": reverse(login_url),
    }
