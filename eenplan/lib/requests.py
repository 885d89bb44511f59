# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The signed-in user of a request, typed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from eenplan.accounts.models import User


def authenticated_user(request: HttpRequest) -> User:
    """The request's signed-in `User`; PermissionDenied for an anonymous request (never reached behind the login)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
