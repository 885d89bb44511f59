# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
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

A refused request on household data writes one entry too, with the action `refused` and the justification "none"
(docs/privacy.md, "Refusals"): a refused household page or row, an unknown household or row id, a write to a
read-only page, the emergency-access form for a role that may not take it. The entry is written outside any
transaction of the view, so the refusal is kept; it names the household only when it exists, and the answer to the
user is the same as without the log.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render

from eenplan.access import log, registry
from eenplan.access.models import BASIS, LogAction
from eenplan.access.policy import (
    Basis,
    Decision,
    Operation,
    acting_membership,
    break_glass_membership,
    decide,
    may_take_break_glass,
    privacy_officer_membership,
    privacy_scope,
    teams_that_may_register,
    visible_households,
    visible_rows,
)
from eenplan.accounts.models import Membership, User
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
    """How a view passes the door: the one attribute the URL walk reads (tests/access/test_access_door.py)."""

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
    change and the entry: nothing was changed and nothing was shown. When the exception is the view's refusal
    (PermissionDenied) of a signed-in user, the refusal is logged after the rollback (log_refusal).
    """
    watcher = _WriteWatcher()
    try:
        with transaction.atomic():
            with connection.execute_wrapper(watcher):
                response = view()
            did_change = watcher.wrote and response.status_code < 400
            log.log_request(request, action=changed if did_change else unchanged, **entry)
    except PermissionDenied:
        if request.user.is_authenticated:
            setattr(request, log.LOGGED_ATTRIBUTE, None)  # an entry the view wrote was rolled back with it
            asked: dict[str, Any] = {key: entry.get(key) for key in ("household_id", "object_type", "object_id")}
            log_refusal(request, authenticated_user(request), **asked)
        raise
    return response


def parse_id(value: str) -> int | None:
    """A positive id typed in a query string, or None when it is not one (letters, "²", too large for the log)."""
    value = value.strip()
    if not value.isdecimal():  # what int() reads; isdigit() also lets "²" through, which int() refuses
        return None
    number = int(value)
    return number if 0 < number <= log.MAX_ID else None


def _loggable_id(value: object) -> int | None:
    """An id from the URL as the log can hold it (its columns are 64-bit); anything else is logged as no id."""
    return value if isinstance(value, int) and 0 <= value <= log.MAX_ID else None


def existing_household_id(pk: object) -> int | None:
    """The household's id when a household with this id exists, else None (the log names no household then)."""
    number = _loggable_id(pk)
    if number is None:
        return None
    found: int | None = Household.objects.filter(pk=number).values_list("pk", flat=True).first()
    return found


def log_refusal(
    request: HttpRequest, user: User, *, household_id: int | None, object_type: str, object_id: object
) -> None:
    """The one entry of a refused request on household data: who (under their acting membership), what was asked
    (object type and the id as given), and that it was refused. Written before the view runs and outside its
    transaction, so a refusal is kept whatever the response; `household_id` only for a household that exists
    (existing_household_id)."""
    _log_refused(
        request, acting_membership(user), household_id=household_id, object_type=object_type, object_id=object_id
    )


def _log_refused(
    request: HttpRequest,
    acting: Membership | None,
    *,
    household_id: int | None,
    object_type: str,
    object_id: object,
    break_glass: bool = False,
) -> None:
    log.log_request(
        request,
        action=LogAction.REFUSED,
        justification=Basis.NONE,
        role=acting.role if acting else "",
        organisation_id=acting.organisation_id if acting else None,
        household_id=household_id,
        object_type=object_type,
        object_id=_loggable_id(object_id),
        break_glass=break_glass,
    )


def unknown_household(pk: int) -> Household:
    """A stand-in for an id that names no household, so the policy is asked about it as about a real one and an
    unknown id costs the same queries as a forbidden one (timing). Owned by no team (0 is never an id) and without
    a regisseur: the policy allows nothing on it but the privacy officer's look at a log, which the door refuses
    for an unknown id too. Never saved."""
    return Household(pk=pk, owning_team_id=0, regisseur_id=None)


def log_unknown_break_glass(request: HttpRequest, user: User, household_id: int) -> None:
    """A submitted emergency access (with its reason) for an id that names no household: one refused entry marked
    as emergency access, so the privacy officer finds it among both the refusals and the emergency accesses. The
    view then answers "not found": probing ids this way costs a reason and is audited."""
    _log_refused(
        request,
        break_glass_membership(user),
        household_id=None,
        object_type="household",
        object_id=household_id,
        break_glass=True,
    )


