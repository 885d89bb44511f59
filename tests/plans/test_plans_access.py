# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Who sees which part of the plan, through the one access door (DESIGN.md §2, §5.2):
a partner only the consented categories; a volunteer only their own actions and a first name to call;
the regisseur everything on the household, also from outside the owning team."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from eenplan.access.models import AccessLogEntry
from eenplan.accounts.models import Role
from eenplan.plans import services
from eenplan.plans.models import Action, JournalNote
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

MONEY_WORDS = "Ik wil rust over geld"
HOME_WORDS = "Ik wil een huis zonder schimmel"


def url(household, tail: str = "") -> str:
    return f"/huishoudens/{household.pk}/{tail}"


# A partner with consent for finances only


@pytest.fixture
def plan_with_a_housing_goal(household, professional):
    """The finances goal and action of the shared helper, and a housing goal with an action of its own."""
    plan_with_a_housing_goal = story.plan_with_goal_and_action(household, professional)
    home = story.add_goal(plan_with_a_housing_goal, "huisvesting", HOME_WORDS)
    story.add_action(
        plan_with_a_housing_goal, "Woningcorporatie bellen over de schimmel", owner=professional, goal=home
    )
    story.add_action(
        plan_with_a_housing_goal, "Urgentie aanvragen", owner=professional, category_code="wonen"
    )  # loose, no goal
    return plan_with_a_housing_goal


@pytest.fixture
def consented_partner_client(partner_with_finances_consent) -> Client:
    return login_verified(Client(), partner_with_finances_consent)


@pytest.fixture
def notes(household, professional):
    for code, text in (("financien", "Aflossingsplan besproken"), ("gezondheid", "Anna slaapt slecht door stress")):
        JournalNote.objects.create(household=household, category=story.category(code), text=text, author=professional)


def test_a_partner_sees_the_goal_in_a_consented_category(consented_partner_client, household, plan_with_a_housing_goal):
    page = consented_partner_client.get(url(household, "plan/")).content.decode()
    assert MONEY_WORDS in page and "Aanmelden bij schuldhulp" in page


def test_a_partner_does_not_see_a_goal_outside_the_consent(
    consented_partner_client, household, plan_with_a_housing_goal
):
    response = consented_partner_client.get(url(household, "plan/"))
    assert [goal.resident_words for goal, _ in response.context["goals"]] == [MONEY_WORDS]
    assert HOME_WORDS not in response.content.decode()


def test_a_partner_does_not_see_actions_outside_the_consent(
    consented_partner_client, household, plan_with_a_housing_goal
):
    page = consented_partner_client.get(url(household, "plan/")).content.decode()
    assert "Woningcorporatie bellen" not in page and "Urgentie aanvragen" not in page


def test_a_partner_reads_the_plan_but_cannot_change_it(consented_partner_client, household, plan_with_a_housing_goal):
    response = consented_partner_client.get(url(household, "plan/"))
    assert response.context["may_change"] is False
    assert url(household, "plan/doelen/nieuw/") not in response.content.decode()
    data = {"domain": "financien", "resident_words": "Partner schrijft mee", "category": ""}
    assert consented_partner_client.post(url(household, "plan/doelen/nieuw/"), data).status_code == 403
    assert plan_with_a_housing_goal.goals.count() == 2


def test_a_partner_sees_a_note_in_a_consented_category_on_the_timeline(
    consented_partner_client, household, plan_with_a_housing_goal, notes
):
    assert "Aflossingsplan besproken" in consented_partner_client.get(url(household, "tijdlijn/")).content.decode()


def test_a_partner_does_not_see_a_note_outside_the_consent_on_the_timeline(
    consented_partner_client, household, plan_with_a_housing_goal, notes
):
    assert "slaapt slecht" not in consented_partner_client.get(url(household, "tijdlijn/")).content.decode()


def test_a_partner_does_not_see_changes_to_a_goal_outside_the_consent_on_the_timeline(
    consented_partner_client, household, plan_with_a_housing_goal
):
    page = consented_partner_client.get(url(household, "tijdlijn/")).content.decode()
    assert MONEY_WORDS in page
    assert HOME_WORDS not in page and "Woningcorporatie" not in page


def test_a_partner_does_not_see_changes_outside_the_consent_in_the_history(
    consented_partner_client, household, plan_with_a_housing_goal
):
    titles = {
        c.title for c in consented_partner_client.get(url(household, "plan/geschiedenis/")).context["page"].object_list
    }
    assert MONEY_WORDS in titles
    assert HOME_WORDS not in titles and "Urgentie aanvragen" not in titles


