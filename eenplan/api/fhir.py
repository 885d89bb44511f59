# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""EenPlan's data as HL7 FHIR R4 resources (Shared Care Planning / IHE Dynamic Care Planning), each validated with
fhir.resources before it leaves (its R4B models: R4's technical correction, the same structure for these resources).

Nothing here decides who may see what: the views give only rows the access policy's Decision lets through.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from fhir.resources.R4B import get_fhir_model_class

from eenplan.access.models import Consent
from eenplan.households.models import Household, Resident
from eenplan.plans.models import Action, CareTeamMember, Goal, Plan
from eenplan.referrals.models import Referral, ReferralState

BSN_SYSTEM = "http://fhir.nl/fhir/NamingSystem/bsn"
EENPLAN = "https://eenplan.nl/fhir"
CATEGORY_SYSTEM = f"{EENPLAN}/CodeSystem/information-category"
DOMAIN_SYSTEM = f"{EENPLAN}/CodeSystem/life-domain"
ROLE_SYSTEM = f"{EENPLAN}/CodeSystem/care-team-role"
FHIR_VERSION = "4.0.1"


def validated(resource: dict[str, Any]) -> dict[str, Any]:
    """The resource after fhir.resources has read it (a ValidationError for anything FHIR does not allow)."""
    model = get_fhir_model_class(resource["resourceType"])
    return model.model_validate(resource).model_dump(mode="json", exclude_none=True)  # type: ignore[no-any-return]


def _instant(moment: datetime.datetime | None) -> str | None:
    return moment.astimezone(datetime.UTC).isoformat() if moment else None


def _ref(kind: str, pk: int | str, display: str = "") -> dict[str, Any]:
    reference: dict[str, Any] = {"reference": f"{kind}/{pk}"}
    if display:
        reference["display"] = display
    return reference


def _display(display: str) -> dict[str, Any]:
    return {"display": display}


def patient(resident: Resident) -> dict[str, Any]:
    """A resident. The BSN travels as identifier only for a resident the decision shows (own task or consent)."""
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "id": str(resident.pk),
        "name": [
            {
                "use": "official",
                "family": resident.family_name_display,
                "given": [resident.first_name],
                "text": resident.full_name,
            }
        ],
        "birthDate": resident.date_of_birth.isoformat(),
        "telecom": [
            *([{"system": "phone", "value": resident.phone}] if resident.phone else []),
            *([{"system": "email", "value": resident.email}] if resident.email else []),
        ],
        "address": [
            {
                "use": "home",
                "line": [f"{resident.household.street} {resident.household.house_number}"],
                "postalCode": resident.household.postcode,
                "city": resident.household.city,
                "country": "NL",
            }
        ],
    }
    if resident.bsn:
        resource["identifier"] = [{"system": BSN_SYSTEM, "value": resident.bsn}]
    return resource


PLAN_STATUS = {"concept": "draft", "vastgesteld": "active", "geevalueerd": "completed", "afgesloten": "completed"}
ACTION_STATUS = {"open": "not-started", "bezig": "in-progress", "gedaan": "completed", "vervallen": "cancelled"}


def care_plan(plan: Plan, subject: Resident, goals: list[Goal], actions: list[Action]) -> dict[str, Any]:
    """The household's plan (*plan van aanpak*); its actions as activities, its goals as references."""
    resource: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": str(plan.pk),
        "status": PLAN_STATUS.get(plan.status, "unknown"),
        "intent": "plan",
        "title": f"Plan van aanpak {plan.number}",
        "subject": _ref("Patient", subject.pk, subject.full_name),
        "created": _instant(plan.created_at),
        "careTeam": [_ref("CareTeam", plan.household_id)],
        "goal": [_ref("Goal", goal.pk) for goal in goals],
        "activity": [
            {
                "detail": {
                    "kind": "Task",
                    "code": {"text": action.description},
                    "status": ACTION_STATUS.get(action.status, "unknown"),
                    "description": action.description,
                    **({"scheduledString": action.due_date.isoformat()} if action.due_date else {}),
                    **({"performer": [_display(action.owner_display)]} if action.owner_display else {}),
                }
            }
            for action in actions
        ],
    }
    if plan.summary:
        resource["description"] = plan.summary
    if plan.evaluation_date:
        resource["period"] = {"end": plan.evaluation_date.isoformat()}
    return resource


