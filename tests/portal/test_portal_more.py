# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Mijn EenPlan, the rest of issue 15: my self-assessment, my referrals, names or roles, access for another adult."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eenplan.access.models import AccessLogEntry, Consent, LogAction, MemberAccessGrant
from eenplan.access.policy import RESIDENT_ROLE, resident_decision
from eenplan.assessments.models import Assessment, Instrument
from eenplan.assessments.rules import household_signal
from eenplan.directory.models import Service
from eenplan.plans.models import Action, OwnerKind
from eenplan.portal import services
from eenplan.portal.models import OrganisationPortalPolicy
from eenplan.referrals.models import Referral, ReferralState
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


def self_assessment_answers(level: int, **by_code: int) -> dict[str, str]:
    instrument = Instrument.objects.get(code="zrm-inwoner")
    return {f"domain_{d.pk}": str(by_code.get(d.code, level)) for d in instrument.domains.all()}


# -- my self-assessment ---------------------------------------------------------------------------------------------


def test_the_resident_version_asks_about_the_same_domains_as_the_zrm():
    version = Instrument.objects.get(code="zrm-inwoner")
    zrm = Instrument.objects.get(code="zrm")
    assert version.resident_version_of == zrm
    assert {(d.code, d.category_id) for d in version.domains.all()} == {
        (d.code, d.category_id) for d in zrm.domains.all()
    }
    assert [lvl.value for lvl in version.levels.all()] == [lvl.value for lvl in zrm.levels.all()]


def test_a_resident_fills_in_the_self_assessment_and_it_is_recorded_as_made_by_them(anna_client, portal_anna):
    response = anna_client.post(reverse("portal:self_assessment_form"), self_assessment_answers(4, financien=2))
    assert response.status_code == 302
    assessment = Assessment.objects.get(resident=portal_anna)
    assert assessment.by_resident == portal_anna
    assert assessment.instrument.code == "zrm-inwoner"
    assert assessment.assessed_by == portal_anna.portal_account.user
    assert assessment.scores.get(domain__code="financien").value == 2
    entry = AccessLogEntry.objects.filter(object_type="assessment", action=LogAction.CREATE).get()
    assert entry.role == RESIDENT_ROLE and entry.resident_id == portal_anna.pk


def test_a_self_assessment_with_a_question_unanswered_is_refused_and_nothing_saved(anna_client, portal_anna):
    answers = self_assessment_answers(4)
    answers.pop(next(iter(answers)))
    response = anna_client.post(reverse("portal:self_assessment_form"), answers)
    assert response.status_code == 400
    assert "Kies een antwoord" in response.content.decode() or response.context["form"].errors
    assert not Assessment.objects.exists()


def test_my_scores_are_shown_beside_the_professionals_latest_per_domain(anna_client, portal_anna, household, regisseur):
    story.assess(household, regisseur, {"financien": 1}, resident=portal_anna, on=timezone.localdate().replace(day=1))
    story.assess(household, regisseur, {"financien": 2}, resident=portal_anna)
    anna_client.post(reverse("portal:self_assessment_form"), self_assessment_answers(4, financien=3))
    page = anna_client.get(reverse("portal:self_assessment"))
    money = next(row for row in page.context["rows"] if row.name == "Geld")
    assert (money.mine.value, money.professional.value) == (3, 2)


def test_another_adults_self_assessment_is_not_shown_to_the_resident(anna_client, portal_piet, household, regisseur):
    story.sign_in_to_portal(Client(), portal_piet).post(
        reverse("portal:self_assessment_form"), self_assessment_answers(1)
    )
    story.assess(household, regisseur, {"financien": 1}, resident=portal_piet)
    page = anna_client.get(reverse("portal:self_assessment"))
    assert page.context["mine"] is None and page.context["professional"] is None


def test_a_professional_cannot_assess_with_the_resident_version(verified_client, household):
    url = reverse("assessments:add", kwargs={"pk": household.pk})
    assert verified_client.get(url, {"instrument": "zrm-inwoner"}).status_code == 404
    overview = verified_client.get(reverse("assessments:overview", kwargs={"pk": household.pk}))
    assert "zrm-inwoner" not in overview.content.decode()


def test_the_professional_sees_the_self_assessment_on_the_assessment_page(
    anna_client, verified_client, household, portal_anna
):
    anna_client.post(reverse("portal:self_assessment_form"), self_assessment_answers(4))
    page = verified_client.get(reverse("assessments:overview", kwargs={"pk": household.pk}))
    text = page.content.decode()
    assert "Zelfredzaamheid-Matrix (inwonerversie)" in text
    assert "ep-self-assessed" in text


