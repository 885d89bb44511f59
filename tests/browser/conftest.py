# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test in this folder is marked `browser`. Chromium is started once per session (per xdist worker); every test
gets a fresh context (no cookies), Dutch locale, desktop viewport. A failing test leaves a screenshot of its last
page in test-artifacts/browser/.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import translation
from django.utils.text import capfirst
from django_otp.oath import totp
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from eenplan.access.models import InformationCategory
from eenplan.accounts.models import Organisation, Role, Team, User
from eenplan.households.models import Household
from tests import access_helpers, factories

# Playwright's sync API runs an event loop in this thread; the tests still use the ORM (factories, assertions).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
TIMEOUT_MS = 10_000

HERE = Path(__file__).parent
ARTIFACTS = HERE.parent.parent / "test-artifacts" / "browser"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the test, so that fixtures can see in their teardown whether it failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


ACCESS_LOG_TABLE = "access_accesslogentry"


def _let_flush_empty_the_access_log() -> None:
    """The access log refuses DELETE and TRUNCATE in the database (triggers), which also stops the flush that ends
    every live-server (transactional) test. Empty it the same way the flush would, leaving the protection as it
    was for the next test:

    - SQLite: its triggers are row triggers, so empty the table with them briefly dropped and put them back
      exactly as they were; the flush then deletes nothing from it.
    - PostgreSQL: the TRUNCATE trigger fires even on an empty table, so switch triggers off for this session only
      (session_replication_role, needs a superuser as in scripts/with-postgres.sh); Django closes the connection
      right after the flush, which ends the setting.
    """
    if connection.vendor == "sqlite":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [ACCESS_LOG_TABLE]
            )
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
            cursor.execute(f'DELETE FROM "{ACCESS_LOG_TABLE}"')  # noqa: S608 - a constant
            for _name, sql in triggers:
                cursor.execute(sql)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")


@pytest.fixture(scope="session")
def _migrated_data(django_db_setup: None) -> str:
    """What the migrations loaded (e.g. the information categories), serialized when the test database was made.

    Taken before Playwright starts: once its event loop runs in this thread, asgiref treats the thread as async and
    Django hands out other connection objects, which lack this copy, so serialized rollback would silently stop
    restoring it after the first test's flush.
    """
    return str(getattr(connections[DEFAULT_DB_ALIAS], "_test_serialized_contents", ""))


@pytest.fixture(autouse=True)
def _live_database(
    _migrated_data: str,
    django_db_serialized_rollback: None,
    transactional_db: None,
    live_server: object,
    django_db_blocker: object,
) -> Iterator[None]:
    """Every browser test runs against the live server on a transactional database, which is flushed after it.

    Serialized rollback puts back what the migrations loaded; where Django's connection object lost the copy (see
    `_migrated_data`), it is restored here and handed to the connection for the next tests.
    """
    current = connections[DEFAULT_DB_ALIAS]
    if _migrated_data and not getattr(current, "_test_serialized_contents", None):
        current.creation.deserialize_db_from_string(_migrated_data)
        current._test_serialized_contents = _migrated_data  # type: ignore[attr-defined]
    yield
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        _let_flush_empty_the_access_log()


@pytest.fixture(scope="session")
def playwright_instance(_migrated_data: str) -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        message = f"{CHROMIUM} is missing; run scripts/ensure-system-packages.sh"
        if os.environ.get("CI"):
            pytest.fail(message)  # `make test` installs it: in CI a missing browser is a broken build, not a skip
        pytest.skip(message)
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _new_page(browser: Browser, viewport: dict[str, int], **options: object) -> tuple[BrowserContext, Page]:
    context = browser.new_context(locale="nl-NL", viewport=viewport, **options)  # type: ignore[arg-type]
    context.set_default_timeout(TIMEOUT_MS)
    return context, context.new_page()


