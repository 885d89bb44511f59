# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Deterministic demo and bench data (Faker nl_NL with a fixed seed).

Test persons only: every BSN comes from the 9999xxxxx range reserved for test persons and passes the elfproef;
Faker's BSN generator is never used. The demo accounts share one TOTP secret that `demo_logins` prints.

The parts: organisations and people (here), the sociale kaart (here), households with their casework
(`casework`: plans, goals, actions, consents, assessments, referrals with their events from
`referrals`, and the historical rows of `history`), requests for help and intakes (`intake`), and
the access log (`casework.build_access_log`). `build()` times each part; `seed_demo` prints the times.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker
from stdnum.nl import bsn as stdnum_bsn

from eenplan.accounts.models import (
    Membership,
    Neighbourhood,
    Organisation,
    OrganisationType,
    PostcodeRange,
    Role,
    Team,
    User,
)
from eenplan.demo.accounts import build_accounts
from eenplan.demo.api import build_api_clients
from eenplan.demo.budget import build_budgets
from eenplan.demo.casework import PLANNED_SHARE, CaseworkContext, Timings, build_access_log, build_casework
from eenplan.demo.closures import build_closures
from eenplan.demo.collaboration import build_collaboration
from eenplan.demo.history import bulk_history, history_model
from eenplan.demo.intake import build_intake
from eenplan.demo.outcomes import build_follow_up_assessments
from eenplan.demo.portal import build_portal
from eenplan.households import crypto
from eenplan.households.models import Household, Relationship, RelationshipKind, Resident
from eenplan.reports.summary import refresh as refresh_report_summary

DEMO_PASSWORD = "EenPlan-demo-2026"  # noqa: S105 - printed for the demo on purpose
# RFC 6238's published test key ("12345678901234567890"), so no real secret is ever printed.
DEMO_TOTP_HEX_KEY = "3132333435363738393031323334353637383930"
DEMO_EMAIL_DOMAIN = "demo.eenplan.nl"

NEIGHBOURHOODS = [
    ("Noord", "noord", [(3551, 3555)]),
    ("Oost", "oost", [(3581, 3585)]),
    ("Zuidwest", "zuidwest", [(3521, 3527)]),
]

PARTNER_ORGANISATIONS = [
    ("Gemeente Werk & Inkomen", OrganisationType.WERK_EN_INKOMEN),
    ("Schuldhulp Samen", OrganisationType.SCHULDHULP),
    ("Jeugdhulp Dichtbij", OrganisationType.JEUGDHULP),
    ("GGZ Centraal Wijk", OrganisationType.GGZ),
    ("Woonstede Corporatie", OrganisationType.WONINGCORPORATIE),
    ("Politie Basisteam Stad", OrganisationType.POLITIE),
    ("Huisartsenpraktijk De Linde", OrganisationType.HUISARTSENPRAKTIJK),
    ("Vrijwilligerscentrale Naast Elkaar", OrganisationType.VRIJWILLIGERS),
    ("Buurtwerk Overal", OrganisationType.OVERIG),
]


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    where: str


# The named accounts a demo visitor logs in with (all other demo professionals are generated).
NAMED_LOGINS: list[tuple[str, str, Role, str]] = [
    ("regisseur", "Rosa Regisseur", Role.REGISSEUR, "noord"),
    ("wijkteam", "Wim Wijkteam", Role.WIJKTEAM_MEMBER, "noord"),
    ("teamleider", "Tara Teamleider", Role.TEAM_LEADER, "noord"),
    ("partner", "Pieter Partner", Role.PARTNER_PROFESSIONAL, "Schuldhulp Samen"),
    ("vrijwilliger", "Vera Vrijwilliger", Role.VOLUNTEER, "Vrijwilligerscentrale Naast Elkaar"),
    ("beleid", "Bart Beleid", Role.POLICY_OFFICER, "Gemeente Werk & Inkomen"),
    ("privacy", "Priya Privacy", Role.PRIVACY_OFFICER, "Gemeente Werk & Inkomen"),
    ("beheer", "Bea Beheer", Role.FUNCTIONAL_ADMIN, "Gemeente Werk & Inkomen"),
]