def test_a_self_assessment_does_not_count_in_the_multi_problem_signal(anna_client, household):
    anna_client.post(reverse("portal:self_assessment_form"), self_assessment_answers(1))
    assert not household_signal(household).needed


# -- my referrals ---------------------------------------------------------------------------------------------------


def referral(household, organisation, by, state: str, *, action=None, name: str = "Schuldhulpverlening") -> Referral:
    service = Service.objects.create(organisation=organisation, name=name, description="Hulp")
    return Referral.objects.create(
        household=household,
        action=action,
        service=service,
        to_organisation=organisation,
        from_user=by,
        from_organisation=household.owning_team.organisation,
        summary="Schulden",
        state=state,
        sent_at=None if state == ReferralState.CONCEPT else timezone.now(),
    )


def test_the_resident_sees_each_sent_referral_with_its_state_in_plain_words(anna_client, household, regisseur):
    organisation = story.partner_organisation()
    referral(household, organisation, regisseur, ReferralState.VERZONDEN)
    referral(household, organisation, regisseur, ReferralState.GEACCEPTEERD, name="Budgetcoach")
    referral(household, organisation, regisseur, ReferralState.CONCEPT, name="Nog niet verstuurd")
    text = anna_client.get(reverse("portal:referrals")).content.decode()
    assert "Schuldhulpverlening" in text and "Budgetcoach" in text and organisation.name in text
    assert str(services.REFERRAL_STATE_WORDS[ReferralState.VERZONDEN]) in text
    assert str(services.REFERRAL_STATE_WORDS[ReferralState.GEACCEPTEERD]) in text
    assert "Nog niet verstuurd" not in text


def test_a_referral_for_another_adults_action_is_not_shown(
    anna_client, household, regisseur, regisseur_plan, portal_piet
):
    organisation = story.partner_organisation()
    action = Action.objects.create(
        plan=regisseur_plan,
        description="Piet gaat naar de GGZ",
        owner_kind=OwnerKind.RESIDENT,
        owner_resident=portal_piet,
        category=story.category("basis"),
    )
    referral(household, organisation, regisseur, ReferralState.VERZONDEN, action=action, name="GGZ")
    assert "GGZ" not in anna_client.get(reverse("portal:referrals")).content.decode()


def test_the_referrals_page_uses_a_constant_number_of_queries(anna_client, household, regisseur):
    organisation = story.partner_organisation()
    referral(household, organisation, regisseur, ReferralState.VERZONDEN)
    anna_client.get(reverse("portal:referrals"))  # warm: the session's first page reads more
    with CaptureQueriesContext(connection) as few:
        anna_client.get(reverse("portal:referrals"))
    for n in range(4):
        referral(household, organisation, regisseur, ReferralState.AFGEROND, name=f"Dienst {n}")
    with CaptureQueriesContext(connection) as many:
        anna_client.get(reverse("portal:referrals"))
    assert len(many) == len(few)


# -- names or roles -------------------------------------------------------------------------------------------------


def partner_looks(household, regisseur):
    organisation = story.partner_organisation()
    partner = story.member_of(organisation, "partner")
    partner.full_name = "Petra Partner"
    partner.save(update_fields=["full_name"])
    story.grant_consent(household, organisation, ["financien"], recorded_by=regisseur)
    login_verified(Client(), partner).get(reverse("households:detail", kwargs={"pk": household.pk}))
    return organisation, partner


def test_who_looked_shows_the_role_only_by_default(anna_client, household, regisseur):
    partner_looks(household, regisseur)
    text = anna_client.get(reverse("portal:access_log")).content.decode()
    assert "Petra Partner" not in text
    assert "Partnerprofessional" in text or "artner" in text


def test_who_looked_shows_the_name_where_the_organisation_allows_it(anna_client, household, regisseur):
    organisation, _partner = partner_looks(household, regisseur)
    OrganisationPortalPolicy.objects.create(organisation=organisation, show_professional_names=True)
    assert "Petra Partner" in anna_client.get(reverse("portal:access_log")).content.decode()


def test_the_plans_who_is_the_name_only_where_the_organisation_allows_it(anna_client, regisseur_plan, regisseur):
    regisseur.full_name = "Rik Regisseur"
    story.add_action(regisseur_plan, "Bellen met de bank", owner=regisseur)
    assert "Rik Regisseur" not in anna_client.get(reverse("portal:plan")).content.decode()
    organisation = regisseur.memberships.get().organisation
    OrganisationPortalPolicy.objects.create(organisation=organisation, show_professional_names=True)
    assert "Rik Regisseur" in anna_client.get(reverse("portal:plan")).content.decode()


