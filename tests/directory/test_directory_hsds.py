# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Open Referral HSDS 3.0 export and import of the sociale kaart: valid, stable, a true round trip, all or nothing."""

from __future__ import annotations

import copy
import datetime
import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from eenplan.accounts.models import Organisation, OrganisationType, Role
from eenplan.directory.hsds.export import export_directory
from eenplan.directory.hsds.importer import import_directory
from eenplan.directory.hsds.schema import document_validator
from eenplan.directory.hsds.vocabulary import LIFE_DOMAINS, organisation_uid
from eenplan.directory.models import ContactPerson, Service, ServiceDomain, ServiceStatus
from eenplan.domains import LifeDomain
from tests import factories
from tests.conftest import login_verified
from tests.directory.conftest import municipal_admin

pytestmark = pytest.mark.django_db


def canonical(document: Any) -> str:
    return json.dumps(document, sort_keys=True, ensure_ascii=False)


@pytest.fixture
def directory(centrum):
    """Two organisations with services in the way the sociale kaart holds them."""
    noord = factories.NeighbourhoodFactory(name="Noord", code="noord")
    factories.PostcodeRangeFactory(neighbourhood=noord, start=3550, end=3554)
    schuldhulp = factories.OrganisationFactory(
        name="Schuldhulp Utrecht",
        type=OrganisationType.SCHULDHULP,
        website="https://schuldhulp.example",
        phone="030 123 45 67",
    )
    buurtteam = factories.OrganisationFactory(name="Buurtteam Oost", type=OrganisationType.WIJKTEAM)
    debts = Service.objects.create(
        organisation=schuldhulp,
        name="Schuldhulpverlening",
        description="Samen de schulden in kaart brengen en een regeling treffen.",
        target_group="Volwassenen met problematische schulden",
        eligibility="Inwoners van de gemeente vanaf 18 jaar.",
        how_to_refer="Verwijs via EenPlan; wij bellen binnen drie dagen.",
        expected_response_days=3,
        waiting_time_days=14,
        opening_hours="ma–vr 9.00–17.00",
        street="Lange Nieuwstraat 1",
        postcode="3512 AB",
        city="Utrecht",
        phone="030 765 43 21",
        email="info@schuldhulp.example",
        url="https://schuldhulp.example/hulp",
        updated_at=datetime.datetime(2025, 3, 1, 10, 30, 15, 123456, tzinfo=datetime.UTC),
    )
    debts.neighbourhoods.set([centrum, noord])
    ServiceDomain.objects.create(service=debts, code=LifeDomain.FINANCIEN)
    ServiceDomain.objects.create(service=debts, code=LifeDomain.WERK_OPLEIDING)
    budget = Service.objects.create(
        organisation=buurtteam,
        name="Budgetcoaching",
        description="Een vrijwilliger helpt met de administratie.",
        status=ServiceStatus.TEMPORARILY_CLOSED,
    )
    ServiceDomain.objects.create(service=budget, code=LifeDomain.HUISVESTING)
    coach = ContactPerson.objects.create(
        organisation=schuldhulp, service=debts, name="Fatima el Amrani", role="Schuldhulpverlener", phone="06 12345678"
    )
    coach.neighbourhoods.set([centrum])
    ContactPerson.objects.create(organisation=schuldhulp, name="Kees de Boer", email="kees@schuldhulp.example")
    return {"debts": debts, "budget": budget, "schuldhulp": schuldhulp, "buurtteam": buurtteam}


def snapshot() -> dict[str, Any]:
    return {
        "organisations": Organisation.objects.count(),
        "services": Service.objects.count(),
        "contacts": ContactPerson.objects.count(),
        "domains": ServiceDomain.objects.count(),
        "history": Service.history.count(),
        "contact_history": ContactPerson.history.count(),
        "export": canonical(export_directory()),
    }


def service_in(document: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for o in document["contents"] for s in o["services"] if s["name"] == name)


def organization_in(document: dict[str, Any], name: str) -> dict[str, Any]:
    return next(o for o in document["contents"] if o["name"] == name)


# --- export -------------------------------------------------------------------------------------------------------


