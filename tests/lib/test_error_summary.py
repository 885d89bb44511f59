# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The error summary after a failed submit: each link leads to its field; for a group of options to the first one
(Django gives such a group no id of its own, so a link to it would lead nowhere)."""

from __future__ import annotations

from django import forms


class Choice(forms.Form):
    method = forms.ChoiceField(
        choices=[("mondeling", "Mondeling"), ("schriftelijk", "Schriftelijk")], widget=forms.RadioSelect
    )
    categories = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple)
    name = forms.CharField()


def test_links_of_option_groups_point_at_their_first_option():
    html = str(Choice({}))
    assert 'href="#id_method_0"' in html
    assert 'href="#id_categories_0"' in html
    assert 'id="id_method_0"' in html


def test_a_plain_field_keeps_its_own_id():
    assert 'href="#id_name"' in str(Choice({}))


def test_the_summary_can_take_the_focus():
    html = str(Choice({}))
    assert 'id="formulierfouten"' in html and 'tabindex="-1"' in html
