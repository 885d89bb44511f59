# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The team dashboard (*teamdashboard*): a team's workflow in counts for its team leader and members — caseload per
professional, plans without agreement, evaluations due and overdue, overdue actions and referrals, waiting times from
request to intake to plan, open escalations, conferences and barriers, and the wijkbudget.

Everything is counted over the households the door gives the page (`households`, the team's caseload the user may
list), in a handful of grouped queries: the page's cost does not grow with the number of households' rows it shows.
Counts pass through eenplan.lib.disclosure like every report's (whole for these readers: `ReportScope`).
"""

from __future__ import annotations

import datetime
import statistics
from decimal import Decimal

from django.db.models import Count, Min, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.accounts.models import Membership, Role, Team, User
from eenplan.budget.models import NeighbourhoodBudget
from eenplan.collaboration.models import (
    Barrier,
    BarrierStatus,
    CaseConference,
    ConferenceStatus,
    Escalation,
    EscalationStatus,
)
from eenplan.households.models import Household
from eenplan.intake.models import Intake
from eenplan.lib.disclosure import protect, protect_list
from eenplan.plans.models import OPEN_ACTION_STATUSES, Action, Plan, PlanStatus
from eenplan.referrals.models import WAITING_STATES, Referral
from eenplan.reports.tables import Period, Section, bar_chart, cells

DUE_SOON_DAYS = 30
UNAGREED_AFTER_DAYS = 14
CONFERENCE_DAYS = 14
OPEN_BARRIERS = (BarrierStatus.NEW, BarrierStatus.RECOGNISED, BarrierStatus.WORKING)
MEMBER_ROLES = (Role.REGISSEUR, Role.WIJKTEAM_MEMBER)


def build(team: Team, households: QuerySet[Household], when: Period, *, suppress: bool) -> list[Section]:
    team_households = households.filter(owning_team=team)
    return [
        _caseload(team, team_households, suppress),
        _workflow(team, team_households, suppress),
        _waiting(team_households, when),
        _budget(team),
    ]


def _caseload(team: Team, households: QuerySet[Household], suppress: bool) -> Section:
    """Per professional: households as regisseur, open and overdue actions they own on the team's active plans."""
    today = timezone.localdate()
    as_regisseur = dict(
        households.filter(regisseur__isnull=False)
        .values("regisseur_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("regisseur_id", "n")
    )
    without_regisseur = households.filter(regisseur__isnull=True).count()
    actions = {
        row["owner_user_id"]: (row["open"], row["overdue"])
        for row in Action.objects.filter(
            plan__household__in=households.values("pk"),
            plan__is_active=True,
            status__in=OPEN_ACTION_STATUSES,
            owner_user__isnull=False,
        )
        .values("owner_user_id")
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(due_date__lt=today)))
        .order_by()
    }
    member_ids = set(
        Membership.objects.filter(team=team, role__in=MEMBER_ROLES, since__lte=today)
        .filter(Q(until__isnull=True) | Q(until__gte=today))
        .values_list("user_id", flat=True)
    )
    user_ids = member_ids | set(as_regisseur)
    people = list(User.objects.filter(pk__in=user_ids).order_by("full_name", "id").values_list("pk", "full_name"))
    values = [[as_regisseur.get(pk, 0), *actions.get(pk, (0, 0))] for pk, _name in people]
    labels = [name for _pk, name in people]
    if without_regisseur:
        values.append([without_regisseur, 0, 0])
        labels.append(_("No regisseur yet"))
    table = protect(values, row_totals=False, suppress=suppress) if values else None
    rows = [(label, cells(table.cells[i])) for i, label in enumerate(labels)] if table else []
    return Section(
        "caseload",
        _("Caseload per professional"),
        _("Professional"),
        [_("Households as regisseur"), _("Open actions"), _("Overdue actions")],
        rows,
        total=cells(table.column_totals) if table else None,
        note=_("Actions on the team's active plans that a professional owns; overdue: past their due date."),
        chart=bar_chart(_("Households per regisseur"), [(label, table.cells[i][0]) for i, label in enumerate(labels)])
        if table
        else None,
        hidden_any=bool(table and table.hidden_count),
    )


