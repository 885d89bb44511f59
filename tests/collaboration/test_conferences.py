# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Case conferences: consent per participating organisation and category (the one Consent model), decisions that
become plan actions in one step, the follow-up at the next conference, invitations without personal data, attendance,
the timeline and the access log."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from eenplan.access.models import AccessLogEntry, Consent
from eenplan.collaboration import services
from eenplan.collaboration.models import (
    CaseConference,
    ConferenceParticipant,
    ConferenceStatus,
    FollowUp,
    ParticipantKind,
)
from eenplan.plans.models import Action, ActionStatus
from tests import access_helpers as story
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

REASON = "Zorgen over schulden en de gezondheid van moeder"


@pytest.fixture
def conference(household, plan_regisseur, partner):
    conference = story.conference_for(household, plan_regisseur, professionals=(partner,), with_residents=True)
    story.agenda_item(conference, "Betalingsregeling met de verhuurder", "financien")
    story.agenda_item(conference, "Behandeling bij de GGZ", "gezondheid")
    return conference


def test_a_participant_without_consent_sees_only_the_agenda_without_personal_data(client, conference, partner):
    login_verified(client, partner)
    invitation = client.get(reverse("collaboration:invitation", kwargs={"conference_pk": conference.pk}))
    page = invitation.content.decode()
    assert invitation.status_code == 200
    assert "Kennismaking, wie doet wat, afspraken" in page
    for personal in ("De Vries", "Anna", REASON, "Betalingsregeling", "Behandeling bij de GGZ"):
        assert personal not in page
    full = client.get(
        reverse("collaboration:conference", kwargs={"pk": conference.household_id, "conference_pk": conference.pk})
    )
    assert full.status_code == 403
    assert "De Vries" not in full.content.decode() and REASON not in full.content.decode()


def test_a_participant_sees_the_agenda_items_of_the_categories_their_consent_covers_only(
    client, conference, household, partner_org, partner, plan_regisseur
):
    story.grant_consent(household, partner_org, ["financien"], recorded_by=plan_regisseur)
    login_verified(client, partner)
    page = client.get(
        reverse("collaboration:conference", kwargs={"pk": household.pk, "conference_pk": conference.pk})
    ).content.decode()
    assert "Betalingsregeling met de verhuurder" in page
    assert "Behandeling bij de GGZ" not in page


def test_someone_not_invited_gets_no_invitation_page(client, conference):
    from tests import factories

    login_verified(client, factories.wijkteam_member())
    response = client.get(reverse("collaboration:invitation", kwargs={"conference_pk": conference.pk}))
    assert response.status_code == 404


