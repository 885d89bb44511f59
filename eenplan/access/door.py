"""The one door to household data: decorators every household-scoped view goes through.

Each view in EenPlan declares itself with exactly one of these (a test walks all URL patterns to hold that):
- `household_view`: a page about one household; checks the policy and writes one access log entry.
- `household_list_view`: a list of households; writes one access log entry for the list.
- `privacy_view`: the privacy officer's pages over the access log; writes one entry.
- `no_household_data`: shows no household data at all.
- `declare(DoorKind.…)`: a feature's own guard of personal data outside a household (requests for help, signals).

The kinds are a fixed set (`DoorKind`): the URL walk accepts only a member, so a view cannot invent its own label.

Reading and writing are logged differently (docs/privacy.md, "the action is what happened"): a GET or HEAD is
logged before the view runs; a write request (POST, PUT, PATCH, DELETE) runs in one transaction with its entry,
which is written after the view and says what the request did: the write action only when the view changed data,
otherwise a view (a rejected form shows the household's data again, but changes nothing).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render

from eenplan.access import log, registry
from eenplan.access.models import BASIS, LogAction
from eenplan.access.policy import (
    Decision,
    Operation,
    acting_membership,
    decide,
    may_take_break_glass,
    privacy_officer_membership,
    privacy_scope,
    teams_that_may_register,
    visible_households,
    visible_rows,
)
from eenplan.households.models import Household
from eenplan.lib.requests import authenticated_user

DOOR_ATTRIBUTE = "access_door"
OPERATION_ATTRIBUTE = "access_operation"
ViewT = TypeVar("ViewT", bound=Callable[..., Any])

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Operations that only read: a view declared with one of them has no write behaviour.
READ_OPERATIONS = frozenset({Operation.VIEW, Operation.VIEW_ACCESS_LOG})
WRITE_SQL = ("INSERT", "UPDATE", "DELETE")


class DoorKind(StrEnum):
    """How a view passes the door: the one attribute the URL walk reads (tests/test_access_door.py)."""

    HOUSEHOLD = "household"  # one household's page, or one household-scoped row (household_view, assigned_row_view)
    HOUSEHOLD_LIST = "household_list"  # a list of households or of their rows
    PRIVACY = "privacy"  # the privacy officer's pages over the access log
    REGISTRATION = "registration"  # registering a new household
    BREAK_GLASS = "break_glass"  # the emergency-access form
    NONE = "none"  # no household data at all
    PUBLIC_FORM = "public_form"  # the public request for help (*aanmelding*): personal data in, nothing shown
    SIGNAL = "signal"  # a professional's signal of a worry about a resident
    TRIAGE = "triage"  # the triage queue and requests for help of a wijk
    RESIDENT = "resident"  # the resident's own pages in the portal (Mijn EenPlan): access.resident_door


def _mark(view: ViewT, kind: DoorKind) -> ViewT:
    if not isinstance(kind, DoorKind):
        raise TypeError(f"A view declares one of the door's kinds (DoorKind), not {kind!r}.")
    setattr(view, DOOR_ATTRIBUTE, kind)
    return view


def no_household_data(view: ViewT) -> ViewT:
    return _mark(view, DoorKind.NONE)


def declare(kind: DoorKind) -> Callable[[ViewT], ViewT]:
    """For a feature's own guard of personal data outside a household (e.g. requests for help): the guard checks
    the policy and writes its log entry itself; this declares it to the URL walk. Only a DoorKind is accepted."""
    if not isinstance(kind, DoorKind):
        raise TypeError(f"A view declares one of the door's kinds (DoorKind), not {kind!r}.")

    def decorator(view: ViewT) -> ViewT:
        return _mark(view, kind)

    return decorator


class _WriteWatcher:
    """A database execute wrapper that notes whether the statements it saw changed any row: an INSERT always (its
    row count is not known yet when it returns the new id), an UPDATE or DELETE when it matched a row."""

    def __init__(self) -> None:
        self.wrote = False

    def __call__(self, execute: Callable[..., Any], sql: Any, params: Any, many: bool, context: dict[str, Any]) -> Any:
        result = execute(sql, params, many, context)
        if not self.wrote and isinstance(sql, str):
            verb = sql.lstrip()[:6].upper()
            if verb == "INSERT":
                self.wrote = True
            elif verb in WRITE_SQL:
                self.wrote = getattr(context.get("cursor"), "rowcount", -1) != 0
        return result


def run_and_log_write(
    request: HttpRequest, view: Callable[[], HttpResponse], *, changed: str, unchanged: str, **entry: Any
) -> HttpResponse:
    """Run a write request's view and log it in one transaction, with the action that really happened.

    `changed` when the view wrote rows and answered without an error status; otherwise `unchanged` (a form with
    errors, an edit conflict, or a refusal answered with a redirect and a message). An exception rolls back both the
    change and the entry: nothing was changed and nothing was shown.
    """
    watcher = _WriteWatcher()
    with transaction.atomic():
        with connection.execute_wrapper(watcher):
            response = view()
        did_change = watcher.wrote and response.status_code < 400
        log.log_request(request, action=changed if did_change else unchanged, **entry)
    return response


def parse_id(value: str) -> int | None:
    """A positive id typed in a query string, or None when it is not one (letters, "²", too large for the log)."""
    value = value.strip()
    if not value.isdecimal():  # what int() reads; isdigit() also lets "²" through, which int() refuses
        return None
    number = int(value)
    return number if 0 < number <= log.MAX_ID else None


def denied_response(request: HttpRequest, household_id: int, decision: Decision) -> HttpResponse:
    """403 that names no household data; offers emergency access where the user's role allows it."""
    return render(
        request,
        "access/denied.html",
        {"household_id": household_id, "may_break_glass": decision.may_break_glass},
        status=403,
    )


