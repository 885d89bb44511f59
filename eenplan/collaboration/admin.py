# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Working together in the functional administrator's admin (/beheer/): mandate levels per organisation and role,
and the helpdesk's topics with their expert pools. Data, not code; no household data."""

from __future__ import annotations

from django.contrib import admin

from eenplan.accounts.admin import FunctionalAdminOnly, site
from eenplan.collaboration.models import EscalationMandate, HelpdeskTopic


@admin.register(EscalationMandate, site=site)
class EscalationMandateAdmin(FunctionalAdminOnly):
    list_display = ["title", "organisation", "role", "level", "max_amount", "response_days", "active"]
    list_filter = ["active", "role"]
    fields = ["organisation", "role", "level", "title", "description", "max_amount", "response_days", "active"]


@admin.register(HelpdeskTopic, site=site)
class HelpdeskTopicAdmin(FunctionalAdminOnly):
    list_display = ["name", "code", "response_days", "position"]
    fields = ["code", "name", "name_en", "position", "response_days", "experts"]
    filter_horizontal = ["experts"]
