# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""A functional administrator adds an assessment instrument as data in /beheer/ (DESIGN.md §3: instruments are data,
not code): the instrument with its domains and scale levels, with a clear message when the levels or domains do not
add up. The instrument is then offered for an assessment. Nobody else gets into these admin pages."""

from __future__ import annotations

import pytest
from django.utils.translation import gettext as _

from eenplan.accounts.admin import site
from eenplan.assessments.models import Instrument, InstrumentDomain, ScaleLevel
from tests import access_helpers as story

pytestmark = pytest.mark.django_db

ADD_URL = "/beheer/assessments/instrument/add/"
CHANGELIST_URL = "/beheer/assessments/instrument/"

DOMAINS = [
    ("lichaamsfuncties", "Lichaamsfuncties", "gezondheid", "lichamelijke_gezondheid"),
    ("mentaal_welbevinden", "Mentaal welbevinden", "gezondheid", "geestelijke_gezondheid"),
    ("zingeving", "Zingeving", "basis", ""),
]
LEVELS = [(0, "Heel slecht"), (5, "Gaat wel"), (10, "Heel goed")]


def change_url(instrument: Instrument) -> str:
    return f"/beheer/assessments/instrument/{instrument.pk}/change/"


def delete_url(instrument: Instrument) -> str:
    return f"/beheer/assessments/instrument/{instrument.pk}/delete/"


def management(prefix: str, total: int, initial: int = 0) -> dict[str, object]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def instrument_data(domains=DOMAINS, levels=LEVELS, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Positieve Gezondheid",
        "code": "positieve-gezondheid",
        "description": "Zes dimensies van gezondheid.",
        "is_active": "on",
        **management("domains", len(domains)),
        **management("levels", len(levels)),
    }
    for i, (code, name, category_code, life_domain) in enumerate(domains):
        data.update(
            {
                f"domains-{i}-position": str(i),
                f"domains-{i}-code": code,
                f"domains-{i}-name": name,
                f"domains-{i}-category": str(story.category(category_code).pk),
                f"domains-{i}-life_domain": life_domain,
            }
        )
    for i, (value, label) in enumerate(levels):
        data.update({f"levels-{i}-value": str(value), f"levels-{i}-label": label})
    data.update(changes)
    return data


def errors_of(response) -> str:
    """Every error the admin page shows: the form's, and those of both inlines (formset-wide and per row)."""
    found = [str(e) for e in response.context["adminform"].form.errors.values()]
    for inline in response.context["inline_admin_formsets"]:
        found += [str(e) for e in inline.formset.non_form_errors()]
        found += [str(e) for e in inline.formset.errors if e]
    return " ".join(found)


# Adding an instrument


def test_instruments_are_managed_in_the_functional_administrators_admin():
    assert Instrument in site._registry


def test_the_instrument_form_offers_domains_and_scale_levels_inline(admin_client):
    page = admin_client.get(ADD_URL).content.decode()
    assert 'name="domains-TOTAL_FORMS"' in page and 'name="levels-TOTAL_FORMS"' in page


def test_a_functional_administrator_adds_an_instrument_with_its_domains_and_levels(admin_client):
    response = admin_client.post(ADD_URL, instrument_data())
    assert response.status_code == 302
    instrument = Instrument.objects.get(code="positieve-gezondheid")
    assert [(d.code, d.category.code, d.life_domain) for d in instrument.domains.select_related("category")] == [
        (code, category, life_domain) for code, _name, category, life_domain in DOMAINS
    ]
    assert [(level.value, level.label) for level in instrument.levels.all()] == LEVELS
    assert not instrument.is_default


def test_an_instrument_added_in_the_admin_is_offered_for_an_assessment(admin_client, verified_client, household):
    admin_client.post(ADD_URL, instrument_data())
    overview = verified_client.get(f"/huishoudens/{household.pk}/zelfredzaamheid/").content.decode()
    assert "?instrument=positieve-gezondheid" in overview
    form = verified_client.get(f"/huishoudens/{household.pk}/zelfredzaamheid/nieuw/?instrument=positieve-gezondheid")
    assert form.status_code == 200
    assert [d.name for d in form.context["form"].domains] == [name for _code, name, _c, _l in DOMAINS]


def test_an_instrument_added_in_the_admin_can_be_used_for_an_assessment(admin_client, verified_client, household):
    admin_client.post(ADD_URL, instrument_data())
    url = f"/huishoudens/{household.pk}/zelfredzaamheid/nieuw/?instrument=positieve-gezondheid"
    form = verified_client.get(url).context["form"]
    data = {"resident": household.residents.get().pk, "assessed_on": "2024-05-01"}
    data.update({f"domain_{d.pk}": "10" for d in form.domains})
    assert verified_client.post(url, data).status_code == 302
    assert Instrument.objects.get(code="positieve-gezondheid").domains.first().scores.get().value == 10


# Clear messages when the instrument does not add up, and nothing stored


def test_an_instrument_with_one_scale_level_is_refused_with_a_clear_message(admin_client):
    response = admin_client.post(ADD_URL, instrument_data(levels=[(1, "Alleen")]))
    assert response.status_code == 200
    assert _("Add at least two scale levels: the lowest and the highest level of the instrument.") in errors_of(
        response
    )
    assert not Instrument.objects.filter(code="positieve-gezondheid").exists()


