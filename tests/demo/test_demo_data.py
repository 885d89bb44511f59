# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`seed_demo` loads deterministic demo data with test-person BSNs only; `demo_logins` prints the demo accounts."""

from __future__ import annotations

import datetime
import itertools
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice
from stdnum.nl import bsn as stdnum_bsn

from eenplan.access.models import Consent
from eenplan.accounts.models import Membership, Neighbourhood, Organisation, User
from eenplan.demo.data import DEMO_EMAIL_DOMAIN, NAMED_LOGINS
from eenplan.demo.referrals import RECEIVER_ROLES
from eenplan.directory.models import ContactPerson, Service
from eenplan.households.models import Household, Resident
from eenplan.intake.models import OPEN_STATUSES, Intake, IntakeRequest, RequestStatus, Source
from eenplan.plans.models import Action, CareTeamMember, Goal, Plan
from eenplan.referrals.models import FINAL_STATES, Referral, ReferralEvent, ReferralState
from eenplan.referrals.states import MOVES, Side
from tests.conftest import login_verified
from tests.demo.seeding import seed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_for_the_module")]


def test_the_demo_has_three_neighbourhoods_each_with_postcodes():
    assert Neighbourhood.objects.count() == 3
    assert not Neighbourhood.objects.filter(postcode_ranges__isnull=True).exists()


def test_the_demo_has_ten_organisations():
    assert Organisation.objects.count() == 10


def test_the_demo_has_forty_professionals_each_with_an_authenticator():
    from eenplan.demo.accounts import EMAILS  # accounts in a lifecycle state: invited, left, second step reset

    # API clients act as inactive users; a resident's portal log account has no password and no role
    professionals = User.objects.exclude(email__in=EMAILS).filter(is_active=True, portal_account__isnull=True)
    assert professionals.count() == 40
    assert TOTPDevice.objects.filter(confirmed=True).values("user").distinct().count() == 40


def test_the_demo_has_three_hundred_households_each_with_residents():
    assert Household.objects.count() == 300
    assert not Household.objects.filter(residents__isnull=True).exists()


def test_every_demo_household_lies_in_the_wijk_of_its_postcode():
    from eenplan.accounts.models import neighbourhood_for_postcode

    wijk_by_id = {n.pk: n for n in Neighbourhood.objects.all()}
    for household in Household.objects.all()[:50]:
        assert neighbourhood_for_postcode(household.postcode) == wijk_by_id[household.neighbourhood_id]


def test_every_demo_bsn_is_a_valid_test_person_number():
    bsns = [resident.bsn for resident in Resident.objects.exclude(bsn_digest="")]
    assert bsns
    assert all(bsn.startswith("9999") for bsn in bsns)
    assert all(stdnum_bsn.is_valid(bsn) for bsn in bsns)
    assert len(set(bsns)) == len(bsns)


def test_seeding_again_with_if_empty_adds_nothing():
    before = (Organisation.objects.count(), User.objects.count(), Household.objects.count(), Resident.objects.count())
    seed("--if-empty")
    after = (Organisation.objects.count(), User.objects.count(), Household.objects.count(), Resident.objects.count())
    assert after == before


def test_seeding_a_database_that_holds_data_without_if_empty_is_refused():
    with pytest.raises(CommandError):
        seed()
    assert Household.objects.count() == 300


def test_demo_logins_prints_the_demo_addresses():
    out = StringIO()
    call_command("demo_logins", stdout=out)
    printed = out.getvalue()
    for local, *_rest in NAMED_LOGINS:
        assert f"{local}@{DEMO_EMAIL_DOMAIN}" in printed


