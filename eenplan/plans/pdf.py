# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The printable plan (*plan van aanpak*) as PDF through WeasyPrint, in plain Dutch (B1).

The paper is for the resident, so it is Dutch whatever language the professional's screen is in."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from eenplan.households.models import Household, Resident
from eenplan.plans.display import actions_by_goal
from eenplan.plans.models import Action, CareTeamMember, Goal, Plan


def render_plan_pdf(
    request: HttpRequest,
    household: Household,
    plan: Plan,
    goals: list[Goal],
    actions: list[Action],
    residents: list[Resident],
) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only the PDF needs

    grouped = actions_by_goal(goals, actions)
    with translation.override("nl"):
        html = _render_html(request, household, plan, goals, grouped, residents)
    pdf: bytes = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    return pdf


def _render_html(
    request: HttpRequest,
    household: Household,
    plan: Plan,
    goals: list[Goal],
    actions_by_goal: dict[int | None, list[Action]],
    residents: list[Resident],
) -> str:
    return render_to_string(
        "plans/plan_pdf.html",
        {
            "household": household,
            "plan": plan,
            "residents": residents,
            "goals": [(goal, actions_by_goal.get(goal.pk, [])) for goal in goals],
            "loose_actions": actions_by_goal.get(None, []),
            "care_team": CareTeamMember.objects.filter(household=household)
            .current()
            .select_related("user", "organisation"),
            "network": household.network_members.all(),
            "printed_on": timezone.localdate(),
        },
        request=request,
    )
