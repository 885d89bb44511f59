# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Spam protection for the public form without external services: a honeypot field and a rate limit per address.

The address is never stored: only a keyed digest of it, to count recent requests from the same sender; the digest
itself is cleared once it is older than the rate-limit window (`manage.py purge_intake_requests`).

Behind the TLS proxy (environment variable BEHIND_TLS_PROXY) every request comes from the proxy's own address, so
the sender is the client address the proxy appends as the last entry of X-Forwarded-For. Earlier entries come from
the client and can be anything; without the proxy the header is not looked at at all, since anyone can send it.
"""

from __future__ import annotations

import datetime
import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from eenplan.households.crypto import lookup_digest
from eenplan.intake.models import IntakeRequest

HONEYPOT_FIELD = "website"
RATE_LIMIT_WINDOW = datetime.timedelta(hours=1)


def sender_address(request: HttpRequest) -> str:
    """The address to count requests for: the proxy's last X-Forwarded-For entry behind the proxy, else REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if not settings.BEHIND_TLS_PROXY:
        return remote
    # Only the very last entry is the proxy's; an entry before it may be made up by the client.
    last = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(last))
    except ValueError:
        return remote


def sender_digest(request: HttpRequest) -> str:
    return lookup_digest(f"intake-sender:{sender_address(request)}")


def is_rate_limited(digest: str) -> bool:
    since = timezone.now() - RATE_LIMIT_WINDOW
    recent = IntakeRequest.objects.filter(sender_digest=digest, submitted_at__gte=since).count()
    return recent >= settings.INTAKE_REQUESTS_PER_HOUR


def is_bot(data: object) -> bool:
    return bool(getattr(data, "get", lambda *_: "")(HONEYPOT_FIELD, ""))
