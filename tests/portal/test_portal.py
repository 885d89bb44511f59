# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Mijn EenPlan: the resident's own door (issue 15)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from eenplan.access.models import AccessLogEntry, Consent, ConsentMethod, ConsentProposal, LogAction
from eenplan.access.policy import RESIDENT_ROLE
from eenplan.households.models import Relationship
from eenplan.notifications.models import Notification
from eenplan.plans.models import Action, ActionStatus, AgreementMethod, OwnerKind, PlanStatus
from eenplan.portal import services
from eenplan.portal.models import CorrectionRequest, Message, PlanAgreement
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

ANNA_BSN, PIET_BSN, OTHER_BSN = story.TEST_BSNS[:3]


def partner_with_consent(household, regisseur, name: str = "Schuldhulp Samen", **kwargs):
    organisation = story.partner_organisation(name)
    partner = story.member_of(organisation, "partner")
    consent = story.grant_consent(household, organisation, ["financien"], recorded_by=regisseur, **kwargs)
    return organisation, partner, consent


# -- logging in -----------------------------------------------------------------------------------------------------


def test_the_development_digid_login_signs_the_resident_in_by_bsn(settings, client, portal_anna):
    settings.DIGID_MOCK = True
    start = client.get(reverse("digid:login"), {"next": reverse("portal:home")})
    assert start.status_code == 302 and reverse("digid-mock:login") in start["Location"]
    bsn_page = start["Location"].replace(reverse("digid-mock:login"), reverse("digid-mock:bsn"))
    answer = client.post(bsn_page, {"auth_bsn": ANNA_BSN})
    assert answer.status_code == 302 and reverse("digid:acs") in answer["Location"]
    home = client.get(answer["Location"], follow=True)
    assert home.status_code == 200
    assert "Anna" in home.content.decode()
    assert home.wsgi_request.path == reverse("portal:home")


def test_an_unknown_bsn_gets_no_portal(settings, client, portal_anna):
    settings.DIGID_MOCK = True
    response = client.get(reverse("digid:acs"), {"bsn": OTHER_BSN})
    assert response.status_code == 403
    assert client.get(reverse("portal:home")).status_code == 302


def test_without_the_mock_the_development_login_does_not_exist(settings, client, portal_anna):
    settings.DIGID_MOCK = False
    assert client.get(reverse("digid-mock:bsn"), {"acs": "/", "next": "/"}).status_code == 404
    # And the BSN in the URL is not believed: only a resolved SAML artifact names the resident.
    client.get(reverse("digid:acs"), {"bsn": ANNA_BSN})
    assert client.get(reverse("portal:home")).status_code == 302


def test_the_resident_is_found_by_the_lookup_digest_also_under_an_older_key(settings, portal_anna):
    settings.FIELD_ENCRYPTION_KEYS = ["a-new-key-for-the-rotation-0123456789", *settings.FIELD_ENCRYPTION_KEYS]
    assert services.resident_for_bsn(ANNA_BSN) == portal_anna


def test_an_activation_letter_signs_in_once_with_the_date_of_birth(client, household, portal_anna, regisseur):
    _letter, code = services.make_activation_letter(portal_anna, by=regisseur)
    wrong = client.post(reverse("portal:activate"), {"code": code, "date_of_birth": "2000-01-01"})
    assert wrong.status_code == 400
    first = client.post(reverse("portal:activate"), {"code": code.lower(), "date_of_birth": "1985-04-12"})
    assert first.status_code == 302 and first["Location"] == reverse("portal:home")
    again = Client().post(reverse("portal:activate"), {"code": code, "date_of_birth": "1985-04-12"})
    assert again.status_code == 400


def test_the_regisseur_makes_an_activation_letter_on_the_household_portal_page(household, portal_anna, regisseur):
    client = login_verified(Client(), regisseur)
    response = client.post(reverse("portal:household", kwargs={"pk": household.pk}), {"letter_for": portal_anna.pk})
    assert response.status_code == 200
    code = response.context["code"]
    assert services.redeem_activation_code(code, portal_anna.date_of_birth) == portal_anna


def test_a_professional_session_opens_no_portal_page(verified_client, portal_anna):
    story.sign_in_to_portal(verified_client, portal_anna)  # even with the portal's keys in the same session
    assert verified_client.get(reverse("portal:home")).status_code == 403


def test_a_portal_session_opens_no_professional_page(anna_client, household, regisseur_plan):
    response = anna_client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_signing_in_to_the_portal_ends_a_professional_session(settings, verified_client, portal_anna):
    settings.DIGID_MOCK = True
    verified_client.get(reverse("digid:acs"), {"bsn": ANNA_BSN})
    assert verified_client.get(reverse("portal:home")).status_code == 200
    assert verified_client.get(reverse("households:list")).status_code == 302


