# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""How the plan's goals and actions are laid out for a page or the printed plan."""

from __future__ import annotations

from eenplan.plans.models import Action, Goal


def actions_by_goal(goals: list[Goal], actions: list[Action]) -> dict[int | None, list[Action]]:
    """The actions per shown goal; an action whose goal is not shown (another category) is among the other actions,
    so that it is neither lost nor tells about its goal."""
    goal_ids = {goal.pk for goal in goals}
    grouped: dict[int | None, list[Action]] = {}
    for action in actions:
        grouped.setdefault(action.goal_id if action.goal_id in goal_ids else None, []).append(action)
    return grouped
