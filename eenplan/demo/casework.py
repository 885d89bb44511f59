# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Demo and bench casework: plans, goals, actions, consents, referrals, assessments, journal notes, access log.

Built in bulk per batch of households (no query per row), deterministic from the builder's random generators:
`rng` draws what the generator drew before referral events, intakes and history existed (so the households,
plans, actions and referrals of a seed stay the same), `extra` everything added since (dates of creation, the life
of each referral, history). Every plan, goal, action, consent and referral gets the historical row simple-history
writes when it is created, dated and signed like its creation; an agreed plan also the one of its agreement (a
draft first), a referral also the one of its last move (its events come from `demo_referrals`). Everything a user
changes afterwards is versioned as usual.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils import timezone

from eenplan.access.log_hash import chain_hash, current_key
from eenplan.access.models import (
    GENESIS_HASH,
    LOG_CONTENT_COLUMNS,
    AccessLogEntry,
    Consent,
    ConsentMethod,
    InformationCategory,
)
from eenplan.accounts.models import Membership, Organisation, OrganisationType, Role
from eenplan.assessments.models import Assessment, Instrument, Score
from eenplan.demo.history import bulk_history, insert_rows
from eenplan.demo.referrals import EVENT_COLUMNS, RECEIVER_ROLES, ReferralLives
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
from eenplan.referrals.models import Referral, ReferralEvent, ReferralState

PLANNED_SHARE = 0.6
# A saved referral's event: (referral id, from state, to state, at, by, note), see demo_referrals.EVENT_COLUMNS.
SavedEvent = tuple[int, str, str, datetime.datetime, int, str]
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


class Timings(dict[str, float]):
    """Seconds per part of the generator, in the order the parts first ran; `seed_demo` prints them."""

    @contextmanager
    def timed(self, part: str) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        finally:
            self.lap(part, started)

    def lap(self, part: str, started: float) -> None:
        """Adds the time since `started` (a `time.monotonic()`) to `part`."""
        self[part] = self.get(part, 0.0) + time.monotonic() - started


@dataclass
class CaseworkContext:
    rng: random.Random
    extra: random.Random
    actions_per_plan: float
    referrals_per_plan: float
    team_members: dict[int, list[int]]
    partners: list[Organisation]
    services_by_org: dict[int, list[Service]]
    categories: dict[str, InformationCategory]
    volunteers: list[int]
    instrument: Instrument | None
    domain_ids: list[int] = field(default_factory=list)
    receivers: dict[int, list[int]] = field(default_factory=dict)
    now: datetime.datetime = field(default_factory=timezone.now)
    timings: Timings = field(default_factory=Timings)

    @classmethod
    def load(
        cls, rng: random.Random, extra: random.Random, actions_per_plan: float, referrals_per_plan: float
    ) -> CaseworkContext:
        team_members: dict[int, list[int]] = {}
        volunteers: list[int] = []
        receivers: dict[int, list[int]] = {}
        memberships = Membership.objects.values_list("team_id", "user_id", "role", "organisation_id")
        for team_id, user_id, role, organisation_id in memberships:
            if role in (Role.REGISSEUR, Role.WIJKTEAM_MEMBER):
                team_members.setdefault(team_id, []).append(user_id)
            elif role == Role.VOLUNTEER:
                volunteers.append(user_id)
            if role in RECEIVER_ROLES:
                receivers.setdefault(organisation_id, []).append(user_id)
        partners = [o for o in Organisation.objects.exclude(type=OrganisationType.WIJKTEAM).order_by("id")]
        services_by_org: dict[int, list[Service]] = {}
        for service in Service.objects.order_by("id"):
            services_by_org.setdefault(service.organisation_id, []).append(service)
        instrument = Instrument.objects.filter(is_default=True).first()
        return cls(
            rng=rng,
            extra=extra,
            actions_per_plan=actions_per_plan,
            referrals_per_plan=referrals_per_plan,
            team_members=team_members,
            partners=[p for p in partners if p.pk in services_by_org],
            services_by_org=services_by_org,
            categories={c.code: c for c in InformationCategory.objects.all()},
            volunteers=sorted(volunteers),
            instrument=instrument,
            domain_ids=list(instrument.domains.values_list("id", flat=True)) if instrument else [],
            receivers=receivers,
        )

    def working_hours(self, day: datetime.date) -> datetime.datetime:
        """A moment in office hours on `day` (in UTC, like every time the generator makes)."""
        minutes = self.extra.randint(8 * 60 + 30, 17 * 60)
        return datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60), tzinfo=datetime.UTC)

    def regisseur_for(self, team_id: int) -> int | None:
        members = self.team_members.get(team_id)
        return self.rng.choice(members) if members else None

    def count(self, mean: float) -> int:
        whole = int(mean)
        return whole + (1 if self.rng.random() < mean - whole else 0)


