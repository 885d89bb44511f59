# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The rows of the API access matrix (test_api_matrix.py): every URL of the REST API, FHIR and HSDS by its URL name,
with the calls that stand for it and the kind of call, which decides what each caller must get.

test_every_api_fhir_and_hsds_route_is_in_the_api_access_matrix walks the URL resolver and fails for a route without
a row here, so a new endpoint cannot go untested. The generic FHIR routes list one call per resource type they serve
(and a test checks that every type EenPlan offers is listed).

Kinds:
- ``public``: no token needed, no personal data (the schema, the FHIR CapabilityStatement, HSDS);
- ``token``: the OAuth 2.0 token endpoint (no token without the client's credentials);
- ``session``: a page behind the login (the sociale kaart's HSDS export and import);
- ``list``: a list of the client's households or referrals: nothing of a household the client may not see;
- ``household``: one household's data: only the own wijkteam and a partner under a valid consent;
- ``write``: a change to one household's data: refused to any organisation that may not see the household;
- ``directory``: the sociale kaart for a token with ``directory:read``;
- ``fhir``: one household's FHIR resources: only the own wijkteam (or a partner under consent);
- ``audit``: AuditEvent: a scope ``audit:read`` or ``audit:all``, and the household's door.

URL templates take ``{household}``, ``{resident}``, ``{plan}``, ``{goal}``, ``{referral}``, ``{consent}``,
``{organisation}``, ``{service}``, ``{contact}``, ``{entry}`` (an access-log entry about the household),
``{hsds_organization}``, ``{hsds_service}`` and ``{hsds_service_at_location}``.
"""

from __future__ import annotations

HOUSEHOLD = "/api/v1/households/{household}"

API_URLS: dict[str, list[tuple[str, str]]] = {
    "api:token": [("/api/oauth/token/", "token")],
    "api:schema": [("/api/v1/schema/", "public")],
    "api:docs": [("/api/v1/docs/", "public")],
    "api:households": [("/api/v1/households/", "list"), ("/api/v1/households/?updated_since=2001-01-01", "list")],
    "api:household": [(f"{HOUSEHOLD}/", "household")],
    "api:plan": [(f"{HOUSEHOLD}/plan/", "household")],
    "api:care_team": [(f"{HOUSEHOLD}/care-team/", "household")],
    "api:consents": [(f"{HOUSEHOLD}/consents/", "household")],
    "api:household_referrals": [(f"{HOUSEHOLD}/referrals/", "household")],
    "api:referral": [(f"{HOUSEHOLD}/referrals/{{referral}}/", "household")],
    "api:referral_transition": [(f"{HOUSEHOLD}/referrals/{{referral}}/transitions/", "write")],
    "api:referrals": [("/api/v1/referrals/", "list")],
    "api:services": [("/api/v1/services/", "directory")],
    "api:fhir_metadata": [("/fhir/metadata", "public")],
    "api:fhir_directory": [
        ("/fhir/Organization", "directory"),
        ("/fhir/HealthcareService", "directory"),
        ("/fhir/Location", "directory"),
        ("/fhir/Practitioner", "directory"),
        ("/fhir/PractitionerRole", "directory"),
    ],
    "api:fhir_directory_read": [
        ("/fhir/Organization/{organisation}", "directory"),
        ("/fhir/HealthcareService/{service}", "directory"),
        ("/fhir/Location/{service}", "directory"),
        ("/fhir/Practitioner/{contact}", "directory"),
        ("/fhir/PractitionerRole/{contact}", "directory"),
    ],
    "api:fhir_search": [
        ("/fhir/Patient?patient={resident}", "fhir"),
        ("/fhir/CarePlan?patient={resident}", "fhir"),
        ("/fhir/Goal?patient={resident}", "fhir"),
        ("/fhir/CareTeam?patient={resident}", "fhir"),
        ("/fhir/Task?patient={resident}", "fhir"),
        ("/fhir/ServiceRequest?patient={resident}", "fhir"),
        ("/fhir/Consent?patient={resident}", "fhir"),
        ("/fhir/AuditEvent?patient={resident}", "audit"),
        ("/fhir/AuditEvent?household={household}", "audit"),
    ],
    "api:fhir_read": [
        ("/fhir/Patient/{resident}", "fhir"),
        ("/fhir/CarePlan/{plan}", "fhir"),
        ("/fhir/Goal/{goal}", "fhir"),
        ("/fhir/CareTeam/{household}", "fhir"),
        ("/fhir/Task/{referral}", "fhir"),
        ("/fhir/ServiceRequest/{referral}", "fhir"),
        ("/fhir/Consent/{consent}", "fhir"),
        ("/fhir/AuditEvent/{entry}", "audit"),
    ],
    "api:hsds": [("/hsds/", "public")],
    "api:hsds_services": [("/hsds/services", "public")],
    "api:hsds_service": [("/hsds/services/{hsds_service}", "public")],
    "api:hsds_organizations": [("/hsds/organizations", "public"), ("/hsds/organizations?full_service=true", "public")],
    "api:hsds_organization": [("/hsds/organizations/{hsds_organization}", "public")],
    "api:hsds_taxonomies": [("/hsds/taxonomies", "public")],
    "api:hsds_taxonomy_terms": [("/hsds/taxonomy_terms", "public")],
    "api:hsds_service_at_locations": [("/hsds/service_at_locations", "public")],
    "api:hsds_service_at_location": [("/hsds/service_at_locations/{hsds_service_at_location}", "public")],
    "directory:hsds_export": [("/sociale-kaart/hsds.json", "session")],
    "directory:hsds_import": [("/sociale-kaart/importeren/", "session")],
    "directory:hsds_import_job": [("/sociale-kaart/importeren/1/", "session")],
}

# The URL prefixes of the API, FHIR and HSDS routes; an HSDS route elsewhere is found by its name.
API_PREFIXES = ("api/", "fhir/", "hsds/")