def _screenshot_on_failure(request: pytest.FixtureRequest, page: Page, suffix: str = "") -> None:
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1])
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}{suffix}.png"), full_page=True)
    except Exception as exc:  # a screenshot is a courtesy; never hide the real failure
        print(f"could not save a screenshot: {exc}")


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context, page = _new_page(browser, DESKTOP)
    yield page
    _screenshot_on_failure(request, page)
    context.close()


@pytest.fixture
def phone_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context, page = _new_page(browser, PHONE, is_mobile=True, has_touch=True)
    yield page
    _screenshot_on_failure(request, page)
    context.close()


@pytest.fixture
def new_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Callable[..., Page]]:
    """Open another browser window with its own context (own cookies), for a second user in the same test:
    `other = new_page()` (desktop) or `new_page(PHONE, is_mobile=True)`. Closed, with a screenshot on failure,
    when the test ends."""
    opened: list[tuple[BrowserContext, Page]] = []

    def open_page(viewport: dict[str, int] = DESKTOP, **options: object) -> Page:
        context, page = _new_page(browser, viewport, **options)
        opened.append((context, page))
        return page

    yield open_page
    for number, (context, page) in enumerate(opened, start=2):
        _screenshot_on_failure(request, page, suffix=f"-{number}")
        context.close()


# The browser flows' own people and households, beside the shared cast (tests/cast.py, tests/conftest.py).


@pytest.fixture
def yilmaz_household(team: Team, regisseur: User) -> Household:
    """The Yilmaz household of `team`, with Ayşe (a name beyond ASCII) and a plan under `regisseur` (Rik): a
    finances goal with one action, "Aanmelden bij schuldhulp"."""
    household = factories.HouseholdFactory(owning_team=team, display_name="Yilmaz")
    factories.ResidentFactory(household=household, first_name="Ayşe", last_name="Yilmaz")
    access_helpers.plan_with_goal_and_action(household, regisseur)
    return household


@pytest.fixture
def bram_schuldhulp(schuldhulp: Organisation) -> User:
    """Bram Schuldhulp, a partner professional of `schuldhulp` (Schuldhulp Samen), in its team Team Schuldhulp."""
    team = factories.TeamFactory(organisation=schuldhulp, name="Team Schuldhulp")
    return factories.wijkteam_member(team=team, role=Role.PARTNER_PROFESSIONAL, full_name="Bram Schuldhulp")


def nl(message: str) -> str:
    """The Dutch UI text for a msgid, as the server renders it (English until the translation is filled in)."""
    with translation.override("nl"):
        return translation.gettext(message)


def category_name(code: str) -> str:
    """An information category's name as the server renders it in Dutch (e.g. "Financiën" for "financien")."""
    with translation.override("nl"):
        return str(InformationCategory.objects.get(code=code))


def nl_label(message: str) -> str:
    """A field's label as the form renders it: the Dutch text of the msgid with a capital first letter."""
    return capfirst(nl(message))


def current_code(hex_key: str = factories.TOTP_HEX_KEY) -> str:
    return f"{totp(bytes.fromhex(hex_key)):06d}"


def submit_password(page: Page, live_server: object, user: User, password: str = factories.PASSWORD) -> None:
    """Fill in the login form on /inloggen/ and wait for the code page."""
    page.goto(f"{live_server.url}/inloggen/")  # type: ignore[attr-defined]
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/inloggen/code/"))


def submit_code(page: Page, code: str) -> None:
    """Enter a code on the code page and wait for the answer (the next page, or the code page with an error)."""
    page.locator("#id_token").fill(code)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def log_in(page: Page, live_server: object, user: User) -> None:
    """Log in as a professional with a confirmed authenticator: password, then the current TOTP code.

    Ends on the page the login leads to (the start page), past the login pages.
    """
    submit_password(page, live_server, user)
    submit_code(page, current_code())
    page.wait_for_url(lambda url: "/inloggen/" not in url)
