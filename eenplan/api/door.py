# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The API's way through the one door (eenplan.access): every call is decided by the access policy for the client's
organisation and writes exactly one access-log entry naming the client (its account) and the organisation.

A view class declares its kind of the door (`door_kind`, a DoorKind, read by the URL walk) and uses:
- `household_call(request, pk, operation)`: one household; the policy's Decision for the client's organisation
  (`category=""` for a call that reads no category: the access log);
- `log_call(request, ...)`: the entry of a call without one household (lists);
- `write_call(request, run, ...)`: a write, run in one transaction with its entry (`access.door.run_and_log_write`);
- `log_refused(request, ...)`: the entry of a refused call (403, or 404 of an unknown household or row), with the
  action `refused` and the justification "none", as the door writes for a refused page (docs/privacy.md, "Refusals").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.contrib.auth.decorators import login_not_required
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.views import APIView

from eenplan.access import log, registry
from eenplan.access.door import DoorKind, declare, run_and_log_write
from eenplan.access.models import BASIS, LogAction
from eenplan.access.policy import API_CLIENT_ROLE, Basis, Decision, Operation, decide_for_organisation
from eenplan.api.oauth import api_client
from eenplan.households.models import Household


class ApiView(APIView):
    """Base of every REST and FHIR view: OAuth 2.0 client credentials, a scope, the door."""

    door_kind: ClassVar[DoorKind] = DoorKind.HOUSEHOLD
    required_scope: ClassVar[str] = ""
    required_scopes: ClassVar[dict[str, str]] = {}  # per method, where they differ

    def scope_needed(self, request: Request) -> str:
        """The scope a token must carry for this call (oauth.HasScope asks)."""
        return self.required_scopes.get(request.method or "", self.required_scope)

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Callable[..., HttpResponse]:
        view = super().as_view(**initkwargs)
        # The API authenticates each call by its token, not by a session: the login page does not apply.
        return declare(cls.door_kind)(login_not_required(view))


def _django_request(request: Request | HttpRequest) -> HttpRequest:
    return request._request if isinstance(request, Request) else request


def household_call(
    request: Request,
    pk: int,
    operation: Operation = Operation.VIEW,
    *,
    category: str = BASIS,
    object_type: str = "household",
    object_id: int | None = None,
) -> tuple[Household, Decision]:
    """The household and the policy's decision for the calling client's organisation; refused without access.

    A refusal (an unknown household: 404; no access: 403) writes the call's one entry, action `refused`, naming the
    client, its organisation, the household when it exists, and what was asked (`object_type`, `object_id`).
    """
    client = api_client(request)
    asked: dict[str, Any] = {"object_type": object_type, "object_id": pk if object_type == "household" else object_id}
    household = Household.objects.select_related("owning_team", "regisseur").filter(pk=pk).first()
    if household is None:
        log_refused(request, household_id=None, **asked)
        raise exceptions.NotFound(_("Not found."))
    decision = decide_for_organisation(client.organisation_id, household, operation)
    if not decision.allowed or (category and category not in decision.categories):
        log_refused(request, household_id=household.pk, **asked)
        if operation == Operation.VIEW_ACCESS_LOG:
            raise exceptions.PermissionDenied(
                _("Only the privacy officer's system of the wijkteam or the municipality may read the whole log.")
            )
        reading = decide_for_organisation(client.organisation_id, household, Operation.VIEW)
        if operation == Operation.CHANGE and reading.allowed:
            raise exceptions.PermissionDenied(_("Only the household's own wijkteam may change this."))
        raise exceptions.PermissionDenied(
            _("The resident has given your organisation no consent to see this household.")
        )
    return household, decision


def log_refused(request: Request, *, household_id: int | None, object_type: str, object_id: object) -> None:
    """The one entry of a refused call: the client's account and organisation, what was asked, action `refused`.
    Written outside any transaction of the call (or after its rollback), so the refusal is kept."""
    client = api_client(request)
    django_request = _django_request(request)
    setattr(django_request, log.LOGGED_ATTRIBUTE, None)  # an entry written in a rolled-back transaction is gone
    log.log_request(
        django_request,
        action=LogAction.REFUSED,
        justification=Basis.NONE,
        role=API_CLIENT_ROLE,
        organisation_id=client.organisation_id,
        household_id=household_id,
        object_type=object_type,
        object_id=object_id if isinstance(object_id, int) and 0 <= object_id <= log.MAX_ID else None,
    )


def entry_for(decision: Decision, household: Household, object_type: str, object_id: int | None) -> dict[str, Any]:
    return {
        "justification": decision.justification,
        "role": decision.role,
        "organisation_id": decision.organisation_id,
        "household_id": household.pk,
        "object_type": object_type,
        "object_id": object_id,
    }


def log_read(
    request: Request, decision: Decision, household: Household, object_type: str, object_id: int | None
) -> None:
    log.log_request(
        _django_request(request), action=LogAction.VIEW, **entry_for(decision, household, object_type, object_id)
    )


def log_list(request: Request, object_type: str, justification: str = "caseload") -> None:
    """The one entry of a list call (no single household)."""
    client = api_client(request)
    log.log_request(
        _django_request(request),
        action=LogAction.VIEW,
        justification=justification,
        role=API_CLIENT_ROLE,
        organisation_id=client.organisation_id,
        object_type=object_type,
    )


def write_call(
    request: Request,
    run: Callable[[], HttpResponse],
    decision: Decision,
    household: Household,
    object_type: str,
    object_id: int | None,
    *,
    changed: str = LogAction.UPDATE,
) -> HttpResponse:
    """Run a write and its one log entry in one transaction: the write action when it changed data, else a view.

    An error of the call rolls back the write and its entry; the call still gets its one entry afterwards: `refused`
    when the write was refused (403, or 404 of a row this client may not see), else a view (invalid input, a stale
    ETag: the call read the household's data but changed nothing)."""
    entry = entry_for(decision, household, object_type, object_id)
    try:
        return run_and_log_write(_django_request(request), run, changed=changed, unchanged=LogAction.VIEW, **entry)
    except (exceptions.PermissionDenied, exceptions.NotFound, Http404):
        log_refused(request, household_id=household.pk, object_type=object_type, object_id=object_id)
        raise
    except exceptions.APIException:
        django_request = _django_request(request)
        setattr(django_request, log.LOGGED_ATTRIBUTE, None)
        log.log_request(django_request, action=LogAction.VIEW, **entry)
        raise


def row_household_id(model: type[Model], pk: int) -> int | None:
    """The household of a household-scoped row when the row exists, else None: to find the household a single read
    asks about (the decision then says whether the client may see it) and to name it in the log of a refusal."""
    try:
        path = registry.registration(model).household_field
    except LookupError:
        path = "household"
    found: int | None = model._default_manager.filter(pk=pk).values_list(path, flat=True).first()
    return found
