# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Versions of a service on the sociale kaart: one version per real change, life domains and neighbourhoods
included, saved in one transaction; a *Versies* page per service; two coordinators never silently overwrite
each other (DESIGN.md §5.5)."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.test import Client
from django.utils import timezone, translation

from eenplan.accounts.models import Role
from eenplan.directory.forms import VersionedEntryForm
from eenplan.directory.hsds.export import export_directory
from eenplan.directory.hsds.importer import import_directory
from eenplan.directory.models import ContactPerson, Service, ServiceDomain, ServiceStatus
from eenplan.directory.versioning import field_label
from tests import access_helpers as story
from tests.conftest import login_verified
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

CREATE = "/sociale-kaart/diensten/nieuw/"


def edit_url(service) -> str:
    return f"/sociale-kaart/diensten/{service.pk}/wijzigen/"


def versions_url(service) -> str:
    return f"/sociale-kaart/diensten/{service.pk}/versies/"


@pytest.fixture
def second_coordinator_client(schuldhulp) -> Client:
    """The organisation's functional administrator: a second coordinator of the same entries."""
    return login_verified(Client(), story.member_of(schuldhulp, Role.FUNCTIONAL_ADMIN))


def service_data(organisation, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "organisation": organisation.pk,
        "name": "Budgetcoaching",
        "description": "Een budgetcoach helpt thuis met post en geld.",
        "target_group": "",
        "domain_codes": ["financien"],
        "neighbourhoods": [],
        "eligibility": "",
        "how_to_refer": "",
        "expected_response_days": "3",
        "waiting_time_days": "",
        "opening_hours": "",
        "street": "",
        "postcode": "3511 AA",
        "city": "",
        "phone": "",
        "email": "",
        "url": "",
        "status": ServiceStatus.ACTIVE,
        "version": "1",
    }
    data.update(changes)
    return data


@pytest.fixture
def budgetcoaching_added_by_form(coordinator_client, schuldhulp) -> Service:
    """A service added through the form by the coordinator: one version."""
    coordinator_client.post(CREATE, service_data(schuldhulp))
    return Service.objects.get()


def latest(service: Service):
    return service.history.latest("history_id")


def neighbourhoods_of(record) -> list[str]:
    return sorted(row.neighbourhood.name for row in record.neighbourhoods.all())


# --- one version per real change ---------------------------------------------------------------------------------


def test_adding_a_service_writes_one_version_with_its_domains_and_neighbourhoods(coordinator_client, schuldhulp, noord):
    coordinator_client.post(
        CREATE, service_data(schuldhulp, domain_codes=["financien", "huisvesting"], neighbourhoods=[noord.pk])
    )
    record = Service.objects.get().history.get()
    assert record.history_type == "+"
    assert record.life_domain_codes() == ["financien", "huisvesting"]
    assert neighbourhoods_of(record) == ["Noord"]


def test_an_edit_writes_exactly_one_version(coordinator_client, schuldhulp, budgetcoaching_added_by_form, noord):
    coordinator_client.post(
        edit_url(budgetcoaching_added_by_form),
        service_data(schuldhulp, name="Budgetcoaching thuis", domain_codes=["huisvesting"], neighbourhoods=[noord.pk]),
    )
    assert budgetcoaching_added_by_form.history.count() == 2


def test_a_change_of_life_domains_is_versioned(coordinator_client, schuldhulp, budgetcoaching_added_by_form):
    coordinator_client.post(
        edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, domain_codes=["financien", "justitie"])
    )
    newest, oldest = budgetcoaching_added_by_form.history.order_by("-history_id")
    assert oldest.life_domain_codes() == ["financien"]
    assert newest.life_domain_codes() == ["financien", "justitie"]


def test_a_change_of_neighbourhoods_is_versioned_in_the_same_version(
    coordinator_client, schuldhulp, budgetcoaching_added_by_form, noord, zuid
):
    coordinator_client.post(
        edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, neighbourhoods=[noord.pk, zuid.pk])
    )
    assert neighbourhoods_of(latest(budgetcoaching_added_by_form)) == ["Noord", "Zuid"]


