# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Refuse input no database column can hold before any view sees it: a NUL byte in a query string or form."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, QueryDict


def _holds_nul(data: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in data.lists())


class RejectUnstorableInputMiddleware:
    """A NUL byte (`%00`) in a query-string or form key or value answers 400 with the Dutch error page (handler400).

    PostgreSQL text cannot hold NUL: a search or filter with it would fail in the database (a 500), and on SQLite it
    would silently differ from production. Forms already refuse it per field; this also covers what views read
    directly from `request.GET` or `request.POST`. Uploaded files are not inspected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _holds_nul(request.GET) or (request.method == "POST" and _holds_nul(request.POST)):
            raise BadRequest("NUL byte in the request's input")
        return self.get_response(request)
