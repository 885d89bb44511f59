# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Every form through the renderer in eenplan/lib (issue 17): checkboxes and radio buttons in the design system's
(Utrecht) style, required fields marked for assistive technology, and the favicon on every page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django import forms
from django.conf import settings

import eenplan


class Example(forms.Form):
    name = forms.CharField(label="Naam")
    note = forms.CharField(label="Notitie", required=False)
    agree = forms.BooleanField(label="Akkoord", required=False)
    method = forms.ChoiceField(label="Hoe", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    kinds = forms.MultipleChoiceField(
        label="Soorten", choices=[("x", "X")], widget=forms.CheckboxSelectMultiple, required=False
    )
    secret = forms.CharField(widget=forms.HiddenInput, required=True)


@pytest.fixture
def html() -> str:
    return str(Example())


def test_a_required_field_says_so_to_assistive_technology(html):
    assert 'name="name" id="id_name" aria-required="true"' in html


def test_an_optional_field_is_not_marked_required(html):
    assert 'name="note" id="id_note">' in html


def test_a_hidden_field_is_not_marked_required(html):
    assert 'name="secret" id="id_secret">' in html


def test_a_checkbox_has_the_design_system_classes(html):
    assert 'id="id_agree" class="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"' in html
    assert 'id="id_kinds_0" class="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"' in html


def test_a_radio_button_has_the_design_system_classes(html):
    assert 'id="id_method_0" class="utrecht-radio-button utrecht-radio-button--html-input"' in html


def test_a_required_radio_group_is_a_required_radiogroup(html):
    assert 'class="utrecht-form-fieldset" role="radiogroup" aria-required="true"' in html


def test_a_radio_button_itself_carries_no_aria_required(html):
    assert 'type="radio" name="method" value="a" aria-required' not in html


@pytest.mark.django_db
def test_the_favicon_exists_and_every_page_links_it(client):
    assert (Path(eenplan.__file__).parent / "static" / "favicon.svg").read_text().startswith("<svg")
    page = client.get(settings.LOGIN_URL).content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