def test_the_export_validates_against_the_official_hsds_schemas(directory):
    document = export_directory()
    assert [error.message for error in document_validator().iter_errors(document)] == []
    assert document["total_items"] == len(document["contents"]) == Organisation.objects.count()


def test_the_official_hsds_schema_rejects_a_status_hsds_does_not_know(directory):
    document = export_directory()
    service_in(document, "Budgetcoaching")["status"] = "closed"

    [error] = document_validator().iter_errors(document)
    assert (error.validator, list(error.absolute_path)[-1]) == ("enum", "status")


def test_the_official_hsds_schemas_are_checked_with_format_checks_on(directory):
    document = export_directory()
    service_in(document, "Budgetcoaching")["email"] = "geen e-mailadres"
    organization_in(document, "Schuldhulp Utrecht")["id"] = "geen-uuid"

    assert sorted(e.validator_value for e in document_validator().iter_errors(document)) == ["email", "uuid"]


def test_the_export_maps_our_fields_to_hsds(directory):
    document = export_directory()
    organisation = organization_in(document, "Schuldhulp Utrecht")
    assert organisation["id"] == organisation_uid("Schuldhulp Utrecht")
    assert organisation["website"] == "https://schuldhulp.example"
    assert [p["number"] for p in organisation["phones"]] == ["030 123 45 67"]
    assert [c["name"] for c in organisation["contacts"]] == ["Kees de Boer"]
    assert [a["taxonomy_term"]["code"] for a in organisation["attributes"]] == ["schuldhulp"]

    service = service_in(document, "Schuldhulpverlening")
    debts = directory["debts"]
    assert service["id"] == str(debts.uid)
    assert service["organization_id"] == organisation["id"]
    assert service["status"] == "active"
    assert service["eligibility_description"] == debts.eligibility
    assert service["application_process"] == debts.how_to_refer
    assert service["email"] == debts.email and service["url"] == debts.url
    assert [s["description"] for s in service["schedules"]] == ["ma–vr 9.00–17.00"]
    assert [a["name"] for a in service["service_areas"]] == ["Centrum", "Noord"]
    address = service["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["address_1"], address["postal_code"], address["city"]) == (
        "Lange Nieuwstraat 1",
        "3512 AB",
        "Utrecht",
    )
    contact = service["contacts"][0]
    assert (contact["id"], contact["name"], contact["title"]) == (
        str(debts.contacts.get().uid),
        "Fatima el Amrani",
        "Schuldhulpverlener",
    )
    assert [p["number"] for p in contact["phones"]] == ["06 12345678"]
    terms = {
        (a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["code"]): a.get("value") for a in service["attributes"]
    }
    assert terms == {
        (LIFE_DOMAINS.key, "financien"): None,
        (LIFE_DOMAINS.key, "werk_opleiding"): None,
        ("eenplan-dienstkenmerken", "doelgroep"): "Volwassenen met problematische schulden",
        ("eenplan-dienstkenmerken", "reactietermijn-dagen"): "3",
        ("eenplan-dienstkenmerken", "wachttijd-dagen"): "14",
    }
    whole_municipality = service_in(document, "Budgetcoaching")
    assert whole_municipality["service_areas"] == [] and whole_municipality["status"] == "temporarily closed"


def test_the_export_is_the_same_every_time(directory):
    assert canonical(export_directory()) == canonical(export_directory())


def _export_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        export_directory()
    return len(queries)


def test_the_export_costs_the_same_queries_with_more_data(directory, centrum):
    few = _export_queries()
    for index in range(5):
        organisation = factories.OrganisationFactory(name=f"Stichting {index}")
        service = Service.objects.create(organisation=organisation, name=f"Dienst {index}", description="Hulp")
        service.neighbourhoods.set([centrum])
        ServiceDomain.objects.create(service=service, code=LifeDomain.JUSTITIE)
        contact = ContactPerson.objects.create(organisation=organisation, service=service, name=f"Contact {index}")
        contact.neighbourhoods.set([centrum])
        ContactPerson.objects.create(organisation=organisation, name=f"Algemeen {index}")
    assert _export_queries() == few