def test_a_demo_login_works_with_the_printed_password_and_code(client):
    from django_otp.oath import totp

    from eenplan.demo.data import DEMO_PASSWORD, DEMO_TOTP_HEX_KEY

    response = client.post("/inloggen/", {"username": f"wijkteam@{DEMO_EMAIL_DOMAIN}", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    code = f"{totp(bytes.fromhex(DEMO_TOTP_HEX_KEY)):06d}"
    client.post("/inloggen/code/", {"token": code})
    assert client.get("/huishoudens/").status_code == 200


# -- referrals: events that tell the same story as the referral -------------------------------------------------


def referral_problems(referral, events, receivers: set[int], now) -> list[str]:
    """What in a referral's events contradicts the state machine or the referral itself (empty: consistent)."""

    if not events:
        return ["no events"]
    problems = []
    first, last = events[0], events[-1]
    if (first.from_state, first.to_state, first.by_id) != ("", ReferralState.CONCEPT, referral.from_user_id):
        problems.append("does not start as a draft made by the referrer")
    if first.at != referral.created_at:
        problems.append("first event is not the creation")
    for before, after in itertools.pairwise(events):
        move = MOVES.get((before.to_state, after.to_state))
        if after.from_state != before.to_state or move is None:
            problems.append(f"move {after.from_state} → {after.to_state} after {before.to_state}")
            continue
        if move.side == Side.REFERRER and after.by_id != referral.from_user_id:
            problems.append(f"{after.to_state} not by the referrer")
        if move.side == Side.RECEIVER and after.by_id not in receivers:
            problems.append(f"{after.to_state} not by a member of the receiving organisation")
        if move.needs and not after.note:
            problems.append(f"{after.to_state} without {move.needs}")
        if after.at < before.at:
            problems.append(f"{after.to_state} before {before.to_state}")
    if last.to_state != referral.state:
        problems.append(f"last event {last.to_state}, state {referral.state}")
    if last.at > now:
        problems.append("an event in the future")
    at = {event.to_state: event for event in events}
    sent = at.get(ReferralState.VERZONDEN)
    if referral.sent_at != (sent.at if sent else None):
        problems.append("sent_at is not the time it was sent")
    if sent and referral.response_deadline != sent.at + datetime.timedelta(
        days=referral.service.expected_response_days
    ):
        problems.append("deadline is not sent_at plus the service's response time")
    accepted = at.get(ReferralState.GEACCEPTEERD)
    if referral.accepted_at != (accepted.at if accepted else None):
        problems.append("accepted_at is not the time it was accepted")
    if referral.handled_by_id != (accepted.by_id if accepted else None):
        problems.append("handled_by is not who accepted it")
    if (referral.closed_at is not None) != (referral.state in FINAL_STATES) or (
        referral.closed_at is not None and referral.closed_at != last.at
    ):
        problems.append("closed_at does not match the final state")
    wants_reason = referral.state in (ReferralState.AFGEWEZEN, ReferralState.GESTOPT, ReferralState.INGETROKKEN)
    if bool(referral.reason) != wants_reason or (wants_reason and referral.reason != last.note):
        problems.append("reason does not match the state")
    if bool(referral.outcome) != (referral.state == ReferralState.AFGEROND):
        problems.append("outcome does not match the state")
    if referral.version != len(events):
        problems.append("version is not the number of moves")
    return problems


def test_every_demo_referral_has_events_that_match_its_state():
    from django.utils import timezone

    receivers: dict[int, set[int]] = {}
    for organisation_id, user_id in Membership.objects.filter(role__in=RECEIVER_ROLES).values_list(
        "organisation_id", "user_id"
    ):
        receivers.setdefault(organisation_id, set()).add(user_id)
    events: dict[int, list] = {}
    for event in ReferralEvent.objects.order_by("at", "id"):
        events.setdefault(event.referral_id, []).append(event)
    referrals = list(Referral.objects.select_related("service"))
    assert len(referrals) > 100
    now = timezone.now()
    problems = {
        r.pk: found
        for r in referrals
        if (found := referral_problems(r, events.get(r.pk, []), receivers.get(r.to_organisation_id, set()), now))
    }
    assert not problems
    # Every state of the state machine occurs, so the inbox, the timeline and the figures show all of them.
    assert {r.state for r in referrals} == set(ReferralState.values)


def test_the_consistency_check_finds_a_referral_without_events_or_with_a_contradicting_state():

    referral = Referral.objects.filter(state=ReferralState.AFGEROND).select_related("service").first()
    events = list(referral.events.order_by("at", "id"))
    receivers = {event.by_id for event in events}
    now = datetime.datetime.now(datetime.UTC)
    assert referral_problems(referral, events, receivers, now) == []
    assert referral_problems(referral, [], receivers, now) == ["no events"]
    referral.state, referral.closed_at = ReferralState.ONTVANGEN, None
    assert referral_problems(referral, events, receivers, now)


def test_accepted_demo_referrals_put_their_handler_in_the_care_team():

    handled = Referral.objects.filter(handled_by__isnull=False)
    assert handled.exists()
    for referral in handled:
        assert CareTeamMember.objects.filter(
            household_id=referral.household_id, user_id=referral.handled_by_id, organisation=referral.to_organisation
        ).exists()


# -- history -------------------------------------------------------------------------------------------------------


def test_every_versioned_demo_row_has_its_first_historical_row():

    for model in (Plan, Goal, Action, Consent, Referral, Service, ContactPerson):
        created = model.history.filter(history_type="+")
        assert model.objects.exists()
        assert created.values("id").distinct().count() == model.objects.count(), model.__name__
    for plan in Plan.objects.all()[:40]:  # made as a draft; an agreed plan saved again when it was agreed
        versions = list(plan.history.order_by("history_date", "history_id"))
        made, newest = versions[0], versions[-1]
        assert (made.history_type, made.status, made.history_user_id) == ("+", "concept", plan.created_by_id)
        assert made.history_date == plan.created_at
        assert (newest.status, newest.agreed_on, newest.version) == (plan.status, plan.agreed_on, plan.version)
        assert len(versions) == plan.version == (1 if plan.status == "concept" else 2)


def test_a_demo_referrals_newest_version_is_its_current_state_with_what_it_shares():

    for referral in Referral.objects.exclude(state=ReferralState.CONCEPT)[:30]:
        newest, draft = referral.history.order_by("-history_date", "-history_id")[:2]
        assert (newest.history_type, newest.state, newest.version) == ("~", referral.state, referral.version)
        assert (draft.history_type, draft.state, draft.sent_at) == ("+", ReferralState.CONCEPT, None)
        shared = set(referral.shared_categories.values_list("id", flat=True))
        assert set(newest.shared_categories.values_list("informationcategory_id", flat=True)) == shared


def test_the_demo_plan_history_and_timeline_show_the_generated_history(client):

    regisseur = User.objects.get(email=f"regisseur@{DEMO_EMAIL_DOMAIN}")
    household = Household.objects.filter(regisseur=regisseur, referrals__events__isnull=False).first()
    login_verified(client, regisseur)
    history = client.get(f"/huishoudens/{household.pk}/plan/geschiedenis/")
    assert history.status_code == 200
    assert household.plans.get().actions.first().description in history.content.decode()
    assert client.get(f"/huishoudens/{household.pk}/tijdlijn/").status_code == 200


# -- requests for help and intakes ---------------------------------------------------------------------------------


def test_the_demo_triage_queue_has_open_requests_in_every_wijk_and_one_without():

    open_requests = IntakeRequest.objects.filter(status__in=OPEN_STATUSES)
    assert open_requests.count() >= 24
    per_wijk = set(open_requests.values_list("neighbourhood_id", flat=True))
    assert set(Neighbourhood.objects.values_list("id", flat=True)) | {None} == per_wijk
    assert {Source.PUBLIC, Source.SIGNAL} <= set(open_requests.values_list("source", flat=True))
    assert not open_requests.filter(source=Source.PUBLIC, phone="", email="").exists()
    assigned = open_requests.filter(assigned_to__isnull=False)
    assert assigned.exists()
    for request in assigned:  # to a professional of a team that serves the wijk
        assert request.assigned_to.memberships.filter(team__neighbourhoods=request.neighbourhood_id).exists()


def test_accepted_demo_requests_have_an_intake_and_declined_ones_a_reason():

    accepted = IntakeRequest.objects.filter(status=RequestStatus.ACCEPTED).select_related("household")
    assert accepted.count() >= 10
    for request in accepted:
        assert request.household is not None and request.decided_by_id and request.decided_at
        assert request.household.neighbourhood_id == request.neighbourhood_id
        assert request.household.residents.filter(first_name=request.first_name).exists()
        intake = request.intakes.get()
        assert intake.household_id == request.household_id
        assert intake.question_in_own_words == request.question
        assert request.submitted_at < request.decided_at and intake.conducted_on >= request.decided_at.date()
    declined = IntakeRequest.objects.filter(status=RequestStatus.DECLINED)
    assert declined.exists()
    assert not declined.filter(decline_reason="").exists()
    assert not declined.filter(decided_at__isnull=True).exists()


def test_the_demo_regisseur_sees_the_triage_queue_and_an_intake(client):

    regisseur = User.objects.get(email=f"regisseur@{DEMO_EMAIL_DOMAIN}")
    login_verified(client, regisseur)
    queue = client.get("/aanmeldingen/")
    assert queue.status_code == 200
    intake = Intake.objects.filter(household__owning_team__memberships__user=regisseur).first()
    assert intake is not None
    assert client.get(f"/huishoudens/{intake.household_id}/intake/{intake.pk}/").status_code == 200


def test_the_demo_has_closed_households_and_one_is_past_its_retention_period():
    from eenplan.retention import due
    from eenplan.retention.models import CaseClosure

    assert set(CaseClosure.objects.values_list("legal_basis", flat=True)) == {"wmo", "jeugdwet", "participatiewet"}
    closures = CaseClosure.objects.select_related("household")
    assert all(closure.help_ended_on >= closure.household.created_at.date() for closure in closures)
    assert CaseClosure.history.count() == CaseClosure.objects.count()
    assert due.due_closures().count() == 1