# -- one household only ---------------------------------------------------------------------------------------------


def test_the_resident_sees_only_their_own_households_plan(anna_client, regisseur_plan, regisseur):
    other = factories.HouseholdFactory(owning_team=regisseur.active_memberships()[0].team)
    other_plan = story.plan_with_goal_and_action(other, regisseur)
    story.add_goal(other_plan, "huisvesting", "Een andere woning voor de buren")
    page = anna_client.get(reverse("portal:plan")).content.decode()
    assert "Ik wil rust over geld" in page
    assert "andere woning voor de buren" not in page


def test_the_resident_cannot_mark_an_action_of_another_household_done(anna_client, regisseur_plan, regisseur):
    other = factories.HouseholdFactory(owning_team=regisseur.active_memberships()[0].team)
    piet = factories.ResidentFactory(household=other, first_name="Piet")
    other_plan = story.plan_with_goal_and_action(other, regisseur)
    action = other_plan.actions.get()
    Action.objects.filter(pk=action.pk).update(owner_kind=OwnerKind.RESIDENT, owner_user=None, owner_resident=piet)
    response = anna_client.post(reverse("portal:plan"), {"done": action.pk})
    assert response.status_code == 400
    assert Action.objects.get(pk=action.pk).status == ActionStatus.OPEN


# -- my plan --------------------------------------------------------------------------------------------------------


def test_agreeing_in_the_portal_records_digitaal_with_the_moment(anna_client, portal_anna, regisseur_plan):
    response = anna_client.post(reverse("portal:plan"), {"agree": "1"})
    assert response.status_code == 302
    regisseur_plan.refresh_from_db()
    assert regisseur_plan.status == PlanStatus.VASTGESTELD
    assert regisseur_plan.agreement_method == AgreementMethod.DIGITAL
    agreement = PlanAgreement.objects.get(plan=regisseur_plan)
    assert agreement.resident == portal_anna
    assert abs((timezone.now() - agreement.agreed_at).total_seconds()) < 60


def test_the_resident_marks_their_own_action_done_but_not_a_professionals(anna_client, portal_anna, regisseur_plan):
    own = Action.objects.create(
        plan=regisseur_plan,
        description="Post openen",
        owner_kind=OwnerKind.RESIDENT,
        owner_resident=portal_anna,
        category=story.category("financien"),
    )
    professional_action = regisseur_plan.actions.exclude(pk=own.pk).get()
    anna_client.post(reverse("portal:plan"), {"done": own.pk})
    anna_client.post(reverse("portal:plan"), {"done": professional_action.pk})
    assert Action.objects.get(pk=own.pk).status == ActionStatus.GEDAAN
    assert Action.objects.get(pk=professional_action.pk).status == ActionStatus.OPEN


# -- my consents ----------------------------------------------------------------------------------------------------


def test_a_withdrawn_consent_refuses_the_partner_on_the_next_request(anna_client, household, regisseur, regisseur_plan):
    _organisation, partner, consent = partner_with_consent(household, regisseur)
    partner_client = login_verified(Client(), partner)
    detail = reverse("households:detail", kwargs={"pk": household.pk})
    assert partner_client.get(detail).status_code == 200
    response = anna_client.post(reverse("portal:consents"), {"consent": consent.pk, "reason": "Ik wil dit niet meer"})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawal_reason == "Ik wil dit niet meer"
    assert partner_client.get(detail).status_code == 403


def test_withdrawing_without_a_reason_is_refused_and_changes_nothing(anna_client, household, regisseur):
    _organisation, _partner, consent = partner_with_consent(household, regisseur)
    response = anna_client.post(reverse("portal:consents"), {"consent": consent.pk, "reason": ""})
    assert response.status_code == 400
    assert "Schrijf op waarom" in response.content.decode() or "Write down why" in response.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_a_resident_cannot_withdraw_another_adults_own_consent(anna_client, household, regisseur):
    piet = factories.ResidentFactory(household=household, first_name="Piet", date_of_birth=datetime.date(1980, 1, 1))
    _organisation, _partner, consent = partner_with_consent(household, regisseur, resident=piet)
    response = anna_client.post(reverse("portal:consents"), {"consent": consent.pk, "reason": "Weg ermee"})
    assert response.status_code == 400
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_accepting_a_proposal_records_a_consent_given_digitally_by_the_resident(
    anna_client, portal_anna, household, regisseur
):
    organisation = story.partner_organisation()
    partner = story.member_of(organisation, "partner")
    proposal = ConsentProposal.objects.create(
        household=household, organisation=organisation, purpose="Schulden regelen", proposed_by=regisseur
    )
    proposal.categories.set([story.category("basis"), story.category("financien")])
    partner_client = login_verified(Client(), partner)
    detail = reverse("households:detail", kwargs={"pk": household.pk})
    assert partner_client.get(detail).status_code == 403  # a proposal gives no access
    anna_client.post(reverse("portal:consents"), {"proposal": proposal.pk, "answer": "yes"})
    consent = Consent.objects.get(household=household, organisation=organisation)
    assert consent.method == ConsentMethod.DIGITAAL
    assert consent.recorded_by == portal_anna.portal_account.user
    assert set(consent.categories.values_list("code", flat=True)) == {"basis", "financien"}
    assert partner_client.get(detail).status_code == 200


