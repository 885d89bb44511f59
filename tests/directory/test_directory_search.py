# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Searching the sociale kaart (eenplan/directory/search.py): PostgreSQL full-text search in the Dutch
configuration, a plain fallback on SQLite, and filters by life domain, neighbourhood and kind of organisation."""

from __future__ import annotations

import pytest
from django.db import connection

from eenplan.accounts.models import OrganisationType
from eenplan.directory.models import ServiceStatus
from eenplan.directory.search import search_services
from tests import access_helpers as story
from tests import factories

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch full-text search is PostgreSQL's")


@pytest.fixture
def centrum_without_postcodes():
    return factories.NeighbourhoodFactory(name="Centrum", code="centrum")


@pytest.fixture
def search_kaart(centrum_without_postcodes, noord) -> dict:
    """Four services of three kinds of organisation; one inactive."""
    schuldhulp = factories.OrganisationFactory(name="Schuldhulp Samen", type=OrganisationType.SCHULDHULP)
    corporatie = factories.OrganisationFactory(name="Woonstichting Thuis", type=OrganisationType.WONINGCORPORATIE)
    wijkteam = factories.OrganisationFactory(name="Wijkteam Utrecht", type=OrganisationType.WIJKTEAM)
    return {
        "schuldhulp": story.service_of(
            schuldhulp,
            "Schuldhulpverlening",
            description="Wij helpen bij schulden en betalingsachterstanden.",
            target_group="Volwassenen met geldzorgen",
            domains=("financien",),
            neighbourhoods=(centrum_without_postcodes,),
        ),
        "wonen": story.service_of(
            corporatie,
            "Woonbegeleiding",
            description="Begeleiding bij zelfstandig wonen en huurproblemen.",
            target_group="Huurders",
            domains=("huisvesting", "financien"),
        ),
        "buurt": story.service_of(
            wijkteam,
            "Buurtcoaching",
            description="Steun bij eenzaamheid en meedoen in de buurt.",
            target_group="Ouderen",
            domains=("sociaal_netwerk",),
            neighbourhoods=(noord,),
        ),
        "oud": story.service_of(
            schuldhulp,
            "Oude schuldhulplijn",
            description="Telefonische hulp bij schulden.",
            domains=("financien",),
            status=ServiceStatus.INACTIVE,
        ),
    }


def names(queryset) -> list[str]:
    return [s.name for s in queryset]


# --- words: on SQLite and on PostgreSQL ---------------------------------------------------------------------


def test_a_word_in_the_description_finds_the_service(search_kaart):
    assert names(search_services("betalingsachterstanden")) == ["Schuldhulpverlening"]


def test_a_word_in_the_name_or_target_group_finds_the_service(search_kaart):
    assert names(search_services("Woonbegeleiding")) == ["Woonbegeleiding"]
    assert names(search_services("huurders")) == ["Woonbegeleiding"]


def test_the_organisation_name_finds_its_services(search_kaart):
    assert names(search_services("Woonstichting")) == ["Woonbegeleiding"]


def test_search_ignores_case(search_kaart):
    assert names(search_services("EENZAAMHEID")) == ["Buurtcoaching"]


def test_all_words_must_match(search_kaart):
    assert names(search_services("eenzaamheid buurt")) == ["Buurtcoaching"]
    assert names(search_services("eenzaamheid schulden")) == []


def test_a_word_nowhere_finds_nothing(search_kaart):
    assert names(search_services("paardrijden")) == []


def test_several_words_that_match_no_service_find_nothing(search_kaart):
    """On PostgreSQL ts_rank() gives 1e-20, not 0, to a document that does not match a query of several words;
    a filter on rank > 0 then lets every service through."""
    assert names(search_services("paardrijden zwemles")) == []
    assert names(search_services("eenzaamheid paardrijden")) == []


@pytest.mark.parametrize("odd", ["schulden & | ! (", "'; DROP TABLE x; --", '"schulden', "-", "schulden:*"])
def test_odd_input_does_not_break_the_search(search_kaart, odd):
    list(search_services(odd))  # no exception on either database


def test_an_empty_query_lists_every_active_service_by_name(search_kaart):
    assert names(search_services("")) == ["Buurtcoaching", "Schuldhulpverlening", "Woonbegeleiding"]
    assert names(search_services("   ")) == ["Buurtcoaching", "Schuldhulpverlening", "Woonbegeleiding"]


@on_postgres
@pytest.mark.postgres_only
def test_postgres_finds_a_dutch_stem(search_kaart):
    """ "schuld" finds "schulden", "huurprobleem" finds "huurproblemen": the Dutch snowball stemmer at work."""
    assert names(search_services("schuld")) == ["Schuldhulpverlening"]
    assert names(search_services("huurprobleem")) == ["Woonbegeleiding"]


@on_postgres
@pytest.mark.postgres_only
def test_postgres_ranks_a_match_in_the_name_with_the_rest(search_kaart, centrum_without_postcodes):
    schuldhulp = search_kaart["schuldhulp"].organisation
    story.service_of(schuldhulp, "Budgetcursus", description="Leren omgaan met geld en schulden voorkomen.")
    found = names(search_services("schulden"))
    assert set(found) == {"Schuldhulpverlening", "Budgetcursus"}


@on_postgres
@pytest.mark.postgres_only
def test_postgres_search_reads_the_stored_document_and_computes_no_vector(search_kaart):
    sql = str(search_services("schulden").query)
    assert "search_document @@" in sql
    assert "to_tsvector" not in sql
    assert " OR " not in sql


# --- filters ---------------------------------------------------------------------------------------------------


def test_filter_by_life_domain(search_kaart):
    assert names(search_services(domain="financien")) == ["Schuldhulpverlening", "Woonbegeleiding"]
    assert names(search_services(domain="sociaal_netwerk")) == ["Buurtcoaching"]
    assert names(search_services(domain="justitie")) == []


def test_filter_by_neighbourhood_includes_services_for_the_whole_municipality(
    search_kaart, centrum_without_postcodes, noord
):
    assert names(search_services(neighbourhood_id=centrum_without_postcodes.pk)) == [
        "Schuldhulpverlening",
        "Woonbegeleiding",
    ]
    assert names(search_services(neighbourhood_id=noord.pk)) == ["Buurtcoaching", "Woonbegeleiding"]
    elders = factories.NeighbourhoodFactory(name="Oost", code="oost")
    assert names(search_services(neighbourhood_id=elders.pk)) == ["Woonbegeleiding"]


def test_filter_by_kind_of_organisation(search_kaart):
    assert names(search_services(organisation_type=OrganisationType.WONINGCORPORATIE)) == ["Woonbegeleiding"]
    assert names(search_services(organisation_type=OrganisationType.SCHULDHULP)) == ["Schuldhulpverlening"]
    assert names(search_services(organisation_type=OrganisationType.GGZ)) == []


def test_filters_and_words_combine(search_kaart, centrum_without_postcodes, noord):
    assert names(search_services("wonen", domain="financien", neighbourhood_id=centrum_without_postcodes.pk)) == [
        "Woonbegeleiding"
    ]
    assert names(search_services("schulden", neighbourhood_id=noord.pk)) == []
    assert names(search_services("eenzaamheid", organisation_type=OrganisationType.WIJKTEAM)) == ["Buurtcoaching"]


def test_a_service_in_several_neighbourhoods_and_domains_is_listed_once(search_kaart, centrum_without_postcodes, noord):
    search_kaart["schuldhulp"].neighbourhoods.add(noord)
    assert names(search_services(domain="financien")).count("Schuldhulpverlening") == 1
    assert names(search_services("schulden")).count("Schuldhulpverlening") == 1
    assert names(search_services(neighbourhood_id=noord.pk)).count("Schuldhulpverlening") == 1


# --- inactive services ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [ServiceStatus.INACTIVE, ServiceStatus.DEFUNCT, ServiceStatus.TEMPORARILY_CLOSED])
def test_services_that_are_not_active_are_not_listed(search_kaart, status):
    search_kaart["oud"].status = status
    search_kaart["oud"].save()
    assert "Oude schuldhulplijn" not in names(search_services())
    assert "Oude schuldhulplijn" not in names(search_services("schulden"))
    assert "Oude schuldhulplijn" not in names(search_services(domain="financien"))


def test_including_inactive_services_when_asked(search_kaart):
    assert "Oude schuldhulplijn" in names(search_services(include_inactive=True))


# --- how people type: prefixes, typos, stop words ------------------------------------------------------------


@pytest.mark.parametrize("typed", ["schuldh", "Schuldhulpverl", "betalingsachter"])
def test_the_start_of_a_word_finds_the_service(search_kaart, typed):
    assert names(search_services(typed)) == ["Schuldhulpverlening"]


def test_the_start_of_an_organisation_name_finds_its_services(search_kaart):
    assert names(search_services("woonstich")) == ["Woonbegeleiding"]


@on_postgres
@pytest.mark.postgres_only
@pytest.mark.parametrize("typed", ["schuldhlp", "schuldhulp", "schulden", "Schuldhulp"])
def test_postgres_finds_debt_help_as_people_type_it(search_kaart, typed):
    """A typo ("schuldhlp"), the compound, the plural: each finds the debt help service."""
    assert names(search_services(typed)) == ["Schuldhulpverlening"]


@on_postgres
@pytest.mark.postgres_only
def test_postgres_corrects_a_typo_in_one_word_and_keeps_the_others(search_kaart):
    assert names(search_services("eenzaamhied buurt")) == ["Buurtcoaching"]
    assert names(search_services("eenzaamhied schulden")) == []


@on_postgres
@pytest.mark.postgres_only
def test_postgres_does_not_correct_to_a_word_no_service_has_any_more(search_kaart):
    search_kaart["buurt"].description = "Steun bij meedoen in de buurt."
    search_kaart["buurt"].save()
    assert names(search_services("eenzaamhied")) == []


@on_postgres
@pytest.mark.postgres_only
def test_postgres_ignores_stop_words(search_kaart):
    assert names(search_services("de schulden")) == ["Schuldhulpverlening"]
    assert names(search_services("de en")) == []


# --- the stored document follows its sources (PostgreSQL triggers) ---------------------------------------------


@on_postgres
@pytest.mark.postgres_only
def test_postgres_finds_a_service_by_its_new_name_after_an_edit(search_kaart):
    search_kaart["buurt"].name = "Ontmoetingspunt"
    search_kaart["buurt"].save()
    assert names(search_services("ontmoetingspunt")) == ["Ontmoetingspunt"]
    assert names(search_services("buurtcoaching")) == []


@on_postgres
@pytest.mark.postgres_only
def test_postgres_finds_services_by_the_new_name_of_their_organisation(search_kaart):
    corporatie = search_kaart["wonen"].organisation
    corporatie.name = "Dakvereniging Zuid"
    corporatie.save()
    assert names(search_services("dakvereniging")) == ["Woonbegeleiding"]
    assert names(search_services("woonstichting")) == []


# --- the bench's four searches on the demo's sociale kaart --------------------------------------------------------


@pytest.fixture
def demo_kaart():
    """The services the demo and the bench generate (eenplan/demo/data.py), one organisation per kind."""
    from eenplan.demo.data import SERVICE_OFFERS

    for kind, offers in SERVICE_OFFERS.items():
        organisation = factories.OrganisationFactory(name=f"{kind.label} Utrecht", type=kind)
        for name, description, codes, _days in offers:
            story.service_of(organisation, name, description=description, domains=tuple(codes))


def test_bench_search_for_debts_puts_debt_help_first(demo_kaart):
    assert names(search_services("schulden"))[0] == "Schuldhulpverlening"


def test_bench_search_for_rent_finds_the_rent_arrears_services(demo_kaart):
    assert set(names(search_services("huur"))[:2]) == {"Huurachterstand oplossen", "Vroegsignalering huurachterstand"}


def test_bench_search_for_parenting_finds_parenting_support(demo_kaart):
    assert names(search_services("opvoeden ouders"))[0] == "Opvoedondersteuning"


def test_bench_filter_on_finances_lists_the_money_services(demo_kaart):
    found = names(search_services(domain="financien"))
    assert {"Schuldhulpverlening", "Budgetcoaching", "Bijstand aanvragen", "Thuisadministratie"} <= set(found)
    assert "Wijkagent" not in found


@on_postgres
@pytest.mark.postgres_only
def test_bench_search_with_a_typo_still_puts_debt_help_first(demo_kaart):
    assert names(search_services("schuldhlp"))[0] == "Schuldhulpverlening"
