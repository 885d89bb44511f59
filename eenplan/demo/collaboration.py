# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Working together in the demo: case conferences (held with decisions that are done, late and changed; planned this
week with the follow-up; cancelled), escalations in every state, helpdesk questions waiting, overdue, answered and
published, and barriers of every kind and status, some raised from a household.

Everything goes through eenplan.collaboration's services where one exists. No draws from the demo's main random
generator: the rest of the demo stays the same per seed.
"""

from __future__ import annotations

import datetime

from django.db.models import Count

from eenplan.access.models import Consent, ConsentMethod, InformationCategory
from eenplan.accounts.models import Neighbourhood, Organisation, OrganisationType, Role, User
from eenplan.collaboration import services
from eenplan.collaboration.models import (
    AgendaItem,
    Attendance,
    Barrier,
    BarrierKind,
    BarrierSource,
    BarrierStatus,
    CaseConference,
    ConferenceParticipant,
    ConferenceStatus,
    Escalation,
    EscalationKind,
    EscalationMandate,
    HelpdeskQuestion,
    HelpdeskTopic,
)
from eenplan.plans.models import Action, ActionStatus, Plan

BARRIERS = [
    (BarrierKind.RULE, BarrierStatus.NEW, "De kostendelersnorm maakt inwonen bij familie onbetaalbaar."),
    (BarrierKind.RULE, BarrierStatus.RECOGNISED, "Geen bijzondere bijstand voor een borg zolang er schulden zijn."),
    (BarrierKind.FUNDING, BarrierStatus.WORKING, "Wmo en Jeugdwet betalen elk maar de helft van gezinsbegeleiding."),
    (BarrierKind.WAITING_LIST, BarrierStatus.WORKING, "Wachtlijst schuldhulp is vier maanden."),
    (BarrierKind.WAITING_LIST, BarrierStatus.NEW, "Wachtlijst GGZ voor jongeren is een half jaar."),
    (BarrierKind.WAITING_LIST, BarrierStatus.SOLVED, "Wachtlijst beschermd wonen: extra plekken geopend."),
    (BarrierKind.MISSING, BarrierStatus.NOT_SOLVABLE, "Geen tolk beschikbaar bij de eerste afspraak."),
    (BarrierKind.MISSING, BarrierStatus.NEW, "Geen budgetcursus in de avond voor werkende ouders."),
    (BarrierKind.COOPERATION, BarrierStatus.RECOGNISED, "De corporatie meldt huurachterstand pas na drie maanden."),
    (BarrierKind.ICT, BarrierStatus.WORKING, "Dubbele registratie in twee systemen bij Werk & Inkomen."),
    (BarrierKind.ICT, BarrierStatus.SOLVED, "Beveiligd mailen met de huisarts werkt nu."),
    (BarrierKind.RULE, BarrierStatus.WORKING, "Een nieuwe aanvraag is nodig bij elke verhuizing binnen de gemeente."),
]


def build_collaboration(
    now: datetime.datetime, regisseur_email: str, team_leader_email: str, partner_email: str, policy_email: str
) -> int:
    """The demo's working together; returns how many conferences were made."""
    users = {u.email: u for u in User.objects.filter(email__in=[regisseur_email, team_leader_email, partner_email])}
    regisseur, team_leader, partner = (users.get(e) for e in (regisseur_email, team_leader_email, partner_email))
    if regisseur is None or team_leader is None:
        return 0
    plan = (
        Plan.objects.filter(household__regisseur=regisseur, is_active=True)
        .annotate(goal_count=Count("goals"))
        .filter(goal_count__gt=0)
        .order_by("-pk")
        .select_related("household__owning_team")
        .first()
    )
    if plan is None:
        return 0
    household = plan.household
    categories = {c.code: c for c in InformationCategory.objects.all()}
    today = now.date()
    _helpdesk(now, regisseur, team_leader, partner)
    _barriers(now, regisseur, team_leader, household)
    _escalations(now, household, regisseur, team_leader, categories)
    if partner is None:
        return 0
    partner_org = partner.active_memberships()[0].organisation
    if not Consent.objects.valid_on(today).filter(household=household, organisation=partner_org).exists():
        consent = Consent.objects.create(
            household=household,
            organisation=partner_org,
            purpose="Casusoverleg over de schulden",
            method=ConsentMethod.MONDELING,
            recorded_by=regisseur,
            valid_from=today - datetime.timedelta(days=40),
        )
        consent.categories.set([categories["basis"], categories["financien"]])
    resident = household.residents.order_by("pk").first()
    held = services.plan_conference(
        household,
        by=regisseur,
        organisation_id=household.owning_team.organisation_id,
        professionals=[partner, team_leader],
        residents=[resident] if resident else [],
        network=[],
        starts_at=now.replace(hour=10, minute=0, second=0, microsecond=0) - datetime.timedelta(days=35),
        location="Wijkcentrum De Linde, zaal 2",
        reason="De schulden lopen op en de huur is twee maanden achter; de bewoner wil één plan met iedereen.",
        public_agenda="Kennismaking, wat gaat goed, wie doet wat, volgende afspraak",
    )
    AgendaItem.objects.create(
        conference=held,
        title="Schulden en huurachterstand",
        category=categories["financien"],
        notes="Drie schuldeisers; de corporatie wil een betalingsregeling.",
    )
    AgendaItem.objects.create(
        conference=held,
        title="Slaapproblemen en stress",
        category=categories["gezondheid"],
        notes="Huisarts is op de hoogte; de bewoner wil eerst rust over geld.",
    )
    decisions = [
        ("Betalingsregeling met de corporatie afspreken", "financien", partner, 7, ActionStatus.GEDAAN),
        ("Aanmelden bij schuldhulp Samen", "financien", regisseur, 14, ActionStatus.OPEN),
        ("Gesprek met de huisarts plannen", "gezondheid", regisseur, 21, ActionStatus.OPEN),
    ]
    for index, (description, code, owner, days, status) in enumerate(decisions):
        decision = services.record_decision(
            held,
            by=regisseur,
            description=description,
            category=categories[code],
            due_date=today + datetime.timedelta(days=days),
            owner_user=owner,
        )
        late_by = today - datetime.timedelta(days=35 - days)
        update: dict[str, object] = {"status": status}
        if index == 1:
            update["due_date"] = late_by  # late: its date has passed
        if index == 2:
            update["due_date"] = today + datetime.timedelta(days=30)  # changed since the conference
        Action.objects.filter(conference_decision=decision).update(**update)
        if index == 1:
            type(decision).objects.filter(pk=decision.pk).update(due_date=late_by)
    ConferenceParticipant.objects.filter(conference=held).update(attendance=Attendance.PRESENT)
    ConferenceParticipant.objects.filter(conference=held, user=team_leader).update(attendance=Attendance.EXCUSED)
    CaseConference.objects.filter(pk=held.pk).update(status=ConferenceStatus.HELD, invitations_sent_at=now)
    follow_up = services.plan_conference(
        household,
        by=regisseur,
        organisation_id=household.owning_team.organisation_id,
        professionals=[partner],
        residents=[resident] if resident else [],
        network=[],
        starts_at=now.replace(hour=14, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1),
        video_link="https://video.example.org/casusoverleg-demo",
        reason="Opvolging van de afspraken van vorige maand.",
        public_agenda="Opvolging van de afspraken, nieuwe afspraken",
    )
    AgendaItem.objects.create(conference=follow_up, title="Voortgang schuldhulp", category=categories["financien"])
    cancelled = services.plan_conference(
        household,
        by=regisseur,
        organisation_id=household.owning_team.organisation_id,
        professionals=[],
        residents=[],
        network=[],
        starts_at=now - datetime.timedelta(days=60),
        location="Wijkcentrum De Linde",
        reason="Overleg over de eerste zorgen; vervallen omdat de bewoner ziek was.",
    )
    CaseConference.objects.filter(pk=cancelled.pk).update(status=ConferenceStatus.CANCELLED)
    return 3


