# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The one door: every view declares itself, and household pages log exactly one entry per request."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse
from django.urls import path as url_path

from eenplan.access.door import DOOR_ATTRIBUTE, DoorKind, declare
from eenplan.access.log import verify_chain
from eenplan.access.models import AccessLogEntry
from eenplan.access.registry import registered_models
from eenplan.accounts.admin import site as admin_site
from eenplan.households.models import Household, Resident
from tests import access_helpers as story
from tests import factories
from tests.app_imports import app_imports, apps
from tests.conftest import login_verified
from tests.url_walk import HOUSEHOLD_KINDS, walk


def undeclared_views(patterns) -> list[str]:
    """The views that declare no kind of the door, or a label that is not one (DoorKind is a fixed set)."""
    undeclared = []
    for name, pattern in walk(patterns):
        module = pattern.callback.__module__
        if name.startswith("admin:") or module.startswith(("eenplan.accounts", "eenplan.directory")):
            # The admin holds no household models (tested below); accounts and the sociale kaart hold no
            # household data and cannot import it (test_dependencies_point_one_way).
            continue
        if not isinstance(getattr(pattern.callback, DOOR_ATTRIBUTE, None), DoorKind):
            undeclared.append(f"{name} ({module}.{pattern.callback.__name__})")
    return undeclared


def test_every_view_declares_itself_through_the_door():
    undeclared = undeclared_views(get_resolver().url_patterns)
    assert not undeclared, "views that do not pass the access door: " + ", ".join(undeclared)


def test_a_view_that_writes_its_own_label_fails_the_walk():
    def homemade(request):
        raise AssertionError("never called")

    setattr(homemade, DOOR_ATTRIBUTE, "household")  # the right word, but not a DoorKind
    walked = undeclared_views([url_path("eigen/", homemade, name="homemade")])
    assert walked == ["homemade (tests.access.test_access_door.homemade)"]


def test_declare_refuses_an_unknown_kind():
    with pytest.raises(TypeError):
        declare("internal_tool")  # type: ignore[arg-type]


def test_every_url_with_a_household_id_is_guarded_by_the_household_door():
    for name, pattern in walk(get_resolver().url_patterns):
        if "pk" in pattern.pattern.converters:
            assert getattr(pattern.callback, DOOR_ATTRIBUTE, None) in HOUSEHOLD_KINDS, name


def test_the_admin_has_no_household_models():
    registered = {model._meta.app_label for model in admin_site._registry}
    # organisations, …; instruments; retention periods; API clients; wijkbudgets and mandate levels; escalation
    # mandates and helpdesk topics; My EenPlan's names policy per organisation
    assert registered <= {"accounts", "assessments", "retention", "api", "budget", "collaboration", "portal"}
    assert not set(admin_site._registry) & set(registered_models())
    assert Household not in admin_site._registry and Resident not in admin_site._registry