def test_saving_without_changes_writes_no_version(coordinator_client, schuldhulp, budgetcoaching_added_by_form):
    updated_at = budgetcoaching_added_by_form.updated_at
    response = coordinator_client.post(edit_url(budgetcoaching_added_by_form), service_data(schuldhulp))
    assert response.status_code == 302
    budgetcoaching_added_by_form.refresh_from_db()
    assert budgetcoaching_added_by_form.history.count() == 1
    assert (budgetcoaching_added_by_form.version, budgetcoaching_added_by_form.updated_at) == (1, updated_at)


def test_the_same_postcode_typed_differently_is_no_change(coordinator_client, schuldhulp, budgetcoaching_added_by_form):
    coordinator_client.post(edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, postcode="3511aa"))
    assert budgetcoaching_added_by_form.history.count() == 1


def test_domains_in_another_order_are_no_change(coordinator_client, schuldhulp, budgetcoaching_added_by_form):
    coordinator_client.post(
        edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, domain_codes=["financien", "justitie"])
    )
    coordinator_client.post(
        edit_url(budgetcoaching_added_by_form),
        service_data(schuldhulp, domain_codes=["justitie", "financien"], version="2"),
    )
    assert budgetcoaching_added_by_form.history.count() == 2


def test_the_service_and_its_domains_are_saved_together_or_not_at_all(
    coordinator_client, schuldhulp, budgetcoaching_added_by_form, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(ServiceDomain.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        coordinator_client.post(
            edit_url(budgetcoaching_added_by_form),
            service_data(schuldhulp, name="Half opgeslagen", domain_codes=["justitie"]),
        )
    budgetcoaching_added_by_form.refresh_from_db()
    assert (budgetcoaching_added_by_form.name, budgetcoaching_added_by_form.version) == ("Budgetcoaching", 1)
    assert budgetcoaching_added_by_form.domain_codes() == ["financien"]
    assert budgetcoaching_added_by_form.history.count() == 1


def test_an_hsds_import_writes_one_version_per_changed_service_with_its_domains(schuldhulp, noord):
    service = story.service_of(schuldhulp, "Budgetcoaching", domains=("financien",), neighbourhoods=(noord,))
    document = export_directory()
    document["contents"][0]["services"][0]["name"] = "Budgetcoaching aan huis"
    before = service.history.count()
    assert import_directory(document).imported
    record = latest(service)
    assert service.history.count() == before + 1
    assert (record.name, record.life_domain_codes(), neighbourhoods_of(record)) == (
        "Budgetcoaching aan huis",
        ["financien"],
        ["Noord"],
    )


# --- the Versies page --------------------------------------------------------------------------------------------


def label(name: str) -> str:
    """The readable label of a field, as the (Dutch) page shows it."""
    with translation.override("nl"):
        return str(field_label(Service, name))


def shown(response) -> list:
    return list(response.context["page"].object_list)


def changed(version) -> dict[str, tuple[str, str]]:
    return {change.label: (change.old, change.new) for change in version.changes}


def test_the_service_page_links_to_its_versions(verified_client, budgetcoaching_added_by_form):
    assert (
        versions_url(budgetcoaching_added_by_form)
        in verified_client.get(f"/sociale-kaart/diensten/{budgetcoaching_added_by_form.pk}/").content.decode()
    )


def test_every_professional_who_sees_the_service_sees_its_versions(verified_client, budgetcoaching_added_by_form):
    assert verified_client.get(versions_url(budgetcoaching_added_by_form)).status_code == 200


def test_the_versions_page_shows_who_changed_what_when(
    coordinator_client, coordinator, schuldhulp, budgetcoaching_added_by_form
):
    coordinator_client.post(
        edit_url(budgetcoaching_added_by_form),
        service_data(schuldhulp, name="Budgetcoaching thuis", expected_response_days="2"),
    )
    newest, first = shown(coordinator_client.get(versions_url(budgetcoaching_added_by_form)))
    assert (newest.who, newest.kind, first.kind) == (coordinator.full_name, "changed", "created")
    assert changed(newest) == {
        label("name"): ("Budgetcoaching", "Budgetcoaching thuis"),
        label("expected_response_days"): ("3", "2"),
    }
    assert timezone.now() - newest.when < datetime.timedelta(minutes=1)


def test_the_versions_page_shows_the_changes_to_the_reader(
    coordinator_client, schuldhulp, budgetcoaching_added_by_form
):
    coordinator_client.post(
        edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, name="Budgetcoaching thuis")
    )
    page = coordinator_client.get(versions_url(budgetcoaching_added_by_form)).content.decode()
    assert "<del>Budgetcoaching</del> → <ins>Budgetcoaching thuis</ins>" in page


def test_the_versions_page_shows_life_domains_and_neighbourhoods_by_name(
    coordinator_client, schuldhulp, budgetcoaching_added_by_form, noord
):
    coordinator_client.post(
        edit_url(budgetcoaching_added_by_form),
        service_data(schuldhulp, domain_codes=["huisvesting"], neighbourhoods=[noord.pk]),
    )
    page = coordinator_client.get(versions_url(budgetcoaching_added_by_form))
    newest = shown(page)[0]
    assert changed(newest) == {
        label("life_domains"): ("Financiën", "Huisvesting"),
        label("neighbourhoods"): ("hele gemeente", "Noord"),
    }


def test_a_status_is_shown_by_its_label(coordinator_client, schuldhulp, budgetcoaching_added_by_form):
    coordinator_client.post(
        edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, status=ServiceStatus.TEMPORARILY_CLOSED)
    )
    newest = shown(coordinator_client.get(versions_url(budgetcoaching_added_by_form)))[0]
    with translation.override("nl"):
        expected = (str(ServiceStatus.ACTIVE.label), str(ServiceStatus.TEMPORARILY_CLOSED.label))
    assert changed(newest) == {label("status"): expected}


