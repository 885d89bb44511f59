# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Logging set-up: one JSON line per event (structlog), and nothing in it that could name a resident.

Imported by the settings, so this module imports no models. What keeps personal data out:
- request lines name the URL *pattern* (``GET huishoudens/<int:pk>/``), never the path or its query string
  (`eenplan.ops.middleware.RequestLogMiddleware`); no client address, no user agent;
- Django's own request logger ("Not Found: /…") gets the pattern instead of the path (`DropRequestPaths`);
- every line, tracebacks included, passes `redact_personal_data`: query strings, e-mail addresses and
  BSN-like numbers are replaced, as a second line of defence.
"""

from __future__ import annotations

import logging
import re
from collections.abc import MutableMapping
from contextvars import ContextVar, Token
from typing import Any

import structlog

REDACTED = "[redacted]"
_QUERY_STRING = re.compile(r"(/[^\s?\"']*)\?[^\s\"']*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BSN_LIKE = re.compile(r"(?<!\d)\d{9}(?!\d)")
# Keys a library may add that identify a person or their device; dropped from every event.
_DROPPED_KEYS = ("ip", "user_agent", "remote_addr", "request_body", "POST", "GET")


# The raw path and the submitted values of the request being handled: whatever logs during the request (a traceback
# holding the path of a 404, an error message quoting a field), these exact strings are replaced.
_REQUEST_VALUES: ContextVar[tuple[str, ...]] = ContextVar("eenplan_request_values", default=())
_SHORTEST_REDACTED_VALUE = 3


def remember_request_values(request: Any) -> Token[tuple[str, ...]]:
    """Called by the request log middleware before the request is handled; undo with `forget_request_values`."""
    values = {request.get_full_path(), request.path, request.path_info, request.path_info.lstrip("/")}
    query_dicts = [request.GET]
    if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
        query_dicts.append(request.POST)  # not multipart: reading it here would fix the upload handlers too early
    for query_dict in query_dicts:
        for _key, items in query_dict.lists():
            values.update(str(item) for item in items)
    kept = sorted((v for v in values if len(v.strip()) >= _SHORTEST_REDACTED_VALUE), key=len, reverse=True)
    return _REQUEST_VALUES.set(tuple(kept))


def forget_request_values(token: Token[tuple[str, ...]]) -> None:
    _REQUEST_VALUES.reset(token)


def redact_text(text: str) -> str:
    """Remove the request's own path and values, query strings, e-mail addresses and BSN-like numbers."""
    for value in _REQUEST_VALUES.get():
        text = text.replace(value, REDACTED)
    text = _QUERY_STRING.sub(lambda match: f"{match.group(1)}?{REDACTED}", text)
    text = _EMAIL.sub(REDACTED, text)
    return _BSN_LIKE.sub(REDACTED, text)


def redact_personal_data(_logger: Any, _method: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """structlog processor: the last step before rendering, so it sees the formatted traceback too. The request
    line (already the URL pattern) is kept as it is: a pattern could equal a path ("/huishoudens/")."""
    for key in _DROPPED_KEYS:
        event_dict.pop(key, None)
    for key, value in list(event_dict.items()):
        if key == "request" and isinstance(value, str):
            event_dict[key] = _QUERY_STRING.sub(lambda match: f"{match.group(1)}?{REDACTED}", value)
        elif isinstance(value, str):
            event_dict[key] = redact_text(value)
        elif not isinstance(value, int | float | bool | type(None)):
            event_dict[key] = redact_text(str(value))
    return event_dict


def route_of(request: Any) -> str:
    """The URL pattern a request matched (``huishoudens/<int:pk>/``), or "unmatched": never the path itself."""
    from django.urls import Resolver404, resolve

    match = getattr(request, "resolver_match", None)
    if match is None:
        path_info = getattr(request, "path_info", None)
        if not isinstance(path_info, str):
            return "unmatched"
        try:
            match = resolve(path_info)
        except Resolver404:
            return "unmatched"
    return "/" + str(match.route)


class DropRequestPaths(logging.Filter):
    """Django logs "Not Found: /path" and "Internal Server Error: /path" with the request; a path can hold a name
    (someone typing one into the address bar), so the message gets the matched URL pattern instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        request: Any = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if isinstance(path, str) and path:
            message = record.getMessage()
            full_path = request.get_full_path() if hasattr(request, "get_full_path") else path
            route = route_of(request)
            record.msg = message.replace(full_path, route).replace(path, route)
            record.args = ()
        return True


_SHARED_PROCESSORS: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.add_log_level,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def configure_structlog() -> None:
    """structlog hands its events to the standard logging handlers, which render them (see `logging_config`)."""
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_SHARED_PROCESSORS,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def formatter(json: bool = True) -> structlog.stdlib.ProcessorFormatter:
    """The one formatter of every handler: structlog's events and Django's own log records alike."""
    renderer: Any = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_SHARED_PROCESSORS,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            redact_personal_data,
            renderer,
        ],
    )


def logging_config(level: str = "INFO", json: bool = True) -> dict[str, Any]:
    """The LOGGING setting: everything to stderr through `formatter`, Django's request logger without paths."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"eenplan": {"()": "eenplan.ops.logging.formatter", "json": json}},
        "filters": {"drop_request_paths": {"()": "eenplan.ops.logging.DropRequestPaths"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "eenplan",
                "filters": ["drop_request_paths"],
            }
        },
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            # request_started / request_finished, one pair per request (the access log of the web process)
            "django_structlog": {"handlers": ["console"], "level": level, "propagate": False},
            "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
            "django_tasks": {"handlers": ["console"], "level": level, "propagate": False},
            "django_tasks_db": {"handlers": ["console"], "level": level, "propagate": False},
            "eenplan": {"handlers": ["console"], "level": level, "propagate": False},
            "axes": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        },
    }