def test_the_regisseur_proposes_a_consent_on_the_household_portal_page(household, regisseur):
    client = login_verified(Client(), regisseur)
    organisation = story.partner_organisation()
    response = client.post(
        reverse("portal:household", kwargs={"pk": household.pk}),
        {
            "voorstel-organisation": organisation.pk,
            "voorstel-categories": [story.category("financien").pk],
            "voorstel-purpose": "Schulden regelen",
        },
    )
    assert response.status_code == 302, response.context["proposal_form"].errors
    proposal = ConsentProposal.objects.get(household=household)
    assert proposal.decided_at is None and not Consent.objects.filter(household=household).exists()


# -- who looked at my file ------------------------------------------------------------------------------------------


def test_who_looked_shows_the_partners_look_and_marks_an_emergency_access(
    anna_client, household, regisseur, regisseur_plan
):
    organisation, partner, _consent = partner_with_consent(household, regisseur)
    login_verified(Client(), partner).get(reverse("households:detail", kwargs={"pk": household.pk}))
    stranger = story.member_of(story.partner_organisation("Politie Midden"), "partner")
    story.take_break_glass(stranger, household)
    login_verified(Client(), stranger).get(reverse("households:detail", kwargs={"pk": household.pk}))
    page = anna_client.get(reverse("portal:access_log"))
    text = page.content.decode()
    assert organisation.name in text
    assert "ep-portal-log__emergency" in text
    assert "Politie Midden" in text


def test_who_looked_leaves_out_the_residents_own_visits_and_another_adults_entries(anna_client, household, portal_anna):
    piet = factories.ResidentFactory(household=household, first_name="Piet", date_of_birth=datetime.date(1980, 1, 1))
    anna_client.get(reverse("portal:plan"))
    user = factories.wijkteam_member(team=household.owning_team)
    for resident_id in (piet.pk, portal_anna.pk):
        AccessLogEntry.objects.count()
        from eenplan.access import log

        log.append(
            AccessLogEntry(
                user=user,
                role="wijkteam_member",
                household_id=household.pk,
                resident_id=resident_id,
                action=LogAction.UPDATE,
                object_type="household",
                justification="team_task",
                request_id="x",
            )
        )
    page = anna_client.get(reverse("portal:access_log"))
    items = page.context["items"]
    assert len(items) == 1  # Anna's own entry about herself by the professional; not Piet's, not her own visits
    assert AccessLogEntry.objects.filter(role=RESIDENT_ROLE, household_id=household.pk).exists()


def test_a_child_under_16_in_care_is_shown_to_the_parent(portal_anna, household):
    from eenplan.access.policy import resident_decision

    child = factories.ResidentFactory(
        household=household, first_name="Sem", date_of_birth=timezone.localdate() - datetime.timedelta(days=365 * 10)
    )
    teen = factories.ResidentFactory(
        household=household,
        first_name="Lot",
        date_of_birth=timezone.localdate() - datetime.timedelta(days=365 * 17 + 5),
    )
    for other in (child, teen):
        Relationship.objects.create(household=household, from_resident=portal_anna, kind="parent", to_resident=other)
    shown = resident_decision(portal_anna).resident_ids
    assert shown == frozenset({portal_anna.pk, child.pk})


def test_every_portal_request_is_logged_as_the_resident_acting_for_themself(anna_client, portal_anna, regisseur_plan):
    before = AccessLogEntry.objects.count()
    anna_client.get(reverse("portal:plan"))
    anna_client.post(reverse("portal:plan"), {"agree": "1"})
    entries = list(AccessLogEntry.objects.order_by("id")[before:])
    assert [(e.role, e.action, e.justification, e.resident_id) for e in entries] == [
        (RESIDENT_ROLE, LogAction.VIEW, "resident_self", portal_anna.pk),
        (RESIDENT_ROLE, LogAction.UPDATE, "resident_self", portal_anna.pk),
    ]
    assert entries[0].user_id == portal_anna.portal_account.user_id


# -- my data --------------------------------------------------------------------------------------------------------


