# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""eHerkenning for a representative (issue 15): a bewindvoerder logs in at a real OpenID Connect provider started by
the tests (tests/portal/conftest.py) and sees the represented resident's portal, and only that."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from eenplan.access.models import AccessLogEntry, LogAction
from eenplan.access.policy import REPRESENTATIVE_ROLE
from eenplan.portal.models import Message, Representative
from tests import access_helpers as story
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

ANNA_BSN, _PIET_BSN, UNKNOWN_BSN = story.TEST_BSNS[:3]
KVK = "12345678"
ACTING = "4B75A0EA107B3D36C82FD675B5B78CC2F181B22E33D85F2D4A5DA63452EE3018@2D8FF1EF10279BC2643F376D89835151"
SERVICE_ID = "urn:etoegang:DV:00000001002308836000:services:9113"
SERVICE_UUID = "34085d78-21aa-4481-a219-b28d7f3282fc"


def bewindvoering_claims(bsn: str = ANNA_BSN, **changes: object) -> dict[str, object]:
    """What an eHerkenning broker says for a bewindvoerder of KvK 12345678 acting for the person with `bsn`, under
    the claim names of django-digid-eherkenning's bewindvoering schema (its defaults)."""
    claims: dict[str, object] = {
        "namequalifier": "urn:etoegang:1.9:EntityConcernedID:KvKnr",
        "urn:etoegang:core:LegalSubjectID": KVK,
        "urn:etoegang:core:ActingSubjectID": ACTING,
        "sel_uid": bsn,
        "urn:etoegang:core:ServiceID": SERVICE_ID,
        "urn:etoegang:core:ServiceUUID": SERVICE_UUID,
    }
    claims.update(changes)
    return {name: value for name, value in claims.items() if value is not None}


def start(client: Client) -> str:
    """EenPlan's start: the redirect to the broker's authorize endpoint."""
    response = client.get(reverse("portal:eherkenning_login"))
    assert response.status_code == 302
    return str(response["Location"])


def log_in_at_broker(broker: str, authorize_url: str, claims: dict[str, object], sub: str = "bewindvoerder-1") -> str:
    """The representative at the broker: their claims are set, they log in (the authorize form), and the broker
    answers with the redirect to EenPlan's callback (code and state)."""
    assert authorize_url.startswith(f"{broker}/oauth2/authorize?")
    assert requests.put(f"{broker}/users/{sub}", json=claims, timeout=10).status_code == 204
    answer = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text[:500]
    return answer.headers["Location"]


def log_in_as_representative(client: Client, broker: str, claims: dict[str, object]):
    callback = log_in_at_broker(broker, start(client), claims)
    assert callback.startswith("http://testserver" + reverse("portal:eherkenning_callback"))
    return client.get(callback)


def test_the_login_page_offers_eherkenning_for_a_representative_when_it_is_configured(client, eherkenning_config):
    page = client.get(reverse("portal:login")).content.decode()
    assert reverse("portal:eherkenning_login") in page


def test_without_a_configuration_the_login_page_offers_no_eherkenning(client):
    page = client.get(reverse("portal:login")).content.decode()
    assert reverse("portal:eherkenning_login") not in page
    assert client.get(reverse("portal:eherkenning_login")).status_code == 302


def test_the_start_sends_the_representative_to_the_broker_with_state_and_nonce(client, eherkenning_config):
    query = parse_qs(urlsplit(start(client)).query)
    assert query["client_id"] == ["eenplan-test"]
    assert query["redirect_uri"] == ["http://testserver" + reverse("portal:eherkenning_callback")]
    assert query["state"] and query["nonce"]


def test_a_representative_opens_the_represented_residents_portal_with_the_banner(
    client, eherkenning_broker, eherkenning_config, portal_anna
):
    response = log_in_as_representative(client, eherkenning_broker, bewindvoering_claims())
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    home = client.get(reverse("portal:home"))
    assert home.status_code == 200
    text = home.content.decode()
    with translation.override("nl"):
        banner = translation.gettext("You act on behalf of %(name)s as representative of %(organisation)s.") % {
            "name": "Anna Vries",
            "organisation": "KvK 12345678",
        }
    assert banner in " ".join(text.split())


def test_the_banner_is_on_every_portal_page(client, eherkenning_broker, eherkenning_config, portal_anna):
    log_in_as_representative(client, eherkenning_broker, bewindvoering_claims())
    for name in ("portal:plan", "portal:consents", "portal:access_log", "portal:messages", "portal:my_data"):
        page = client.get(reverse(name))
        assert page.status_code == 200
        assert "KvK 12345678" in page.content.decode(), name


def test_the_representative_sees_nothing_of_another_household(
    client, eherkenning_broker, eherkenning_config, portal_anna, other_team_household, regisseur
):
    other = story.resident_with_bsn(other_team_household, story.TEST_BSNS[3], first_name="Zeynep", last_name="Kaya")
    story.plan_with_goal_and_action(other_team_household, regisseur)
    Message.objects.create(household=other_team_household, author=regisseur, body="Bericht voor de buren")
    log_in_as_representative(client, eherkenning_broker, bewindvoering_claims())
    for name in ("portal:home", "portal:plan", "portal:messages"):
        text = client.get(reverse(name)).content.decode()
        assert "Zeynep" not in text and "Ik wil rust over geld" not in text and "Bericht voor de buren" not in text
    assert client.session["_eenplan_portal_resident"] == portal_anna.pk != other.pk