def test_the_printed_plan_of_a_partner_holds_only_the_consented_goals(
    consented_partner_client, household, plan_with_a_housing_goal
):
    import io

    from pypdf import PdfReader

    response = consented_partner_client.get(url(household, "plan/pdf/"))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())
    assert MONEY_WORDS in text and HOME_WORDS not in text


def test_a_withdrawn_consent_closes_the_plan_on_the_next_request(
    consented_partner_client, household, plan_with_a_housing_goal, professional
):
    consent = household.consents.get()
    assert consented_partner_client.get(url(household, "plan/")).status_code == 200
    story.withdraw(consent, professional)
    assert consented_partner_client.get(url(household, "plan/")).status_code == 403


def test_a_partner_reading_the_plan_is_logged_with_consent_as_the_justification(
    consented_partner_client, household, plan_with_a_housing_goal, partner_with_finances_consent
):
    consented_partner_client.get(url(household, "plan/"))
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert (entry.user_id, entry.object_type, entry.justification) == (
        partner_with_finances_consent.pk,
        "plan",
        "consent",
    )


# A volunteer


@pytest.fixture
def helper_client(helper) -> Client:
    return login_verified(Client(), helper)


@pytest.fixture
def errand(plan_with_a_housing_goal, helper) -> Action:
    return story.add_action(
        plan_with_a_housing_goal,
        "Samen boodschappen doen",
        owner=helper,
        kind="volunteer",
        due_date=timezone.localdate() + datetime.timedelta(days=3),
    )


def test_a_volunteer_sees_their_action_on_the_start_page(helper_client, errand):
    response = helper_client.get("/")
    assert [a.description for a in response.context["action_page"].object_list] == ["Samen boodschappen doen"]


def test_a_volunteer_sees_the_first_name_of_the_first_resident_to_contact(helper_client, household, errand):
    later = factories.ResidentFactory(household=household, first_name="Joep", date_of_birth=datetime.date(2015, 1, 1))
    response = helper_client.get("/")
    [action] = response.context["action_page"].object_list
    assert action.contact.first_name == "Anna"
    assert "Anna" in response.content.decode() and later.first_name not in response.content.decode()


def test_a_volunteer_sees_the_residents_phone_number_to_call(helper_client, household, errand):
    anna = household.residents.get()
    anna.phone = "06 12345678"
    anna.save()
    assert 'href="tel:0612345678"' in helper_client.get("/").content.decode()


def test_a_volunteer_does_not_see_the_address_on_the_start_page(helper_client, household, errand):
    page = helper_client.get("/").content.decode()
    assert household.street not in page and household.postcode not in page


def test_a_volunteer_does_not_see_other_actions_of_the_plan(helper_client, errand):
    page = helper_client.get("/").content.decode()
    assert "Aanmelden bij schuldhulp" not in page and "Woningcorporatie" not in page


def test_a_volunteer_gets_no_link_to_the_household(helper_client, household, errand):
    assert url(household, "plan/") not in helper_client.get("/").content.decode()


def test_a_volunteer_cannot_open_the_household_page(helper_client, household, errand):
    assert helper_client.get(url(household)).status_code == 403


def test_a_volunteer_cannot_open_the_plan_page(helper_client, household, errand):
    assert helper_client.get(url(household, "plan/")).status_code == 403


def test_a_volunteer_cannot_print_the_plan_or_read_the_timeline(helper_client, household, errand):
    assert helper_client.get(url(household, "plan/pdf/")).status_code == 403
    assert helper_client.get(url(household, "tijdlijn/")).status_code == 403


def test_a_volunteer_marks_their_action_done(helper_client, errand):
    response = helper_client.post(f"/mijn-acties/{errand.pk}/status/", {"status": "gedaan"})
    assert response.status_code == 302 and response["Location"] == "/"
    errand.refresh_from_db()
    assert errand.status == "gedaan"


def test_a_done_action_leaves_the_volunteers_list(helper_client, errand):
    helper_client.post(f"/mijn-acties/{errand.pk}/status/", {"status": "gedaan"})
    assert not helper_client.get("/").context["action_page"].object_list


def test_marking_an_action_done_is_logged_as_a_change_by_the_assignee(helper_client, helper, household, errand):
    helper_client.post(f"/mijn-acties/{errand.pk}/status/", {"status": "gedaan"})
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert (entry.user_id, entry.household_id, entry.action, entry.object_id, entry.justification) == (
        helper.pk,
        household.pk,
        "update",
        errand.pk,
        "assigned",
    )


