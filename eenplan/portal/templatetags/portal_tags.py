# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The portal's template tags: who acts in this portal session (a representative for a resident, or nobody), and the
warning before the portal's session ends (the professionals' dialog and script, with the portal's URLs)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.http import HttpRequest

from eenplan.access.resident_door import RESIDENT_SESSION_KEY, acting_representative_id
from eenplan.accounts.templatetags.session_timeout import dialog_context
from eenplan.households.models import Resident
from eenplan.portal.models import Representative

register = template.Library()


@dataclass(frozen=True)
class Acting:
    resident_name: str
    organisation: str


@register.simple_tag(takes_context=True)
def acting_representative(context: template.Context) -> Acting | None:
    """In a representative's portal session: the represented resident's name and the representative's organisation
    (for the banner on every portal page, and to leave out what a representative may not do). Else None."""
    request: HttpRequest | None = context.get("request")
    if request is None or not hasattr(request, "session"):
        return None
    representative_id = acting_representative_id(request)
    if representative_id is None:
        return None
    representative = Representative.objects.filter(pk=representative_id).first()
    resident = Resident.objects.filter(pk=request.session.get(RESIDENT_SESSION_KEY) or 0).first()
    if representative is None or resident is None:
        return None
    return Acting(resident.full_name, representative.organisation_label)


@register.inclusion_tag("accounts/_session_timeout.html", takes_context=True)
def portal_session_timeout_warning(context: template.Context) -> dict[str, Any]:
    """WCAG 2.2.1 in the portal: the same dialog as the professionals' (templates/accounts/_session_timeout.html,
    static/js/session-timeout.js) for a portal session, with the portal's own length (15 minutes) and its own
    "Stay logged in", log-out and log-in URLs. Nothing outside a portal session."""
    request: HttpRequest | None = context.get("request")
    if request is None or not hasattr(request, "session") or request.user.is_authenticated:
        return {"show": False}
    if not request.session.get(RESIDENT_SESSION_KEY):
        return {"show": False}
    return dialog_context(
        request,
        extend_url="portal:extend_session",
        logout_url="portal:logout",
        login_url="portal:login",
    )
