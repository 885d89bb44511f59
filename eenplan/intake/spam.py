"""Spam protection for the public form without external services: a honeypot field and a rate limit per address.

The address is never stored: only a keyed digest of it, to count recent requests from the same sender.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from eenplan.households.crypto import lookup_digest
from eenplan.intake.models import IntakeRequest

HONEYPOT_FIELD = "website"


def sender_digest(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return lookup_digest(f"intake-sender:{address}")


def is_rate_limited(digest: str) -> bool:
    since = timezone.now() - datetime.timedelta(hours=1)
    recent = IntakeRequest.objects.filter(sender_digest=digest, submitted_at__gte=since).count()
    return recent >= settings.INTAKE_REQUESTS_PER_HOUR


def is_bot(data: object) -> bool:
    return bool(getattr(data, "get", lambda *_: "")(HONEYPOT_FIELD, ""))
