# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""System checks of the access app."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "testserver"}


@register()
def access_log_cannot_be_switched_off(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Switching the access log off is for the load bench on loopback only, never for a real site."""
    if settings.ACCESS_LOG_OFF_FOR_BENCH and not set(settings.ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
        return [
            Error(
                "ACCESS_LOG_OFF_FOR_BENCH is on while the site serves non-loopback hosts.",
                hint="It exists only for bench/ on 127.0.0.1; unset it.",
                id="access.E001",
            )
        ]
    return []


@register()
def access_log_keys_are_configured(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Without ACCESS_LOG_KEYS (DEBUG off) the access log cannot be written: refuse to start."""
    from eenplan.access.log_hash import configuration_problems

    return [
        Error(problem, hint="Set ACCESS_LOG_KEYS: random keys of 32+ characters, newest first.", id="access.E002")
        for problem in configuration_problems()
    ]
