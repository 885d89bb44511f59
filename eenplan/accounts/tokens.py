# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""One-time links by e-mail: an invitation to set a password (and then link an authenticator app).

The link is Django's password-reset token under a salt of its own: it holds the account's password hash and last
login, so it stops working once the password is set (one time), and it expires after
`ACCOUNT_INVITATION_DAYS` days. The "forgot password" link is Django's own, expiring after `PASSWORD_RESET_TIMEOUT`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "eenplan.accounts.tokens.InvitationTokenGenerator"

    def check_token(self, user: Any, token: str | None) -> bool:
        """As Django's, with the invitation's own period instead of PASSWORD_RESET_TIMEOUT."""
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return self._num_seconds(self._now()) - ts <= int(settings.ACCOUNT_INVITATION_DAYS) * 24 * 3600


invitation_tokens = InvitationTokenGenerator()
