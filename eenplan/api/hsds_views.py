# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The sociale kaart as an Open Referral HSDS 3.0 API: public (it holds no resident data), read only.

The endpoints the specification requires (`/`, `/services`, `/services/{id}`) and the optional ones that fit
(`/organizations`, `/organizations/{id}`, `/taxonomies`, `/taxonomy_terms`, `/service_at_locations`,
`/service_at_locations/{id}`), lists paginated with the
specification's Page object (total_items, total_pages, page_number, size, first_page, last_page, empty, contents).
The objects are those of the HSDS export (eenplan/directory/hsds/export.py), valid against the official schema.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from eenplan.access.door import no_household_data
from eenplan.accounts.models import Neighbourhood, Organisation, OrganisationType
from eenplan.api.problems import PROBLEM_TYPE, problem
from eenplan.directory.hsds.export import organisation_json, organisations_for_export, service_json
from eenplan.directory.hsds.vocabulary import (
    HSDS_VERSION,
    LIFE_DOMAINS,
    NEIGHBOURHOODS,
    ORGANISATION_TYPES,
    PROPERTY_TERMS,
    SERVICE_PROPERTIES,
    TAXONOMIES,
    Taxonomy,
    derived_id,
    organisation_uid,
)
from eenplan.directory.models import ContactPerson, Service, ServiceDomain
from eenplan.domains import LifeDomain

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


class BadRequest(ValueError):
    pass


def _problem(request: HttpRequest, status: int, detail: str) -> JsonResponse:
    return JsonResponse(problem(status, detail, instance=request.path), status=status, content_type=PROBLEM_TYPE)


def _positive(request: HttpRequest, name: str, default: int, largest: int) -> int:
    value = request.GET.get(name)
    if value is None or value == "":
        return default
    if not value.isdecimal() or not 0 < int(value) <= largest:
        raise BadRequest(_("%(name)s must be a whole number from 1 to %(max)s.") % {"name": name, "max": largest})
    return int(value)


def page_of(request: HttpRequest, items: Sequence[Any] | QuerySet[Any], render: Any) -> dict[str, Any]:
    """The HSDS Page object around one page of these items."""
    number = _positive(request, "page", 1, 1_000_000)
    per_page = _positive(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    total = items.count() if isinstance(items, QuerySet) else len(items)
    pages = max(1, math.ceil(total / per_page))
    rows = list(items[(number - 1) * per_page : number * per_page])
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(rows),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": total == 0,
        "contents": [render(row) for row in rows],
    }


