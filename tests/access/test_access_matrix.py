# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The authorization matrix: every role × every consent state × every household-scoped URL.

Each cell states whether the page opens (2xx/3xx) or is refused (403). The expectations are written out from
DESIGN.md §2 rather than computed by the policy under test.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.access.models import AccessLogEntry
from eenplan.households.models import Household
from eenplan.plans.models import CareTeamMember, NetworkMember
from tests import access_helpers as story
from tests import factories
from tests.access.matrix_urls import PORTAL_PAGES, URLS
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

CONSENT_STATES = [
    "none",
    "valid",
    "single_resident",
    "expired",
    "withdrawn",
    "wrong_category",
    "other_organisation",
    "break_glass",
]
# Under "single_resident" the consent is Mila's own; Quinten, another member of the household, owns the action.
OTHER_RESIDENT = "Quinten"

COLLABORATION_CONFERENCE_PAGES = {
    "collaboration:conference",
    "collaboration:agenda_item_add",
    "collaboration:minutes",
    "collaboration:decision_add",
    "collaboration:attendance",
    "collaboration:invite",
    "collaboration:conference_consent",
}
# Past the door: a page (200), a redirect (302), or a POST-only view refusing the GET itself (405).
ALLOWED_STATUSES = {200, 302, 405}

TEAM = {"regisseur", "wijkteam_member"}
MAY_BREAK_GLASS = {"regisseur", "wijkteam_member", "other_team_member", "team_leader", "partner"}


def expected_allowed(role: str, state: str, kind: str) -> bool:
    if role == "moved_regisseur":
        # Still named as the household's regisseur, but their team membership ended and they now work for the
        # partner organisation: rights end with the membership that granted them (DESIGN.md §5, invariant 9).
        role = "partner"
    if state == "single_resident":
        state = "valid"  # a consent given by one resident opens the same pages; what they show is checked below
    partner_reads = role == "partner" and state in {"valid", "wrong_category"}
    emergency = state == "break_glass" and role in MAY_BREAK_GLASS
    if kind == "read":
        return role in TEAM or partner_reads or emergency
    if kind in {"change", "consent"}:
        return role in TEAM
    if kind == "log":
        return role in {"regisseur", "privacy_officer"}
    if kind == "break_glass":
        return role in MAY_BREAK_GLASS
    if kind == "workflow":
        # Regisseur, plan status, dates and what is overdue, without content: the owning team and its leader.
        return role in TEAM or role == "team_leader"
    if kind == "referral_row":
        # The referral goes to the partner's organisation: its receivers see it while their consent holds;
        # emergency access is read-only and gives no side in a referral.
        return role in TEAM or (role == "partner" and state in {"valid", "wrong_category"})
    if kind == "commitment_decision":
        # Deciding above someone's mandate takes a mandate level, not a consent: only the team leader has one here
        # (tests/access_helpers.py wijkbudget_commitment), and never for their own request.
        return role == "team_leader"
    if kind == "action_row":
        # The action is in the "financien" category: a partner sees it only under a consent for finances.
        return role in TEAM or (role == "partner" and state == "valid") or emergency
    raise AssertionError(kind)


