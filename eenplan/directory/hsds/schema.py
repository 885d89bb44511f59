# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The official Open Referral HSDS 3.0 schemas, and validation against them with format checks on.

The schemas in ``schemas/`` are copied unmodified from the specification (tag ``v3.0``; source, git blob ids and
licence in ``schemas/README.md``): the compiled objects (``organization``, ``organization_list``, ``service``,
``service_list``, ``service_at_location``, ``service_at_location_list``), ``taxonomy``, ``taxonomy_term`` and
``metadata``, and the specification's OpenAPI document (``openapi.json``), which says which object each endpoint of
the HSDS API answers with and defines the ``Page`` object of the lists. EenPlan holds no schema of its own:

- `response_validator(path)`: the schema of the OpenAPI document for the 200 answer of an HSDS API path
  (``/services``, ``/services/{id}``, ``/organizations``, …), its references resolved to the vendored files;
- `document_validator()`: what the sociale kaart exports and imports (docs/hsds.md): a page of organizations with
  their services fully nested, as ``/organizations?full_service=true`` serves it — the OpenAPI's ``Page`` whose
  ``contents`` are the compiled ``organization`` (which holds the full ``service``).

The formats ``uuid``, ``email``, ``uri``, ``date`` and ``date-time`` are checked by `FORMAT_CHECKER` (our own
checks, so validation does not depend on jsonschema's optional format packages); other formats are not checked.

Open Referral HSDS is licensed CC BY-SA 4.0 (https://openreferral.org, https://docs.openreferral.org).
"""

from __future__ import annotations

import datetime
import json
import pathlib
import re
import uuid
from collections.abc import Iterable
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = pathlib.Path(__file__).with_name("schemas")
# Where the specification's OpenAPI document finds the schemas (its `$ref`s); each is served from SCHEMAS.
SPECIFICATION = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI = SPECIFICATION + "openapi.json"
VENDORED = {
    "compiled/organization.json": "organization.json",
    "compiled/organization_list.json": "organization_list.json",
    "compiled/service.json": "service.json",
    "compiled/service_list.json": "service_list.json",
    "compiled/service_at_location.json": "service_at_location.json",
    "compiled/service_at_location_list.json": "service_at_location_list.json",
    "taxonomy.json": "taxonomy.json",
    "taxonomy_term.json": "taxonomy_term.json",
    "metadata.json": "metadata.json",
    "openapi.json": "openapi.json",
}
SERVICE_STATUSES = ["active", "inactive", "defunct", "temporarily closed"]

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
def official(name: str) -> dict[str, Any]:
    """One vendored file of the specification, by its file name in ``schemas/`` (``service.json``)."""
    loaded: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return loaded


@cache
def _registry() -> Registry:
    return Registry().with_resources(
        (SPECIFICATION + path, Resource.from_contents(official(name), default_specification=DRAFT202012))
        for path, name in VENDORED.items()
    )


def _validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, registry=_registry(), format_checker=FORMAT_CHECKER)


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


@cache
def response_validator(path: str) -> Draft202012Validator:
    """The official schema of the 200 answer of an HSDS API path, as the specification's OpenAPI document gives it
    (``/services/{id}``: ``compiled/service.json``; ``/services``: a ``Page`` of ``compiled/service_list.json``)."""
    if path not in official("openapi.json")["paths"]:
        raise KeyError(path)
    where = _pointer("paths", path, "get", "responses", "200", "content", "application/json", "schema")
    return _validator({"$ref": f"{OPENAPI}#/{where}"})


@cache
def object_validator(name: str) -> Draft202012Validator:
    """The official schema of one HSDS object by its vendored file name (``organization.json``, ``taxonomy.json``)."""
    path = next(path for path, file in VENDORED.items() if file == name)
    return _validator({"$ref": SPECIFICATION + path})


@cache
def document_validator() -> Draft202012Validator:
    """The sociale kaart's HSDS document (export and import): the specification's ``Page`` with the compiled
    ``organization`` (services fully nested) as its contents, as ``/organizations?full_service=true`` answers."""
    return _validator(
        {
            "allOf": [{"$ref": f"{OPENAPI}#/components/schemas/Page"}],
            "properties": {
                "contents": {"type": "array", "items": {"$ref": SPECIFICATION + "compiled/organization.json"}}
            },
        }
    )


def json_path(parts: Iterable[str | int]) -> str:
    """Where a value is in a document, as a JSON path (``$.contents[0].services[2].name``)."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)
