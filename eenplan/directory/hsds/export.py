# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The sociale kaart as an Open Referral HSDS 3.0 document (see docs/hsds.md for the mapping).

The document is the HSDS API's page of organizations: ``{"total_items": …, "contents": [organization, …]}``, each
organization holding its services. Every document we write is validated against the official HSDS 3.0 schemas
(`schema.document_validator`, with format checks) before it leaves.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.db.models import Prefetch
from django.utils import translation

from eenplan.accounts.models import Neighbourhood, Organisation, OrganisationType, User
from eenplan.directory.hsds.schema import document_validator, json_path
from eenplan.directory.hsds.vocabulary import (
    LIFE_DOMAINS,
    NEIGHBOURHOODS,
    ORGANISATION_TYPES,
    PROPERTY_TERMS,
    RESPONSE_DAYS,
    SERVICE_PROPERTIES,
    TARGET_GROUP,
    WAITING_DAYS,
    attribute,
    derived_id,
    organisation_uid,
)
from eenplan.directory.models import ContactPerson, Service, ServiceDomain
from eenplan.domains import LifeDomain


def may_download_directory(user: User) -> bool:
    """The sociale kaart is not secret: every professional (anyone with an active membership) may download it."""
    return user.is_authenticated and (user.is_superuser or bool(user.active_memberships()))


class HSDSExportError(RuntimeError):
    """The export does not validate against the official HSDS 3.0 schemas: a bug, never the user's fault."""


def _phones(owner: str, owner_id: str, number: str) -> list[dict[str, Any]]:
    return [{"id": derived_id("phone", owner, owner_id), "number": number}] if number else []


def _optional(**values: str) -> dict[str, str]:
    return {key: value for key, value in values.items() if value}


def _contact_json(contact: ContactPerson) -> dict[str, Any]:
    contact_id = str(contact.uid)
    return {
        "id": contact_id,
        "name": contact.name,
        **_optional(title=contact.role, email=contact.email),
        "phones": _phones("contact", contact_id, contact.phone),
        "attributes": [
            attribute(
                NEIGHBOURHOODS,
                n.code,
                n.name,
                f"Wijk {n.name}",
                link_entity="contact",
                link_id=contact_id,
            )
            for n in contact.neighbourhoods.all()
        ],
    }


def _service_json(service: Service, organisation_id: str) -> dict[str, Any]:
    service_id = str(service.uid)
    locations = []
    if service.street or service.postcode or service.city:
        location_id = derived_id("location", service_id)
        locations.append(
            {
                "id": derived_id("service_at_location", service_id),
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "name": service.name,
                    "addresses": [
                        {
                            "id": derived_id("address", service_id),
                            "address_1": service.street,
                            "city": service.city,
                            "state_province": "",
                            "postal_code": service.postcode,
                            "country": "NL",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        )
    properties = [
        (TARGET_GROUP, service.target_group),
        (RESPONSE_DAYS, str(service.expected_response_days)),
        (WAITING_DAYS, "" if service.waiting_time_days is None else str(service.waiting_time_days)),
    ]
    return {
        "id": service_id,
        "organization_id": organisation_id,
        "name": service.name,
        "description": service.description,
        "status": service.status,
        **_optional(
            url=service.url,
            email=service.email,
            eligibility_description=service.eligibility,
            application_process=service.how_to_refer,
        ),
        "last_modified": service.updated_at.astimezone(datetime.UTC).isoformat(),
        "phones": _phones("service", service_id, service.phone),
        "contacts": [_contact_json(c) for c in service.contacts.all()],
        "schedules": (
            [{"id": derived_id("schedule", service_id), "description": service.opening_hours}]
            if service.opening_hours
            else []
        ),
        "service_areas": [
            {"id": derived_id("service_area", service_id, n.code), "name": n.name} for n in service.neighbourhoods.all()
        ],
        "service_at_locations": locations,
        "attributes": [
            *(
                attribute(
                    LIFE_DOMAINS,
                    d.code,
                    str(LifeDomain(d.code).label),
                    f"Leefgebied {LifeDomain(d.code).label}",
                    link_entity="service",
                    link_id=service_id,
                )
                for d in service.domains.all()
                if d.code in LifeDomain.values
            ),
            *(
                attribute(
                    SERVICE_PROPERTIES,
                    code,
                    *PROPERTY_TERMS[code],
                    link_entity="service",
                    link_id=service_id,
                    value=value,
                )
                for code, value in properties
                if value
            ),
        ],
    }


def _organisation_json(organisation: Organisation) -> dict[str, Any]:
    organisation_id = organisation_uid(organisation.name)
    kind = OrganisationType(organisation.type) if organisation.type in OrganisationType.values else None
    return {
        "id": organisation_id,
        "name": organisation.name,
        "description": str(kind.label) if kind else "",
        **_optional(website=organisation.website),
        "phones": _phones("organisation", organisation_id, organisation.phone),
        "contacts": [_contact_json(c) for c in getattr(organisation, "own_contacts", [])],
        "attributes": (
            [
                attribute(
                    ORGANISATION_TYPES,
                    kind.value,
                    str(kind.label),
                    f"Soort organisatie: {kind.label}",
                    link_entity="organization",
                    link_id=organisation_id,
                )
            ]
            if kind
            else []
        ),
        "services": [_service_json(s, organisation_id) for s in organisation.services.all()],
    }


def _organisations() -> models.QuerySet[Organisation]:
    by_name = Neighbourhood.objects.order_by("name", "code")
    contacts = ContactPerson.objects.order_by("name", "uid").prefetch_related(Prefetch("neighbourhoods", by_name))
    services = Service.objects.order_by("name", "uid").prefetch_related(
        Prefetch("domains", ServiceDomain.objects.order_by("code")),
        Prefetch("neighbourhoods", by_name),
        Prefetch("contacts", contacts),
    )
    return Organisation.objects.order_by("name").prefetch_related(
        Prefetch("services", services),
        Prefetch("contact_persons", contacts.filter(service__isnull=True), to_attr="own_contacts"),
    )


def export_directory() -> dict[str, Any]:
    """The whole sociale kaart as an HSDS 3.0 page of organizations, validated against the official schemas."""
    with translation.override("nl"):  # term names and descriptions in the language of the directory
        contents = [_organisation_json(o) for o in _organisations()]
    document = {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }
    problems = [f"{json_path(e.absolute_path)}: {e.message}" for e in document_validator().iter_errors(document)]
    if problems:
        raise HSDSExportError("The HSDS export does not validate: " + "; ".join(problems[:10]))
    return document


# The HSDS API (eenplan/api/hsds_views.py) serves the same objects page by page and one by one.
service_json = _service_json
organisation_json = _organisation_json
organisations_for_export = _organisations