# The one table of allowed imports (docs/architecture.md): each app and what it may import. An app missing here
# fails the test, so a new app states its place. `directory` (the sociale kaart) holds no resident data and imports
# no household app and not access; `access` imports no feature app; the pages and the demo data sit on top.
_BASE = {"accounts", "lib", "domains"}
_HOUSEHOLD_CORE = _BASE | {"households", "access"}
_FEATURES = {
    "notifications",
    "plans",
    "assessments",
    "intake",
    "directory",
    "referrals",
    "retention",
    "budget",
    "collaboration",
    "portal",
    "reports",
}
ALLOWED_IMPORTS: dict[str, set[str]] = {
    "accounts": set(),
    "domains": set(),
    "formats": set(),
    "lib": {"accounts"},
    "households": {"accounts", "lib"},
    "directory": {"accounts", "lib", "domains"},
    "access": {"accounts", "lib", "households"},
    "notifications": {"accounts", "lib", "access"},
    "plans": _HOUSEHOLD_CORE | {"notifications"},
    "assessments": _HOUSEHOLD_CORE | {"notifications", "plans"},
    "intake": _HOUSEHOLD_CORE | {"notifications", "plans", "assessments"},
    "referrals": _HOUSEHOLD_CORE | {"notifications", "plans", "directory"},
    "budget": _HOUSEHOLD_CORE | {"notifications", "plans"},
    "collaboration": _HOUSEHOLD_CORE | {"notifications", "plans"},
    # Mijn EenPlan, through the resident's own door; the resident's self-assessment and referrals' state.
    "portal": _HOUSEHOLD_CORE | {"notifications", "plans", "assessments", "referrals"},
    # Reports count what the feature apps hold (never a household in a figure) and protect small cells.
    "reports": _HOUSEHOLD_CORE
    | {"notifications", "plans", "assessments", "intake", "directory", "referrals", "budget", "collaboration"},
    "retention": _HOUSEHOLD_CORE | {"notifications", "plans", "assessments", "intake", "referrals"},
    "api": _HOUSEHOLD_CORE | {"notifications", "plans", "directory", "referrals"},  # the exchange, through the door
    "ops": {"accounts", "lib", "access", "notifications"},
    # Account administration: accounts' lifecycle, and the handover of households through plans' regisseur transfer.
    "staff": _HOUSEHOLD_CORE | {"notifications", "plans"},
    "household_pages": _HOUSEHOLD_CORE | _FEATURES,  # retention: closing and reopening the help
    "web": _HOUSEHOLD_CORE | _FEATURES - {"retention"} | {"household_pages"},
    "demo": _HOUSEHOLD_CORE | _FEATURES | {"api"},
    # The project's own modules: settings and URL configuration sit above every app; no app imports them.
    "production": set(),
    "settings": {"ops", "production"},
    "test_settings": {"settings"},
    "urls": _HOUSEHOLD_CORE | _FEATURES | {"household_pages", "web", "ops", "api", "staff"},
    "asgi": set(),
    "wsgi": set(),
}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph as a path, or [] when it has none."""
    state: dict[str, str] = {}

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = "open"
        for target in sorted(graph.get(node, set())):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target] if target in path else [node, target]
            if target not in state:
                found = visit(target, [*path, target])
                if found:
                    return found
        state[node] = "done"
        return []

    for start in sorted(graph):
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return []


def test_every_app_has_its_place_in_the_table_of_allowed_imports():
    assert apps() == set(ALLOWED_IMPORTS)


def test_dependencies_point_one_way():
    wrong = {
        app: sorted(app_imports(app) - ALLOWED_IMPORTS[app])
        for app in sorted(apps())
        if app_imports(app) - ALLOWED_IMPORTS.get(app, set())
    }
    assert not wrong, f"imports against the table ALLOWED_IMPORTS: {wrong}"


def test_the_apps_import_each_other_in_no_circle():
    assert _cycle({app: app_imports(app) for app in apps()}) == []


def test_the_table_of_allowed_imports_has_no_circle():
    assert _cycle(ALLOWED_IMPORTS) == []


def test_the_circle_check_finds_a_circle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


@pytest.mark.django_db
def test_a_household_page_writes_exactly_one_log_entry(client, household, professional):
    login_verified(client, professional)
    client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    entry = AccessLogEntry.objects.get()
    assert (entry.household_id, entry.action, entry.object_type) == (household.pk, "view", "household")
    assert entry.user_id == professional.pk and entry.justification == "team_task"


@pytest.mark.django_db
def test_a_change_is_logged_as_an_update_once(client, household, professional):
    login_verified(client, professional)
    resident = household.residents.get()
    url = reverse("households:resident_edit", kwargs={"pk": household.pk, "resident_pk": resident.pk})
    client.post(
        url,
        {"first_name": "Anne", "last_name": "Vries", "name_prefix": "de", "date_of_birth": "1985-04-12", "version": 1},
    )
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.object_type, entry.object_id, entry.resident_id) == (
        "update",
        "resident",
        resident.pk,
        resident.pk,
    )


@pytest.mark.django_db
def test_a_refused_request_writes_one_refused_entry_and_shows_no_household_data(client, household):
    outsider = factories.wijkteam_member()
    login_verified(client, outsider)
    response = client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    assert response.status_code == 403
    assert "De Vries" not in response.content.decode() and "Anna" not in response.content.decode()
    entry = AccessLogEntry.objects.get()  # the refusal itself (tests/access/test_access_refusals.py), no look
    assert (entry.user_id, entry.action, entry.household_id) == (outsider.pk, "refused", household.pk)


@pytest.mark.django_db
def test_the_list_writes_one_entry_for_the_whole_page(client, team, professional):
    for _ in range(5):
        factories.HouseholdFactory(owning_team=team)
    login_verified(client, professional)
    client.get(reverse("households:list"))
    entry = AccessLogEntry.objects.get()
    assert (entry.object_type, entry.household_id) == ("household_list", None)


@pytest.mark.django_db
def test_logging_is_one_insert_per_request(client, household, professional):
    login_verified(client, professional)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    writes = [
        q["sql"]
        for q in queries
        if (q["sql"].startswith("INSERT") and "access_accesslogentry" in q["sql"]) or "access_log_append(" in q["sql"]
    ]
    assert len(writes) == 1
    assert AccessLogEntry.objects.count() == 1


@pytest.mark.django_db
def test_the_chain_written_in_the_database_function_verifies(client, household, professional):
    """On PostgreSQL the database completes the hash; verify_access_log must agree with it, entry by entry."""
    login_verified(client, professional)
    for _ in range(3):
        client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    entries = list(AccessLogEntry.objects.order_by("id"))
    assert len(entries) == 3
    assert all(entry.compute_hash() == entry.entry_hash for entry in entries)
    assert [e.previous_hash for e in entries[1:]] == [e.entry_hash for e in entries[:-1]]
    assert verify_chain().ok


def _detail_query_count(client, household) -> int:
    """Queries of the household page once the session is fresh (it is renewed at most once a minute)."""
    client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_door_adds_a_constant_number_of_queries_for_a_partner(client, household, professional):
    partner_org = story.partner_organisation()
    partner = story.member_of(partner_org, "partner")
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    factories.ResidentFactory(household=household)  # two residents: the page asks for relationships from two on
    login_verified(client, partner)
    few = _detail_query_count(client, household)
    for index in range(10):
        story.grant_consent(household, story.partner_organisation(f"Org {index}"), ["wonen"], recorded_by=professional)
        story.grant_consent(household, partner_org, ["gezondheid"], recorded_by=professional)
        factories.ResidentFactory(household=household)
    for _ in range(30):
        client.get(reverse("households:detail", kwargs={"pk": household.pk}))  # many log entries
    assert _detail_query_count(client, household) == few


@pytest.mark.django_db
def test_the_household_page_costs_the_same_queries_with_more_data_for_the_team(client, household, professional):
    login_verified(client, professional)
    story.grant_consent(household, story.partner_organisation("Eerste"), ["wonen"], recorded_by=professional)
    factories.ResidentFactory(household=household)  # two residents: the page asks for relationships from two on
    few = _detail_query_count(client, household)
    for index in range(8):
        factories.ResidentFactory(household=household)
        story.grant_consent(household, story.partner_organisation(f"Org {index}"), ["wonen"], recorded_by=professional)
    assert _detail_query_count(client, household) == few
