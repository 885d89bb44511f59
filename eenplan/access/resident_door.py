# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The resident's own door (Mijn EenPlan, docs/portal.md): the portal's pages go through `resident_view`.

A resident is not a professional: no membership, no login to the professionals' pages. The portal's login (DigiD or
an activation letter) puts the resident and their log account in the session; `resident_view` reads them, asks the
policy (`policy.resident_decision`) and writes one access log entry per request as the resident acting for themself
(role "inwoner", justification "resident_self"), reads before the view and writes after it, as the door does for
professionals. A session that carries a professional's login never opens a resident's page, and the portal's
session never opens a professional's (it is no login: `request.user` stays anonymous).

A representative (eHerkenning bewindvoering, eenplan.portal.oidc) gets a portal session for the resident they act
for, marked as theirs: the log account is the representative's, the entry's role "vertegenwoordiger" and its
justification "representative" (`policy.representative_decision`), and they may only read, and write on the pages
that allow it (`representative_may_write`: the messages); any other change answers 403, logged as refused.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from eenplan.access import log
from eenplan.access.door import WRITE_METHODS, DoorKind, _mark, run_and_log_write
from eenplan.access.models import LogAction
from eenplan.access.policy import Basis, representative_decision, resident_decision
from eenplan.accounts.models import User
from eenplan.households.models import Resident

ViewT = TypeVar("ViewT", bound=Callable[..., Any])

# Set only by the portal's login, never by the professionals' login.
RESIDENT_SESSION_KEY = "_eenplan_portal_resident"
RESIDENT_ACTOR_SESSION_KEY = "_eenplan_portal_actor"
# Set by the representatives' login only (eHerkenning): the id of the portal's Representative acting in this session.
REPRESENTATIVE_SESSION_KEY = "_eenplan_portal_representative"


def acting_representative_id(request: HttpRequest) -> int | None:
    """The Representative acting for the resident in this portal session, or None (the resident themself)."""
    value = request.session.get(REPRESENTATIVE_SESSION_KEY)
    return value if isinstance(value, int) else None


def portal_resident(request: HttpRequest) -> tuple[Resident, User] | None:
    """The resident signed in to the portal in this session and their log account, or None. A session that also
    carries a professional's login is no resident's: the two are never mixed."""
    if request.user.is_authenticated:
        return None
    resident_id = request.session.get(RESIDENT_SESSION_KEY)
    actor_id = request.session.get(RESIDENT_ACTOR_SESSION_KEY)
    if not resident_id or not actor_id:
        return None
    actor = User.objects.filter(pk=actor_id, is_active=True, memberships__isnull=True).first()
    resident = Resident.objects.select_related("household__regisseur").filter(pk=resident_id).first()
    if actor is None or resident is None:
        return None
    return resident, actor


def resident_view(
    *,
    object_type: str,
    write_action: str = LogAction.UPDATE,
    read_action: str = LogAction.VIEW,
    representative_may_write: bool = False,
) -> Callable[[ViewT], ViewT]:
    """Guard a page of the resident's portal. The view receives `resident`, `household` (always the resident's
    own: no portal URL names a household), `decision` (`policy.resident_decision`) and `actor` (the log account).
    Without a portal session the request goes to the portal's login page; a professional's session gets 403."""

    def decorator(view: ViewT) -> ViewT:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            signed_in = portal_resident(request)
            if signed_in is None:
                if request.user.is_authenticated:
                    raise PermissionDenied
                if request.method != "GET":
                    return redirect("portal:login")
                # Back to this page after signing in (the portal's login keeps a portal path only).
                return redirect(f"{reverse('portal:login')}?{urlencode({'next': request.get_full_path()})}")
            resident, actor = signed_in
            representative = acting_representative_id(request) is not None
            request.portal_representative = representative  # type: ignore[attr-defined]  # templates leave out forms
            decision = representative_decision(resident) if representative else resident_decision(resident)
            household = resident.household
            entry: dict[str, Any] = {
                "user_id": actor.pk,
                "justification": decision.justification,
                "role": decision.role,
                "organisation_id": None,
                "household_id": household.pk,
                "resident_id": resident.pk,
                "object_type": object_type,
            }

            def run() -> HttpResponse:
                response: HttpResponse = view(
                    request, *args, resident=resident, household=household, decision=decision, actor=actor, **kwargs
                )
                return response

            if representative and request.method in WRITE_METHODS and not representative_may_write:
                log.log_request(request, action=LogAction.REFUSED, **{**entry, "justification": Basis.NONE})
                raise PermissionDenied
            if request.method in WRITE_METHODS:
                return run_and_log_write(request, run, changed=write_action, unchanged=read_action, **entry)
            log.log_request(request, action=read_action, **entry)
            return run()

        wrapped.login_required = False  # type: ignore[attr-defined]  # the portal's own session, not the login
        return _mark(wrapped, DoorKind.RESIDENT)  # type: ignore[return-value]

    return decorator