def test_the_first_version_lists_what_the_service_was_added_with(coordinator_client, budgetcoaching_added_by_form):
    first = shown(coordinator_client.get(versions_url(budgetcoaching_added_by_form)))[-1]
    values = {new for old, new in changed(first).values()}
    assert first.kind == "created"
    assert {"Budgetcoaching", "Een budgetcoach helpt thuis met post en geld.", "3511 AA"} <= values
    assert all(old == "" for old, new in changed(first).values())


def test_life_domains_that_an_old_version_did_not_record_are_not_shown_as_a_change(
    coordinator_client, schuldhulp, budgetcoaching_added_by_form
):
    budgetcoaching_added_by_form.history.update(life_domains=None)
    coordinator_client.post(
        edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, name="Budgetcoaching thuis")
    )
    newest = shown(coordinator_client.get(versions_url(budgetcoaching_added_by_form)))[0]
    assert changed(newest) == {label("name"): ("Budgetcoaching", "Budgetcoaching thuis")}


def test_a_service_without_recorded_versions_says_so(verified_client, schuldhulp):
    service = Service.objects.bulk_create([Service(organisation=schuldhulp, name="Uit de demo", description="x")])[0]
    response = verified_client.get(versions_url(service))
    assert response.status_code == 200
    assert shown(response) == []
    assert 'class="ep-empty"' in response.content.decode()


def test_the_versions_of_a_service_that_does_not_exist_are_404(verified_client):
    assert verified_client.get("/sociale-kaart/diensten/999999/versies/").status_code == 404


def many_versions(service: Service, count: int) -> None:
    for n in range(count):
        service.name = f"Budgetcoaching {n}"
        service.save()


