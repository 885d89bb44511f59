# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Requests for help (*aanmeldingen*) and intakes for the demo and the bench.

The triage queue of every wijk holds open requests (new, or assigned to a professional of a team that serves the
wijk), a few without a known wijk (a postcode outside the municipality: every wijkteam sees those); requests from
residents and signals from professionals. An accepted request is linked to a household of its wijk (the request
names one of its residents) and has the integral intake that followed it; a declined request has a reason and
was declined within the retention period (`intake.retention`: declined requests are removed after six weeks). A
request stores no BSN, so there is nothing to invent there; names come from Faker nl_NL, e-mail addresses end in
the reserved `.invalid`, the questions are written in B1 Dutch.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from faker import Faker

from eenplan.accounts.models import Membership, Neighbourhood, PostcodeRange, Role, Team
from eenplan.domains import LifeDomain
from eenplan.households.models import Household, Resident
from eenplan.intake.models import Intake, IntakeRequest, RequestStatus, Source, Urgency

QUESTIONS = [
    "Ik heb schulden en ik open mijn post niet meer. Ik weet niet waar ik moet beginnen.",
    "Mijn huur is twee maanden niet betaald. De woningcorporatie heeft een brief gestuurd. Wie kan mij helpen?",
    "Ik ben alleen met drie kinderen. Het lukt me niet meer om alles te regelen.",
    "Mijn moeder woont alleen en vergeet veel. Ik maak me zorgen. Kan er iemand langskomen?",
    "Ik ben mijn werk kwijt. Ik weet niet hoe ik een uitkering aanvraag.",
    "Er zit veel schimmel in ons huis. Mijn zoon is vaak ziek. De verhuurder doet niets.",
    "Ik slaap slecht en ik pieker veel. Ik wil graag met iemand praten.",
    "Mijn zoon van 15 gaat niet meer naar school. Wij weten niet wat we moeten doen.",
    "Ik ben net gescheiden en moet alles zelf regelen. Ik heb hulp nodig met geld en papieren.",
    "Ik voel me eenzaam sinds mijn man is overleden. Ik wil graag andere mensen ontmoeten.",
    "Ik krijg steeds brieven over toeslagen die ik terug moet betalen. Ik begrijp ze niet.",
    "Mijn man en ik hebben veel ruzie over geld. De kinderen merken het ook.",
]
SIGNALS = [
    "Bij het huisbezoek zag ik veel post die niet open is. Mevrouw zegt dat ze het niet meer overziet.",
    "Huurachterstand van drie maanden. Meneer reageert niet op onze brieven. Graag contact met hem opnemen.",
    "De leerling is deze maand vaak afwezig. Moeder vertelt dat het thuis niet goed gaat.",
    "Meneer kwam op het spreekuur en maakt zich zorgen over zijn schulden. Hij wil graag hulp.",
    "Mevrouw is na een opname in het ziekenhuis weer thuis. Ze heeft hulp nodig in het huishouden.",
    "Buren vertellen dat de kinderen vaak alleen thuis zijn. Wilt u gaan kijken?",
]
DECLINE_REASONS = [
    "De bewoner heeft de aanmelding zelf ingetrokken: het is opgelost.",
    "Geen vraag voor het wijkteam. De bewoner zocht informatie over een parkeervergunning; doorverwezen naar de "
    "gemeente.",
    "De bewoner woont niet in onze gemeente. We hebben de gemeente gegeven waar hij zich kan aanmelden.",
    "Dubbele aanmelding: dezelfde vraag kwam vorige week ook binnen en is daar opgepakt.",
]
OWN_STRENGTH = [
    "Mevrouw houdt zelf haar agenda bij en brengt de kinderen naar school.",
    "Meneer kookt zelf en doet de boodschappen.",
    "De bewoner wil graag leren om de post zelf te ordenen.",
]
NETWORK = [
    "Een zus woont in de buurt en past soms op de kinderen.",
    "Een buurvrouw gaat mee naar afspraken.",
    "Er is weinig contact met familie.",
]
DOMAIN_NOTES = {
    LifeDomain.FINANCIEN: "Schulden bij de zorgverzekeraar en de energieleverancier, samen ongeveer 4.000 euro.",
    LifeDomain.HUISVESTING: "Huurachterstand van twee maanden. De corporatie wil een betalingsregeling.",
    LifeDomain.GEESTELIJKE_GEZONDHEID: "Slaapt slecht en piekert veel. Nog geen hulp.",
    LifeDomain.SOCIAAL_NETWERK: "Weinig mensen om op terug te vallen.",
    LifeDomain.HUISELIJKE_RELATIES: "Veel ruzie over geld.",
    LifeDomain.WERK_OPLEIDING: "Sinds een half jaar zonder werk.",
}
TRIAGE_ROLES = (Role.REGISSEUR, Role.WIJKTEAM_MEMBER, Role.TEAM_LEADER)  # access.policy.TRIAGE_ROLES
ASSIGNABLE_ROLES = (Role.REGISSEUR, Role.WIJKTEAM_MEMBER)  # intake.views._professionals_of
SIGNAL_ROLES = (Role.REGISSEUR, Role.WIJKTEAM_MEMBER, Role.TEAM_LEADER, Role.PARTNER_PROFESSIONAL)
# Shares of the requests by status: the open ones are the triage queue.
STATUS_WEIGHTS = {
    RequestStatus.NEW: 22,
    RequestStatus.ASSIGNED: 18,
    RequestStatus.ACCEPTED: 40,
    RequestStatus.DECLINED: 20,
}


