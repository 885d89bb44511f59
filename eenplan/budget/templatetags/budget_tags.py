# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Template helpers of the wijkbudget: amounts in euro, and a household's commitments on its plan page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats

from eenplan.access.policy import Decision
from eenplan.budget.models import Commitment
from eenplan.households.models import Household

register = template.Library()

PLAN_PAGE_ROWS = 10


@register.filter
def euro(value: Decimal | None) -> str:
    """€ 1.234,50 in Dutch (grouping and a comma before the cents), from the Decimal itself, never a float."""
    if value is None:
        return "—"
    return "€\u00a0" + formats.number_format(Decimal(value).quantize(Decimal("0.01")), 2, force_grouping=True)


@register.inclusion_tag("budget/_plan_commitments.html")
def household_commitments(household: Household, decision: Decision, may_change: bool = False) -> dict[str, Any]:
    """The household's own wijkbudget commitments on its plan page, as far as the decision shows them (category
    financiën): the latest ten, with a link to all."""
    rows = list(
        decision.scoped(Commitment.objects.select_related("budget")).order_by("-requested_at", "-id")[
            : PLAN_PAGE_ROWS + 1
        ]
    )
    return {
        "household": household,
        "commitments": rows[:PLAN_PAGE_ROWS],
        "more": len(rows) > PLAN_PAGE_ROWS,
        "shown": decision.allows_category("financien"),
        "may_change": may_change,
    }