def test_the_versions_page_is_paginated(verified_client, budgetcoaching_added_by_form):
    many_versions(budgetcoaching_added_by_form, 29)
    first = verified_client.get(versions_url(budgetcoaching_added_by_form))
    second = verified_client.get(versions_url(budgetcoaching_added_by_form), {"pagina": 2})
    assert (len(shown(first)), len(shown(second))) == (25, 5)
    assert 'pagina=2"' in first.content.decode()
    assert shown(second)[-1].kind == "created"


def test_the_oldest_version_on_a_page_is_compared_with_the_one_before_it(verified_client, budgetcoaching_added_by_form):
    many_versions(budgetcoaching_added_by_form, 29)
    oldest_on_first_page = shown(verified_client.get(versions_url(budgetcoaching_added_by_form)))[-1]
    assert changed(oldest_on_first_page) == {label("name"): ("Budgetcoaching 3", "Budgetcoaching 4")}


def test_a_page_number_that_does_not_exist_is_no_error(verified_client, budgetcoaching_added_by_form):
    for page in ("abc", "999", "-1"):
        assert verified_client.get(versions_url(budgetcoaching_added_by_form), {"pagina": page}).status_code == 200, (
            page
        )


def test_the_versions_page_queries_do_not_grow_with_the_number_of_versions(
    verified_client, coordinator_client, schuldhulp, budgetcoaching_added_by_form, noord, zuid
):
    coordinator_client.post(edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, neighbourhoods=[noord.pk]))
    few = queries_of(verified_client, versions_url(budgetcoaching_added_by_form))
    for n in range(40):
        coordinator_client.post(
            edit_url(budgetcoaching_added_by_form),
            service_data(
                schuldhulp, name=f"Budget {n}", neighbourhoods=[noord.pk, zuid.pk][: 1 + n % 2], version=str(n + 2)
            ),
        )
    assert budgetcoaching_added_by_form.history.count() == 42
    assert queries_of(verified_client, versions_url(budgetcoaching_added_by_form)) == few


# --- two coordinators at once ------------------------------------------------------------------------------------


def opened_version(response) -> int:
    return int(response.context["form"]["version"].value())


def test_both_forms_open_on_the_same_version(
    coordinator_client, second_coordinator_client, budgetcoaching_added_by_form
):
    first = opened_version(coordinator_client.get(edit_url(budgetcoaching_added_by_form)))
    second = opened_version(second_coordinator_client.get(edit_url(budgetcoaching_added_by_form)))
    assert first == second == 1


def test_the_first_save_wins(coordinator_client, schuldhulp, budgetcoaching_added_by_form):
    response = coordinator_client.post(edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, name="Eerste"))
    assert response.status_code == 302
    budgetcoaching_added_by_form.refresh_from_db()
    assert (budgetcoaching_added_by_form.name, budgetcoaching_added_by_form.version) == ("Eerste", 2)


def test_a_stale_save_is_a_conflict(
    coordinator_client, second_coordinator_client, schuldhulp, budgetcoaching_added_by_form
):
    coordinator_client.post(edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, name="Eerste"))
    response = second_coordinator_client.post(
        edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, name="Tweede")
    )
    assert response.status_code == 409
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == ["conflict"]


def test_a_conflict_keeps_the_first_save(
    coordinator_client, second_coordinator_client, schuldhulp, budgetcoaching_added_by_form
):
    coordinator_client.post(edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, name="Eerste"))
    second_coordinator_client.post(
        edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, name="Tweede", domain_codes=["justitie"])
    )
    budgetcoaching_added_by_form.refresh_from_db()
    assert (
        budgetcoaching_added_by_form.name,
        budgetcoaching_added_by_form.version,
        budgetcoaching_added_by_form.domain_codes(),
    ) == ("Eerste", 2, ["financien"])
    assert budgetcoaching_added_by_form.history.count() == 2


