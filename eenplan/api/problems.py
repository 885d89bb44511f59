# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Errors as RFC 9457 problem details (``application/problem+json``), in Dutch or English (Accept-Language)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_TYPE = "application/problem+json"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"

    def __init__(self) -> None:
        super().__init__(_("Someone else changed this since you read it. Fetch it again and retry with its ETag."))


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_code = "precondition_required"

    def __init__(self) -> None:
        super().__init__(_("Send the ETag you read in an If-Match header, so no change is overwritten unseen."))


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _titles() -> dict[int, str]:
    return {
        400: _("The request is not valid"),
        401: _("Not authenticated"),
        403: _("Not allowed"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("Not acceptable"),
        409: _("Conflict"),
        412: _("Precondition failed"),
        415: _("Unsupported media type"),
        428: _("Precondition required"),
        429: _("Too many requests"),
    }


def _errors(detail: Any, pointer: str = "") -> list[dict[str, str]]:
    """Field errors as a flat list of JSON pointers (RFC 9457 §3.2 extension member "errors")."""
    if isinstance(detail, dict):
        return [e for key, value in detail.items() for e in _errors(value, f"{pointer}/{key}")]
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return [{"pointer": f"#{pointer}", "detail": str(item)} for item in detail]
        return [e for index, value in enumerate(detail) for e in _errors(value, f"{pointer}/{index}")]
    return [{"pointer": f"#{pointer}", "detail": str(detail)}]


def problem(status_code: int, detail: str, *, instance: str = "", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": _titles().get(status_code, _("Error")),
        "status": status_code,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update(extra)
    return body


def problem_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, with its answer put in the problem-details shape."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    response = exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    instance = request.path if request is not None else ""
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        body = problem(400, _("Some values are not valid; see errors."), instance=instance, errors=_errors(data))
    else:
        detail = data.get("detail", "") if isinstance(data, dict) else str(data)
        body = problem(response.status_code, str(detail), instance=instance)
    response.data = body
    response.content_type = PROBLEM_TYPE
    return response