def test_person_bsns() -> Iterator[str]:
    """All numbers 9999xxxxx that pass the elfproef, in order (about 9,000)."""
    for number in range(999_900_000, 1_000_000_000):
        candidate = str(number)
        if stdnum_bsn.is_valid(candidate):
            yield candidate


@dataclass(frozen=True)
class Scale:
    neighbourhoods: int
    wijkteam_teams_per_neighbourhood: int
    partner_organisations: int
    professionals: int
    households: int
    residents: int
    services: int
    actions: int
    referrals: int
    access_log: int
    intake_requests: int


SCALES = {
    "demo": Scale(3, 1, 9, 40, 300, 700, 27, 720, 180, 2_000, 80),
    # DESIGN.md §6: a large municipality.
    "large": Scale(30, 2, 39, 600, 60_000, 150_000, 2_000, 400_000, 150_000, 5_000_000, 3_000),
    # One tenth of the large municipality's case data (same organisations), to measure how cost grows with data.
    "tenth": Scale(30, 2, 39, 600, 6_000, 15_000, 2_000, 40_000, 15_000, 500_000, 300),
}

SERVICE_OFFERS: dict[OrganisationType, list[tuple[str, str, list[str], int]]] = {
    OrganisationType.WERK_EN_INKOMEN: [
        (
            "Bijstand aanvragen",
            "Hulp bij het aanvragen van een bijstandsuitkering en bijzondere bijstand.",
            ["financien"],
            5,
        ),
        ("Werkfit traject", "Begeleiding naar werk met een werkcoach en een opleidingsbudget.", ["werk_opleiding"], 10),
        (
            "Minimaregelingen",
            "Regelingen voor mensen met een laag inkomen, zoals de meedoenpas.",
            ["financien", "participatie"],
            10,
        ),
    ],
    OrganisationType.SCHULDHULP: [
        (
            "Schuldhulpverlening",
            "Overzicht van schulden, afspraken met schuldeisers en een schuldregeling.",
            ["financien"],
            3,
        ),
        (
            "Budgetcoaching",
            "Een coach helpt een paar maanden met de administratie en het budget.",
            ["financien", "instrumentele_adl"],
            5,
        ),
        (
            "Vroegsignalering huurachterstand",
            "Snel contact bij een betalingsachterstand op huur of energie.",
            ["financien", "huisvesting"],
            2,
        ),
    ],
    OrganisationType.JEUGDHULP: [
        ("Opvoedondersteuning", "Gesprekken en trainingen voor ouders over opvoeden.", ["huiselijke_relaties"], 5),
        ("Jeugd-GGZ", "Behandeling voor kinderen en jongeren met psychische klachten.", ["geestelijke_gezondheid"], 10),
        (
            "Gezinscoach",
            "Een vaste coach voor het hele gezin bij problemen op meerdere gebieden.",
            ["huiselijke_relaties", "sociaal_netwerk"],
            5,
        ),
    ],
    OrganisationType.GGZ: [
        (
            "Basis-GGZ",
            "Kortdurende behandeling bij psychische klachten zoals angst en somberheid.",
            ["geestelijke_gezondheid"],
            10,
        ),
        ("Verslavingszorg", "Hulp bij problemen met alcohol, drugs of gokken.", ["middelengebruik"], 7),
        (
            "Beschermd wonen",
            "Wonen met begeleiding voor mensen met psychische problemen.",
            ["huisvesting", "geestelijke_gezondheid"],
            14,
        ),
    ],
    OrganisationType.WONINGCORPORATIE: [
        (
            "Huurachterstand oplossen",
            "Een betalingsregeling en een gesprek voordat het tot uitzetting komt.",
            ["huisvesting", "financien"],
            3,
        ),
        ("Woonconsulent", "Een consulent voor overlast, verhuizing of aanpassingen in huis.", ["huisvesting"], 5),
    ],
    OrganisationType.POLITIE: [
        ("Wijkagent", "De wijkagent voor zorgen over veiligheid in de buurt en thuis.", ["justitie"], 2),
    ],
    OrganisationType.HUISARTSENPRAKTIJK: [
        (
            "POH-GGZ",
            "De praktijkondersteuner helpt bij psychische klachten, via de huisarts.",
            ["geestelijke_gezondheid"],
            5,
        ),
        (
            "Praktijkverpleegkundige",
            "Hulp bij chronische ziekte en ouderenzorg.",
            ["lichamelijke_gezondheid", "basale_adl"],
            5,
        ),
    ],
    OrganisationType.VRIJWILLIGERS: [
        (
            "Maatjesproject",
            "Een vrijwilliger die samen met u dingen onderneemt.",
            ["sociaal_netwerk", "tijdsbesteding"],
            7,
        ),
        (
            "Thuisadministratie",
            "Een vrijwilliger helpt met post en administratie.",
            ["instrumentele_adl", "financien"],
            7,
        ),
    ],
    OrganisationType.OVERIG: [
        (
            "Buurthuis",
            "Activiteiten en ontmoeting in de buurt.",
            ["participatie", "sociaal_netwerk", "tijdsbesteding"],
            5,
        ),
    ],
}

