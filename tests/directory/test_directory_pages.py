# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The pages of the sociale kaart: search and filters, a service, paging with a constant number of queries,
*wie is wie*, and maintaining services (each organisation's own coordinator, changes versioned)."""

from __future__ import annotations

import pytest
from django.test import Client

from eenplan.accounts.models import OrganisationType, Role
from eenplan.directory.models import ContactPerson, Service, ServiceStatus
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

LIST = "/sociale-kaart/"
CREATE = "/sociale-kaart/diensten/nieuw/"
WHO = "/sociale-kaart/wie-is-wie/"


def edit_url(service) -> str:
    return f"/sociale-kaart/diensten/{service.pk}/wijzigen/"


def detail_url(service) -> str:
    return f"/sociale-kaart/diensten/{service.pk}/"


@pytest.fixture
def kaart(schuldhulp, corporatie, noord, zuid) -> dict:
    return {
        "schuld": story.service_of(
            schuldhulp,
            "Schuldhulpverlening",
            description="Wij helpen bij schulden en betalingsachterstanden.",
            domains=("financien",),
            neighbourhoods=(noord,),
        ),
        "wonen": story.service_of(
            corporatie, "Woonbegeleiding", description="Begeleiding bij zelfstandig wonen.", domains=("huisvesting",)
        ),
        "zuid": story.service_of(
            schuldhulp,
            "Budgetcoaching Zuid",
            description="Budgetcoaches aan de keukentafel.",
            domains=("financien",),
            neighbourhoods=(zuid,),
        ),
        "dicht": story.service_of(
            schuldhulp, "Gesloten inloop", description="Inloop voor schulden.", status=ServiceStatus.INACTIVE
        ),
    }


def listed(response) -> list[str]:
    return [s.name for s in response.context["page"].object_list]


# --- search and filters on the page --------------------------------------------------------------------------


def test_the_list_shows_every_active_service(verified_client, kaart):
    response = verified_client.get(LIST)
    assert response.status_code == 200
    assert listed(response) == ["Budgetcoaching Zuid", "Schuldhulpverlening", "Woonbegeleiding"]
    assert "Gesloten inloop" not in response.content.decode()


def test_searching_a_word_of_the_description(verified_client, kaart):
    assert listed(verified_client.get(LIST, {"q": "betalingsachterstanden"})) == ["Schuldhulpverlening"]


def test_filters_on_the_page(verified_client, kaart, noord, zuid):
    assert listed(verified_client.get(LIST, {"leefgebied": "financien"})) == [
        "Budgetcoaching Zuid",
        "Schuldhulpverlening",
    ]
    assert listed(verified_client.get(LIST, {"wijk": noord.pk})) == ["Schuldhulpverlening", "Woonbegeleiding"]
    assert listed(verified_client.get(LIST, {"wijk": zuid.pk, "leefgebied": "financien"})) == ["Budgetcoaching Zuid"]
    assert listed(verified_client.get(LIST, {"soort": OrganisationType.WONINGCORPORATIE})) == ["Woonbegeleiding"]


def test_a_filter_value_that_does_not_exist_is_no_error(verified_client, kaart):
    for params in ({"leefgebied": "astrologie"}, {"wijk": "999999"}, {"soort": "x"}, {"pagina": "abc"}):
        response = verified_client.get(LIST, params)
        assert response.status_code == 200, params


def test_an_htmx_request_gets_only_the_results(verified_client, kaart):
    response = verified_client.get(LIST, {"q": "schulden"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Schuldhulpverlening" in page
    assert "<html" not in page


def test_the_service_page_shows_what_a_referrer_needs(verified_client, schuldhulp, noord):
    service = story.service_of(
        schuldhulp,
        "Schuldhulpverlening",
        description="Wij helpen bij schulden.",
        target_group="Volwassenen met geldzorgen",
        eligibility="Inwoners van Utrecht vanaf 18 jaar",
        how_to_refer="Via EenPlan met een korte samenvatting",
        expected_response_days=3,
        waiting_time_days=21,
        opening_hours="ma-vr 9-17 uur",
        street="Oudegracht 1",
        postcode="3511 AA",
        city="Utrecht",
        phone="030 123 45 67",
        domains=("financien",),
        neighbourhoods=(noord,),
    )
    ContactPerson.objects.create(organisation=schuldhulp, service=service, name="Fatima el Amrani", role="Intaker")
    page = verified_client.get(detail_url(service)).content.decode()
    for text in (
        "Volwassenen met geldzorgen",
        "Inwoners van Utrecht vanaf 18 jaar",
        "Via EenPlan met een korte samenvatting",
        "ma-vr 9-17 uur",
        "Oudegracht 1",
        "3511 AA",
        "030 123 45 67",
        "Noord",
        "Fatima el Amrani",
        "Intaker",
        "21",
        "3",
    ):
        assert text in page, text


# --- paging and a constant number of queries -----------------------------------------------------------------


def many_services(count: int, organisations: list, neighbourhoods: list) -> None:
    for n in range(count):
        service = story.service_of(
            organisations[n % len(organisations)],
            f"Dienst {n:03d}",
            description=f"Hulp nummer {n} bij schulden en wonen.",
            domains=("financien", "huisvesting"),
            neighbourhoods=tuple(neighbourhoods[: 1 + n % len(neighbourhoods)]),
        )
        ContactPerson.objects.create(organisation=service.organisation, service=service, name=f"Contact {n}")


def test_the_list_pages_through_the_services(verified_client, schuldhulp, noord):
    many_services(30, [schuldhulp], [noord])
    first = verified_client.get(LIST)
    assert len(listed(first)) == 25
    assert first.context["page"].paginator.count == 30
    assert 'pagina=2"' in first.content.decode()
    second = verified_client.get(LIST, {"pagina": 2})
    assert len(listed(second)) == 5
    assert set(listed(first)).isdisjoint(listed(second))
    filtered = verified_client.get(LIST, {"leefgebied": "financien", "pagina": 2})
    assert 'leefgebied=financien&amp;pagina=1"' in filtered.content.decode()


@pytest.mark.parametrize(
    "params", [None, {"q": "schulden"}, {"leefgebied": "financien", "wijk": "noord"}, {"soort": "schuldhulp"}]
)
def test_the_number_of_queries_does_not_grow_with_the_number_of_services(
    verified_client, schuldhulp, corporatie, noord, zuid, params
):
    if params and params.get("wijk") == "noord":
        params = {**params, "wijk": noord.pk}
    many_services(10, [schuldhulp, corporatie], [noord, zuid])
    with_10 = queries_of(verified_client, LIST, params)
    many_services(30, [schuldhulp, corporatie, factories.OrganisationFactory(type="ggz")], [noord, zuid])
    assert Service.objects.count() == 40
    with_40 = queries_of(verified_client, LIST, params)
    assert with_40 == with_10


def test_who_is_who_queries_do_not_grow(verified_client, schuldhulp, noord, zuid):
    many_services(10, [schuldhulp], [noord, zuid])
    with_10 = queries_of(verified_client, WHO, {"wijk": noord.pk})
    many_services(30, [schuldhulp], [noord, zuid])
    for _ in range(30):
        factories.wijkteam_member()
    assert queries_of(verified_client, WHO, {"wijk": noord.pk}) == with_10


# --- wie is wie ----------------------------------------------------------------------------------------------


def test_who_is_who_lists_contact_persons_and_professionals_per_neighbourhood(verified_client, schuldhulp, noord, zuid):
    team_noord = factories.TeamFactory(name="Wijkteam Noord")
    team_noord.neighbourhoods.add(noord)
    team_zuid = factories.TeamFactory(name="Wijkteam Zuid")
    team_zuid.neighbourhoods.add(zuid)
    factories.wijkteam_member(team=team_noord, full_name="Noor Noord")
    factories.wijkteam_member(team=team_zuid, full_name="Zeynep Zuid")
    partner_team = factories.TeamFactory(organisation=schuldhulp, name="Schuldhulp Utrecht")
    factories.wijkteam_member(team=partner_team, role=Role.PARTNER_PROFESSIONAL, full_name="Paul Partner")
    story.volunteer("Vera Vrijwilliger")

    contact_noord = ContactPerson.objects.create(organisation=schuldhulp, name="Cor Contact Noord", role="Intaker")
    contact_noord.neighbourhoods.add(noord)
    contact_zuid = ContactPerson.objects.create(organisation=schuldhulp, name="Zoë Contact Zuid")
    contact_zuid.neighbourhoods.add(zuid)
    ContactPerson.objects.create(organisation=schuldhulp, name="Stad Breed")

    everyone = verified_client.get(WHO)
    assert everyone.status_code == 200
    page = everyone.content.decode()
    for name in ("Noor Noord", "Zeynep Zuid", "Paul Partner", "Cor Contact Noord", "Zoë Contact Zuid", "Stad Breed"):
        assert name in page, name
    assert "Vera Vrijwilliger" not in page

    in_noord = verified_client.get(WHO, {"wijk": noord.pk})
    people = [m.user.full_name for m in in_noord.context["people_page"].object_list]
    contacts = [c.name for c in in_noord.context["contact_page"].object_list]
    assert "Noor Noord" in people and "Paul Partner" in people
    assert "Zeynep Zuid" not in people
    assert set(contacts) == {"Cor Contact Noord", "Stad Breed"}
    assert in_noord.context["chosen"] == noord


# --- maintaining: each organisation's own coordinator --------------------------------------------------------


def service_data(organisation, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "organisation": organisation.pk,
        "name": "Budgetcoaching",
        "description": "Een budgetcoach helpt thuis met post en geld.",
        "target_group": "Huishoudens met geldzorgen",
        "domain_codes": ["financien"],
        "neighbourhoods": [],
        "eligibility": "Iedereen uit de gemeente",
        "how_to_refer": "Via EenPlan",
        "expected_response_days": "3",
        "waiting_time_days": "14",
        "opening_hours": "ma-do 9-17",
        "street": "Oudegracht 1",
        "postcode": "3511 AA",
        "city": "Utrecht",
        "phone": "030 123 45 67",
        "email": "info@budget.example.org",
        "url": "https://budget.example.org",
        "status": ServiceStatus.ACTIVE,
        "version": "1",  # the version an edit form was opened on (a new service starts at 1)
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_team_leader_adds_a_service_of_their_organisation(coordinator_client, schuldhulp, noord):
    response = coordinator_client.post(CREATE, service_data(schuldhulp, neighbourhoods=[noord.pk]))
    service = Service.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(service)
    assert service.organisation == schuldhulp
    assert service.domain_codes() == ["financien"]
    assert list(service.neighbourhoods.all()) == [noord]
    assert (service.expected_response_days, service.waiting_time_days) == (3, 14)
    assert service.postcode == "3511 AA"


def test_a_change_is_versioned(coordinator_client, schuldhulp):
    coordinator_client.post(CREATE, service_data(schuldhulp))
    service = Service.objects.get()
    assert service.history.count() == 1
    response = coordinator_client.post(
        edit_url(service), service_data(schuldhulp, name="Budgetcoaching thuis", expected_response_days="2")
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name == "Budgetcoaching thuis"
    assert service.history.count() == 2
    newest, oldest = service.history.order_by("-history_id")
    assert (oldest.name, newest.name) == ("Budgetcoaching", "Budgetcoaching thuis")
    assert (oldest.expected_response_days, newest.expected_response_days) == (3, 2)
    assert newest.history_type == "~"


def test_the_organisation_of_a_service_cannot_be_changed_by_editing(coordinator_client, schuldhulp, corporatie):
    coordinator_client.post(CREATE, service_data(schuldhulp))
    service = Service.objects.get()
    coordinator_client.post(edit_url(service), service_data(corporatie, name="Verhuisd"))
    service.refresh_from_db()
    assert service.organisation == schuldhulp


def test_a_team_leader_cannot_edit_another_organisations_service(coordinator_client, kaart, corporatie):
    theirs = kaart["wonen"]
    assert coordinator_client.get(edit_url(theirs)).status_code == 403
    response = coordinator_client.post(edit_url(theirs), service_data(corporatie, name="Overgenomen"))
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.name == "Woonbegeleiding"
    assert theirs.history.count() == 1


def test_a_team_leader_cannot_add_a_service_for_another_organisation(coordinator_client, corporatie):
    response = coordinator_client.post(CREATE, service_data(corporatie))
    assert response.status_code == 400
    assert not Service.objects.exists()


def test_a_team_leader_sees_the_edit_link_only_for_their_own_services(coordinator_client, kaart):
    assert edit_url(kaart["schuld"]) in coordinator_client.get(detail_url(kaart["schuld"])).content.decode()
    assert edit_url(kaart["wonen"]) not in coordinator_client.get(detail_url(kaart["wonen"])).content.decode()


def test_a_wijkteam_member_cannot_add_or_edit_services(verified_client, kaart, schuldhulp, professional):
    assert verified_client.get(CREATE).status_code == 403
    assert verified_client.post(CREATE, service_data(schuldhulp)).status_code == 403
    assert verified_client.post(edit_url(kaart["schuld"]), service_data(schuldhulp, name="X")).status_code == 403
    assert Service.objects.count() == 4
    assert CREATE not in verified_client.get(LIST).content.decode()


def test_the_municipal_functional_administrator_maintains_every_organisation(kaart, corporatie):
    gemeente = factories.OrganisationFactory(name="Gemeente Utrecht", type=OrganisationType.WERK_EN_INKOMEN)
    client = login_verified(Client(), story.member_of(gemeente, Role.FUNCTIONAL_ADMIN))
    response = client.post(edit_url(kaart["wonen"]), service_data(corporatie, name="Woonbegeleiding plus"))
    assert response.status_code == 302
    kaart["wonen"].refresh_from_db()
    assert kaart["wonen"].name == "Woonbegeleiding plus"


@pytest.mark.parametrize("postcode", ["12345", "0123 AB", "3511 SA", "ABCD 12", "3511AAA"])
def test_an_invalid_postcode_answers_400_and_saves_nothing(coordinator_client, schuldhulp, postcode):
    response = coordinator_client.post(CREATE, service_data(schuldhulp, postcode=postcode))
    assert response.status_code == 400
    assert "postcode" in response.context["form"].errors
    assert not Service.objects.exists()


def test_an_invalid_postcode_on_an_edit_changes_nothing(coordinator_client, schuldhulp):
    coordinator_client.post(CREATE, service_data(schuldhulp))
    service = Service.objects.get()
    response = coordinator_client.post(edit_url(service), service_data(schuldhulp, name="Nieuw", postcode="12345"))
    assert response.status_code == 400
    service.refresh_from_db()
    assert (service.name, service.postcode) == ("Budgetcoaching", "3511 AA")
    assert service.history.count() == 1


def test_a_postcode_is_stored_in_its_usual_form(coordinator_client, schuldhulp):
    coordinator_client.post(CREATE, service_data(schuldhulp, postcode="3511aa"))
    assert Service.objects.get().postcode == "3511 AA"


def test_a_broad_search_is_counted_only_up_to_the_cap(verified_client, kaart, monkeypatch):
    monkeypatch.setattr("eenplan.directory.search.COUNT_CAP", 2)
    response = verified_client.get(LIST)
    assert response.context["page"].paginator.capped
    assert response.context["page"].paginator.count == 3  # the cap plus one: "more than 2"
    assert "More than 500 services" in response.content.decode() or "Meer dan 500" in response.content.decode()


def test_a_search_under_the_cap_is_counted_exactly(verified_client, kaart):
    response = verified_client.get(LIST, {"leefgebied": "financien"})
    assert not response.context["page"].paginator.capped
    assert response.context["page"].paginator.count == 2


def test_the_filter_form_keeps_the_chosen_values(verified_client, kaart, noord):
    page = verified_client.get(LIST, {"q": "schuld", "leefgebied": "financien", "wijk": noord.pk}).content.decode()
    assert 'name="q" value="schuld"' in page
    assert '<option value="financien" selected>' in page
    assert f'<option value="{noord.pk}" selected>' in page
    assert 'for="id_wijk"' in page and 'id="id_soort"' in page
