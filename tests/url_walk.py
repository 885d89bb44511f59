# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Walking the URL patterns: every named URL with its pattern, and which of them are household-scoped."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.urls import URLPattern, URLResolver, get_resolver

from eenplan.access.door import DOOR_ATTRIBUTE, DoorKind

HOUSEHOLD_KINDS = {DoorKind.HOUSEHOLD, DoorKind.BREAK_GLASS}


def walk(patterns: Iterable[URLPattern | URLResolver], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    """Every URL pattern under `patterns` with its full name (namespaces included, '' when it has none)."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            yield from walk(entry.url_patterns, prefix + namespace)
        elif isinstance(entry, URLPattern):
            yield prefix + (entry.name or ""), entry


def household_scoped_url_names() -> set[str]:
    """The names of the URLs whose view goes through the household door (or break-the-glass)."""
    return {
        name
        for name, pattern in walk(get_resolver().url_patterns)
        if getattr(pattern.callback, DOOR_ATTRIBUTE, None) in HOUSEHOLD_KINDS
    }


# The partners' systems reach households through the API, whose own matrix (tests/api/test_api_matrix.py) checks every
# endpoint per consent state with a client's token instead of a signed-in professional.
API_NAMESPACE = "api:"


def household_page_url_names() -> set[str]:
    """The household-scoped URLs a signed-in professional opens: every household-scoped URL but the API's."""
    return {name for name in household_scoped_url_names() if not name.startswith(API_NAMESPACE)}


def takes_only_the_household(name: str) -> bool:
    """Does this URL name need the household's id and nothing else?"""
    return any(
        full == name and set(pattern.pattern.converters) == {"pk"}
        for full, pattern in walk(get_resolver().url_patterns)
    )