def arrange(role: str, state: str):
    household = factories.HouseholdFactory(display_name="Jansen")
    resident = factories.ResidentFactory(household=household, first_name="Mila", last_name="Jansen")
    partner_org = story.partner_organisation()
    recorder = factories.wijkteam_member(team=household.owning_team)
    user = story.person_in_role(role, household, partner_org)
    today = timezone.localdate()
    if state == "valid":
        story.grant_consent(household, partner_org, ["financien"], recorded_by=recorder)
    elif state == "single_resident":
        story.grant_consent(household, partner_org, ["financien"], recorded_by=recorder, resident=resident)
    elif state == "expired":
        story.grant_consent(
            household,
            partner_org,
            ["financien"],
            recorded_by=recorder,
            valid_from=today - datetime.timedelta(days=60),
            valid_until=today - datetime.timedelta(days=1),
        )
    elif state == "withdrawn":
        consent = story.grant_consent(household, partner_org, ["financien"], recorded_by=recorder)
        story.withdraw(consent, recorder)
    elif state == "wrong_category":
        story.grant_consent(household, partner_org, ["wonen"], recorded_by=recorder)
    elif state == "other_organisation":
        story.grant_consent(
            household, story.partner_organisation("Andere Partner"), ["financien"], recorded_by=recorder
        )
    consent_for_urls = story.grant_consent(
        household, story.partner_organisation("Corporatie"), ["wonen"], recorded_by=recorder
    )
    plan = story.plan_with_goal_and_action(household, recorder)
    if state == "single_resident":
        quinten = factories.ResidentFactory(household=household, first_name=OTHER_RESIDENT, phone="06 99887766")
        plan.actions.update(owner_kind="resident", owner_user=None, owner_resident=quinten)
    if role == "moved_regisseur":
        Household.objects.filter(pk=household.pk).update(regisseur=user)  # starting the plan named the recorder
    CareTeamMember.objects.create(household=household, organisation=partner_org, role="Schuldhulp")
    NetworkMember.objects.create(household=household, name="Petra", relation="zus")
    story.intake_for(household, recorder)
    story.referral_to(household, partner_org, recorder)
    story.wijkbudget_commitment(household, recorder)
    story.conference_for(household, recorder, professionals=(recorder,))
    story.escalation_for(
        household, recorder, recorder, story.escalation_mandate(recorder.memberships.get().organisation)
    )
    return household, resident, consent_for_urls, user


def url_for(name: str, household, resident, consent) -> str:
    plan = household.plans.get()
    if name in {"referrals:detail", "referrals:move"}:
        return reverse(name, kwargs={"referral_pk": household.referrals.get().pk})
    if name == "referrals:refer":
        return reverse(name, kwargs={"pk": household.pk, "action_pk": plan.actions.get().pk})
    if name == "budget:decide":
        return reverse(name, kwargs={"commitment_pk": household.commitments.get().pk})
    if name == "plans:my_action_status":
        return reverse(name, kwargs={"action_pk": plan.actions.get().pk})
    if name == "collaboration:escalation":
        return reverse(name, kwargs={"escalation_pk": household.escalations.get().pk})
    kwargs = {"pk": household.pk}
    if name == "budget:commit":
        kwargs["action_pk"] = plan.actions.get().pk
    if name in {"budget:pay", "budget:release"}:
        kwargs["commitment_pk"] = household.commitments.get().pk
    if name in COLLABORATION_CONFERENCE_PAGES:
        kwargs["conference_pk"] = household.case_conferences.get().pk
    if name == "plans:goal_edit":
        kwargs["goal_pk"] = plan.goals.get().pk
    if name == "plans:action_edit":
        kwargs["action_pk"] = plan.actions.get().pk
    if name == "plans:reopen":
        kwargs["plan_pk"] = plan.pk
    if name == "plans:care_team_edit":
        kwargs["member_pk"] = household.care_team.get().pk
    if name == "plans:network_edit":
        kwargs["member_pk"] = household.network_members.get().pk
    if name == "intake:intake_detail":
        kwargs["intake_pk"] = household.intakes.get().pk
    if name == "households:resident_edit":
        kwargs["resident_pk"] = resident.pk
    if name in {"access:consent_edit", "access:consent_withdraw"}:
        kwargs["consent_pk"] = consent.pk
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("state", CONSENT_STATES)
@pytest.mark.parametrize("role", story.ALL_ROLES)
def test_authorization_matrix(client, role, state):
    household, resident, consent, user = arrange(role, state)
    login_verified(client, user)
    if state == "break_glass":
        # The person asks for emergency access through the real form; refused roles get a 403 and nothing.
        client.post(
            reverse("access:break_glass", kwargs={"pk": household.pk}),
            {"reason": "veiligheid", "explanation": "Acute dreiging gemeld, kinderen in huis, politie onderweg"},
        )
    wrong = []
    for name, kind in URLS.items():
        last_entry = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        response = client.get(url_for(name, household, resident, consent))
        allowed = response.status_code in ALLOWED_STATUSES
        logged = list(AccessLogEntry.objects.filter(id__gt=last_entry).values_list("action", flat=True))
        if response.status_code not in ALLOWED_STATUSES | {403}:
            wrong.append(f"{name}: unexpected status {response.status_code}")
        elif allowed != expected_allowed(role, state, kind):
            wrong.append(f"{name}: got {response.status_code}, expected {'allow' if not allowed else 'deny'}")
        elif allowed and shows_other_resident(role, state, response):
            wrong.append(f"{name}: shows {OTHER_RESIDENT}, whom the consent does not cover")
        elif not allowed and logged != ["refused"]:
            wrong.append(f"{name}: refused, but logged {logged} instead of one refusal")
        elif allowed and (len(logged) > 1 or "refused" in logged):
            wrong.append(f"{name}: opened, but logged {logged}")
    assert not wrong, f"{role} with consent state {state}: " + "; ".join(wrong)


