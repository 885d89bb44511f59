# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Demo and bench data have follow-up assessments, so the outcomes report shows change per life domain
(eenplan.demo.outcomes); `seed_follow_up_assessments` adds them to a database seeded before, once."""

from __future__ import annotations

import datetime
import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Min
from django.utils import timezone

from eenplan.assessments.models import Assessment, Instrument, Score
from eenplan.demo.outcomes import build_follow_up_assessments
from eenplan.reports.models import Measure, OutcomeFact
from tests import factories

pytestmark = pytest.mark.django_db

RESIDENTS = 60


@pytest.fixture(autouse=True)
def development(settings):
    """Demo data exists only in development (DEBUG)."""
    settings.DEBUG = True


@pytest.fixture
def first_assessments(professional):
    """Sixty residents, each with one assessment on the default instrument 100 days ago: seeded data as it was
    before follow-ups existed."""
    instrument = Instrument.objects.get(is_default=True)
    domains = list(instrument.domains.all())
    rng = random.Random(7)
    assessments = []
    for resident in factories.ResidentFactory.create_batch(RESIDENTS):
        assessments.append(
            Assessment.objects.create(
                household=resident.household,
                resident=resident,
                instrument=instrument,
                assessed_on=timezone.localdate() - datetime.timedelta(days=100),
                assessed_by=professional,
            )
        )
    Score.objects.bulk_create(
        Score(assessment=a, domain=d, value=rng.randint(1, 5)) for a in assessments for d in domains
    )
    return assessments


def assessments_per_resident() -> dict[int, int]:
    rows = Assessment.objects.values("resident_id").annotate(n=Count("id")).order_by()
    return {row["resident_id"]: row["n"] for row in rows}


def follow_ups(seed: str = "test") -> int:
    return build_follow_up_assessments(random.Random(seed), timezone.localdate(), batch_size=25)


def test_a_share_of_residents_gets_one_to_three_follow_ups(first_assessments):
    follow_ups()
    counts = assessments_per_resident().values()
    followed = [n for n in counts if n > 1]

    assert 0.4 <= len(followed) / RESIDENTS <= 0.95
    assert max(followed) <= 4


def test_follow_ups_come_after_the_first_assessment_and_never_after_today(first_assessments):
    first_day = first_assessments[0].assessed_on
    follow_ups()
    later = Assessment.objects.exclude(pk__in=[a.pk for a in first_assessments])

    assert later.exists()
    assert all(first_day < a.assessed_on <= timezone.localdate() for a in later)


def test_every_follow_up_has_a_level_for_every_life_domain(first_assessments):
    follow_ups()
    domains = Instrument.objects.get(is_default=True).domains.count()
    per_assessment = Score.objects.values("assessment_id").annotate(n=Count("id")).values_list("n", flat=True)

    assert set(per_assessment) == {domains}
    assert set(Score.objects.values_list("value", flat=True)) <= {1, 2, 3, 4, 5}


def test_levels_mostly_improve_and_sometimes_worsen(first_assessments):
    follow_ups()
    call_command("refresh_reports", stdout=StringIO())
    facts = OutcomeFact.objects.filter(measure=Measure.ZRM)
    better = sum(f.count for f in facts if f.outcome == "better")
    worse = sum(f.count for f in facts if f.outcome == "worse")

    assert better > worse > 0


def test_the_same_seed_gives_the_same_follow_ups(first_assessments):
    def drawn() -> list[tuple[datetime.date, int]]:
        return list(
            Score.objects.exclude(assessment__in=first_assessments)
            .order_by("assessment_id", "domain_id")
            .values_list("assessment__assessed_on", "value")
        )

    follow_ups("same")
    first = drawn()
    Assessment.objects.exclude(pk__in=[a.pk for a in first_assessments]).delete()
    follow_ups("same")

    assert drawn() == first


def test_the_command_adds_follow_ups_and_computes_the_summary_anew(first_assessments):
    call_command("seed_follow_up_assessments", stdout=StringIO())

    assert any(n > 1 for n in assessments_per_resident().values())
    assert OutcomeFact.objects.filter(measure=Measure.ZRM, outcome="better").exists()


def test_the_command_does_nothing_when_follow_ups_exist(first_assessments):
    call_command("seed_follow_up_assessments", stdout=StringIO())
    before = Assessment.objects.count()

    out = StringIO()
    call_command("seed_follow_up_assessments", stdout=out)

    assert Assessment.objects.count() == before
    assert "Geen vervolgtaxaties" in out.getvalue()


def test_the_command_refuses_outside_development(settings, first_assessments):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("seed_follow_up_assessments", stdout=StringIO())
    assert Assessment.objects.count() == RESIDENTS


def test_a_fresh_demo_has_follow_ups_for_a_share_of_its_residents():
    call_command("seed_demo", stdout=StringIO())
    firsts = Assessment.objects.values("resident_id").annotate(first=Min("assessed_on"))
    counts = assessments_per_resident().values()

    assert 0.3 <= sum(n > 1 for n in counts) / len(firsts) <= 0.8
    assert OutcomeFact.objects.filter(measure=Measure.ZRM, outcome="worse").exists()
