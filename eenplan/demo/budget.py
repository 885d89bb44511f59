# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Wijkbudget in the demo: mandate levels, a budget per wijkteam team for this year (the team of the demo regisseur
also a collective budget and last year's), and commitments in every state.

The named states go through the services as a professional would: committed within the mandate, awaiting the
team leader, awaiting the budget holder (above the team leader's mandate), paid, released and refused. At bench
scale one plan action in twenty draws on its team's budget (committed or paid), written in bulk with the budgets'
running totals recounted from them. The budget holder is the demo's municipal login Bart Beleid. No draws from the
demo's main random generator: the rest of the demo stays the same per seed.
"""

from __future__ import annotations

import datetime
import math
import random
from decimal import Decimal

from django.db.models import DecimalField, Q, Sum
from django.db.models.functions import Coalesce, Mod

from eenplan.accounts.models import Membership, Organisation, OrganisationType, Role, Team, User
from eenplan.budget import services
from eenplan.budget.models import (
    ZERO,
    Commitment,
    CommitmentState,
    MandateLevel,
    NeighbourhoodBudget,
    PayeeKind,
    Purpose,
)
from eenplan.demo.history import bulk_history
from eenplan.plans.models import Action, Funding

MANDATES = [
    (Role.REGISSEUR, Decimal("500")),
    (Role.WIJKTEAM_MEMBER, Decimal("500")),
    (Role.TEAM_LEADER, Decimal("2500")),
]
# (what for, amount, payee kind, what happens next) for the demo regisseur's households, one per household.
NAMED = [
    ("Eerste maand huur nieuwe woning", "350.00", PayeeKind.SUPPLIER, "committed"),
    ("Achterstand energierekening", "1200.00", PayeeKind.CREDITOR, "awaiting"),
    ("Bed en matras voor de kinderen", "480.00", PayeeKind.SUPPLIER, "paid"),
    ("Sportclub contributie", "200.00", PayeeKind.ORGANISATION, "released"),
    ("Rijlessen", "900.00", PayeeKind.SUPPLIER, "refused"),
    ("Schuld bij de woningcorporatie", "3000.00", PayeeKind.CREDITOR, "awaiting"),
]
BULK_SHARE = 20  # one action in this many draws on the wijkbudget at bench scale


def build_budgets(now: datetime.datetime, regisseur_email: str, team_leader_email: str, holder_email: str) -> int:
    """Mandate levels, budgets and commitments; the number of commitments made."""
    wijkteam = Organisation.objects.filter(type=OrganisationType.WIJKTEAM).order_by("pk").first()
    holder = User.objects.filter(email=holder_email).first()
    if wijkteam is None or holder is None:
        return 0
    for role, limit in MANDATES:
        MandateLevel.objects.create(organisation=wijkteam, role=role, limit=limit)
    municipality = Organisation.objects.filter(type=OrganisationType.WERK_EN_INKOMEN).order_by("pk").first()
    if municipality is not None:  # above the team leader: the municipality's team leaders, without limit
        MandateLevel.objects.create(organisation=municipality, role=Role.TEAM_LEADER, limit=None)
    today = now.date()
    teams = list(Team.objects.filter(organisation=wijkteam).prefetch_related("neighbourhoods").order_by("pk"))
    budgets = {}
    for team in teams:
        wijk = team.neighbourhoods.first()
        budgets[team.pk] = NeighbourhoodBudget.objects.create(
            name=f"Wijkbudget {wijk.name if wijk else team.name}",
            team=team,
            year=today.year,
            purpose=Purpose.MAATWERK,
            amount=Decimal("25000.00"),
            owner=holder,
            starts_on=datetime.date(today.year, 1, 1),
            ends_on=datetime.date(today.year, 12, 31),
            warn_percentage=80,
        )
    made = _named(budgets, now, regisseur_email, team_leader_email, holder)
    made += _bulk(budgets, wijkteam.pk, now)
    return made


def _named(
    budgets: dict[int, NeighbourhoodBudget],
    now: datetime.datetime,
    regisseur_email: str,
    team_leader_email: str,
    holder: User,
) -> int:
    membership = Membership.objects.filter(user__email=regisseur_email).select_related("user").first()
    leader = User.objects.filter(email=team_leader_email).first()
    if membership is None or membership.team_id is None or leader is None:
        return 0
    regisseur = membership.user
    team_budget = budgets[membership.team_id]
    today = now.date()
    NeighbourhoodBudget.objects.create(
        name=f"{team_budget.name} buurtinitiatieven",
        team_id=membership.team_id,
        year=today.year,
        purpose=Purpose.COLLECTIEF,
        amount=Decimal("10000.00"),
        owner=holder,
        starts_on=datetime.date(today.year, 1, 1),
        ends_on=datetime.date(today.year, 12, 31),
    )
    NeighbourhoodBudget.objects.create(
        name=team_budget.name,
        team_id=membership.team_id,
        year=today.year - 1,
        purpose=Purpose.MAATWERK,
        amount=Decimal("20000.00"),
        owner=holder,
        starts_on=datetime.date(today.year - 1, 1, 1),
        ends_on=datetime.date(today.year - 1, 12, 31),
    )
    actions = list(
        Action.objects.filter(
            plan__is_active=True,
            plan__household__owning_team_id=membership.team_id,
            plan__household__regisseur=regisseur,
            commitments__isnull=True,
        )
        .select_related("plan__household", "goal")
        .order_by("plan__household_id", "pk")
    )
    seen: set[int] = set()
    chosen = []
    for action in actions:
        if action.plan.household_id not in seen:
            seen.add(action.plan.household_id)
            chosen.append(action)
    made = 0
    for action, (what_for, amount, payee, next_step) in zip(chosen, NAMED, strict=False):
        Action.objects.filter(pk=action.pk).update(cost=Decimal(amount), funding=Funding.NEIGHBOURHOOD_BUDGET)
        commitment = services.commit(
            household=action.plan.household,
            action=action,
            budget=team_budget,
            amount=Decimal(amount),
            what_for=what_for,
            payee_kind=payee,
            expected_on=today + datetime.timedelta(days=14),
            by=regisseur,
            role=membership.role,
            organisation_id=membership.organisation_id,
        )
        if next_step == "paid":
            services.realise(
                commitment, regisseur, paid_amount=Decimal("465.20"), paid_on=today, reference="FIN-2026-00417"
            )
        elif next_step == "released":
            services.release(commitment, regisseur, reason="De sportclub gaf een jeugdkorting; niet meer nodig.")
        elif next_step == "refused":
            services.decide(
                commitment, leader, approve=False, reason="Past beter bij de bijzondere bijstand; vraag die eerst aan."
            )
        made += 1
    return made


def _bulk(budgets: dict[int, NeighbourhoodBudget], organisation_id: int, now: datetime.datetime) -> int:
    """One action in BULK_SHARE of the active plans draws on its team's budget: committed, or paid lately."""
    rng = random.Random("wijkbudget")
    today = now.date()
    actions = (
        Action.objects.filter(plan__is_active=True, plan__household__owning_team_id__in=list(budgets))
        .exclude(plan__household__commitments__isnull=False)
        .annotate(draw=Mod("pk", BULK_SHARE))
        .filter(draw=0)
        .values("pk", "plan__household_id", "plan__household__owning_team_id", "goal__domain", "plan__created_by_id")
        .order_by("pk")
    )
    commitments = []
    costs = []
    for row in actions:
        budget = budgets[row["plan__household__owning_team_id"]]
        amount = Decimal(rng.choice(["75.00", "120.00", "180.50", "250.00", "325.00", "450.00"]))
        paid = rng.random() < 0.5
        commitments.append(
            Commitment(
                budget=budget,
                household_id=row["plan__household_id"],
                action_id=row["pk"],
                domain=row["goal__domain"] or "",
                amount=amount,
                year_total=amount,
                what_for=rng.choice(["Eerste huur", "Meubels", "Contributie sportclub", "Energierekening"]),
                payee_kind=rng.choice(list(PayeeKind)),
                expected_on=today + datetime.timedelta(days=rng.randint(-60, 60)),
                state=CommitmentState.BETAALD if paid else CommitmentState.TOEGEKEND,
                requested_by_id=row["plan__created_by_id"],
                requested_role=Role.REGISSEUR,
                requested_organisation_id=organisation_id,
                requested_at=now,
                paid_amount=amount if paid else None,
                paid_on=today - datetime.timedelta(days=rng.randint(1, 60)) if paid else None,
                payment_reference=f"FIN-{row['pk']:07d}" if paid else "",
            )
        )
        costs.append(Action(pk=row["pk"], cost=amount, funding=Funding.NEIGHBOURHOOD_BUDGET))
    Action.objects.bulk_update(costs, ["cost", "funding"], batch_size=2000)
    Commitment.objects.bulk_create(commitments, batch_size=2000)
    bulk_history(Commitment, commitments, lambda c: now, lambda c: c.requested_by_id)
    _recount(list(budgets.values()))
    return len(commitments)


def _recount(budgets: list[NeighbourhoodBudget]) -> None:
    """Set the running totals from the commitments (bulk writing bypasses the services that keep them)."""
    money = DecimalField(max_digits=14, decimal_places=2)
    for budget in budgets:
        totals = Commitment.objects.filter(budget=budget).aggregate(
            pending=Coalesce(Sum("amount", filter=Q(state=CommitmentState.AANGEVRAAGD)), ZERO, output_field=money),
            committed=Coalesce(Sum("amount", filter=Q(state=CommitmentState.TOEGEKEND)), ZERO, output_field=money),
            realised=Coalesce(Sum("paid_amount", filter=Q(state=CommitmentState.BETAALD)), ZERO, output_field=money),
        )
        held = totals["pending"] + totals["committed"] + totals["realised"]
        # At bench scale a team holds more than the demo's € 25.000: the budget grows to twice what it holds.
        amount = max(budget.amount, Decimal(math.ceil(held * 2 / 1000) * 1000))
        NeighbourhoodBudget.objects.filter(pk=budget.pk).update(amount=amount, **totals)
