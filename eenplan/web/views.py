# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The base UI: start page, health check, language choice and error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import Case, F, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.i18n import set_language as django_set_language

from eenplan.access.door import household_list_view, no_household_data
from eenplan.access.policy import is_professional, start_page
from eenplan.accounts.middleware import mfa_not_required
from eenplan.accounts.models import User
from eenplan.accounts.redirects import is_same_site
from eenplan.household_pages.queries import own_households, with_next_evaluation
from eenplan.households.models import Household
from eenplan.plans.models import OPEN_ACTION_STATUSES
from eenplan.plans.views import my_action_contacts, my_actions


@household_list_view
def start(request: HttpRequest, households: QuerySet[Household]) -> HttpResponse:
    """The start page: "Mijn acties" (overdue first) and "Mijn huishoudens" with the next evaluation date."""
    user = request.user
    assert isinstance(user, User)
    landing = start_page(user)  # roles without a caseload land on their own page, not on empty cards
    if landing is not None:
        return redirect(landing)
    today = timezone.localdate()
    open_actions = (
        my_actions(user)
        .filter(status__in=OPEN_ACTION_STATUSES)
        .annotate(overdue=Case(When(due_date__lt=today, then=Value(0)), default=Value(1)))
        .order_by("overdue", F("due_date").asc(nulls_last=True), "id")
    )
    action_page = Paginator(open_actions, 10).get_page(request.GET.get("acties"))
    coordinated = with_next_evaluation(own_households(households, user)).order_by(
        F("next_evaluation").asc(nulls_last=True), "display_name"
    )[:10]
    contacts = my_action_contacts(user, list(action_page.object_list))
    for action in action_page.object_list:
        action.contact = contacts.get(action.plan.household_id)  # type: ignore[attr-defined]
    return render(
        request,
        "web/start.html",
        {
            "action_page": action_page,
            "may_open_households": is_professional(user),
            "households": coordinated,
            "today": today,
        },
    )


@no_household_data
@login_not_required
@mfa_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@no_household_data
@login_not_required
@mfa_not_required
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language choice; its `next` (or the referring page) is followed only to a place on this site."""
    response = django_set_language(request)
    if response.status_code == 302 and not is_same_site(request, response["Location"]):
        response["Location"] = reverse("start")
    return response


@no_household_data
@login_not_required
@mfa_not_required
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


@no_household_data
@login_not_required
@mfa_not_required
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


@no_household_data
@login_not_required
@mfa_not_required
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400 for input no page can take (a NUL byte, a malformed form): the Dutch page, nothing saved."""
    return render(request, "400.html", status=400)


@no_household_data
def ping(request: HttpRequest) -> HttpResponse:
    """The bench's floor: a minimal page for a logged-in user through the same middleware as every page.

    With `?opmaak=1` it is the same empty page in the standard layout (navigation, unread notifications), which
    tells how much of a page's time is the layout itself.
    """
    if request.GET.get("opmaak"):
        return render(request, "web/ping.html")
    return HttpResponse("ok", content_type="text/plain")
