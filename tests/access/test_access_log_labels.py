# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The access log pages show what happened in words: the justification and the object type, not their codes."""

from __future__ import annotations

import ast
import pathlib
import re

import pytest
from django.test import Client
from django.urls import reverse

from eenplan.access import log
from eenplan.access.policy import Basis
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "eenplan"


def english(client: Client, url: str, **query: str) -> str:
    response = client.get(url, query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def visible_text(html: str) -> str:
    """The page without its tags (and so without attribute values such as title="team_task")."""
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.django_db
def test_who_looked_shows_the_legal_task_in_words(household, regisseur):
    client = login_verified(Client(), regisseur)
    client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    page = english(client, reverse("access:household_log", kwargs={"pk": household.pk}))
    assert "Legal task of the team" in page
    assert "team_task" not in visible_text(page)


@pytest.mark.django_db
def test_who_looked_shows_the_object_in_words(household, regisseur):
    client = login_verified(Client(), regisseur)
    client.get(reverse("access:household_log", kwargs={"pk": household.pk}))
    page = english(client, reverse("access:household_log", kwargs={"pk": household.pk}))
    assert "who looked at this file" in page
    assert "access_log" not in visible_text(page)


@pytest.mark.django_db
def test_who_looked_keeps_the_stored_code_in_a_title(household, regisseur):
    client = login_verified(Client(), regisseur)
    page = english(client, reverse("access:household_log", kwargs={"pk": household.pk}))
    assert 'title="team_task"' in page and 'title="access_log"' in page


@pytest.mark.django_db
def test_the_log_search_shows_consent_and_a_list_of_households_in_words(officer, household, professional):
    partner_org = story.partner_organisation()
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    partner = story.member_of(partner_org, "partner")
    partner_client = login_verified(Client(), partner)
    partner_client.get(reverse("households:list"))
    partner_client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    page = english(officer, reverse("access:log_search"))
    text = visible_text(page)
    assert "Consent of the resident" in text and "list of households" in text
    assert "household_list" not in text


@pytest.mark.django_db
def test_the_log_search_shows_emergency_access_without_its_code(officer, household):
    outsider = factories.wijkteam_member()
    emergency = story.take_break_glass(outsider, household)
    login_verified(Client(), outsider).get(reverse("households:detail", kwargs={"pk": household.pk}))
    text = visible_text(english(officer, reverse("access:log_search")))
    assert "Emergency access" in text
    assert f"break_glass:{emergency.pk}" not in text


def test_an_emergency_access_justification_is_labelled_whatever_its_number():
    assert log.justification_label("break_glass:12") == log.justification_label("break_glass:99999")
    assert "break_glass" not in log.justification_label("break_glass:12")


def test_an_unknown_code_is_shown_as_stored_rather_than_hidden():
    assert log.justification_label("something_new") == "something_new"
    assert log.object_type_label("something_new") == "something_new"


def _logged_literals(keyword: str) -> set[str]:
    """The string literals passed as `keyword=` anywhere in the code, and to privacy_view() for object types."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            for kw in node.keywords:
                if kw.arg == keyword and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    found.add(kw.value.value)
                if kw.arg == keyword and isinstance(kw.value, ast.JoinedStr):  # f"break_glass:{id}"
                    head = kw.value.values[0]
                    if isinstance(head, ast.Constant):
                        found.add(str(head.value).split(":")[0])
            name = getattr(node.func, "id", None)
            if keyword == "object_type" and name == "privacy_view" and isinstance(node.args[0], ast.Constant):
                found.add(node.args[0].value)
            if keyword == "object_type" and name == "assigned_row_view" and isinstance(node.args[0], ast.Name):
                found.add(node.args[0].id.lower())  # the door logs the row's model name
    return found


def test_every_object_type_the_code_logs_has_a_label():
    logged = _logged_literals("object_type")
    assert {"household", "household_list", "action", "access_log_search"} <= logged  # the scan finds them
    assert not logged - set(log.OBJECT_TYPE_LABELS), "add a label to eenplan.access.log.OBJECT_TYPE_LABELS"


def test_every_justification_the_code_logs_has_a_label():
    logged = _logged_literals("justification") | {str(b) for b in Basis if b != Basis.NONE}
    assert not logged - set(log.JUSTIFICATION_LABELS), "add a label to eenplan.access.log.JUSTIFICATION_LABELS"
