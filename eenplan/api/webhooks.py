# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Outgoing events: when a referral changes state, each active API client with a webhook URL whose organisation is
on a side of the referral gets a signed POST, delivered in the background and retried (eenplan/notifications/tasks.py).

The body holds no personal data: only ids, the states and the moment. The receiver fetches the referral through the
API (and its door) if it wants more. The signature header is ``X-EenPlan-Signature: sha256=<hex>``, the HMAC-SHA256
of the raw body with the client's webhook secret; ``X-EenPlan-Delivery`` is the event's unique id (the same on a
retry, so a receiver can drop duplicates).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django_tasks import task

from eenplan.api.models import ApiClient
from eenplan.notifications.tasks import retry_or_raise
from eenplan.referrals.models import ReferralEvent, ReferralState

SIGNATURE_HEADER = "X-EenPlan-Signature"
EVENT_TYPE = "referral.state_changed"


class DeliveryFailed(Exception):
    """The receiver did not answer 2xx (the status only: never the body, which is the receiver's)."""


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def set_webhook(client: ApiClient, url: str) -> str:
    """Set (or clear) the client's webhook URL; a new URL gets a new secret, returned to be shown once."""
    client.webhook_url = url
    client.webhook_secret = new_secret() if url else ""
    client.save(update_fields=["webhook_url", "webhook_secret"])
    return client.webhook_secret


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def payload(event: ReferralEvent) -> dict[str, Any]:
    referral = event.referral
    return {
        "type": EVENT_TYPE,
        "id": f"referral-event-{event.pk}",
        "occurred_at": event.at.isoformat(),
        "referral": referral.pk,
        "household": referral.household_id,
        "from_state": event.from_state or None,
        "state": event.to_state,
        "href": f"/api/v1/households/{referral.household_id}/referrals/{referral.pk}/",
    }


def recipients(event: ReferralEvent) -> list[int]:
    """The active clients with a webhook of the organisations on a side of the referral: the household's own wijkteam
    organisation (the referrer), and the addressed organisation once the referral was sent."""
    referral = event.referral
    sides = Q(organisation_id=referral.household.owning_team.organisation_id)
    if event.to_state != ReferralState.CONCEPT:
        sides |= Q(organisation_id=referral.to_organisation_id)
    clients = ApiClient.objects.active().exclude(webhook_url="").filter(sides)
    return list(clients.values_list("pk", flat=True).order_by("pk"))


def referral_event_saved(sender: type, instance: ReferralEvent, created: bool, **kwargs: object) -> None:
    """A new state: once the change is committed, one delivery task per receiving client."""
    if not created:
        return
    event_id = instance.pk

    def enqueue() -> None:
        event = ReferralEvent.objects.select_related("referral__household__owning_team").filter(pk=event_id).first()
        if event is None:
            return
        for client_id in recipients(event):
            deliver_referral_event.enqueue(client_id, event_id)

    transaction.on_commit(enqueue)


@task()
def deliver_referral_event(client_id: int, event_id: int, attempt: int = 1) -> None:
    """POST the event to the client's webhook, signed; retried with backoff up to TASK_MAX_ATTEMPTS times."""
    try:
        _deliver(client_id, event_id)
    except Exception as error:
        retry_or_raise(deliver_referral_event, attempt, error, client_id, event_id)


def _deliver(client_id: int, event_id: int) -> None:
    client = ApiClient.objects.active().filter(pk=client_id).exclude(webhook_url="").first()
    event = ReferralEvent.objects.select_related("referral").filter(pk=event_id).first()
    if client is None or event is None:  # revoked, webhook removed, or the referral deleted since: nothing to send
        return
    body = json.dumps(payload(event), separators=(",", ":")).encode()
    request = urllib.request.Request(  # noqa: S310 (the functional administrator sets an http(s) URL: URLField)
        client.webhook_url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "EenPlan-webhook/1",
            SIGNATURE_HEADER: signature(client.webhook_secret, body),
            "X-EenPlan-Event": EVENT_TYPE,
            "X-EenPlan-Delivery": f"referral-event-{event.pk}",
        },
    )
    timeout = float(getattr(settings, "WEBHOOK_TIMEOUT_SECONDS", 10))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    if not 200 <= status < 300:
        raise DeliveryFailed(f"webhook answered {status}")
