"""The base UI: start page, health check, language choice and error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.i18n import set_language as django_set_language

from eenplan.access.door import no_household_data
from eenplan.accounts.middleware import mfa_not_required


@no_household_data
def start(request: HttpRequest) -> HttpResponse:
    """A professional's start page; for now straight to "Mijn huishoudens"."""
    return redirect("households:list")


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


set_language = no_household_data(login_not_required(mfa_not_required(django_set_language)))


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