def test_a_bsn_without_a_household_gets_the_neutral_answer_and_no_session(
    client, eherkenning_broker, eherkenning_config, portal_anna
):
    response = log_in_as_representative(client, eherkenning_broker, bewindvoering_claims(bsn=UNKNOWN_BSN))
    assert response.status_code == 403
    with translation.override("nl"):
        neutral = translation.gettext(
            "You logged in with eHerkenning, but there is no plan in EenPlan for the person you represent. Did they ask"
            " the neighbourhood team for help? Then ask the team to check the details."
        )
    assert neutral in " ".join(response.content.decode().split())
    assert client.get(reverse("portal:home")).status_code == 302


@pytest.mark.parametrize(
    "changes",
    [
        {"sel_uid": "123456789"},  # fails the elfproef
        {"sel_uid": None},
        {"urn:etoegang:core:LegalSubjectID": "1234"},
        {"urn:etoegang:core:ActingSubjectID": None},
        {"urn:etoegang:core:ServiceID": None, "urn:etoegang:core:ServiceUUID": None},
    ],
    ids=["bsn-invalid", "bsn-missing", "kvk-invalid", "acting-missing", "service-missing"],
)
def test_missing_or_invalid_claims_give_a_message_and_no_session(
    client, eherkenning_broker, eherkenning_config, portal_anna, changes
):
    response = log_in_as_representative(client, eherkenning_broker, bewindvoering_claims(**changes))
    assert response.status_code == 302 and response["Location"] == reverse("portal:login")
    assert client.get(reverse("portal:home")).status_code == 302
    assert not Representative.objects.exists()


def test_a_mandate_for_another_service_is_refused(
    settings, client, eherkenning_broker, eherkenning_config, portal_anna
):
    settings.EHERKENNING_MANDATE_SERVICES = ["urn:etoegang:DV:00000001002308836000:services:1"]
    response = log_in_as_representative(client, eherkenning_broker, bewindvoering_claims())
    assert response["Location"] == reverse("portal:login")
    assert client.get(reverse("portal:home")).status_code == 302


def test_the_log_records_the_representative_not_the_resident(
    client, eherkenning_broker, eherkenning_config, portal_anna
):
    log_in_as_representative(client, eherkenning_broker, bewindvoering_claims())
    client.get(reverse("portal:plan"))
    entry = AccessLogEntry.objects.filter(object_type="plan").get()
    representative = Representative.objects.get()
    assert entry.user_id == representative.user_id
    assert entry.role == REPRESENTATIVE_ROLE and entry.justification == "representative"
    assert entry.resident_id == portal_anna.pk
    assert representative.legal_subject == KVK and representative.acting_subject == ACTING
    assert ANNA_BSN not in representative.user.full_name and ANNA_BSN not in representative.user.email


def test_the_resident_sees_in_who_looked_that_the_representative_looked(
    client, eherkenning_broker, eherkenning_config, portal_anna
):
    log_in_as_representative(client, eherkenning_broker, bewindvoering_claims())
    client.get(reverse("portal:plan"))
    anna = story.sign_in_to_portal(Client(), portal_anna)
    text = anna.get(reverse("portal:access_log")).content.decode()
    assert "KvK 12345678" in text


def test_the_representative_may_not_agree_to_the_plan_or_withdraw_a_consent(
    client, eherkenning_broker, eherkenning_config, portal_anna, regisseur_plan
):
    plan = regisseur_plan
    log_in_as_representative(client, eherkenning_broker, bewindvoering_claims())
    assert client.post(reverse("portal:plan"), {"agree": "1"}).status_code == 403
    assert client.post(reverse("portal:consents"), {"consent": "1", "reason": "x"}).status_code == 403
    plan.refresh_from_db()
    assert not plan.portal_agreements.exists()
    refused = AccessLogEntry.objects.filter(action=LogAction.REFUSED, role=REPRESENTATIVE_ROLE)
    assert refused.count() == 2


def test_the_representative_sends_a_message_marked_as_theirs(
    client, eherkenning_broker, eherkenning_config, portal_anna, household
):
    log_in_as_representative(client, eherkenning_broker, bewindvoering_claims())
    response = client.post(reverse("portal:messages"), {"body": "Ik ben de bewindvoerder van Anna."})
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.from_resident_id == portal_anna.pk
    assert message.author_id == Representative.objects.get().user_id
    assert "KvK 12345678" in client.get(reverse("portal:messages")).content.decode()