Progress = Callable[[str], None]


class DemoDataBuilder:
    def __init__(self, scale: Scale, seed: int = 2026, progress: Progress | None = None, batch_size: int = 2000):
        self.scale = scale
        self.random = random.Random(seed)
        # Everything added to the generator later draws from its own generator, so that the data drawn from
        # `random` (households, plans, actions, referrals) stays the same for a seed.
        self.extra = random.Random(f"{seed}:extra")
        self.faker = Faker("nl_NL")
        self.faker.seed_instance(seed)
        self.progress = progress or (lambda message: None)
        self.batch_size = batch_size
        self.password_hash = make_password(DEMO_PASSWORD)
        self.now = timezone.now()
        self.timings = Timings()

    # -- organisations and people -------------------------------------------------------------------------

    def build(self) -> list[DemoLogin]:
        with self.timings.timed("organisaties, professionals en sociale kaart"), transaction.atomic():
            neighbourhoods = self._neighbourhoods()
            wijkteam_org, teams = self._wijkteams(neighbourhoods)
            partners = self._partner_organisations()
            logins = self._named_users(teams, partners)
            self._generated_professionals(wijkteam_org, teams, partners)
            self._services(partners, neighbourhoods)
        self._households(neighbourhoods, teams)
        with self.timings.timed("aanmeldingen en intakes"):
            build_intake(self.extra, self.faker, self.now, self.scale.intake_requests, self.batch_size, self.progress)
        with self.timings.timed("afsluitingen"), transaction.atomic():
            build_closures(self.now, f"regisseur@{DEMO_EMAIL_DOMAIN}")
        with self.timings.timed("accounts"), transaction.atomic():
            build_accounts(self.now, f"teamleider@{DEMO_EMAIL_DOMAIN}")
        with self.timings.timed("API-clients"), transaction.atomic():
            build_api_clients()
        with self.timings.timed("wijkbudget"), transaction.atomic():
            build_budgets(self.now, *(f"{name}@{DEMO_EMAIL_DOMAIN}" for name in ("regisseur", "teamleider", "beleid")))
        with self.timings.timed("Mijn EenPlan"), transaction.atomic():
            build_portal(self.now, f"regisseur@{DEMO_EMAIL_DOMAIN}")
        with self.timings.timed("samenwerken"), transaction.atomic():
            build_collaboration(
                self.now, *(f"{n}@{DEMO_EMAIL_DOMAIN}" for n in ("regisseur", "teamleider", "partner", "beleid"))
            )
        with self.timings.timed("logging van inzage"):
            build_access_log(self.random, self.scale.access_log, max(self.batch_size, 5000), self.progress)
        with self.timings.timed("vervolgtaxaties"):
            build_follow_up_assessments(self.extra, timezone.localdate(self.now), self.batch_size, self.progress)
        with self.timings.timed("rapportages (samenvatting)"):
            refresh_report_summary()  # the nightly summary, once, so that a fresh demo shows the outcomes
        return logins

    def _neighbourhoods(self) -> list[Neighbourhood]:
        result = []
        if self.scale.neighbourhoods <= len(NEIGHBOURHOODS):
            specs = NEIGHBOURHOODS[: self.scale.neighbourhoods]
        else:
            specs = [
                (f"Wijk {i + 1:02d}", f"wijk-{i + 1:02d}", [(1000 + i * 250, 1000 + i * 250 + 249)])
                for i in range(self.scale.neighbourhoods)
            ]
        for name, code, ranges in specs:
            neighbourhood = Neighbourhood.objects.create(name=name, code=code)
            PostcodeRange.objects.bulk_create(
                PostcodeRange(neighbourhood=neighbourhood, start=start, end=end) for start, end in ranges
            )
            result.append(neighbourhood)
        self.progress(f"{len(result)} wijken")
        return result

    def _wijkteams(self, neighbourhoods: list[Neighbourhood]) -> tuple[Organisation, list[Team]]:
        organisation = Organisation.objects.create(name="Wijkteams Stad", type=OrganisationType.WIJKTEAM)
        teams = []
        for neighbourhood in neighbourhoods:
            for number in range(self.scale.wijkteam_teams_per_neighbourhood):
                suffix = "" if self.scale.wijkteam_teams_per_neighbourhood == 1 else f" {number + 1}"
                team = Team.objects.create(organisation=organisation, name=f"Wijkteam {neighbourhood.name}{suffix}")
                team.neighbourhoods.add(neighbourhood)
                teams.append(team)
        return organisation, teams

    def _partner_organisations(self) -> list[Organisation]:
        organisations = []
        for index in range(self.scale.partner_organisations):
            if index < len(PARTNER_ORGANISATIONS):
                name, kind = PARTNER_ORGANISATIONS[index]
            else:
                kind = PARTNER_ORGANISATIONS[index % len(PARTNER_ORGANISATIONS)][1]
                name = f"{OrganisationType(kind).label} {index + 1}"
            organisation = Organisation.objects.create(name=name, type=kind, phone=self._phone())
            Team.objects.create(organisation=organisation, name=f"Team {name}")
            organisations.append(organisation)
        self.progress(f"{len(organisations) + 1} organisaties")
        return organisations

    def _user(self, email: str, full_name: str) -> User:
        user = User(email=email, full_name=full_name, password=self.password_hash)
        user.save()
        TOTPDevice.objects.create(user=user, name="demo", key=DEMO_TOTP_HEX_KEY, confirmed=True)
        return user

    def _named_users(self, teams: list[Team], partners: list[Organisation]) -> list[DemoLogin]:
        logins = []
        team_by_code = {team.neighbourhoods.first().code: team for team in teams}  # type: ignore[union-attr]
        partner_by_name = {org.name: org for org in partners}
        for local, name, role, where in NAMED_LOGINS:
            user = self._user(f"{local}@{DEMO_EMAIL_DOMAIN}", name)
            if where == where.lower():  # a wijk code: the named wijkteam login (first team at bench scales)
                team: Team | None = team_by_code.get(where, teams[0])
                assert team is not None
                organisation = team.organisation
            else:
                organisation = partner_by_name.get(where) or partners[0]
                team = organisation.teams.first()
            Membership.objects.create(user=user, organisation=organisation, team=team, role=role)
            logins.append(DemoLogin(user.email, str(Role(role).label), team.name if team else organisation.name))
        return logins

    def _generated_professionals(
        self, wijkteam_org: Organisation, teams: list[Team], partners: list[Organisation]
    ) -> None:
        count = self.scale.professionals - len(NAMED_LOGINS)
        users, memberships, devices = [], [], []
        partner_teams = {org.id: org.teams.first() for org in partners}
        for index in range(count):
            full_name = self.faker.name()
            users.append(
                User(
                    email=f"prof{index + 1:04d}@{DEMO_EMAIL_DOMAIN}",
                    full_name=full_name,
                    password=self.password_hash,
                )
            )
        created = User.objects.bulk_create(users, batch_size=self.batch_size)
        for index, user in enumerate(created):
            devices.append(TOTPDevice(user=user, name="demo", key=DEMO_TOTP_HEX_KEY, confirmed=True))
            if index % 2 == 0:
                team = teams[(index // 2) % len(teams)]
                role = Role.REGISSEUR if index % 4 == 0 else Role.WIJKTEAM_MEMBER
                memberships.append(Membership(user=user, organisation=wijkteam_org, team=team, role=role))
            else:
                organisation = partners[index % len(partners)]
                role = (
                    Role.VOLUNTEER if organisation.type == OrganisationType.VRIJWILLIGERS else Role.PARTNER_PROFESSIONAL
                )
                memberships.append(
                    Membership(user=user, organisation=organisation, team=partner_teams[organisation.id], role=role)
                )
        TOTPDevice.objects.bulk_create(devices, batch_size=self.batch_size)
        Membership.objects.bulk_create(memberships, batch_size=self.batch_size)
        self.progress(f"{self.scale.professionals} professionals")

    # -- sociale kaart ---------------------------------------------------------------------------------------------

    def _services(self, partners: list[Organisation], neighbourhoods: list[Neighbourhood]) -> None:
        from eenplan.directory.models import ContactPerson, Service, ServiceDomain

        per_organisation = max(1, self.scale.services // max(len(partners), 1))
        services, domains, contacts = [], [], []
        for organisation in partners:
            offer = SERVICE_OFFERS.get(OrganisationType(organisation.type), SERVICE_OFFERS[OrganisationType.OVERIG])
            for number in range(per_organisation):
                name, description, codes, days = offer[number % len(offer)]
                suffix = "" if number < len(offer) else f" ({number // len(offer) + 1})"
                services.append(
                    Service(
                        organisation=organisation,
                        name=f"{name}{suffix}",
                        description=description,
                        target_group="Inwoners van de gemeente",
                        how_to_refer="Verwijs via EenPlan vanuit een actie in het plan.",
                        expected_response_days=days,
                        waiting_time_days=self.random.randint(0, 30),
                        phone=self._phone(),
                        email=f"info@{organisation.pk}.voorbeeld.invalid",
                        opening_hours="ma–vr 9.00–17.00",
                    )
                )
                domains.append(codes)
        created = Service.objects.bulk_create(services, batch_size=self.batch_size)
        ServiceDomain.objects.bulk_create(
            (
                ServiceDomain(service=service, code=code)
                for service, codes in zip(created, domains, strict=True)
                for code in codes
            ),
            batch_size=self.batch_size,
        )
        through = Service.neighbourhoods.through
        served = through.objects.bulk_create(
            [
                through(service_id=service.pk, neighbourhood_id=self.random.choice(neighbourhoods).pk)
                for index, service in enumerate(created)
                if index % 3 == 0
            ],
            batch_size=self.batch_size,
        )
        for service in created[: max(len(partners), 1) * 2]:
            contacts.append(
                ContactPerson(
                    organisation_id=service.organisation_id,
                    service=service,
                    name=self.faker.name(),
                    role="Contactpersoon",
                    phone=self._phone(),
                )
            )
        ContactPerson.objects.bulk_create(contacts, batch_size=self.batch_size)
        # Entered by the functional administrator, as the first version of each service and contact person.
        editor = User.objects.filter(email=f"beheer@{DEMO_EMAIL_DOMAIN}").values_list("id", flat=True).first()
        extra_columns = None
        if any(f.name == "life_domains" for f in history_model(Service)._meta.fields):
            from eenplan.directory.models import life_domains_text

            codes_by_service = {service.pk: codes for service, codes in zip(created, domains, strict=True)}
            extra_columns = lambda s: {"life_domains": life_domains_text(codes_by_service[s.pk])}  # noqa: E731
        bulk_history(
            Service,
            created,
            lambda s: s.updated_at,
            lambda s: editor,
            m2m={"neighbourhoods": served},
            extra=extra_columns,
        )
        bulk_history(ContactPerson, contacts, lambda c: self.now, lambda c: editor)
        self.progress(f"{len(created)} diensten op de sociale kaart")

    # -- households ------------------------------------------------------------------------------------------

    def _phone(self) -> str:
        return f"06 {self.random.randint(10_000_000, 99_999_999)}"

    def _household_sizes(self) -> list[int]:
        """Sizes 1–5 whose sum is exactly the number of residents asked for."""
        households, residents = self.scale.households, self.scale.residents
        sizes = [1] * households
        extra = residents - households
        while extra > 0:
            index = self.random.randrange(households)
            if sizes[index] < 5:
                sizes[index] += 1
                extra -= 1
        return sizes

    def _households(self, neighbourhoods: list[Neighbourhood], teams: list[Team]) -> None:
        bsns = test_person_bsns()
        ranges = {n.id: list(n.postcode_ranges.all()) for n in neighbourhoods}
        teams_by_neighbourhood: dict[int, list[Team]] = {}
        for team in teams:
            for neighbourhood in team.neighbourhoods.all():
                teams_by_neighbourhood.setdefault(neighbourhood.id, []).append(team)
        sizes = self._household_sizes()
        last_names = [self.faker.last_name() for _ in range(2000)]
        streets = [self.faker.street_name() for _ in range(400)]
        planned = self.scale.households * PLANNED_SHARE
        casework = CaseworkContext.load(
            self.random, self.extra, self.scale.actions / planned, self.scale.referrals / planned
        )
        casework.now, casework.timings = self.now, self.timings
        totals: dict[str, int] = {}
        done = 0
        for start in range(0, len(sizes), self.batch_size):
            batch_sizes = sizes[start : start + self.batch_size]
            with transaction.atomic():
                started = time.monotonic()
                households = []
                families = []
                for _size in batch_sizes:
                    neighbourhood = neighbourhoods[self.random.randrange(len(neighbourhoods))]
                    postcode_range = self.random.choice(ranges[neighbourhood.id])
                    number = self.random.randint(postcode_range.start, postcode_range.end)
                    letters = self.random.choice("ABCEGHJKLMNPRTVWXZ") + self.random.choice("ABCEGHJKLMNPRTVWXZ")
                    last_name = self.random.choice(last_names)
                    prefix, _sep, bare = last_name.rpartition(" ")
                    families.append((prefix, bare))
                    households.append(
                        Household(
                            street=self.random.choice(streets),
                            house_number=str(self.random.randint(1, 250)),
                            postcode=f"{number} {letters}",
                            city="Stad",
                            neighbourhood=neighbourhood,
                            owning_team=(team := self.random.choice(teams_by_neighbourhood[neighbourhood.id])),
                            regisseur_id=casework.regisseur_for(team.pk)
                            if self.random.random() < PLANNED_SHARE
                            else None,
                            display_name=last_name,
                        )
                    )
                Household.objects.bulk_create(households, batch_size=self.batch_size)
                residents, pairs = self._residents_for(households, families, batch_sizes, bsns)
                Resident.objects.bulk_create(residents, batch_size=self.batch_size)
                Relationship.objects.bulk_create(
                    [
                        Relationship(
                            household=residents[a].household,
                            from_resident=residents[a],
                            kind=kind,
                            to_resident=residents[b],
                        )
                        for a, kind, b in pairs
                    ],
                    batch_size=self.batch_size,
                )
                casework.timings.lap("huishoudens, bewoners, relaties", started)
                for name, count in build_casework(casework, households, residents).items():
                    totals[name] = totals.get(name, 0) + count
            done += len(batch_sizes)
            summary = ", ".join(f"{count} {name}" for name, count in totals.items())
            self.progress(f"huishoudens: {done}/{len(sizes)} ({summary})")

    def _residents_for(
        self,
        households: list[Household],
        families: list[tuple[str, str]],
        sizes: list[int],
        bsns: Iterator[str],
    ) -> tuple[list[Resident], list[tuple[int, str, int]]]:
        residents: list[Resident] = []
        pairs: list[tuple[int, str, int]] = []
        today = datetime.date(2026, 1, 1)
        for household, (prefix, last_name), size in zip(households, families, sizes, strict=True):
            first_index = len(residents)
            for position in range(size):
                adult = position < 2 or size <= 2
                age = self.random.randint(19, 85) if adult else self.random.randint(0, 17)
                born = today - datetime.timedelta(days=age * 365 + self.random.randint(0, 364))
                bsn = next(bsns, "") if self.random.random() < 0.5 else ""
                residents.append(
                    Resident(
                        household=household,
                        first_name=self.faker.first_name(),
                        name_prefix=prefix,
                        last_name=last_name,
                        date_of_birth=born,
                        bsn=bsn,
                        bsn_digest=crypto.lookup_digest(bsn) if bsn else "",
                        email=f"bewoner{household.pk}.{position + 1}@voorbeeld.invalid" if adult else "",
                        phone=self._phone() if adult else "",
                    )
                )
            if size >= 2 and size != 1:
                pairs.append((first_index, RelationshipKind.PARTNER, first_index + 1))
            for child in range(first_index + 2, first_index + size):
                pairs.append((first_index, RelationshipKind.PARENT, child))
        return residents, pairs


def database_is_empty() -> bool:
    return not Organisation.objects.exists()