@dataclass
class _Wijk:
    neighbourhood_id: int
    ranges: list[tuple[int, int]]
    triage: list[int]  # who may decide on the wijk's requests
    assignable: list[int]  # to whom a request may be assigned
    households: list[tuple[int, int, int | None]]  # (id, owning team, regisseur)


def build_intake(
    rng: random.Random,
    faker: Faker,
    now: datetime.datetime,
    total: int,
    batch_size: int,
    progress: Callable[[str], None],
) -> dict[str, int]:
    """`total` requests for help over the wijken, and an intake for each accepted one. Returns the counts."""
    wijken = _wijken()
    if not wijken or total <= 0:
        return {}
    team_staff: dict[int, list[int]] = {}
    signallers: list[int] = []
    for team_id, user_id, role in Membership.objects.order_by("id").values_list("team_id", "user_id", "role"):
        if role in ASSIGNABLE_ROLES and team_id:
            team_staff.setdefault(team_id, []).append(user_id)
        if role in SIGNAL_ROLES:
            signallers.append(user_id)
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    taken: set[int] = set()
    new_count = 0
    requests: list[IntakeRequest] = []
    linked: list[tuple[IntakeRequest, int, int]] = []  # accepted request, household, who did the intake
    for _ in range(total):
        status = rng.choices(statuses, weights)[0]
        wijk = rng.choice(wijken)
        signal = rng.random() < 0.25
        request = IntakeRequest(
            source=Source.SIGNAL if signal else Source.PUBLIC,
            status=status,
            neighbourhood_id=wijk.neighbourhood_id,
            first_name=faker.first_name(),
            last_name=faker.last_name(),
            date_of_birth=(now - datetime.timedelta(days=rng.randint(18 * 365, 85 * 365))).date()
            if rng.random() < 0.7
            else None,
            postcode=_postcode(rng, wijk.ranges),
            question=rng.choice(SIGNALS if signal else QUESTIONS),
            signal_by_id=rng.choice(signallers) if signal and signallers else None,
        )
        _contact(rng, request, signal)
        if status == RequestStatus.NEW:
            request.submitted_at = now - datetime.timedelta(minutes=rng.randint(10, 10 * 24 * 60))
            new_count += 1
            if new_count % 25 == 1:  # a postcode outside the municipality: no wijk, every wijkteam sees it
                request.neighbourhood_id = None
                request.postcode = f"{rng.randint(9700, 9999)} {rng.choice('ABCEGHJK')}{rng.choice('LMNPRTVX')}"
        elif status == RequestStatus.ASSIGNED:
            request.submitted_at = now - datetime.timedelta(minutes=rng.randint(24 * 60, 21 * 24 * 60))
            request.assigned_to_id = rng.choice(wijk.assignable)
            request.version = 2
        elif status == RequestStatus.DECLINED:
            request.decided_at = now - datetime.timedelta(minutes=rng.randint(60, 40 * 24 * 60))
            request.submitted_at = request.decided_at - datetime.timedelta(minutes=rng.randint(60, 10 * 24 * 60))
            request.decided_by_id = rng.choice(wijk.triage)
            request.decline_reason = rng.choice(DECLINE_REASONS)
            request.version = 2
        else:
            household = _free_household(rng, wijk, taken)
            if household is None:  # every household of the wijk has had its request accepted already
                continue
            household_id, team_id, regisseur_id = household
            staff = team_staff.get(team_id) or wijk.assignable
            request.household_id = household_id
            request.submitted_at = now - datetime.timedelta(minutes=rng.randint(14 * 24 * 60, 180 * 24 * 60))
            request.decided_at = request.submitted_at + datetime.timedelta(minutes=rng.randint(60, 10 * 24 * 60))
            request.decided_by_id = regisseur_id or rng.choice(staff)
            if rng.random() < 0.5:  # first assigned, then accepted by the one it was assigned to
                request.assigned_to_id = request.decided_by_id
            request.version = 3 if request.assigned_to_id else 2
            linked.append((request, household_id, request.decided_by_id))
        requests.append(request)
    with transaction.atomic():
        _name_after_residents(linked)
        IntakeRequest.objects.bulk_create(requests, batch_size=batch_size)
        intakes = [_intake(rng, now, request, household_id, by) for request, household_id, by in linked]
        Intake.objects.bulk_create(intakes, batch_size=batch_size)
    open_count = sum(1 for r in requests if r.status in (RequestStatus.NEW, RequestStatus.ASSIGNED))
    progress(f"aanmeldingen: {len(requests)} ({open_count} open), {len(intakes)} intakes")
    return {"intake requests": len(requests), "intakes": len(intakes)}