# --- round trip ---------------------------------------------------------------------------------------------------


def test_export_then_import_gives_the_same_directory(directory):
    before = export_directory()
    contacts = ContactPerson.objects.count()
    ContactPerson.objects.all().delete()
    Service.objects.all().delete()

    report = import_directory(copy.deepcopy(before))

    assert report.imported and not report.rejected and not report.errors
    assert {r.action for r in report.records if r.kind == "service"} == {"created"}
    assert canonical(export_directory()) == canonical(before)
    assert ContactPerson.objects.count() == contacts
    assert Service.history.filter(history_change_reason="HSDS import", history_type="+").count() == 2


def test_the_round_trip_also_creates_missing_organisations(directory):
    before = export_directory()
    directory["schuldhulp"].delete()  # its services and contacts go with it

    report = import_directory(copy.deepcopy(before))

    assert report.imported
    recreated = Organisation.objects.get(name="Schuldhulp Utrecht")
    assert recreated.type == OrganisationType.SCHULDHULP
    assert canonical(export_directory()) == canonical(before)


def test_importing_the_same_file_again_changes_nothing(directory):
    document = export_directory()
    history = Service.history.count()

    report = import_directory(document)

    assert report.imported
    assert {r.action for r in report.records} == {"unchanged"}
    assert Service.history.count() == history


def test_an_import_updates_a_service_and_records_who_did_it(directory):
    admin = municipal_admin()
    document = export_directory()
    service = service_in(document, "Schuldhulpverlening")
    service["description"] = "Nieuwe omschrijving."
    service["service_areas"] = [a for a in service["service_areas"] if a["name"] == "Noord"]
    service["contacts"] = []

    report = import_directory(document, user=admin)

    assert report.imported
    debts = Service.objects.get(pk=directory["debts"].pk)
    assert debts.description == "Nieuwe omschrijving."
    assert [n.name for n in debts.neighbourhoods.all()] == ["Noord"]
    assert not debts.contacts.exists()
    latest = debts.history.filter(history_type="~").latest("history_date")
    assert latest.history_user == admin and latest.history_change_reason == "HSDS import"


def test_an_import_that_changes_only_a_services_life_domains_saves_the_service(directory):
    document = export_directory()
    service = service_in(document, "Schuldhulpverlening")
    service["attributes"] = [a for a in service["attributes"] if a["taxonomy_term"]["code"] != "werk_opleiding"]
    history = Service.history.count()

    report = import_directory(document)

    assert report.imported
    assert [d.code for d in directory["debts"].domains.all()] == [LifeDomain.FINANCIEN]
    assert Service.history.count() == history + 1


def test_an_import_that_changes_only_a_contacts_neighbourhoods_saves_the_contact(directory):
    document = export_directory()
    coach = next(c for c in service_in(document, "Schuldhulpverlening")["contacts"] if c["name"] == "Fatima el Amrani")
    coach["attributes"] = []
    history = ContactPerson.history.count()

    report = import_directory(document)

    assert report.imported
    assert not ContactPerson.objects.get(name="Fatima el Amrani").neighbourhoods.exists()
    assert ContactPerson.history.count() == history + 1


def test_an_unknown_kind_of_organisation_is_imported_as_other(directory):
    document = export_directory()
    organisation = organization_in(document, "Schuldhulp Utrecht")
    organisation["name"] = "Stichting Nieuw"
    organisation["id"] = organisation_uid("Stichting Nieuw")
    organisation["attributes"][0]["taxonomy_term"]["code"] = "ruimtevaart"
    organisation["contacts"] = []
    organisation["services"] = []

    report = import_directory(document)

    assert report.imported, report
    assert Organisation.objects.get(name="Stichting Nieuw").type == OrganisationType.OVERIG
    assert report.records[[r.name for r in report.records].index("Stichting Nieuw")].notes


# --- rejected files change nothing ----------------------------------------------------------------------------------


def _missing_name(document: dict[str, Any]) -> None:
    del service_in(document, "Budgetcoaching")["name"]


def _wrong_status(document: dict[str, Any]) -> None:
    service_in(document, "Budgetcoaching")["status"] = "closed for good"


