# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Sending and moving referrals (eenplan/referrals/services.py): the consent check, the response deadline, the
event per move, the care team on acceptance, and the notifications (in-app, and an e-mail with only a link)."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation

from eenplan.accounts.models import Role
from eenplan.notifications.models import Notification
from eenplan.plans.models import CareTeamMember
from eenplan.referrals import services
from eenplan.referrals.models import Referral, ReferralEvent, ReferralState
from eenplan.referrals.states import MoveRefused, Side
from tests import access_helpers as story
from tests import factories

pytestmark = pytest.mark.django_db

S = ReferralState
SUMMARY = "Schulden bij drie schuldeisers, huurachterstand van twee maanden."


@pytest.fixture
def draft(household, regisseur_plan, service, professional) -> Referral:
    """A draft by `professional` (a wijkteam member, not the regisseur) sharing basis and financiën."""
    return story.draft_referral(household, service, professional, summary=SUMMARY)


@pytest.fixture
def sent(draft, consent, professional, receiver) -> Referral:
    return services.send(draft, professional)


def put_in(referral: Referral, state: str) -> Referral:
    """Place a referral in a state directly in the database (the way a long history would have left it)."""
    now = timezone.now()
    Referral.objects.filter(pk=referral.pk).update(
        state=state,
        sent_at=None if state == S.CONCEPT else now,
        response_deadline=None if state == S.CONCEPT else now + datetime.timedelta(days=5),
    )
    referral.refresh_from_db()
    return referral


# --- sending: consent per shared category -----------------------------------------------------------------


def assert_unchanged_draft(referral: Referral) -> None:
    referral.refresh_from_db()
    assert referral.state == S.CONCEPT
    assert referral.sent_at is None and referral.response_deadline is None
    assert list(referral.events.values_list("from_state", "to_state")) == [("", S.CONCEPT)]
    assert referral.version == 1


def test_sending_without_any_consent_is_refused_and_names_organisation_and_category(draft, professional, receiver):
    with translation.override("nl"), pytest.raises(MoveRefused) as refused:
        services.send(draft, professional)
    message = str(refused.value)
    assert "Schuldhulp Samen" in message
    assert "Financiën" in message
    assert_unchanged_draft(draft)
    assert not Notification.objects.filter(link__startswith="/verwijzingen/").exists()


def test_sending_with_consent_for_other_categories_names_only_the_missing_one(
    draft, household, schuldhulp, regisseur, professional
):
    story.grant_consent(household, schuldhulp, ["wonen"], recorded_by=regisseur)
    with translation.override("nl"), pytest.raises(MoveRefused) as refused:
        services.send(draft, professional)
    message = str(refused.value)
    assert "Schuldhulp Samen" in message and "Financiën" in message
    assert "Wonen" not in message and "Basisgegevens" not in message
    assert_unchanged_draft(draft)


def test_consent_for_another_organisation_does_not_count(draft, household, regisseur, professional):
    ggz = factories.OrganisationFactory(name="GGZ Centraal", type="ggz")
    story.grant_consent(household, ggz, ["financien"], recorded_by=regisseur)
    with translation.override("nl"), pytest.raises(MoveRefused) as refused:
        services.send(draft, professional)
    assert "Schuldhulp Samen" in str(refused.value)
    assert_unchanged_draft(draft)


def test_a_withdrawn_consent_no_longer_lets_a_referral_go(draft, consent, regisseur, professional):
    story.withdraw(consent, regisseur)
    with pytest.raises(MoveRefused):
        services.send(draft, professional)
    assert_unchanged_draft(draft)


def test_an_expired_consent_no_longer_lets_a_referral_go(draft, household, schuldhulp, regisseur, professional):
    today = timezone.localdate()
    story.grant_consent(
        household,
        schuldhulp,
        ["financien"],
        recorded_by=regisseur,
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today - datetime.timedelta(days=1),
    )
    with pytest.raises(MoveRefused):
        services.send(draft, professional)
    assert_unchanged_draft(draft)