def test_a_state_that_is_not_this_sessions_is_refused(client, eherkenning_broker, eherkenning_config, portal_anna):
    callback = log_in_at_broker(eherkenning_broker, start(client), bewindvoering_claims())
    parts = urlsplit(callback)
    query = parse_qs(parts.query)
    tampered = f"{parts.path}?code={query['code'][0]}&state=not-the-state"
    assert client.get(tampered).status_code == 400
    assert client.get(reverse("portal:home")).status_code == 302


def test_the_same_code_in_another_session_is_refused(client, eherkenning_broker, eherkenning_config, portal_anna):
    callback = log_in_at_broker(eherkenning_broker, start(client), bewindvoering_claims())
    stranger = Client()
    assert stranger.get(callback).status_code in (302, 400)
    assert stranger.get(reverse("portal:home")).status_code == 302


def test_a_representative_can_log_out(client, eherkenning_broker, eherkenning_config, portal_anna):
    log_in_as_representative(client, eherkenning_broker, bewindvoering_claims())
    client.post(reverse("portal:logout"))
    assert client.get(reverse("portal:home")).status_code == 302


def test_the_broker_saying_no_gives_a_message_and_no_session(
    client, eherkenning_broker, eherkenning_config, portal_anna
):
    authorize = start(client)
    denied = requests.post(authorize, data={"action": "deny"}, allow_redirects=False, timeout=10)
    assert denied.status_code == 302 and "error=" in denied.headers["Location"]
    response = client.get(denied.headers["Location"])
    assert response.status_code == 302 and response["Location"] == reverse("portal:login")
    assert client.get(reverse("portal:home")).status_code == 302


def test_claims_from_the_userinfo_endpoint(client, eherkenning_broker, eherkenning_config, portal_anna):
    eherkenning_config.claims_source = "userinfo_endpoint"
    eherkenning_config.save()
    response = log_in_as_representative(client, eherkenning_broker, bewindvoering_claims())
    assert response["Location"] == reverse("portal:home")
    assert client.get(reverse("portal:home")).status_code == 200


def test_the_representative_is_not_offered_what_they_may_not_do(
    client, eherkenning_broker, eherkenning_config, portal_anna, regisseur_plan
):
    anna = story.sign_in_to_portal(Client(), portal_anna)
    assert 'name="agree"' in anna.get(reverse("portal:plan")).content.decode()  # the resident is asked to agree
    log_in_as_representative(client, eherkenning_broker, bewindvoering_claims())
    assert 'name="agree"' not in client.get(reverse("portal:plan")).content.decode()
    assert reverse("portal:self_assessment_form") not in client.get(reverse("portal:self_assessment")).content.decode()
    assert 'name="text"' not in client.get(reverse("portal:my_data")).content.decode()
    assert 'name="body"' in client.get(reverse("portal:messages")).content.decode()


def test_a_broker_over_plain_http_elsewhere_is_refused(client, eherkenning_config):
    eherkenning_config.oidc_op_token_endpoint = "http://broker.example.nl/token"
    eherkenning_config.save()
    assert reverse("portal:eherkenning_login") not in client.get(reverse("portal:login")).content.decode()
    with pytest.raises(ValidationError):
        eherkenning_config.full_clean()


def test_the_client_secret_comes_from_the_environment_not_the_database(eherkenning_config):
    from eenplan.portal.oidc import RepresentativeBackend

    assert RepresentativeBackend(eherkenning_config).OIDC_RP_CLIENT_SECRET == "secret-from-the-environment"
    assert not any("secret" in field.name for field in eherkenning_config._meta.get_fields())


def test_the_regisseur_sees_the_message_came_from_the_representative(
    client, eherkenning_broker, eherkenning_config, portal_anna, household, regisseur
):
    log_in_as_representative(client, eherkenning_broker, bewindvoering_claims())
    client.post(reverse("portal:messages"), {"body": "Ik ben de bewindvoerder van Anna."})
    representative = Representative.objects.get()
    page = login_verified(Client(), regisseur).get(reverse("portal:household", kwargs={"pk": household.pk}))
    with translation.override("nl"):
        expected = translation.gettext("%(who)s, for %(name)s") % {
            "who": representative.user.full_name,
            "name": "Anna",
        }
    assert expected in " ".join(page.content.decode().split())


def test_without_the_secret_in_the_environment_eherkenning_is_not_offered(settings, client, eherkenning_config):
    settings.EHERKENNING_OIDC_CLIENT_SECRET = ""
    assert reverse("portal:eherkenning_login") not in client.get(reverse("portal:login")).content.decode()
    assert client.get(reverse("portal:eherkenning_login"))["Location"] == reverse("portal:login")


def test_an_id_token_not_signed_by_the_brokers_key_is_refused(
    client, eherkenning_broker, eherkenning_config, portal_anna
):
    import oidc_provider_mock

    with oidc_provider_mock.run_server_in_thread() as impostor:  # another provider: another signing key
        eherkenning_config.oidc_op_jwks_endpoint = f"http://localhost:{impostor.server_port}/jwks"
        eherkenning_config.save()
        response = log_in_as_representative(client, eherkenning_broker, bewindvoering_claims())
    assert response.status_code == 400
    assert client.get(reverse("portal:home")).status_code == 302
    assert not Representative.objects.exists()