def public(view: Any) -> Any:
    """A public, read-only HSDS endpoint: no login, no household data; bad input answers 400 in the problem shape."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        try:
            with translation.override("nl"):  # the directory's own language, as in the export
                body = view(request, *args, **kwargs)
        except BadRequest as error:
            return _problem(request, 400, str(error))
        if body is None:
            return _problem(request, 404, _("Not found."))
        response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
        response["Access-Control-Allow-Origin"] = "*"
        return response

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return no_household_data(login_not_required(require_GET(wrapped)))


def _services() -> QuerySet[Service]:
    by_name = Neighbourhood.objects.order_by("name", "code")
    contacts = ContactPerson.objects.order_by("name", "uid").prefetch_related(Prefetch("neighbourhoods", by_name))
    return Service.objects.select_related("organisation").prefetch_related(
        Prefetch("domains", ServiceDomain.objects.order_by("code")),
        Prefetch("neighbourhoods", by_name),
        Prefetch("contacts", contacts),
    )


def _service(service: Service) -> dict[str, Any]:
    return service_json(service, organisation_uid(service.organisation.name))


def _organisation_pk(hsds_id: str) -> int | None:
    names = Organisation.objects.values_list("pk", "name")
    return next((pk for pk, name in names if organisation_uid(name) == hsds_id), None)


def _modified_after(request: HttpRequest) -> datetime.datetime | None:
    value = request.GET.get("modified_after")
    if not value:
        return None
    moment = parse_datetime(value) if len(value) <= 40 else None
    if moment is None:
        raise BadRequest(_("modified_after must be a date and time in ISO 8601."))
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _uuid_or_none(value: str) -> str | None:
    import uuid

    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


@public
def index(request: HttpRequest) -> dict[str, Any]:
    """What this API is (HSDS `/`)."""
    return {
        "version": HSDS_VERSION,
        "profile": "https://docs.openreferral.org/en/3.0/",
        "openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json",
        "description": "De sociale kaart van EenPlan: diensten, organisaties en contactpersonen (HSDS 3.0).",
        "publisher": {"name": "EenPlan"},
    }


def _filtered_services(request: HttpRequest) -> QuerySet[Service]:
    """The services the HSDS query parameters ask for: search, organization_id, modified_after, taxonomy_term_id."""
    rows = _services()
    search = request.GET.get("search", "")[:100].strip()
    if search:
        rows = rows.filter(Q(name__icontains=search) | Q(description__icontains=search))
    organization_id = request.GET.get("organization_id")
    if organization_id:
        rows = rows.filter(organisation_id=_organisation_pk(organization_id) or 0)
    since = _modified_after(request)
    if since is not None:
        rows = rows.filter(updated_at__gte=since)
    term = request.GET.get("taxonomy_term_id")
    if term:
        codes = [code for code in LifeDomain.values if LIFE_DOMAINS.term_id(code) == term]
        rows = rows.filter(domains__code__in=codes)
    return rows


@public
def services(request: HttpRequest) -> dict[str, Any]:
    return page_of(request, _filtered_services(request).order_by("name", "uid"), _service)


@public
def service(request: HttpRequest, hsds_id: str) -> dict[str, Any] | None:
    uid = _uuid_or_none(hsds_id)
    found = _services().filter(uid=uid).first() if uid else None
    return _service(found) if found else None


def _without_services(organisation: Organisation) -> dict[str, Any]:
    document = organisation_json(organisation)
    document.pop("services", None)
    return document


@public
def organizations(request: HttpRequest) -> dict[str, Any]:
    rows = organisations_for_export()
    search = request.GET.get("search", "")[:100].strip()
    if search:
        rows = rows.filter(name__icontains=search)
    full = request.GET.get("full_service") == "true"
    return page_of(request, rows, organisation_json if full else _without_services)


@public
def organization(request: HttpRequest, hsds_id: str) -> dict[str, Any] | None:
    pk = _organisation_pk(hsds_id)
    found = organisations_for_export().filter(pk=pk).first() if pk else None
    return organisation_json(found) if found else None


def _taxonomy(taxonomy: Taxonomy) -> dict[str, Any]:
    return {"id": taxonomy.id, "name": taxonomy.key, "description": taxonomy.description, "version": "1"}


@public
def taxonomies(request: HttpRequest) -> dict[str, Any]:
    return page_of(request, list(TAXONOMIES.values()), _taxonomy)


def _terms() -> list[dict[str, Any]]:
    def term(taxonomy: Taxonomy, code: str, name: str, description: str) -> dict[str, Any]:
        return {
            "id": taxonomy.term_id(code),
            "code": code,
            "name": name,
            "description": description,
            "taxonomy": taxonomy.key,
            "taxonomy_id": taxonomy.id,
            "language": "nl",
        }

    return [
        *(term(LIFE_DOMAINS, d.value, str(d.label), f"Leefgebied {d.label}") for d in LifeDomain),
        *(term(ORGANISATION_TYPES, t.value, str(t.label), f"Soort organisatie: {t.label}") for t in OrganisationType),
        *(term(SERVICE_PROPERTIES, code, *texts) for code, texts in PROPERTY_TERMS.items()),
        *(
            term(NEIGHBOURHOODS, n.code, n.name, f"Wijk {n.name}")
            for n in Neighbourhood.objects.order_by("name", "code")
        ),
    ]


@public
def taxonomy_terms(request: HttpRequest) -> dict[str, Any]:
    terms = _terms()
    taxonomy_id = request.GET.get("taxonomy_id")
    if taxonomy_id:
        terms = [t for t in terms if t["taxonomy_id"] == taxonomy_id]
    search = request.GET.get("search", "")[:100].strip().lower()
    if search:
        terms = [t for t in terms if search in t["name"].lower()]
    return page_of(request, terms, lambda term: term)


# -- service_at_locations: where a service is offered (EenPlan holds one visiting address per service) -------------

SERVICE_LIST_FIELDS = (
    "id",
    "organization_id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "application_process",
    "eligibility_description",
    "last_modified",
)
LOCATION_LIST_FIELDS = ("id", "location_type", "name")


def _service_at_location(service: Service, *, full: bool) -> dict[str, Any]:
    """A service at its location, from the same objects as the export: the list's one-to-one fields
    (`service_at_location_list`) or fully nested (`service_at_location`, as the official example)."""
    document = _service(service)
    [at] = document.pop("service_at_locations")
    location = at["location"]
    if full:
        return {
            "id": at["id"],
            "service_id": document["id"],
            "location_id": location["id"],
            "contacts": document["contacts"],
            "phones": document["phones"],
            "schedules": document["schedules"],
            "location": location,
            "service": document,
        }
    return {
        "id": at["id"],
        "service_id": document["id"],
        "location_id": location["id"],
        "location": {key: location[key] for key in LOCATION_LIST_FIELDS if key in location},
        "service": {key: document[key] for key in SERVICE_LIST_FIELDS if key in document},
    }


def _with_address(rows: QuerySet[Service]) -> QuerySet[Service]:
    return rows.exclude(street="", postcode="", city="")


@public
def service_at_locations(request: HttpRequest) -> dict[str, Any]:
    """The services that have a visiting address, at that address (`?full=true`: fully nested). Filters as for
    services, and `postcode` (the location's, spaces ignored)."""
    rows = _with_address(_filtered_services(request))
    postcode = request.GET.get("postcode", "")[:10].replace(" ", "").upper()
    if postcode:
        rows = rows.filter(postcode__in=[postcode, f"{postcode[:4]} {postcode[4:]}"])
    full = request.GET.get("full") == "true"
    return page_of(request, rows.order_by("name", "uid"), lambda s: _service_at_location(s, full=full))


@public
def service_at_location(request: HttpRequest, hsds_id: str) -> dict[str, Any] | None:
    """One service at its location, fully nested. Its id is derived from the service's (the export's)."""
    uid = _uuid_or_none(hsds_id)
    if uid is None:
        return None
    found = _with_address(_services()).filter(uid__in=_service_uids_at(uid)).first()
    return _service_at_location(found, full=True) if found else None


def _service_uids_at(service_at_location_id: str) -> list[str]:
    """The service whose service_at_location has this id (the id is derived, so look it up by the services' uids)."""
    uids = _with_address(Service.objects.all()).values_list("uid", flat=True)
    return [str(uid) for uid in uids if derived_id("service_at_location", str(uid)) == service_at_location_id]
