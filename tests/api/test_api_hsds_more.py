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
from eenplan.directory.hsds.schema import FORMAT_CHECKER, OFFICIAL_SCHEMA
from eenplan.directory.models import ContactPerson, Service

pytestmark = pytest.mark.django_db

EXAMPLES = pathlib.Path(__file__).with_name("hsds_examples")
SCHEMAS = OFFICIAL_SCHEMA.parent
# git blob ids of the files at tag v3.0 of openreferral/specification (unmodified copies).
OFFICIAL_BLOBS = {
    SCHEMAS / "service_at_location.json": "87fddcee3ca8b661c5fde53c361a435ae1c60b1f",
    SCHEMAS / "service_at_location_list.json": "b48e450652a5f2905107b75fe05a7f1d6b481883",
    EXAMPLES / "organization_full.json": "7110d5b1b8343708c237e2b7d35ad342d372179f",
    EXAMPLES / "organization_list.json": "664ae6ecf9ac64962cec68b089ed13bd5633854d",
    EXAMPLES / "service_full.json": "05adc506271e81c3cbd364015bb01e4da9e0ef5a",
    EXAMPLES / "service_list.json": "85e4db5a1e378bb0a9cea47e43020034ced224e1",
    EXAMPLES / "service_at_location_full.json": "95df25de01346b63768297ad13d9b81ac2dc340c",
    EXAMPLES / "service_at_location_list.json": "1312c8a08f8f40ae210a3bc90ceb14ffe0265d79",
}


def _official(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FORMAT_CHECKER)


def _example(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted(OFFICIAL_BLOBS), ids=lambda p: p.name)
def test_the_vendored_files_are_the_official_ones_unmodified(path):
    data = path.read_bytes()
    assert hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest() == OFFICIAL_BLOBS[path]  # noqa: S324 (git's id)


# -- /service_at_locations ----------------------------------------------------------------------------------------


def test_service_at_locations_list_the_services_with_an_address_in_the_official_list_shape(debt_help_services):
    page = Client().get("/hsds/service_at_locations").json()
    assert (page["total_items"], page["size"]) == (1, 1)
    [item] = page["contents"]
    assert item["service"]["name"] == "Schuldhulpverlening"
    assert not list(_official("service_at_location_list").iter_errors(item))
    assert "addresses" not in item["location"]


def test_a_full_service_at_location_validates_against_the_official_schema(debt_help_services):
    [item] = Client().get("/hsds/service_at_locations?full=true").json()["contents"]
    assert not list(_official("service_at_location").iter_errors(item))
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
