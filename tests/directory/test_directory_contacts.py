# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Contact persons (*wie is wie*) on the sociale kaart: each organisation's own coordinator adds, changes and
removes them; bad input gets a clear message and changes nothing; every change is one version."""

from __future__ import annotations

import factory
import pytest
from django.test import Client
from django.utils import translation

from eenplan.accounts.models import Organisation, OrganisationType, Role
from eenplan.directory.forms import ContactPersonForm, VersionedEntryForm
from eenplan.directory.models import ContactPerson
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

CREATE = "/sociale-kaart/contactpersonen/nieuw/"
WHO = "/sociale-kaart/wie-is-wie/"


def edit_url(contact: ContactPerson) -> str:
    return f"/sociale-kaart/contactpersonen/{contact.pk}/wijzigen/"


def delete_url(contact: ContactPerson) -> str:
    return f"/sociale-kaart/contactpersonen/{contact.pk}/verwijderen/"


def detail_url(service) -> str:
    return f"/sociale-kaart/diensten/{service.pk}/"


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson
        skip_postgeneration_save = True

    organisation = factory.SubFactory(factories.OrganisationFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    role = "Intaker"
    phone = "030 123 45 67"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")


@pytest.fixture
def budgetcoaching(schuldhulp):
    return story.service_of(schuldhulp, "Budgetcoaching", domains=("financien",))


@pytest.fixture
def woonbegeleiding(corporatie):
    return story.service_of(corporatie, "Woonbegeleiding", domains=("huisvesting",))


@pytest.fixture
def municipal_admin_client():
    """The municipality's functional administrator: maintains every organisation."""
    gemeente = factories.OrganisationFactory(name="Gemeente Utrecht", type=OrganisationType.WERK_EN_INKOMEN)
    return login_verified(Client(), story.member_of(gemeente, Role.FUNCTIONAL_ADMIN))


@pytest.fixture
def fatima(schuldhulp, budgetcoaching, noord):
    contact = ContactPersonFactory(
        organisation=schuldhulp, service=budgetcoaching, name="Fatima el Amrani", email="fatima@schuldhulp.example"
    )
    contact.neighbourhoods.add(noord)
    return contact