def test_the_export_contains_every_category_of_data_the_household_has(
    anna_client, portal_anna, household, regisseur_plan, regisseur
):
    for domain, words in (
        ("huisvesting", "Een huis"),
        ("lichamelijke_gezondheid", "Gezond"),
        ("justitie", "Rust"),
        ("werk_opleiding", "Werk"),
        ("huiselijke_relaties", "Gezin"),
    ):
        story.add_goal(regisseur_plan, domain, words)
    partner_with_consent(household, regisseur)
    response = anna_client.get(reverse("portal:export_json"))
    assert response.status_code == 200
    data = json.loads(response.content)
    exported = {row["_category"] for section in data["sections"] for row in section["rows"]}
    held = set(regisseur_plan.goals.values_list("category__code", flat=True)) | {"basis"}
    assert held <= exported
    assert ANNA_BSN not in response.content.decode()  # the BSN masked, never whole
    assert data["consents"] and data["access_log"] is not None


def test_the_export_leaves_out_another_adults_person_bound_rows(anna_client, household):
    piet = story.resident_with_bsn(household, PIET_BSN, first_name="Piet", date_of_birth=datetime.date(1980, 1, 1))
    data = json.loads(anna_client.get(reverse("portal:export_json")).content)
    residents = next(s for s in data["sections"] if s["model"] == "households.resident")["rows"]
    assert [r for r in residents if "Piet" in json.dumps(r)] == []
    assert piet.pk


def test_the_export_as_pdf_is_a_pdf_and_is_logged_as_an_export(anna_client, regisseur_plan):
    response = anna_client.get(reverse("portal:export_pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.order_by("-id").first().action == LogAction.EXPORT


def test_a_correction_request_is_a_task_for_the_regisseur_with_a_deadline(
    anna_client, household, regisseur, regisseur_plan
):
    response = anna_client.post(reverse("portal:my_data"), {"text": "Mijn telefoonnummer klopt niet"})
    assert response.status_code == 302
    request = CorrectionRequest.objects.get(household=household)
    assert request.due_on == timezone.localdate() + datetime.timedelta(days=30)
    notes = list(
        Notification.objects.filter(user=regisseur, message__contains="correct").values_list("message", flat=True)
    )
    assert len(notes) == 1 and "telefoonnummer" not in notes[0]


def test_an_empty_correction_request_is_refused(anna_client, household):
    assert anna_client.post(reverse("portal:my_data"), {"text": ""}).status_code == 400
    assert not CorrectionRequest.objects.exists()


# -- messages -------------------------------------------------------------------------------------------------------


def test_a_message_reaches_the_regisseur_who_reads_it(anna_client, household, regisseur, regisseur_plan):
    anna_client.post(reverse("portal:messages"), {"body": "Kunt u mij bellen?"})
    message = Message.objects.get(household=household)
    notes = list(
        Notification.objects.filter(user=regisseur, message__contains="EenPlan").values_list("message", flat=True)
    )
    assert len(notes) == 1 and "bellen" not in notes[0]
    page = login_verified(Client(), regisseur).get(reverse("portal:household", kwargs={"pk": household.pk}))
    assert "Kunt u mij bellen?" in page.content.decode()
    message.refresh_from_db()
    assert message.read_at is not None


def test_the_regisseurs_answer_mails_only_that_there_is_a_message(
    mailoutbox, household, regisseur, portal_anna, regisseur_plan
):
    portal_anna.email = "anna@example.org"
    portal_anna.save()
    client = login_verified(Client(), regisseur)
    client.post(reverse("portal:household", kwargs={"pk": household.pk}), {"body": "Ik bel u morgen om tien uur"})
    assert Message.objects.filter(household=household, from_resident__isnull=True).exists()


# -- queries --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["portal:access_log", "portal:messages", "portal:consents"])
def test_portal_lists_use_a_constant_number_of_queries(
    anna_client, household, regisseur, url_name, django_assert_max_num_queries
):
    def add_rows(n: int) -> None:
        for _ in range(n):
            name = f"Partner {Message.objects.count()}"
            _org, partner, _consent = partner_with_consent(household, regisseur, name)
            login_verified(Client(), partner).get(reverse("households:detail", kwargs={"pk": household.pk}))
            Message.objects.create(household=household, author=regisseur, body="Hallo")

    add_rows(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        anna_client.get(reverse(url_name))
    add_rows(4)
    with CaptureQueriesContext(connection) as many:
        anna_client.get(reverse(url_name))
    assert len(many) == len(few)


def test_digid_not_yet_configured_sends_the_resident_back_with_a_message(settings, client):
    settings.DIGID_MOCK = False
    response = client.get(reverse("digid:login"), follow=True)
    assert response.status_code == 200
    assert response.wsgi_request.path == reverse("portal:login")
    assert list(response.context["messages"])
