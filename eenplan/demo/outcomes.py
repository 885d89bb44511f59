# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Demo and bench outcomes: follow-up assessments (*vervolgtaxaties*) on the default instrument (the ZRM), so that
the outcomes report has a change between the first and the latest assessment per life domain to count.

The casework generator gives every plan one assessment of its first resident. This module gives a share of those
residents one to three follow-ups, each some weeks after the one before and never after today, with levels that
mostly improve a step here and there and sometimes drop. It reads what is already in the database, so it runs both
at the end of `seed_demo` and on its own on a database seeded before it existed (`manage.py
seed_follow_up_assessments`); it does nothing when any resident already has a follow-up on the instrument.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from collections.abc import Callable

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from eenplan.assessments.models import Assessment, Instrument, Score

# Share of first assessments that get follow-ups (when there is time for one before today).
FOLLOW_UP_SHARE = 0.7
# Days between one assessment and the next.
GAP_DAYS = (28, 70)
# Per resident a course: most go forward, some have a hard time. (share, chance of a step up, chance of a step down)
COURSES = ((0.75, 0.35, 0.07), (0.25, 0.10, 0.25))
LOWEST, HIGHEST = 1, 5
BATCH = 2000

Progress = Callable[[str], None]


def follow_ups_exist(instrument_id: int) -> bool:
    """Whether any resident has two or more assessments on this instrument."""
    return (
        Assessment.objects.filter(instrument_id=instrument_id)
        .values("resident_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by()
        .exists()
    )


def _course(rng: random.Random) -> tuple[float, float]:
    draw = rng.random()
    for share, up, down in COURSES:
        if draw < share:
            return up, down
        draw -= share
    return COURSES[-1][1], COURSES[-1][2]


def _next_levels(rng: random.Random, levels: dict[int, int], up: float, down: float) -> dict[int, int]:
    result = {}
    for domain_id, value in levels.items():
        draw = rng.random()
        if draw < up:
            value = min(value + 1, HIGHEST)
        elif draw < up + down:
            value = max(value - 1, LOWEST)
        result[domain_id] = value
    return result


def _follow_up_dates(rng: random.Random, first: datetime.date, today: datetime.date) -> list[datetime.date]:
    if rng.random() >= FOLLOW_UP_SHARE:
        return []
    dates: list[datetime.date] = []
    day = first
    for _ in range(rng.randint(1, 3)):
        day = day + datetime.timedelta(days=rng.randint(*GAP_DAYS))
        if day > today:
            break
        dates.append(day)
    return dates


def _created_at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 30)))


def build_follow_up_assessments(
    rng: random.Random,
    today: datetime.date,
    batch_size: int = BATCH,
    progress: Progress | None = None,
) -> int:
    """Add follow-up assessments (with a level per life domain) after each resident's first assessment on the default
    instrument, in bulk; returns how many were added (0 when there is no default instrument or follow-ups exist)."""
    instrument_id = Instrument.objects.filter(is_default=True).values_list("pk", flat=True).first()
    if instrument_id is None or follow_ups_exist(instrument_id):
        return 0
    firsts = list(
        Assessment.objects.filter(instrument_id=instrument_id)
        .order_by("id")
        .values_list("id", "household_id", "resident_id", "assessed_on", "assessed_by_id")
    )
    added = 0
    for start in range(0, len(firsts), batch_size):
        chunk = firsts[start : start + batch_size]
        levels: dict[int, dict[int, int]] = defaultdict(dict)
        for assessment_id, domain_id, value in Score.objects.filter(
            assessment_id__in=[row[0] for row in chunk]
        ).values_list("assessment_id", "domain_id", "value"):
            levels[assessment_id][domain_id] = value
        assessments: list[Assessment] = []
        planned: list[dict[int, int]] = []
        for assessment_id, household_id, resident_id, assessed_on, assessed_by_id in chunk:
            current = levels.get(assessment_id)
            if not current:
                continue
            up, down = _course(rng)
            for day in _follow_up_dates(rng, assessed_on, today):
                current = _next_levels(rng, current, up, down)
                assessments.append(
                    Assessment(
                        household_id=household_id,
                        resident_id=resident_id,
                        instrument_id=instrument_id,
                        assessed_on=day,
                        assessed_by_id=assessed_by_id,
                        created_at=_created_at(day),
                    )
                )
                planned.append(current)
        with transaction.atomic():
            Assessment.objects.bulk_create(assessments, batch_size=batch_size)
            Score.objects.bulk_create(
                (
                    Score(assessment_id=assessment.pk, domain_id=domain_id, value=value)
                    for assessment, values in zip(assessments, planned, strict=True)
                    for domain_id, value in values.items()
                ),
                batch_size=batch_size * 4,
            )
        added += len(assessments)
        if progress is not None:
            progress(f"vervolgtaxaties: {min(start + batch_size, len(firsts))}/{len(firsts)} ({added} toegevoegd)")
    return added
