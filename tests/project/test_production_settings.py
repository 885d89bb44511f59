# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Production settings refuse to start unsafely (eenplan/production.py): each refusal, and the clean configuration.

The subprocess tests start `manage.py` with a clean environment and DJANGO_SETTINGS_MODULE=eenplan.settings, the way
a server starts; the others run the system checks on settings changed in place.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import CommandError

from eenplan import production
from eenplan.accounts.models import User
from tests import factories

ROOT = Path(__file__).resolve().parents[2]


def production_env(**overrides: str) -> dict[str, str]:
    """A clean environment with everything production needs, and nothing from the developer's shell."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(ROOT)),
        "DJANGO_SETTINGS_MODULE": "eenplan.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": secrets.token_urlsafe(32),
        "ACCESS_LOG_KEYS": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "eenplan.gemeente.example",
    }
    env.update(overrides)
    return {name: value for name, value in env.items() if value != ""}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own manage.py with arguments written in this file
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def eenplan_ids(*, databases: list[str] | None = None) -> set[str]:
    found = checks.run_checks(include_deployment_checks=True, databases=databases)
    return {message.id for message in found if message.id and message.id.startswith("eenplan.")}


# -- a server start with production settings --------------------------------------------------------------------


def test_a_complete_production_configuration_passes_check_deploy_without_any_issue():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_field_encryption_keys():
    result = manage("check", FIELD_ENCRYPTION_KEYS="")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "eenplan.E001" in result.stderr


def test_production_refuses_a_field_encryption_key_equal_to_the_secret_key():
    key = secrets.token_urlsafe(50)
    result = manage("check", SECRET_KEY=key, FIELD_ENCRYPTION_KEYS=key)
    assert result.returncode != 0
    assert "eenplan.E002" in result.stderr
    assert key not in result.stderr


def test_production_refuses_the_published_development_secret_key():
    result = manage("check", SECRET_KEY=production.DEVELOPMENT_SECRET_KEY)
    assert result.returncode != 0
    assert "eenplan.E003" in result.stderr


def test_production_refuses_the_demo_password_as_a_key():
    result = manage("check", FIELD_ENCRYPTION_KEYS=f"{secrets.token_urlsafe(32)},{production.DEMO_PASSWORD}")
    assert result.returncode != 0
    assert "eenplan.E003" in result.stderr
    assert production.DEMO_PASSWORD not in result.stderr


def test_production_refuses_a_mocked_login_switched_on_in_the_environment():
    result = manage("check", DIGID_MOCK="1")
    assert result.returncode != 0
    assert "eenplan.E004" in result.stderr
    assert "DIGID_MOCK" in result.stderr


def test_check_deploy_fails_on_a_secret_marked_as_not_for_production():
    result = manage("check", "--deploy", FIELD_ENCRYPTION_KEYS="a-field-key-that-is-not-for-production-at-all")
    assert result.returncode != 0
    assert "eenplan.E006" in result.stderr


def test_development_may_run_without_field_encryption_keys():
    result = manage("check", DEBUG="1", SECRET_KEY="", FIELD_ENCRYPTION_KEYS="", ALLOWED_HOSTS="")
    assert result.returncode == 0, result.stderr


# -- the system checks on settings changed in place (a settings module of one's own) --------------------------------


def test_the_checks_refuse_field_encryption_keys_falling_back_to_nothing(settings):
    settings.FIELD_ENCRYPTION_KEYS = []
    assert "eenplan.E001" in eenplan_ids()


def test_the_checks_refuse_the_secret_key_as_field_encryption_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = [settings.SECRET_KEY]
    assert "eenplan.E002" in eenplan_ids()


def test_the_checks_refuse_the_demo_password_as_a_secret(settings):
    settings.EMAIL_HOST_PASSWORD = production.DEMO_PASSWORD
    assert "eenplan.E003" in eenplan_ids()


def test_the_checks_refuse_any_mock_setting_that_is_on(settings):
    settings.DIGID_MOCK = True
    assert "eenplan.E004" in eenplan_ids()


def test_a_mock_setting_that_is_off_is_allowed(settings):
    settings.DIGID_MOCK = False
    assert "eenplan.E004" not in eenplan_ids()


def test_the_checks_refuse_a_named_development_only_setting(settings, monkeypatch):
    monkeypatch.setattr(production, "DEVELOPMENT_ONLY_SETTINGS", ("DEV_LOGIN_AS_ANYONE",))
    settings.DEV_LOGIN_AS_ANYONE = True
    assert "eenplan.E004" in eenplan_ids()


def test_check_deploy_refuses_a_short_field_encryption_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = ["short"]
    assert "eenplan.E005" in eenplan_ids()


def test_check_deploy_refuses_the_same_field_encryption_key_twice(settings):
    key = secrets.token_urlsafe(32)
    settings.FIELD_ENCRYPTION_KEYS = [key, key]
    assert "eenplan.E005" in eenplan_ids()


def test_nothing_is_refused_in_development(settings):
    settings.DEBUG = True
    settings.FIELD_ENCRYPTION_KEYS = [settings.SECRET_KEY]
    settings.DIGID_MOCK = True
    assert eenplan_ids() == set()


@pytest.mark.django_db
def test_check_deploy_on_the_database_refuses_demo_accounts(settings):
    factories.UserFactory(email=f"regisseur@{production.DEMO_EMAIL_DOMAIN}")
    assert "eenplan.E007" in eenplan_ids(databases=["default"])


@pytest.mark.django_db
def test_check_deploy_on_the_database_accepts_a_database_without_demo_accounts(settings):
    factories.UserFactory(email="regisseur@gemeente.example")
    assert "eenplan.E007" not in eenplan_ids(databases=["default"])


def test_the_published_values_are_the_ones_the_demo_and_development_use():
    from eenplan.demo import data as demo_data

    assert production.DEMO_PASSWORD == demo_data.DEMO_PASSWORD
    assert production.DEMO_EMAIL_DOMAIN == demo_data.DEMO_EMAIL_DOMAIN
    assert f'"{production.DEVELOPMENT_SECRET_KEY}"' in (ROOT / "eenplan" / "settings.py").read_text()


# -- demo data only in development -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()


@pytest.mark.django_db
def test_demo_logins_refuses_to_run_when_debug_is_off(settings):
    settings.DEBUG = False
    out = StringIO()
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_logins", stdout=out)
    assert production.DEMO_PASSWORD not in out.getvalue()


# -- HTTPS --------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_with_the_ssl_redirect_plain_http_goes_to_https_but_the_health_check_answers(settings, client):
    settings.SECURE_SSL_REDIRECT = True
    redirected = client.get("/inloggen/")
    assert redirected.status_code == 301
    assert redirected["Location"].startswith("https://")
    assert client.get("/healthz").status_code == 200