def test_the_functional_administrator_lets_an_organisation_show_names(admin_client):
    organisation = story.partner_organisation()
    response = admin_client.post(
        reverse("admin:portal_organisationportalpolicy_add"),
        {"organisation": organisation.pk, "show_professional_names": "on"},
    )
    assert response.status_code == 302
    assert OrganisationPortalPolicy.objects.get(organisation=organisation).show_professional_names


def test_a_professional_cannot_change_the_names_policy(verified_client):
    response = verified_client.get(reverse("admin:portal_organisationportalpolicy_add"))
    assert response.status_code in {302, 403}


# -- access for another adult member --------------------------------------------------------------------------------


def test_without_access_the_resident_sees_no_consent_of_another_adult(anna_client, household, regisseur, portal_piet):
    organisation = story.partner_organisation("Piets Werkcoach")
    story.grant_consent(household, organisation, ["werk_inkomen"], recorded_by=regisseur, resident=portal_piet)
    assert "Piets Werkcoach" not in anna_client.get(reverse("portal:consents")).content.decode()


def test_with_access_given_the_member_sees_it_and_after_withdrawal_no_longer(
    anna_client, piet_client, household, regisseur, portal_anna, portal_piet
):
    organisation = story.partner_organisation("Piets Werkcoach")
    story.grant_consent(household, organisation, ["werk_inkomen"], recorded_by=regisseur, resident=portal_piet)
    response = piet_client.post(reverse("portal:member_access"), {"member": portal_anna.pk})
    assert response.status_code == 302
    assert "Piets Werkcoach" in anna_client.get(reverse("portal:consents")).content.decode()
    grant = MemberAccessGrant.objects.get()
    piet_client.post(reverse("portal:member_access"), {"withdraw": grant.pk})
    assert "Piets Werkcoach" not in anna_client.get(reverse("portal:consents")).content.decode()


def test_access_to_see_is_not_access_to_withdraw_the_members_consent(
    anna_client, piet_client, household, regisseur, portal_anna, portal_piet
):
    consent = story.grant_consent(
        household, story.partner_organisation(), ["werk_inkomen"], recorded_by=regisseur, resident=portal_piet
    )
    piet_client.post(reverse("portal:member_access"), {"member": portal_anna.pk})
    response = anna_client.post(reverse("portal:consents"), {"consent": consent.pk, "reason": "Wil ik niet"})
    assert response.status_code == 400
    assert Consent.objects.get(pk=consent.pk).withdrawn_at is None


def test_giving_and_stopping_access_is_logged_as_the_resident(piet_client, portal_anna, portal_piet):
    piet_client.post(reverse("portal:member_access"), {"member": portal_anna.pk})
    grant = MemberAccessGrant.objects.get()
    piet_client.post(reverse("portal:member_access"), {"withdraw": grant.pk})
    entries = AccessLogEntry.objects.filter(object_type="member_access", action=LogAction.CREATE)
    assert entries.count() == 2
    assert {e.resident_id for e in entries} == {portal_piet.pk}
    assert {e.role for e in entries} == {RESIDENT_ROLE}


def test_access_cannot_be_given_to_a_child_nor_by_one(household, portal_anna):
    child = factories.ResidentFactory(
        household=household, first_name="Sem", date_of_birth=timezone.localdate() - datetime.timedelta(days=365 * 12)
    )
    with pytest.raises(services.PortalError):
        services.give_member_access(portal_anna, child)
    with pytest.raises(services.PortalError):
        services.give_member_access(child, portal_anna)
    response = story.sign_in_to_portal(Client(), portal_anna).post(
        reverse("portal:member_access"), {"member": child.pk}
    )
    assert response.status_code == 400
    assert not MemberAccessGrant.objects.exists()


def test_access_cannot_be_given_to_a_resident_of_another_household(portal_anna):
    stranger = factories.ResidentFactory(first_name="Bea")
    with pytest.raises(services.PortalError):
        services.give_member_access(portal_anna, stranger)
    response = story.sign_in_to_portal(Client(), portal_anna).post(
        reverse("portal:member_access"), {"member": stranger.pk}
    )
    assert response.status_code == 400


def test_a_grant_adds_the_giver_to_what_the_receiver_sees(portal_anna, portal_piet):
    assert portal_piet.pk not in resident_decision(portal_anna).resident_ids
    services.give_member_access(portal_piet, portal_anna)
    assert portal_piet.pk in resident_decision(portal_anna).resident_ids
    assert portal_anna.pk not in resident_decision(portal_piet).resident_ids  # one way only


def test_only_the_giver_can_stop_an_access(anna_client, portal_anna, portal_piet):
    grant = services.give_member_access(portal_piet, portal_anna)
    response = anna_client.post(reverse("portal:member_access"), {"withdraw": grant.pk})
    assert response.status_code == 400
    assert MemberAccessGrant.objects.get().withdrawn_at is None
