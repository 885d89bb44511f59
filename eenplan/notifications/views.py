# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The notifications page (*meldingen*)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from eenplan.access.door import no_household_data
from eenplan.lib.requests import authenticated_user
from eenplan.notifications.models import Notification


@no_household_data
def notifications(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first; opening the page marks them read. Messages hold no resident data."""
    mine = Notification.objects.filter(user=authenticated_user(request)).order_by("-created_at", "-id")
    page = Paginator(mine, 25).get_page(request.GET.get("pagina"))
    unread_ids = [n.pk for n in page.object_list if n.read_at is None]
    response = render(request, "notifications/list.html", {"page": page, "unread_ids": set(unread_ids)})
    Notification.objects.filter(pk__in=unread_ids).update(read_at=timezone.now())
    return response
