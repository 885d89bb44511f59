# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Accessibility checks for the browser tests: axe-core (WCAG 2.1 AA) and no sideways scrolling."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

BLOCKING_IMPACTS = {"serious", "critical"}
_axe = Axe()


def _invisible_text(incomplete: list[dict]) -> list[dict]:
    """axe-core files text in the same colour as its background under "incomplete" (it may be hidden on purpose);
    EenPlan hides text only with .ep-visually-hidden, so such text is a contrast failure: it cannot be read."""
    found = []
    for result in incomplete:
        if result["id"] != "color-contrast":
            continue
        nodes = [
            node
            for node in result["nodes"]
            if any((check.get("data") or {}).get("messageKey") == "equalRatio" for check in node.get("any", []))
        ]
        if nodes:
            found.append({**result, "nodes": nodes, "impact": "serious"})
    return found


def assert_accessible(page: Page, what: str) -> None:
    """axe-core on the page as it is now; serious and critical violations fail, with their ids and elements."""
    page.wait_for_load_state("load")
    response = _axe.run(page, options={"resultTypes": ["violations", "incomplete"]}).response
    blocking = [v for v in response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    blocking += _invisible_text(response.get("incomplete", []))
    lines = [
        f"{v['id']} ({v['impact']}) {' '.join(node['target'])}: {v['help']}\n    {node.get('failureSummary', '')}"
        for v in blocking
        for node in v["nodes"]
    ]
    assert not blocking, f"axe-core on {what} ({page.url}):\n" + "\n".join(lines)


WIDTHS_JS = """() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    too_wide: [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5)
        .map((e) => [e.tagName.toLowerCase(), e.id, e.getAttribute("class")].filter(Boolean).join(" ")),
})"""


def assert_no_horizontal_scroll(page: Page, what: str) -> None:
    """The page is no wider than the window: a phone needs no sideways scrolling."""
    widths = page.evaluate(WIDTHS_JS)
    assert widths["scroll"] <= widths["inner"], f"{what} scrolls sideways: {widths}"


def look_on_a_phone(page: Page, what: str) -> None:
    """What a resident's phone page must be: axe-core clean and no sideways scrolling."""
    assert_accessible(page, what)
    assert_no_horizontal_scroll(page, what)