def household_view(
    operation: Operation = Operation.VIEW,
    *,
    category: str = BASIS,
    write_action: str = LogAction.UPDATE,
    read_action: str = LogAction.VIEW,
    object_type: str = "household",
    object_kwarg: str | None = None,
) -> Callable[[ViewT], ViewT]:
    """Guard a view whose URL has the household id as `pk`. The view receives `household` and `decision`.

    The declared operation is checked for every method. A view declared with a read operation (VIEW,
    VIEW_ACCESS_LOG) has no write behaviour: POST, PUT, PATCH and DELETE get 405 before anything is looked up or
    logged. So a write always needs Operation.CHANGE (or MANAGE_CONSENT), which only the owning team has.
    GET and HEAD are logged as `read_action` before the view runs; a write request is logged after the view, in
    the same transaction, as `write_action` when it changed data and as `read_action` when it did not
    (`run_and_log_write`).
    """

    def decorator(view: ViewT) -> ViewT:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
            writing = request.method in WRITE_METHODS
            if writing and operation in READ_OPERATIONS:
                return HttpResponseNotAllowed(["GET", "HEAD"])
            user = authenticated_user(request)
            household = get_object_or_404(
                Household.objects.select_related("neighbourhood", "owning_team__organisation", "regisseur"), pk=pk
            )
            decision = decide(user, household, operation)
            if not decision.allowed or (
                category
                and category not in decision.categories
                and operation
                in (
                    Operation.VIEW,
                    Operation.CHANGE,
                )
            ):
                return denied_response(request, household.pk, decision)
            entry: dict[str, Any] = {
                "justification": decision.justification,
                "role": decision.role,
                "organisation_id": decision.organisation_id,
                "household_id": household.pk,
                "resident_id": kwargs.get("resident_pk"),
                "object_type": object_type,
                "object_id": kwargs.get(object_kwarg) if object_kwarg else household.pk,
                "break_glass": decision.break_glass is not None,
            }

            def run() -> HttpResponse:
                response: HttpResponse = view(request, household=household, decision=decision, **kwargs)
                return response

            if writing:
                return run_and_log_write(request, run, changed=write_action, unchanged=read_action, **entry)
            log.log_request(request, action=read_action, **entry)
            return run()

        setattr(wrapped, OPERATION_ATTRIBUTE, operation)
        return _mark(wrapped, DoorKind.HOUSEHOLD)  # type: ignore[return-value]

    return decorator


