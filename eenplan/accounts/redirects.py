# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Where `?next=` may send someone: a path of this site, never a bare word or another site."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def is_same_site(request: HttpRequest, target: str) -> bool:
    """True for "/…" paths and full URLs of this host; False for "foo" (a relative path Django would follow,
    or `redirect()` would try to reverse as a view name and fail), "//elders.example", "javascript:…"."""
    if not target or not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return False
    return target.startswith("/") or bool(urlsplit(target).netloc)


def safe_next(request: HttpRequest, target: str | None, fallback: str = "start") -> str:
    """The target when it is a place on this site, else the page named `fallback` (the start page)."""
    return target if target and is_same_site(request, target) else reverse(fallback)