def denied_response(request: HttpRequest, household_id: int, decision: Decision) -> HttpResponse:
    """403 that names no household data; offers emergency access where the user's role allows it.

    The one answer for a household the user may not see and for an id that names no household (docs/privacy.md,
    "Unknown or forbidden"): same status and page, the id as asked, so ids cannot be probed. Emergency access
    depends on the role only; the workflow link only on a household of the team the user leads, whose numbers the
    team leader sees in the caseload list anyway."""
    return render(
        request,
        "access/denied.html",
        {
            "household_id": household_id,
            "may_break_glass": decision.may_break_glass,
            "offers_workflow": decision.offers_workflow,
        },
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
    VIEW_ACCESS_LOG) has no write behaviour: POST, PUT, PATCH and DELETE get 405 before the view runs, logged as a
    refusal. So a write always needs Operation.CHANGE (or MANAGE_CONSENT), which only the owning team has.
    A refused request (403) and an unknown household (404) are logged as refusals too (log_refusal).
    GET and HEAD are logged as `read_action` before the view runs; a write request is logged after the view, in
    the same transaction, as `write_action` when it changed data and as `read_action` when it did not
    (`run_and_log_write`).
    """

    def decorator(view: ViewT) -> ViewT:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
            writing = request.method in WRITE_METHODS
            user = authenticated_user(request)
            asked: dict[str, Any] = {
                "object_type": object_type,
                "object_id": kwargs.get(object_kwarg) if object_kwarg else pk,
            }
            if writing and operation in READ_OPERATIONS:
                log_refusal(request, user, household_id=existing_household_id(pk), **asked)
                return HttpResponseNotAllowed(["GET", "HEAD"])
            household = (
                Household.objects.select_related("neighbourhood", "owning_team__organisation", "regisseur")
                .filter(pk=pk)
                .first()
            )
            if household is None:
                # Answered as a household the user may not see (docs/privacy.md, "Unknown or forbidden").
                unknown = decide(user, unknown_household(pk), operation)
                log_refusal(request, user, household_id=None, **asked)
                return denied_response(request, pk, replace(unknown, offers_workflow=False))
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
                log_refusal(request, user, household_id=household.pk, **asked)
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
    The view receives `household` and `household_exists`, and logs the emergency access when it is taken."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
        user = authenticated_user(request)
        if not may_take_break_glass(user):
            log_refusal(request, user, household_id=existing_household_id(pk), object_type="household", object_id=pk)
            raise PermissionDenied
        # An unknown id gets the form as a forbidden household does; the view answers "not found" only after a
        # submitted reason, logged as a refused emergency access (log_unknown_break_glass).
        household = Household.objects.filter(pk=pk).first()
        response: HttpResponse = view(
            request, household=household or unknown_household(pk), household_exists=household is not None, **kwargs
        )
        return response

    return _mark(wrapped, DoorKind.BREAK_GLASS)  # type: ignore[return-value]


def _household_id_of_row(model: type[Model], pk: object) -> int | None:
    """The household of the row with this id when the row exists (for the log of a refusal), else None."""
    number = _loggable_id(pk)
    if number is None:
        return None
    path = registry.registration(model).household_field
    found: int | None = model._default_manager.filter(pk=number).values_list(path, flat=True).first()
    return found


def assigned_row_view(
    model: type[Model], kwarg: str, *, allows: Callable[[User, Any], bool] | None = None
) -> Callable[[ViewT], ViewT]:
    """Guard a page about one household-scoped row (e.g. an action) that the user may see through the policy,
    also when it is only assigned to them (volunteers). The view receives `row`.

    `allows`: a further policy question about the visible row (e.g. whether the user is on a side of a referral);
    when it answers no, the request is refused and logged as a refusal, as for a row the user may not see."""

    def decorator(view: ViewT) -> ViewT:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            user = authenticated_user(request)
            row_pk = kwargs.pop(kwarg)
            row = visible_rows(user, model._default_manager.all()).filter(pk=row_pk).first()
            if row is None or (allows is not None and not allows(user, row)):
                log_refusal(
                    request,
                    user,
                    household_id=_household_id_of_row(model, row_pk) if row is None else registry.household_id_of(row),
                    object_type=model._meta.model_name or "",
                    object_id=row_pk,
                )
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
