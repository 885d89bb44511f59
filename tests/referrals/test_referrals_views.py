# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Referrals through the pages: refer from a plan action, the receiver's inbox, accept / decline / complete,
who may see a referral, the household timeline, and the link to the figures (test_referrals_figures.py)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.messages import constants as message_levels
from django.test import Client
from django.utils import timezone, translation

from eenplan.accounts.models import Role
from eenplan.referrals import services
from eenplan.referrals.models import Referral, ReferralEvent, ReferralState
from eenplan.referrals.states import Side
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

S = ReferralState
SUMMARY = "Schulden bij drie schuldeisers, huurachterstand van twee maanden."


@pytest.fixture
def regisseur_action(regisseur_plan):
    return regisseur_plan.actions.get()


@pytest.fixture
def sent_with_summary(household, regisseur_plan, service, consent, professional) -> Referral:
    return services.send(story.draft_referral(household, service, professional, summary=SUMMARY), professional)


def refer_url(household, regisseur_action) -> str:
    return f"/huishoudens/{household.pk}/plan/acties/{regisseur_action.pk}/verwijzen/"


def refer_data(service, *, send: bool = True, categories: tuple[str, ...] = ("financien",)) -> dict[str, object]:
    return {
        "service": service.pk,
        "summary": SUMMARY,
        "categories": [story.category(code).pk for code in categories],
        "verzenden": "1" if send else "0",
    }


def detail(referral) -> str:
    return f"/verwijzingen/{referral.pk}/"


def move_url(referral) -> str:
    return f"/verwijzingen/{referral.pk}/status/"


def messages_of(response) -> list[tuple[int, str]]:
    return [(m.level, str(m)) for m in response.context["messages"]]


def state_of(referral) -> str:
    return Referral.objects.values_list("state", flat=True).get(pk=referral.pk)


# --- referring from a plan action ----------------------------------------------------------------------------


def test_the_refer_page_offers_services_for_the_life_domain_of_the_goal(
    verified_client, household, regisseur_action, service
):
    other = story.service_of(service.organisation, "Woonbegeleiding", domains=("huisvesting",))
    response = verified_client.get(refer_url(household, regisseur_action))
    assert response.status_code == 200
    assert service.name in response.content.decode()
    assert other.name not in response.content.decode()


def test_referring_without_consent_answers_400_names_the_missing_consent_and_saves_nothing(
    verified_client, household, regisseur_action, service
):
    response = verified_client.post(refer_url(household, regisseur_action), refer_data(service))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Schuldhulp Samen" in page
    with translation.override("nl"):
        assert str(story.category("financien")) in page  # "Financiën"
    assert not Referral.objects.exists()
    assert not ReferralEvent.objects.exists()


def test_referring_with_consent_sends_and_redirects_to_the_referral(
    verified_client, household, regisseur_action, service, consent, professional
):
    response = verified_client.post(refer_url(household, regisseur_action), refer_data(service))
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(referral)
    assert referral.state == S.VERZONDEN
    assert referral.action == regisseur_action and referral.from_user == professional
    assert referral.to_organisation == service.organisation
    assert set(referral.shared_categories.values_list("code", flat=True)) == {"basis", "financien"}
    assert referral.response_deadline == referral.sent_at + datetime.timedelta(days=5)


def test_saving_as_draft_keeps_it_in_concept_and_needs_no_consent_yet(
    verified_client, household, regisseur_action, service
):
    response = verified_client.post(refer_url(household, regisseur_action), refer_data(service, send=False))
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(referral)
    assert referral.state == S.CONCEPT
    assert referral.sent_at is None and referral.response_deadline is None


def test_referring_without_a_service_or_summary_is_a_clear_400(
    verified_client, household, regisseur_action, service, consent
):
    response = verified_client.post(refer_url(household, regisseur_action), {"summary": "", "verzenden": "1"})
    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_a_partner_cannot_refer_from_the_households_plan(
    household, regisseur_action, service, consent, receiver_client
):
    response = receiver_client.post(refer_url(household, regisseur_action), refer_data(service))
    assert response.status_code == 403
    assert not Referral.objects.exists()


def test_the_status_form_cannot_send_a_draft_without_consent(verified_client, household, regisseur_action, service):
    """The referral page offers a draft's referrer the move to "verzonden" (next_moves). Posting it must go through
    the same consent check as the refer page, not around it."""
    verified_client.post(refer_url(household, regisseur_action), refer_data(service, send=False))
    referral = Referral.objects.get()
    response = verified_client.post(move_url(referral), {"side": "referrer", "to_state": S.VERZONDEN, "text": ""})
    assert response.status_code == 302
    assert state_of(referral) == S.CONCEPT, "the draft went to Schuldhulp Samen without the resident's consent"


