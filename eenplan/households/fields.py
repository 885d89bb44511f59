# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""A model field that stores its text encrypted (Fernet) and gives it back decrypted in Python."""

from __future__ import annotations

from typing import Any

from django.db import models

from eenplan.households import crypto


class EncryptedTextField(models.TextField):
    """Text encrypted at rest. It cannot be filtered on; use a lookup digest field for searching."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str:
        if value is None or value == "":
            return ""
        return crypto.decrypt(value)

    def to_python(self, value: Any) -> str:
        return "" if value is None else str(value)

    def get_prep_value(self, value: Any) -> str:
        if value is None or value == "":
            return ""
        return crypto.encrypt(str(value))
