# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Dutch is the default language and complete; English is the source text of every message."""

from __future__ import annotations

import ast
import pathlib
import re

import polib
import pytest
from django.test import Client
from django.utils import translation

PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "eenplan"
NL_PO = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "django.po"
NL_MO = NL_PO.with_suffix(".mo")
TEMPLATE_STRING = re.compile(r"""\{%\s*(?:translate|trans)\s+(["'])(.+?)\1""")
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "pgettext"}


def catalogue() -> polib.POFile:
    return polib.pofile(str(NL_PO))


def test_every_dutch_entry_is_translated_and_none_is_fuzzy():
    po = catalogue()
    missing = [e.msgid for e in po.untranslated_entries()] + [e.msgid for e in po.fuzzy_entries()]
    assert not missing, f"{len(missing)} Dutch entries to translate: {missing[:10]}"


def test_the_compiled_catalogue_matches_the_source():
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in polib.mofile(str(NL_MO))
    }
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in catalogue().translated_entries()
    }
    assert source.items() <= compiled.items(), "run `make messages` to compile eenplan/locale"


def _template_strings() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("templates/**/*.html"):
        # Django looks up a {% translate %} literal with its % signs doubled, as makemessages writes it.
        found.update(match.group(2).replace("%", "%%") for match in TEMPLATE_STRING.finditer(path.read_text()))
    return found


def _python_strings() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in GETTEXT_NAMES
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


def test_every_message_in_the_code_is_in_the_catalogue():
    known = {entry.msgid for entry in catalogue()}
    missing = sorted((_template_strings() | _python_strings()) - known)
    assert not missing, f"run `make messages` and translate: {missing[:10]}"


@pytest.mark.django_db
def test_the_login_page_is_dutch_by_default():
    html = Client().get("/inloggen/").content.decode()
    assert 'lang="nl"' in html and "Inloggen" in html


@pytest.mark.django_db
def test_the_login_page_is_english_on_request():
    client = Client()
    with translation.override("en"):
        html = client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in html and "Log in to EenPlan" in html