def goal(row: Goal, subject: Resident) -> dict[str, Any]:
    return {
        "resourceType": "Goal",
        "id": str(row.pk),
        "lifecycleStatus": "completed" if row.achieved else "active",
        **({"achievementStatus": {"text": "achieved"}} if row.achieved else {}),
        "category": [{"coding": [{"system": DOMAIN_SYSTEM, "code": row.domain}], "text": row.get_domain_display()}],
        "description": {"text": row.resident_words},
        "subject": _ref("Patient", subject.pk, subject.full_name),
        "startDate": timezone.localtime(row.created_at).date().isoformat(),
    }


def care_team(household: Household, subject: Resident, members: list[CareTeamMember]) -> dict[str, Any]:
    """The care team (*betrokkenen*), the regisseur as case manager."""
    participants = []
    for member in members:
        is_regisseur = member.user_id is not None and member.user_id == household.regisseur_id
        role = (
            {"coding": [{"system": ROLE_SYSTEM, "code": "regisseur", "display": "Case manager"}], "text": "regisseur"}
            if is_regisseur
            else {"text": member.role}
        )
        participants.append(
            {
                "role": [role],
                **({"member": _display(member.user.full_name)} if member.user else {}),
                "onBehalfOf": _display(member.organisation.name),
                "period": {
                    "start": member.since.isoformat(),
                    **({"end": member.until.isoformat()} if member.until else {}),
                },
            }
        )
    return {
        "resourceType": "CareTeam",
        "id": str(household.pk),
        "status": "active",
        "subject": _ref("Patient", subject.pk, subject.full_name),
        "participant": participants,
    }


TASK_STATUS = {
    ReferralState.CONCEPT: "draft",
    ReferralState.VERZONDEN: "requested",
    ReferralState.ONTVANGEN: "received",
    ReferralState.GEACCEPTEERD: "accepted",
    ReferralState.AFGEWEZEN: "rejected",
    ReferralState.IN_BEHANDELING: "in-progress",
    ReferralState.AFGEROND: "completed",
    ReferralState.GESTOPT: "failed",
    ReferralState.INGETROKKEN: "cancelled",
}


def service_request(referral: Referral, subject: Resident) -> dict[str, Any]:
    """What was asked of the receiving service (the referral itself)."""
    state = referral.state
    status = "draft" if state == ReferralState.CONCEPT else "active"
    if state == ReferralState.AFGEROND:
        status = "completed"
    elif state in (ReferralState.AFGEWEZEN, ReferralState.GESTOPT, ReferralState.INGETROKKEN):
        status = "revoked"
    return {
        "resourceType": "ServiceRequest",
        "id": str(referral.pk),
        "status": status,
        "intent": "order",
        "code": {"text": referral.service.name},
        "subject": _ref("Patient", subject.pk, subject.full_name),
        "authoredOn": _instant(referral.sent_at or referral.created_at),
        "requester": _display(referral.from_organisation.name),
        "performer": [_display(referral.to_organisation.name)],
        "note": [{"text": referral.summary}],
    }


def task(referral: Referral, subject: Resident) -> dict[str, Any]:
    """The referral's state in the closed loop: who must do what, and the outcome."""
    resource: dict[str, Any] = {
        "resourceType": "Task",
        "id": str(referral.pk),
        "status": TASK_STATUS[ReferralState(referral.state)],
        "intent": "order",
        "focus": _ref("ServiceRequest", referral.pk),
        "for": _ref("Patient", subject.pk, subject.full_name),
        "authoredOn": _instant(referral.created_at),
        "lastModified": _instant(referral.closed_at or referral.accepted_at or referral.sent_at or referral.created_at),
        "requester": _display(referral.from_organisation.name),
        "owner": _display(referral.to_organisation.name),
    }
    if referral.response_deadline:
        resource["restriction"] = {"period": {"end": _instant(referral.response_deadline)}}
    if referral.reason:
        resource["statusReason"] = {"text": referral.reason}
    if referral.outcome:
        resource["output"] = [{"type": {"text": "outcome"}, "valueString": referral.outcome}]
    return resource


