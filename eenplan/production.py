# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Production safety: what EenPlan refuses to run with when DEBUG is off.

Two doors, one rule book (`problems()`):

- settings load (`refuse_unsafe_settings`, called at the end of eenplan/settings.py): the worst problems raise
  ImproperlyConfigured, so neither gunicorn nor any management command starts;
- Django system checks (ids ``eenplan.E0xx``), which also see settings changed after the settings module (a settings
  module of one's own, ``override_settings``) and the milder problems; ``manage.py check --deploy`` fails on them.

The rules, all only when DEBUG is off:

- E001 no ``FIELD_ENCRYPTION_KEYS``: the BSN would be encrypted with ``SECRET_KEY`` (there is no fallback);
- E002 a field-encryption key equal to ``SECRET_KEY``: the two must be rotated independently;
- E003 a published secret: the development ``SECRET_KEY`` or the demo password used as a secret;
- E004 a development-only setting switched on: every setting named ``*_MOCK`` (e.g. a mocked DigiD login) and
  every name in ``DEVELOPMENT_ONLY_SETTINGS``; also a ``*_MOCK`` environment variable that is on;
- E005 a field-encryption key that is too short or listed twice (deploy check);
- E006 a secret carrying the demo marker (``not-for-production``, ``insecure``, ``do-not-use``) (deploy check);
- E007 demo accounts (``@demo.eenplan.nl``, with the published password and TOTP secret) in the database
  (deploy check on the database: ``check --deploy --database default``).

This module imports nothing of Django's models: eenplan/settings.py imports it while settings are being read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.checks import Error, Tags, register

# The public development key of eenplan/settings.py and the demo password of eenplan/demo/data.py (a test keeps
# them equal). Both are printed in the repository, so they protect nothing.
DEVELOPMENT_SECRET_KEY = "eenplan-insecure-development-key-do-not-use-in-production"  # noqa: S105
DEMO_PASSWORD = "EenPlan-demo-2026"  # noqa: S105
PUBLISHED_SECRETS = frozenset({DEVELOPMENT_SECRET_KEY, DEMO_PASSWORD})
DEMO_MARKERS = ("not-for-production", "insecure", "do-not-use")
DEMO_EMAIL_DOMAIN = "demo.eenplan.nl"

# Settings that exist for development or tests only and must be off in production, beside every ``*_MOCK`` setting.
DEVELOPMENT_ONLY_SETTINGS: tuple[str, ...] = ()
DEVELOPMENT_ONLY_SUFFIXES = ("_MOCK",)
MIN_FIELD_KEY_LENGTH = 32

FATAL = ("eenplan.E001", "eenplan.E002", "eenplan.E003", "eenplan.E004")


@dataclass(frozen=True)
class Problem:
    id: str
    msg: str
    hint: str

    @property
    def fatal(self) -> bool:
        """Refused already when the settings are read, not only by `check --deploy`."""
        return self.id in FATAL


def _is_on(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def development_only_names(names: Iterable[str]) -> list[str]:
    return sorted(
        name
        for name in names
        if name.isupper() and (name in DEVELOPMENT_ONLY_SETTINGS or name.endswith(DEVELOPMENT_ONLY_SUFFIXES))
    )


SECRET_SUFFIXES = ("_KEY", "_KEYS", "_KEY_FALLBACKS", "_PASSWORD", "_SECRET")


def _secrets(get: Callable[[str, Any], Any], names: Iterable[str]) -> list[tuple[str, str]]:
    """(setting name, value) of every secret: SECRET_KEY, FIELD_ENCRYPTION_KEYS, passwords, database passwords."""
    found: list[tuple[str, str]] = []
    for name in sorted(set(names) | {"SECRET_KEY", "FIELD_ENCRYPTION_KEYS"}):
        if not (name.isupper() and name.endswith(SECRET_SUFFIXES)):
            continue
        value = get(name, None)
        if isinstance(value, str):
            found.append((name, value))
        elif isinstance(value, list | tuple):
            found += [(name, item) for item in value if isinstance(item, str)]
    for alias, database in (get("DATABASES", None) or {}).items():
        found.append((f"DATABASES[{alias!r}] PASSWORD", str(database.get("PASSWORD", "") or "")))
    return [(name, value) for name, value in found if value]


def problems(
    get: Callable[[str, Any], Any], names: Iterable[str], environ: Mapping[str, str] | None = None
) -> list[Problem]:
    """Every production-safety problem of these settings (nothing when DEBUG is on).

    `get(name, default)` reads a setting, `names` are all setting names, `environ` the process environment.
    Messages name settings, never their values.
    """
    if get("DEBUG", False):
        return []
    names = list(names)
    secrets = _secrets(get, names)
    found: list[Problem] = []
    keys = [str(key) for key in get("FIELD_ENCRYPTION_KEYS", None) or []]
    secret_key = str(get("SECRET_KEY", "") or "")
    if not keys:
        found.append(
            Problem(
                "eenplan.E001",
                "FIELD_ENCRYPTION_KEYS is not set.",
                "Set FIELD_ENCRYPTION_KEYS (comma-separated, newest first) to a key of its own; BSNs are never "
                "encrypted with SECRET_KEY. See docs/deployment.md, 'Key rotation'.",
            )
        )
    if secret_key and secret_key in keys:
        found.append(
            Problem(
                "eenplan.E002",
                "A key in FIELD_ENCRYPTION_KEYS is the same as SECRET_KEY.",
                "Give the BSN encryption a key of its own, so either can be replaced without the other.",
            )
        )
    published = sorted({name for name, value in secrets if value in PUBLISHED_SECRETS})
    if published:
        found.append(
            Problem(
                "eenplan.E003",
                f"{', '.join(published)} holds a published development or demo value.",
                "Generate a new secret, e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'.",
            )
        )
    switched_on = [name for name in development_only_names(names) if _is_on(get(name, False))]
    switched_on += [
        f"{name} (environment)"
        for name in development_only_names((environ or {}).keys())
        if _is_on((environ or {})[name]) and name not in switched_on
    ]
    if switched_on:
        found.append(
            Problem(
                "eenplan.E004",
                f"Development-only setting switched on: {', '.join(switched_on)}.",
                "Mocked logins and other development aids must be off in production; unset them.",
            )
        )
    if any(len(key) < MIN_FIELD_KEY_LENGTH for key in keys) or len(set(keys)) != len(keys):
        found.append(
            Problem(
                "eenplan.E005",
                f"FIELD_ENCRYPTION_KEYS holds a key shorter than {MIN_FIELD_KEY_LENGTH} characters or a key twice.",
                "Generate each key with python -c 'import secrets; print(secrets.token_urlsafe(32))'.",
            )
        )
    marked = sorted(
        {
            name
            for name, value in secrets
            if value not in PUBLISHED_SECRETS and any(marker in value.lower() for marker in DEMO_MARKERS)
        }
    )
    if marked:
        found.append(
            Problem(
                "eenplan.E006",
                f"{', '.join(marked)} is marked as a development, test or demo value.",
                "Generate a new secret for production.",
            )
        )
    return found


def refuse_unsafe_settings(values: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> None:
    """Called at the end of eenplan/settings.py with its globals(): stops the start on a fatal problem."""
    from django.core.exceptions import ImproperlyConfigured

    fatal = [
        problem
        for problem in problems(values.get, values.keys(), os.environ if environ is None else environ)
        if problem.fatal
    ]
    if fatal:
        raise ImproperlyConfigured(
            "Refusing to run with DEBUG off: "
            + " ".join(f"[{problem.id}] {problem.msg} {problem.hint}" for problem in fatal)
        )


# -- Django system checks -----------------------------------------------------------------------------------------


def _as_errors(found: Iterable[Problem]) -> list[Error]:
    return [Error(problem.msg, hint=problem.hint, id=problem.id) for problem in found]


@register(Tags.security)
def unsafe_settings_check(app_configs: Any, **kwargs: Any) -> list[Error]:
    """The fatal problems, on every check (runserver, migrate, every management command)."""
    from django.conf import settings

    names = dir(vars(settings)["_wrapped"])  # every setting, also those added by override_settings
    return _as_errors(p for p in problems(lambda n, d: getattr(settings, n, d), names, os.environ) if p.fatal)


@register(Tags.security, deploy=True)
def deploy_settings_check(app_configs: Any, **kwargs: Any) -> list[Error]:
    """The milder problems, for `manage.py check --deploy`."""
    from django.conf import settings

    names = dir(vars(settings)["_wrapped"])  # every setting, also those added by override_settings
    return _as_errors(p for p in problems(lambda n, d: getattr(settings, n, d), names, os.environ) if not p.fatal)


@register(Tags.database, deploy=True)
def demo_accounts_check(app_configs: Any, databases: Iterable[str] | None = None, **kwargs: Any) -> list[Error]:
    """Demo accounts share a published password and TOTP secret: a production database must not hold them."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import DatabaseError

    if settings.DEBUG or not databases:
        return []
    found: list[Error] = []
    for alias in databases:
        try:
            demo = get_user_model().objects.using(alias).filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}").exists()
        except DatabaseError:  # not migrated yet: no accounts at all
            continue
        if demo:
            found.append(
                Error(
                    f"The database {alias!r} holds demo accounts (@{DEMO_EMAIL_DOMAIN}).",
                    hint="Demo data (seed_demo) is for development only; use a database without it.",
                    id="eenplan.E007",
                )
            )
    return found