def _wijken() -> list[_Wijk]:
    ranges: dict[int, list[tuple[int, int]]] = {}
    for neighbourhood_id, start, end in PostcodeRange.objects.order_by("id").values_list(
        "neighbourhood_id", "start", "end"
    ):
        ranges.setdefault(neighbourhood_id, []).append((start, end))
    teams: dict[int, list[int]] = {}
    for team_id, neighbourhood_id in Team.neighbourhoods.through.objects.order_by("id").values_list(
        "team_id", "neighbourhood_id"
    ):
        teams.setdefault(neighbourhood_id, []).append(team_id)
    staff: dict[int, list[tuple[int, str]]] = {}
    for team_id, user_id, role in Membership.objects.order_by("id").values_list("team_id", "user_id", "role"):
        if team_id:
            staff.setdefault(team_id, []).append((user_id, role))
    households: dict[int, list[tuple[int, int, int | None]]] = {}
    for household_id, neighbourhood_id, team_id, regisseur_id in Household.objects.order_by("id").values_list(
        "id", "neighbourhood_id", "owning_team_id", "regisseur_id"
    ):
        households.setdefault(neighbourhood_id, []).append((household_id, team_id, regisseur_id))
    wijken = []
    for neighbourhood_id in Neighbourhood.objects.order_by("id").values_list("id", flat=True):
        people = [p for team_id in teams.get(neighbourhood_id, []) for p in staff.get(team_id, [])]
        triage = [user for user, role in people if role in TRIAGE_ROLES]
        assignable = [user for user, role in people if role in ASSIGNABLE_ROLES]
        if ranges.get(neighbourhood_id) and triage and assignable:
            wijken.append(
                _Wijk(
                    neighbourhood_id, ranges[neighbourhood_id], triage, assignable, households.get(neighbourhood_id, [])
                )
            )
    return wijken


def _postcode(rng: random.Random, ranges: list[tuple[int, int]]) -> str:
    start, end = rng.choice(ranges)
    return f"{rng.randint(start, end)} {rng.choice('ABCEGHJKLMNPRTVWXZ')}{rng.choice('ABCEGHJKLMNPRTVWXZ')}"


def _contact(rng: random.Random, request: IntakeRequest, signal: bool) -> None:
    """A resident leaves a phone number, an e-mail address or both; a signal may leave none."""
    roll = rng.random()
    if signal and roll < 0.3:
        return
    if roll < 0.65:
        request.phone = f"06 {rng.randint(10_000_000, 99_999_999)}"
    if roll >= 0.45:
        request.email = f"aanmelding{rng.randint(1, 999_999)}@voorbeeld.invalid"


def _free_household(rng: random.Random, wijk: _Wijk, taken: set[int]) -> tuple[int, int, int | None] | None:
    for _attempt in range(20):
        if not wijk.households:
            return None
        household = rng.choice(wijk.households)
        if household[0] not in taken:
            taken.add(household[0])
            return household
    return None


def _name_after_residents(linked: list[tuple[IntakeRequest, int, int]]) -> None:
    """An accepted request was made by (or about) the first resident of the household it is linked to."""
    first: dict[int, dict[str, object]] = {}
    residents = Resident.objects.filter(household_id__in=[household_id for _, household_id, _ in linked])
    for row in residents.order_by("household_id", "id").values(
        "household_id", "first_name", "name_prefix", "last_name", "date_of_birth", "household__postcode"
    ):
        first.setdefault(row["household_id"], row)  # type: ignore[arg-type]
    for request, household_id, _by in linked:
        resident = first[household_id]
        request.first_name = str(resident["first_name"])
        request.last_name = f"{resident['name_prefix']} {resident['last_name']}".strip()
        request.date_of_birth = resident["date_of_birth"]  # type: ignore[assignment]
        request.postcode = str(resident["household__postcode"])


def _intake(rng: random.Random, now: datetime.datetime, request: IntakeRequest, household_id: int, by: int) -> Intake:
    """The integral intake done in the days after the request was accepted."""
    assert request.decided_at is not None
    conducted = min(request.decided_at + datetime.timedelta(days=rng.randint(0, 10)), now)
    domains = rng.sample(list(DOMAIN_NOTES), rng.randint(1, 3))
    worry = rng.random() < 0.06
    return Intake(
        household_id=household_id,
        request=request,
        question_in_own_words=request.question,
        own_strength=rng.choice(OWN_STRENGTH),
        network=rng.choice(NETWORK),
        domain_notes={str(domain): DOMAIN_NOTES[domain] for domain in domains},
        urgency=rng.choices(list(Urgency), [25, 55, 17, 3])[0],
        children_at_risk=worry,
        safety_notes="De kinderen zijn vaak alleen thuis. Afgesproken: binnen een week een tweede huisbezoek."
        if worry
        else "",
        conducted_on=conducted.date(),
        conducted_by_id=by,
        created_at=conducted,
    )