def consent(row: Consent, subject: Resident) -> dict[str, Any]:
    """A resident's consent to share information categories with one organisation, for a purpose."""
    state = row.state
    status = {"valid": "active", "future": "proposed", "expired": "inactive", "withdrawn": "inactive"}[state]
    period: dict[str, Any] = {"start": row.valid_from.isoformat()}
    if row.valid_until:
        period["end"] = row.valid_until.isoformat()
    return {
        "resourceType": "Consent",
        "id": str(row.pk),
        "status": status,
        "scope": {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy"}]
        },
        "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0", "display": "Patient Consent"}]}],
        "patient": _ref("Patient", subject.pk, subject.full_name),
        "dateTime": _instant(row.recorded_at),
        "organization": [_display(row.organisation.name)],
        "policyRule": {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "OPTIN"}],
            "text": row.purpose,
        },
        "provision": {
            "type": "permit",
            "period": period,
            "code": [
                {"coding": [{"system": CATEGORY_SYSTEM, "code": category.code}], "text": str(category)}
                for category in row.categories.all()
            ],
        },
    }


def bundle(resources: list[dict[str, Any]], total: int, self_url: str, next_url: str | None, base: str) -> dict:
    links = [{"relation": "self", "url": self_url}]
    if next_url:
        links.append({"relation": "next", "url": next_url})
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": total,
        "link": links,
        "entry": [
            {
                "fullUrl": f"{base}{resource['resourceType']}/{resource['id']}",
                "resource": resource,
                "search": {"mode": "match"},
            }
            for resource in resources
        ],
    }


def operation_outcome(severity: str, code: str, text: str) -> dict[str, Any]:
    return {"resourceType": "OperationOutcome", "issue": [{"severity": severity, "code": code, "diagnostics": text}]}


# -- the access log (for the privacy officer's system) -------------------------------------------------------------

ACTION_CODES = {"create": "C", "view": "R", "update": "U", "delete": "D", "export": "R", "print": "R"}
ACTION_SYSTEM = f"{EENPLAN}/CodeSystem/access-log-action"
JUSTIFICATION_SYSTEM = f"{EENPLAN}/CodeSystem/access-justification"
OBJECT_SYSTEM = f"{EENPLAN}/CodeSystem/access-log-object"
HOUSEHOLD_SYSTEM = f"{EENPLAN}/NamingSystem/household"


def audit_event(entry: Any, who: str, organisation: str) -> dict[str, Any]:
    """One access-log entry (NEN 7513) as an AuditEvent: who (the user or the API client's account, its role and
    organisation), what happened (read, change, refused), when, why (the justification), and about what (the
    household, the resident when one, and the object's type and id). Identifiers only, as in the log itself."""
    refused = entry.action == "refused"
    about: list[dict[str, Any]] = [
        {
            "what": {"identifier": {"system": HOUSEHOLD_SYSTEM, "value": str(entry.household_id)}},
            "type": {"system": "http://terminology.hl7.org/CodeSystem/audit-entity-type", "code": "1"},
        }
    ]
    if entry.resident_id:
        about.append({"what": _ref("Patient", entry.resident_id)})
    about.append(
        {
            "what": {
                "identifier": {
                    "system": f"{OBJECT_SYSTEM}/{entry.object_type}",
                    **({"value": str(entry.object_id)} if entry.object_id is not None else {}),
                }
            },
            "type": {"system": OBJECT_SYSTEM, "code": entry.object_type},
        }
    )
    return {
        "resourceType": "AuditEvent",
        "id": str(entry.pk),
        "meta": {"lastUpdated": _instant(entry.timestamp)},
        "type": {
            "system": "http://terminology.hl7.org/CodeSystem/audit-event-type",
            "code": "rest",
            "display": "RESTful Operation",
        },
        "subtype": [{"system": ACTION_SYSTEM, "code": entry.action}],
        **({"action": ACTION_CODES[entry.action]} if entry.action in ACTION_CODES else {}),
        "recorded": _instant(entry.timestamp),
        "outcome": "4" if refused else "0",
        **({"outcomeDesc": "refused"} if refused else {}),
        "purposeOfEvent": [{"coding": [{"system": JUSTIFICATION_SYSTEM, "code": entry.justification}]}],
        "agent": [
            {
                **({"role": [{"text": entry.role}]} if entry.role else {}),
                "who": {
                    "identifier": {"system": f"{EENPLAN}/NamingSystem/user", "value": str(entry.user_id)},
                    "display": who,
                },
                "requestor": True,
            },
            {
                "type": {
                    "coding": [
                        {
                            "system": "http://dicom.nema.org/resources/ontology/DCM",
                            "code": "110150",
                            "display": "Application",
                        }
                    ]
                },
                "who": {"display": organisation},
                "requestor": False,
            },
        ],
        "source": {"observer": {"display": "EenPlan"}, "site": "EenPlan"},
        "entity": about,
    }


