# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The multi-problem signal: when is an integral approach (*integrale aanpak*) needed?

Default rule (settings MULTI_PROBLEM_*): three or more domains at level 2 or lower, or any domain at level 1.
It looks at the latest assessment of each household member on the default instrument (the ZRM), whose 1..5 scale
the thresholds are made for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from eenplan.assessments.models import Assessment, InstrumentDomain, Score
from eenplan.households.models import Household


@dataclass(frozen=True)
class MultiProblemRule:
    low_level: int = 2
    min_low_domains: int = 3
    acute_level: int = 1

    @classmethod
    def from_settings(cls) -> MultiProblemRule:
        return cls(
            low_level=settings.MULTI_PROBLEM_LOW_LEVEL,
            min_low_domains=settings.MULTI_PROBLEM_MIN_LOW_DOMAINS,
            acute_level=settings.MULTI_PROBLEM_ACUTE_LEVEL,
        )

    def applies(self, values: list[int]) -> bool:
        low = [v for v in values if v <= self.low_level]
        return len(low) >= self.min_low_domains or any(v <= self.acute_level for v in values)


@dataclass
class Signal:
    needed: bool
    low_domains: list[InstrumentDomain] = field(default_factory=list)


def latest_assessments(household: Household) -> list[Assessment]:
    """The newest assessment of each resident (per instrument), in one query."""
    newest: dict[tuple[int, int], Assessment] = {}
    for assessment in (
        Assessment.objects.filter(household=household).select_related("instrument").order_by("assessed_on", "id")
    ):
        newest[(assessment.resident_id, assessment.instrument_id)] = assessment
    return list(newest.values())


def household_signal(household: Household, rule: MultiProblemRule | None = None) -> Signal:
    rule = rule or MultiProblemRule.from_settings()
    # The thresholds are the Zelfredzaamheid-Matrix's (levels 1..5): other instruments have other scales.
    latest = [a for a in latest_assessments(household) if a.instrument.is_default]
    if not latest:
        return Signal(False)
    scores = Score.objects.filter(assessment__in=latest).select_related("domain")
    by_assessment: dict[int, list[Score]] = {}
    for score in scores:
        by_assessment.setdefault(score.assessment_id, []).append(score)
    needed = any(rule.applies([s.value for s in group]) for group in by_assessment.values())
    low: dict[int, InstrumentDomain] = {}
    for score in sorted(scores, key=lambda s: (s.domain.position, s.domain_id)):
        if score.value <= rule.low_level:
            low[score.domain_id] = score.domain
    return Signal(needed, list(low.values()) if needed else [])
