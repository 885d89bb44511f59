# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Writing and verifying the keyed, hash-chained access log (*logging van inzage*, NEN 7513 style).

Each entry's hash is HMAC-SHA256 over its predecessor's hash and its own fields, under a key of ACCESS_LOG_KEYS
that the database never holds (log_hash). Writing takes a database-wide lock for the length of one tiny transaction
(PostgreSQL advisory lock; SQLite transactions are IMMEDIATE), reads the last hash and INSERTs one row, so the chain
never forks. On PostgreSQL that is one call of the database function access_log_append (migration access 0005): one
round trip per request. Verifying checks the chain with the keys and every anchor outside the database
(log_anchors), so that rewriting entries, removing some, or cutting off the newest ones is found.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from eenplan.access import log_hash
from eenplan.access.log_anchors import Anchor, AnchorProblem
from eenplan.access.models import GENESIS_HASH, AccessLogEntry

logger = logging.getLogger(__name__)

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
    """Sign with the current key, chain and insert one entry."""
    entry.key_id = log_hash.current_key().key_id
    if connection.vendor == "postgresql":
        return _append_in_one_round_trip(entry)
    with transaction.atomic():
        previous = AccessLogEntry.objects.order_by("-id").values_list("entry_hash", flat=True).first()
        entry.previous_hash = previous or GENESIS_HASH
        entry.entry_hash = entry.compute_hash()
        entry.save()
    return entry


def _append_in_one_round_trip(entry: AccessLogEntry) -> AccessLogEntry:
    """PostgreSQL: lock, read the last hash, compute the HMAC and insert in the database function access_log_append.

    The database gets the pads of this hour's key only (log_hash.hour_key). The hash it returns is checked here:
    a database function changed to hash something else is noticed at the first request, not at the next verify.
    """
    fields = entry.content_fields()
    canonical = log_hash.canonical_fields(fields)
    derived = log_hash.hour_key(log_hash.current_key(), entry.timestamp)
    inner_pad, outer_pad = log_hash.hmac_pads(derived)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT entry_id, previous, hash FROM access_log_append(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
            " %s, %s, %s, %s, %s)",
            [canonical, *fields, inner_pad, outer_pad, GENESIS_HASH, ADVISORY_LOCK_KEY],
        )
        entry.pk, entry.previous_hash, entry.entry_hash = cursor.fetchone()
    if entry.entry_hash != log_hash.keyed_hash(derived, entry.previous_hash, canonical):
        logger.error("access log: the database computed a wrong hash for entry %s; run verify_access_log", entry.pk)
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
    user_id: int | None = None,
) -> AccessLogEntry:
    """Write the one entry of this request; a second call in the same request returns the first entry.
    `user_id`: who acted, when it is not the request's signed-in user (a resident in the portal: their log account)."""
    existing: AccessLogEntry | None = getattr(request, LOGGED_ATTRIBUTE, None)
    if existing is not None:
        return existing
    if settings.ACCESS_LOG_OFF_FOR_BENCH:  # refused by a system check unless the site listens on loopback only
        return AccessLogEntry()
    user_id = user_id or request.user.pk
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


# -- verifying ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainReport:
    """What verifying found. `broken_entry_id` is the first entry whose link, content or key is wrong; `findings`
    lists every problem in words (entries and anchors), the first broken one first."""

    checked: int  # intact entries: all of them, or those before the first broken one
    broken_entry_id: int | None = None
    problem: str = ""
    legacy: int = 0
    anchors_checked: int = 0
    last_entry_id: int | None = None
    last_hash: str = GENESIS_HASH
    entries: int = 0  # all entries read (and, when verifying since an anchor, those up to it)
    findings: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.broken_entry_id is None and not self.findings


def _entries_in_order(after: int = 0, chunk_size: int = 5000) -> Iterator[AccessLogEntry]:
    return AccessLogEntry.objects.filter(id__gt=after).order_by("id").iterator(chunk_size=chunk_size)


def _entry_problem(entry: AccessLogEntry, expected_previous: str, keyed_seen: bool) -> str:
    if entry.previous_hash != expected_previous:
        return "the link to the previous entry is broken (entry removed or changed)"
    if entry.key_id == log_hash.LEGACY_KEY_ID and keyed_seen:
        return "an unkeyed (legacy) entry after keyed ones (entry rewritten without the key)"
    try:
        expected = entry.compute_hash()
    except log_hash.UnknownKey:
        return f"signed with key {entry.key_id}, which ACCESS_LOG_KEYS does not hold (entry forged, or key missing)"
    if expected != entry.entry_hash:
        return "the content does not match its hash (entry changed)"
    return ""


