# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The multi-problem signal (*integrale aanpak nodig*): three or more domains at level 2 or lower, or any domain at
level 1, on the latest assessment of a household member. The thresholds are settings."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from eenplan.assessments.rules import MultiProblemRule, household_signal
from tests import access_helpers as story
from tests import factories

pytestmark = pytest.mark.django_db

RULE = MultiProblemRule()


def scores(*low: int, others: int = 4) -> list[int]:
    """Thirteen domain levels: the given low ones, the rest at `others`."""
    return [*low, *[others] * (13 - len(low))]


# MultiProblemRule.applies


def test_two_domains_at_level_2_give_no_signal():
    assert RULE.applies(scores(2, 2)) is False


def test_three_domains_at_level_2_give_the_signal():
    assert RULE.applies(scores(2, 2, 2)) is True


def test_one_domain_at_level_1_gives_the_signal():
    assert RULE.applies(scores(1)) is True


def test_three_domains_at_level_3_give_no_signal():
    assert RULE.applies(scores(3, 3, 3)) is False


def test_a_domain_at_level_1_also_counts_among_the_low_domains():
    without_acute_rule = MultiProblemRule(acute_level=0)
    assert without_acute_rule.applies(scores(1, 2)) is False
    assert without_acute_rule.applies(scores(1, 2, 2)) is True


def test_all_domains_fully_self_reliant_give_no_signal():
    assert RULE.applies(scores(others=5)) is False


def test_no_scores_give_no_signal():
    assert RULE.applies([]) is False


def test_the_default_rule_follows_the_settings():
    assert MultiProblemRule.from_settings() == MultiProblemRule(low_level=2, min_low_domains=3, acute_level=1)


def test_the_rule_is_configurable_through_settings(settings):
    settings.MULTI_PROBLEM_MIN_LOW_DOMAINS = 2
    assert MultiProblemRule.from_settings().applies(scores(2, 2)) is True


def test_a_higher_low_level_in_settings_counts_level_3_as_low(settings):
    settings.MULTI_PROBLEM_LOW_LEVEL = 3
    assert MultiProblemRule.from_settings().applies(scores(3, 3, 3)) is True


# household_signal: the latest assessment of each household member


def test_a_household_without_assessments_has_no_signal(household):
    assert household_signal(household).needed is False


def test_three_low_domains_on_an_assessment_mark_the_household(household, professional):
    story.assess(household, professional, {"financien": 2, "huisvesting": 2, "sociaal_netwerk": 2})
    signal = household_signal(household)
    assert signal.needed is True
    assert [d.code for d in signal.low_domains] == ["financien", "huisvesting", "sociaal_netwerk"]


def test_two_low_domains_on_an_assessment_do_not_mark_the_household(household, professional):
    story.assess(household, professional, {"financien": 2, "huisvesting": 2})
    signal = household_signal(household)
    assert (signal.needed, signal.low_domains) == (False, [])


def test_one_acute_domain_marks_the_household(household, professional):
    story.assess(household, professional, {"justitie": 1})
    signal = household_signal(household)
    assert signal.needed is True
    assert [d.code for d in signal.low_domains] == ["justitie"]


def test_three_domains_at_level_3_do_not_mark_the_household(household, professional):
    story.assess(household, professional, {"financien": 3, "huisvesting": 3, "justitie": 3})
    assert household_signal(household).needed is False


def test_only_the_latest_assessment_of_a_resident_counts(household, professional):
    long_ago = timezone.localdate() - datetime.timedelta(days=120)
    story.assess(household, professional, {"financien": 1, "huisvesting": 1, "justitie": 1}, on=long_ago)
    story.assess(household, professional, otherwise=4)
    signal = household_signal(household)
    assert (signal.needed, signal.low_domains) == (False, [])


def test_a_new_low_assessment_after_a_good_one_marks_the_household(household, professional):
    story.assess(household, professional, on=timezone.localdate() - datetime.timedelta(days=30))
    story.assess(household, professional, {"middelengebruik": 1})
    assert household_signal(household).needed is True


def test_the_latest_is_by_assessment_date_not_by_entry_order(household, professional):
    story.assess(household, professional, otherwise=4)
    story.assess(household, professional, {"financien": 1}, on=timezone.localdate() - datetime.timedelta(days=60))
    assert household_signal(household).needed is False


def test_each_household_member_counts_on_their_own_latest_assessment(household, professional):
    child = factories.ResidentFactory(household=household, first_name="Daan", date_of_birth=datetime.date(2012, 6, 1))
    story.assess(household, professional, otherwise=5)
    story.assess(household, professional, {"basale_adl": 1}, resident=child)
    signal = household_signal(household)
    assert signal.needed is True
    assert [d.code for d in signal.low_domains] == ["basale_adl"]


def test_the_household_signal_follows_the_settings(household, professional, settings):
    story.assess(household, professional, {"financien": 2, "huisvesting": 2})
    settings.MULTI_PROBLEM_MIN_LOW_DOMAINS = 2
    assert household_signal(household).needed is True


def test_a_rule_given_explicitly_overrides_the_settings(household, professional):
    story.assess(household, professional, {"financien": 2, "huisvesting": 2})
    assert household_signal(household, MultiProblemRule(min_low_domains=2)).needed is True
    assert household_signal(household, MultiProblemRule(min_low_domains=3)).needed is False
