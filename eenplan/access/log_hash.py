# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The keys and the hash of the access log chain: the one place that says how an entry's hash is computed.

An entry's hash is HMAC-SHA256(hour key, previous hash || canonical JSON of the entry's fields). The hour key is
derived from a key of the setting ACCESS_LOG_KEYS (never stored in the database) and the entry's hour (UTC):
HMAC-SHA256(key, "eenplan access log hour\\0" + "YYYY-MM-DDTHH"). On PostgreSQL the database computes the HMAC
(access_log_append, migration access 0005) with the pads of that hour key, so the database only ever sees the key
of the hour it writes in, never the key itself. Each entry stores the id of its key (a fingerprint), so entries
written under an older key still verify after a rotation as long as that key stays in the setting.

Entries written before the log was keyed carry the key id "legacy" and the old unkeyed SHA-256 (`legacy_hash`).
Written by migration only: the code never writes a legacy entry, and the verifier accepts them only before the
first keyed entry.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

LEGACY_KEY_ID = "legacy"
KEY_ID_LENGTH = 16
MIN_KEY_LENGTH = 32
DEVELOPMENT_KEY_LABEL = b"eenplan access log development key"


class UnknownKey(LookupError):
    """An entry or anchor names a key id that ACCESS_LOG_KEYS does not hold."""


@dataclass(frozen=True)
class LogKey:
    key_id: str
    secret: bytes


def key_id_of(secret: bytes) -> str:
    """A key's public fingerprint: it names the key in entries and anchors without revealing it."""
    return hashlib.sha256(b"eenplan access log key id\0" + secret).hexdigest()[:KEY_ID_LENGTH]


@lru_cache(maxsize=8)
def _ring(configured: tuple[str, ...], debug: bool, secret_key: str) -> tuple[LogKey, ...]:
    secrets = [value.encode() for value in configured]
    if not secrets:
        if not debug:
            raise ImproperlyConfigured("ACCESS_LOG_KEYS must be set when DEBUG is off (see docs/privacy.md).")
        secrets = [hmac.new(secret_key.encode(), DEVELOPMENT_KEY_LABEL, hashlib.sha256).hexdigest().encode()]
    return tuple(LogKey(key_id_of(secret), secret) for secret in secrets)


def keys() -> tuple[LogKey, ...]:
    """The configured keys, newest first; in DEBUG without ACCESS_LOG_KEYS one development key from SECRET_KEY."""
    return _ring(tuple(settings.ACCESS_LOG_KEYS), bool(settings.DEBUG), settings.SECRET_KEY)


def current_key() -> LogKey:
    """The key new entries and anchors are written with (the first of ACCESS_LOG_KEYS)."""
    return keys()[0]


def key_by_id(key_id: str) -> LogKey:
    for key in keys():
        if key.key_id == key_id:
            return key
    raise UnknownKey(key_id)


@lru_cache(maxsize=256)
def _hour_key(secret: bytes, hour: str) -> bytes:
    return hmac.new(secret, b"eenplan access log hour\0" + hour.encode(), hashlib.sha256).digest()


def hour_key(key: LogKey, timestamp: datetime.datetime) -> bytes:
    """The key an entry of this hour (UTC) is hashed with."""
    return _hour_key(key.secret, timestamp.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H"))


def hmac_pads(derived: bytes) -> tuple[bytes, bytes]:
    """The inner and outer pad of HMAC-SHA256 (RFC 2104) for a 32-byte key: what PostgreSQL's sha256() needs."""
    block = derived.ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in block), bytes(b ^ 0x5C for b in block)


def canonical_fields(fields: Sequence[Any]) -> str:
    """The canonical JSON of an entry's hashed fields (models.LOG_FIELD_COLUMNS order; the timestamp first)."""
    timestamp, *rest = fields
    return json.dumps([timestamp.isoformat(), *rest], separators=(",", ":"))


def keyed_hash(derived: bytes, previous_hash: str, canonical: str) -> str:
    return hmac.new(derived, (previous_hash + canonical).encode(), hashlib.sha256).hexdigest()


def legacy_hash(fields: Sequence[Any], previous_hash: str) -> str:
    """The unkeyed SHA-256 of entries written before the log was keyed (the key id not among the fields)."""
    timestamp, *rest = fields
    content = json.dumps([timestamp.isoformat(), *rest, previous_hash], separators=(",", ":"))
    return hashlib.sha256(content.encode()).hexdigest()


def chain_hash(fields: Sequence[Any], previous_hash: str) -> str:
    """The hash of an entry: `fields` in LOG_FIELD_COLUMNS order (the timestamp first, the key id last).

    Raises UnknownKey when the entry's key id is not configured.
    """
    key_id = fields[-1]
    if key_id == LEGACY_KEY_ID:
        return legacy_hash(fields[:-1], previous_hash)
    return keyed_hash(hour_key(key_by_id(key_id), fields[0]), previous_hash, canonical_fields(fields))


def anchor_signature(key: LogKey, payload: str) -> str:
    """The signature of an anchor: HMAC-SHA256 under a key derived for anchors only (never an entry's key)."""
    anchor_key = hmac.new(key.secret, b"eenplan access log anchor", hashlib.sha256).digest()
    return hmac.new(anchor_key, payload.encode(), hashlib.sha256).hexdigest()


def configuration_problems() -> list[str]:
    """What is wrong with ACCESS_LOG_KEYS for a production site (DEBUG off); empty when nothing is."""
    configured = list(settings.ACCESS_LOG_KEYS)
    if settings.DEBUG:
        return []
    if not configured:
        return ["ACCESS_LOG_KEYS is not set."]
    problems = []
    if any(len(value) < MIN_KEY_LENGTH for value in configured):
        problems.append(f"Every key in ACCESS_LOG_KEYS must be at least {MIN_KEY_LENGTH} characters long.")
    if len({key_id_of(value.encode()) for value in configured}) != len(configured):
        problems.append("ACCESS_LOG_KEYS holds the same key twice.")
    return problems
