# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Account administration: invite (one-time link → password → TOTP), roles, second-factor reset with a reason,
switching off with a handover of households; who may manage which account; unknown and forbidden look the same."""

from __future__ import annotations

import datetime
import re
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from eenplan.access.models import AccessLogEntry
from eenplan.accounts.models import AccountEvent, AccountEventKind, Membership, OrganisationType, Role, User
from eenplan.plans.models import RegisseurTransfer
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "groene-fiets-rijdt-snel"


@pytest.fixture
def municipality():
    return factories.OrganisationFactory(name="Gemeente", type=OrganisationType.WERK_EN_INKOMEN)


@pytest.fixture
def gemeente_admin(municipality) -> User:
    """Fenna, functional administrator of the municipality itself (no team): maintains every account."""
    user = factories.UserFactory(full_name="Fenna Beheer")
    factories.MembershipFactory(user=user, organisation=municipality, team=None, role=Role.FUNCTIONAL_ADMIN)
    return user


@pytest.fixture
def gemeente_admin_client(gemeente_admin) -> Client:
    return login_verified(Client(), gemeente_admin)


def invite(client: Client, team, **extra):
    data = {
        "full_name": "Nadia Nieuw",
        "email": "nadia@wijkteam.example",
        "organisation": team.organisation_id,
        "team": team.pk,
        "role": Role.REGISSEUR,
        **extra,
    }
    return client.post(reverse("staff:invite"), data)


def without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def invitation_path(message) -> str:
    found = re.search(r"https?://[^/]+(/uitnodiging/\S+)", message.body)
    assert found, message.body
    return found.group(1)


def test_an_invited_professional_sets_a_password_and_links_an_app(gemeente_admin_client, team):
    response = invite(gemeente_admin_client, team)
    assert response.status_code == 302
    user = User.objects.get(email="nadia@wijkteam.example")
    assert not user.has_usable_password()
    assert user.memberships.get().role == Role.REGISSEUR
    newcomer = Client()
    form = newcomer.get(invitation_path(mail.outbox[0]), follow=True)
    assert form.context["validlink"]
    enrol = newcomer.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert enrol.context["enrolling"] is True  # on to linking the authenticator app
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    device.key = factories.TOTP_HEX_KEY
    device.save()
    done = newcomer.post("/inloggen/code/", {"token": factories.current_totp_code(device)})
    assert done.status_code == 302
    assert TOTPDevice.objects.get(user=user).confirmed


def test_the_invitation_link_works_once(gemeente_admin_client, team):
    invite(gemeente_admin_client, team)
    path = invitation_path(mail.outbox[0])
    first = Client()
    form = first.get(path, follow=True)
    first.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert Client().get(path, follow=True).context["validlink"] is False


def test_the_invitation_link_expires(gemeente_admin_client, team, settings):
    invite(gemeente_admin_client, team)
    path = invitation_path(mail.outbox[0])
    settings.ACCOUNT_INVITATION_DAYS = 0
    later = datetime.datetime.now() + datetime.timedelta(days=1)
    with mock.patch("eenplan.accounts.tokens.InvitationTokenGenerator._now", return_value=later):
        assert Client().get(path, follow=True).context["validlink"] is False


def test_an_invitation_to_an_existing_address_is_refused_with_400(gemeente_admin_client, team, professional):
    response = invite(gemeente_admin_client, team, email=professional.email.upper())
    assert response.status_code == 400
    assert mail.outbox == []


def test_a_team_leader_invites_for_their_own_organisation_only(client, team):
    leader = factories.wijkteam_member(team=team, role=Role.TEAM_LEADER)
    login_verified(client, leader)
    other_team = factories.TeamFactory()
    assert invite(client, other_team).status_code == 400
    assert invite(client, team, role=Role.FUNCTIONAL_ADMIN).status_code == 400
    assert invite(client, team).status_code == 302


def test_a_professional_without_a_coordinating_role_cannot_open_the_account_pages(verified_client):
    assert verified_client.get(reverse("staff:accounts")).status_code == 403


def test_an_account_outside_ones_organisations_answers_as_an_unknown_one(client, team, other_team_household):
    leader = factories.wijkteam_member(team=team, role=Role.TEAM_LEADER)
    stranger = factories.wijkteam_member(team=other_team_household.owning_team)
    login_verified(client, leader)
    forbidden = client.get(reverse("staff:account", kwargs={"user_id": stranger.pk}))
    unknown = client.get(reverse("staff:account", kwargs={"user_id": 999999}))
    assert forbidden.status_code == unknown.status_code == 404
    assert without_csrf(forbidden).replace(f"/{stranger.pk}/", "/N/") == without_csrf(unknown).replace(
        "/999999/", "/N/"
    )


def test_a_role_is_given_and_ended(gemeente_admin_client, professional, team):
    url = reverse("staff:give_membership", kwargs={"user_id": professional.pk})
    gemeente_admin_client.post(url, {"organisation": team.organisation_id, "team": team.pk, "role": Role.REGISSEUR})
    membership = Membership.objects.get(user=professional, role=Role.REGISSEUR)
    gemeente_admin_client.post(
        reverse("staff:end_membership", kwargs={"user_id": professional.pk, "membership_id": membership.pk})
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()  # given today, ended today: never counted
    assert not User.objects.get(pk=professional.pk).has_role(Role.REGISSEUR)
    kinds = set(AccountEvent.objects.filter(user=professional).values_list("kind", flat=True))
    assert kinds == {AccountEventKind.MEMBERSHIP_GIVEN, AccountEventKind.MEMBERSHIP_ENDED}


def test_resetting_the_second_step_removes_the_app_and_keeps_the_reason(
    gemeente_admin_client, professional, gemeente_admin
):
    url = reverse("staff:reset_mfa", kwargs={"user_id": professional.pk})
    assert gemeente_admin_client.post(url, {"reason": "kort"}).status_code == 400
    assert TOTPDevice.objects.filter(user=professional).exists()
    gemeente_admin_client.post(url, {"reason": "Telefoon gestolen, gebeld en gecontroleerd"})
    assert not TOTPDevice.objects.filter(user=professional).exists()
    event = AccountEvent.objects.get(user=professional, kind=AccountEventKind.MFA_RESET)
    assert event.by == gemeente_admin and "gestolen" in event.reason


def test_switching_off_warns_while_households_have_this_regisseur(gemeente_admin_client, team):
    leaving = factories.wijkteam_member(team=team, role=Role.REGISSEUR)
    factories.HouseholdFactory(owning_team=team, regisseur=leaving)
    url = reverse("staff:deactivate", kwargs={"user_id": leaving.pk})
    page = gemeente_admin_client.get(url)
    assert page.context["households_left"] == 1
    refused = gemeente_admin_client.post(url, {"reason": "Uit dienst per 1 december"})
    assert refused.status_code == 400
    assert User.objects.get(pk=leaving.pk).is_active


def test_a_handover_moves_the_regisseur_and_then_the_account_is_switched_off(gemeente_admin_client, team):
    leaving = factories.wijkteam_member(team=team, role=Role.REGISSEUR)
    successor = factories.wijkteam_member(team=team, role=Role.REGISSEUR)
    household = factories.HouseholdFactory(owning_team=team, regisseur=leaving)
    page = gemeente_admin_client.get(reverse("staff:deactivate", kwargs={"user_id": leaving.pk}))
    assert [c.pk for c in page.context["items"][0].candidates] == [successor.pk]
    before = AccessLogEntry.objects.count()
    gemeente_admin_client.post(
        reverse("staff:hand_over", kwargs={"user_id": leaving.pk}),
        {"household": household.pk, "to_user": successor.pk, "note": "Lopende schuldhulp, bel de moeder"},
    )
    household.refresh_from_db()
    assert household.regisseur == successor
    assert RegisseurTransfer.objects.filter(household=household, to_user=successor).exists()
    assert AccessLogEntry.objects.filter(pk__gt=before, household_id=household.pk, action="update").exists()
    gemeente_admin_client.post(
        reverse("staff:deactivate", kwargs={"user_id": leaving.pk}), {"reason": "Uit dienst per 1 december"}
    )
    leaving.refresh_from_db()
    assert not leaving.is_active
    assert not User.objects.get(pk=leaving.pk).active_memberships()


def test_a_handover_to_someone_outside_the_team_is_refused(gemeente_admin_client, team):
    leaving = factories.wijkteam_member(team=team, role=Role.REGISSEUR)
    outsider = factories.wijkteam_member(role=Role.REGISSEUR)
    household = factories.HouseholdFactory(owning_team=team, regisseur=leaving)
    gemeente_admin_client.post(
        reverse("staff:hand_over", kwargs={"user_id": leaving.pk}),
        {"household": household.pk, "to_user": outsider.pk, "note": "Overdracht"},
    )
    household.refresh_from_db()
    assert household.regisseur == leaving


def test_the_account_list_pages_with_constant_queries(gemeente_admin_client, team, django_assert_max_num_queries):
    for _ in range(3):
        factories.wijkteam_member(team=team)
    with django_assert_max_num_queries(20) as few:
        gemeente_admin_client.get(reverse("staff:accounts"))
    for _ in range(10):
        factories.wijkteam_member(team=team)
    with django_assert_max_num_queries(len(few.captured_queries)):
        gemeente_admin_client.get(reverse("staff:accounts"))


def test_the_account_page_says_how_many_passkeys_the_reset_removes_too(gemeente_admin_client, professional):
    for name in ("Laptop", "Telefoon"):
        WebAuthnCredential.objects.create(
            user=professional, name=name, credential_id=name.encode(), public_key=b"-", aaguid="0", confirmed=True
        )
    page = gemeente_admin_client.get(reverse("staff:account", kwargs={"user_id": professional.pk}))
    assert page.context["passkey_count"] == 2