def _unknown_life_domain(document: dict[str, Any]) -> None:
    service = service_in(document, "Budgetcoaching")
    service["attributes"][0]["taxonomy_term"]["code"] = "astrologie"


def _unknown_neighbourhood(document: dict[str, Any]) -> None:
    service_in(document, "Budgetcoaching")["service_areas"] = [{"id": organisation_uid("x"), "name": "Atlantis"}]


def _bad_waiting_time(document: dict[str, Any]) -> None:
    service = service_in(document, "Budgetcoaching")
    service["attributes"].append(
        {
            **service_in(document, "Schuldhulpverlening")["attributes"][-1],
            "id": organisation_uid("wachttijd"),
            "value": "twee weken",
        }
    )


@pytest.mark.parametrize(
    ("spoil", "expected_in_reason"),
    [
        (_missing_name, "$.contents[0].services[0].name"),
        (_wrong_status, "'closed for good'"),
        (_unknown_life_domain, "'astrologie'"),
        (_bad_waiting_time, "'twee weken'"),
    ],
    ids=["missing-name", "wrong-status", "unknown-life-domain", "bad-waiting-time"],
)
def test_a_rejected_record_is_named_with_its_reason_and_nothing_is_imported(directory, spoil, expected_in_reason):
    document = export_directory()
    service_in(document, "Schuldhulpverlening")["description"] = "Deze wijziging mag er niet in komen."
    budget = service_in(document, "Budgetcoaching")
    spoil(document)
    before = snapshot()

    with translation.override("en"):
        report = import_directory(document)

    assert not report.imported
    [rejected] = report.rejected
    assert (rejected.kind, rejected.id) == ("service", budget["id"])
    assert rejected.path == "$.contents[0].services[0]"  # Buurtteam Oost sorts first
    assert any(expected_in_reason in reason for reason in rejected.reasons), rejected.reasons
    assert snapshot() == before


def test_an_unknown_service_area_is_left_out_and_reported(directory):
    document = export_directory()
    _unknown_neighbourhood(document)

    with translation.override("en"):
        report = import_directory(document)

    assert report.imported
    budget = next(r for r in report.records if r.name == "Budgetcoaching")
    assert any("'Atlantis'" in note and "left out" in note for note in budget.notes), budget.notes


def test_a_service_of_another_organisation_is_not_moved(directory):
    document = export_directory()
    moved = service_in(document, "Budgetcoaching")
    organization_in(document, "Buurtteam Oost")["services"] = []
    moved["organization_id"] = organisation_uid("Schuldhulp Utrecht")
    organization_in(document, "Schuldhulp Utrecht")["services"].append(moved)
    before = snapshot()

    report = import_directory(document)

    assert not report.imported and [r.name for r in report.rejected] == ["Budgetcoaching"]
    assert snapshot() == before


def test_a_missing_organization_field_is_reported_with_its_path(directory):
    document = export_directory()
    del organization_in(document, "Schuldhulp Utrecht")["description"]
    before = snapshot()

    report = import_directory(document)

    [rejected] = report.rejected
    assert (rejected.kind, rejected.name, rejected.path) == ("organization", "Schuldhulp Utrecht", "$.contents[1]")
    assert any("$.contents[1].description" in reason for reason in rejected.reasons)
    assert snapshot() == before


def test_a_document_that_is_not_a_page_of_organizations_is_rejected_as_a_whole(directory):
    before = snapshot()
    report = import_directory({"contents": "nothing"})
    assert not report.imported and not report.schema_valid and report.errors
    assert import_directory([1, 2, 3]).errors
    assert snapshot() == before


# --- pages --------------------------------------------------------------------------------------------------------