def verify_chain(
    anchors: Sequence[Anchor] = (), anchor_problems: Sequence[AnchorProblem] = (), since: Anchor | None = None
) -> ChainReport:
    """Recompute every hash in order with the keys and hold the log against the anchors.

    With `since`, only the entries after that (already checked) anchor are read, continuing from its hash and counts.

    The first entry whose link, key or content does not match is named. An anchor is a finding when its entry is
    missing, has another hash, or the number of entries up to it or of legacy entries differs; an anchor beyond the
    last entry means entries were removed from the end. Anchor files that failed to load are findings too.
    """
    pending = sorted(anchors, key=lambda anchor: anchor.entry_id)
    findings = [f"anchor {problem.name}: {problem.problem}" for problem in anchor_problems]
    expected_previous = GENESIS_HASH if since is None else since.entry_hash
    entries = 0 if since is None else since.entries
    legacy = 0 if since is None else since.legacy_entries
    intact: int | None = None  # entries before the first broken one
    broken: int | None = None
    problem = ""
    last_id: int | None = None if since is None else since.entry_id
    keyed_seen = since is not None and since.entries > since.legacy_entries
    for entry in _entries_in_order(after=0 if since is None else since.entry_id):
        while pending and pending[0].entry_id < entry.pk:
            missing = pending.pop(0)
            findings.append(f"anchor {missing.name}: entry #{missing.entry_id} is missing (entries removed)")
        if broken is None:
            problem = _entry_problem(entry, expected_previous, keyed_seen)
            if problem:
                broken, intact = entry.pk, entries
                findings.insert(0, f"entry #{entry.pk}: {problem}")
        keyed_seen = keyed_seen or entry.key_id != log_hash.LEGACY_KEY_ID
        legacy += entry.key_id == log_hash.LEGACY_KEY_ID
        expected_previous = entry.entry_hash
        entries += 1
        last_id = entry.pk
        while pending and pending[0].entry_id == entry.pk:
            anchor = pending.pop(0)
            mismatch = anchor.mismatch(entry.entry_hash, entries)
            if mismatch:
                findings.append(f"anchor {anchor.name}: {mismatch}")
    for beyond in pending:
        findings.append(
            f"anchor {beyond.name}: names entry #{beyond.entry_id} but the log ends at #{last_id or 0}"
            " (the newest entries were removed)"
        )
    if anchors:
        most_legacy = max(anchor.legacy_entries for anchor in anchors)
        if legacy > most_legacy:
            findings.append(f"{legacy} legacy entries, but the anchors recorded {most_legacy} (entries rewritten)")
    return ChainReport(
        checked=entries if intact is None else intact,
        broken_entry_id=broken,
        problem=problem if broken is not None else "",
        legacy=legacy,
        anchors_checked=len(anchors),
        last_entry_id=last_id,
        last_hash=expected_previous,
        entries=entries,
        findings=tuple(findings),
    )


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
    "resident_self": _("The resident, in My EenPlan"),
    "representative": _("A representative of the resident (eHerkenning), in My EenPlan"),
    "budget": _("Wijkbudget: holder or mandate"),
    "none": _("None: the request was refused"),
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
    "case_closure": _("end of help"),
    "case_conference": _("case conference"),
    "agenda_item": _("agenda item of a case conference"),
    "conference_decision": _("decision of a case conference"),
    "collaboration": _("working together on a household"),
    "escalation": _("escalation"),
    "escalation_list": _("list of escalations"),
    "barrier": _("barrier"),
    "commitment": _("wijkbudget commitment"),
    "commitment_list": _("list of wijkbudget commitments"),
    "commitment_approvals": _("wijkbudget commitments awaiting approval"),
    "budget_overview": _("wijkbudget overview"),
    "portal_home": _("My EenPlan: overview"),
    "my_data": _("My EenPlan: my data"),
    "export": _("export of all data (AVG art. 15)"),
    "message": _("messages in My EenPlan"),
    "portal": _("My EenPlan of the household"),
    "member_access": _("access given to another household member"),
}


def justification_label(code: str) -> str:
    """The justification in words; an unknown code is shown as it is stored rather than hidden."""
    label = JUSTIFICATION_LABELS.get(code.split(":", 1)[0])
    return str(label) if label is not None else code


def object_type_label(code: str) -> str:
    label = OBJECT_TYPE_LABELS.get(code)
    return str(label) if label is not None else code