def household_list_view(view: ViewT) -> ViewT:
    """Guard a list of households. The view receives `households`: the queryset this user may see."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = authenticated_user(request)
        acting = acting_membership(user)
        log.log_request(
            request,
            action=LogAction.VIEW,
            justification="caseload",
            role=acting.role if acting else "",
            organisation_id=acting.organisation_id if acting else None,
            object_type="household_list",
        )
        response: HttpResponse = view(request, *args, households=visible_households(user), **kwargs)
        return response

    return _mark(wrapped, DoorKind.HOUSEHOLD_LIST)  # type: ignore[return-value]


def privacy_view(object_type: str) -> Callable[[ViewT], ViewT]:
    """Guard a privacy officer's page over the access log or emergency accesses; logs the look. The view receives
    `scope`: what this officer oversees (PrivacyScope)."""

    def decorator(view: ViewT) -> ViewT:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = authenticated_user(request)
            scope = privacy_scope(user)
            officer = privacy_officer_membership(user)
            if scope is None or officer is None:
                raise PermissionDenied
            log.log_request(
                request,
                action=LogAction.VIEW,
                justification="privacy_officer",
                role=officer.role,
                organisation_id=officer.organisation_id,
                # Only a real household number; anything else is refused by the page's form, not logged.
                household_id=parse_id(request.GET.get("huishouden", "")),
                object_type=object_type,
            )
            response: HttpResponse = view(request, *args, scope=scope, **kwargs)
            return response

        return _mark(wrapped, DoorKind.PRIVACY)  # type: ignore[return-value]

    return decorator


def registration_view(view: ViewT) -> ViewT:
    """Guard the registration of a new household: only wijkteam members; the view logs the creation itself,
    because the household's id exists only after it is saved."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not teams_that_may_register(authenticated_user(request)).exists():
            raise PermissionDenied
        response: HttpResponse = view(request, *args, **kwargs)
        return response

    return _mark(wrapped, DoorKind.REGISTRATION)  # type: ignore[return-value]


def break_glass_view(view: ViewT) -> ViewT:
    """Guard the emergency-access form itself: only roles that may take it; shows no household data.
    The view logs the emergency access when it is taken."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
        if not may_take_break_glass(authenticated_user(request)):
            raise PermissionDenied
        household = get_object_or_404(Household, pk=pk)
        response: HttpResponse = view(request, household=household, **kwargs)
        return response

    return _mark(wrapped, DoorKind.BREAK_GLASS)  # type: ignore[return-value]


def assigned_row_view(model: type[Model], kwarg: str) -> Callable[[ViewT], ViewT]:
    """Guard a page about one household-scoped row (e.g. an action) that the user may see through the policy,
    also when it is only assigned to them (volunteers). The view receives `row`."""

    def decorator(view: ViewT) -> ViewT:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            user = authenticated_user(request)
            row = visible_rows(user, model._default_manager.all()).filter(pk=kwargs.pop(kwarg)).first()
            if row is None:
                raise PermissionDenied
            acting = acting_membership(user)
            entry: dict[str, Any] = {
                "justification": "assigned",
                "role": acting.role if acting else "",
                "organisation_id": acting.organisation_id if acting else None,
                "household_id": registry.household_id_of(row),
                "object_type": model._meta.model_name or "",
                "object_id": row.pk,
            }

            def run() -> HttpResponse:
                response: HttpResponse = view(request, row=row, **kwargs)
                return response

            if request.method in WRITE_METHODS:
                return run_and_log_write(request, run, changed=LogAction.UPDATE, unchanged=LogAction.VIEW, **entry)
            log.log_request(request, action=LogAction.VIEW, **entry)
            return run()

        return _mark(wrapped, DoorKind.HOUSEHOLD)  # type: ignore[return-value]

    return decorator
