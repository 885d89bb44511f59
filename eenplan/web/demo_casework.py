"""Demo and bench casework: plans, goals, actions, consents, referrals, assessments, journal notes, access log.

Built in bulk per batch of households (no query per row), deterministic from the builder's random generator.
History tables are not filled for generated rows; everything a user changes afterwards is versioned as usual.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils import timezone

from eenplan.access.models import (
    GENESIS_HASH,
    LOG_CONTENT_COLUMNS,
    AccessLogEntry,
    Consent,
    ConsentMethod,
    InformationCategory,
    entry_hash,
)
from eenplan.accounts.models import Membership, Organisation, OrganisationType, Role
from eenplan.assessments.models import Assessment, Instrument, Score
from eenplan.directory.models import Service
from eenplan.domains import DEFAULT_CATEGORY, LifeDomain
from eenplan.households.models import Household, Resident
from eenplan.plans.models import (
    Action,
    ActionStatus,
    AgreementMethod,
    CareTeamMember,
    Goal,
    JournalNote,
    OwnerKind,
    Plan,
    PlanStatus,
)
from eenplan.referrals.models import Referral, ReferralState

PLANNED_SHARE = 0.6
GOAL_WORDS = {
    LifeDomain.FINANCIEN: "Ik wil weer overzicht over mijn geld en geen post meer die ik niet durf te openen.",
    LifeDomain.HUISVESTING: "Ik wil een huis zonder schimmel waar de kinderen goed kunnen slapen.",
    LifeDomain.WERK_OPLEIDING: "Ik wil een baan voor een paar dagen per week.",
    LifeDomain.GEESTELIJKE_GEZONDHEID: "Ik wil minder piekeren en beter slapen.",
    LifeDomain.SOCIAAL_NETWERK: "Ik wil mensen om me heen op wie ik kan terugvallen.",
    LifeDomain.HUISELIJKE_RELATIES: "Ik wil minder ruzie thuis.",
}
ACTIONS = [
    "Aanmelden bij schuldhulpverlening",
    "Samen de post doornemen",
    "Afspraak maken met de huisarts",
    "Huurachterstand bespreken met de corporatie",
    "Budgetplan maken",
    "Aanvraag bijzondere bijstand indienen",
    "Kennismaken met een maatje",
    "Sollicitatiebrief schrijven",
]
NOTES = [
    "Huisbezoek gehad; de bewoner vertelt open over de situatie.",
    "Telefonisch contact over de voortgang van de afspraken.",
    "Overleg met de partner over wie wat oppakt.",
]
STATES = [
    ReferralState.VERZONDEN,
    ReferralState.ONTVANGEN,
    ReferralState.GEACCEPTEERD,
    ReferralState.IN_BEHANDELING,
    ReferralState.AFGEROND,
    ReferralState.AFGEWEZEN,
]


@dataclass
class CaseworkContext:
    rng: random.Random
    actions_per_plan: float
    referrals_per_plan: float
    team_members: dict[int, list[int]]
    partners: list[Organisation]
    services_by_org: dict[int, list[Service]]
    categories: dict[str, InformationCategory]
    volunteers: list[int]
    instrument: Instrument | None
    domain_ids: list[int] = field(default_factory=list)
    now: datetime.datetime = field(default_factory=timezone.now)

    @classmethod
    def load(cls, rng: random.Random, actions_per_plan: float, referrals_per_plan: float) -> CaseworkContext:
        team_members: dict[int, list[int]] = {}
        volunteers: list[int] = []
        for team_id, user_id, role in Membership.objects.values_list("team_id", "user_id", "role"):
            if role in (Role.REGISSEUR, Role.WIJKTEAM_MEMBER):
                team_members.setdefault(team_id, []).append(user_id)
            elif role == Role.VOLUNTEER:
                volunteers.append(user_id)
        partners = [o for o in Organisation.objects.exclude(type=OrganisationType.WIJKTEAM).order_by("id")]
        services_by_org: dict[int, list[Service]] = {}
        for service in Service.objects.order_by("id"):
            services_by_org.setdefault(service.organisation_id, []).append(service)
        instrument = Instrument.objects.filter(is_default=True).first()
        return cls(
            rng=rng,
            actions_per_plan=actions_per_plan,
            referrals_per_plan=referrals_per_plan,
            team_members=team_members,
            partners=[p for p in partners if p.pk in services_by_org],
            services_by_org=services_by_org,
            categories={c.code: c for c in InformationCategory.objects.all()},
            volunteers=sorted(volunteers),
            instrument=instrument,
            domain_ids=list(instrument.domains.values_list("id", flat=True)) if instrument else [],
        )

    def regisseur_for(self, team_id: int) -> int | None:
        members = self.team_members.get(team_id)
        return self.rng.choice(members) if members else None

    def count(self, mean: float) -> int:
        whole = int(mean)
        return whole + (1 if self.rng.random() < mean - whole else 0)


def build_casework(ctx: CaseworkContext, households: list[Household], residents: list[Resident]) -> dict[str, int]:
    """Plans and everything around them for the households that have a regisseur."""
    rng = ctx.rng
    planned = [h for h in households if h.regisseur_id]
    coordinator: dict[int, int] = {h.pk: h.regisseur_id for h in planned if h.regisseur_id is not None}
    first_resident: dict[int, Resident] = {}
    for resident in residents:
        first_resident.setdefault(resident.household_id, resident)
    plans = []
    for household in planned:
        agreed = rng.random() < 0.7
        plans.append(
            Plan(
                household=household,
                status=PlanStatus.VASTGESTELD if agreed else PlanStatus.CONCEPT,
                summary="Samen werken aan rust in geld, wonen en gezondheid.",
                own_strength="De bewoner kookt zelf en regelt de boodschappen; een zus helpt met de kinderen.",
                agreed_on=(ctx.now - datetime.timedelta(days=rng.randint(10, 200))).date() if agreed else None,
                agreement_method=AgreementMethod.IN_PERSON if agreed else "",
                evaluation_date=(ctx.now + datetime.timedelta(days=rng.randint(-30, 180))).date(),
                created_by_id=coordinator[household.pk],
            )
        )
    Plan.objects.bulk_create(plans)
    goals, consents_by_household = [], {}
    for plan in plans:
        for domain in rng.sample(list(GOAL_WORDS), 2):
            goals.append(
                Goal(
                    plan=plan,
                    domain=domain,
                    resident_words=GOAL_WORDS[domain],
                    category=ctx.categories[DEFAULT_CATEGORY[domain]],
                )
            )
    Goal.objects.bulk_create(goals)
    goals_by_plan: dict[int, list[Goal]] = {}
    for goal in goals:
        goals_by_plan.setdefault(goal.plan_id, []).append(goal)
    actions, notes, consents, assessments = [], [], [], []
    for plan in plans:
        household = plan.household
        for _ in range(ctx.count(ctx.actions_per_plan)):
            goal = rng.choice(goals_by_plan[plan.pk])
            kind = rng.random()
            owner: dict[str, object]
            if kind < 0.6:
                owner = {"owner_kind": OwnerKind.PROFESSIONAL, "owner_user_id": household.regisseur_id}
            elif kind < 0.8 or not ctx.volunteers:
                owner = {"owner_kind": OwnerKind.RESIDENT, "owner_resident": first_resident[household.pk]}
            else:
                owner = {"owner_kind": OwnerKind.VOLUNTEER, "owner_user_id": rng.choice(ctx.volunteers)}
            actions.append(
                Action(
                    plan=plan,
                    goal=goal,
                    description=rng.choice(ACTIONS),
                    due_date=(ctx.now + datetime.timedelta(days=rng.randint(-20, 60))).date(),
                    status=rng.choice([ActionStatus.OPEN, ActionStatus.OPEN, ActionStatus.BEZIG, ActionStatus.GEDAAN]),
                    category=goal.category,
                    **owner,
                )
            )
        notes.append(
            JournalNote(
                household=household,
                category=ctx.categories["basis"],
                text=rng.choice(NOTES),
                happened_on=(ctx.now - datetime.timedelta(days=rng.randint(0, 60))).date(),
                author_id=coordinator[household.pk],
            )
        )
        if ctx.partners:
            partner = rng.choice(ctx.partners)
            consents.append(
                Consent(
                    household=household,
                    organisation=partner,
                    purpose="Hulp bij geldzaken en wonen",
                    valid_from=(ctx.now - datetime.timedelta(days=90)).date(),
                    method=ConsentMethod.MONDELING,
                    recorded_by_id=coordinator[household.pk],
                )
            )
            consents_by_household[household.pk] = partner
        if ctx.instrument is not None:
            assessments.append(
                Assessment(
                    household=household,
                    resident=first_resident[household.pk],
                    instrument=ctx.instrument,
                    assessed_on=(ctx.now - datetime.timedelta(days=rng.randint(0, 120))).date(),
                    assessed_by_id=coordinator[household.pk],
                )
            )
    Action.objects.bulk_create(actions)
    JournalNote.objects.bulk_create(notes)
    Consent.objects.bulk_create(consents)
    through = Consent.categories.through
    through.objects.bulk_create(
        through(consent_id=c.pk, informationcategory_id=ctx.categories[code].pk)
        for c in consents
        for code in ("basis", "financien", "wonen")
    )
    Assessment.objects.bulk_create(assessments)
    Score.objects.bulk_create(
        Score(assessment=a, domain_id=d, value=rng.choice([1, 2, 2, 3, 3, 4, 4, 5]))
        for a in assessments
        for d in ctx.domain_ids
    )
    referrals = _referrals(ctx, plans, actions, consents_by_household)
    return {"plans": len(plans), "actions": len(actions), "referrals": referrals, "consents": len(consents)}


def _referrals(
    ctx: CaseworkContext, plans: list[Plan], actions: list[Action], consented: dict[int, Organisation]
) -> int:
    rng = ctx.rng
    actions_by_plan: dict[int, list[Action]] = {}
    for action in actions:
        actions_by_plan.setdefault(action.plan_id, []).append(action)
    referrals, care_team = [], []
    for plan in plans:
        partner = consented.get(plan.household_id)
        plan_actions = actions_by_plan.get(plan.pk)
        if partner is None or not plan_actions:
            continue
        for _ in range(ctx.count(ctx.referrals_per_plan)):
            service = rng.choice(ctx.services_by_org[partner.pk])
            state = rng.choice(STATES)
            sent = ctx.now - datetime.timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 23))
            accepted = state in (ReferralState.GEACCEPTEERD, ReferralState.IN_BEHANDELING, ReferralState.AFGEROND)
            referrals.append(
                Referral(
                    household_id=plan.household_id,
                    action=rng.choice(plan_actions),
                    service=service,
                    to_organisation=partner,
                    from_user_id=plan.created_by_id,
                    from_organisation_id=plan.household.owning_team.organisation_id,
                    summary="Hulp nodig bij het regelen van schulden en de huur.",
                    state=state,
                    sent_at=sent,
                    response_deadline=sent + datetime.timedelta(days=service.expected_response_days),
                    accepted_at=sent + datetime.timedelta(days=rng.randint(1, 10)) if accepted else None,
                    outcome="Schuldregeling getroffen." if state == ReferralState.AFGEROND else "",
                    reason="Past niet bij onze doelgroep." if state == ReferralState.AFGEWEZEN else "",
                )
            )
            if accepted:
                care_team.append(
                    CareTeamMember(household_id=plan.household_id, organisation=partner, role=service.name[:120])
                )
    Referral.objects.bulk_create(referrals)
    shared = Referral.shared_categories.through
    shared.objects.bulk_create(
        shared(referral_id=r.pk, informationcategory_id=ctx.categories[code].pk)
        for r in referrals
        for code in ("basis", "financien")
    )
    CareTeamMember.objects.bulk_create(care_team)
    return len(referrals)


def build_access_log(rng: random.Random, total: int, batch_size: int, progress: Callable[[str], None]) -> None:
    """`total` chained access log entries over the generated professionals and households.

    On PostgreSQL the rows stream in through COPY (5 million in minutes); elsewhere through bulk inserts."""
    memberships = list(Membership.objects.values_list("user_id", "role", "organisation_id"))
    household_ids = list(Household.objects.values_list("id", flat=True))
    if not memberships or not household_ids or total <= 0:
        return
    previous = AccessLogEntry.objects.order_by("-id").values_list("entry_hash", flat=True).first() or GENESIS_HASH
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(days=365)
    step_us = int(365 * 86400 * 1_000_000 / total)

    def rows(first: int, last: int) -> list[tuple[Any, ...]]:
        nonlocal previous
        batch = []
        for index in range(first, last):
            user_id, role, organisation_id = rng.choice(memberships)
            household_id = rng.choice(household_ids)
            content = (
                start + datetime.timedelta(microseconds=step_us * index),
                user_id,
                role,
                organisation_id,
                household_id,
                None,
                "view",
                "household",
                household_id,
                "team_task",
                False,
                f"{rng.getrandbits(128):032x}",
                previous,
            )
            previous = entry_hash(*content)
            batch.append((*content, previous))
        return batch

    columns = (*LOG_CONTENT_COLUMNS, "entry_hash")
    done = 0
    while done < total:
        batch = rows(done, min(done + batch_size, total))
        if connection.vendor == "postgresql":
            statement = f"COPY access_accesslogentry ({', '.join(columns)}) FROM STDIN"
            with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
                for row in batch:
                    copy.write_row(row)
        else:
            AccessLogEntry.objects.bulk_create(
                [AccessLogEntry(**dict(zip(columns, row, strict=True))) for row in batch], batch_size=batch_size
            )
        done += len(batch)
        progress(f"logging van inzage: {done}/{total}")