def test_an_unknown_state_in_the_status_form_is_refused_without_a_500(sent_with_summary, receiver_client):
    receiver_client.raise_request_exception = False
    receiver_client.get(detail(sent_with_summary))
    response = receiver_client.post(
        move_url(sent_with_summary), {"side": "receiver", "to_state": "bestaat-niet", "text": ""}
    )
    assert response.status_code in (302, 400)
    assert state_of(sent_with_summary) == S.ONTVANGEN


# --- the receiving organisation: inbox, opening, accept / decline / complete ---------------------------------


def test_the_inbox_lists_referrals_sent_to_the_organisation(
    sent_with_summary, household, receiver_client, verified_client
):
    draft = story.draft_referral(household, sent_with_summary.service, sent_with_summary.from_user)
    response = receiver_client.get("/verwijzingen/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="{detail(sent_with_summary)}"' in page
    assert f'href="{detail(draft)}"' not in page, "a draft is not in the receiver's inbox"


def test_the_inbox_marks_an_overdue_referral(sent_with_summary, receiver_client):
    Referral.objects.filter(pk=sent_with_summary.pk).update(
        response_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    page = receiver_client.get("/verwijzingen/").content.decode()
    assert "ep-row-warning" in page


def test_opening_the_referral_marks_it_received(sent_with_summary, receiver, receiver_client):
    response = receiver_client.get(detail(sent_with_summary))
    assert response.status_code == 200
    assert state_of(sent_with_summary) == S.ONTVANGEN
    event = ReferralEvent.objects.get(referral=sent_with_summary, to_state=S.ONTVANGEN)
    assert (event.from_state, event.by) == (S.VERZONDEN, receiver)
    assert SUMMARY in response.content.decode()
    receiver_client.get(detail(sent_with_summary))
    assert ReferralEvent.objects.filter(referral=sent_with_summary, to_state=S.ONTVANGEN).count() == 1


def test_the_referrer_opening_it_does_not_mark_it_received(sent_with_summary, verified_client):
    assert verified_client.get(detail(sent_with_summary)).status_code == 200
    assert state_of(sent_with_summary) == S.VERZONDEN


def test_the_receiver_accepts(sent_with_summary, receiver, receiver_client, household, schuldhulp):
    receiver_client.get(detail(sent_with_summary))
    response = receiver_client.post(
        move_url(sent_with_summary), {"side": "receiver", "to_state": S.GEACCEPTEERD, "text": ""}
    )
    assert response.status_code == 302 and response["Location"] == detail(sent_with_summary)
    assert state_of(sent_with_summary) == S.GEACCEPTEERD
    assert household.care_team.filter(organisation=schuldhulp, user=receiver).exists()


def test_declining_without_a_reason_stays_and_says_so(sent_with_summary, receiver_client):
    receiver_client.get(detail(sent_with_summary))
    response = receiver_client.post(
        move_url(sent_with_summary), {"side": "receiver", "to_state": S.AFGEWEZEN, "text": "  "}, follow=True
    )
    assert response.status_code == 200
    assert state_of(sent_with_summary) == S.ONTVANGEN
    levels = [level for level, _text in messages_of(response)]
    assert message_levels.ERROR in levels


def test_declining_with_a_reason(sent_with_summary, receiver_client, verified_client):
    receiver_client.get(detail(sent_with_summary))
    receiver_client.post(
        move_url(sent_with_summary), {"side": "receiver", "to_state": S.AFGEWEZEN, "text": "Wachtlijst vol"}
    )
    assert state_of(sent_with_summary) == S.AFGEWEZEN
    assert "Wachtlijst vol" in verified_client.get(detail(sent_with_summary)).content.decode()


def test_a_long_reason_of_the_form_s_full_length_is_kept_whole(sent_with_summary, receiver_client):
    """The form allows 2,000 characters; the database must hold them (PostgreSQL refuses what does not fit)."""
    reason = "Wachtlijst vol. " * 125
    receiver_client.get(detail(sent_with_summary))
    receiver_client.post(move_url(sent_with_summary), {"side": "receiver", "to_state": S.AFGEWEZEN, "text": reason})
    sent_with_summary.refresh_from_db()
    assert sent_with_summary.state == S.AFGEWEZEN and sent_with_summary.reason == reason.strip()


def test_a_reason_longer_than_the_form_allows_gets_a_dutch_message_and_changes_nothing(
    sent_with_summary, receiver_client
):
    receiver_client.get(detail(sent_with_summary))
    response = receiver_client.post(
        move_url(sent_with_summary), {"side": "receiver", "to_state": S.AFGEWEZEN, "text": "x" * 2001}, follow=True
    )
    assert response.status_code == 200
    assert state_of(sent_with_summary) == S.ONTVANGEN
    assert [text for level, text in messages_of(response) if level == message_levels.ERROR] == [
        "Houd de reden of de uitkomst bij ten hoogste 2000 tekens."
    ]


def test_completing_with_an_outcome_reaches_the_referrer(sent_with_summary, receiver_client, verified_client):
    receiver_client.get(detail(sent_with_summary))
    for to_state in (S.GEACCEPTEERD, S.IN_BEHANDELING):
        receiver_client.post(move_url(sent_with_summary), {"side": "receiver", "to_state": to_state, "text": ""})
    outcome = "Schuldregeling getroffen; budgetcoach tot juni"
    receiver_client.post(move_url(sent_with_summary), {"side": "receiver", "to_state": S.AFGEROND, "text": outcome})
    assert state_of(sent_with_summary) == S.AFGEROND
    page = verified_client.get(detail(sent_with_summary)).content.decode()
    assert outcome in page


def test_completing_without_an_outcome_is_refused(sent_with_summary, receiver, receiver_client):
    for to_state in (S.ONTVANGEN, S.GEACCEPTEERD, S.IN_BEHANDELING):
        services.move(Referral.objects.get(pk=sent_with_summary.pk), to_state, receiver, Side.RECEIVER)
    response = receiver_client.post(
        move_url(sent_with_summary), {"side": "receiver", "to_state": S.AFGEROND, "text": ""}, follow=True
    )
    assert state_of(sent_with_summary) == S.IN_BEHANDELING
    assert message_levels.ERROR in [level for level, _text in messages_of(response)]


def test_the_receiver_cannot_act_as_the_referrer(sent_with_summary, receiver_client):
    receiver_client.get(detail(sent_with_summary))
    response = receiver_client.post(
        move_url(sent_with_summary), {"side": "referrer", "to_state": S.INGETROKKEN, "text": "Niet nodig"}
    )
    assert response.status_code == 403
    assert state_of(sent_with_summary) == S.ONTVANGEN


def test_the_referrer_cannot_accept_for_the_receiver(sent_with_summary, receiver_client, verified_client):
    receiver_client.get(detail(sent_with_summary))
    response = verified_client.post(
        move_url(sent_with_summary), {"side": "receiver", "to_state": S.GEACCEPTEERD, "text": ""}
    )
    assert response.status_code == 403
    assert state_of(sent_with_summary) == S.ONTVANGEN


def test_the_referrer_withdraws_with_a_reason(sent_with_summary, verified_client):
    verified_client.post(
        move_url(sent_with_summary), {"side": "referrer", "to_state": S.INGETROKKEN, "text": "Zelf hulp gevonden"}
    )
    assert state_of(sent_with_summary) == S.INGETROKKEN


def test_the_status_page_only_takes_a_post(sent_with_summary, receiver_client):
    assert receiver_client.get(move_url(sent_with_summary)).status_code == 405


# --- who may see a referral ----------------------------------------------------------------------------------


def test_a_user_of_another_organisation_gets_403(sent_with_summary):
    stranger = story.member_of(factories.OrganisationFactory(name="Woonstichting", type="woningcorporatie"), "partner")
    client = login_verified(Client(), stranger)
    assert client.get(detail(sent_with_summary)).status_code == 403
    assert client.post(move_url(sent_with_summary), {"side": "receiver", "to_state": S.GEACCEPTEERD}).status_code == 403
    assert state_of(sent_with_summary) == S.VERZONDEN


def test_an_organisation_with_its_own_consent_still_does_not_see_another_organisations_referral(
    sent_with_summary, household, regisseur
):
    ggz = factories.OrganisationFactory(name="GGZ Centraal", type="ggz")
    story.grant_consent(household, ggz, ["gezondheid"], recorded_by=regisseur)
    client = login_verified(Client(), story.member_of(ggz, Role.PARTNER_PROFESSIONAL))
    assert client.get(detail(sent_with_summary)).status_code == 403
    assert f'href="{detail(sent_with_summary)}"' not in client.get("/verwijzingen/").content.decode()


def test_the_receiver_cannot_read_a_draft_that_was_never_sent(
    household, regisseur_plan, service, consent, professional, receiver_client
):
    draft = story.draft_referral(household, service, professional, summary="Nog niet af: eerst met Anna overleggen")
    response = receiver_client.get(detail(draft))
    assert response.status_code in (403, 404)
    assert "Nog niet af" not in response.content.decode()
    assert state_of(draft) == S.CONCEPT


def test_after_the_consent_is_withdrawn_the_receiver_gets_403(sent_with_summary, consent, regisseur, receiver_client):
    assert receiver_client.get(detail(sent_with_summary)).status_code == 200
    story.withdraw(consent, regisseur)
    assert receiver_client.get(detail(sent_with_summary)).status_code == 403
    assert f'href="{detail(sent_with_summary)}"' not in receiver_client.get("/verwijzingen/").content.decode()
    response = receiver_client.post(
        move_url(sent_with_summary), {"side": "receiver", "to_state": S.GEACCEPTEERD, "text": ""}
    )
    assert response.status_code == 403
    assert state_of(sent_with_summary) == S.ONTVANGEN


def test_a_volunteer_has_no_inbox():
    client = login_verified(Client(), story.volunteer())
    assert client.get("/verwijzingen/").status_code == 403


# --- the household timeline ----------------------------------------------------------------------------------


def test_the_household_timeline_shows_the_referral_events(sent_with_summary, receiver, verified_client, household):
    referral = services.move(sent_with_summary, S.ONTVANGEN, receiver, Side.RECEIVER)
    services.move(referral, S.GEACCEPTEERD, receiver, Side.RECEIVER)
    response = verified_client.get(f"/huishoudens/{household.pk}/tijdlijn/")
    assert response.status_code == 200
    entries = [e for e in response.context["page"].object_list if e.kind == "referral"]
    assert len(entries) == 4  # concept, verzonden, ontvangen, geaccepteerd
    page = response.content.decode()
    with translation.override("nl"):
        for state in (S.VERZONDEN, S.ONTVANGEN, S.GEACCEPTEERD):
            assert str(state.label) in page
    assert page.count("Schuldhulpverlening") >= 4
    assert receiver.full_name in page


def test_referral_events_on_the_timeline_are_not_labelled_as_action_changes(
    sent_with_summary, verified_client, household
):
    """plans/timeline.html knows the kinds note, plan, goal and action; a referral entry falls into the last
    branch and reads "Actie gewijzigd: Verwijzing naar …"."""
    page = verified_client.get(f"/huishoudens/{household.pk}/tijdlijn/").content.decode()
    items = re.findall(r'<li class="ep-timeline__item ep-timeline__item--referral">(.*?)</li>', page, re.S)
    assert len(items) == 2
    with translation.override("nl"):
        action_word = translation.gettext("Action")  # "Actie"
        changed_word = translation.gettext("changed")  # "gewijzigd"
    for item in items:
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item))
        assert f"{action_word} {changed_word}" not in text, text


