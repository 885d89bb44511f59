# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from csp.decorators import csp_update
from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from oauth2_provider.views import TokenView

from eenplan.access.door import no_household_data
from eenplan.api import fhir, fhir_views, hsds_views, views

app_name = "api"
_DIRECTORY = "|".join(fhir.DIRECTORY_TYPES)


def _public(view):  # type: ignore[no-untyped-def]
    """The schema, its documentation and the token endpoint: no login, no household data."""
    return no_household_data(login_not_required(view))


urlpatterns = [
    # OAuth 2.0: client credentials for a token (POST grant_type=client_credentials with the client's id and secret).
    path("api/oauth/token/", _public(TokenView.as_view()), name="token"),
    # OpenAPI 3 at a stable URL, and its browsable documentation (Swagger UI from the package, no CDN).
    path("api/v1/schema/", _public(SpectacularAPIView.as_view()), name="schema"),
    path(
        "api/v1/docs/",
        # Swagger UI sets a few inline styles; its scripts stay 'self' only (served from the sidecar package).
        _public(
            csp_update({"style-src": ["'unsafe-inline'"]})(SpectacularSwaggerSplitView.as_view(url_name="api:schema"))
        ),
        name="docs",
    ),
    path("api/v1/households/", views.HouseholdList.as_view(), name="households"),
    path("api/v1/households/<id:pk>/", views.HouseholdDetail.as_view(), name="household"),
    path("api/v1/households/<id:pk>/plan/", views.PlanDetail.as_view(), name="plan"),
    path("api/v1/households/<id:pk>/care-team/", views.CareTeam.as_view(), name="care_team"),
    path("api/v1/households/<id:pk>/consents/", views.ConsentList.as_view(), name="consents"),
    path("api/v1/households/<id:pk>/referrals/", views.HouseholdReferrals.as_view(), name="household_referrals"),
    path("api/v1/households/<id:pk>/referrals/<id:referral_pk>/", views.ReferralDetail.as_view(), name="referral"),
    path(
        "api/v1/households/<id:pk>/referrals/<id:referral_pk>/transitions/",
        views.ReferralTransition.as_view(),
        name="referral_transition",
    ),
    path("api/v1/referrals/", views.ReferralList.as_view(), name="referrals"),
    path("api/v1/services/", views.ServiceList.as_view(), name="services"),
    # FHIR R4
    path("fhir/metadata", fhir_views.Metadata.as_view(), name="fhir_metadata"),
    # The sociale kaart as an IHE mCSD directory (no household data), then a household's resources and AuditEvent.
    re_path(rf"^fhir/(?P<resource_type>{_DIRECTORY})$", fhir_views.DirectorySearch.as_view(), name="fhir_directory"),
    re_path(
        rf"^fhir/(?P<resource_type>{_DIRECTORY})/(?P<resource_id>[A-Za-z0-9\-.]{{1,64}})$",
        fhir_views.DirectoryRead.as_view(),
        name="fhir_directory_read",
    ),
    re_path(r"^fhir/(?P<resource_type>[A-Za-z]{1,40})$", fhir_views.Search.as_view(), name="fhir_search"),
    re_path(
        r"^fhir/(?P<resource_type>[A-Za-z]{1,40})/(?P<resource_id>[A-Za-z0-9\-.]{1,64})$",
        fhir_views.Read.as_view(),
        name="fhir_read",
    ),
    # HSDS 3.0 (public)
    path("hsds/", hsds_views.index, name="hsds"),
    path("hsds/services", hsds_views.services, name="hsds_services"),
    path("hsds/services/<str:hsds_id>", hsds_views.service, name="hsds_service"),
    path("hsds/organizations", hsds_views.organizations, name="hsds_organizations"),
    path("hsds/organizations/<str:hsds_id>", hsds_views.organization, name="hsds_organization"),
    path("hsds/taxonomies", hsds_views.taxonomies, name="hsds_taxonomies"),
    path("hsds/taxonomy_terms", hsds_views.taxonomy_terms, name="hsds_taxonomy_terms"),
    path("hsds/service_at_locations", hsds_views.service_at_locations, name="hsds_service_at_locations"),
    path("hsds/service_at_locations/<str:hsds_id>", hsds_views.service_at_location, name="hsds_service_at_location"),
]
