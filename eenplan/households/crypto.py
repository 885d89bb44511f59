# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Encryption at rest for the few fields that need it (BSN).

Keys come from settings.FIELD_ENCRYPTION_KEYS (newest first); each is stretched with HKDF into a Fernet key,
so old values stay readable after a key rotation. A keyed HMAC gives a lookup digest without decrypting.

Rotation (docs/deployment.md, "Key rotation"): put the new key first, run `manage.py rotate_bsn_key` (re-encrypts
every value and renews its digest under the newest key), then drop the old key. Until the run is done, a value or
digest may still be under an older key: `lookup_digests` gives the digest under every configured key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _derive(secret: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"eenplan-field-encryption", info=purpose).derive(
        secret.encode()
    )


@lru_cache(maxsize=8)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(base64.urlsafe_b64encode(_derive(key, b"fernet"))) for key in keys])


def _keys() -> tuple[str, ...]:
    keys = tuple(settings.FIELD_ENCRYPTION_KEYS)
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: nothing to encrypt or decrypt with.")
    return keys


def encrypt(plaintext: str) -> str:
    return _fernet(_keys()).encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet(_keys()).decrypt(token.encode()).decode()


@lru_cache(maxsize=8)
def _lookup_key(secret: str) -> bytes:
    return _derive(secret, b"lookup")


def _digest(secret: str, plaintext: str) -> str:
    return hmac.new(_lookup_key(secret), plaintext.encode(), hashlib.sha256).hexdigest()


def lookup_digest(plaintext: str) -> str:
    """A stable keyed digest (newest key) to find equal values without decrypting them."""
    return _digest(_keys()[0], plaintext)


def lookup_digests(plaintext: str) -> list[str]:
    """The digest under every configured key, newest first: finds a value also while a rotation is under way."""
    return [_digest(key, plaintext) for key in _keys()]


def is_current(token: str) -> bool:
    """Whether this stored value is encrypted under the newest key (so an older key is no longer needed for it)."""
    try:
        _fernet(_keys()[:1]).decrypt(token.encode())
    except InvalidToken:
        return False
    return True
