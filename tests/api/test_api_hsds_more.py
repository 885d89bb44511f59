# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""HSDS 3.0: service_at_locations as the official OpenAPI describes them, the API's own pages round-trip through the
import, and the official example files import (what EenPlan cannot hold is reported)."""

from __future__ import annotations

import copy
import hashlib
import json
import pathlib
from typing import Any

import pytest
from django.test import Client
from jsonschema import Draft202012Validator

from eenplan.directory.hsds.importer import import_directory
from eenplan.directory.hsds.schema import SCHEMAS, VENDORED, object_validator, official, response_validator
from eenplan.directory.hsds.vocabulary import organisation_uid
from eenplan.directory.models import ContactPerson, Service

pytestmark = pytest.mark.django_db

EXAMPLES = pathlib.Path(__file__).with_name("hsds_examples")
# git blob ids of the files at tag v3.0 of openreferral/specification (unmodified copies).
OFFICIAL_BLOBS = {
    SCHEMAS / "organization.json": "ace7bbf4153c7998151e7ef06976191a6db52452",
    SCHEMAS / "organization_list.json": "f87c36da7921e4e0ceb30bc707547141772bf20a",
    SCHEMAS / "service.json": "6830bd40aa81782032bb53620e89379651b7b00a",
    SCHEMAS / "service_list.json": "aed77d74a379628df45ff446a39a24f3d9c035d9",
    SCHEMAS / "service_at_location.json": "87fddcee3ca8b661c5fde53c361a435ae1c60b1f",
    SCHEMAS / "service_at_location_list.json": "b48e450652a5f2905107b75fe05a7f1d6b481883",
    SCHEMAS / "taxonomy.json": "61ff675862a85ceb03629da05a0d0514ab0faf62",
    SCHEMAS / "taxonomy_term.json": "f821895567f01d4cf44c8a2508d79e3322d9dd3f",
    SCHEMAS / "metadata.json": "166907fd4e83008ac31450561d1ed9bb2d28738f",
    SCHEMAS / "openapi.json": "1aefd281f39ec7a6050fd6a860ad8f5a82cc2f9a",
    EXAMPLES / "organization_full.json": "7110d5b1b8343708c237e2b7d35ad342d372179f",
    EXAMPLES / "organization_list.json": "664ae6ecf9ac64962cec68b089ed13bd5633854d",
    EXAMPLES / "service_full.json": "05adc506271e81c3cbd364015bb01e4da9e0ef5a",
    EXAMPLES / "service_list.json": "85e4db5a1e378bb0a9cea47e43020034ced224e1",
    EXAMPLES / "service_at_location_full.json": "95df25de01346b63768297ad13d9b81ac2dc340c",
    EXAMPLES / "service_at_location_list.json": "1312c8a08f8f40ae210a3bc90ceb14ffe0265d79",
}


def _example(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted(OFFICIAL_BLOBS), ids=lambda p: p.name)
def test_the_vendored_files_are_the_official_ones_unmodified(path):
    data = path.read_bytes()
    assert hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest() == OFFICIAL_BLOBS[path]  # noqa: S324 (git's id)


def test_every_vendored_file_is_listed_and_every_schema_is_a_valid_json_schema():
    assert {SCHEMAS / name for name in VENDORED.values()} == set(OFFICIAL_BLOBS) - {
        path for path in OFFICIAL_BLOBS if path.parent == EXAMPLES
    }
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(VENDORED.values())
    for name in VENDORED.values():
        if name != "openapi.json":
            Draft202012Validator.check_schema(official(name))


# Every HSDS endpoint with the OpenAPI path whose 200 answer it gives. The specification's OpenAPI document says
# /service_at_locations/{id} answers with a service (compiled/service.json), a slip: the object is a
# service_at_location, and the test holds the answer to compiled/service_at_location.json instead.
HSDS_ENDPOINTS = [
    ("/hsds/", "/"),
    ("/hsds/services", "/services"),
    ("/hsds/services?page=2&per_page=1", "/services"),
    ("/hsds/services/{service}", "/services/{id}"),
    ("/hsds/organizations", "/organizations"),
    ("/hsds/organizations?full_service=true", "/organizations"),
    ("/hsds/organizations/{organization}", "/organizations/{id}"),
    ("/hsds/taxonomies", "/taxonomies"),
    ("/hsds/taxonomy_terms", "/taxonomy_terms"),
    ("/hsds/service_at_locations", "/service_at_locations"),
    ("/hsds/service_at_locations?full=true", "/service_at_locations"),
]


@pytest.mark.parametrize(("url", "path"), HSDS_ENDPOINTS)
def test_every_hsds_answer_validates_against_the_official_openapi_schema_of_its_path(debt_help_services, url, path):
    service = Service.objects.get(name="Schuldhulpverlening")
    url = url.format(service=service.uid, organization=organisation_uid(service.organisation.name))
    response = Client().get(url)
    assert response.status_code == 200, response.content
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in response_validator(path).iter_errors(response.json())]
    assert errors == []


def test_one_service_at_location_validates_against_the_official_service_at_location_schema(debt_help_services):
    [item] = Client().get("/hsds/service_at_locations").json()["contents"]
    one = Client().get(f"/hsds/service_at_locations/{item['id']}").json()
    assert not list(object_validator("service_at_location.json").iter_errors(one))


# -- /service_at_locations ----------------------------------------------------------------------------------------


def test_service_at_locations_list_the_services_with_an_address_in_the_official_list_shape(debt_help_services):
    page = Client().get("/hsds/service_at_locations").json()
    assert (page["total_items"], page["size"]) == (1, 1)
    [item] = page["contents"]
    assert item["service"]["name"] == "Schuldhulpverlening"
    assert not list(response_validator("/service_at_locations").iter_errors(page))
    assert "addresses" not in item["location"]


def test_a_full_service_at_location_validates_against_the_official_schema(debt_help_services):
    [item] = Client().get("/hsds/service_at_locations?full=true").json()["contents"]
    assert not list(object_validator("service_at_location.json").iter_errors(item))
    assert item["location"]["addresses"][0]["city"] == "Utrecht"
    one = Client().get(f"/hsds/service_at_locations/{item['id']}")
    assert one.status_code == 200
    assert one.json() == item


def test_an_unknown_service_at_location_is_a_404(debt_help_services):
    service = Service.objects.get(name="Schuldhulpverlening")
    assert Client().get(f"/hsds/service_at_locations/{service.uid}").status_code == 404  # a service's id is not one
    assert Client().get("/hsds/service_at_locations/geen-id").status_code == 404


def test_service_at_locations_filter_by_postcode_without_spaces(debt_help):
    from tests import access_helpers as story

    story.service_of(debt_help, "Spreekuur", street="Markt 1", postcode="3511 AB", city="Utrecht")
    story.service_of(debt_help, "Inloop", street="Plein 2", postcode="3581 CD", city="Utrecht")
    page = Client().get("/hsds/service_at_locations?postcode=3511ab").json()
    assert [item["service"]["name"] for item in page["contents"]] == ["Spreekuur"]


# -- export → import → export through the API ---------------------------------------------------------------------


def _api_export() -> dict[str, Any]:
    return Client().get("/hsds/organizations?full_service=true&per_page=200").json()


def test_the_apis_organizations_import_and_export_the_same_document(debt_help_services, debt_help):
    ContactPerson.objects.create(organisation=debt_help, name="Kees de Boer", email="kees@schuldhulp.example")
    before = _api_export()
    Service.objects.all().delete()
    ContactPerson.objects.all().delete()

    report = import_directory(copy.deepcopy(before))

    assert report.imported, [r.reasons for r in report.rejected] + report.errors
    assert json.dumps(_api_export(), sort_keys=True) == json.dumps(before, sort_keys=True)


# -- the official examples import ---------------------------------------------------------------------------------


def _as_page(*organizations: dict[str, Any]) -> dict[str, Any]:
    return {
        "total_items": len(organizations),
        "total_pages": 1,
        "page_number": 1,
        "size": len(organizations),
        "first_page": True,
        "last_page": True,
        "empty": not organizations,
        "contents": list(organizations),
    }


def test_the_official_full_organization_example_imports_and_reports_what_was_dropped():
    report = import_directory(_as_page(_example("organization_full")))
    assert report.imported, [r.reasons for r in report.rejected] + report.errors
    organisation = next(r for r in report.records if r.kind == "organization")
    assert organisation.notes  # e.g. funding, programs: values EenPlan cannot hold are named
    assert Service.objects.filter(name=_example("organization_full")["services"][0]["name"]).exists()


def test_the_official_organization_list_example_imports():
    report = import_directory(_example("organization_list"))
    assert report.imported, [r.reasons for r in report.rejected] + report.errors


def test_the_official_full_service_example_imports_under_its_organization():
    service = _example("service_full")
    organization = {**service["organization"], "services": [{k: v for k, v in service.items() if k != "organization"}]}
    report = import_directory(_as_page(organization))
    assert report.imported, [r.reasons for r in report.rejected] + report.errors
    assert Service.objects.filter(uid=service["id"]).exists()
