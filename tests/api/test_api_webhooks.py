# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Outgoing events: a referral's state change is posted, signed with HMAC-SHA256, to the webhooks of the clients of
the organisations on its sides; no personal data in the body; a failed delivery is retried with backoff."""

from __future__ import annotations

import hashlib
import hmac
import http.server
import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from eenplan.api.webhooks import SIGNATURE_HEADER, deliver_referral_event, set_webhook
from eenplan.notifications.tasks import RETRY_SCHEDULED
from tests import access_helpers as story
from tests.api.conftest import system_of

pytestmark = pytest.mark.django_db


class Receiver:
    """A partner's webhook endpoint on 127.0.0.1, started by the test: records each POST, answers `status`."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.status = 200
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/eenplan-events"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def webhook_receiver() -> Iterator[Receiver]:
    running = Receiver()
    yield running
    running.close()


@pytest.fixture
def referral_to_debt_help(plan_with_health_goal, household, regisseur, debt_help):
    story.grant_consent(household, debt_help, ["financien"], recorded_by=regisseur)
    return story.referral_to(household, debt_help, regisseur)


def _receive(system, household, referral, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    url = f"/api/v1/households/{household.pk}/referrals/{referral.pk}/transitions/"
    with django_capture_on_commit_callbacks(execute=True):
        response = system.post(url, {"to_state": "ontvangen"}, **{"If-Match": "*"})
    assert response.status_code == 200, response.content


def test_a_state_change_is_posted_signed_to_the_referrers_webhook(
    referral_to_debt_help, household, wijkteam_system, debt_system, webhook_receiver, django_capture_on_commit_callbacks
):
    secret = set_webhook(wijkteam_system.client, webhook_receiver.url)
    _receive(debt_system, household, referral_to_debt_help, django_capture_on_commit_callbacks)
    [(headers, body)] = webhook_receiver.received
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    assert headers[SIGNATURE_HEADER.lower()] == expected
    event = json.loads(body)
    assert (event["referral"], event["from_state"], event["state"]) == (
        referral_to_debt_help.pk,
        "verzonden",
        "ontvangen",
    )


def test_the_event_holds_ids_and_states_only(
    referral_to_debt_help, household, wijkteam_system, debt_system, webhook_receiver, django_capture_on_commit_callbacks
):
    set_webhook(wijkteam_system.client, webhook_receiver.url)
    _receive(debt_system, household, referral_to_debt_help, django_capture_on_commit_callbacks)
    event = json.loads(webhook_receiver.received[0][1])
    assert set(event) == {"type", "id", "occurred_at", "referral", "household", "from_state", "state", "href"}
    body = webhook_receiver.received[0][1].decode()
    for personal in (household.residents.get().first_name, referral_to_debt_help.summary, household.street):
        assert personal not in body


def test_an_organisation_on_neither_side_gets_no_event(
    referral_to_debt_help, household, debt_system, webhook_receiver, django_capture_on_commit_callbacks
):
    bystander = system_of(story.partner_organisation("Woningcorporatie Thuis"))
    set_webhook(bystander.client, webhook_receiver.url)
    _receive(debt_system, household, referral_to_debt_help, django_capture_on_commit_callbacks)
    assert webhook_receiver.received == []


def test_a_failed_delivery_is_retried_after_a_backoff_and_then_delivered(
    referral_to_debt_help, wijkteam_system, webhook_receiver
):
    set_webhook(wijkteam_system.client, webhook_receiver.url)
    event = referral_to_debt_help.events.create(from_state="", to_state="verzonden", by=wijkteam_system.client.user)
    webhook_receiver.status = 503
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}, TASK_MAX_ATTEMPTS=3):
        deliver_referral_event.enqueue(wijkteam_system.client.pk, event.pk)
        _run_worker()
        assert DBTaskResult.objects.get(status="FAILED").exception_class_path == RETRY_SCHEDULED
        waiting = DBTaskResult.objects.get(status="READY")
        assert waiting.run_after > timezone.now()
        webhook_receiver.status = 200
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - timedelta(seconds=1))
        _run_worker()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    assert len(webhook_receiver.received) == 2
    assert (
        webhook_receiver.received[0][0]["x-eenplan-delivery"] == webhook_receiver.received[1][0]["x-eenplan-delivery"]
    )


def _run_worker() -> None:
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0)