def test_a_conflict_keeps_what_the_second_person_typed(
    coordinator_client, second_coordinator_client, schuldhulp, budgetcoaching_added_by_form
):
    coordinator_client.post(edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, name="Eerste"))
    page = second_coordinator_client.post(
        edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, name="Tweede", description="Wat ik typte")
    ).content.decode()
    assert 'value="Tweede"' in page and "Wat ik typte" in page


def test_a_conflict_is_explained_on_the_page(
    coordinator_client, second_coordinator_client, schuldhulp, budgetcoaching_added_by_form
):
    coordinator_client.post(edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, name="Eerste"))
    page = second_coordinator_client.post(
        edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, name="Tweede")
    ).content
    with translation.override("nl"):
        message = str(VersionedEntryForm.conflict_message)
    assert message in page.decode().replace("&#x27;", "'")


def test_a_conflict_shows_what_is_saved_now(
    coordinator_client, second_coordinator_client, schuldhulp, budgetcoaching_added_by_form
):
    coordinator_client.post(
        edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, name="Eerste", domain_codes=["justitie"])
    )
    response = second_coordinator_client.post(
        edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, name="Tweede")
    )
    assert dict(response.context["form"].now_saved) == {label("name"): "Eerste", label("life_domains"): "Justitie"}
    assert "Justitie" in response.content.decode()


def test_after_a_conflict_saving_the_form_again_is_a_deliberate_save(
    coordinator_client, second_coordinator_client, schuldhulp, budgetcoaching_added_by_form
):
    coordinator_client.post(edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, name="Eerste"))
    conflict = second_coordinator_client.post(
        edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, name="Tweede")
    )
    assert opened_version(conflict) == 2
    again = second_coordinator_client.post(
        edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, name="Tweede", version="2")
    )
    assert again.status_code == 302
    budgetcoaching_added_by_form.refresh_from_db()
    assert (budgetcoaching_added_by_form.name, budgetcoaching_added_by_form.version) == ("Tweede", 3)


def test_an_hsds_import_makes_a_form_opened_before_it_stale(
    coordinator_client, schuldhulp, budgetcoaching_added_by_form
):
    document = export_directory()
    document["contents"][0]["services"][0]["name"] = "Geïmporteerd"
    assert import_directory(document).imported
    response = coordinator_client.post(
        edit_url(budgetcoaching_added_by_form), service_data(schuldhulp, name="Met de hand")
    )
    assert response.status_code == 409
    budgetcoaching_added_by_form.refresh_from_db()
    assert (budgetcoaching_added_by_form.name, budgetcoaching_added_by_form.version) == ("Geïmporteerd", 2)


# --- versions written before this was recorded -------------------------------------------------------------------


def test_the_migration_records_todays_life_domains_on_each_services_newest_version_only(schuldhulp):
    service = story.service_of(schuldhulp, domains=("financien",))
    service.name = "Later gewijzigd"
    service.save()
    Service.history.update(life_domains=None)  # as migration 0003 finds them
    migration = importlib.import_module("eenplan.directory.migrations.0003_versions_life_domains_and_locking")
    migration.record_the_present(django_apps, None)
    newest, oldest = service.history.order_by("-history_id")
    assert (newest.life_domain_codes(), oldest.life_domain_codes()) == (["financien"], None)


def test_the_migration_records_todays_neighbourhoods_on_each_contacts_newest_version(schuldhulp, noord):
    contact = ContactPerson.objects.create(organisation=schuldhulp, name="Cor Contact")
    contact.neighbourhoods.add(noord)
    m2m_history = ContactPerson.history.model.neighbourhoods.model
    m2m_history.objects.all().delete()  # as migration 0003 finds them
    migration = importlib.import_module("eenplan.directory.migrations.0003_versions_life_domains_and_locking")
    migration.record_the_present(django_apps, None)
    newest, oldest = contact.history.order_by("-history_id")
    assert (neighbourhoods_of(newest), neighbourhoods_of(oldest)) == (["Noord"], [])