def test_with_consent_the_referral_is_sent_and_the_deadline_follows_from_the_service(
    draft, consent, professional, receiver
):
    before = timezone.now()
    referral = services.send(draft, professional)
    after = timezone.now()
    assert referral.state == S.VERZONDEN
    assert before <= referral.sent_at <= after
    assert referral.response_deadline == referral.sent_at + datetime.timedelta(days=5)
    event = referral.events.get(to_state=S.VERZONDEN)
    assert (event.from_state, event.by) == (S.CONCEPT, professional)
    assert before <= event.at <= after
    note = Notification.objects.get(user=receiver)
    assert note.link == f"/verwijzingen/{referral.pk}/"
    assert "Vries" not in note.message and "Anna" not in note.message


def test_only_current_members_of_the_receiving_organisation_are_notified(
    draft, consent, professional, receiver, schuldhulp, django_capture_on_commit_callbacks
):
    former = story.member_of(schuldhulp, Role.PARTNER_PROFESSIONAL)
    former.memberships.update(
        since=timezone.localdate() - datetime.timedelta(days=400),
        until=timezone.localdate() - datetime.timedelta(days=30),
    )
    deactivated = story.member_of(schuldhulp, Role.PARTNER_PROFESSIONAL)
    deactivated.is_active = False
    deactivated.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.send(draft, professional)
    notified = set(Notification.objects.filter(link=f"/verwijzingen/{draft.pk}/").values_list("user_id", flat=True))
    assert notified == {receiver.pk}
    assert [m.to for m in mail.outbox] == [[receiver.email]]


@pytest.mark.parametrize("days", [1, 2, 14])
def test_the_deadline_is_the_expected_response_time_of_the_service(
    days, household, regisseur_plan, schuldhulp, consent, professional
):
    service = story.service_of(schuldhulp, f"Dienst {days}", expected_response_days=days)
    referral = services.send(story.draft_referral(household, service, professional), professional)
    assert referral.response_deadline - referral.sent_at == datetime.timedelta(days=days)


def test_a_referral_to_the_households_own_wijkteam_needs_no_consent(household, regisseur_plan, team, professional):
    own = story.service_of(team.organisation, "Jongerenwerk", description="Jongerenwerk in de wijk")
    draft = story.draft_referral(household, own, professional, categories=("basis", "financien", "gezondheid"))
    referral = services.send(draft, professional)
    assert referral.state == S.VERZONDEN
    assert services.missing_consent(household, team.organisation, list(draft.shared_categories.all())) == []


def test_a_referral_is_sent_only_once(sent, professional):
    with pytest.raises(MoveRefused):
        services.send(sent, professional)
    assert sent.events.filter(to_state=S.VERZONDEN).count() == 1


def test_the_receiver_cannot_send_a_draft(draft, consent, receiver):
    with pytest.raises(MoveRefused):
        services.move(draft, S.VERZONDEN, receiver, Side.RECEIVER)
    assert_unchanged_draft(draft)


def test_moving_a_draft_to_sent_checks_consent_like_send(draft, professional):
    """`move` is what the status form of the referral page calls, and the page offers a draft's referrer the
    move to "verzonden". That move must not get around the consent check (nor leave the referral without a
    sent time and deadline)."""
    with pytest.raises(MoveRefused):
        services.move(draft, S.VERZONDEN, professional, Side.REFERRER)
    draft.refresh_from_db()
    assert draft.state == S.CONCEPT, "a draft went out without the resident's consent for Schuldhulp Samen"


# --- moving: one event per move, time and actor kept ------------------------------------------------------