def contact_data(organisation, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "organisation": organisation.pk,
        "name": "Fatima el Amrani",
        "role": "Intaker",
        "phone": "030 123 45 67",
        "email": "fatima@schuldhulp.example",
        "service": "",
        "neighbourhoods": [],
        "version": "1",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def errors_of(response) -> dict:
    return response.context["form"].errors


# --- adding, changing, removing ------------------------------------------------------------------------------


def test_a_coordinator_adds_a_contact_person_of_their_organisation(
    coordinator_client, schuldhulp, budgetcoaching, noord
):
    response = coordinator_client.post(
        CREATE, contact_data(schuldhulp, service=budgetcoaching.pk, neighbourhoods=[noord.pk])
    )
    contact = ContactPerson.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(budgetcoaching)
    assert (contact.organisation, contact.service, contact.name) == (schuldhulp, budgetcoaching, "Fatima el Amrani")
    assert (contact.role, contact.phone, contact.email) == ("Intaker", "030 123 45 67", "fatima@schuldhulp.example")
    assert list(contact.neighbourhoods.all()) == [noord]


def test_a_contact_person_without_a_service_goes_back_to_who_is_who(coordinator_client, schuldhulp):
    response = coordinator_client.post(CREATE, contact_data(schuldhulp))
    assert response["Location"] == WHO
    assert ContactPerson.objects.get().service is None


def test_adding_from_a_service_page_chooses_that_service_and_its_organisation(coordinator_client, budgetcoaching):
    form = coordinator_client.get(CREATE, {"dienst": budgetcoaching.pk}).context["form"]
    assert form["service"].value() == budgetcoaching.pk
    assert form["organisation"].value() == budgetcoaching.organisation_id


def test_the_service_list_holds_only_the_organisations_own_services(
    municipal_admin_client, schuldhulp, budgetcoaching, woonbegeleiding
):
    page = municipal_admin_client.get(CREATE, {"organisatie": schuldhulp.pk}).content.decode()
    assert "Budgetcoaching" in page
    assert "Woonbegeleiding" not in page


def test_a_coordinator_changes_a_contact_person(coordinator_client, fatima, zuid):
    response = coordinator_client.post(
        edit_url(fatima),
        contact_data(
            fatima.organisation,
            name="Fatima el Amrani-Bakker",
            role="Teamleider",
            service=fatima.service_id,
            neighbourhoods=[zuid.pk],
        ),
    )
    assert response.status_code == 302
    fatima.refresh_from_db()
    assert (fatima.name, fatima.role, fatima.version) == ("Fatima el Amrani-Bakker", "Teamleider", 2)
    assert list(fatima.neighbourhoods.all()) == [zuid]


def test_the_organisation_of_a_contact_person_cannot_be_changed_by_editing(municipal_admin_client, fatima, corporatie):
    municipal_admin_client.post(edit_url(fatima), contact_data(corporatie, name="Verhuisd"))
    fatima.refresh_from_db()
    assert fatima.organisation.name == "Schuldhulp Samen"


def test_removing_asks_for_confirmation_first(coordinator_client, fatima):
    response = coordinator_client.get(delete_url(fatima))
    assert response.status_code == 200
    assert "Fatima el Amrani" in response.content.decode()
    assert 'method="post"' in response.content.decode()
    assert ContactPerson.objects.filter(pk=fatima.pk).exists()


def test_a_coordinator_removes_a_contact_person_by_confirming(coordinator_client, fatima):
    response = coordinator_client.post(delete_url(fatima))
    assert response.status_code == 302 and response["Location"] == detail_url(fatima.service)
    assert not ContactPerson.objects.filter(pk=fatima.pk).exists()


def test_a_removal_is_kept_in_the_history(coordinator_client, fatima):
    coordinator_client.post(delete_url(fatima))
    assert ContactPerson.history.filter(id=fatima.pk).latest("history_id").history_type == "-"


# --- only the organisation's own coordinator ------------------------------------------------------------------


def test_a_wijkteam_member_cannot_add_contact_persons(verified_client, schuldhulp):
    assert verified_client.get(CREATE).status_code == 403
    assert verified_client.post(CREATE, contact_data(schuldhulp)).status_code == 403
    assert not ContactPerson.objects.exists()


def test_a_wijkteam_member_cannot_change_a_contact_person(verified_client, fatima):
    assert verified_client.get(edit_url(fatima)).status_code == 403
    assert verified_client.post(edit_url(fatima), contact_data(fatima.organisation, name="X")).status_code == 403
    fatima.refresh_from_db()
    assert fatima.name == "Fatima el Amrani"


def test_a_wijkteam_member_cannot_remove_a_contact_person(verified_client, fatima):
    assert verified_client.get(delete_url(fatima)).status_code == 403
    assert verified_client.post(delete_url(fatima)).status_code == 403
    assert ContactPerson.objects.filter(pk=fatima.pk).exists()


def test_a_coordinator_cannot_change_or_remove_another_organisations_contact(coordinator_client, corporatie):
    theirs = ContactPersonFactory(organisation=corporatie, name="Wim Woning")
    assert coordinator_client.post(edit_url(theirs), contact_data(corporatie, name="Overgenomen")).status_code == 403
    assert coordinator_client.post(delete_url(theirs)).status_code == 403
    theirs.refresh_from_db()
    assert theirs.name == "Wim Woning"


def test_a_coordinator_cannot_add_a_contact_for_another_organisation(coordinator_client, corporatie):
    response = coordinator_client.post(CREATE, contact_data(corporatie))
    assert response.status_code == 400
    assert "organisation" in errors_of(response)
    assert not ContactPerson.objects.exists()


def test_the_municipal_functional_administrator_maintains_every_organisations_contacts(municipal_admin_client, fatima):
    response = municipal_admin_client.post(edit_url(fatima), contact_data(fatima.organisation, name="Fatima Bakker"))
    assert response.status_code == 302
    fatima.refresh_from_db()
    assert fatima.name == "Fatima Bakker"


# --- bad input: a clear message, nothing changed ---------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    ["030 123 45 67", "030-1234567", "06 12345678", "+31 6 12345678", "+31 30 123 45 67", "0800 1234", "14 030", ""],
)
def test_a_sensible_dutch_phone_number_is_accepted(coordinator_client, schuldhulp, phone):
    response = coordinator_client.post(CREATE, contact_data(schuldhulp, phone=phone))
    assert response.status_code == 302, errors_of(response)
    assert ContactPerson.objects.get().phone == phone


@pytest.mark.parametrize(
    "phone",
    ["bel me", "030 123 45 6", "030 123 45 678", "+31 06 12345678", "06--12345678", "030/1234567", "12345", "+"],
)
def test_a_phone_number_that_is_no_phone_number_answers_400_and_saves_nothing(coordinator_client, schuldhulp, phone):
    response = coordinator_client.post(CREATE, contact_data(schuldhulp, phone=phone))
    assert response.status_code == 400
    assert [e.code for e in errors_of(response).as_data()["phone"]] == ["phone"]
    assert not ContactPerson.objects.exists()