def _escalations(now: datetime.datetime, household, regisseur: User, team_leader: User, categories: dict) -> None:
    wijkteam = household.owning_team.organisation
    level_one = EscalationMandate.objects.create(
        organisation=wijkteam,
        role=Role.TEAM_LEADER,
        level=1,
        title="Teamleider",
        description="Voorrang binnen het eigen team, een uitzondering op een werkafspraak, tot 2500 euro.",
        max_amount=2500,
        response_days=5,
    )
    municipality = Organisation.objects.filter(type=OrganisationType.WERK_EN_INKOMEN).order_by("pk").first()
    if municipality is not None:
        # The municipality's doorbraak-regisseur: a second level, as data (the demo has no login for it).
        EscalationMandate.objects.create(
            organisation=municipality,
            role=Role.TEAM_LEADER,
            level=2,
            title="Doorbraak-regisseur",
            description="Afwijken van regels en wachtlijsten van de gemeente als het plan anders niet slaagt.",
            response_days=10,
        )
    today = now.date()
    rows = [
        (EscalationKind.WAITING_LIST, 4, "", "Wachtlijst schuldhulp vier maanden", "Voorrang bij schuldhulp"),
        (EscalationKind.BUDGET, -3, "", "Geen budget voor een tweedehands wasmachine", "Eenmalig 350 euro"),
        (EscalationKind.RULE, 6, "toegekend", "Borg niet vergoed door schulden", "Borg van 900 euro voorschieten"),
        (EscalationKind.RULE, 2, "geweigerd", "Geen urgentie voor een woning", "Urgentieverklaring"),
    ]
    for kind, days, outcome, stuck, needed in rows:
        escalation = Escalation.objects.create(
            household=household,
            category=categories["financien"] if kind != EscalationKind.RULE else categories["wonen"],
            kind=kind,
            stuck=stuck,
            needed=needed,
            decide_by=today + datetime.timedelta(days=days),
            mandate=level_one,
            decider=team_leader,
            raised_by=regisseur,
            raised_by_organisation=household.owning_team.organisation,
            raised_at=now - datetime.timedelta(days=10),
        )
        if outcome:
            services.decide_escalation(
                escalation,
                by=team_leader,
                granted=outcome == "toegekend",
                decision="Toegekend: de borg wordt voorgeschoten uit het wijkbudget."
                if outcome == "toegekend"
                else "Geweigerd: de situatie valt niet onder de urgentieregeling; zoek samen met de corporatie.",
            )
    services.flag_overdue_escalations(today)