def test_a_partner_does_not_see_another_organisations_referrals_on_the_timeline(
    sent_with_summary, receiver, household, regisseur
):
    """The household's referral list shows a partner only the referrals to its own organisation
    (views.household_referrals); the timeline must not show the others either, with their reasons and outcomes."""
    referral = services.move(sent_with_summary, S.ONTVANGEN, receiver, Side.RECEIVER)
    services.move(referral, S.AFGEWEZEN, receiver, Side.RECEIVER, "Eerst budgetbeheer via de bank nodig")
    woonstichting = factories.OrganisationFactory(name="Woonstichting Thuis", type="woningcorporatie")
    story.grant_consent(household, woonstichting, ["wonen"], recorded_by=regisseur)
    client = login_verified(Client(), story.member_of(woonstichting, Role.PARTNER_PROFESSIONAL))
    response = client.get(f"/huishoudens/{household.pk}/tijdlijn/")
    assert response.status_code == 200
    assert [e for e in response.context["page"].object_list if e.kind == "referral"] == []
    assert "Eerst budgetbeheer via de bank nodig" not in response.content.decode()
    assert "Schuldhulpverlening" not in response.content.decode()


# --- figures (the figures themselves: test_referrals_figures.py) -----------------------------------------------


def test_the_inbox_links_to_the_figures(sent_with_summary, receiver_client):
    assert 'href="/verwijzingen/cijfers/"' in receiver_client.get("/verwijzingen/").content.decode()
