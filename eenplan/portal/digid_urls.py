# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""DigiD for Mijn EenPlan under the namespace django-digid-eherkenning expects ("digid"; its SAML configuration
builds the assertion consumer URL from `digid:acs`). The ACS is the portal's own: it matches the BSN to a resident
and starts a portal session, never a professional's login."""

from django.urls import path

from eenplan.portal import views

app_name = "digid"

urlpatterns = [
    path("login/", views.digid_login, name="login"),
    path("acs/", views.digid_acs, name="acs"),
]
