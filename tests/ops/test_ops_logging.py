# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""No log line holds a resident's name, BSN, address or e-mail address: the project's own logging configuration, at
DEBUG level, captured while professionals open a household, search for a resident by name, send a form with errors,
mistype a URL with a name in it, and hit a database outage with a name in the query string."""

from __future__ import annotations

import copy
import io
import json
import logging.config
from collections.abc import Iterator
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.urls import reverse

from eenplan.ops.logging import redact_text
from tests import factories
from tests.access_helpers import resident_data
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

FIRST, LAST = "Wilhelmina", "Zwanenburg"
BSN = factories.VALID_TEST_BSNS[1]
EMAIL = "wilhelmina.zwanenburg@example.nl"
STREET = "Tolsteegsingel"
PERSONAL = [FIRST, LAST, BSN, EMAIL, STREET]


@pytest.fixture
def resident(team):
    household = factories.HouseholdFactory(owning_team=team, display_name=LAST, street=STREET)
    return factories.ResidentFactory(household=household, first_name=FIRST, last_name=LAST, bsn=BSN, email=EMAIL)


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """The configured handlers and formatter, every logger at DEBUG, written to a string."""
    stream = io.StringIO()
    config = copy.deepcopy(settings.LOGGING)
    config["handlers"]["console"]["stream"] = stream
    config["root"]["level"] = "DEBUG"
    for logger in config["loggers"].values():
        logger["level"] = "DEBUG"
    config["loggers"]["django"] = {"handlers": ["console"], "level": "DEBUG", "propagate": False}
    logging.config.dictConfig(config)
    try:
        yield stream
    finally:
        logging.config.dictConfig(settings.LOGGING)


def lines(stream: io.StringIO) -> list[str]:
    return [line for line in stream.getvalue().splitlines() if line.strip()]


def assert_no_personal_data(stream: io.StringIO) -> None:
    text = stream.getvalue()
    assert lines(stream), "nothing was logged: the capture does not work"
    for value in PERSONAL:
        assert value.lower() not in text.lower(), f"{value!r} in the log"


def test_the_household_page_logs_no_personal_data(client, professional, resident, log_output):
    login_verified(client, professional)
    assert client.get(reverse("households:detail", kwargs={"pk": resident.household_id})).status_code == 200
    assert_no_personal_data(log_output)


def test_a_search_by_name_logs_the_route_not_the_query(client, professional, resident, log_output):
    login_verified(client, professional)
    assert client.get(reverse("households:list"), {"q": f"{FIRST} {LAST}"}).status_code == 200
    assert_no_personal_data(log_output)
    finished = [json.loads(line) for line in lines(log_output) if "request_finished" in line]
    assert finished and finished[-1]["request"] == "GET /huishoudens/"


def test_a_form_with_errors_logs_no_personal_data(client, professional, resident, log_output):
    login_verified(client, professional)
    url = reverse("households:resident_edit", kwargs={"pk": resident.household_id, "resident_pk": resident.pk})
    data = resident_data(resident, date_of_birth="not a date", email=EMAIL, bsn=BSN)
    form = urlencode(data)  # as a browser sends a form
    assert client.post(url, form, content_type="application/x-www-form-urlencoded").status_code == 400
    assert_no_personal_data(log_output)


def test_a_404_with_a_name_in_the_url_logs_no_name(client, professional, resident, log_output):
    login_verified(client, professional)
    assert client.get(f"/huishoudens/{FIRST}-{LAST}/{EMAIL}/{BSN}/").status_code == 404
    assert_no_personal_data(log_output)


def test_an_outage_with_a_name_in_the_query_string_logs_no_name(client, professional, resident, log_output):
    login_verified(client, professional)
    client.raise_request_exception = False
    with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError(f"no {EMAIL}")):
        assert client.get(reverse("households:list"), {"q": LAST, "bsn": BSN}).status_code == 503
    assert_no_personal_data(log_output)
    assert any("request_failed" in line for line in lines(log_output))


def test_the_log_lines_are_json_with_a_request_id_and_no_client_address(client, professional, log_output):
    login_verified(client, professional)
    client.get(reverse("households:list"), REMOTE_ADDR="192.0.2.44", HTTP_USER_AGENT="Firefox/140")
    events = [json.loads(line) for line in lines(log_output)]
    finished = next(event for event in events if event["event"] == "request_finished")
    assert finished["code"] == 200 and finished["request_id"] and finished["user_id"] == professional.pk
    assert "192.0.2.44" not in log_output.getvalue() and "Firefox" not in log_output.getvalue()


def test_the_redaction_removes_query_strings_addresses_and_bsns():
    assert redact_text(f"GET /huishoudens/?q={LAST} for {EMAIL} bsn {BSN}") == (
        "GET /huishoudens/?[redacted] for [redacted] bsn [redacted]"
    )
