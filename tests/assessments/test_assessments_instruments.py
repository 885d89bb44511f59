# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Instruments are data, not code (DESIGN.md §3): the data migration loads the Zelfredzaamheid-Matrix as the default
instrument; another instrument such as Positieve Gezondheid is added as rows and can be used at once."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from eenplan.assessments.models import Assessment, Instrument, Score
from eenplan.plans.domains import LifeDomain
from tests import access_helpers as story
from tests import factories

pytestmark = pytest.mark.django_db

ZRM_DOMAINS = [
    "Financiën",
    "Werk & opleiding",
    "Tijdsbesteding",
    "Huisvesting",
    "Huiselijke relaties",
    "Geestelijke gezondheid",
    "Lichamelijke gezondheid",
    "Middelengebruik",
    "Basale ADL",
    "Instrumentele ADL",
    "Sociaal netwerk",
    "Maatschappelijke participatie",
    "Justitie",
]


def add_url(household, instrument_code: str | None = None) -> str:
    query = f"?instrument={instrument_code}" if instrument_code else ""
    return f"/huishoudens/{household.pk}/zelfredzaamheid/nieuw/{query}"


def assessment_data(form, level: int, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "resident": form.fields["resident"].queryset.get().pk,
        "assessed_on": timezone.localdate().isoformat(),
        **{f"domain_{domain.pk}": level for domain in form.domains},
    }
    data.update(changes)
    return data


# The Zelfredzaamheid-Matrix, loaded by the data migration


def test_the_migration_loads_the_zrm_with_its_13_domains_in_order():
    zrm = Instrument.objects.get(code="zrm")
    assert [d.name for d in zrm.domains.order_by("position")] == ZRM_DOMAINS


def test_the_zrm_has_five_levels_from_acute_problems_to_fully_self_reliant():
    levels = list(Instrument.objects.get(code="zrm").levels.order_by("value"))
    assert [level.value for level in levels] == [1, 2, 3, 4, 5]
    assert (levels[0].label, levels[-1].label) == ("Acute problematiek", "Volledig zelfredzaam")


def test_the_zrm_is_the_one_default_instrument():
    assert list(Instrument.objects.filter(is_default=True).values_list("code", flat=True)) == ["zrm"]


def test_every_zrm_domain_names_an_information_category_and_a_life_domain_for_goals():
    domains = story.zrm_domains()
    assert all(d.category_id for d in domains.values())
    assert {d.life_domain for d in domains.values()} == set(LifeDomain.values)
    assert domains["geestelijke_gezondheid"].category.code == "gezondheid"


def test_a_second_default_instrument_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Instrument.objects.create(code="tweede", name="Tweede", is_default=True)


def test_the_new_assessment_form_uses_the_default_instrument(verified_client, household):
    response = verified_client.get(add_url(household))
    assert response.status_code == 200
    assert response.context["instrument"].code == "zrm"
    assert [d.name for d in response.context["form"].domains] == ZRM_DOMAINS


def test_a_zrm_assessment_is_saved_with_a_score_per_domain(verified_client, household, professional):
    form = verified_client.get(add_url(household)).context["form"]
    response = verified_client.post(add_url(household), assessment_data(form, 3))
    assert response.status_code == 302 and response.url == f"/huishoudens/{household.pk}/zelfredzaamheid/"
    assessment = Assessment.objects.get()
    assert (assessment.resident, assessment.assessed_by) == (household.residents.get(), professional)
    assert sorted(assessment.scores.values_list("value", flat=True)) == [3] * 13


def test_an_assessment_missing_a_domain_answers_400_and_stores_nothing(verified_client, household):
    form = verified_client.get(add_url(household)).context["form"]
    data = assessment_data(form, 3)
    missing = f"domain_{form.domains[5].pk}"
    del data[missing]
    response = verified_client.post(add_url(household), data)
    assert response.status_code == 400
    assert missing in response.context["form"].errors
    assert not Assessment.objects.exists() and not Score.objects.exists()


@pytest.mark.parametrize("level", [0, 6])
def test_a_level_outside_the_scale_answers_400(verified_client, household, level):
    form = verified_client.get(add_url(household)).context["form"]
    assert verified_client.post(add_url(household), assessment_data(form, level)).status_code == 400
    assert not Assessment.objects.exists()


def test_an_assessment_in_the_future_answers_400(verified_client, household):
    form = verified_client.get(add_url(household)).context["form"]
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = verified_client.post(add_url(household), assessment_data(form, 3, assessed_on=tomorrow))
    assert response.status_code == 400
    assert not Assessment.objects.exists()


def test_a_resident_of_another_household_cannot_be_assessed(verified_client, household, other_team_household):
    stranger = factories.ResidentFactory(household=other_team_household)
    form = verified_client.get(add_url(household)).context["form"]
    response = verified_client.post(add_url(household), assessment_data(form, 3, resident=stranger.pk))
    assert response.status_code == 400
    assert not Assessment.objects.exists()


# A second instrument, added as data


def test_a_second_instrument_appears_in_the_form_with_exactly_its_domains(verified_client, household):
    story.positieve_gezondheid()
    response = verified_client.get(add_url(household, "positieve-gezondheid"))
    assert response.status_code == 200
    form = response.context["form"]
    assert [d.name for d in form.domains] == [name for _, name, _ in story.POSITIEVE_GEZONDHEID]
    assert len([name for name in form.fields if name.startswith("domain_")]) == 6


def test_the_second_instruments_form_offers_its_own_scale(verified_client, household):
    instrument = story.positieve_gezondheid(levels=range(0, 11))
    form = verified_client.get(add_url(household, "positieve-gezondheid")).context["form"]
    field = form.fields[f"domain_{instrument.domains.first().pk}"]
    assert [value for value, _ in field.choices] == list(range(0, 11))


def test_an_assessment_on_the_second_instrument_is_saved(verified_client, household):
    instrument = story.positieve_gezondheid(levels=range(0, 11))
    form = verified_client.get(add_url(household, "positieve-gezondheid")).context["form"]
    response = verified_client.post(add_url(household, "positieve-gezondheid"), assessment_data(form, 7))
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.instrument == instrument
    assert set(assessment.scores.values_list("domain__code", "value")) == {
        (code, 7) for code, _, _ in story.POSITIEVE_GEZONDHEID
    }


def test_level_zero_of_a_zero_to_ten_scale_is_a_valid_answer(verified_client, household):
    story.positieve_gezondheid(levels=range(0, 11))
    form = verified_client.get(add_url(household, "positieve-gezondheid")).context["form"]
    assert verified_client.post(add_url(household, "positieve-gezondheid"), assessment_data(form, 0)).status_code == 302
    assert list(Score.objects.values_list("value", flat=True).distinct()) == [0]


def test_a_five_point_second_instrument_refuses_a_level_outside_its_scale(verified_client, household):
    story.positieve_gezondheid(levels=range(1, 6))
    form = verified_client.get(add_url(household, "positieve-gezondheid")).context["form"]
    assert verified_client.post(add_url(household, "positieve-gezondheid"), assessment_data(form, 7)).status_code == 400


def test_an_unknown_instrument_answers_404(verified_client, household):
    assert verified_client.get(add_url(household, "bestaat-niet")).status_code == 404


def test_an_instrument_no_longer_in_use_cannot_be_chosen(verified_client, household):
    instrument = story.positieve_gezondheid()
    instrument.is_active = False
    instrument.save()
    assert verified_client.get(add_url(household, "positieve-gezondheid")).status_code == 404