def test_two_scale_levels_with_the_same_value_are_refused_with_a_clear_message(admin_client):
    response = admin_client.post(ADD_URL, instrument_data(levels=[(1, "Laag"), (1, "Ook laag"), (5, "Hoog")]))
    message = _("Two scale levels have the value %(value)s. Give every level its own value.") % {"value": 1}
    assert message in errors_of(response)
    assert not ScaleLevel.objects.filter(label="Ook laag").exists()


def test_two_domains_in_the_same_position_are_refused_with_a_clear_message(admin_client):
    data = instrument_data(**{"domains-1-position": "0"})
    message = _("Two domains have position %(position)s. Give every domain its own position.") % {"position": 0}
    assert message in errors_of(admin_client.post(ADD_URL, data))
    assert not Instrument.objects.filter(code="positieve-gezondheid").exists()


def test_two_domains_with_the_same_code_are_refused_with_a_clear_message(admin_client):
    data = instrument_data(**{"domains-1-code": "lichaamsfuncties"})
    message = _("Two domains have the code “%(code)s”. Give every domain its own code.") % {"code": "lichaamsfuncties"}
    assert message in errors_of(admin_client.post(ADD_URL, data))
    assert not InstrumentDomain.objects.filter(code="mentaal_welbevinden").exists()


def test_an_instrument_without_domains_is_refused_with_a_clear_message(admin_client):
    response = admin_client.post(ADD_URL, instrument_data(domains=[]))
    assert _("Add at least one domain.") in errors_of(response)
    assert not Instrument.objects.filter(code="positieve-gezondheid").exists()


def test_a_life_domain_that_the_plan_does_not_know_is_refused(admin_client):
    response = admin_client.post(ADD_URL, instrument_data(**{"domains-0-life_domain": "geluk"}))
    assert response.status_code == 200
    assert not Instrument.objects.filter(code="positieve-gezondheid").exists()


def test_a_second_default_instrument_is_refused_with_a_clear_message(admin_client):
    response = admin_client.post(ADD_URL, instrument_data(is_default="on"))
    message = _("%(name)s is already the default instrument. There can be only one: untick it there first.") % {
        "name": "Zelfredzaamheid-Matrix"
    }
    assert message in errors_of(response)
    assert list(Instrument.objects.filter(is_default=True).values_list("code", flat=True)) == ["zrm"]


# An instrument in use keeps what its assessments refer to


def test_an_instrument_used_for_an_assessment_cannot_be_deleted(admin_client, household, professional):
    story.assess(household, professional)
    zrm = Instrument.objects.get(code="zrm")
    assert admin_client.get(delete_url(zrm)).status_code == 403
    admin_client.post(delete_url(zrm), {"post": "yes"})
    assert Instrument.objects.filter(code="zrm").exists()


def test_the_domains_of_an_instrument_in_use_cannot_be_deleted(admin_client, household, professional):
    story.assess(household, professional)
    response = admin_client.get(change_url(Instrument.objects.get(code="zrm")))
    domains_inline = next(i for i in response.context["inline_admin_formsets"] if i.formset.prefix == "domains")
    assert response.status_code == 200 and domains_inline.formset.can_delete is False


def test_an_unused_instrument_can_be_deleted(admin_client):
    instrument = story.positieve_gezondheid()
    assert admin_client.post(delete_url(instrument), {"post": "yes"}).status_code == 302
    assert not Instrument.objects.filter(pk=instrument.pk).exists()


def test_the_changelist_offers_no_bulk_deletion(admin_client):
    assert "delete_selected" not in admin_client.get(CHANGELIST_URL).content.decode()


def test_a_scale_level_used_in_an_assessment_must_stay(admin_client, household, professional):
    instrument = story.positieve_gezondheid(levels=range(0, 3))
    story.assess(household, professional, instrument_code="positieve-gezondheid", otherwise=2)
    data = {
        "name": instrument.name,
        "code": instrument.code,
        "is_active": "on",
        **management("domains", instrument.domains.count(), instrument.domains.count()),
        **management("levels", 3, 3),
    }
    for i, domain in enumerate(instrument.domains.all()):
        data.update(
            {
                f"domains-{i}-id": str(domain.pk),
                f"domains-{i}-instrument": str(instrument.pk),
                f"domains-{i}-position": str(domain.position),
                f"domains-{i}-code": domain.code,
                f"domains-{i}-name": domain.name,
                f"domains-{i}-category": str(domain.category_id),
            }
        )
    for i, level in enumerate(instrument.levels.all()):
        data.update(
            {
                f"levels-{i}-id": str(level.pk),
                f"levels-{i}-instrument": str(instrument.pk),
                f"levels-{i}-value": str(level.value),
                f"levels-{i}-label": level.label,
            }
        )
    data["levels-2-DELETE"] = "on"  # level 2: every domain was scored 2
    response = admin_client.post(change_url(instrument), data)
    assert _("Level %(value)s is used in assessments, so it must stay.") % {"value": 2} in errors_of(response)
    assert instrument.levels.filter(value=2).exists()


# Nobody else


def test_a_professional_without_the_role_cannot_open_the_instrument_admin(verified_client):
    response = verified_client.get(ADD_URL)
    assert response.status_code in (302, 403)
    assert 'name="levels-TOTAL_FORMS"' not in response.content.decode()


def test_a_professional_without_the_role_cannot_add_an_instrument(verified_client):
    response = verified_client.post(ADD_URL, instrument_data())
    assert response.status_code in (302, 403)
    assert not Instrument.objects.filter(code="positieve-gezondheid").exists()
