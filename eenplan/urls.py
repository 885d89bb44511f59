# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.urls import include, path

from eenplan.accounts.admin import site as admin_site
from eenplan.web import views as web_views

urlpatterns = [
    path("", web_views.start, name="start"),
    path("healthz", web_views.healthz, name="healthz"),
    path("", include("eenplan.ops.urls")),
    path("ping/", web_views.ping, name="ping"),
    path("taal/", web_views.set_language, name="set_language"),
    path("", include("eenplan.accounts.urls")),
    path("passkeys/", include("eenplan.accounts.passkey_urls")),
    path("huishoudens/", include("eenplan.household_pages.urls")),
    path("", include("eenplan.access.urls")),
    path("", include("eenplan.plans.urls")),
    path("", include("eenplan.assessments.urls")),
    path("", include("eenplan.intake.urls")),
    path("", include("eenplan.directory.urls")),
    path("", include("eenplan.referrals.urls")),
    path("", include("eenplan.collaboration.urls")),
    path("", include("eenplan.budget.urls")),
    path("", include("eenplan.reports.urls")),
    path("", include("eenplan.notifications.urls")),
    path("", include("eenplan.api.urls")),
    path("", include("eenplan.portal.urls")),
    path("mijn/digid/", include("eenplan.portal.digid_urls")),
    path("mijn/digid-mock/", include("eenplan.portal.digid_mock_urls")),
    path("", include("eenplan.staff.urls")),
    path("beheer/", admin_site.urls),
]

handler400 = "eenplan.web.views.bad_request"
handler403 = "eenplan.web.views.permission_denied"
handler404 = "eenplan.web.views.page_not_found"
