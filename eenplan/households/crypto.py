"""Encryption at rest for the few fields that need it (BSN).

Keys come from settings.FIELD_ENCRYPTION_KEYS (newest first); each is stretched with HKDF into a Fernet key,
so old values stay readable after a key rotation. A keyed HMAC gives a lookup digest without decrypting.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def _derive(secret: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"eenplan-field-encryption", info=purpose).derive(
        secret.encode()
    )


@lru_cache(maxsize=8)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(base64.urlsafe_b64encode(_derive(key, b"fernet"))) for key in keys])


def _keys() -> tuple[str, ...]:
    return tuple(settings.FIELD_ENCRYPTION_KEYS)


def encrypt(plaintext: str) -> str:
    return _fernet(_keys()).encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet(_keys()).decrypt(token.encode()).decode()


def lookup_digest(plaintext: str) -> str:
    """A stable keyed digest (newest key) to find equal values without decrypting them."""
    key = _derive(_keys()[0], b"lookup")
    return hmac.new(key, plaintext.encode(), hashlib.sha256).hexdigest()