def test_an_invalid_email_address_answers_400_and_saves_nothing(coordinator_client, schuldhulp):
    response = coordinator_client.post(CREATE, contact_data(schuldhulp, email="fatima-at-schuldhulp"))
    assert response.status_code == 400
    assert "email" in errors_of(response)
    assert not ContactPerson.objects.exists()


def test_a_contact_person_needs_a_name(coordinator_client, schuldhulp):
    response = coordinator_client.post(CREATE, contact_data(schuldhulp, name=" "))
    assert response.status_code == 400
    assert "name" in errors_of(response)


def test_a_service_of_another_organisation_is_refused_with_the_reason(
    municipal_admin_client, schuldhulp, woonbegeleiding
):
    response = municipal_admin_client.post(CREATE, contact_data(schuldhulp, service=woonbegeleiding.pk))
    assert response.status_code == 400
    assert [e.code for e in errors_of(response).as_data()["service"]] == ["other_organisation"]
    message = str(errors_of(response)["service"][0])
    assert "Woonbegeleiding" in message and "Woonstichting Thuis" in message and "Schuldhulp Samen" in message
    assert not ContactPerson.objects.exists()


def test_a_coordinator_cannot_link_a_contact_to_another_organisations_service(
    coordinator_client, schuldhulp, woonbegeleiding
):
    response = coordinator_client.post(CREATE, contact_data(schuldhulp, service=woonbegeleiding.pk))
    assert response.status_code == 400
    assert "service" in errors_of(response)
    assert not ContactPerson.objects.exists()


def test_bad_input_on_a_change_changes_nothing(coordinator_client, fatima):
    versions = fatima.history.count()
    response = coordinator_client.post(
        edit_url(fatima), contact_data(fatima.organisation, name="Nieuwe naam", phone="bel me")
    )
    assert response.status_code == 400
    fatima.refresh_from_db()
    assert (fatima.name, fatima.phone, fatima.version) == ("Fatima el Amrani", "030 123 45 67", 1)
    assert fatima.history.count() == versions


def test_the_page_of_a_contact_person_that_does_not_exist_is_404(coordinator_client):
    assert coordinator_client.get("/sociale-kaart/contactpersonen/999999/wijzigen/").status_code == 404
    assert coordinator_client.post("/sociale-kaart/contactpersonen/999999/verwijderen/").status_code == 404


def test_an_unknown_service_or_organisation_in_the_address_is_no_error(coordinator_client):
    for params in (
        {"dienst": "999999"},
        {"dienst": "abc"},
        {"dienst": "²"},
        {"dienst": str(2**70)},
        {"organisatie": "abc"},
        {"organisatie": "999999"},
        {"organisatie": str(2**70)},
    ):
        assert coordinator_client.get(CREATE, params).status_code == 200, params


# --- versions ----------------------------------------------------------------------------------------------------


def test_adding_a_contact_person_writes_one_version_with_its_neighbourhoods(coordinator_client, schuldhulp, noord):
    coordinator_client.post(CREATE, contact_data(schuldhulp, neighbourhoods=[noord.pk]))
    record = ContactPerson.objects.get().history.get()
    assert record.history_type == "+"
    assert [row.neighbourhood for row in record.neighbourhoods.all()] == [noord]


def test_a_change_of_neighbourhoods_is_versioned(coordinator_client, fatima, noord, zuid):
    before = fatima.history.count()
    coordinator_client.post(
        edit_url(fatima), contact_data(fatima.organisation, service=fatima.service_id, neighbourhoods=[zuid.pk])
    )
    newest = fatima.history.latest("history_id")
    assert fatima.history.count() == before + 1
    assert [row.neighbourhood for row in newest.neighbourhoods.all()] == [zuid]


def test_a_save_without_changes_writes_no_version(coordinator_client, fatima, noord):
    before = fatima.history.count()
    response = coordinator_client.post(
        edit_url(fatima), contact_data(fatima.organisation, service=fatima.service_id, neighbourhoods=[noord.pk])
    )
    assert response.status_code == 302
    fatima.refresh_from_db()
    assert fatima.version == 1
    assert fatima.history.count() == before


# --- two coordinators at once ------------------------------------------------------------------------------------


