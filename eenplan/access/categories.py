# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The information categories (*informatiecategorieën*, DESIGN.md §3) kept in memory.

A handful of rows, read by the policy on nearly every request and changed only by a data migration or a functional
administrator. Each process keeps them after the first read and forgets them when one is saved or deleted in that
process; other processes (gunicorn workers) see such a change after a restart, as after a migration.
"""

from __future__ import annotations

from typing import Any

from eenplan.access.models import InformationCategory

_categories: tuple[InformationCategory, ...] | None = None


def all_categories() -> tuple[InformationCategory, ...]:
    """Every category in display order; the instances are shared, so treat them as read-only."""
    global _categories
    if _categories is None:
        _categories = tuple(InformationCategory.objects.all())
    return _categories


def all_category_codes() -> frozenset[str]:
    return frozenset(category.code for category in all_categories())


def forget(**_: Any) -> None:
    """Drop the kept categories (on save and delete of a category, and between tests)."""
    global _categories
    _categories = None