def build_casework(ctx: CaseworkContext, households: list[Household], residents: list[Resident]) -> dict[str, int]:
    """Plans and everything around them for the households that have a regisseur."""
    started = time.monotonic()
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
    # Made a few weeks before it was agreed, and before anything in it was referred (the last 61 days); an agreed
    # plan was saved twice: made as a draft, agreed later.
    latest = ctx.now.date() - datetime.timedelta(days=66)
    agreed_at: dict[int, datetime.datetime] = {}
    for plan in plans:
        made_on = min(plan.agreed_on or latest, latest) - datetime.timedelta(days=ctx.extra.randint(3, 30))
        plan.created_at = ctx.working_hours(made_on)
        if plan.agreed_on is not None:
            plan.version = 2
    Plan.objects.bulk_create(plans)
    for plan in plans:
        if plan.agreed_on is not None:
            agreed_at[plan.pk] = ctx.working_hours(plan.agreed_on)
    goals, consents_by_household = [], {}
    for plan in plans:
        for number, domain in enumerate(rng.sample(list(GOAL_WORDS), 2)):
            goals.append(
                Goal(
                    plan=plan,
                    domain=domain,
                    resident_words=GOAL_WORDS[domain],
                    category=ctx.categories[DEFAULT_CATEGORY[domain]],
                    created_at=plan.created_at + datetime.timedelta(minutes=5 * (number + 1)),
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
            valid_from = (ctx.now - datetime.timedelta(days=90)).date()
            consents.append(
                Consent(
                    household=household,
                    organisation=partner,
                    purpose="Hulp bij geldzaken en wonen",
                    valid_from=valid_from,
                    method=ConsentMethod.MONDELING,
                    recorded_by_id=coordinator[household.pk],
                    recorded_at=ctx.working_hours(valid_from),
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
    for action in actions:  # added to the plan on the day it was made or in the weeks after
        action.created_at = action.plan.created_at + datetime.timedelta(minutes=ctx.extra.randint(10, 3 * 24 * 60))
    Action.objects.bulk_create(actions)
    JournalNote.objects.bulk_create(notes)
    Consent.objects.bulk_create(consents)
    through = Consent.categories.through
    consent_categories = through.objects.bulk_create(
        [
            through(consent_id=c.pk, informationcategory_id=ctx.categories[code].pk)
            for c in consents
            for code in ("basis", "financien", "wonen")
        ]
    )
    Assessment.objects.bulk_create(assessments)
    Score.objects.bulk_create(
        Score(assessment=a, domain_id=d, value=rng.choice([1, 2, 2, 3, 3, 4, 4, 5]))
        for a in assessments
        for d in ctx.domain_ids
    )
    ctx.timings.lap("plannen, doelen, acties, toestemmingen, taxaties", started)
    with ctx.timings.timed("verwijzingen met gebeurtenissen"):
        referrals, events, shared = _referrals(ctx, plans, actions, consents_by_household)
    with ctx.timings.timed("historie"):
        draft = {"status": PlanStatus.CONCEPT, "agreed_on": None, "agreement_method": "", "version": 1}
        history = bulk_history(Plan, plans, lambda p: p.created_at, lambda p: p.created_by_id, extra=lambda p: draft)
        agreed_plans = [plan for plan in plans if plan.pk in agreed_at]
        history += bulk_history(
            Plan, agreed_plans, lambda p: agreed_at[p.pk], lambda p: p.created_by_id, history_type="~"
        )
        creator = {plan.pk: plan.created_by_id for plan in plans}
        history += bulk_history(Goal, goals, lambda g: g.created_at, lambda g: creator[g.plan_id])
        history += bulk_history(Action, actions, lambda a: a.created_at, lambda a: creator[a.plan_id])
        history += bulk_history(
            Consent,
            consents,
            lambda c: c.recorded_at,
            lambda c: c.recorded_by_id,
            m2m={"categories": consent_categories},
        )
        history += _referral_history(referrals, events, shared)
    return {
        "plans": len(plans),
        "actions": len(actions),
        "referrals": len(referrals),
        "referral events": len(events),
        "consents": len(consents),
        "historie": history,
    }


def _referrals(
    ctx: CaseworkContext, plans: list[Plan], actions: list[Action], consented: dict[int, Organisation]
) -> tuple[list[Referral], list[SavedEvent], list[Any]]:
    rng = ctx.rng
    lives = ReferralLives(ctx.extra, ctx.now, ctx.receivers)
    actions_by_plan: dict[int, list[Action]] = {}
    for action in actions:
        actions_by_plan.setdefault(action.plan_id, []).append(action)
    referrals, events_by_referral, services = [], [], []
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
            referral = Referral(
                household_id=plan.household_id,
                action=rng.choice(plan_actions),
                service=service,
                to_organisation=partner,
                from_user_id=plan.created_by_id,
                from_organisation_id=plan.household.owning_team.organisation_id,
                summary="Hulp nodig bij het regelen van schulden en de huur.",
                state=state,
                sent_at=sent,
                accepted_at=sent + datetime.timedelta(days=rng.randint(1, 10)) if accepted else None,
            )
            # The state drawn above is where the referral is heading; its life decides where it got to and when.
            events_by_referral.append(lives.live(referral, service.expected_response_days))
            referrals.append(referral)
            services.append(service)
    Referral.objects.bulk_create(referrals)
    shared = Referral.shared_categories.through
    shared_rows = shared.objects.bulk_create(
        [
            shared(referral_id=r.pk, informationcategory_id=ctx.categories[code].pk)
            for r in referrals
            for code in ("basis", "financien")
        ]
    )
    events: list[SavedEvent] = [
        (referral.pk, *event)
        for referral, referral_events in zip(referrals, events_by_referral, strict=True)
        for event in referral_events
    ]
    insert_rows(ReferralEvent, ["referral_id", *EVENT_COLUMNS], events)
    CareTeamMember.objects.bulk_create(
        CareTeamMember(
            household_id=referral.household_id,
            user_id=referral.handled_by_id,
            organisation_id=referral.to_organisation_id,
            role=service.name[:120],
            task=f"Via verwijzing #{referral.pk}",
            since=referral.accepted_at.date(),
        )
        for referral, service in zip(referrals, services, strict=True)
        if referral.handled_by_id is not None and referral.accepted_at is not None
    )
    return referrals, events, shared_rows


def _referral_history(referrals: list[Referral], events: list[SavedEvent], shared_rows: list[Any]) -> int:
    """Two historical rows per referral, as simple-history writes them: the draft when it was made (`+`), and,
    when it moved on, its current state at its last move (`~`), each with the categories it shares."""
    first = {event[0]: event for event in events if not event[1]}
    last = {event[0]: event for event in events}
    draft = {
        "state": ReferralState.CONCEPT,
        "sent_at": None,
        "response_deadline": None,
        "accepted_at": None,
        "closed_at": None,
        "handled_by_id": None,
        "reason": "",
        "outcome": "",
        "version": 1,
    }
    written = bulk_history(
        Referral,
        referrals,
        lambda r: first[r.pk][3],
        lambda r: first[r.pk][4],
        m2m={"shared_categories": shared_rows},
        extra=lambda r: draft,
    )
    moved = [r for r in referrals if r.state != ReferralState.CONCEPT]
    written += bulk_history(
        Referral,
        moved,
        lambda r: last[r.pk][3],
        lambda r: last[r.pk][4],
        history_type="~",
        m2m={"shared_categories": shared_rows},
    )
    return written


def build_access_log(rng: random.Random, total: int, batch_size: int, progress: Callable[[str], None]) -> None:
    """`total` chained access log entries over the generated professionals and households.

    On PostgreSQL the rows stream in through COPY (5 million in minutes); elsewhere through bulk inserts."""
    memberships = list(Membership.objects.values_list("user_id", "role", "organisation_id"))
    household_ids = list(Household.objects.values_list("id", flat=True))
    if not memberships or not household_ids or total <= 0:
        return
    previous = AccessLogEntry.objects.order_by("-id").values_list("entry_hash", flat=True).first() or GENESIS_HASH
    key_id = current_key().key_id  # keyed like every entry the application writes (access.log_hash)
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(days=365)
    step_us = int(365 * 86400 * 1_000_000 / total)

    def rows(first: int, last: int) -> list[tuple[Any, ...]]:
        nonlocal previous
        batch = []
        for index in range(first, last):
            user_id, role, organisation_id = rng.choice(memberships)
            household_id = rng.choice(household_ids)
            fields = (
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
                key_id,
            )
            entry_hash = chain_hash(fields, previous)
            batch.append((*fields, previous, entry_hash))
            previous = entry_hash
        return batch

    columns = LOG_CONTENT_COLUMNS
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