def test_a_stale_contact_save_is_a_conflict_that_keeps_the_typed_text(
    coordinator_client, municipal_admin_client, fatima
):
    municipal_admin_client.post(edit_url(fatima), contact_data(fatima.organisation, name="Fatima Bakker", version=1))
    response = coordinator_client.post(edit_url(fatima), contact_data(fatima.organisation, role="Schuldhulpmaatje"))
    assert response.status_code == 409
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == ["conflict"]
    assert 'value="Schuldhulpmaatje"' in response.content.decode()
    fatima.refresh_from_db()
    assert (fatima.name, fatima.role, fatima.version) == ("Fatima Bakker", "Intaker", 2)


def test_a_contact_removed_while_someone_edits_it_is_not_saved_back(fatima):
    opened = ContactPerson.objects.get(pk=fatima.pk)
    form = ContactPersonForm(
        contact_data(fatima.organisation, name="Nog steeds"),
        instance=opened,
        organisations=Organisation.objects.all(),
    )
    assert form.is_valid(), form.errors
    ContactPerson.objects.filter(pk=fatima.pk).delete()
    assert form.save_versioned() is False
    assert form.has_conflict
    assert [e.code for e in form.non_field_errors().as_data()] == ["gone"]
    assert not ContactPerson.objects.exists()


def test_the_conflict_message_is_shown_on_the_page(coordinator_client, municipal_admin_client, fatima):
    municipal_admin_client.post(edit_url(fatima), contact_data(fatima.organisation, name="Fatima Bakker"))
    page = coordinator_client.post(edit_url(fatima), contact_data(fatima.organisation, role="Maatje")).content.decode()
    with translation.override("nl"):
        message = str(VersionedEntryForm.conflict_message)
    assert message in page.replace("&#x27;", "'")


# --- wie is wie and the service page ---------------------------------------------------------------------------


def test_who_is_who_shows_the_email_address_of_contact_persons(verified_client, fatima):
    page = verified_client.get(WHO).content.decode()
    assert 'href="mailto:fatima@schuldhulp.example"' in page


def test_who_is_who_links_a_coordinator_to_their_own_contacts_only(coordinator_client, fatima, corporatie):
    theirs = ContactPersonFactory(organisation=corporatie, name="Wim Woning")
    page = coordinator_client.get(WHO).content.decode()
    assert edit_url(fatima) in page and delete_url(fatima) in page
    assert edit_url(theirs) not in page and delete_url(theirs) not in page
    assert CREATE in page


def test_who_is_who_offers_no_maintenance_to_others(verified_client, fatima):
    page = verified_client.get(WHO).content.decode()
    assert edit_url(fatima) not in page and delete_url(fatima) not in page and CREATE not in page


def test_the_service_page_links_its_coordinator_to_its_contact_persons(coordinator_client, fatima):
    page = coordinator_client.get(detail_url(fatima.service)).content.decode()
    assert edit_url(fatima) in page and delete_url(fatima) in page
    assert f"{CREATE}?dienst={fatima.service_id}" in page


def test_the_service_page_offers_no_maintenance_to_others(verified_client, fatima):
    page = verified_client.get(detail_url(fatima.service)).content.decode()
    assert "Fatima el Amrani" in page
    assert edit_url(fatima) not in page and CREATE not in page


def some_contacts(count: int, organisations: list, neighbourhoods: list, service=None) -> None:
    for n in range(count):
        contact = ContactPersonFactory(organisation=organisations[n % len(organisations)], service=service)
        contact.neighbourhoods.set(neighbourhoods[: 1 + n % len(neighbourhoods)])


def test_who_is_who_queries_do_not_grow_with_the_contacts_a_coordinator_maintains(
    coordinator_client, schuldhulp, corporatie, noord, zuid
):
    some_contacts(5, [schuldhulp, corporatie], [noord, zuid])
    few = queries_of(coordinator_client, WHO)
    some_contacts(20, [schuldhulp, corporatie], [noord, zuid])
    assert queries_of(coordinator_client, WHO) == few


def test_the_service_page_queries_do_not_grow_with_its_contact_persons(
    coordinator_client, schuldhulp, budgetcoaching, noord, zuid
):
    some_contacts(3, [schuldhulp], [noord, zuid], service=budgetcoaching)
    few = queries_of(coordinator_client, detail_url(budgetcoaching))
    some_contacts(20, [schuldhulp], [noord, zuid], service=budgetcoaching)
    assert queries_of(coordinator_client, detail_url(budgetcoaching)) == few