# -- the sociale kaart as an IHE mCSD directory --------------------------------------------------------------------

ORGANISATION_TYPE_SYSTEM = f"{EENPLAN}/CodeSystem/organisation-type"
MCSD = "https://profiles.ihe.net/ITI/mCSD/StructureDefinition"


def _telecom(phone: str, email: str = "", url: str = "") -> list[dict[str, Any]]:
    return [
        *([{"system": "phone", "value": phone, "use": "work"}] if phone else []),
        *([{"system": "email", "value": email, "use": "work"}] if email else []),
        *([{"system": "url", "value": url}] if url else []),
    ]


def organization(row: Any, type_label: str) -> dict[str, Any]:
    """An organisation of the sociale kaart (mCSD Organization)."""
    return {
        "resourceType": "Organization",
        "id": str(row.pk),
        "meta": {"profile": [f"{MCSD}/IHE.mCSD.Organization"]},
        "active": True,
        "type": [{"coding": [{"system": ORGANISATION_TYPE_SYSTEM, "code": row.type}], "text": type_label}],
        "name": row.name,
        **({"telecom": _telecom(row.phone, url=row.website)} if row.phone or row.website else {}),
    }


def _has_location(service: Any) -> bool:
    return bool(service.street or service.postcode or service.city)


def healthcare_service(service: Any) -> dict[str, Any]:
    """A service of the sociale kaart (mCSD HealthcareService): what it offers, for whom, how to refer."""
    resource: dict[str, Any] = {
        "resourceType": "HealthcareService",
        "id": str(service.pk),
        "meta": {"lastUpdated": _instant(service.updated_at), "profile": [f"{MCSD}/IHE.mCSD.HealthcareService"]},
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{service.uid}"}],
        "active": service.status == "active",
        "providedBy": _ref("Organization", service.organisation_id, service.organisation.name),
        "category": [
            {"coding": [{"system": DOMAIN_SYSTEM, "code": d.code}], "text": d.get_code_display()}
            for d in service.domains.all()
        ],
        "name": service.name,
        "extraDetails": service.description or None,
        "telecom": _telecom(service.phone, service.email, service.url),
        "coverageArea": [{"display": n.name} for n in service.neighbourhoods.all()],
        "eligibility": (
            [{"comment": service.eligibility or service.target_group}]
            if service.eligibility or service.target_group
            else []
        ),
        "availabilityExceptions": service.opening_hours or None,
    }
    if service.how_to_refer:
        resource["extraDetails"] = f"{service.description}\n\n{service.how_to_refer}".strip()
    if _has_location(service):
        resource["location"] = [_ref("Location", service.pk, service.name)]
    return {key: value for key, value in resource.items() if value not in (None, [])}


def location(service: Any) -> dict[str, Any]:
    """Where a service is offered (mCSD Location): its visiting address."""
    address: dict[str, Any] = {"use": "work", "type": "physical", "country": "NL"}
    if service.street:
        address["line"] = [service.street]
    if service.postcode:
        address["postalCode"] = service.postcode
    if service.city:
        address["city"] = service.city
    return {
        "resourceType": "Location",
        "id": str(service.pk),
        "meta": {"lastUpdated": _instant(service.updated_at), "profile": [f"{MCSD}/IHE.mCSD.Location"]},
        "status": "active" if service.status == "active" else "inactive",
        "name": service.name,
        "mode": "instance",
        "type": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
                        "code": "COMM",
                        "display": "Community Location",
                    }
                ]
            }
        ],
        **({"telecom": _telecom(service.phone, service.email)} if service.phone or service.email else {}),
        "address": address,
        "physicalType": {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/location-physical-type", "code": "bu"}]
        },
        "managingOrganization": _ref("Organization", service.organisation_id, service.organisation.name),
    }


def practitioner(contact: Any) -> dict[str, Any]:
    """A contact person of the sociale kaart (*wie is wie*) as mCSD Practitioner: the name and work contact only."""
    return {
        "resourceType": "Practitioner",
        "id": str(contact.pk),
        "meta": {"profile": [f"{MCSD}/IHE.mCSD.Practitioner"]},
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{contact.uid}"}],
        "active": True,
        "name": [{"text": contact.name}],
        **({"telecom": _telecom(contact.phone, contact.email)} if contact.phone or contact.email else {}),
    }


