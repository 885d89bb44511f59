# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Wijkbudgets and mandate levels in the functional administrator's admin (/beheer/).

The running totals (awaiting approval, committed, realised) are shown, never typed: only the services move money.
Commitments are household data and are not in the admin; the team works with them through the plan."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from eenplan.accounts.admin import FunctionalAdminOnly, site
from eenplan.budget.models import MandateLevel, NeighbourhoodBudget


@admin.register(NeighbourhoodBudget, site=site)
class NeighbourhoodBudgetAdmin(FunctionalAdminOnly):
    list_display = ["name", "year", "team", "neighbourhood", "purpose", "amount", "pending", "committed", "realised"]
    list_filter = ["year", "purpose"]
    search_fields = ["name"]
    fields = [
        "name",
        "team",
        "neighbourhood",
        "year",
        "purpose",
        "amount",
        "owner",
        "starts_on",
        "ends_on",
        "warn_percentage",
        "pending",
        "committed",
        "realised",
    ]
    readonly_fields = ["pending", "committed", "realised"]
    list_select_related = ["team__organisation", "neighbourhood"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A budget with commitments is protected by the database; an empty one may go.
        return super().has_delete_permission(request, obj) and (obj is None or not obj.commitments.exists())


@admin.register(MandateLevel, site=site)
class MandateLevelAdmin(FunctionalAdminOnly):
    list_display = ["organisation", "role", "limit"]
    list_filter = ["role"]
    fields = ["organisation", "role", "limit"]
    list_select_related = ["organisation"]