MOVES_BY_SERVICE = [
    (S.VERZONDEN, S.ONTVANGEN, Side.RECEIVER, ""),
    (S.ONTVANGEN, S.GEACCEPTEERD, Side.RECEIVER, ""),
    (S.ONTVANGEN, S.AFGEWEZEN, Side.RECEIVER, "Past niet bij onze doelgroep"),
    (S.GEACCEPTEERD, S.IN_BEHANDELING, Side.RECEIVER, ""),
    (S.GEACCEPTEERD, S.GESTOPT, Side.RECEIVER, "Bewoner kwam niet op de afspraak"),
    (S.IN_BEHANDELING, S.AFGEROND, Side.RECEIVER, "Schuldregeling getroffen"),
    (S.IN_BEHANDELING, S.GESTOPT, Side.RECEIVER, "Bewoner wil niet verder"),
    (S.CONCEPT, S.INGETROKKEN, Side.REFERRER, "Toch niet nodig"),
    (S.VERZONDEN, S.INGETROKKEN, Side.REFERRER, "Bewoner vond zelf hulp"),
    (S.ONTVANGEN, S.INGETROKKEN, Side.REFERRER, "Bewoner vond zelf hulp"),
    (S.GEACCEPTEERD, S.INGETROKKEN, Side.REFERRER, "Bewoner verhuisd"),
    (S.IN_BEHANDELING, S.INGETROKKEN, Side.REFERRER, "Bewoner verhuisd"),
]


@pytest.mark.parametrize(("from_state", "to_state", "side", "text"), MOVES_BY_SERVICE)
def test_every_allowed_move_writes_an_event_with_from_to_by_and_at(
    from_state, to_state, side, text, draft, professional, receiver
):
    referral = put_in(draft, from_state)
    actor = receiver if side == Side.RECEIVER else professional
    before = timezone.now()
    moved = services.move(referral, to_state, actor, side, text)
    after = timezone.now()
    assert moved.state == to_state
    assert moved.version == referral.version + 1
    event = moved.events.order_by("-id").first()
    assert (event.from_state, event.to_state, event.by, event.note) == (from_state, to_state, actor, text)
    assert before <= event.at <= after
    if to_state in (S.AFGEWEZEN, S.GESTOPT, S.INGETROKKEN):
        assert moved.reason == text and moved.closed_at is not None
    if to_state == S.AFGEROND:
        assert moved.outcome == text and moved.closed_at is not None


REFUSED_BY_SERVICE = [
    (frm, to, side)
    for frm, to, side in itertools.product(list(S), list(S), list(Side))
    if not any(m[:3] == (frm, to, side) for m in MOVES_BY_SERVICE)
    and (frm, to, side) != (S.CONCEPT, S.VERZONDEN, Side.REFERRER)
]


@pytest.mark.parametrize(("from_state", "to_state", "side"), REFUSED_BY_SERVICE)
def test_every_other_move_is_refused_and_changes_nothing(from_state, to_state, side, draft, professional, receiver):
    referral = put_in(draft, from_state)
    events = referral.events.count()
    actor = receiver if side == Side.RECEIVER else professional
    with pytest.raises(MoveRefused):
        services.move(referral, to_state, actor, side, "Een reden")
    fresh = Referral.objects.get(pk=referral.pk)
    assert fresh.state == from_state and fresh.version == referral.version
    assert fresh.events.count() == events


@pytest.mark.parametrize(
    ("from_state", "to_state", "side"),
    [
        (S.ONTVANGEN, S.AFGEWEZEN, Side.RECEIVER),
        (S.GEACCEPTEERD, S.GESTOPT, Side.RECEIVER),
        (S.IN_BEHANDELING, S.GESTOPT, Side.RECEIVER),
        (S.IN_BEHANDELING, S.AFGEROND, Side.RECEIVER),
        (S.VERZONDEN, S.INGETROKKEN, Side.REFERRER),
    ],
)
def test_a_move_that_needs_a_reason_or_outcome_is_refused_without_one(
    from_state, to_state, side, draft, professional, receiver
):
    referral = put_in(draft, from_state)
    actor = receiver if side == Side.RECEIVER else professional
    with pytest.raises(MoveRefused):
        services.move(referral, to_state, actor, side, "  ")
    referral.refresh_from_db()
    assert referral.state == from_state
    assert not referral.events.filter(to_state=to_state).exists()


def test_acceptance_sets_the_time_and_joins_the_care_team(sent, household, schuldhulp, receiver):
    received = services.move(sent, S.ONTVANGEN, receiver, Side.RECEIVER)
    before = timezone.now()
    accepted = services.move(received, S.GEACCEPTEERD, receiver, Side.RECEIVER)
    assert accepted.accepted_at is not None and accepted.accepted_at >= before
    assert accepted.handled_by == receiver
    member = CareTeamMember.objects.get(household=household, organisation=schuldhulp)
    assert member.user == receiver
    assert member.role == "Schuldhulpverlening"
    assert member.until is None