def practitioner_role(contact: Any) -> dict[str, Any]:
    """The contact person's role for an organisation (and one of its services; mCSD PractitionerRole)."""
    return {
        "resourceType": "PractitionerRole",
        "id": str(contact.pk),
        "meta": {"profile": [f"{MCSD}/IHE.mCSD.PractitionerRole"]},
        "active": True,
        "practitioner": _ref("Practitioner", contact.pk, contact.name),
        "organization": _ref("Organization", contact.organisation_id, contact.organisation.name),
        **({"code": [{"text": contact.role}]} if contact.role else {}),
        **({"healthcareService": [_ref("HealthcareService", contact.service_id)]} if contact.service_id else {}),
        **({"telecom": _telecom(contact.phone, contact.email)} if contact.phone or contact.email else {}),
        **(
            {
                "extension": [
                    {"url": f"{EENPLAN}/StructureDefinition/neighbourhood", "valueString": n.name}
                    for n in contact.neighbourhoods.all()
                ]
            }
            if contact.neighbourhoods.all()
            else {}
        ),
    }


HOUSEHOLD_TYPES = ("Patient", "CarePlan", "Goal", "CareTeam", "Task", "ServiceRequest", "Consent")
DIRECTORY_TYPES = ("Organization", "HealthcareService", "Location", "Practitioner", "PractitionerRole")
SEARCHABLE = (*HOUSEHOLD_TYPES, "AuditEvent", *DIRECTORY_TYPES)
# The search parameters of each type besides _count and page (a `date`/`_lastUpdated` takes ge and le prefixes).
SEARCH_PARAMS: dict[str, dict[str, str]] = {
    "Patient": {"_id": "token", "patient": "reference"},
    "CarePlan": {"patient": "reference", "_id": "token", "status": "token", "_lastUpdated": "date"},
    "Goal": {"patient": "reference", "_id": "token", "_lastUpdated": "date"},
    "CareTeam": {"patient": "reference", "_id": "token"},
    "Task": {"patient": "reference", "_id": "token", "status": "token", "_lastUpdated": "date"},
    "ServiceRequest": {"patient": "reference", "_id": "token", "status": "token", "_lastUpdated": "date"},
    "Consent": {"patient": "reference", "_id": "token", "status": "token", "_lastUpdated": "date"},
    "AuditEvent": {
        "patient": "reference",
        "household": "token",
        "_id": "token",
        "date": "date",
        "_lastUpdated": "date",
    },
    "Organization": {"_id": "token", "name": "string"},
    "HealthcareService": {
        "_id": "token",
        "name": "string",
        "organization": "reference",
        "active": "token",
        "_lastUpdated": "date",
    },
    "Location": {"_id": "token", "name": "string", "organization": "reference", "_lastUpdated": "date"},
    "Practitioner": {"_id": "token", "name": "string"},
    "PractitionerRole": {
        "_id": "token",
        "organization": "reference",
        "service": "reference",
        "practitioner": "reference",
    },
}


def capability_statement(base: str) -> dict[str, Any]:
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": timezone.now().date().isoformat(),
        "kind": "instance",
        "publisher": "EenPlan",
        "implementation": {"description": "EenPlan FHIR API", "url": base},
        "fhirVersion": FHIR_VERSION,
        "format": ["json"],
        "instantiates": [
            "https://profiles.ihe.net/ITI/mCSD/CapabilityStatement/IHE.mCSD.Directory",
        ],
        "rest": [
            {
                "mode": "server",
                "security": {
                    "service": [
                        {
                            "coding": [
                                {
                                    "system": "http://terminology.hl7.org/CodeSystem/restful-security-service",
                                    "code": "OAuth",
                                }
                            ]
                        }
                    ],
                    "description": "OAuth 2.0 client credentials; a client acts for one organisation.",
                },
                "resource": [
                    {
                        "type": kind,
                        "interaction": [{"code": "read"}, {"code": "search-type"}],
                        "searchParam": [
                            {"name": name, "type": kind_of} for name, kind_of in SEARCH_PARAMS[kind].items()
                        ],
                    }
                    for kind in SEARCHABLE
                ],
            }
        ],
    }
