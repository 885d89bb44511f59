# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The public request form names the purpose of each personal field (WCAG 1.3.5, autocomplete)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "purpose"),
    [
        ("first_name", "given-name"),
        ("last_name", "family-name"),
        ("postcode", "postal-code"),
        ("phone", "tel"),
        ("email", "email"),
    ],
)
def test_each_personal_field_says_its_purpose(client, field, purpose):
    page = client.get(reverse("intake:public")).content.decode()
    tag = re.search(rf'<input[^>]*name="{field}"[^>]*>', page)
    assert tag, field
    assert f'autocomplete="{purpose}"' in tag.group(0)
