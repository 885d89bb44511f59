# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""/metrics for Prometheus: only from this machine (no proxy in between), or with the token from METRICS_TOKEN."""

from __future__ import annotations

import os

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess

from eenplan.access.door import no_household_data
from eenplan.accounts.middleware import mfa_not_required
from eenplan.ops.metrics import DatabaseGauges

LOOPBACK = {"127.0.0.1", "::1"}


def may_scrape(request: HttpRequest) -> bool:
    """A bearer token equal to METRICS_TOKEN; or, when METRICS_ALLOW_LOOPBACK is on (default), a request from the
    loopback address that did not pass a proxy (a proxy on the same machine would make every visitor local)."""
    token = getattr(settings, "METRICS_TOKEN", "")
    authorization = request.headers.get("Authorization", "")
    if token and authorization.startswith("Bearer "):
        return constant_time_compare(authorization.removeprefix("Bearer "), token)
    return (
        getattr(settings, "METRICS_ALLOW_LOOPBACK", True)
        and request.META.get("REMOTE_ADDR") in LOOPBACK
        and "HTTP_X_FORWARDED_FOR" not in request.META
        and "HTTP_FORWARDED" not in request.META
    )


@no_household_data
@login_not_required
@mfa_not_required
@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not may_scrape(request):
        raise Http404  # does not say that there is something here
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):  # gunicorn with several workers: add up all their files
        process_registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(process_registry)
        output = generate_latest(process_registry)
    else:
        output = generate_latest(REGISTRY)
    database_registry = CollectorRegistry(auto_describe=False)
    database_registry.register(DatabaseGauges())
    return HttpResponse(output + generate_latest(database_registry), content_type=CONTENT_TYPE_LATEST)