def test_completion_keeps_the_outcome(sent, receiver):
    referral = sent
    for to_state in (S.ONTVANGEN, S.GEACCEPTEERD, S.IN_BEHANDELING):
        referral = services.move(referral, to_state, receiver, Side.RECEIVER)
    done = services.move(referral, S.AFGEROND, receiver, Side.RECEIVER, "Schuldregeling getroffen, budgetcoach")
    assert done.state == S.AFGEROND
    assert done.outcome == "Schuldregeling getroffen, budgetcoach"
    assert done.closed_at is not None
    assert [e.to_state for e in done.events.all()] == [
        S.CONCEPT,
        S.VERZONDEN,
        S.ONTVANGEN,
        S.GEACCEPTEERD,
        S.IN_BEHANDELING,
        S.AFGEROND,
    ]


# --- notifications: in-app for referrer and regisseur, e-mail with a link only ------------------------------


@pytest.mark.parametrize(
    ("from_state", "to_state", "text"),
    [
        (S.ONTVANGEN, S.GEACCEPTEERD, ""),
        (S.ONTVANGEN, S.AFGEWEZEN, "Past niet"),
        (S.IN_BEHANDELING, S.AFGEROND, "Klaar"),
        (S.IN_BEHANDELING, S.GESTOPT, "Gestopt"),
    ],
)
def test_receiver_moves_notify_the_referrer_and_the_regisseur(
    from_state, to_state, text, draft, professional, regisseur, receiver
):
    referral = put_in(draft, from_state)
    services.move(referral, to_state, receiver, Side.RECEIVER, text)
    notified = Notification.objects.filter(link=f"/verwijzingen/{referral.pk}/")
    assert sorted(n.user_id for n in notified) == sorted([professional.pk, regisseur.pk])
    for note in notified:
        assert "Anna" not in note.message and "Vries" not in note.message and SUMMARY not in note.message


def test_opening_the_referral_notifies_no_one(sent, receiver):
    before = Notification.objects.count()
    services.move(sent, S.ONTVANGEN, receiver, Side.RECEIVER)
    assert Notification.objects.count() == before


def test_a_referrer_who_is_also_the_regisseur_is_notified_once(
    household, regisseur_plan, service, consent, regisseur, receiver
):
    referral = services.send(story.draft_referral(household, service, regisseur), regisseur)
    referral = services.move(referral, S.ONTVANGEN, receiver, Side.RECEIVER)
    services.move(referral, S.GEACCEPTEERD, receiver, Side.RECEIVER)
    assert Notification.objects.filter(user=regisseur, link=f"/verwijzingen/{referral.pk}/").count() == 1


def assert_mail_without_personal_data(message: mail.EmailMessage, referral: Referral) -> None:
    household = referral.household
    resident = household.residents.get()
    assert f"{settings.SITE_URL}/verwijzingen/{referral.pk}/" in message.body
    text = f"{message.subject}\n{message.body}"
    for personal in (
        resident.first_name,
        resident.last_name,
        household.display_name,
        household.street,
        household.postcode,
        household.postcode.replace(" ", ""),
        SUMMARY,
        "huurachterstand",
    ):
        assert personal not in text, f"the e-mail contains personal data: {personal!r}"


def test_a_receiver_move_emails_referrer_and_regisseur_a_link_without_personal_data(
    sent, professional, regisseur, receiver, django_capture_on_commit_callbacks
):
    referral = services.move(sent, S.ONTVANGEN, receiver, Side.RECEIVER)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.move(referral, S.GEACCEPTEERD, receiver, Side.RECEIVER)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([professional.email, regisseur.email])
    for message in mail.outbox:
        assert_mail_without_personal_data(message, referral)