def test_a_wijkteam_member_can_download_but_not_import(client, directory, professional):
    login_verified(client, professional)
    response = client.get(reverse("directory:hsds_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == 'attachment; filename="sociale-kaart-hsds.json"'
    assert canonical(json.loads(response.content)) == canonical(export_directory())

    assert client.get(reverse("directory:hsds_import")).status_code == 403
    upload = SimpleUploadedFile("kaart.json", response.content, content_type="application/json")
    assert client.post(reverse("directory:hsds_import"), {"file": upload}).status_code == 403
    assert "Import (HSDS)" not in client.get(reverse("directory:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_an_organisations_own_administrator_cannot_import(client, directory):
    own_admin = factories.wijkteam_member(role=Role.FUNCTIONAL_ADMIN)  # maintains only their own organisation
    login_verified(client, own_admin)
    assert client.get(reverse("directory:hsds_import")).status_code == 403


def _upload(client: Client, content: bytes) -> Any:
    """Post a file to the upload page and follow it to the import's page (the tests run the task at once)."""
    with translation.override("en"):
        return client.post(
            reverse("directory:hsds_import"),
            {"file": SimpleUploadedFile("kaart.json", content, content_type="application/json")},
            HTTP_ACCEPT_LANGUAGE="en",
            follow=True,
        )


def test_the_upload_page_imports_and_shows_the_report(client, directory):
    login_verified(client, municipal_admin())
    assert reverse("directory:hsds_import") in client.get(reverse("directory:list")).content.decode()
    page = client.get(reverse("directory:hsds_import"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.content.decode()
    document = export_directory()
    service_in(document, "Budgetcoaching")["description"] = "Nu ook op zaterdag."

    response = _upload(client, json.dumps(document).encode())

    html = response.content.decode()
    assert response.status_code == 200
    assert response.redirect_chain[0][0].startswith(reverse("directory:hsds_import"))  # the import's own page
    count = len(document["contents"]) + sum(len(o["services"]) for o in document["contents"])
    assert f"All {count} records were imported." in html
    assert "Budgetcoaching" in html and "Schuldhulpverlening" in html
    assert Service.objects.get(pk=directory["budget"].pk).description == "Nu ook op zaterdag."


def test_the_upload_page_shows_rejections_and_changes_nothing(client, directory):
    login_verified(client, municipal_admin())
    document = export_directory()
    _wrong_status(document)
    _unknown_neighbourhood(document)
    before = snapshot()

    response = _upload(client, json.dumps(document).encode())

    html = response.content.decode()
    assert response.status_code == 200 and response.redirect_chain  # the import's page, with its report
    assert "Nothing was imported: fix the rejected records and try again." in html
    assert "Budgetcoaching" in html and "closed for good" in html and "Atlantis" in html
    assert snapshot() == before


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00garbage", b'{"total_items": NaN}', b"[]"],
    ids=["broken", "binary", "nan", "not-an-object"],
)
def test_a_file_that_is_not_hsds_json_gets_a_clear_400(client, directory, content):
    login_verified(client, municipal_admin())
    before = snapshot()
    response = _upload(client, content)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert snapshot() == before


def test_a_file_over_the_upper_bound_is_refused(client, directory, monkeypatch):
    monkeypatch.setattr("eenplan.directory.hsds.views.MAX_UPLOAD_BYTES", 1024)  # the real bound is 200 MB
    login_verified(client, municipal_admin())
    response = _upload(client, b" " * 1025)
    assert response.status_code == 400
    assert "larger than 200 MB" in response.content.decode()


# --- commands -----------------------------------------------------------------------------------------------------


def test_the_commands_export_and_import(directory, tmp_path):
    target = tmp_path / "kaart.json"
    call_command("hsds_export", output=str(target))
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert canonical(exported) == canonical(export_directory())

    stdout = io.StringIO()
    call_command("hsds_import", str(target), stdout=stdout)
    assert "records were imported" in stdout.getvalue()


def test_the_import_command_fails_on_a_rejected_record(directory, tmp_path):
    document = export_directory()
    _unknown_life_domain(document)
    target = tmp_path / "kaart.json"
    target.write_text(json.dumps(document), encoding="utf-8")
    before = snapshot()
    stdout = io.StringIO()

    with translation.override("en"), pytest.raises(CommandError) as failure:
        call_command("hsds_import", str(target), stdout=stdout)

    assert failure.value.returncode == 1
    assert "REJECTED" in stdout.getvalue() and "astrologie" in stdout.getvalue()
    assert snapshot() == before