def test_a_volunteer_cannot_cancel_their_action(helper_client, errand):
    helper_client.post(f"/mijn-acties/{errand.pk}/status/", {"status": "vervallen"})
    errand.refresh_from_db()
    assert errand.status == "open"


def test_an_action_of_a_finished_plan_can_no_longer_be_marked_done(helper_client, plan_with_a_housing_goal, errand):
    """A finished plan is frozen: its goals and actions cannot be edited (404), nor through "Mijn acties"."""
    services.agree(plan_with_a_housing_goal, on=timezone.localdate(), method="in_persoon")
    services.finish(plan_with_a_housing_goal, status="afgesloten", evaluation="De hulp stopt")
    helper_client.post(f"/mijn-acties/{errand.pk}/status/", {"status": "gedaan"})
    errand.refresh_from_db()
    assert errand.status == "open"


def test_another_volunteer_cannot_change_the_action(errand):
    stranger = login_verified(Client(), story.volunteer("Kees Anders"))
    assert stranger.post(f"/mijn-acties/{errand.pk}/status/", {"status": "gedaan"}).status_code == 403
    errand.refresh_from_db()
    assert errand.status == "open"


def test_a_volunteer_cannot_change_an_action_of_someone_else_in_the_plan(
    helper_client, plan_with_a_housing_goal, errand
):
    other = plan_with_a_housing_goal.actions.get(description="Aanmelden bij schuldhulp")
    assert helper_client.post(f"/mijn-acties/{other.pk}/status/", {"status": "gedaan"}).status_code == 403
    other.refresh_from_db()
    assert other.status == "open"


# The regisseur from outside the owning team


@pytest.fixture
def other_team_regisseur(other_team_household):
    """A regisseur of another wijkteam team, not a member of the team that owns `household`."""
    return factories.wijkteam_member(team=other_team_household.owning_team, role=Role.REGISSEUR)


@pytest.fixture
def other_team_regisseur_client(other_team_regisseur) -> Client:
    return login_verified(Client(), other_team_regisseur)


@pytest.fixture
def transferred_household(household, professional, other_team_regisseur):
    """`household`, its regisseur role handed over by `professional` to `other_team_regisseur` of another team."""
    story.plan_with_goal_and_action(household, professional)
    services.transfer_regisseur(
        household, to_user=other_team_regisseur, by=professional, note="Anna verhuist naar jullie wijk"
    )
    household.refresh_from_db()
    return household


def test_a_professional_of_another_team_has_no_access_before_becoming_regisseur(other_team_regisseur_client, household):
    assert other_team_regisseur_client.get(url(household)).status_code == 403


def test_the_regisseur_from_another_team_opens_the_household_and_the_plan(
    other_team_regisseur_client, transferred_household
):
    assert other_team_regisseur_client.get(url(transferred_household)).status_code == 200
    response = other_team_regisseur_client.get(url(transferred_household, "plan/"))
    assert response.status_code == 200 and MONEY_WORDS in response.content.decode()


def test_the_regisseur_from_another_team_sees_every_category(other_team_regisseur_client, transferred_household, notes):
    page = other_team_regisseur_client.get(url(transferred_household, "tijdlijn/")).content.decode()
    assert "Aflossingsplan besproken" in page and "slaapt slecht" in page


def test_the_regisseur_from_another_team_may_change_the_plan(other_team_regisseur_client, transferred_household):
    data = {"domain": "huisvesting", "resident_words": HOME_WORDS, "professional_view": "", "category": ""}
    assert other_team_regisseur_client.post(url(transferred_household, "plan/doelen/nieuw/"), data).status_code == 302
    assert services.active_plan(transferred_household).goals.filter(resident_words=HOME_WORDS).exists()


def test_the_regisseur_from_another_team_is_offered_who_looked_at_the_file(
    other_team_regisseur_client, transferred_household
):
    response = other_team_regisseur_client.get(url(transferred_household))
    assert f'href="{url(transferred_household, "inzage/")}"' in response.content.decode()


def test_the_regisseur_from_another_team_reads_who_looked_at_the_file(
    other_team_regisseur_client, transferred_household, other_team_regisseur
):
    other_team_regisseur_client.get(url(transferred_household))
    response = other_team_regisseur_client.get(url(transferred_household, "inzage/"))
    assert response.status_code == 200
    assert other_team_regisseur.full_name in response.content.decode()


def test_the_regisseur_from_another_team_finds_the_household_in_their_list(
    other_team_regisseur_client, transferred_household
):
    response = other_team_regisseur_client.get("/huishoudens/")
    assert transferred_household.pk in [h.pk for h in response.context["page"].object_list]


