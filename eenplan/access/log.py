"""Writing and verifying the hash-chained access log (*logging van inzage*, NEN 7513 style).

Writing takes a database-wide lock for the length of one tiny transaction (PostgreSQL advisory lock; SQLite
transactions are IMMEDIATE), reads the last hash and INSERTs one row, so the chain never forks. On PostgreSQL that
is one call of the database function access_log_append (migration access 0004): one round trip per request.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from eenplan.access.models import GENESIS_HASH, AccessLogEntry, hash_head

ADVISORY_LOCK_KEY = 7_513_0001  # NEN 7513, entry chain
REQUEST_ID_ATTRIBUTE = "_eenplan_request_id"
LOGGED_ATTRIBUTE = "_eenplan_access_logged"
# The largest id the log's 64-bit columns hold (household, resident, object): a larger number names nothing.
MAX_ID = 2**63 - 1


def request_id(request: HttpRequest) -> str:
    value: str | None = getattr(request, REQUEST_ID_ATTRIBUTE, None)
    if value is None:
        value = uuid.uuid4().hex
        setattr(request, REQUEST_ID_ATTRIBUTE, value)
    return value


def already_logged(request: HttpRequest) -> bool:
    return getattr(request, LOGGED_ATTRIBUTE, None) is not None


def append(entry: AccessLogEntry) -> AccessLogEntry:
    """Chain and insert one entry."""
    if connection.vendor == "postgresql":
        return _append_in_one_round_trip(entry)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
        previous = AccessLogEntry.objects.order_by("-id").values_list("entry_hash", flat=True).first()
        entry.previous_hash = previous or GENESIS_HASH
        entry.entry_hash = entry.compute_hash()
        entry.save()
    return entry


def _append_in_one_round_trip(entry: AccessLogEntry) -> AccessLogEntry:
    """PostgreSQL: lock, read the last hash and insert in the database function access_log_append."""
    content = entry.content_fields()[:-1]  # all but the previous hash, which the database adds
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT entry_id, previous, hash FROM access_log_append(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
            " %s, %s)",
            [hash_head(*content), *content, GENESIS_HASH, ADVISORY_LOCK_KEY],
        )
        entry.pk, entry.previous_hash, entry.entry_hash = cursor.fetchone()
    entry._state.adding = False
    entry._state.db = connection.alias
    return entry


def log_request(
    request: HttpRequest,
    *,
    action: str,
    justification: str,
    role: str = "",
    organisation_id: int | None = None,
    household_id: int | None = None,
    resident_id: int | None = None,
    object_type: str,
    object_id: int | None = None,
    break_glass: bool = False,
) -> AccessLogEntry:
    """Write the one entry of this request; a second call in the same request returns the first entry."""
    existing: AccessLogEntry | None = getattr(request, LOGGED_ATTRIBUTE, None)
    if existing is not None:
        return existing
    if settings.ACCESS_LOG_OFF_FOR_BENCH:  # refused by a system check unless the site listens on loopback only
        return AccessLogEntry()
    user_id = request.user.pk
    if user_id is None:
        raise PermissionError("Only a logged-in user can read household data.")
    entry = append(
        AccessLogEntry(
            user_id=user_id,
            role=role,
            organisation_id_at_time=organisation_id,
            household_id=household_id,
            resident_id=resident_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            justification=justification,
            break_glass=break_glass,
            request_id=request_id(request),
        )
    )
    setattr(request, LOGGED_ATTRIBUTE, entry)
    return entry


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_entry_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_entry_id is None


def _entries_in_order(chunk_size: int = 5000) -> Iterator[AccessLogEntry]:
    return AccessLogEntry.objects.order_by("id").iterator(chunk_size=chunk_size)


def verify_chain() -> ChainReport:
    """Recompute every hash in order; the first entry whose content or link does not match is named."""
    expected_previous = GENESIS_HASH
    checked = 0
    for entry in _entries_in_order():
        if entry.previous_hash != expected_previous:
            return ChainReport(checked, entry.pk, "the link to the previous entry is broken (entry removed or changed)")
        if entry.compute_hash() != entry.entry_hash:
            return ChainReport(checked, entry.pk, "the content does not match its hash (entry changed)")
        expected_previous = entry.entry_hash
        checked += 1
    return ChainReport(checked)


# -- labels: the stored codes of an entry in words a person reads ---------------------------------------------------

# Why the access was allowed. "break_glass:<id>" is the emergency access with that id.
JUSTIFICATION_LABELS: dict[str, Promise] = {
    "team_task": _("Legal task of the team"),
    "consent": _("Consent of the resident"),
    "break_glass": _("Emergency access"),
    "privacy_officer": _("Supervision by the privacy officer"),
    "caseload": _("Own caseload"),
    "assigned": _("Assigned to the user"),
    "signal": _("Worry signalled"),
    "triage": _("Triage of requests for help"),
}

# What was looked at or changed. The codes are those the views log (a test finds every one in the code).
OBJECT_TYPE_LABELS: dict[str, Promise] = {
    "household": _("household"),
    "household_list": _("list of households"),
    "resident": _("resident"),
    "relationship": _("relationship"),
    "consent": _("consent"),
    "access_log": _("who looked at this file"),
    "access_log_search": _("access log search"),
    "break_glass_review": _("review of emergency access"),
    "plan": _("plan"),
    "plan_history": _("history of the plan"),
    "goal": _("goal"),
    "action": _("action"),
    "care_team_member": _("care team member"),
    "network_member": _("network member"),
    "journal_note": _("journal note"),
    "timeline": _("timeline"),
    "assessment": _("assessment"),
    "intake": _("intake"),
    "intake_request": _("request for help"),
    "intake_queue": _("list of requests for help"),
    "referral": _("referral"),
    "referral_list": _("referrals of the household"),
    "referral_inbox": _("referral inbox"),
}


def justification_label(code: str) -> str:
    """The justification in words; an unknown code is shown as it is stored rather than hidden."""
    label = JUSTIFICATION_LABELS.get(code.split(":", 1)[0])
    return str(label) if label is not None else code


def object_type_label(code: str) -> str:
    label = OBJECT_TYPE_LABELS.get(code)
    return str(label) if label is not None else code