def test_sending_emails_the_receiving_organisation_a_link_without_personal_data(
    draft, consent, professional, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.send(draft, professional)
    assert [m.to for m in mail.outbox] == [[receiver.email]]
    assert_mail_without_personal_data(mail.outbox[0], draft)


def test_no_email_goes_out_when_the_move_is_refused(draft, professional, receiver, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(MoveRefused):
        services.send(draft, professional)
    assert mail.outbox == []


# --- the deadline and the overdue flag -------------------------------------------------------------------


def late(referral: Referral, by: datetime.timedelta = datetime.timedelta(minutes=1)) -> Referral:
    Referral.objects.filter(pk=referral.pk).update(response_deadline=timezone.now() - by)
    referral.refresh_from_db()
    return referral


def test_a_referral_is_overdue_only_after_its_deadline(sent):
    assert sent.response_deadline > timezone.now()
    assert not sent.is_overdue
    assert late(sent).is_overdue


def test_a_received_referral_without_an_answer_is_overdue_too(sent, receiver):
    received = services.move(sent, S.ONTVANGEN, receiver, Side.RECEIVER)
    assert late(received).is_overdue


@pytest.mark.parametrize("state", [S.GEACCEPTEERD, S.AFGEWEZEN, S.IN_BEHANDELING, S.AFGEROND, S.INGETROKKEN])
def test_an_answered_or_closed_referral_is_never_overdue(state, sent):
    Referral.objects.filter(pk=sent.pk).update(state=state)
    referral = late(sent, datetime.timedelta(days=30))
    assert not referral.is_overdue
    assert services.flag_overdue() == 0


def test_a_draft_has_no_deadline_and_is_not_overdue(draft):
    assert draft.response_deadline is None
    assert not draft.is_overdue
    assert services.flag_overdue() == 0


def test_flag_overdue_uses_the_deadline_itself(sent):
    deadline = sent.response_deadline
    assert services.flag_overdue(now=deadline - datetime.timedelta(seconds=1)) == 0
    assert services.flag_overdue(now=deadline) == 0
    assert services.flag_overdue(now=deadline + datetime.timedelta(seconds=1)) == 1


def test_overdue_referrals_are_flagged_to_referrer_and_regisseur_once(sent, professional, regisseur, receiver):
    late(sent)
    Notification.objects.all().delete()
    assert services.flag_overdue() == 1
    notified = Notification.objects.filter(link=f"/verwijzingen/{sent.pk}/")
    assert sorted(n.user_id for n in notified) == sorted([professional.pk, regisseur.pk])
    assert not Notification.objects.filter(user=receiver).exists()
    sent.refresh_from_db()
    assert sent.overdue_notified_at is not None
    assert services.flag_overdue() == 0
    assert Notification.objects.count() == 2


def test_the_overdue_email_carries_a_link_and_no_personal_data(
    sent, professional, regisseur, django_capture_on_commit_callbacks
):
    late(sent)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.flag_overdue()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([professional.email, regisseur.email])
    for message in mail.outbox:
        assert_mail_without_personal_data(message, sent)


def test_the_command_prints_how_many_it_flagged(sent, household, service, professional):
    from io import StringIO

    from django.core.management import call_command

    second = services.send(story.draft_referral(household, service, professional), professional)
    late(sent)
    late(second)
    out = StringIO()
    call_command("flag_overdue_referrals", stdout=out)
    assert out.getvalue().strip() == "2 overdue referral(s) flagged."
    out = StringIO()
    call_command("flag_overdue_referrals", stdout=out)
    assert out.getvalue().strip() == "0 overdue referral(s) flagged."


def test_every_event_is_kept_with_its_actor(sent, professional, receiver):
    referral = services.move(sent, S.ONTVANGEN, receiver, Side.RECEIVER)
    services.move(referral, S.INGETROKKEN, professional, Side.REFERRER, "Bewoner vond zelf hulp")
    rows = list(ReferralEvent.objects.filter(referral=sent).values_list("from_state", "to_state", "by_id"))
    assert rows == [
        ("", S.CONCEPT, professional.pk),
        (S.CONCEPT, S.VERZONDEN, professional.pk),
        (S.VERZONDEN, S.ONTVANGEN, receiver.pk),
        (S.ONTVANGEN, S.INGETROKKEN, professional.pk),
    ]
