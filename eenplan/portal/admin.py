# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The functional administrator's settings for My EenPlan: per organisation, whether residents see names."""

from __future__ import annotations

from django.contrib import admin

from eenplan.accounts.admin import FunctionalAdminOnly, site
from eenplan.portal.models import OrganisationPortalPolicy


@admin.register(OrganisationPortalPolicy, site=site)
class OrganisationPortalPolicyAdmin(FunctionalAdminOnly):
    list_display = ["organisation", "show_professional_names", "changed_at"]
    list_filter = ["show_professional_names"]
    list_select_related = ["organisation"]
    fields = ["organisation", "show_professional_names"]
    search_fields = ["organisation__name"]