def _workflow(team: Team, households: QuerySet[Household], suppress: bool) -> Section:
    """What is waiting or overdue, as one list of counts."""
    today = timezone.localdate()
    now = timezone.now()
    ids = households.values("pk")
    plans = Plan.objects.filter(household__in=ids, is_active=True).aggregate(
        unagreed=Count("id", filter=Q(status=PlanStatus.CONCEPT)),
        unagreed_long=Count(
            "id",
            filter=Q(status=PlanStatus.CONCEPT, created_at__lt=now - datetime.timedelta(days=UNAGREED_AFTER_DAYS)),
        ),
        overdue=Count("id", filter=Q(status=PlanStatus.VASTGESTELD, evaluation_date__lt=today)),
        due=Count(
            "id",
            filter=Q(
                status=PlanStatus.VASTGESTELD,
                evaluation_date__gte=today,
                evaluation_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
            ),
        ),
    )
    overdue_actions = Action.objects.filter(
        plan__household__in=ids, plan__is_active=True, status__in=OPEN_ACTION_STATUSES, due_date__lt=today
    ).count()
    overdue_referrals = Referral.objects.filter(
        household__in=ids, state__in=WAITING_STATES, response_deadline__lt=now
    ).count()
    escalations = Escalation.objects.filter(household__in=ids, status=EscalationStatus.OPEN).aggregate(
        open=Count("id"), overdue=Count("id", filter=Q(decide_by__lt=today))
    )
    conferences = CaseConference.objects.filter(
        household__in=ids,
        status=ConferenceStatus.PLANNED,
        starts_at__gte=now,
        starts_at__lt=now + datetime.timedelta(days=CONFERENCE_DAYS),
    ).count()
    members = Membership.objects.filter(team=team).values("user_id")
    barriers = Barrier.objects.filter(raised_by__in=members, status__in=OPEN_BARRIERS).count()
    items = [
        (_("Plans not yet agreed"), plans["unagreed"]),
        (_("of which drafted more than 14 days ago"), plans["unagreed_long"]),
        (_("Evaluations overdue"), plans["overdue"]),
        (_("Evaluations due within 30 days"), plans["due"]),
        (_("Actions overdue"), overdue_actions),
        (_("Referrals without an answer after their deadline"), overdue_referrals),
        (_("Escalations waiting for a decision"), escalations["open"]),
        (_("of which past their decision date"), escalations["overdue"]),
        (_("Case conferences in the next 14 days"), conferences),
        (_("Barriers raised by the team, still open"), barriers),
    ]
    # Each count stands alone (no total is published), so small cells are hidden but none needs a partner.
    table = protect_list([n for _label, n in items], total=False, suppress=suppress)
    return Section(
        "workflow",
        _("What is waiting"),
        _("Item"),
        [_("Number")],
        [(label, cells(table.cells[i])) for i, (label, _n) in enumerate(items)],
        hidden_any=bool(table.hidden_count),
    )


def _median(values: list[int]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _waiting(households: QuerySet[Household], when: Period) -> Section:
    """Days from the request for help to the intake, and from the intake to the household's first plan, for intakes
    held in the period (medians)."""
    intakes = Intake.objects.filter(household__in=households.values("pk"), conducted_on__lt=when.end)
    if when.start is not None:
        intakes = intakes.filter(conducted_on__gte=when.start)
    rows = list(intakes.values_list("household_id", "conducted_on", "request__submitted_at"))
    first_plans = dict(
        Plan.objects.filter(household__in=[household_id for household_id, _on, _at in rows])
        .values("household_id")
        .annotate(first=Min("created_at"))
        .order_by()
        .values_list("household_id", "first")
    )
    to_intake: list[int] = []
    to_plan: list[int] = []
    for household_id, conducted_on, submitted_at in rows:
        if submitted_at is not None:
            to_intake.append(max((conducted_on - timezone.localtime(submitted_at).date()).days, 0))
        planned = first_plans.get(household_id)
        if planned is not None and timezone.localtime(planned).date() >= conducted_on:
            to_plan.append((timezone.localtime(planned).date() - conducted_on).days)
    return Section(
        "waiting",
        _("Waiting times"),
        _("Step"),
        [_("Households"), _("Median days")],
        [
            (_("From request for help to intake"), cells([len(to_intake), _median(to_intake)])),
            (_("From intake to plan"), cells([len(to_plan), _median(to_plan)])),
        ],
        note=_("Intakes held in the period."),
    )


def _budget(team: Team) -> Section:
    """The team's wijkbudgets of this year (eenplan.budget): amounts, never names."""
    year = timezone.localdate().year
    budgets = list(
        NeighbourhoodBudget.objects.filter(team=team, year=year)
        .order_by("name", "id")
        .values_list("name", "amount", "pending", "committed", "realised")
    )
    rows = []
    for name, amount, pending, committed, realised in budgets:
        left = amount - pending - committed - realised
        rows.append((name, [_euro(amount), _euro(pending), _euro(committed), _euro(realised), _euro(left)]))
    sums = NeighbourhoodBudget.objects.filter(team=team, year=year).aggregate(
        amount=Sum("amount"), pending=Sum("pending"), committed=Sum("committed"), realised=Sum("realised")
    )
    total = None
    if budgets:
        left_total = sums["amount"] - sums["pending"] - sums["committed"] - sums["realised"]
        total = [_euro(sums[k]) for k in ("amount", "pending", "committed", "realised")] + [_euro(left_total)]
    return Section(
        "budget",
        _("Neighbourhood budget %(year)s") % {"year": year},
        _("Budget"),
        [_("Budgeted"), _("Awaiting approval"), _("Committed"), _("Paid"), _("Left")],
        rows,
        total=total,
        note=_("In whole euros."),
    )


def _euro(amount: Decimal | None) -> str:
    return str(round(amount or 0))
