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


# A shared address (a library, a buurthuis, a walk-in desk: many people behind one address) sends requests one
# after another, each typed in by a person: a few a minute at most. A script sends them in bursts. So the limit per
# address is generous per hour (INTAKE_REQUESTS_PER_HOUR, default 30) and tight per minute
# (INTAKE_REQUESTS_PER_MINUTE, default 3): a desk's normal flow passes, a burst is stopped within a minute.
BURST_WINDOW = datetime.timedelta(minutes=1)


def retry_after(digest: str) -> int | None:
    """Seconds until this sender may send again, or None when a request may be sent now.

    Counts the requests of this sender (the digest of their address) in the last minute and the last hour; when
    either limit is reached, the wait is until the oldest request that counts leaves its window."""
    now = timezone.now()
    waits = []
    for window, limit in (
        (BURST_WINDOW, settings.INTAKE_REQUESTS_PER_MINUTE),
        (RATE_LIMIT_WINDOW, settings.INTAKE_REQUESTS_PER_HOUR),
    ):
        times = list(
            IntakeRequest.objects.filter(sender_digest=digest, submitted_at__gte=now - window)
            .order_by("-submitted_at")
            .values_list("submitted_at", flat=True)[:limit]
        )
        if len(times) >= limit:
            waits.append(max(1, int((times[-1] + window - now).total_seconds()) + 1))
    return max(waits) if waits else None


def is_rate_limited(digest: str) -> bool:
    return retry_after(digest) is not None


def is_bot(data: object) -> bool:
    return bool(getattr(data, "get", lambda *_: "")(HONEYPOT_FIELD, ""))
