# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The functional administrator's settings for My EenPlan: per organisation, whether residents see names; the
connection to the eHerkenning broker for representatives (its secret stays in the environment)."""

from __future__ import annotations

from django.contrib import admin
from solo.admin import SingletonModelAdmin

from eenplan.accounts.admin import FunctionalAdminOnly, site
from eenplan.portal.models import EHerkenningBewindvoeringConfig, OrganisationPortalPolicy


@admin.register(OrganisationPortalPolicy, site=site)
class OrganisationPortalPolicyAdmin(FunctionalAdminOnly):
    list_display = ["organisation", "show_professional_names", "changed_at"]
    list_filter = ["show_professional_names"]
    list_select_related = ["organisation"]
    fields = ["organisation", "show_professional_names"]
    search_fields = ["organisation__name"]


@admin.register(EHerkenningBewindvoeringConfig, site=site)
class EHerkenningBewindvoeringConfigAdmin(FunctionalAdminOnly, SingletonModelAdmin):
    fields = [
        "enabled",
        "oidc_op_authorization_endpoint",
        "oidc_op_token_endpoint",
        "oidc_op_user_endpoint",
        "oidc_op_jwks_endpoint",
        "oidc_rp_client_id",
        "oidc_rp_scopes",
        "oidc_rp_sign_algo",
        "claims_source",
        "options",
    ]