def test_a_former_regisseur_from_another_team_loses_access_after_the_handover(
    other_team_regisseur_client, transferred_household, other_team_regisseur, professional
):
    services.transfer_regisseur(
        transferred_household, to_user=professional, by=other_team_regisseur, note="Terug naar het eigen team"
    )
    assert other_team_regisseur_client.get(url(transferred_household, "plan/")).status_code == 403


# Mijn acties: the assignee rule (eenplan.access.policy.assigned_rows)


def test_a_partner_finds_an_action_assigned_to_them_under_mijn_acties(
    household, professional, plan_with_a_housing_goal, partner_with_finances_consent
):
    story.add_action(
        plan_with_a_housing_goal,
        "Budgetgesprek plannen",
        owner=partner_with_finances_consent,
        kind="professional",
        category_code="financien",
    )
    html = login_verified(Client(), partner_with_finances_consent).get("/").content.decode()
    assert "Budgetgesprek plannen" in html
    assert "Woningcorporatie bellen over de schimmel" not in html  # assigned to the regisseur, not to them


def test_assigned_rows_gives_nothing_to_someone_without_an_active_membership(plan_with_a_housing_goal, professional):
    from eenplan.access.policy import assigned_rows

    assert assigned_rows(professional, Action.objects.all()).exists()
    today = timezone.localdate()
    professional.memberships.update(since=today - datetime.timedelta(days=30), until=today - datetime.timedelta(days=1))
    professional = type(professional).objects.get(pk=professional.pk)
    assert not assigned_rows(professional, Action.objects.all()).exists()


# Being named on a plan is no consent (DESIGN.md §3): a partner owns an action only under consent for its category


def test_an_action_for_a_partner_without_consent_for_its_category_is_refused_and_saves_nothing(
    verified_client, household, professional, plan_with_a_housing_goal, partner_with_finances_consent
):
    before = Action.objects.count()
    data = {
        "description": "Gesprek over de slaapproblemen",
        "owner_kind": "professional",
        "owner_user": partner_with_finances_consent.pk,
        "due_date": "",
        "status": "open",
        "category": story.category("gezondheid").pk,
        "cost": "",
        "funding": "",
    }
    response = verified_client.post(url(household, "plan/acties/nieuw/"), data)
    assert response.status_code == 400
    assert "geen toestemming" in " ".join(response.context["form"].errors["owner_user"])
    assert Action.objects.count() == before


def test_an_action_for_a_partner_with_consent_for_its_category_is_saved(
    verified_client, household, professional, plan_with_a_housing_goal, partner_with_finances_consent
):
    data = {
        "description": "Budgetgesprek plannen",
        "owner_kind": "professional",
        "owner_user": partner_with_finances_consent.pk,
        "due_date": "",
        "status": "open",
        "category": story.category("financien").pk,
        "cost": "",
        "funding": "",
    }
    assert verified_client.post(url(household, "plan/acties/nieuw/"), data).status_code == 302
    assert Action.objects.filter(description="Budgetgesprek plannen", owner_user=partner_with_finances_consent).exists()


def test_a_partner_does_not_see_an_assigned_action_outside_the_consented_categories(
    plan_with_a_housing_goal, partner_with_finances_consent
):
    story.add_action(
        plan_with_a_housing_goal,
        "Huisarts bellen over de slaap",
        owner=partner_with_finances_consent,
        category_code="gezondheid",
    )
    html = login_verified(Client(), partner_with_finances_consent).get("/").content.decode()
    assert "Huisarts bellen over de slaap" not in html


def test_a_withdrawn_consent_takes_the_assigned_action_off_the_partners_list(
    household, professional, plan_with_a_housing_goal, partner_with_finances_consent
):
    story.add_action(
        plan_with_a_housing_goal,
        "Budgetgesprek plannen",
        owner=partner_with_finances_consent,
        category_code="financien",
    )
    consented_partner_client = login_verified(Client(), partner_with_finances_consent)
    assert "Budgetgesprek plannen" in consented_partner_client.get("/").content.decode()
    story.withdraw(household.consents.get(), by=professional)
    assert "Budgetgesprek plannen" not in consented_partner_client.get("/").content.decode()


def test_a_volunteer_still_sees_an_assigned_action_without_any_consent(plan_with_a_housing_goal):
    helper = story.volunteer()
    story.add_action(
        plan_with_a_housing_goal, "Boodschappen doen met Anna", owner=helper, kind="volunteer", category_code="basis"
    )
    assert "Boodschappen doen met Anna" in login_verified(Client(), helper).get("/").content.decode()