def test_consent_for_the_conference_is_recorded_in_the_one_consent_model(
    verified_client, conference, household, partner_org
):
    from tests.access_helpers import category

    url = reverse("collaboration:conference_consent", kwargs={"pk": household.pk, "conference_pk": conference.pk})
    response = verified_client.post(
        url,
        {
            "organisation": partner_org.pk,
            "resident": "",
            "categories": [category("financien").pk],
            "purpose": "Casusoverleg",
            "valid_from": timezone.localdate().isoformat(),
            "valid_until": "",
            "method": "mondeling",
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get(organisation=partner_org, household=household)
    assert set(consent.categories.values_list("code", flat=True)) == {"basis", "financien"}


def test_the_consent_form_of_a_conference_offers_only_its_participating_organisations(
    verified_client, conference, household, partner_org
):
    other = story.partner_organisation("Andere Partner")
    url = reverse("collaboration:conference_consent", kwargs={"pk": household.pk, "conference_pk": conference.pk})
    page = verified_client.get(url).content.decode()
    assert partner_org.name in page and other.name not in page


def decide(client, conference, **fields):
    from tests.access_helpers import category

    data = {
        "description": "Aanmelden bij schuldhulp",
        "category": category("financien").pk,
        "owner_kind": "professional",
        "due_date": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
        **fields,
    }
    return client.post(
        reverse("collaboration:decision_add", kwargs={"pk": conference.household_id, "conference_pk": conference.pk}),
        data,
    )


def test_a_decision_becomes_a_plan_action_with_its_owner_and_due_date_in_one_step(
    verified_client, conference, plan_regisseur
):
    response = decide(verified_client, conference, owner_user=plan_regisseur.pk)
    action = Action.objects.get(description="Aanmelden bij schuldhulp")
    decision = conference.decisions.get()
    assert response.status_code == 302
    assert (action.owner_user, action.due_date, action.plan.is_active) == (plan_regisseur, decision.due_date, True)
    assert decision.action == action


def test_a_decision_for_a_partner_without_consent_for_its_category_is_refused_and_nothing_is_saved(
    verified_client, conference, partner
):
    response = decide(verified_client, conference, owner_user=partner.pk)
    assert response.status_code == 400
    assert not Action.objects.filter(description="Aanmelden bij schuldhulp").exists()
    assert not conference.decisions.exists()


def test_a_decision_without_an_active_plan_is_refused(client, household, professional, partner):
    conference = story.conference_for(household, professional, professionals=(partner,))
    login_verified(client, professional)
    response = decide(client, conference, owner_user=professional.pk)
    assert response.status_code == 400 and not conference.decisions.exists()


def test_the_next_conference_opens_with_the_follow_up_of_the_previous_decisions(
    verified_client, conference, household, plan_regisseur
):
    today = timezone.localdate()
    done, late, changed = (
        services.record_decision(
            conference,
            by=plan_regisseur,
            description=description,
            category=story.category(code),
            due_date=today + datetime.timedelta(days=days),
            owner_user=plan_regisseur,
        )
        for description, code, days in (
            ("Huurachterstand betalen", "financien", 3),
            ("Aanmelden bij schuldhulp", "financien", 5),
            ("Gesprek met de huisarts", "gezondheid", 10),
        )
    )
    CaseConference.objects.filter(pk=conference.pk).update(
        status=ConferenceStatus.HELD, starts_at=timezone.now() - datetime.timedelta(days=30)
    )
    Action.objects.filter(pk=done.action_id).update(status=ActionStatus.GEDAAN)
    Action.objects.filter(pk=late.action_id).update(due_date=today - datetime.timedelta(days=2))
    late.due_date = today - datetime.timedelta(days=2)
    late.save()
    Action.objects.filter(pk=changed.action_id).update(due_date=today + datetime.timedelta(days=40))
    follow_up = story.conference_for(household, plan_regisseur)
    page = verified_client.get(
        reverse("collaboration:conference", kwargs={"pk": household.pk, "conference_pk": follow_up.pk})
    ).content.decode()
    states = {d.description: d.follow_up() for d in conference.decisions.select_related("action")}
    assert states == {
        "Huurachterstand betalen": FollowUp.DONE,
        "Aanmelden bij schuldhulp": FollowUp.LATE,
        "Gesprek met de huisarts": FollowUp.CHANGED,
    }
    assert "Huurachterstand betalen" in page and "Gesprek met de huisarts" in page


def test_invitations_carry_a_calendar_entry_and_no_personal_data(
    verified_client, conference, household, partner, django_capture_on_commit_callbacks
):
    household.residents.update(email="anna@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        response = verified_client.post(
            reverse("collaboration:invite", kwargs={"pk": household.pk, "conference_pk": conference.pk})
        )
    assert response.status_code == 302
    recipients = {m.to[0] for m in mail.outbox}
    assert partner.email in recipients and "anna@example.nl" in recipients
    for message in mail.outbox:
        (_name, content, mimetype) = message.attachments[0]
        ics = content if isinstance(content, str) else content.decode()
        event = Calendar.from_ical(ics).walk("VEVENT")[0]
        text = message.subject + message.body + ics
        assert mimetype.startswith("text/calendar")
        assert event.decoded("dtstart") == conference.starts_at
        for personal in ("De Vries", "Vries", "Anna", REASON, "Betalingsregeling"):
            assert personal not in text


def test_invitations_are_sent_once(verified_client, conference, household, django_capture_on_commit_callbacks):
    url = reverse("collaboration:invite", kwargs={"pk": household.pk, "conference_pk": conference.pk})
    with django_capture_on_commit_callbacks(execute=True):
        verified_client.post(url)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        verified_client.post(url)
    assert sent > 0 and len(mail.outbox) == sent


def test_attendance_is_recorded(verified_client, conference, household, partner):
    participants = list(conference.participants.all())
    data = {f"attendance_{p.pk}": "aanwezig" for p in participants}
    partner_row = conference.participants.get(user=partner)
    data[f"attendance_{partner_row.pk}"] = "afgemeld"
    verified_client.post(
        reverse("collaboration:attendance", kwargs={"pk": household.pk, "conference_pk": conference.pk}), data
    )
    assert ConferenceParticipant.objects.get(pk=partner_row.pk).attendance == "afgemeld"
    resident_row = conference.participants.get(kind=ParticipantKind.RESIDENT)
    assert resident_row.attendance == "aanwezig"


def test_a_conference_is_on_the_household_timeline(verified_client, conference, household):
    page = verified_client.get(reverse("plans:timeline", kwargs={"pk": household.pk})).content.decode()
    assert "Wijkcentrum De Linde" in page


def test_opening_a_conference_writes_one_access_log_entry(verified_client, conference, household):
    before = AccessLogEntry.objects.count()
    verified_client.get(
        reverse("collaboration:conference", kwargs={"pk": household.pk, "conference_pk": conference.pk})
    )
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert (entry.household_id, entry.object_type, entry.object_id) == (household.pk, "case_conference", conference.pk)


def test_planning_a_conference_with_a_home_address_as_place_is_refused(verified_client, household, partner):
    response = verified_client.post(
        reverse("collaboration:conference_add", kwargs={"pk": household.pk}),
        {
            "starts_at": (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 60,
            "location": "Oudegracht 12, 3511 AB Utrecht",
            "reason": REASON,
            "professionals": [partner.pk],
        },
    )
    assert response.status_code == 400 and not CaseConference.objects.exists()


def test_the_household_overview_takes_the_same_number_of_queries_for_more_conferences(
    verified_client, household, plan_regisseur, partner, queries_of
):
    url = reverse("collaboration:household", kwargs={"pk": household.pk})
    story.conference_for(household, plan_regisseur, professionals=(partner,))
    few = queries_of(verified_client, url)
    for _ in range(4):
        story.conference_for(household, plan_regisseur, professionals=(partner,))
    assert queries_of(verified_client, url) == few
