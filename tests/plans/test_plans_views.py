# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Making a plan through the pages, as a professional does: start it, write goals in the resident's own words,
add actions for different owners, record the resident's agreement and print it. Bad input answers 400 with a
message and saves nothing (DESIGN.md §5.7)."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from eenplan.access.models import AccessLogEntry
from eenplan.plans import services
from eenplan.plans.models import Action, CareTeamMember, Goal, JournalNote, NetworkMember, Plan
from tests import access_helpers as story

pytestmark = pytest.mark.django_db

MONEY_WORDS = "Ik wil weer rustig slapen zonder zorgen over geld"
HOME_WORDS = "Ik wil een huis zonder schimmel voor de kinderen"


def url(household, tail: str = "") -> str:
    return f"/huishoudens/{household.pk}/{tail}"


def in_days(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def goal_data(domain: str, words: str, **extra: object) -> dict[str, object]:
    return {"domain": domain, "resident_words": words, "professional_view": "", "category": "", **extra}


def action_data(description: str, kind: str, **extra: object) -> dict[str, object]:
    return {
        "description": description,
        "owner_kind": kind,
        "due_date": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
        "status": "open",
        "category": "",
        "cost": "",
        "funding": "",
        **extra,
    }


@pytest.fixture
def client_(verified_client):
    return verified_client


@pytest.fixture
def started(client_, household, professional) -> Plan:
    response = client_.post(url(household, "plan/starten/"), {"regisseur": professional.pk})
    assert response.status_code == 302
    return Plan.objects.get(household=household, is_active=True)


@pytest.fixture
def made_plan(client_, household, professional, started, helper) -> Plan:
    """Two goals in two life domains and actions for a professional, the resident and a volunteer."""
    for domain, words in (("financien", MONEY_WORDS), ("huisvesting", HOME_WORDS)):
        assert client_.post(url(household, "plan/doelen/nieuw/"), goal_data(domain, words)).status_code == 302
    money = started.goals.get(domain="financien")
    home = started.goals.get(domain="huisvesting")
    anna = household.residents.get()
    steps = [
        action_data("Aanmelden bij schuldhulp", "professional", goal=money.pk, owner_user=professional.pk),
        action_data("Post openmaken en sorteren", "resident", goal=money.pk, owner_resident=anna.pk),
        action_data(
            "Samen naar de woningcorporatie",
            "volunteer",
            goal=home.pk,
            owner_user=helper.pk,
            cost="125,50",
            funding="wijkbudget",
        ),
    ]
    for data in steps:
        assert client_.post(url(household, "plan/acties/nieuw/"), data).status_code == 302
    return started


@pytest.fixture
def agreed(client_, household, made_plan) -> Plan:
    data = {"agreed_on": timezone.localdate().isoformat(), "method": "in_persoon", "evaluation_date": in_days(90)}
    assert client_.post(url(household, "plan/vaststellen/"), data).status_code == 302
    made_plan.refresh_from_db()
    return made_plan


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


# The story, step by step


def test_a_professional_starts_the_plan_and_becomes_regisseur(started, household, professional):
    household.refresh_from_db()
    assert started.status == "concept" and household.regisseur == professional


def test_the_plan_page_offers_to_start_a_plan_when_there_is_none(client_, household):
    response = client_.get(url(household, "plan/"))
    assert response.status_code == 200
    assert response.context["plan"] is None and response.context["start_form"] is not None


def test_goals_are_stored_in_the_residents_words_with_the_category_of_their_domain(made_plan):
    goals = {g.domain: (g.resident_words, g.category.code) for g in made_plan.goals.select_related("category")}
    assert goals == {"financien": (MONEY_WORDS, "financien"), "huisvesting": (HOME_WORDS, "wonen")}


def test_actions_are_stored_for_a_professional_the_resident_and_a_volunteer(made_plan, professional, helper, household):
    owners = {a.owner_kind: a.owner_user or a.owner_resident for a in made_plan.actions.all()}
    assert owners == {"professional": professional, "resident": household.residents.get(), "volunteer": helper}


def test_an_action_takes_the_category_of_its_goal(made_plan):
    action = made_plan.actions.get(owner_kind="volunteer")
    assert action.category.code == "wonen"


def test_a_cost_typed_the_dutch_way_is_stored_with_its_funding(made_plan):
    action = made_plan.actions.get(owner_kind="volunteer")
    assert (action.cost, action.funding) == (Decimal("125.50"), "wijkbudget")


def test_the_plan_page_shows_goals_and_actions(client_, household, made_plan):
    page = client_.get(url(household, "plan/")).content.decode()
    for text in (MONEY_WORDS, HOME_WORDS, "Aanmelden bij schuldhulp", "Post openmaken", "Sanne Vrijwilliger"):
        assert text in page


def test_recording_the_agreement_makes_the_plan_agreed(agreed):
    assert agreed.status == "vastgesteld"
    assert (agreed.agreed_on, agreed.agreement_method) == (timezone.localdate(), "in_persoon")


def test_the_printed_plan_is_a_pdf(client_, household, agreed):
    response = client_.get(url(household, "plan/pdf/"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_printed_plan_holds_the_goals_in_the_residents_words(client_, household, agreed):
    text = pdf_text(client_.get(url(household, "plan/pdf/")))
    assert MONEY_WORDS in text and HOME_WORDS in text
    assert "Aanmelden bij schuldhulp" in text


def test_the_printed_plan_is_dutch_also_for_a_professional_who_works_in_english(client_, household, agreed):
    from django.conf import settings

    client_.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Who does what" in client_.get(url(household, "plan/")).content.decode()  # the screen is English
    text = pdf_text(client_.get(url(household, "plan/pdf/")))
    assert "Ons plan" in text and "Our plan" not in text


def test_printing_is_logged_as_a_print(client_, household, agreed, professional):
    client_.get(url(household, "plan/pdf/"))
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert (entry.action, entry.object_type, entry.household_id, entry.user_id) == (
        "print",
        "plan",
        household.pk,
        professional.pk,
    )


def test_printing_writes_exactly_one_log_entry(client_, household, agreed):
    before = AccessLogEntry.objects.count()
    client_.get(url(household, "plan/pdf/"))
    assert AccessLogEntry.objects.count() == before + 1


def test_an_agreement_without_goals_is_refused_with_a_message(client_, household, started):
    data = {"agreed_on": timezone.localdate().isoformat(), "method": "in_persoon", "evaluation_date": in_days(90)}
    response = client_.post(url(household, "plan/vaststellen/"), data)
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    started.refresh_from_db()
    assert started.status == "concept"


def test_an_agreement_in_the_future_is_refused(client_, household, made_plan):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = {"agreed_on": tomorrow, "method": "papier", "evaluation_date": in_days(90)}
    response = client_.post(url(household, "plan/vaststellen/"), data)
    assert response.status_code == 400
    made_plan.refresh_from_db()
    assert made_plan.status == "concept"


def test_agreeing_sets_the_date_of_the_evaluation(client_, household, agreed):
    assert agreed.evaluation_date == timezone.localdate() + datetime.timedelta(days=90)


def test_an_agreement_without_an_evaluation_date_is_refused_and_says_so(client_, household, made_plan):
    data = {"agreed_on": timezone.localdate().isoformat(), "method": "papier", "evaluation_date": ""}
    response = client_.post(url(household, "plan/vaststellen/"), data)
    assert response.status_code == 400
    assert "evaluation_date" in response.context["form"].errors
    made_plan.refresh_from_db()
    assert (made_plan.status, made_plan.evaluation_date) == ("concept", None)


def test_an_evaluation_before_the_agreement_is_refused(client_, household, made_plan):
    data = {"agreed_on": timezone.localdate().isoformat(), "method": "papier", "evaluation_date": in_days(-1)}
    response = client_.post(url(household, "plan/vaststellen/"), data)
    assert response.status_code == 400
    assert "evaluation_date" in response.context["form"].errors
    made_plan.refresh_from_db()
    assert made_plan.status == "concept"


def test_the_plan_form_refuses_an_evaluation_date_before_the_agreement(client_, household, agreed):
    data = {"summary": "", "own_strength": "", "evaluation_date": in_days(-3), "version": agreed.version}
    response = client_.post(url(household, "plan/wijzigen/"), data)
    assert response.status_code == 400
    agreed.refresh_from_db()
    assert agreed.evaluation_date == timezone.localdate() + datetime.timedelta(days=90)


def test_an_agreed_plan_is_evaluated_and_a_new_version_started_through_the_pages(client_, household, agreed):
    finish = {"status": "geevalueerd", "evaluation": "Geld loopt, wonen nog niet"}
    assert client_.post(url(household, "plan/evalueren/"), finish).status_code == 302
    assert client_.post(url(household, f"plan/{agreed.pk}/heropenen/")).status_code == 302
    new = Plan.objects.get(household=household, is_active=True)
    assert new.number == 2 and new.goals.count() == 2


def test_the_regisseur_role_is_handed_over_with_a_note_through_the_page(
    client_, household, started, professional, colleague
):
    data = {"to_user": colleague.pk, "note": "Anna belt liefst 's ochtends"}
    assert client_.post(url(household, "regisseur/"), data).status_code == 302
    household.refresh_from_db()
    assert household.regisseur == colleague


def test_a_handover_without_a_note_is_refused(client_, household, started, professional, colleague):
    response = client_.post(url(household, "regisseur/"), {"to_user": colleague.pk, "note": "  "})
    assert response.status_code == 400 and "note" in response.context["form"].errors
    household.refresh_from_db()
    assert household.regisseur == professional


def test_own_strength_and_the_evaluation_date_are_written_on_the_plan_and_printed(client_, household, made_plan):
    data = {
        "summary": "Rust in de financien, daarna wonen",
        "own_strength": "Zus Petra gaat mee naar afspraken",
        "evaluation_date": (timezone.localdate() + datetime.timedelta(days=90)).isoformat(),
        "version": made_plan.version,
    }
    assert client_.post(url(household, "plan/wijzigen/"), data).status_code == 302
    assert "Zus Petra gaat mee naar afspraken" in client_.get(url(household, "plan/")).content.decode()
    assert "Zus Petra gaat mee naar afspraken" in pdf_text(client_.get(url(household, "plan/pdf/")))


def test_a_journal_note_is_added_to_the_timeline(client_, household):
    data = {
        "happened_on": timezone.localdate().isoformat(),
        "category": story.category("basis").pk,
        "text": "Huisbezoek",
    }
    assert client_.post(url(household, "tijdlijn/notitie/"), data).status_code == 302
    assert "Huisbezoek" in client_.get(url(household, "tijdlijn/")).content.decode()


def test_care_team_and_network_members_appear_on_the_plan_page(client_, household, started, professional, team):
    care = {"organisation": team.organisation.pk, "user": professional.pk, "role": "Schuldhulpmaatje", "task": ""}
    care["since"] = timezone.localdate().isoformat()
    assert client_.post(url(household, "betrokkenen/nieuw/"), care).status_code == 302
    network = {"name": "Petra", "relation": "zus", "phone": "", "email": "", "contribution": "Gaat mee naar afspraken"}
    assert client_.post(url(household, "netwerk/nieuw/"), network).status_code == 302
    page = client_.get(url(household, "plan/")).content.decode()
    assert "Schuldhulpmaatje" in page and "Gaat mee naar afspraken" in page


def care_data(member: CareTeamMember, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "organisation": member.organisation_id,
        "user": member.user_id or "",
        "role": member.role,
        "task": member.task,
        "since": member.since.isoformat(),
        "until": member.until.isoformat() if member.until else "",
        "version": member.version,
    }
    return {**data, **changes}


@pytest.fixture
def member(household, professional, team) -> CareTeamMember:
    return CareTeamMember.objects.create(
        household=household, user=professional, organisation=team.organisation, role="Schuldhulpmaatje"
    )


def test_the_household_page_shows_what_each_care_team_member_does(client_, household, member):
    member.task = "Belt elke week over de post"
    member.save()
    page = client_.get(url(household)).content.decode()
    assert "Schuldhulpmaatje: Belt elke week over de post" in page


def test_ending_a_care_team_part_later_keeps_the_member_until_that_day(client_, household, member):
    until = timezone.localdate() + datetime.timedelta(days=14)
    edit = url(household, f"betrokkenen/{member.pk}/")
    assert client_.post(edit, care_data(member, until=until.isoformat())).status_code == 302
    member.refresh_from_db()
    assert member.until == until
    assert "Schuldhulpmaatje" in client_.get(url(household)).content.decode()


def test_a_care_team_part_that_has_ended_is_no_longer_on_the_household_page(client_, household, member):
    member.since = timezone.localdate() - datetime.timedelta(days=30)
    member.save()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    edit = url(household, f"betrokkenen/{member.pk}/")
    assert client_.post(edit, care_data(member, until=yesterday.isoformat())).status_code == 302
    assert "Schuldhulpmaatje" not in client_.get(url(household)).content.decode()


def test_two_edits_of_a_care_team_member_conflict_and_the_second_keeps_its_text(client_, household, member):
    edit = url(household, f"betrokkenen/{member.pk}/")
    opened = care_data(member)
    assert client_.post(edit, {**opened, "task": "Eerste versie"}).status_code == 302
    response = client_.post(edit, {**opened, "task": "Tweede versie"})
    assert response.status_code == 409
    assert response.context["form"]["task"].value() == "Tweede versie"
    member.refresh_from_db()
    assert member.task == "Eerste versie"


def test_a_network_member_can_be_changed(client_, household, started):
    petra = NetworkMember.objects.create(household=household, name="Petra", relation="zus")
    data = {"name": "Petra", "relation": "zus", "phone": "06 12345678", "email": "", "contribution": "Kookt op dinsdag"}
    response = client_.post(url(household, f"netwerk/{petra.pk}/"), {**data, "version": petra.version})
    assert response.status_code == 302
    petra.refresh_from_db()
    assert (petra.contribution, petra.version) == ("Kookt op dinsdag", 2)


def test_a_care_team_member_of_another_household_is_not_found(client_, household, other_team_household, team):
    theirs = CareTeamMember.objects.create(household=other_team_household, organisation=team.organisation, role="X")
    assert client_.get(url(household, f"betrokkenen/{theirs.pk}/")).status_code == 404


# Bad input: 400, a message, nothing saved


def test_a_goal_without_the_residents_words_is_refused(client_, household, started):
    response = client_.post(url(household, "plan/doelen/nieuw/"), goal_data("financien", ""))
    assert response.status_code == 400
    assert "resident_words" in response.context["form"].errors
    assert Goal.objects.count() == 0


def test_a_goal_with_only_spaces_is_refused(client_, household, started):
    response = client_.post(url(household, "plan/doelen/nieuw/"), goal_data("financien", "    "))
    assert response.status_code == 400
    assert Goal.objects.count() == 0


def test_an_action_for_the_resident_without_choosing_the_resident_is_refused(client_, household, started):
    response = client_.post(url(household, "plan/acties/nieuw/"), action_data("Post openmaken", "resident"))
    assert response.status_code == 400
    assert "owner_resident" in response.context["form"].errors
    assert Action.objects.count() == 0


def test_an_action_for_a_volunteer_who_is_a_professional_is_refused(client_, household, started, colleague):
    data = action_data("Boodschappen doen", "volunteer", owner_user=colleague.pk)
    response = client_.post(url(household, "plan/acties/nieuw/"), data)
    assert response.status_code == 400
    assert "owner_user" in response.context["form"].errors
    assert Action.objects.count() == 0


def test_an_action_with_a_negative_cost_is_refused(client_, household, started, professional):
    data = action_data("Kleding kopen", "professional", owner_user=professional.pk, cost="-5")
    response = client_.post(url(household, "plan/acties/nieuw/"), data)
    assert response.status_code == 400
    assert Action.objects.count() == 0


def test_a_negative_cost_is_explained_at_the_cost_field(client_, household, started, professional):
    """The message must say what to fix in plain words, beside the field, not name a database constraint."""
    data = action_data("Kleding kopen", "professional", owner_user=professional.pk, cost="-5")
    form = client_.post(url(household, "plan/acties/nieuw/"), data).context["form"]
    assert "cost" in form.errors
    assert not any("action_cost_not_negative" in message for message in form.non_field_errors())


def test_a_funding_without_a_cost_is_refused_at_the_cost_field(client_, household, started, professional):
    data = action_data("Kleding kopen", "professional", owner_user=professional.pk, funding="wijkbudget")
    response = client_.post(url(household, "plan/acties/nieuw/"), data)
    assert response.status_code == 400
    assert "cost" in response.context["form"].errors
    assert Action.objects.count() == 0


def test_a_journal_note_dated_in_the_future_is_refused(client_, household):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    data = {"happened_on": tomorrow, "category": story.category("basis").pk, "text": "Afspraak volgende week"}
    response = client_.post(url(household, "tijdlijn/notitie/"), data)
    assert response.status_code == 400
    assert "happened_on" in response.context["form"].errors
    assert JournalNote.objects.count() == 0


def test_bad_input_messages_are_shown_on_the_page(client_, household, started):
    response = client_.post(url(household, "plan/doelen/nieuw/"), goal_data("financien", ""))
    message = response.context["form"].errors["resident_words"][0]
    assert message in response.content.decode()


def test_starting_a_second_plan_through_the_page_changes_nothing(client_, household, started, professional):
    response = client_.post(url(household, "plan/starten/"), {"regisseur": professional.pk})
    assert response.status_code == 302
    assert Plan.objects.filter(household=household).count() == 1


def test_a_regisseur_from_outside_the_team_cannot_be_chosen_on_the_page(client_, household, other_team_household):
    outsider = story.factories.wijkteam_member(team=other_team_household.owning_team)
    response = client_.post(url(household, "plan/starten/"), {"regisseur": outsider.pk})
    assert response.status_code == 400
    assert not Plan.objects.filter(household=household).exists()


def test_goals_of_a_finished_plan_cannot_be_changed(client_, household, agreed):
    goal = agreed.goals.first()
    services.finish(agreed, status="afgesloten", evaluation="Klaar")
    response = client_.post(url(household, f"plan/doelen/{goal.pk}/"), goal_data("financien", "Anders", version=1))
    assert response.status_code == 404
    goal.refresh_from_db()
    assert goal.resident_words == MONEY_WORDS
