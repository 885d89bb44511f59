# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Middleware: the database-outage page, the request log without personal data, the access-log counter."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import structlog
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import SimpleLazyObject, empty
from django_structlog.middlewares import RequestMiddleware

from eenplan.ops.logging import forget_request_values, remember_request_values, route_of

# The errors of a database that is away (refused, restarting, connection dropped), not of a bad query.
DATABASE_DOWN = (OperationalError, InterfaceError)
_DATABASE_DOWN_ATTRIBUTE = "_eenplan_database_down"
RETRY_AFTER_SECONDS = 30


@receiver(got_request_exception)
def _note_database_down(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Django turns an exception into a 500 response deep inside the middleware chain; note here why it did."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_DOWN):
        setattr(request, _DATABASE_DOWN_ATTRIBUTE, True)


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    """503 with a page rendered without context processors (they would ask the database again), in the language of
    the request's cookie or browser (Dutch by default): the failure may have come before LocaleMiddleware ran."""
    with translation.override(translation.get_language_from_request(request)):
        response = HttpResponse(render_to_string("ops/database_unavailable.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A request that failed because the database is away answers 503 with a page saying so, instead of a 500.

    Nothing is kept between requests: Django opens (or health-checks) the connection on the next request, so the
    application recovers by itself when the database is back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        except DATABASE_DOWN:  # the error page itself could not be rendered
            return database_unavailable_response(request)
        if response.status_code == 500 and getattr(request, _DATABASE_DOWN_ATTRIBUTE, False):
            return database_unavailable_response(request)
        return response


class RequestLogMiddleware(RequestMiddleware):
    """django-structlog's request_started / request_finished lines, with the URL pattern instead of the path (a
    path or query string can hold a resident's name) and the user id only when the request already loaded the user
    (loading it would cost a query, and fail when the database is away)."""

    def __call__(self, request: HttpRequest) -> Any:
        token = remember_request_values(request)
        try:
            return super().__call__(request)
        finally:
            forget_request_values(token)

    @staticmethod
    def format_request(request: HttpRequest) -> str:
        return f"{request.method} {route_of(request)}"

    @staticmethod
    def bind_user_id(request: HttpRequest) -> None:
        user = getattr(request, "user", None)
        if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
            return
        structlog.contextvars.bind_contextvars(user_id=getattr(user, "pk", None))


class AccessLogMetricsMiddleware:
    """Counts the access log entries this process wrote (one per request at most), by action."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from eenplan.access.log import LOGGED_ATTRIBUTE
        from eenplan.ops.metrics import ACCESS_LOG_ENTRIES_WRITTEN

        response = self.get_response(request)
        entry = getattr(request, LOGGED_ATTRIBUTE, None)
        if entry is not None and entry.pk is not None:
            ACCESS_LOG_ENTRIES_WRITTEN.labels(action=entry.action).inc()
        return response