def shows_other_resident(role: str, state: str, response) -> bool:
    """Under a consent given by one resident, a partner's page names no other member (DESIGN.md §5.10; the PDF's
    text is checked in tests/test_leaks_single_resident.py)."""
    if state != "single_resident" or role not in {"partner", "moved_regisseur"}:
        return False
    if response.get("Content-Type", "").startswith("application/pdf"):
        return False
    return OTHER_RESIDENT in response.content.decode()


def test_the_matrix_covers_every_household_scoped_url():
    from tests.url_walk import household_page_url_names

    assert set(URLS) == household_page_url_names()


def test_matrix_size_is_reported():
    """The closing note quotes this number: roles × consent states × URLs."""
    assert len(story.ALL_ROLES) * len(CONSENT_STATES) * len(URLS) == 10 * 8 * 60


# The resident as a role: signed in to Mijn EenPlan, never past the professionals' door of any household.
@pytest.mark.parametrize("state", CONSENT_STATES)
def test_a_resident_in_the_portal_reaches_no_household_page(client, state):
    """A resident of this household, and one of another, in the portal: every household-scoped URL sends them to the
    professionals' login (the portal is no login), none shows a page; the portal shows their own household only."""
    household, resident, consent, _user = arrange("regisseur", state)
    own = story.resident_with_bsn(household, story.TEST_BSNS[0], first_name="Mila")
    stranger = story.resident_with_bsn(factories.HouseholdFactory(display_name="Bakker"), story.TEST_BSNS[1])
    wrong = []
    for signed_in in (own, stranger):
        story.sign_in_to_portal(client, signed_in)
        for name in URLS:
            response = client.get(url_for(name, household, resident, consent))
            refused = response.status_code in {302, 403} and (
                response.status_code == 403 or response["Location"].startswith(reverse("accounts:login"))
            )
            if not refused:
                wrong.append(f"{signed_in.first_name} on {name}: {response.status_code}")
        plan_page = client.get(reverse("portal:plan")).content.decode()
        if signed_in is stranger and "Ik wil rust over geld" in plan_page:
            wrong.append("a resident of another household sees this household's plan")
    assert not wrong, "; ".join(wrong)


def test_every_portal_page_of_a_resident_stays_in_their_own_household(client):
    """The resident as a role on every page of Mijn EenPlan: a resident of another household gets their own pages,
    logged under their own household, and nothing of this one (its plan, its members' names)."""
    household, _resident, _consent, _user = arrange("regisseur", "valid")
    story.resident_with_bsn(household, story.TEST_BSNS[0], first_name="Mila")
    elsewhere = factories.HouseholdFactory(display_name="Bakker")
    stranger = story.resident_with_bsn(elsewhere, story.TEST_BSNS[1], first_name="Bea")
    story.sign_in_to_portal(client, stranger)
    wrong = []
    for name in PORTAL_PAGES:
        response = client.get(reverse(name))
        text = response.content.decode()
        if response.status_code != 200 or "Ik wil rust over geld" in text or "Mila" in text:
            wrong.append(f"{name}: {response.status_code}")
    households = set(AccessLogEntry.objects.filter(role="inwoner").values_list("household_id", flat=True))
    assert households == {elsewhere.pk}
    assert not wrong, "; ".join(wrong)