def _helpdesk(now: datetime.datetime, regisseur: User, team_leader: User, partner: User | None) -> None:
    topics = {t.code: t for t in HelpdeskTopic.objects.all()}
    topics["schulden"].experts.add(team_leader)
    topics["wonen"].experts.add(team_leader)
    if partner is not None:
        topics["schulden"].experts.add(partner)
    asked = [
        (
            "schulden",
            "WSNP na een mislukt minnelijk traject",
            "Een moeder van ongeveer 40 met drie schuldeisers: "
            "het minnelijk traject is mislukt. Kan zij nu in de WSNP en wat is daarvoor nodig?",
            "published",
        ),
        (
            "wonen",
            "Urgentie bij dreigende huisuitzetting",
            "Een gezin met twee kinderen dreigt uit huis gezet te "
            "worden na drie maanden huurachterstand. Wanneer komt het in aanmerking voor urgentie?",
            "published",
        ),
        (
            "schulden",
            "Beslagvrije voet bij wisselend inkomen",
            "Een man met een nulurencontract heeft beslag op zijn "
            "loon. Hoe wordt de beslagvrije voet berekend als zijn inkomen elke maand anders is?",
            "answered",
        ),
        (
            "wonen",
            "Inwonen bij familie en de kostendelersnorm",
            "Een jonge vrouw wil tijdelijk bij haar ouders wonen. Wat betekent dat voor de uitkering van de ouders?",
            "waiting",
        ),
        (
            "schulden",
            "Toeslagen terugbetalen tijdens schuldhulp",
            "Moet een gezin in een schuldhulptraject een terugvordering van de zorgtoeslag apart betalen?",
            "overdue",
        ),
    ]
    for code, title, text, state in asked:
        question = services.ask(topics[code], by=regisseur, title=title, question=text)
        if state == "overdue":
            HelpdeskQuestion.objects.filter(pk=question.pk).update(
                asked_at=now - datetime.timedelta(days=9), answer_by=now - datetime.timedelta(days=4)
            )
        if state in ("answered", "published"):
            question = services.answer(
                question,
                by=team_leader,
                text="Dat kan. Vraag de schuldhulp om de verklaring en leg de afspraken vast in het plan.",
            )
        if state == "published":
            services.publish(question, by=team_leader, title=title, text=text, answer_text=question.answer)


def _barriers(now: datetime.datetime, regisseur: User, team_leader: User, household) -> None:
    neighbourhoods = list(Neighbourhood.objects.order_by("pk")[:3])
    organisations = list(Organisation.objects.exclude(type=OrganisationType.WIJKTEAM).order_by("pk")[:4])
    for index, (kind, status, description) in enumerate(BARRIERS):
        barrier = Barrier.objects.create(
            kind=kind,
            description=description,
            neighbourhood=neighbourhoods[index % len(neighbourhoods)] if neighbourhoods else None,
            raised_by=regisseur,
            raised_at=now - datetime.timedelta(days=20 * index),
        )
        if organisations:
            barrier.organisations.set([organisations[index % len(organisations)]])
        if index % 4 == 0:
            BarrierSource.objects.create(barrier=barrier, household=household)
        if status != BarrierStatus.NEW:
            services.respond_to_barrier(
                barrier,
                by=team_leader,
                status=status,
                response="Besproken in het regio-overleg; we houden u op de hoogte.",
            )
