# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Our JSON Schema for the HSDS documents the sociale kaart exports and imports.

It follows Open Referral's Human Services Data Specification (HSDS) 3.0: the object names, field names, types,
formats, enumerations and required fields below are those of HSDS 3.0 for the parts EenPlan uses. It is written for
EenPlan (not copied from the specification's schema files) and covers:

- the API's ``Page`` envelope (``total_items``, ``total_pages``, ``page_number``, ``size``, ``first_page``,
  ``last_page``, ``empty``, ``contents``), here holding a list of organizations;
- ``organization`` (required: ``id``, ``name``, ``description``) with its ``services``, ``phones``, ``contacts``
  and ``attributes``;
- ``service`` (required: ``id``, ``name``, ``status``; ``status`` one of HSDS's four values) with ``phones``,
  ``contacts``, ``schedules``, ``service_areas``, ``service_at_locations`` and ``attributes``;
- ``phone`` (required: ``id``, ``number``), ``contact`` (required: ``id``), ``schedule`` (required: ``id``;
  ``freq`` and ``wkst`` enumerations), ``service_area`` (required: ``id``), ``service_at_location`` (required:
  ``id``), ``location`` (required: ``id``, ``location_type``), ``address`` (required: ``id``, ``address_1``,
  ``city``, ``state_province``, ``postal_code``, ``country``, ``address_type``);
- ``attribute`` (required: ``id``), ``taxonomy_term`` (required: ``id``, ``name``, ``description``) and
  ``taxonomy`` (required: ``id``, ``name``, ``description``).

As in HSDS, every ``id`` has the format ``uuid`` and objects may carry properties the schema does not define (HSDS
allows extension). HSDS objects EenPlan does not use (program, funding, cost_option, language, metadata, …) are
accepted as any JSON object or array and not checked further. The formats ``uuid``, ``email``, ``uri``, ``date``
and ``date-time`` are checked by `FORMAT_CHECKER`, so validation does not depend on optional packages.

The official schema of HSDS 3.0 (`OFFICIAL_SCHEMA`, vendored unmodified in ``schemas/``; licence and source in
``schemas/README.md``) is the measure our documents are held to in the tests (`official_errors`). The app validates
with our own schema: its errors are the ones the import report explains, for the objects and fields EenPlan uses.

Open Referral HSDS is licensed CC BY-SA 4.0 (https://openreferral.org, https://docs.openreferral.org).
"""

from __future__ import annotations

import datetime
import json
import pathlib
import re
import uuid
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError as SchemaError

SERVICE_STATUSES = ["active", "inactive", "defunct", "temporarily closed"]
LOCATION_TYPES = ["physical", "postal", "virtual"]
ADDRESS_TYPES = ["physical", "postal", "virtual"]
SCHEDULE_FREQUENCIES = ["WEEKLY", "MONTHLY"]
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _list_of(name: str) -> dict[str, Any]:
    return {"type": "array", "items": _ref(name)}


_STRING: dict[str, Any] = {"type": "string"}
_NUMBER: dict[str, Any] = {"type": "number"}
_UUID: dict[str, Any] = {"type": "string", "format": "uuid"}
_EMAIL: dict[str, Any] = {"type": "string", "format": "email"}
_URI: dict[str, Any] = {"type": "string", "format": "uri"}
_DATE: dict[str, Any] = {"type": "string", "format": "date"}
_ANY_OBJECT: dict[str, Any] = {"type": "object"}
_ANY_OBJECTS: dict[str, Any] = {"type": "array", "items": {"type": "object"}}

_TAXONOMY: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": _UUID,
        "name": _STRING,
        "description": _STRING,
        "uri": _URI,
        "version": _STRING,
        "metadata": _ANY_OBJECTS,
    },
    "required": ["id", "name", "description"],
}

_TAXONOMY_TERM: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": _UUID,
        "code": _STRING,
        "name": _STRING,
        "description": _STRING,
        "parent_id": _UUID,
        "taxonomy": _STRING,
        "taxonomy_detail": _ref("taxonomy"),
        "language": _STRING,
        "taxonomy_id": _UUID,
        "term_uri": _URI,
        "metadata": _ANY_OBJECTS,
    },
    "required": ["id", "name", "description"],
}

_ATTRIBUTE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": _UUID,
        "link_id": _UUID,
        "taxonomy_term_id": _UUID,
        "link_type": _STRING,
        "link_entity": _STRING,
        "value": _STRING,
        "label": _STRING,
        "taxonomy_term": _ref("taxonomy_term"),
        "metadata": _ANY_OBJECTS,
    },
    "required": ["id"],
}

_PHONE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": _UUID,
        "location_id": _UUID,
        "service_id": _UUID,
        "organization_id": _UUID,
        "contact_id": _UUID,
        "service_at_location_id": _UUID,
        "number": _STRING,
        "extension": _NUMBER,
        "type": _STRING,
        "description": _STRING,
        "languages": _ANY_OBJECTS,
        "attributes": _list_of("attribute"),
        "metadata": _ANY_OBJECTS,
    },
    "required": ["id", "number"],
}

_CONTACT: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": _UUID,
        "organization_id": _UUID,
        "service_id": _UUID,
        "service_at_location_id": _UUID,
        "location_id": _UUID,
        "name": _STRING,
        "title": _STRING,
        "department": _STRING,
        "email": _EMAIL,
        "phones": _list_of("phone"),
        "attributes": _list_of("attribute"),
        "metadata": _ANY_OBJECTS,
    },
    "required": ["id"],
}

_SCHEDULE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": _UUID,
        "service_id": _UUID,
        "location_id": _UUID,
        "service_at_location_id": _UUID,
        "valid_from": _DATE,
        "valid_to": _DATE,
        "dtstart": _DATE,
        "timezone": _NUMBER,
        "until": _DATE,
        "count": _NUMBER,
        "wkst": {"type": "string", "enum": WEEKDAYS},
        "freq": {"type": "string", "enum": SCHEDULE_FREQUENCIES},
        "interval": _NUMBER,
        "byday": _STRING,
        "byweekno": _STRING,
        "bymonthday": _STRING,
        "byyearday": _STRING,
        "description": _STRING,
        "opens_at": _STRING,
        "closes_at": _STRING,
        "schedule_link": _URI,
        "attending_type": _STRING,
        "notes": _STRING,
        "attributes": _list_of("attribute"),
        "metadata": _ANY_OBJECTS,
    },
    "required": ["id"],
}

_SERVICE_AREA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": _UUID,
        "service_id": _UUID,
        "name": _STRING,
        "description": _STRING,
        "extent": _STRING,
        "extent_type": _STRING,
        "uri": _STRING,
        "attributes": _list_of("attribute"),
        "metadata": _ANY_OBJECTS,
    },
    "required": ["id"],
}

_ADDRESS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": _UUID,
        "location_id": _UUID,
        "attention": _STRING,
        "address_1": _STRING,
        "address_2": _STRING,
        "city": _STRING,
        "region": _STRING,
        "state_province": _STRING,
        "postal_code": _STRING,
        "country": _STRING,
        "address_type": {"type": "string", "enum": ADDRESS_TYPES},
        "attributes": _list_of("attribute"),
        "metadata": _ANY_OBJECTS,
    },
    "required": ["id", "address_1", "city", "state_province", "postal_code", "country", "address_type"],
}

_LOCATION: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": _UUID,
        "location_type": {"type": "string", "enum": LOCATION_TYPES},
        "url": _URI,
        "organization_id": _UUID,
        "name": _STRING,
        "alternate_name": _STRING,
        "description": _STRING,
        "transportation": _STRING,
        "latitude": _NUMBER,
        "longitude": _NUMBER,
        "external_identifier": _STRING,
        "external_identifier_type": _STRING,
        "languages": _ANY_OBJECTS,
        "addresses": _list_of("address"),
        "contacts": _list_of("contact"),
        "accessibility": _ANY_OBJECTS,
        "phones": _list_of("phone"),
        "schedules": _list_of("schedule"),
        "attributes": _list_of("attribute"),
        "metadata": _ANY_OBJECTS,
    },
    "required": ["id", "location_type"],
}

_SERVICE_AT_LOCATION: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": _UUID,
        "service_id": _UUID,
        "location_id": _UUID,
        "description": _STRING,
        "contacts": _list_of("contact"),
        "phones": _list_of("phone"),
        "schedules": _list_of("schedule"),
        "location": _ref("location"),
        "attributes": _list_of("attribute"),
        "metadata": _ANY_OBJECTS,
    },
    "required": ["id"],
}

_SERVICE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": _UUID,
        "organization_id": _UUID,
        "program_id": _UUID,
        "name": _STRING,
        "alternate_name": _STRING,
        "description": _STRING,
        "url": _URI,
        "email": _EMAIL,
        "status": {"type": "string", "enum": SERVICE_STATUSES},
        "interpretation_services": _STRING,
        "application_process": _STRING,
        "fees_description": _STRING,
        "wait_time": _STRING,  # deprecated in HSDS 3.0
        "fees": _STRING,  # deprecated in HSDS 3.0
        "accreditations": _STRING,
        "eligibility_description": _STRING,
        "minimum_age": _NUMBER,
        "maximum_age": _NUMBER,
        "assured_date": _DATE,
        "assurer_email": _EMAIL,
        "licenses": _STRING,  # deprecated in HSDS 3.0
        "alert": _STRING,
        "last_modified": {"type": "string", "format": "date-time"},
        "phones": _list_of("phone"),
        "schedules": _list_of("schedule"),
        "service_areas": _list_of("service_area"),
        "service_at_locations": _list_of("service_at_location"),
        "languages": _ANY_OBJECTS,
        "organization": _ANY_OBJECT,
        "funding": _ANY_OBJECTS,
        "cost_options": _ANY_OBJECTS,
        "program": _ANY_OBJECT,
        "required_documents": _ANY_OBJECTS,
        "contacts": _list_of("contact"),
        "attributes": _list_of("attribute"),
        "metadata": _ANY_OBJECTS,
    },
    "required": ["id", "name", "status"],
}

_ORGANIZATION: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": _UUID,
        "name": _STRING,
        "alternate_name": _STRING,
        "description": _STRING,
        "email": _EMAIL,
        "website": _URI,
        "tax_status": _STRING,  # deprecated in HSDS 3.0
        "tax_id": _STRING,  # deprecated in HSDS 3.0
        "year_incorporated": _NUMBER,
        "legal_status": _STRING,
        "logo": _STRING,
        "uri": _URI,
        "parent_organization_id": _UUID,
        "organization_identifiers": _ANY_OBJECTS,
        "programs": _ANY_OBJECTS,
        "funding": _ANY_OBJECTS,
        "contacts": _list_of("contact"),
        "phones": _list_of("phone"),
        "locations": _list_of("location"),
        "attributes": _list_of("attribute"),
        "metadata": _ANY_OBJECTS,
        "services": _list_of("service"),
    },
    "required": ["id", "name", "description"],
}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://eenplan.example/schemas/hsds-3.0-organization-page.json",
    "title": "EenPlan sociale kaart as an HSDS 3.0 page of organizations",
    "type": "object",
    "properties": {
        "total_items": {"type": "integer", "minimum": 0},
        "total_pages": {"type": "integer", "minimum": 0},
        "page_number": {"type": "integer", "minimum": 0},
        "size": {"type": "integer", "minimum": 0},
        "first_page": {"type": "boolean"},
        "last_page": {"type": "boolean"},
        "empty": {"type": "boolean"},
        "contents": _list_of("organization"),
    },
    "required": ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"],
    "$defs": {
        "organization": _ORGANIZATION,
        "service": _SERVICE,
        "phone": _PHONE,
        "contact": _CONTACT,
        "schedule": _SCHEDULE,
        "service_area": _SERVICE_AREA,
        "service_at_location": _SERVICE_AT_LOCATION,
        "location": _LOCATION,
        "address": _ADDRESS,
        "attribute": _ATTRIBUTE,
        "taxonomy_term": _TAXONOMY_TERM,
        "taxonomy": _TAXONOMY,
    },
}

FORMAT_CHECKER = FormatChecker(formats=())
_URI_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+$")


@FORMAT_CHECKER.checks("uuid")
def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


@FORMAT_CHECKER.checks("email")
def _is_email(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


@FORMAT_CHECKER.checks("uri")
def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(_URI_PATTERN.match(value))


@FORMAT_CHECKER.checks("date")
def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


@FORMAT_CHECKER.checks("date-time")
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return False
    return "T" in value.upper() and parsed.tzinfo is not None


@cache
def validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(SCHEMA)
    return Draft202012Validator(SCHEMA, format_checker=FORMAT_CHECKER)


def json_path(parts: Iterable[str | int]) -> str:
    """Where a value is in a document, as a JSON path (``$.contents[0].services[2].name``)."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


# --- the official schema -----------------------------------------------------------------------------------------

OFFICIAL_SCHEMA = pathlib.Path(__file__).with_name("schemas") / "service_with_definitions.json"


@cache
def _official_validators() -> tuple[Draft202012Validator, Draft202012Validator]:
    """(organization, service) validators of the official schema.

    The file is HSDS's compiled ``service`` schema with every other object under ``definitions``; its
    ``organization`` is the one without ``services`` (the API's "full" organization adds them: a list of services).
    """
    service = json.loads(OFFICIAL_SCHEMA.read_text(encoding="utf-8"))
    organization = {"$ref": "#/definitions/organization", "definitions": service["definitions"]}
    return (
        Draft202012Validator(organization, format_checker=FORMAT_CHECKER),
        Draft202012Validator(service, format_checker=FORMAT_CHECKER),
    )


def official_errors(page: dict[str, Any]) -> Iterator[SchemaError]:
    """Where the organizations of a page and their services break the official HSDS 3.0 schema."""
    organization, service = _official_validators()
    contents = page.get("contents")
    for item in contents if isinstance(contents, list) else []:
        yield from organization.iter_errors(item)
        services = item.get("services") if isinstance(item, dict) else None
        for each in services if isinstance(services, list) else []:
            yield from service.iter_errors(each)
